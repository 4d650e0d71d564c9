import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolvePlatformConfig } from '../../../src/platform/create_platform.js';
import { type LaunchRequest, type PendingLaunch, buildResourceLinkPayload, checkLaunchRequest } from '../../../src/platform/launch/launch_request.js';
import { createMemoryStores } from '../../../src/stores/memory.js';
import type { PersonalDataClaim, ToolRegistration } from '../../../src/stores/types.js';
import { LTI_CLAIM } from '../../../src/vocab/claims.js';
import { CONTEXT_TYPE } from '../../../src/vocab/context_types.js';
import { CONTEXT_ROLE, CONTEXT_SUB_ROLE, INSTITUTION_ROLE } from '../../../src/vocab/roles.js';
import { throwsLtiError } from '../../support/assert_lti_error.js';

const T0 = 1_767_225_600;
const ISSUER = 'https://lms.example.edu';

const config = resolvePlatformConfig({
  issuer: ISSUER,
  stores: createMemoryStores(),
  product: { guid: 'lms.example.edu', name: 'Example LMS', productFamilyCode: 'examplelms', version: '5.2' },
  idTokenLifetimeSeconds: 300,
});

const ALL_CLAIMS: PersonalDataClaim[] = ['name', 'given_name', 'family_name', 'middle_name', 'email', 'picture', 'locale'];

const tool = (overrides: Partial<ToolRegistration> = {}): ToolRegistration => ({
  clientId: 'c-7731',
  name: 'Quiz tool',
  deploymentIds: ['dep-01'],
  initiateLoginUri: 'https://tool.example.com/lti/login',
  redirectUris: ['https://tool.example.com/lti/launch'],
  targetLinkUri: 'https://tool.example.com/lti/launch',
  claims: ALL_CLAIMS,
  ...overrides,
});

const user = {
  id: 'a3f0c2e1',
  name: 'Ada Lovelace',
  givenName: 'Ada',
  familyName: 'Lovelace',
  middleName: 'King',
  email: 'ada@example.edu',
  picture: 'https://lms.example.edu/ada.png',
  locale: 'en-GB',
  username: 'alovelace',
  sourcedId: 'sis-42',
};

const request = (overrides: Partial<LaunchRequest> = {}): LaunchRequest => ({
  clientId: 'c-7731',
  deploymentId: 'dep-01',
  user,
  roles: [CONTEXT_ROLE.Instructor, INSTITUTION_ROLE.Faculty],
  context: { id: 'ctx-991', label: 'MATH101', title: 'Calculus I' },
  resourceLink: { id: 'rl-5c8e', title: 'Week 3 quiz', description: 'Practice quiz' },
  ...overrides,
});

const pending = (launchRequest: LaunchRequest = request(), targetLinkUri = 'https://tool.example.com/lti/launch'): PendingLaunch => ({
  launchId: 'launch-1',
  request: launchRequest,
  targetLinkUri,
  issuedAt: T0,
});

const build = (launchRequest: LaunchRequest = request(), registration: ToolRegistration = tool()) =>
  buildResourceLinkPayload(pending(launchRequest), registration, { nonce: 'n-0S6', now: T0, config });

const RETURN_URL = 'https://lms.example.edu/lti/return?launch=launch-1';

