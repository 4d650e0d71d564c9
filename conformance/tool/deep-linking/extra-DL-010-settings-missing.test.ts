// Extra negative case (DL-010): an LtiDeepLinkingRequest without the `deep_linking_settings` claim
// is refused — the tool would not know where to send its response.
import { it } from 'node:test';
import { DL_CLAIM } from 'ltikit/vocab';
import { assertRejectedWith } from '../../support/assertions.js';
import { createDeepLinkingToolHarness, launchDeepLinking } from '../../support/deep_linking_harness.js';

it('a Deep Linking request without deep_linking_settings is refused with ERR_LTI_DL_SETTINGS_MISSING', async () => {
  const harness = await createDeepLinkingToolHarness();
  const { response } = await launchDeepLinking(harness, (payload) => {
    delete payload[DL_CLAIM.deepLinkingSettings];
  });
  await assertRejectedWith(response, 'ERR_LTI_DL_SETTINGS_MISSING');
});
