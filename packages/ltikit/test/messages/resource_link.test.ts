import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateCommonLaunchClaims, validateResourceLinkClaims } from '../../src/messages/resource_link.js';
import { LTI_CLAIM } from '../../src/vocab/claims.js';
import { CONTEXT_TYPE } from '../../src/vocab/context_types.js';
import { CONTEXT_ROLE, CONTEXT_SUB_ROLE, INSTITUTION_ROLE } from '../../src/vocab/roles.js';
import { throwsLtiError } from '../support/assert_lti_error.js';

/** A valid LtiResourceLinkRequest payload (OIDC claims are not this validator's business). */
function payload(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    iss: 'https://lms.example.edu',
    aud: 'c-7731',
    sub: 'a3f0c2e1',
    exp: 1_767_225_900,
    iat: 1_767_225_600,
    nonce: 'n-1',
    [LTI_CLAIM.messageType]: 'LtiResourceLinkRequest',
    [LTI_CLAIM.version]: '1.3.0',
    [LTI_CLAIM.deploymentId]: 'dep-01',
    [LTI_CLAIM.targetLinkUri]: 'https://tool.example.com/lti/launch',
    [LTI_CLAIM.resourceLink]: { id: 'rl-5c8e', title: 'Week 3 quiz', description: 'Practice quiz' },
    [LTI_CLAIM.roles]: [CONTEXT_ROLE.Instructor],
    ...overrides,
  };
}

function without(...claims: string[]): Record<string, unknown> {
  const value = payload();
  for (const claim of claims) delete value[claim];
  return value;
}

describe('validateCommonLaunchClaims: order of checks', () => {
  it('reports the version first when everything is missing', () => {
    throwsLtiError(() => validateCommonLaunchClaims({}), 'ERR_LTI_VERSION_MISSING');
  });

  it('then the message type, the deployment id, the roles', () => {
    const versionOnly = { [LTI_CLAIM.version]: '1.3.0' };
    throwsLtiError(() => validateCommonLaunchClaims(versionOnly), 'ERR_LTI_MESSAGE_TYPE_MISSING');
    const withType = { ...versionOnly, [LTI_CLAIM.messageType]: 'LtiResourceLinkRequest' };
    throwsLtiError(() => validateCommonLaunchClaims(withType), 'ERR_LTI_DEPLOYMENT_ID_MISSING');
    const withDeployment = { ...withType, [LTI_CLAIM.deploymentId]: 'dep-01' };
    throwsLtiError(() => validateCommonLaunchClaims(withDeployment), 'ERR_LTI_ROLES_MISSING');
    const withRoles = { ...withDeployment, [LTI_CLAIM.roles]: [], sub: '' };
    throwsLtiError(() => validateCommonLaunchClaims(withRoles), 'ERR_LTI_SUBJECT_EMPTY');
  });

  it('reports an unsupported version before a missing message type', () => {
    const error = throwsLtiError(() => validateCommonLaunchClaims({ [LTI_CLAIM.version]: '11.3' }), 'ERR_LTI_VERSION_UNSUPPORTED');
    assert.deepEqual(error.detail, { version: '11.3' });
  });

  it('treats null and "" versions as missing and a numeric version as unsupported', () => {
    throwsLtiError(() => validateCommonLaunchClaims(payload({ [LTI_CLAIM.version]: null })), 'ERR_LTI_VERSION_MISSING');
    throwsLtiError(() => validateCommonLaunchClaims(payload({ [LTI_CLAIM.version]: '' })), 'ERR_LTI_VERSION_MISSING');
    throwsLtiError(() => validateCommonLaunchClaims(payload({ [LTI_CLAIM.version]: 1.3 })), 'ERR_LTI_VERSION_UNSUPPORTED');
    throwsLtiError(() => validateCommonLaunchClaims(payload({ [LTI_CLAIM.version]: '1.3' })), 'ERR_LTI_VERSION_UNSUPPORTED');
  });

  it('treats empty message type and deployment id as missing, and non-strings as invalid naming the claim', () => {
    throwsLtiError(() => validateCommonLaunchClaims(payload({ [LTI_CLAIM.messageType]: '' })), 'ERR_LTI_MESSAGE_TYPE_MISSING');
    const type = throwsLtiError(() => validateCommonLaunchClaims(payload({ [LTI_CLAIM.messageType]: 7 })), 'ERR_LTI_CLAIM_INVALID');
    assert.equal(type.detail?.claim, LTI_CLAIM.messageType);
    throwsLtiError(() => validateCommonLaunchClaims(payload({ [LTI_CLAIM.deploymentId]: '' })), 'ERR_LTI_DEPLOYMENT_ID_MISSING');
    const deployment = throwsLtiError(() => validateCommonLaunchClaims(payload({ [LTI_CLAIM.deploymentId]: 42 })), 'ERR_LTI_CLAIM_INVALID');
    assert.equal(deployment.detail?.claim, LTI_CLAIM.deploymentId);
  });

  it('treats null roles as missing and refuses roles that are not an array of strings', () => {
    throwsLtiError(() => validateCommonLaunchClaims(payload({ [LTI_CLAIM.roles]: null })), 'ERR_LTI_ROLES_MISSING');
    const error = throwsLtiError(() => validateCommonLaunchClaims(payload({ [LTI_CLAIM.roles]: 'Instructor' })), 'ERR_LTI_CLAIM_INVALID');
    assert.equal(error.detail?.claim, LTI_CLAIM.roles);
    const entry = throwsLtiError(() => validateCommonLaunchClaims(payload({ [LTI_CLAIM.roles]: [CONTEXT_ROLE.Learner, 3] })), 'ERR_LTI_CLAIM_INVALID');
    assert.deepEqual(entry.detail, { claim: LTI_CLAIM.roles, path: '1' });
  });

  it('refuses a sub that is empty or not a string, and accepts an absent sub (anonymous)', () => {
    throwsLtiError(() => validateCommonLaunchClaims(payload({ sub: '' })), 'ERR_LTI_SUBJECT_EMPTY');
    assert.equal(throwsLtiError(() => validateCommonLaunchClaims(payload({ sub: 12 })), 'ERR_LTI_CLAIM_INVALID').detail?.claim, 'sub');
    throwsLtiError(() => validateCommonLaunchClaims(payload({ sub: null })), 'ERR_LTI_SUBJECT_EMPTY');
    assert.equal(validateCommonLaunchClaims(without('sub')).userId, undefined);
  });

  it('refuses a non-string target_link_uri, naming the claim', () => {
    const error = throwsLtiError(() => validateCommonLaunchClaims(payload({ [LTI_CLAIM.targetLinkUri]: ['x'] })), 'ERR_LTI_CLAIM_INVALID');
    assert.equal(error.detail?.claim, LTI_CLAIM.targetLinkUri);
    assert.equal(validateCommonLaunchClaims(without(LTI_CLAIM.targetLinkUri)).targetLinkUri, undefined);
  });
});