describe('buildResourceLinkPayload: an instructor launch (MSG-001..003)', () => {
  it('emits every required and optional claim, and nothing else', () => {
    const payload = build(
      request({
        presentation: { documentTarget: 'window', height: 600, width: 800, locale: 'fr-FR' },
        lis: { person_sourcedid: 'sis-42', course_offering_sourcedid: 'math101-2026' },
        custom: { chapter: '3' },
        claims: {
          'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint': { scope: [], lineitems: 'https://lms.example.edu/li' },
          'https://example.com/dropped': undefined,
          'https://example.com/also-dropped': null,
        },
      }),
    );
    assert.deepEqual(payload, {
      iss: ISSUER,
      aud: 'c-7731',
      azp: 'c-7731',
      sub: 'a3f0c2e1',
      exp: T0 + 300,
      iat: T0,
      nonce: 'n-0S6',
      name: 'Ada Lovelace',
      given_name: 'Ada',
      family_name: 'Lovelace',
      middle_name: 'King',
      email: 'ada@example.edu',
      picture: 'https://lms.example.edu/ada.png',
      locale: 'fr-FR',
      [LTI_CLAIM.messageType]: 'LtiResourceLinkRequest',
      [LTI_CLAIM.version]: '1.3.0',
      [LTI_CLAIM.deploymentId]: 'dep-01',
      [LTI_CLAIM.targetLinkUri]: 'https://tool.example.com/lti/launch',
      [LTI_CLAIM.resourceLink]: { id: 'rl-5c8e', title: 'Week 3 quiz', description: 'Practice quiz' },
      [LTI_CLAIM.roles]: [CONTEXT_ROLE.Instructor, INSTITUTION_ROLE.Faculty],
      [LTI_CLAIM.context]: { id: 'ctx-991', type: [CONTEXT_TYPE.CourseOffering], label: 'MATH101', title: 'Calculus I' },
      [LTI_CLAIM.toolPlatform]: { guid: 'lms.example.edu', name: 'Example LMS', version: '5.2', product_family_code: 'examplelms' },
      [LTI_CLAIM.launchPresentation]: { document_target: 'window', return_url: RETURN_URL, height: 600, width: 800, locale: 'fr-FR' },
      [LTI_CLAIM.lis]: { person_sourcedid: 'sis-42', course_offering_sourcedid: 'math101-2026' },
      [LTI_CLAIM.custom]: { chapter: '3' },
      'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint': { scope: [], lineitems: 'https://lms.example.edu/li' },
    });
  });

  it('omits optional claims rather than sending null or undefined (MSG-001)', () => {
    const payload = build(request({ context: undefined, resourceLink: { id: 'rl-1' }, user: { id: 'u-1' } }), tool({ claims: [] }));
    for (const [claim, value] of Object.entries(payload)) {
      assert.ok(value !== null && value !== undefined, `${claim} is ${String(value)}`);
    }
    assert.deepEqual(payload[LTI_CLAIM.resourceLink], { id: 'rl-1' });
    assert.ok(!(LTI_CLAIM.context in payload));
    assert.ok(!(LTI_CLAIM.custom in payload));
    assert.ok(!(LTI_CLAIM.lis in payload));
    assert.ok(!(LTI_CLAIM.roleScopeMentor in payload));
    assert.deepEqual(payload[LTI_CLAIM.launchPresentation], { document_target: 'iframe', return_url: RETURN_URL });
  });

  it('uses the pending launch target_link_uri', () => {
    const payload = buildResourceLinkPayload(pending(request(), 'https://tool.example.com/lti/deep'), tool(), { nonce: 'n', now: T0, config });
    assert.equal(payload[LTI_CLAIM.targetLinkUri], 'https://tool.example.com/lti/deep');
  });

  it('defaults the context type to CourseOffering and keeps a given one', () => {
    assert.deepEqual(build()[LTI_CLAIM.context]?.type, [CONTEXT_TYPE.CourseOffering]);
    const section = build(request({ context: { id: 'c', type: [CONTEXT_TYPE.CourseSection] } }));
    assert.deepEqual(section[LTI_CLAIM.context], { id: 'c', type: [CONTEXT_TYPE.CourseSection] });
  });

  it('sends role_scope_mentor only when it lists someone (ROLE-007)', () => {
    assert.deepEqual(build(request({ roles: [CONTEXT_ROLE.Mentor], roleScopeMentor: ['u-2', 'u-3'] }))[LTI_CLAIM.roleScopeMentor], ['u-2', 'u-3']);
    assert.ok(!(LTI_CLAIM.roleScopeMentor in build(request({ roleScopeMentor: [] }))));
  });
});

describe('buildResourceLinkPayload: roles (ROLE-005)', () => {
  it('adds the principal role after a sub-role', () => {
    const payload = build(request({ roles: [CONTEXT_SUB_ROLE.Instructor.TeachingAssistant] }));
    assert.deepEqual(payload[LTI_CLAIM.roles], [CONTEXT_SUB_ROLE.Instructor.TeachingAssistant, CONTEXT_ROLE.Instructor]);
  });

  it('does not repeat a principal already sent, and keeps unknown roles', () => {
    const unknown = 'http://purl.imsglobal.org/vocab/lis/v2/unknown/unknown#Helper';
    const payload = build(request({ roles: [CONTEXT_ROLE.Instructor, CONTEXT_SUB_ROLE.Instructor.Grader, unknown] }));
    assert.deepEqual(payload[LTI_CLAIM.roles], [CONTEXT_ROLE.Instructor, CONTEXT_SUB_ROLE.Instructor.Grader, unknown]);
  });

  it('sends an empty roles array when there are none', () => {
    assert.deepEqual(build(request({ roles: [] }))[LTI_CLAIM.roles], []);
  });
});

