import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  isPersonalDataVariable,
  isSubstitutionVariable,
  PERSONAL_DATA_VARIABLES,
  SUBSTITUTION_VARIABLES,
} from '../../src/vocab/index.js';

const variables: readonly string[] = SUBSTITUTION_VARIABLES;

describe('SUBSTITUTION_VARIABLES', () => {
  it('is unique and well-formed ($Group.name[.name…])', () => {
    assert.equal(new Set(variables).size, variables.length);
    for (const name of variables) assert.match(name, /^\$[A-Z][A-Za-z]+(?:\.[A-Za-z][A-Za-z0-9]*)+$/, name);
  });

  it('covers every variable group of core-security.md §7', () => {
    const groups = new Set(variables.map((name) => name.slice(1, name.indexOf('.'))));
    assert.deepEqual([...groups].sort(), [
      'ActualPerson',
      'ActualUser',
      'Context',
      'CourseOffering',
      'CourseSection',
      'CourseTemplate',
      'Group',
      'Membership',
      'Message',
      'Person',
      'ResourceLink',
      'ToolPlatform',
      'ToolPlatformInstance',
      'User',
    ]);
  });

  it('contains the history and availability variables', () => {
    for (const name of [
      '$Context.id.history',
      '$ResourceLink.id.history',
      '$ResourceLink.available.startDateTime',
      '$ResourceLink.submission.user.endDateTime',
      '$ResourceLink.lineitem.user.releaseDateTime',
      '$CourseSection.timeFrame.end',
      '$User.scope.mentor',
      '$Membership.role.scope.mentor',
      '$ToolPlatformInstance.contactEmail',
      '$Message.documentTarget',
    ]) {
      assert.ok(variables.includes(name), name);
    }
  });

  it('mirrors $User.* as $ActualUser.* and $Person.* as $ActualPerson.*', () => {
    for (const [real, actual] of [
      ['$User.', '$ActualUser.'],
      ['$Person.', '$ActualPerson.'],
    ] as const) {
      const own = variables.filter((name) => name.startsWith(real)).map((name) => name.slice(real.length));
      const twin = variables.filter((name) => name.startsWith(actual)).map((name) => name.slice(actual.length));
      assert.ok(own.length > 0);
      assert.deepEqual(twin, own);
    }
  });
});

describe('isSubstitutionVariable', () => {
  it('accepts exact known names only (CUST-002, CUST-003)', () => {
    assert.equal(isSubstitutionVariable('$User.id'), true);
    assert.equal(isSubstitutionVariable('$Unsupported.var'), false);
    assert.equal(isSubstitutionVariable('User.id'), false);
    assert.equal(isSubstitutionVariable(' $User.id'), false);
    assert.equal(isSubstitutionVariable('$user.id'), false);
  });
});

describe('PERSONAL_DATA_VARIABLES', () => {
  it('holds the Person/ActualPerson variables and user names and images (CUST-006)', () => {
    const personal: readonly string[] = PERSONAL_DATA_VARIABLES;
    const expected = variables.filter(
      (name) =>
        name.startsWith('$Person.') ||
        name.startsWith('$ActualPerson.') ||
        ['$User.username', '$User.image', '$ActualUser.username', '$ActualUser.image'].includes(name),
    );
    assert.deepEqual(personal, expected);
    assert.equal(personal.length, 26 * 2 + 4);
  });

  it('does not include ids that reveal nobody', () => {
    for (const name of ['$User.id', '$ActualUser.id', '$Context.id', '$Membership.personSourcedId', '$ResourceLink.title']) {
      assert.equal(isPersonalDataVariable(name), false, name);
    }
    assert.equal(isPersonalDataVariable('$Person.email.primary'), true);
    assert.equal(isPersonalDataVariable('$ActualUser.username'), true);
  });

  it('is frozen', () => {
    assert.ok(Object.isFrozen(PERSONAL_DATA_VARIABLES));
  });
});
