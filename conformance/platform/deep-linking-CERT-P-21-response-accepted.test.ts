// CERT-P-21 (certification.md §5): the platform accepts a valid signed response, hands the
// application the returned ltiResourceLink (DL-055, DL-057) with what was offered, and can then
// launch the created link with its `custom` parameters (DL-059).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { decodeJwt } from 'jose';
import { CONTEXT_ROLE, LTI_CLAIM } from 'ltikit/vocab';
import { createDeepLinkingPlatformHarness } from '../support/deep_linking_harness.js';
import { parseForm, TOOL_CLIENT_ID, TOOL_DEPLOYMENT_ID, TOOL_REDIRECT_URI } from '../support/platform_harness.js';

it('CERT-P-21 a valid response is accepted and the created link launches with its custom parameters', async () => {
  const harness = await createDeepLinkingPlatformHarness();
  const issued = await harness.issue();
  const { response } = await harness.respond(issued);
  assert.equal(response.status, 200, await response.clone().text());
  assert.deepEqual(await response.json(), { placed: 1 });

  const [result] = harness.results;
  assert.ok(result);
  assert.equal(result.clientId, TOOL_CLIENT_ID);
  assert.equal(result.deploymentId, TOOL_DEPLOYMENT_ID);
  assert.equal(result.contextId, '8893483');
  assert.equal(result.userId, '39890');
  assert.equal(result.msg, 'Quiz added');
  assert.deepEqual(result.contentItems, [
    {
      type: 'ltiResourceLink',
      title: 'Cell biology quiz',
      url: 'https://tool.example.com/lti/launch',
      custom: { quiz_id: 'q-42', attempts: '2' },
      lineItem: { scoreMaximum: 20, label: 'Cell biology quiz', resourceId: 'q-42' },
    },
  ]);

  // DL-057, DL-059: the platform creates the link with an id of its own and launches it.
  const item = result.contentItems[0]!;
  assert.equal(item.type, 'ltiResourceLink');
  const launch = await harness.platform.createLaunch({
    clientId: TOOL_CLIENT_ID,
    deploymentId: TOOL_DEPLOYMENT_ID,
    user: { id: '40899' },
    roles: [CONTEXT_ROLE.Learner],
    context: { id: '8893483' },
    resourceLink: { id: 'platform-link-1', title: item.title ?? '', ...(item.type === 'ltiResourceLink' && item.custom !== undefined ? { custom: item.custom } : {}) },
    ...(item.type === 'ltiResourceLink' && item.url !== undefined ? { targetLinkUri: item.url } : {}),
  });
  const parameters = new URL(launch.loginUrl).searchParams;
  const query = new URLSearchParams({
    scope: 'openid',
    response_type: 'id_token',
    response_mode: 'form_post',
    prompt: 'none',
    client_id: TOOL_CLIENT_ID,
    redirect_uri: TOOL_REDIRECT_URI,
    login_hint: parameters.get('login_hint') ?? '',
    lti_message_hint: parameters.get('lti_message_hint') ?? '',
    state: 's',
    nonce: 'n-link',
  });
  const page = await harness.platform.fetch(new Request(`https://lms.example.edu/lti/authorize?${query}`, { headers: { accept: 'text/html' } }));
  const claims = decodeJwt(parseForm(await page.text())?.fields.id_token ?? '');
  assert.equal(claims[LTI_CLAIM.messageType], 'LtiResourceLinkRequest');
  assert.equal(claims[LTI_CLAIM.targetLinkUri], 'https://tool.example.com/lti/launch');
  assert.deepEqual((claims[LTI_CLAIM.resourceLink] as { id: string }).id, 'platform-link-1');
  const custom = claims[LTI_CLAIM.custom] as Record<string, string>;
  assert.equal(custom.quiz_id, 'q-42');
  assert.equal(custom.attempts, '2');
});
