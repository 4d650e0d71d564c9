// Platform authorization endpoint (OIDC-023, CORE-023): a request that presents someone's
// `lti_message_hint` for the wrong client or the wrong user is refused without spending the hint,
// so the rightful tool and user can still complete the launch afterwards.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import {
  OTHER_CLIENT_ID,
  OTHER_REDIRECT_URI,
  assertErrorPostedBack,
  createPlatformHarness,
  launchRequest,
  parseForm,
} from '../support/platform_harness.js';

it('refused presentations of a hint for another client or user leave it usable by the rightful one', async () => {
  const harness = await createPlatformHarness();
  const initiation = await harness.createLaunch(launchRequest('learner'));
  const rightful = harness.authenticationRequest(initiation);

  const otherClient = await harness.authorize({ ...rightful, client_id: OTHER_CLIENT_ID, redirect_uri: OTHER_REDIRECT_URI });
  await assertErrorPostedBack(otherClient, { code: 'ERR_LTI_AUTH_MESSAGE_HINT_CLIENT_MISMATCH', error: 'unauthorized_client', redirectUri: OTHER_REDIRECT_URI });
  const otherUser = await harness.authorize({ ...rightful, login_hint: 'someone-else' });
  await assertErrorPostedBack(otherUser, { code: 'ERR_LTI_AUTH_LOGIN_HINT_MISMATCH', error: 'login_required' });

  const response = await harness.authorize(rightful);
  assert.equal(response.status, 200);
  assert.ok(parseForm(await response.text())?.fields.id_token, 'the rightful request still gets its id_token');
  // …and only once.
  const again = await harness.authorize(rightful);
  await assertErrorPostedBack(again, { code: 'ERR_LTI_AUTH_MESSAGE_HINT_INVALID', error: 'invalid_request' });
});

it('an oversized nonce is refused rather than signed into an id_token', async () => {
  const harness = await createPlatformHarness();
  const initiation = await harness.createLaunch(launchRequest('learner'));
  const response = await harness.authorize({ ...harness.authenticationRequest(initiation), nonce: 'n'.repeat(1025) });
  await assertErrorPostedBack(response, { code: 'ERR_LTI_REQUEST_MALFORMED', error: 'invalid_request' });
});
