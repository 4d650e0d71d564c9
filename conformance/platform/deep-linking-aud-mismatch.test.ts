// Platform Deep Linking return URL, negative case. DL-052: an `aud` without the platform issuer (another issuer; the issuer with a trailing slash).
// Answered 400 with the code, never accepted, never a 500.
import { it } from 'node:test';
import { assertRejectedWith } from '../support/assertions.js';
import { createDeepLinkingPlatformHarness } from '../support/deep_linking_harness.js';

it('Deep Linking response: aud mismatch is refused with ERR_LTI_DL_AUDIENCE_MISMATCH', async () => {
  const harness = await createDeepLinkingPlatformHarness();
  const issued = await harness.issue();
  for (const aud of ['https://other-lms.example.edu', ['https://lms.example.edu/']]) {
    const { response } = await harness.respond(issued, { aud });
    await assertRejectedWith(response, 'ERR_LTI_DL_AUDIENCE_MISMATCH');
  }
});
