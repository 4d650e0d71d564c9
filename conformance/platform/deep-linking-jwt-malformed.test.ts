// Platform Deep Linking return URL, negative case. DL-051: a `JWT` that is not a compact JWS (two parts; a header that is not JSON).
// Answered 400 with the code, never accepted, never a 500.
import { it } from 'node:test';
import { assertRejectedWith } from '../support/assertions.js';
import { createDeepLinkingPlatformHarness } from '../support/deep_linking_harness.js';

it('Deep Linking response: jwt malformed is refused with ERR_LTI_DL_JWT_MALFORMED', async () => {
  const harness = await createDeepLinkingPlatformHarness();
  const issued = await harness.issue();
  for (const jwt of ['eyJhbGciOiJSUzI1NiJ9.e30', 'bm90IGpzb24.e30.c2ln']) {
    await assertRejectedWith(await harness.post(issued.returnUrl, { JWT: jwt }), 'ERR_LTI_DL_JWT_MALFORMED');
  }
});
