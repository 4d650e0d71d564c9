import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolvePlatformConfig } from '../../../src/platform/create_platform.js';
import { type LaunchVariableOptions, substituteLaunchVariables } from '../../../src/platform/launch/substitute_launch_variables.js';
import { createMemoryStores } from '../../../src/stores/memory.js';

const config = resolvePlatformConfig({
  issuer: 'https://lms.example.edu',
  stores: createMemoryStores(),
  product: { guid: 'lms.example.edu', name: 'Example LMS', productFamilyCode: 'examplelms', version: '5.2' },
});

const request = {
  user: { id: 'u-7', name: 'Ada Lovelace', email: 'ada@example.edu', picture: 'https://lms.example.edu/ada.png', locale: 'en-GB' },
  roleScopeMentor: ['u-1', 'u-2'],
  context: { id: 'ctx-1', title: 'Calculus I' },
  resourceLink: { id: 'rl-1', title: 'Week 3 quiz' },
  presentation: { documentTarget: 'window', width: 640 },
};

const options = (overrides: Partial<LaunchVariableOptions> = {}): LaunchVariableOptions => ({
  config,
  returnUrl: 'https://lms.example.edu/lti/return?launch=l-1',
  roles: ['Instructor', 'Mentor'],
  claims: ['name', 'email', 'picture'],
  ...overrides,
});

describe('substituteLaunchVariables', () => {
  it('resolves the variables every launch knows (CUST-002) and leaves unknown ones literal (CUST-003)', () => {
    const custom = {
      uid: '$User.id',
      mentees: '$User.scope.mentor',
      course: '$Context.title',
      link: '$ResourceLink.title',
      lms: '$ToolPlatform.productFamilyCode',
      roles: '$Membership.role',
      back: '$Message.returnUrl',
      target: '$Message.documentTarget',
      width: '$Message.width',
      height: '$Message.height',
      locale: '$Message.locale',
      unknown: '$Foo.bar',
    };
    assert.deepEqual(substituteLaunchVariables(custom, request, options()), {
      uid: 'u-7',
      mentees: 'u-1,u-2',
      course: 'Calculus I',
      link: 'Week 3 quiz',
      lms: 'examplelms',
      roles: 'Instructor,Mentor',
      back: 'https://lms.example.edu/lti/return?launch=l-1',
      target: 'window',
      width: '640',
      height: '$Message.height',
      locale: 'en-GB',
      unknown: '$Foo.bar',
    });
  });

  it('adds the launch kind\u2019s own variables, the request\u2019s `variables` winning over both', () => {
    const custom = { type: '$Context.type', end: '$CourseSection.timeFrame.end', uid: '$User.id' };
    const result = substituteLaunchVariables(
      custom,
      { ...request, variables: { '$CourseSection.timeFrame.end': '2026-06-30T23:59:59Z', '$User.id': 'given' } },
      options({ more: { '$Context.type': 'CourseOffering', '$User.id': 'more' } }),
    );
    assert.deepEqual(result, { type: 'CourseOffering', end: '2026-06-30T23:59:59Z', uid: 'given' });
  });

  it('resolves a personal-data variable only when the tool may receive its claim, for the actual person too (CUST-006)', () => {
    const custom = { who: '$Person.name.full', mail: '$Person.email.primary', real: '$ActualPerson.name.full', realMail: '$ActualPerson.email.primary' };
    const withActual = { ...request, variables: { '$ActualPerson.name.full': 'Grace Hopper', '$ActualPerson.email.primary': 'grace@example.edu' } };
    assert.deepEqual(substituteLaunchVariables(custom, withActual, options({ claims: ['email'] })), {
      who: '$Person.name.full',
      mail: 'ada@example.edu',
      real: '$ActualPerson.name.full',
      realMail: 'grace@example.edu',
    });
  });

  it('resolves no personal-data variable for a tool that may receive only the locale (CUST-006)', () => {
    const custom = { sourced: '$Person.sourcedId', username: '$User.username', uid: '$User.id' };
    const withPersonal = { ...request, user: { ...request.user, sourcedId: 'sis-1', username: 'ada' } };
    assert.deepEqual(substituteLaunchVariables(custom, withPersonal, options({ claims: ['locale'] })), { sourced: '$Person.sourcedId', username: '$User.username', uid: 'u-7' });
    assert.deepEqual(substituteLaunchVariables(custom, withPersonal, options({ claims: ['email'] })), { sourced: 'sis-1', username: 'ada', uid: 'u-7' });
  });
});
