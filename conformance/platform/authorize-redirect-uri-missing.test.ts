// Platform authorization endpoint (OIDC-022): no `redirect_uri` — an error page, nothing posted.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createPlatformHarness, launchRequest, parseForm } from '../support/platform_harness.js';

it('an authentication request without redirect_uri gets an error page with ERR_LTI_AUTH_REDIRECT_URI_MISSING', async () => {
  const harness = await createPlatformHarness();
  const initiation = await harness.createLaunch(launchRequest('learner'));
  const response = await harness.authorize({ ...harness.authenticationRequest(initiation), redirect_uri: undefined });
  const html = await response.text();
  assert.equal(response.status, 400);
  assert.equal(response.headers.get('location'), null);
  assert.equal(parseForm(html), undefined);
  assert.equal(/code <code>([A-Z_]+)<\/code>/.exec(html)?.[1], 'ERR_LTI_AUTH_REDIRECT_URI_MISSING');
});
