// "Add a tool by its registration URL" replacing an LTI 1.1 tool (DR-050, MIG-008), in the hub
// over real HTTP, on SQLite and on PostgreSQL. One tool built on `ltikit/tool` speaks both versions
// and serves its own Dynamic Registration URL on the host of its 1.1 launch URL.
//
// a. Registered as a 1.1 tool: a learner launches its link (signed form) and gets a Basic Outcomes
//    grade in the gradebook.
// b. The administrator pastes the tool's registration URL: the hub offers "New tool" or "Replaces
//    LTI 1.1 tool …", the tool on the same host pre-selected.
// c. The choice is bound into the token: the tool registers itself under the client id and
//    deployment reserved for the 1.1 tool and waits for review; the review says it will replace the
//    1.1 tool; meanwhile the link still launches in 1.1.
// d. Enable: no new link; the tool is the 1.1 tool upgraded, its custom parameters carried over.
// e. The same learner opens the same link: 1.3, `lti1p1` verified by the tool, the same ids; an AGS
//    score on the launch's line item joins the 1.1 grade in one gradebook column.
// f. The JSON API and the CLI: `replaces` for a tool upgraded already or unknown is refused naming
//    `replaces`; for another 1.1 tool it is bound into the token, and a token made earlier for that
//    tool is refused by the registration endpoint once the first registers. With no 1.1 tool left
//    to replace, the registration URL opens at once.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Lti11Launch, LtiLaunch } from 'ltikit/tool';
import { type TestBrowser, decodeHtml } from '../../../../packages/ltikit/test/support/browser.js';
import type { TestServer } from '../../../../packages/ltikit/test/support/serve.js';
import { type Json, adminApi } from '../support/admin_api.js';
import { hubBackends } from '../support/backends.js';
import { runCli } from '../support/cli.js';
import type { TestHub } from '../support/hub.js';
import { type TwoVersionTool, instructorGradebook, launchAs as launchAsMember, startTwoVersionTool } from '../support/two_version_tool.js';

const COURSE = 'course-lti101';
const AGS_ENDPOINT = 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint';
const SCORE = 'https://purl.imsglobal.org/spec/lti-ags/scope/score';
const RESULTS = 'https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly';

