// CERT-T-52 · "Verification Response is Deep Linking Response" (certification.md §3): the JWT the
// validator receives has `message_type` = `LtiDeepLinkingResponse` (DL-030).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { LTI_CLAIM } from 'ltikit/vocab';
import { createDeepLinkingToolHarness, deepLinkingRoundTrip } from '../../support/deep_linking_harness.js';

it('CERT-T-52 the response message_type is LtiDeepLinkingResponse', async () => {
  const harness = await createDeepLinkingToolHarness();
  const { payload } = await deepLinkingRoundTrip(harness, [{ type: 'link', url: 'https://tool.example.com/reading/1' }]);
  assert.equal(payload[LTI_CLAIM.messageType], 'LtiDeepLinkingResponse');
});
