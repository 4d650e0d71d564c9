// Extra negative case (DL-010): `deep_linking_settings` without a non-empty `deep_link_return_url`.
import { it } from 'node:test';
import { DL_CLAIM } from 'ltikit/vocab';
import { assertRejectedWith } from '../../support/assertions.js';
import { createDeepLinkingToolHarness, launchDeepLinking } from '../../support/deep_linking_harness.js';

for (const returnUrl of [undefined, '']) {
  it(`deep_link_return_url ${JSON.stringify(returnUrl)} is refused with ERR_LTI_DL_RETURN_URL_MISSING`, async () => {
    const harness = await createDeepLinkingToolHarness();
    const { response } = await launchDeepLinking(harness, (payload) => {
      const settings = payload[DL_CLAIM.deepLinkingSettings] as Record<string, unknown>;
      if (returnUrl === undefined) delete settings.deep_link_return_url;
      else settings.deep_link_return_url = returnUrl;
    });
    await assertRejectedWith(response, 'ERR_LTI_DL_RETURN_URL_MISSING');
  });
}
