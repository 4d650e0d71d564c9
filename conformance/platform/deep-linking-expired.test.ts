// Platform Deep Linking return URL, negative case. DL-052: a response whose `exp` is past (beyond the 60 s skew).
// Answered 400 with the code, never accepted, never a 500.
import { it } from 'node:test';
import { assertRejectedWith } from '../support/assertions.js';
import { createDeepLinkingPlatformHarness } from '../support/deep_linking_harness.js';

it('Deep Linking response: expired is refused with ERR_LTI_DL_TOKEN_EXPIRED', async () => {
  const harness = await createDeepLinkingPlatformHarness();
  const issued = await harness.issue();
  const now = harness.clock.now();
  const { response } = await harness.respond(issued, { iat: now - 900, exp: now - 300 });
  await assertRejectedWith(response, 'ERR_LTI_DL_TOKEN_EXPIRED');
});
