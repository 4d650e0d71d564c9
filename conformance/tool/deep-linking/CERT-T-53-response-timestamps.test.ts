// CERT-T-53 · "Verify Timestamps in Deep Linking Response" (certification.md §3): numeric `iat` and
// `exp`, `iat` now (frozen clock), `exp` after it with a short lifetime (deep-linking.md §2.2).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createDeepLinkingToolHarness, deepLinkingRoundTrip } from '../../support/deep_linking_harness.js';
import { NOW } from '../../support/tool_harness.js';

it('CERT-T-53 iat is now and exp a few minutes later', async () => {
  const harness = await createDeepLinkingToolHarness();
  const { payload } = await deepLinkingRoundTrip(harness, []);
  assert.equal(payload.iat, NOW);
  assert.equal(typeof payload.exp, 'number');
  assert.ok((payload.exp as number) > NOW, 'not expired');
  assert.ok((payload.exp as number) - NOW <= 600, 'a short lifetime (PB: 10 minutes)');
});
