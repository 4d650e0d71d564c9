// CERT-P-13 (certification.md §5, core-security.md §4.1, MSG-001): the required LTI claims are present
// and well-formed for instructor and learner launches — message_type, version 1.3.0, deployment_id,
// target_link_uri, resource_link.id, roles with valid role URIs, sub — and no claim is `null`. The
// payload also passes ltikit's own tool-side message validator. MSG-004: a tool granted no personal
// data still gets `sub` and `roles`, and no PII.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { decodeJwt } from 'jose';
import { validateResourceLinkClaims } from 'ltikit';
import { CONTEXT_ROLE, LTI_CLAIM, LTI_VERSION } from 'ltikit/vocab';
import {
  createPlatformHarness,
  INSTRUCTOR_ID,
  launchRequest,
  LEARNER_ID,
  parseForm,
  TOOL_DEPLOYMENT_ID,
  TOOL_REDIRECT_URI,
} from '../support/platform_harness.js';

async function issuedPayload(kind: 'instructor' | 'learner', tool: Parameters<typeof createPlatformHarness>[0] = {}) {
  const harness = await createPlatformHarness(tool);
  const initiation = await harness.createLaunch(launchRequest(kind));
  const response = await harness.authorize(harness.authenticationRequest(initiation));
  const idToken = parseForm(await response.text())?.fields.id_token;
  assert.ok(idToken);
  return decodeJwt(idToken) as Record<string, unknown>;
}

for (const [kind, sub, role] of [
  ['instructor', INSTRUCTOR_ID, CONTEXT_ROLE.Instructor],
  ['learner', LEARNER_ID, CONTEXT_ROLE.Learner],
] as const) {
  it(`CERT-P-13 the ${kind} launch carries every required claim`, async () => {
    const payload = await issuedPayload(kind);
    assert.equal(payload[LTI_CLAIM.messageType], 'LtiResourceLinkRequest');
    assert.equal(payload[LTI_CLAIM.version], LTI_VERSION);
    assert.equal(payload[LTI_CLAIM.deploymentId], TOOL_DEPLOYMENT_ID);
    assert.equal(payload[LTI_CLAIM.targetLinkUri], TOOL_REDIRECT_URI);
    assert.equal((payload[LTI_CLAIM.resourceLink] as { id: string }).id, '3622bed7314b4f9c8f0e533e158ff797');
    assert.deepEqual(payload[LTI_CLAIM.roles], [role]);
    for (const uri of payload[LTI_CLAIM.roles] as string[]) assert.match(uri, /^http:\/\/purl\.imsglobal\.org\/vocab\/lis\/v2\//);
    assert.equal(payload.sub, sub);
    for (const [claim, value] of Object.entries(payload)) assert.notEqual(value, null, `${claim} is omitted rather than null (MSG-001)`);

    const validated = validateResourceLinkClaims(payload);
    assert.equal(validated.userId, sub);
    assert.deepEqual(validated.contextRoles, [role]);
  });
}

it('CERT-P-13 a tool granted no personal data gets sub and roles but no PII (MSG-004)', async () => {
  const payload = await issuedPayload('learner', { tool: { claims: [] } });
  assert.equal(payload.sub, LEARNER_ID);
  assert.deepEqual(payload[LTI_CLAIM.roles], [CONTEXT_ROLE.Learner]);
  for (const claim of ['name', 'given_name', 'family_name', 'middle_name', 'email', 'picture', 'locale']) {
    assert.equal(payload[claim], undefined, `${claim} is not released`);
  }
});
