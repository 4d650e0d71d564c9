// Platform authorization endpoint (OIDC-021, OIDC-022): an unknown `client_id`. No registered
// redirect URI can be trusted, so the error is answered directly (RFC 6749 §5.2 JSON for a non-HTML
// client), never redirected or posted anywhere.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { assertRejectedWith } from '../support/assertions.js';
import { createPlatformHarness, launchRequest } from '../support/platform_harness.js';

it('an unknown client_id is answered with ERR_LTI_AUTH_CLIENT_UNKNOWN (invalid_client), not redirected', async () => {
  const harness = await createPlatformHarness();
  const initiation = await harness.createLaunch(launchRequest('learner'));
  const request = { ...harness.authenticationRequest(initiation), client_id: 'imstester_unknown' };
  const response = await harness.authorize(request, { accept: 'application/json' });
  assert.equal(((await response.clone().json()) as { error: string }).error, 'invalid_client');
  await assertRejectedWith(response, 'ERR_LTI_AUTH_CLIENT_UNKNOWN');
});
