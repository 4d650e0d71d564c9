// Platform Deep Linking return URL, negative case. DL-050: a POST to the return URL without the `JWT` field (or with it empty).
// Answered 400 with the code, never accepted, never a 500.
import { it } from 'node:test';
import { assertRejectedWith } from '../support/assertions.js';
import { createDeepLinkingPlatformHarness } from '../support/deep_linking_harness.js';

it('Deep Linking response: jwt missing is refused with ERR_LTI_DL_JWT_MISSING', async () => {
  const harness = await createDeepLinkingPlatformHarness();
  const issued = await harness.issue();
  const variants: Record<string, string>[] = [{}, { JWT: '' }, { id_token: 'eyJ.eyJ.sig' }];
  for (const fields of variants) {
    await assertRejectedWith(await harness.post(issued.returnUrl, fields), 'ERR_LTI_DL_JWT_MISSING');
  }
});
