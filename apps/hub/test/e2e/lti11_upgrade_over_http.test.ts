// Upgrading an LTI 1.1 tool to LTI 1.3 in the hub, over real HTTP, on SQLite and on PostgreSQL.
// One tool built on `ltikit/tool` speaks both versions: a 1.1 launch endpoint with the key and secret in its
// `stores.lti11`, and a 1.3 launch endpoint registered for the hub's issuer under the client id the
// hub reserved at 1.1 registration.
//
// a. Registered as a 1.1 tool, its link launched by a learner (signed form), a Basic Outcomes grade:
//    the gradebook shows it.
// b. A refused upgrade document names the field and changes nothing.
// c. The upgrade through the admin API: the registry shows a 1.3 tool "upgraded from 1.1".
// d. The same learner opens the same link: a 1.3 launch with the `lti1p1` claim verified by the
//    tool, the same user and resource link ids as in 1.1 (MIG-003, MIG-004).
// e. An AGS score on the launch's line item: one gradebook column for the link, both grades in its
//    history; the 1.1 sourcedid still answers (MIG-007).
// f. A second upgrade, an unknown key: refused. Editing the upgraded tool keeps it upgraded.
// g. The admin page: the upgrade form of another 1.1 tool, refused then accepted.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Lti11Launch, LtiLaunch } from 'ltikit/tool';
import { TestBrowser } from '../../../../packages/ltikit/test/support/browser.js';
import type { TestServer } from '../../../../packages/ltikit/test/support/serve.js';
import { type Json, adminApi } from '../support/admin_api.js';
import { hubBackends } from '../support/backends.js';
import type { TestHub } from '../support/hub.js';
import { type TwoVersionTool, instructorGradebook, launchAs as launchAsMember, startTwoVersionTool } from '../support/two_version_tool.js';

const COURSE = 'course-lti101';
const TOOL_CONFIGURATION = 'https://purl.imsglobal.org/spec/lti-tool-configuration';
const SCOPES = ['https://purl.imsglobal.org/spec/lti-ags/scope/score', 'https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly'];