describe('validateCommonLaunchClaims: optional claim shapes', () => {
  it('refuses a context without id, naming the claim and the path', () => {
    const error = throwsLtiError(
      () => validateCommonLaunchClaims(payload({ [LTI_CLAIM.context]: { label: 'MATH101', title: 'Calculus I' } })),
      'ERR_LTI_CLAIM_INVALID',
    );
    assert.deepEqual(error.detail, { claim: LTI_CLAIM.context, path: 'id' });
  });

  it('refuses a context with an empty, numeric or over-long id', () => {
    for (const id of ['', 991, 'x'.repeat(256)]) {
      const error = throwsLtiError(() => validateCommonLaunchClaims(payload({ [LTI_CLAIM.context]: { id } })), 'ERR_LTI_CLAIM_INVALID');
      assert.equal(error.detail?.claim, LTI_CLAIM.context);
    }
    assert.equal(validateCommonLaunchClaims(payload({ [LTI_CLAIM.context]: { id: 'x'.repeat(255) } })).context?.id.length, 255);
  });

  it('refuses a context whose type is not an array of strings', () => {
    const error = throwsLtiError(
      () => validateCommonLaunchClaims(payload({ [LTI_CLAIM.context]: { id: 'c', type: CONTEXT_TYPE.CourseOffering } })),
      'ERR_LTI_CLAIM_INVALID',
    );
    assert.deepEqual(error.detail, { claim: LTI_CLAIM.context, path: 'type' });
  });

  it('reads a null optional claim as absent', () => {
    const claims = validateCommonLaunchClaims(payload({ [LTI_CLAIM.context]: null, [LTI_CLAIM.custom]: null }));
    assert.equal(claims.context, undefined);
    assert.deepEqual(claims.custom, {});
  });

  it('refuses a tool_platform without guid', () => {
    const error = throwsLtiError(() => validateCommonLaunchClaims(payload({ [LTI_CLAIM.toolPlatform]: { name: 'LMS' } })), 'ERR_LTI_CLAIM_INVALID');
    assert.deepEqual(error.detail, { claim: LTI_CLAIM.toolPlatform, path: 'guid' });
  });

  it('accepts the three document targets and refuses any other', () => {
    for (const target of ['iframe', 'frame', 'window']) {
      const claims = validateCommonLaunchClaims(payload({ [LTI_CLAIM.launchPresentation]: { document_target: target } }));
      assert.equal(claims.launchPresentation?.document_target, target);
    }
    for (const target of ['embed', 'popup', 'IFRAME', '']) {
      const error = throwsLtiError(
        () => validateCommonLaunchClaims(payload({ [LTI_CLAIM.launchPresentation]: { document_target: target } })),
        'ERR_LTI_CLAIM_INVALID',
      );
      assert.deepEqual(error.detail, { claim: LTI_CLAIM.launchPresentation, path: 'document_target' });
    }
  });

  it('refuses a non-numeric launch_presentation height', () => {
    const error = throwsLtiError(
      () => validateCommonLaunchClaims(payload({ [LTI_CLAIM.launchPresentation]: { height: '600px' } })),
      'ERR_LTI_CLAIM_INVALID',
    );
    assert.deepEqual(error.detail, { claim: LTI_CLAIM.launchPresentation, path: 'height' });
  });

  it('reads numeric and boolean custom values as strings', () => {
    const claims = validateCommonLaunchClaims(payload({ [LTI_CLAIM.custom]: { chapter: 3, ratio: 0.5, graded: true, name: 'x' } }));
    assert.deepEqual(claims.custom, { chapter: '3', ratio: '0.5', graded: 'true', name: 'x' });
  });

  it('refuses object, array and null custom values, naming the key', () => {
    for (const value of [{ nested: 'x' }, ['a'], null]) {
      const error = throwsLtiError(() => validateCommonLaunchClaims(payload({ [LTI_CLAIM.custom]: { ok: 'x', bad: value } })), 'ERR_LTI_CLAIM_INVALID');
      assert.deepEqual(error.detail, { claim: LTI_CLAIM.custom, path: 'bad' });
    }
  });

  it('refuses a custom claim that is not an object', () => {
    const error = throwsLtiError(() => validateCommonLaunchClaims(payload({ [LTI_CLAIM.custom]: 'a=1' })), 'ERR_LTI_CLAIM_INVALID');
    assert.equal(error.detail?.claim, LTI_CLAIM.custom);
  });

  it('refuses a role_scope_mentor that is not an array of strings', () => {
    const error = throwsLtiError(() => validateCommonLaunchClaims(payload({ [LTI_CLAIM.roleScopeMentor]: 'u-1' })), 'ERR_LTI_CLAIM_INVALID');
    assert.equal(error.detail?.claim, LTI_CLAIM.roleScopeMentor);
  });

  it('ignores unknown claims and keeps unknown members of known claims (VAL-020)', () => {
    const claims = validateCommonLaunchClaims(payload({ 'https://example.com/claim/extra': { x: 1 }, [LTI_CLAIM.context]: { id: 'c', vendor_field: 1 } }));
    assert.equal(claims.context?.id, 'c');
    assert.equal((claims.context as unknown as Record<string, unknown>).vendor_field, 1);
  });
});

