// OIDC-001 (core-security.md §2.1): the login initiation endpoint accepts its parameters as a GET
// query and as a POST `application/x-www-form-urlencoded` body. Both answer with the OIDC
// authentication request to the platform (OIDC-013: a 302) carrying the fixed LTI parameters, the
// echoed login_hint and lti_message_hint, a fresh state bound by cookie and a fresh nonce — and both
// launches then complete.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { assertLaunched } from '../../support/assertions.js';
import {
  AUTHORIZATION_ENDPOINT,
  baselinePayload,
  CLIENT_ID,
  createToolHarness,
  LAUNCH_URL,
  STUDENT_SUB,
} from '../../support/tool_harness.js';

for (const method of ['GET', 'POST'] as const) {
  it(`OIDC-001 login initiation by ${method} redirects to the platform and the launch completes`, async () => {
    const harness = await createToolHarness();
    const login = await harness.login({ method });

    const { location } = login;
    assert.equal(`${location.origin}${location.pathname}`, AUTHORIZATION_ENDPOINT);
    assert.equal(location.searchParams.get('scope'), 'openid');
    assert.equal(location.searchParams.get('response_type'), 'id_token');
    assert.equal(location.searchParams.get('response_mode'), 'form_post');
    assert.equal(location.searchParams.get('prompt'), 'none');
    assert.equal(location.searchParams.get('client_id'), CLIENT_ID);
    assert.equal(location.searchParams.get('redirect_uri'), LAUNCH_URL);
    assert.equal(location.searchParams.get('login_hint'), STUDENT_SUB);
    assert.equal(location.searchParams.get('lti_message_hint'), harness.loginParameters().lti_message_hint);
    // OIDC-010: at least 128 bits of randomness (base64url of 32 bytes here).
    assert.ok(login.state.length >= 22 && login.nonce.length >= 22);
    // OIDC-011: the state cookie survives the cross-site form_post (SameSite=None; Secure).
    const setCookie = login.response.headers.getSetCookie().join('\n');
    assert.match(setCookie, /SameSite=None/);
    assert.match(setCookie, /Secure/);
    assert.match(setCookie, /HttpOnly/);

    const idToken = await harness.sign(baselinePayload('student', login.nonce));
    await assertLaunched(await harness.postLaunch({ idToken, state: login.state, cookie: login.cookie }));
    assert.equal(harness.lastLaunch().userId, STUDENT_SUB);
  });
}

it('OIDC-010 two logins get different states and nonces', async () => {
  const harness = await createToolHarness();
  const first = await harness.login({ method: 'GET' });
  const second = await harness.login({ method: 'POST' });
  assert.notEqual(first.state, second.state);
  assert.notEqual(first.nonce, second.nonce);
});
