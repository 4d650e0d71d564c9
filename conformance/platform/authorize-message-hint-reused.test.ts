// Platform authorization endpoint (OIDC-023, CORE-023): the `lti_message_hint` is single-use. The
// first authentication request gets the id_token; the same request again (a replay, or a second tab)
// is posted back with an error instead of a second id_token.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { assertErrorPostedBack, createPlatformHarness, launchRequest, parseForm } from '../support/platform_harness.js';

it('a message hint presented twice is posted back as invalid_request with ERR_LTI_AUTH_MESSAGE_HINT_INVALID', async () => {
  const harness = await createPlatformHarness();
  const request = harness.authenticationRequest(await harness.createLaunch(launchRequest('learner')));
  const first = await harness.authorize(request);
  assert.ok(parseForm(await first.text())?.fields.id_token, 'the first request gets an id_token');

  const second = await harness.authorize(request);
  await assertErrorPostedBack(second, { code: 'ERR_LTI_AUTH_MESSAGE_HINT_INVALID', error: 'invalid_request' });
});
