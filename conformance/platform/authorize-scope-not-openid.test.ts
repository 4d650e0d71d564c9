// Platform authorization endpoint (OIDC-020, OIDC-024): `scope` must be exactly `openid`.
// The redirect URI is registered, so the failure is posted back to it with `error`,
// `error_description` (naming the code) and the tool's `state`.
import { it } from 'node:test';
import { assertErrorPostedBack, createPlatformHarness, launchRequest } from '../support/platform_harness.js';

it('scope=openid profile is posted back as invalid_scope with ERR_LTI_AUTH_SCOPE_INVALID', async () => {
  const harness = await createPlatformHarness();
  const initiation = await harness.createLaunch(launchRequest('learner'));
  const response = await harness.authorize({ ...harness.authenticationRequest(initiation), scope: 'openid profile' });
  await assertErrorPostedBack(response, { code: 'ERR_LTI_AUTH_SCOPE_INVALID', error: 'invalid_scope' });
});