for (const backend of hubBackends) describe(`a tool registering by its registration URL as the LTI 1.3 version of an LTI 1.1 tool on ${backend.name}`, { skip: backend.skip }, () => {
  let hub: TestHub;
  let server: TestServer;
  let toolStores: TwoVersionTool['stores'];
  let tool: TwoVersionTool['tool'];
  let lti11Launches: Lti11Launch[];
  let lti13Launches: LtiLaunch[];
  /** The hub's answer to the 1.1 registration: key, secret, reserved client and deployment ids, link. */
  let added: Json;
  /** Another 1.1 tool, on another host. */
  let other: Json;

  before(async () => {
    hub = await backend.start();
    ({ tool, server, stores: toolStores, lti11Launches, lti13Launches } = await startTwoVersionTool({ clientName: 'Fractions 1.3', scopes: [SCORE, RESULTS], claims: ['iss', 'sub', 'name', 'email'] }));
  });
  after(async () => {
    await server?.close();
    await hub?.stop();
  });

  /** A learner's launch of the tool's link, through a one-time launch URL; the tool answers 200. */
  const launchAs = (user: string): Promise<void> => launchAsMember(hub, added.client_id, user);

  /** A form of the registry pages, posted as the hub's own page posts it. */
  function postForm(path: string, form: URLSearchParams): Promise<Response> {
    return fetch(`${hub.origin}${path}`, { method: 'POST', headers: { origin: hub.origin, 'content-type': 'application/x-www-form-urlencoded' }, body: form, redirect: 'manual' });
  }

  /** The instructor's gradebook of the sandbox course. */
  const gradebook = (): Promise<{ html: string; browser: TestBrowser }> => instructorGradebook(hub, COURSE);

  it('a. as a 1.1 tool: the learner launches the signed form and a Basic Outcomes grade reaches the gradebook', async () => {
    const registered = await adminApi(hub, 'POST', '/lti11-tools', { name: 'Fractions legacy', launch_url: tool.config.lti11.launchUrl, claims: ['name'], custom_parameters: { unit: '3' } });
    assert.equal(registered.status, 201, JSON.stringify(registered.json));
    added = registered.json;
    await toolStores.lti11.saveCredential({ consumerKey: added.consumer_key, secret: added.secret, name: 'ltikit hub', createdAt: Math.floor(Date.now() / 1000) });
    other = (await adminApi(hub, 'POST', '/lti11-tools', { name: 'Other legacy', launch_url: 'https://other-tool.example.com/lti11' })).json;

    await launchAs('alan');
    const launch = lti11Launches.at(-1)!;
    assert.equal(launch.resourceLinkId, added.link_id);
    await tool.lti11.outcomes.replaceResult(launch, 0.7);
    const { html } = await gradebook();
    assert.match(html, /<td class="grade" data-person="alan" data-line-item="[^"]+"><a href="[^"]+">0\.7 \/ 1<\/a><\/td>/);
  });

  let frame: string;
  let sessionId: string;

  it('b. offers "New tool" or "Replaces LTI 1.1 tool …" before opening the tool, the tool on the registration URL’s host pre-selected', async () => {
    const choice = await postForm('/admin/registrations', new URLSearchParams({ url: tool.config.registrationUrl }));
    assert.equal(choice.status, 200);
    const html = await choice.text();
    assert.match(html, /<form method="post" action="\/admin\/registrations" id="registration-choice">/);
    assert.match(html, /<input type="radio" name="replaces" value=""> <b>New tool<\/b>/, 'not pre-selected');
    const host = new URL(server.origin).host;
    assert.match(html, new RegExp(`<input type="radio" name="replaces" value="${added.consumer_key}" checked> Replaces LTI 1\\.1 tool <b>Fractions legacy</b> \\(${host.replace('.', '\\.')}\\)`));
    assert.match(html, new RegExp(`<input type="radio" name="replaces" value="${other.consumer_key}"> Replaces LTI 1\\.1 tool <b>Other legacy</b> \\(other-tool\\.example\\.com\\)`));
    assert.doesNotMatch(html, /id="registration-frame"/, 'nothing is opened before the choice');

    // "New tool" opens the frame with no replacement bound.
    const fresh = await (await postForm('/admin/registrations', new URLSearchParams({ url: tool.config.registrationUrl, replaces: '' }))).text();
    assert.match(fresh, /id="registration-frame"/);
    assert.doesNotMatch(fresh, /id="registration-replaces"/);

    const opened = await postForm('/admin/registrations', new URLSearchParams({ url: tool.config.registrationUrl, replaces: added.consumer_key }));
    assert.equal(opened.status, 200);
    const page = await opened.text();
    assert.match(page, new RegExp(`id="registration-replaces">The tool registers as the LTI 1\\.3 version of LTI 1\\.1 tool <b>Fractions legacy</b> \\(key <code>${added.consumer_key}</code>\\), under its client id <code>${added.client_id}</code>`));
    frame = decodeHtml(/<iframe id="registration-frame" class="tool" src="([^"]+)"/.exec(page)![1]!);
    sessionId = /href="\/admin\/registrations\/([^"]+)"/.exec(page)![1]!;
    assert.equal(new URL(frame).searchParams.get('openid_configuration'), `${hub.origin}/.well-known/openid-configuration`);
  });

  it('c. the tool registers under the reserved client id and deployment, pending review; the review says it will replace the 1.1 tool; the link stays 1.1', async () => {
    const registered = await fetch(frame, { headers: { accept: 'text/html' } });
    assert.equal(registered.status, 200, await registered.clone().text());
    assert.match(await registered.text(), /org\.imsglobal\.lti\.close/);
    const [stored, ...more] = await toolStores.platforms.findPlatforms(hub.origin);
    assert.deepEqual(more, []);
    assert.equal(stored?.clientId, added.client_id, 'the tool keeps the reserved client id');
    assert.deepEqual(stored?.deploymentIds, [added.deployment_id]);

    const review = await fetch(`${hub.origin}/admin/registrations/${sessionId}`, { redirect: 'manual' });
    assert.equal(review.headers.get('location'), `/admin/tools/${encodeURIComponent(added.client_id)}`);
    const pending = (await adminApi(hub, 'GET', `/tools/${encodeURIComponent(added.client_id)}`)).json;
    assert.equal(pending.status, 'pending');
    assert.equal(pending.name, 'Fractions 1.3');
    assert.deepEqual(pending.deployment_ids, [added.deployment_id]);
    assert.deepEqual(pending.replaces, { lti_version: '1.1', consumer_key: added.consumer_key, name: 'Fractions legacy', launch_url: tool.config.lti11.launchUrl });
    assert.equal(pending.upgraded_from, undefined);
    assert.deepEqual(pending.links.map((link: Json) => link.id), [added.link_id]);
    const lti11 = (await adminApi(hub, 'GET', `/lti11-tools/${encodeURIComponent(added.consumer_key)}`)).json;
    assert.equal(lti11.upgraded, false);
    assert.equal(lti11.replacement_pending, added.client_id);

    const reviewPage = await (await fetch(`${hub.origin}/admin/tools/${encodeURIComponent(added.client_id)}`)).text();
    assert.match(reviewPage, /<h1 id="review-title">Review: Fractions 1\.3<\/h1>/);
    assert.match(reviewPage, /will replace LTI 1\.1 tool <a href="\/admin\/lti11-tools\/[^"]+">Fractions legacy<\/a> \(127\.0\.0\.1:\d+\)<\/b>: its links and grades continue/);
    const registry = await (await fetch(`${hub.origin}/admin/tools`)).text();
    assert.match(registry, new RegExp(`<tr data-client-id="${added.client_id}"><td><a [^>]+>Fractions 1\\.3</a> <small class="replaces">replaces <a [^>]+>LTI 1\\.1 \\(key <code>${added.consumer_key}</code>\\)</a></small></td><td><code>[^<]+</code></td><td class="status"><b>pending review</b>`));
    const lti11Page = await (await fetch(`${hub.origin}/admin/lti11-tools/${encodeURIComponent(added.consumer_key)}`)).text();
    assert.match(lti11Page, /id="replacement-pending">an LTI 1\.3 registration replacing it waits for review</);
    assert.doesNotMatch(lti11Page, /id="upgrade-form"/);
    // The manual upgrade waits for the review too.
    const manual = await adminApi(hub, 'POST', `/lti11-tools/${encodeURIComponent(added.consumer_key)}/upgrade`, { client_name: 'x' });
    assert.deepEqual([manual.status, manual.json.field], [409, 'consumer_key']);

    const before = { lti11: lti11Launches.length, lti13: lti13Launches.length };
    await launchAs('alan');
    assert.equal(lti11Launches.length, before.lti11 + 1, 'a registration waiting for review does not take the link over');
    assert.equal(lti13Launches.length, before.lti13);
  });

  it('d. Enable: no new link; the 1.1 tool is upgraded, its custom parameters carried over', async () => {
    const enabled = await postForm(`/admin/tools/${encodeURIComponent(added.client_id)}/approve`, new URLSearchParams([['scope', SCORE], ['scope', RESULTS], ['claim', 'name']]));
    assert.equal(enabled.status, 200);
    assert.match(await enabled.text(), /id="enabled"><p>Enabled: it replaces the LTI 1\.1 tool, whose links now launch through LTI 1\.3/);
    const shown = (await adminApi(hub, 'GET', `/tools/${encodeURIComponent(added.client_id)}`)).json;
    assert.equal(shown.status, 'active');
    assert.deepEqual(shown.upgraded_from, { lti_version: '1.1', consumer_key: added.consumer_key });
    assert.equal(shown.replaces, undefined);
    assert.deepEqual(shown.links.map((link: Json) => link.id), [added.link_id], 'no new link');
    assert.deepEqual(shown.custom_parameters, { unit: '3' });
    assert.deepEqual(shown.document['https://purl.imsglobal.org/spec/lti-tool-configuration'].custom_parameters, { unit: '3' });
    assert.deepEqual(shown.claims, ['name']);
    assert.equal((await adminApi(hub, 'GET', `/lti11-tools/${encodeURIComponent(added.consumer_key)}`)).json.upgraded, true);
    const again = await adminApi(hub, 'POST', `/tools/${encodeURIComponent(added.client_id)}/approve`, {});
    assert.equal(again.json.error, 'ERR_LTI_DR_REGISTRATION_NOT_PENDING');
  });

  it('e. the same link launches in 1.3 with lti1p1 verified; an AGS score joins the 1.1 grade in one gradebook column', async () => {
    await launchAs('alan');
    assert.equal(lti13Launches.length, 1, 'the link launched through 1.3');
    const lti13 = lti13Launches[0]!;
    const lti11 = lti11Launches[0]!;
    assert.deepEqual(lti13.lti1p1, { status: 'verified', consumerKey: added.consumer_key, userId: lti11.userId, contextId: lti11.contextId, resourceLinkId: lti11.resourceLinkId });
    assert.equal(lti13.userId, lti11.userId);
    assert.equal(lti13.resourceLink?.id, added.link_id);
    assert.equal(lti13.clientId, added.client_id);
    assert.equal(lti13.deploymentId, added.deployment_id);
    assert.equal(lti13.custom.unit, '3');
    assert.equal(lti13.person.email, undefined, 'email was not granted');

    const endpoint = lti13.claims[AGS_ENDPOINT] as { lineitem?: string } | undefined;
    assert.ok(endpoint?.lineitem, 'the launch names the link’s line item (AGS-002)');
    const target = { issuer: lti13.issuer, clientId: lti13.clientId, deploymentId: lti13.deploymentId };
    const results = await tool.ags.listResults(target, endpoint.lineitem);
    assert.deepEqual(results.map((result) => [result.userId, result.resultScore]), [[lti11.userId, 0.7]], 'AGS reads the 1.1 grade');
    await tool.ags.submitScore(target, endpoint.lineitem, {
      userId: lti13.userId!,
      scoreGiven: 0.9,
      scoreMaximum: 1,
      activityProgress: 'Completed',
      gradingProgress: 'FullyGraded',
      timestamp: new Date(Date.now() + 1000).toISOString(),
    });
    const { html, browser } = await gradebook();
    assert.equal([...html.matchAll(/<th>Fractions legacy<br>/g)].length, 1, 'one column for the link');
    const cell = [...html.matchAll(/<td class="grade" data-person="alan" data-line-item="([^"]+)"><a href="([^"]+)">([^<]+)<\/a><\/td>/g)].find((match) => match[1] === endpoint.lineitem!.split('/').at(-1));
    assert.ok(cell, 'Alan’s grade is in the link’s column');
    assert.equal(cell[3], '0.9 / 1');
    const history = await (await browser.get(`${hub.origin}${cell[2]!.replaceAll('&amp;', '&')}`)).response.text();
    const scores = [...history.matchAll(/<tr><td>\d{4}-[^<]+<\/td><td>([^<]+)<\/td>/g)].map((row) => row[1]);
    assert.deepEqual(scores.sort(), ['0.7 / 1', '0.9 / 1'], 'the 1.1 grade and the 1.3 score, one history');
  });

  it('f. the JSON API and the CLI take `replaces`: refused for a tool upgraded already or unknown, naming it; bound into the token otherwise', async () => {
    const url = tool.config.registrationUrl;
    const upgraded = await adminApi(hub, 'POST', '/registrations', { url, replaces: added.consumer_key });
    assert.deepEqual([upgraded.status, upgraded.json.error, upgraded.json.field], [409, 'ERR_HUB_CONFLICT', 'replaces']);
    const unknown = await adminApi(hub, 'POST', '/registrations', { url, replaces: 'nobody' });
    assert.deepEqual([unknown.status, unknown.json.error, unknown.json.field], [404, 'ERR_HUB_NOT_FOUND', 'replaces']);
    const wrongType = await adminApi(hub, 'POST', '/registrations', { url, replaces: 7 });
    assert.deepEqual([wrongType.status, wrongType.json.field], [400, 'replaces']);

    const started = await adminApi(hub, 'POST', '/registrations', { url, replaces: other.consumer_key });
    assert.equal(started.status, 201, JSON.stringify(started.json));
    assert.deepEqual(started.json.replaces, { lti_version: '1.1', consumer_key: other.consumer_key, name: 'Other legacy', client_id: other.client_id, deployment_ids: [other.deployment_id] });
    // The upgraded tool is no longer offered; the other one is, not pre-selected (another host).
    const choice = await (await postForm('/admin/registrations', new URLSearchParams({ url }))).text();
    assert.doesNotMatch(choice, new RegExp(`value="${added.consumer_key}"`));
    assert.match(choice, new RegExp(`value="${other.consumer_key}"> Replaces`));
    assert.match(choice, /value="" checked> <b>New tool<\/b>/);

    const env = { LTIKIT_HUB_URL: hub.origin };
    const cli = await runCli(['tool', 'register', '--url', url, '--replaces', other.consumer_key], env);
    assert.equal(cli.code, 0, cli.stderr);
    assert.equal(cli.json.replaces.client_id, other.client_id);
    // The tool registers with that token: under the other 1.1 tool's reserved client id.
    assert.equal((await fetch(cli.json.registration_url)).status, 200);
    const pending = (await adminApi(hub, 'GET', `/registrations/${cli.json.session_id}`)).json;
    assert.deepEqual([pending.client_id, pending.status, pending.replaces.consumer_key], [other.client_id, 'pending', other.consumer_key]);
    // The token made earlier for the same tool is refused by the registration endpoint now: nothing more is registered.
    const tools = (await adminApi(hub, 'GET', '/tools')).json.tools.length;
    const late = await (await fetch(started.json.registration_url)).text();
    assert.match(late, /Error code: <code>ERR_LTI_DR_REGISTRATION_REFUSED<\/code>/);
    assert.match(late, /<code>409<\/code> <code>access_denied<\/code>/);
    assert.equal((await adminApi(hub, 'GET', '/tools')).json.tools.length, tools);

    // No 1.1 tool is left to replace (one upgraded, one waiting for review): the tool opens at once.
    const direct = await (await postForm('/admin/registrations', new URLSearchParams({ url }))).text();
    assert.match(direct, /id="registration-frame"/);
    assert.doesNotMatch(direct, /id="registration-choice"/);

    const refused = await runCli(['tool', 'register', '--url', url, '--replaces', 'nobody'], env);
    assert.equal(refused.code, 1);
    assert.deepEqual([refused.json.error, refused.json.field], ['ERR_HUB_NOT_FOUND', 'replaces']);
    const blank = await runCli(['tool', 'register', '--url', url, '--replaces', ' '], env);
    assert.deepEqual([blank.code, blank.json.error], [2, 'ERR_CLI_USAGE']);
  });
});
