// Platform authorization endpoint (OIDC-022): a `redirect_uri` that is not exactly one the tool
// registered. The platform must never send anything to it: the browser gets an error page — no
// redirect, no auto-submitting form to that URI. Variants: another host, and the registered URI with
// an extra query (exact match, no prefix match).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createPlatformHarness, launchRequest, parseForm, TOOL_REDIRECT_URI } from '../support/platform_harness.js';

for (const redirectUri of ['https://attacker.example.com/collect', `${TOOL_REDIRECT_URI}?x=1`]) {
  it(`redirect_uri ${redirectUri} gets an error page with ERR_LTI_AUTH_REDIRECT_URI_NOT_REGISTERED, not a form`, async () => {
    const harness = await createPlatformHarness();
    const initiation = await harness.createLaunch(launchRequest('learner'));
    const response = await harness.authorize({ ...harness.authenticationRequest(initiation), redirect_uri: redirectUri });
    const html = await response.text();
    assert.equal(response.status, 400);
    assert.equal(response.headers.get('location'), null);
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(parseForm(html), undefined, 'no form is posted anywhere');
    assert.doesNotMatch(html, /<script/);
    assert.ok(!html.includes('attacker.example.com'), 'the unregistered URI is not echoed');
    assert.equal(/code <code>([A-Z_]+)<\/code>/.exec(html)?.[1], 'ERR_LTI_AUTH_REDIRECT_URI_NOT_REGISTERED');
  });
}