describe('validateCommonLaunchClaims: values', () => {
  it('keeps roles as sent and normalizes context roles (ROLE-002..006)', () => {
    const roles = ['Instructor', CONTEXT_SUB_ROLE.Instructor.TeachingAssistant, INSTITUTION_ROLE.Faculty, 'http://purl.imsglobal.org/vocab/lis/v2/unknown/unknown#Helper', ''];
    const claims = validateCommonLaunchClaims(payload({ [LTI_CLAIM.roles]: roles }));
    assert.deepEqual(claims.roles, roles);
    assert.deepEqual(claims.contextRoles, [CONTEXT_ROLE.Instructor, CONTEXT_SUB_ROLE.Instructor.TeachingAssistant]);
  });

  it('accepts an empty roles array and [""] (ROLE-003)', () => {
    assert.deepEqual(validateCommonLaunchClaims(payload({ [LTI_CLAIM.roles]: [] })).contextRoles, []);
    const claims = validateCommonLaunchClaims(payload({ [LTI_CLAIM.roles]: [''] }));
    assert.deepEqual(claims.roles, ['']);
    assert.deepEqual(claims.contextRoles, []);
  });

  it('maps the personal claims that are non-empty strings only', () => {
    const claims = validateCommonLaunchClaims(
      payload({ name: 'Ada Lovelace', given_name: 'Ada', family_name: '', middle_name: 7, email: 'ada@example.edu', picture: null, locale: 'en-GB' }),
    );
    assert.deepEqual(claims.person, { name: 'Ada Lovelace', givenName: 'Ada', email: 'ada@example.edu', locale: 'en-GB' });
    assert.deepEqual(validateCommonLaunchClaims(payload()).person, {});
  });

  it('returns the ids and claims of a full launch', () => {
    const claims = validateCommonLaunchClaims(
      payload({
        [LTI_CLAIM.context]: { id: 'ctx-991', label: 'MATH101', type: [CONTEXT_TYPE.CourseOffering] },
        [LTI_CLAIM.lis]: { person_sourcedid: 'p-1' },
        [LTI_CLAIM.roleScopeMentor]: ['u-2'],
      }),
    );
    assert.equal(claims.messageType, 'LtiResourceLinkRequest');
    assert.equal(claims.deploymentId, 'dep-01');
    assert.equal(claims.userId, 'a3f0c2e1');
    assert.equal(claims.targetLinkUri, 'https://tool.example.com/lti/launch');
    assert.deepEqual(claims.context, { id: 'ctx-991', label: 'MATH101', type: [CONTEXT_TYPE.CourseOffering] });
    assert.deepEqual(claims.lis, { person_sourcedid: 'p-1' });
    assert.deepEqual(claims.roleScopeMentor, ['u-2']);
    assert.equal(claims.toolPlatform, undefined);
  });
});

