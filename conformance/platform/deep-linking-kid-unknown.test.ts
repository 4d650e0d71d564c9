// Platform Deep Linking return URL, negative case. DL-051, SEC-007: a `kid` that is not the tool's key.
// Answered 400 with the code, never accepted, never a 500.
import { it } from 'node:test';
import { assertRejectedWith } from '../support/assertions.js';
import { createDeepLinkingPlatformHarness } from '../support/deep_linking_harness.js';

it('Deep Linking response: kid unknown is refused with ERR_LTI_DL_JWT_KID_UNKNOWN', async () => {
  const harness = await createDeepLinkingPlatformHarness();
  const issued = await harness.issue();
  const { response } = await harness.respond(issued, {}, { header: { kid: 'not-the-tools-key' } });
  await assertRejectedWith(response, 'ERR_LTI_DL_JWT_KID_UNKNOWN');
});
