// Platform authorization endpoint (OIDC-021): no `client_id` at all — answered directly as JSON,
// never redirected.
import { it } from 'node:test';
import { assertRejectedWith } from '../support/assertions.js';
import { createPlatformHarness, launchRequest } from '../support/platform_harness.js';

it('an authentication request without client_id is answered with ERR_LTI_AUTH_CLIENT_ID_MISSING', async () => {
  const harness = await createPlatformHarness();
  const initiation = await harness.createLaunch(launchRequest('learner'));
  const request = { ...harness.authenticationRequest(initiation), client_id: undefined };
  const response = await harness.authorize(request, { accept: 'application/json' });
  await assertRejectedWith(response, 'ERR_LTI_AUTH_CLIENT_ID_MISSING');
});