describe('validateResourceLinkClaims', () => {
  it('returns the resource link', () => {
    const claims = validateResourceLinkClaims(payload());
    assert.equal(claims.messageType, 'LtiResourceLinkRequest');
    assert.deepEqual(claims.resourceLink, { id: 'rl-5c8e', title: 'Week 3 quiz', description: 'Practice quiz' });
  });

  it('strips a null title and description', () => {
    const claims = validateResourceLinkClaims(payload({ [LTI_CLAIM.resourceLink]: { id: 'rl-1', title: null, description: null } }));
    assert.deepEqual(claims.resourceLink, { id: 'rl-1' });
    assert.ok(!('title' in claims.resourceLink));
  });

  it('refuses another message type', () => {
    const error = throwsLtiError(() => validateResourceLinkClaims(payload({ [LTI_CLAIM.messageType]: 'LtiDeepLinkingRequest' })), 'ERR_LTI_MESSAGE_TYPE_UNSUPPORTED');
    assert.deepEqual(error.detail, { messageType: 'LtiDeepLinkingRequest' });
  });

  it('checks the common claims before the resource link', () => {
    const value = without(LTI_CLAIM.resourceLink, LTI_CLAIM.roles);
    throwsLtiError(() => validateResourceLinkClaims(value), 'ERR_LTI_ROLES_MISSING');
  });

  it('refuses a missing, null, non-object or id-less resource link (VAL-016)', () => {
    throwsLtiError(() => validateResourceLinkClaims(without(LTI_CLAIM.resourceLink)), 'ERR_LTI_RESOURCE_LINK_MISSING');
    for (const link of [null, 'rl-1', {}, { id: '' }, { title: 'no id' }]) {
      throwsLtiError(() => validateResourceLinkClaims(payload({ [LTI_CLAIM.resourceLink]: link })), 'ERR_LTI_RESOURCE_LINK_MISSING');
    }
  });

  it('refuses a resource link id that is not a string or is over 255 characters', () => {
    for (const id of [5, 'x'.repeat(256)]) {
      const error = throwsLtiError(() => validateResourceLinkClaims(payload({ [LTI_CLAIM.resourceLink]: { id } })), 'ERR_LTI_CLAIM_INVALID');
      assert.deepEqual(error.detail, { claim: LTI_CLAIM.resourceLink, path: 'id' });
    }
  });

  it('refuses a non-string title', () => {
    const error = throwsLtiError(() => validateResourceLinkClaims(payload({ [LTI_CLAIM.resourceLink]: { id: 'rl', title: 3 } })), 'ERR_LTI_CLAIM_INVALID');
    assert.deepEqual(error.detail, { claim: LTI_CLAIM.resourceLink, path: 'title' });
  });
});
