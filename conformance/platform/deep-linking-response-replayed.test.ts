// Platform Deep Linking return URL, negative case. DL-052: the same response JWT posted twice (a replayed browser POST): accepted once.
// Answered 400 with the code, never accepted, never a 500.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { assertRejectedWith } from '../support/assertions.js';
import { createDeepLinkingPlatformHarness } from '../support/deep_linking_harness.js';

it('Deep Linking response: response replayed is refused with ERR_LTI_DL_NONCE_REPLAYED', async () => {
  const harness = await createDeepLinkingPlatformHarness();
  const issued = await harness.issue();
  const { response, jwt } = await harness.respond(issued);
  assert.equal(response.status, 200);
  await assertRejectedWith(await harness.post(issued.returnUrl, { JWT: jwt }), 'ERR_LTI_DL_NONCE_REPLAYED');
  assert.equal(harness.results.length, 1, 'the application heard of it once');
});
