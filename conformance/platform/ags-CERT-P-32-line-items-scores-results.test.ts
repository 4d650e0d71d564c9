// CERT-P-32 (AGS-001..003, AGS-010, AGS-021, AGS-030, AGS-031, AGS-045, AGS-050): the AGS claim
// carries the scopes and URLs; the tool can list, create, get, update and delete line items, post
// scores and read results, each with the spec's media type and status code.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { decodeJwt } from 'jose';
import { AGS_CLAIM, MEDIA_TYPE } from 'ltikit';
import { AGS_CONTEXT_ID, AGS_RESOURCE_LINK_ID, AGS_SCOPES, LINE_ITEMS_URL, agsScore, createAgsHarness } from '../support/ags_harness.js';
import { TOOL_CLIENT_ID, TOOL_DEPLOYMENT_ID, TOOL_REDIRECT_URI } from '../support/platform_harness.js';

it('serves line items, scores and results with the spec media types and statuses, and names the line item in the launch', async () => {
  const harness = await createAgsHarness();

  // Create (201, id URL, Location) and the launch claim naming the link's one line item (AGS-002).
  const created = await harness.send('POST', LINE_ITEMS_URL, {
    body: { label: 'Introduction Assignment', scoreMaximum: 100, resourceLinkId: AGS_RESOURCE_LINK_ID, tag: 'grade' },
    contentType: MEDIA_TYPE.lineItem,
    accept: MEDIA_TYPE.lineItem,
  });
  assert.equal(created.status, 201);
  assert.equal(created.headers.get('content-type'), MEDIA_TYPE.lineItem);
  const lineItem = (await created.json()) as { id: string };
  assert.equal(created.headers.get('location'), lineItem.id);
  const initiation = await harness.platform.createLaunch({
    clientId: TOOL_CLIENT_ID,
    deploymentId: TOOL_DEPLOYMENT_ID,
    user: { id: '40899' },
    roles: [],
    context: { id: AGS_CONTEXT_ID },
    resourceLink: { id: AGS_RESOURCE_LINK_ID },
  });
  const authorize = new URL(harness.platform.config.authorizationEndpoint);
  for (const [name, value] of Object.entries({ scope: 'openid', response_type: 'id_token', response_mode: 'form_post', prompt: 'none', client_id: TOOL_CLIENT_ID, redirect_uri: TOOL_REDIRECT_URI, login_hint: '40899', lti_message_hint: initiation.parameters.lti_message_hint!, state: 's', nonce: 'n' })) {
    authorize.searchParams.set(name, value);
  }
  const idToken = /name="id_token" value="([^"]+)"/.exec(await (await harness.platform.fetch(new Request(authorize))).text())?.[1];
  assert.deepEqual(decodeJwt(idToken!)[AGS_CLAIM.endpoint], { scope: AGS_SCOPES, lineitems: LINE_ITEMS_URL, lineitem: lineItem.id });

  // List (200, container media type, filters) and get (200, line item media type).
  const listed = await harness.send('GET', `${LINE_ITEMS_URL}?resource_link_id=${AGS_RESOURCE_LINK_ID}&tag=grade`, { accept: MEDIA_TYPE.lineItemContainer });
  assert.equal(listed.status, 200);
  assert.equal(listed.headers.get('content-type'), MEDIA_TYPE.lineItemContainer);
  assert.deepEqual(((await listed.json()) as Array<{ id: string }>).map((item) => item.id), [lineItem.id]);
  const got = await harness.send('GET', lineItem.id, { accept: MEDIA_TYPE.lineItem });
  assert.equal(got.status, 200);
  assert.equal(got.headers.get('content-type'), MEDIA_TYPE.lineItem);

  // Update (200 with the replaced line item).
  const updated = await harness.send('PUT', lineItem.id, { body: { id: lineItem.id, label: 'Introduction Assignment (v2)', scoreMaximum: 50, resourceLinkId: AGS_RESOURCE_LINK_ID }, contentType: MEDIA_TYPE.lineItem });
  assert.equal(updated.status, 200);
  assert.equal(((await updated.json()) as { scoreMaximum: number }).scoreMaximum, 50);

  // Scores (2xx) and results (200, result container, on the line item's scale).
  for (const [userId, given] of [
    ['40899', 80],
    ['40900', 45],
  ] as const) {
    const posted = await harness.send('POST', `${lineItem.id}/scores`, { body: agsScore(userId, 1, { scoreGiven: given }), contentType: MEDIA_TYPE.score });
    assert.ok(posted.status >= 200 && posted.status < 300, String(posted.status));
  }
  const results = await harness.send('GET', `${lineItem.id}/results`, { accept: MEDIA_TYPE.resultContainer });
  assert.equal(results.status, 200);
  assert.equal(results.headers.get('content-type'), MEDIA_TYPE.resultContainer);
  assert.deepEqual(
    ((await results.json()) as Array<{ userId: string; resultScore: number; resultMaximum: number; scoreOf: string }>).map((result) => [result.userId, result.resultScore, result.resultMaximum, result.scoreOf]),
    [
      ['40899', 40, 50, lineItem.id],
      ['40900', 22.5, 50, lineItem.id],
    ],
  );

  // Delete (204), then gone (404).
  assert.equal((await harness.send('DELETE', lineItem.id)).status, 204);
  assert.equal((await harness.send('GET', lineItem.id)).status, 404);
});
