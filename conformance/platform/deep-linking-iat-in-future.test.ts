// Platform Deep Linking return URL, negative case. DL-052: `iat` an hour ahead, or no `iat`.
// Answered 400 with the code, never accepted, never a 500.
import { it } from 'node:test';
import { assertRejectedWith } from '../support/assertions.js';
import { createDeepLinkingPlatformHarness } from '../support/deep_linking_harness.js';

it('Deep Linking response: iat in future is refused with ERR_LTI_DL_TOKEN_TIMES_INVALID', async () => {
  const harness = await createDeepLinkingPlatformHarness();
  const issued = await harness.issue();
  const now = harness.clock.now();
  for (const overrides of [{ iat: now + 3600, exp: now + 3900 }, { iat: undefined }]) {
    const { response } = await harness.respond(issued, overrides);
    await assertRejectedWith(response, 'ERR_LTI_DL_TOKEN_TIMES_INVALID');
  }
});
