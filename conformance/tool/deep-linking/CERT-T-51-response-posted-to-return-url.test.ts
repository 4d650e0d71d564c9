// CERT-T-51 · "Submitted Deep Linking Response Payload was Received" (certification.md §3): the tool
// makes the browser POST (`application/x-www-form-urlencoded`) one field named `JWT` to the request's
// `deep_link_return_url` (DL-020), by a page that submits itself.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { CERT_DEEP_LINK_RETURN_URL, createDeepLinkingToolHarness, deepLinkingRoundTrip } from '../../support/deep_linking_harness.js';

it('CERT-T-51 the response is an auto-submitted POST of JWT to deep_link_return_url', async () => {
  const harness = await createDeepLinkingToolHarness();
  const received = await deepLinkingRoundTrip(harness, [{ type: 'ltiResourceLink', title: 'Activity 1' }]);
  assert.equal(received.page.status, 200);
  assert.match(received.page.headers.get('content-type') ?? '', /^text\/html/);
  assert.equal(received.method, 'post');
  assert.equal(received.action, CERT_DEEP_LINK_RETURN_URL);
  assert.deepEqual(Object.keys(received.fields), ['JWT']);
  assert.match(received.html, /\.submit\(\)/, 'the form submits itself');
  assert.match(received.page.headers.get('content-security-policy') ?? '', /form-action https:\/\/ltiadvantagevalidator\.imsglobal\.org/);
});