describe('buildResourceLinkPayload: personal data (MSG-004)', () => {
  const PII = ['name', 'given_name', 'family_name', 'middle_name', 'email', 'picture', 'locale'];

  it('sends no personal claim when none is allowed, but always sub and roles', () => {
    const payload = build(request(), tool({ claims: [] }));
    for (const claim of PII) assert.ok(!(claim in payload), claim);
    assert.equal(payload.sub, 'a3f0c2e1');
    assert.deepEqual(payload[LTI_CLAIM.roles], [CONTEXT_ROLE.Instructor, INSTITUTION_ROLE.Faculty]);
    assert.ok(!(LTI_CLAIM.lis in build(request({ lis: { person_sourcedid: 'sis-42' } }), tool({ claims: [] }))));
  });

  for (const allowed of PII) {
    it(`sends only ${allowed} when only ${allowed} is allowed`, () => {
      const payload = build(request(), tool({ claims: [allowed as PersonalDataClaim] }));
      assert.deepEqual(
        PII.filter((claim) => claim in payload),
        [allowed],
      );
    });
  }

  it('sends name and email only, as the end-to-end registration does', () => {
    const payload = build(request(), tool({ claims: ['name', 'email'] }));
    assert.equal(payload.name, 'Ada Lovelace');
    assert.equal(payload.email, 'ada@example.edu');
    assert.ok(!('picture' in payload));
    assert.ok(!('given_name' in payload));
  });

  it('does not send an allowed claim the user does not have', () => {
    assert.ok(!('email' in build(request({ user: { id: 'u-1' } }), tool({ claims: ['email'] }))));
  });
});

describe('buildResourceLinkPayload: custom parameters (CUST-001..006)', () => {
  it('merges registration < link < message (CUST-004)', () => {
    const payload = build(
      request({
        resourceLink: { id: 'rl-1', custom: { link: 'link', both: 'link', all: 'link' } },
        custom: { message: 'message', all: 'message' },
      }),
      tool({ customParameters: { registration: 'registration', both: 'registration', all: 'registration' } }),
    );
    assert.deepEqual(payload[LTI_CLAIM.custom], { registration: 'registration', both: 'link', all: 'message', link: 'link', message: 'message' });
  });

  it('substitutes known variables and leaves unknown ones literal (CUST-002, CUST-003)', () => {
    const payload = build(
      request({
        custom: {
          uid: '$User.id',
          ctx: '$Context.id',
          label: '$Context.label',
          rl: '$ResourceLink.id',
          rl_title: '$ResourceLink.title',
          role: '$Membership.role',
          guid: '$ToolPlatformInstance.guid',
          family: '$ToolPlatform.productFamilyCode',
          ret: '$Message.returnUrl',
          target: '$Message.documentTarget',
          unknown: '$Unsupported.var',
          sec_end: '$CourseSection.timeFrame.end',
          literal: 'plain $User.id',
        },
        presentation: { documentTarget: 'frame' },
        roles: [CONTEXT_SUB_ROLE.Instructor.TeachingAssistant],
        variables: { '$CourseSection.timeFrame.end': '2026-06-30T23:59:59Z' },
      }),
    );
    assert.deepEqual(payload[LTI_CLAIM.custom], {
      uid: 'a3f0c2e1',
      ctx: 'ctx-991',
      label: 'MATH101',
      rl: 'rl-5c8e',
      rl_title: 'Week 3 quiz',
      role: `${CONTEXT_SUB_ROLE.Instructor.TeachingAssistant},${CONTEXT_ROLE.Instructor}`,
      guid: 'lms.example.edu',
      family: 'examplelms',
      ret: RETURN_URL,
      target: 'frame',
      unknown: '$Unsupported.var',
      sec_end: '2026-06-30T23:59:59Z',
      literal: 'plain $User.id',
    });
  });

  it('resolves $Context.id.history as a URL-encoded comma list, most recent first', () => {
    const payload = build(
      request({
        context: { id: 'ctx-3', idHistory: ['ctx,2', 'ctx 1/é'] },
        custom: { history: '$Context.id.history', type: '$Context.type' },
      }),
    );
    assert.deepEqual(payload[LTI_CLAIM.custom], { history: 'ctx%2C2,ctx%201%2F%C3%A9', type: CONTEXT_TYPE.CourseOffering });
  });

  it('resolves $Context.id.history to "" for a context that is not a copy, and leaves it literal without context', () => {
    assert.deepEqual(build(request({ custom: { history: '$Context.id.history' } }))[LTI_CLAIM.custom], { history: '' });
    assert.deepEqual(build(request({ context: undefined, custom: { history: '$Context.id.history', ctx: '$Context.id' } }))[LTI_CLAIM.custom], {
      history: '$Context.id.history',
      ctx: '$Context.id',
    });
  });

  it('resolves $ResourceLink.id.history URL-encoded', () => {
    const payload = build(request({ resourceLink: { id: 'rl-2', idHistory: ['rl,1'] }, custom: { history: '$ResourceLink.id.history' } }));
    assert.deepEqual(payload[LTI_CLAIM.custom], { history: 'rl%2C1' });
  });

  it('leaves personal-data variables literal when no personal data is allowed (CUST-006)', () => {
    const custom = { full: '$Person.name.full', email: '$Person.email.primary', username: '$User.username', image: '$User.image', sourced: '$Person.sourcedId', uid: '$User.id' };
    assert.deepEqual(build(request({ custom }), tool({ claims: [] }))[LTI_CLAIM.custom], { ...custom, uid: 'a3f0c2e1' });
    assert.deepEqual(build(request({ custom }), tool({ claims: ['locale'] }))[LTI_CLAIM.custom], { ...custom, uid: 'a3f0c2e1' });
  });

  it('resolves personal-data variables when personal data is allowed', () => {
    const custom = { full: '$Person.name.full', email: '$Person.email.primary', username: '$User.username', sourced: '$Person.sourcedId' };
    assert.deepEqual(build(request({ custom }))[LTI_CLAIM.custom], { full: 'Ada Lovelace', email: 'ada@example.edu', username: 'alovelace', sourced: 'sis-42' });
  });

  it('does not reveal through a variable a claim the tool may not receive (CUST-006 with MSG-004)', () => {
    const custom = { full: '$Person.name.full', given: '$Person.name.given', email: '$Person.email.primary', image: '$User.image' };
    const payload = build(request({ custom }), tool({ claims: ['name'] }));
    assert.equal(payload.email, undefined);
    assert.deepEqual(payload[LTI_CLAIM.custom], { full: 'Ada Lovelace', given: '$Person.name.given', email: '$Person.email.primary', image: '$User.image' });
  });

  it('lets application variables override built-in ones but not bypass the privacy setting', () => {
    const payload = build(
      request({ custom: { ctx: '$Context.id', email: '$Person.email.primary' }, variables: { '$Context.id': 'override', '$Person.email.primary': 'x@example.edu' } }),
      tool({ claims: [] }),
    );
    assert.deepEqual(payload[LTI_CLAIM.custom], { ctx: 'override', email: '$Person.email.primary' });
  });
});

