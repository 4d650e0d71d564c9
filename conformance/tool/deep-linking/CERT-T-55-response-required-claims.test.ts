// CERT-T-55 · "Verify Required Claims in Deep Linking Response" (certification.md §3, DL-030):
// `iss` = the tool's client id, `aud` = the platform issuer, `nonce`, `version` 1.3.0,
// `deployment_id` of the request, `message_type`, and the request's `data` echoed exactly (DL-054).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { DL_CLAIM, LTI_CLAIM } from 'ltikit/vocab';
import { CERT_DATA, createDeepLinkingToolHarness, deepLinkingRoundTrip } from '../../support/deep_linking_harness.js';
import { CLIENT_ID, DEPLOYMENT_ID, ISSUER } from '../../support/tool_harness.js';

it('CERT-T-55 every required claim is present, data echoed', async () => {
  const harness = await createDeepLinkingToolHarness();
  const { payload } = await deepLinkingRoundTrip(harness, []);
  assert.equal(payload.iss, CLIENT_ID);
  assert.equal(payload.aud, ISSUER);
  assert.equal(typeof payload.nonce, 'string');
  assert.ok((payload.nonce as string).length >= 16, 'a fresh random nonce');
  assert.equal(payload[LTI_CLAIM.version], '1.3.0');
  assert.equal(payload[LTI_CLAIM.deploymentId], DEPLOYMENT_ID);
  assert.equal(payload[LTI_CLAIM.messageType], 'LtiDeepLinkingResponse');
  assert.equal(payload[DL_CLAIM.data], CERT_DATA);
  assert.deepEqual(payload[DL_CLAIM.contentItems], [], 'nothing selected is an empty array (DL-061)');
  if (payload.azp !== undefined) assert.equal(payload.azp, CLIENT_ID);
});