for (const backend of hubBackends) describe(`upgrading an LTI 1.1 tool to LTI 1.3 in the hub on ${backend.name}`, { skip: backend.skip }, () => {
  let hub: TestHub;
  let server: TestServer;
  let toolStores: TwoVersionTool['stores'];
  let tool: TwoVersionTool['tool'];
  let lti11Launches: Lti11Launch[];
  let lti13Launches: LtiLaunch[];
  /** The hub's answer to the 1.1 registration: key, secret, reserved client and deployment ids, link. */
  let added: Json;

  before(async () => {
    hub = await backend.start();
    ({ tool, server, stores: toolStores, lti11Launches, lti13Launches } = await startTwoVersionTool());
  });
  after(async () => {
    await server?.close();
    await hub?.stop();
  });

  /** The tool's LTI 1.3 registration document, as the hub accepts it for 1.3 tools. */
  function document(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      client_name: 'Upgrade quiz 1.3',
      initiate_login_uri: tool.config.loginUrl,
      redirect_uris: [tool.config.launchUrl],
      jwks_uri: tool.config.jwksUrl,
      scope: SCOPES.join(' '),
      [TOOL_CONFIGURATION]: { domain: new URL(server.origin).host, target_link_uri: tool.config.launchUrl, messages: [{ type: 'LtiResourceLinkRequest' }] },
      ...overrides,
    };
  }

  /** A learner's launch of the tool's link, through a one-time launch URL; the tool answers 200. */
  const launchAs = (user: string): Promise<void> => launchAsMember(hub, added.client_id, user);

  /** The instructor's gradebook of the sandbox course. */
  const gradebook = (): Promise<{ html: string; browser: TestBrowser }> => instructorGradebook(hub, COURSE);

  it('a. as a 1.1 tool: the learner launches the signed form and a Basic Outcomes grade reaches the gradebook', async () => {
    const registered = await adminApi(hub, 'POST', '/lti11-tools', { name: 'Upgrade quiz', launch_url: tool.config.lti11.launchUrl, claims: ['name'], custom_parameters: { unit: '3' } });
    assert.equal(registered.status, 201, JSON.stringify(registered.json));
    added = registered.json;
    // The tool holds the same key and secret, and already knows the hub as a 1.3 platform under the reserved client id.
    await toolStores.lti11.saveCredential({ consumerKey: added.consumer_key, secret: added.secret, name: 'ltikit hub', createdAt: Math.floor(Date.now() / 1000) });
    const platform = hub.running.hub.platform.config;
    await tool.registerPlatform({
      issuer: platform.issuer,
      clientId: added.client_id,
      deploymentIds: [added.deployment_id],
      authorizationEndpoint: platform.authorizationEndpoint,
      tokenEndpoint: platform.tokenEndpoint,
      jwksUri: platform.jwksUri,
    });

    await launchAs('alan');
    const launch = lti11Launches.at(-1)!;
    assert.equal(launch.consumerKey, added.consumer_key);
    assert.equal(launch.userId, 'person-alan');
    assert.equal(launch.resourceLinkId, added.link_id);
    assert.ok(launch.outcome, 'a learner’s 1.1 launch carries the outcome service');
    await tool.lti11.outcomes.replaceResult(launch, 0.7);

    const { html } = await gradebook();
    assert.match(html, /<td class="grade" data-person="alan" data-line-item="[^"]+"><a href="[^"]+">0\.7 \/ 1<\/a><\/td>/);
  });

  it('b. a refused upgrade document names the field and changes nothing', async () => {
    const path = `/lti11-tools/${encodeURIComponent(added.consumer_key)}/upgrade`;
    const badJwks = await adminApi(hub, 'POST', path, document({ jwks_uri: 'http://tool.example.com/jwks' }));
    assert.deepEqual([badJwks.status, badJwks.json.error, badJwks.json.field], [400, 'ERR_HUB_FIELD_INVALID', 'jwks_uri']);
    const noLogin = await adminApi(hub, 'POST', path, document({ initiate_login_uri: undefined }));
    assert.deepEqual([noLogin.status, noLogin.json.field], [400, 'initiate_login_uri']);
    const badClaim = await adminApi(hub, 'POST', path, document({ [TOOL_CONFIGURATION]: { domain: 'x.example', target_link_uri: tool.config.launchUrl, claims: ['ssn'] } }));
    assert.deepEqual([badClaim.status, badClaim.json.field], [400, `${TOOL_CONFIGURATION}.claims[0]`]);
    const notJson = await fetch(`${hub.origin}/api/admin${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"client_name":' });
    assert.deepEqual([notJson.status, ((await notJson.json()) as Json).error], [400, 'ERR_HUB_BODY_INVALID']);

    // Nothing was written: no 1.3 tool, the 1.1 tool not upgraded, its link still a 1.1 link.
    assert.equal((await adminApi(hub, 'GET', `/tools/${encodeURIComponent(added.client_id)}`)).status, 404);
    assert.equal((await adminApi(hub, 'GET', `/lti11-tools/${encodeURIComponent(added.consumer_key)}`)).json.upgraded, false);
    const before = lti11Launches.length;
    await launchAs('alan');
    assert.equal(lti11Launches.length, before + 1);
    assert.equal(lti13Launches.length, 0);
  });

  it('c. the upgrade through the API registers the 1.3 tool under the reserved ids; the registry shows it as 1.3 upgraded from 1.1', async () => {
    const upgraded = await adminApi(hub, 'POST', `/lti11-tools/${encodeURIComponent(added.consumer_key)}/upgrade`, document());
    assert.equal(upgraded.status, 201, JSON.stringify(upgraded.json));
    assert.deepEqual(upgraded.json, {
      lti_version: '1.3',
      upgraded_from: { lti_version: '1.1', consumer_key: added.consumer_key },
      client_id: added.client_id,
      deployment_ids: [added.deployment_id],
      link_ids: [added.link_id],
      // The document names no personal data or custom parameters: the 1.1 tool's carry over.
      claims: ['name'],
      claims_from: 'lti11',
      custom_parameters: { unit: '3' },
      custom_parameters_from: 'lti11',
      scopes: SCOPES,
      scopes_from: 'document',
    });

    const shown = await adminApi(hub, 'GET', `/tools/${encodeURIComponent(added.client_id)}`);
    assert.equal(shown.status, 200);
    assert.equal(shown.json.lti_version, '1.3');
    assert.deepEqual(shown.json.upgraded_from, { lti_version: '1.1', consumer_key: added.consumer_key });
    assert.deepEqual(shown.json.links.map((link: Json) => link.id), [added.link_id]);
    // The document kept spells out what was carried over, so editing it later keeps it.
    assert.deepEqual(shown.json.document[TOOL_CONFIGURATION].claims, ['iss', 'sub', 'name']);
    assert.deepEqual(shown.json.document[TOOL_CONFIGURATION].custom_parameters, { unit: '3' });
    const lti11 = await adminApi(hub, 'GET', `/lti11-tools/${encodeURIComponent(added.consumer_key)}`);
    assert.equal(lti11.json.upgraded, true);

    const registry = await (await fetch(`${hub.origin}/admin/tools`)).text();
    const row = new RegExp(`<tr data-client-id="${added.client_id}"><td><a [^>]+>Upgrade quiz 1\\.3</a> <small class="upgraded-from">upgraded from <a href="/admin/lti11-tools/${added.consumer_key}">LTI 1\\.1 \\(key <code>${added.consumer_key}</code>\\)</a></small></td>`);
    assert.match(registry, row);
    assert.match(registry, new RegExp(`<tr data-consumer-key="${added.consumer_key}"><td>Upgrade quiz</td><td class="version">LTI 1\\.1 → 1\\.3</td>`));
  });

  let lti13: LtiLaunch;

  it('d. the same learner opens the same link: a 1.3 launch, lti1p1 verified, the same user and resource link ids', async () => {
    await launchAs('alan');
    assert.equal(lti13Launches.length, 1, 'the link launched through 1.3');
    lti13 = lti13Launches[0]!;
    const lti11 = lti11Launches[0]!;
    assert.equal(lti13.lti1p1?.status, 'verified');
    assert.deepEqual(lti13.lti1p1, { status: 'verified', consumerKey: added.consumer_key, userId: lti11.userId, contextId: lti11.contextId, resourceLinkId: lti11.resourceLinkId });
    assert.equal(lti13.userId, lti11.userId);
    assert.equal(lti13.resourceLink?.id, lti11.resourceLinkId);
    assert.equal(lti13.context?.id, lti11.contextId);
    assert.equal(lti13.clientId, added.client_id);
    assert.equal(lti13.deploymentId, added.deployment_id);
    // Personal data and custom parameters as the 1.1 tool had them.
    assert.equal(lti13.person.name, 'Alan Turing');
    assert.equal(lti13.person.email, undefined);
    assert.equal(lti13.custom.unit, '3');
    // MIG-005: the tool linked its 1.1 credential to the hub's 1.3 registration.
    assert.deepEqual((await toolStores.lti11.getCredential(added.consumer_key))?.lti13, { issuer: hub.origin, clientId: added.client_id, deploymentIds: [added.deployment_id] });
  });

  it('e. an AGS score on the launch’s line item: one gradebook column for the link, both grades in its history', async () => {
    const endpoint = lti13.claims['https://purl.imsglobal.org/spec/lti-ags/claim/endpoint'] as { lineitem?: string } | undefined;
    assert.ok(endpoint?.lineitem, 'the launch names the link’s line item (AGS-002)');
    await tool.ags.submitScore({ issuer: lti13.issuer, clientId: lti13.clientId, deploymentId: lti13.deploymentId }, endpoint.lineitem, {
      userId: lti13.userId!,
      scoreGiven: 0.9,
      scoreMaximum: 1,
      activityProgress: 'Completed',
      gradingProgress: 'FullyGraded',
      timestamp: new Date(Date.now() + 1000).toISOString(),
    });

    const { html, browser } = await gradebook();
    assert.equal([...html.matchAll(/<th>Upgrade quiz<br>/g)].length, 1, 'one column for the link');
    const cells = [...html.matchAll(/<td class="grade" data-person="alan" data-line-item="([^"]+)"><a href="([^"]+)">([^<]+)<\/a><\/td>/g)];
    const cell = cells.find((match) => match[1] === endpoint.lineitem!.split('/').at(-1));
    assert.ok(cell, 'Alan’s grade is in the link’s column');
    assert.equal(cell[3], '0.9 / 1');
    const history = await (await browser.get(`${hub.origin}${cell[2]!.replaceAll('&amp;', '&')}`)).response.text();
    const scores = [...history.matchAll(/<tr><td>\d{4}-[^<]+<\/td><td>([^<]+)<\/td>/g)].map((row) => row[1]);
    assert.deepEqual(scores.sort(), ['0.7 / 1', '0.9 / 1'], 'the 1.1 grade and the 1.3 score, one history');
    // MIG-007: the sourcedid handed out by the 1.1 launch still answers, with the latest score.
    assert.equal(await tool.lti11.outcomes.readResult(lti11Launches[0]!), 0.9);
  });

  it('f. a second upgrade and an unknown key are refused, naming consumer_key; editing the upgraded tool keeps it upgraded', async () => {
    const again = await adminApi(hub, 'POST', `/lti11-tools/${encodeURIComponent(added.consumer_key)}/upgrade`, document({ client_name: 'Renamed' }));
    assert.deepEqual([again.status, again.json.error, again.json.field], [409, 'ERR_HUB_CONFLICT', 'consumer_key']);
    assert.equal((await adminApi(hub, 'GET', `/tools/${encodeURIComponent(added.client_id)}`)).json.name, 'Upgrade quiz 1.3', 'unchanged');
    const unknown = await adminApi(hub, 'POST', '/lti11-tools/nobody/upgrade', document());
    assert.deepEqual([unknown.status, unknown.json.error, unknown.json.field], [404, 'ERR_HUB_NOT_FOUND', 'consumer_key']);

    const kept = (await adminApi(hub, 'GET', `/tools/${encodeURIComponent(added.client_id)}`)).json.document;
    const edited = await adminApi(hub, 'PUT', `/tools/${encodeURIComponent(added.client_id)}`, { ...kept, client_name: 'Upgrade quiz, edited' });
    assert.equal(edited.status, 200, JSON.stringify(edited.json));
    assert.deepEqual(edited.json.upgraded_from, { lti_version: '1.1', consumer_key: added.consumer_key });
    assert.deepEqual(edited.json.claims, ['name']);
    await launchAs('alan');
    assert.equal(lti13Launches.at(-1)?.lti1p1?.status, 'verified', 'still launched with the lti1p1 claim');
  });

  it('g. the admin page upgrades another 1.1 tool from its URLs; a bad URL is refused naming the field', async () => {
    const other = await adminApi(hub, 'POST', '/lti11-tools', { name: 'Second legacy tool', launch_url: tool.config.lti11.launchUrl, claims: ['name', 'email'] });
    assert.equal(other.status, 201);
    const key = other.json.consumer_key as string;
    const browser = new TestBrowser();
    const page = await (await browser.get(`${hub.origin}/admin/lti11-tools/${encodeURIComponent(key)}`)).response.text();
    assert.match(page, /<form method="post" action="\/admin\/lti11-tools\/[^"]+\/upgrade" id="upgrade-form">/);
    assert.match(page, /<input type="checkbox" name="claims" value="email" checked>/, 'the 1.1 tool’s personal data is ticked');

    const fields = (overrides: Record<string, string>): string => {
      const form = new URLSearchParams({ document: '', client_name: 'Second tool', initiate_login_uri: tool.config.loginUrl, redirect_uris: tool.config.launchUrl, target_link_uri: '', jwks_uri: tool.config.jwksUrl, ...overrides });
      form.append('claims', 'name');
      return form.toString();
    };
    const post = (body: string): Promise<Response> =>
      browser.request(`${hub.origin}/admin/lti11-tools/${encodeURIComponent(key)}/upgrade`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    const refused = await post(fields({ redirect_uris: 'ftp://tool.example.com/launch' }));
    assert.equal(refused.status, 400);
    assert.match(await refused.text(), /class="error-field">redirect_uris\[0\]</);
    const notJson = await post(fields({ document: '{ not json' }));
    assert.equal(notJson.status, 400);
    assert.match(await notJson.text(), /ERR_HUB_BODY_INVALID/);
    assert.equal((await adminApi(hub, 'GET', `/lti11-tools/${encodeURIComponent(key)}`)).json.upgraded, false);

    const accepted = await post(fields({}));
    assert.equal(accepted.status, 303);
    assert.equal(accepted.headers.get('location'), `/admin/tools/${encodeURIComponent(other.json.client_id)}`);
    const toolPage = await (await browser.get(`${hub.origin}${accepted.headers.get('location')}`)).response.text();
    assert.match(toolPage, /<td class="version">LTI 1\.3 <small class="upgraded-from">upgraded from <a [^>]+>LTI 1\.1 \(key <code>/);
    const shown = (await adminApi(hub, 'GET', `/tools/${encodeURIComponent(other.json.client_id)}`)).json;
    assert.deepEqual(shown.claims, ['name'], 'what was ticked: email unticked');
    assert.deepEqual(shown.scopes, SCOPES, 'the services that replace Basic Outcomes');
    assert.equal(shown.target_link_uri, tool.config.launchUrl);
    const after = await (await browser.get(`${hub.origin}/admin/lti11-tools/${encodeURIComponent(key)}`)).response.text();
    assert.match(after, /id="upgraded-tool">upgraded to LTI 1\.3</);
    assert.doesNotMatch(after, /id="upgrade-form"/);
    const twice = await post(fields({}));
    assert.equal(twice.status, 409);
  });
});