describe('checkLaunchRequest', () => {
  const cases: Array<[string, (value: LaunchRequest) => LaunchRequest]> = [
    ['clientId', (value) => ({ ...value, clientId: '' })],
    ['deploymentId', (value) => ({ ...value, deploymentId: '' })],
    ['user.id', (value) => ({ ...value, user: { ...value.user, id: '' } })],
    ['user.id', (value) => ({ ...value, user: undefined as unknown as LaunchRequest['user'] })],
    ['resourceLink.id', (value) => ({ ...value, resourceLink: { id: '' } })],
    ['resourceLink.id', (value) => ({ ...value, resourceLink: undefined as unknown as LaunchRequest['resourceLink'] })],
    ['roles', (value) => ({ ...value, roles: undefined as unknown as string[] })],
    ['roles', (value) => ({ ...value, roles: 'Instructor' as unknown as string[] })],
    ['context.id', (value) => ({ ...value, context: { id: '' } })],
  ];
  for (const [field, change] of cases) {
    it(`names ${field} when it is missing`, () => {
      const error = throwsLtiError(() => checkLaunchRequest(change(request())), 'ERR_LTI_LAUNCH_INPUT_INVALID');
      assert.deepEqual(error.detail, { field });
    });
  }

  it('accepts a minimal launch: no context, empty roles', () => {
    checkLaunchRequest({ clientId: 'c', deploymentId: 'd', user: { id: 'u' }, roles: [], resourceLink: { id: 'r' } });
  });

  it('reports the first missing field in declaration order', () => {
    const error = throwsLtiError(() => checkLaunchRequest({ ...request(), clientId: '', deploymentId: '' }), 'ERR_LTI_LAUNCH_INPUT_INVALID');
    assert.deepEqual(error.detail, { field: 'clientId' });
  });
});

describe('checkLaunchRequest: extra claims never replace what the platform computes', () => {
  it('refuses reserved and personal-data claim names in `claims`, naming the field', () => {
    for (const claim of ['iss', 'aud', 'nonce', 'exp', LTI_CLAIM.deploymentId, LTI_CLAIM.roles, 'email']) {
      const error = throwsLtiError(() => checkLaunchRequest(request({ claims: { [claim]: 'x' } })), 'ERR_LTI_LAUNCH_INPUT_INVALID');
      assert.equal(error.detail?.field, `claims.${claim}`);
    }
    checkLaunchRequest(request({ claims: { 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint': { scope: [] } } }));
  });
});
