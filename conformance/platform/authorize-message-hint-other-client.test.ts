// Platform authorization endpoint (OIDC-023): an `lti_message_hint` issued for one tool, presented by
// another registered tool (its own client_id and registered redirect URI). The launch's claims must
// never reach a tool they were not issued for; the error goes to the presenting tool's own redirect URI.
import { it } from 'node:test';
import {
  assertErrorPostedBack,
  createPlatformHarness,
  launchRequest,
  OTHER_CLIENT_ID,
  OTHER_REDIRECT_URI,
} from '../support/platform_harness.js';

it('a hint issued for another client is posted back as unauthorized_client with ERR_LTI_AUTH_MESSAGE_HINT_CLIENT_MISMATCH', async () => {
  const harness = await createPlatformHarness();
  const initiation = await harness.createLaunch(launchRequest('learner'));
  const request = { ...harness.authenticationRequest(initiation), client_id: OTHER_CLIENT_ID, redirect_uri: OTHER_REDIRECT_URI };
  const response = await harness.authorize(request);
  await assertErrorPostedBack(response, {
    code: 'ERR_LTI_AUTH_MESSAGE_HINT_CLIENT_MISMATCH',
    error: 'unauthorized_client',
    redirectUri: OTHER_REDIRECT_URI,
  });
});
