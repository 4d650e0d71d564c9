// Platform Deep Linking return URL, negative case. DL-053: a `version` other than `1.3.0`.
// Answered 400 with the code, never accepted, never a 500.
import { it } from 'node:test';
import { LTI_CLAIM } from 'ltikit/vocab';
import { assertRejectedWith } from '../support/assertions.js';
import { createDeepLinkingPlatformHarness } from '../support/deep_linking_harness.js';

it('Deep Linking response: version invalid is refused with ERR_LTI_DL_VERSION_INVALID', async () => {
  const harness = await createDeepLinkingPlatformHarness();
  const issued = await harness.issue();
  const { response } = await harness.respond(issued, { [LTI_CLAIM.version]: '1.1.0' });
  await assertRejectedWith(response, 'ERR_LTI_DL_VERSION_INVALID');
});
