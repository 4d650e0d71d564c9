// Platform Deep Linking return URL, negative case. deep-linking.md §2.2: an `azp`, when sent, is the tool's client id.
// Answered 400 with the code, never accepted, never a 500.
import { it } from 'node:test';
import { assertRejectedWith } from '../support/assertions.js';
import { createDeepLinkingPlatformHarness } from '../support/deep_linking_harness.js';

it('Deep Linking response: azp mismatch is refused with ERR_LTI_DL_AZP_MISMATCH', async () => {
  const harness = await createDeepLinkingPlatformHarness();
  const issued = await harness.issue();
  const { response } = await harness.respond(issued, { azp: 'imstester_other' });
  await assertRejectedWith(response, 'ERR_LTI_DL_AZP_MISMATCH');
});
