// Platform authorization endpoint (OIDC-020, OIDC-024): `response_type` must be `id_token`.
// The redirect URI is registered, so the failure is posted back to it with `error`,
// `error_description` (naming the code) and the tool's `state`.
import { it } from 'node:test';
import { assertErrorPostedBack, createPlatformHarness, launchRequest } from '../support/platform_harness.js';

it('response_type=code is posted back as unsupported_response_type with ERR_LTI_AUTH_RESPONSE_TYPE_INVALID', async () => {
  const harness = await createPlatformHarness();
  const initiation = await harness.createLaunch(launchRequest('learner'));
  const response = await harness.authorize({ ...harness.authenticationRequest(initiation), response_type: 'code' });
  await assertErrorPostedBack(response, { code: 'ERR_LTI_AUTH_RESPONSE_TYPE_INVALID', error: 'unsupported_response_type' });
});
