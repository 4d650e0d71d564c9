// Platform authorization endpoint (OIDC-020, OIDC-024): `response_mode` must be `form_post` (an id_token never travels in a URL).
// The redirect URI is registered, so the failure is posted back to it with `error`,
// `error_description` (naming the code) and the tool's `state`.
import { it } from 'node:test';
import { assertErrorPostedBack, createPlatformHarness, launchRequest } from '../support/platform_harness.js';

it('response_mode=fragment is posted back as invalid_request with ERR_LTI_AUTH_RESPONSE_MODE_INVALID', async () => {
  const harness = await createPlatformHarness();
  const initiation = await harness.createLaunch(launchRequest('learner'));
  const response = await harness.authorize({ ...harness.authenticationRequest(initiation), response_mode: 'fragment' });
  await assertErrorPostedBack(response, { code: 'ERR_LTI_AUTH_RESPONSE_MODE_INVALID', error: 'invalid_request' });
});
