// Platform Deep Linking return URL, negative case. DL-052: a response without `nonce`.
// Answered 400 with the code, never accepted, never a 500.
import { it } from 'node:test';
import { assertRejectedWith } from '../support/assertions.js';
import { createDeepLinkingPlatformHarness } from '../support/deep_linking_harness.js';

it('Deep Linking response: nonce missing is refused with ERR_LTI_DL_NONCE_MISSING', async () => {
  const harness = await createDeepLinkingPlatformHarness();
  const issued = await harness.issue();
  const { response } = await harness.respond(issued, { nonce: undefined });
  await assertRejectedWith(response, 'ERR_LTI_DL_NONCE_MISSING');
});
