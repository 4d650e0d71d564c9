// CERT-P-11 (certification.md §5): the authorization endpoint accepts `scope=openid`,
// `response_type=id_token`, `response_mode=form_post`, `prompt=none`, by GET and by POST (OIDC-014),
// answers with a page that auto-submits a POST form to the registered redirect URI (OIDC-030),
// echoes `state` and puts the tool's `nonce` into the id_token (OIDC-031). With `currentUser`
// configured, the signed-in user matching the login_hint is accepted.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { decodeJwt } from 'jose';
import { createPlatformHarness, launchRequest, LEARNER_ID, parseForm, TOOL_NONCE, TOOL_REDIRECT_URI, TOOL_STATE } from '../support/platform_harness.js';

for (const method of ['GET', 'POST'] as const) {
  it(`CERT-P-11 an LTI authentication request by ${method} is answered with a form_post of id_token and state`, async () => {
    const harness = await createPlatformHarness({ currentUser: () => LEARNER_ID });
    const initiation = await harness.createLaunch(launchRequest('learner'));
    const response = await harness.authorize(harness.authenticationRequest(initiation), { method });
    const html = await response.text();

    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.match(response.headers.get('content-security-policy') ?? '', /form-action https:\/\/tool\.example\.com/);
    const form = parseForm(html);
    assert.ok(form);
    assert.equal(form.method, 'post');
    assert.equal(form.action, TOOL_REDIRECT_URI);
    assert.match(html, /\.submit\(\)/);
    assert.deepEqual(Object.keys(form.fields).sort(), ['id_token', 'state']);
    assert.equal(form.fields.state, TOOL_STATE);
    assert.equal(decodeJwt(form.fields.id_token!).nonce, TOOL_NONCE);
  });
}

it('CERT-P-11 the state is echoed unchanged, whatever characters it holds', async () => {
  const harness = await createPlatformHarness();
  const initiation = await harness.createLaunch(launchRequest('learner'));
  const state = '"><script>alert(1)</script>&x=1';
  const response = await harness.authorize({ ...harness.authenticationRequest(initiation), state });
  const html = await response.text();
  assert.doesNotMatch(html, /<script>alert/);
  assert.equal(parseForm(html)?.fields.state, state);
});
