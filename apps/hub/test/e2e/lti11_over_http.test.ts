// LTI 1.1 in the hub over real HTTP, on SQLite and on PostgreSQL: a tool registered by key and
// secret through the admin API is deployed in the sandbox course; a learner's launch posts the signed form (checked by the
// tool with the secret, independently of ltikit) with the Basic Outcomes service; the tool's
// replaceResult lands in the gradebook with its history; the registry lists the tool as LTI 1.1.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestBrowser } from '../../../../packages/ltikit/test/support/browser.js';
import { type Json, adminApi } from '../support/admin_api.js';
import { hubBackends } from '../support/backends.js';
import type { TestHub } from '../support/hub.js';
import { type Lti11TestTool, outcomeXml, postOutcome, startLti11TestTool } from '../support/lti11_tool.js';

const codeMajor = (xml: string): string | undefined => /<imsx_codeMajor>([^<]*)<\/imsx_codeMajor>/.exec(xml)?.[1];

for (const backend of hubBackends) describe(`LTI 1.1 tools in the hub on ${backend.name}`, { skip: backend.skip }, () => {
  let hub: TestHub;
  let tool: Lti11TestTool;
  let added: Json;
  before(async () => {
    hub = await backend.start();
    tool = await startLti11TestTool();
  });
  after(async () => {
    await tool?.close();
    await hub?.stop();
  });

  it('registers a tool by API: the key and a 32-byte secret are generated and shown once', async () => {
    const response = await adminApi(hub, 'POST', '/lti11-tools', { name: 'Legacy quiz', launch_url: tool.launchUrl, claims: ['name', 'email'], custom_parameters: { 'Chapter-No': '4' } });
    assert.equal(response.status, 201, JSON.stringify(response.json));
    added = response.json;
    assert.equal(added.lti_version, '1.1');
    assert.equal(added.secret_generated, true);
    assert.match(added.secret, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(added.outcomes_url, `${hub.origin}/lti/lti11/outcomes`);
    tool.trust(added.secret);
    const shown = await adminApi(hub, 'GET', `/lti11-tools/${encodeURIComponent(added.consumer_key)}`);
    assert.equal(shown.status, 200);
    assert.equal(shown.json.secret, undefined, 'never shown again');
    assert.equal(shown.json.client_id, added.client_id);
    assert.deepEqual(shown.json.links.map((link: Json) => [link.id, link.document_target]), [[added.link_id, 'iframe']]);
    const registry = await adminApi(hub, 'GET', '/tools');
    assert.ok(registry.json.tools.every((entry: Json) => entry.lti_version === '1.3'));
    assert.deepEqual(registry.json.lti11_tools.map((entry: Json) => [entry.consumer_key, entry.lti_version, entry.upgraded]), [[added.consumer_key, '1.1', false]]);
  });

  it('refuses a consumer key already taken, an http launch URL off loopback and an unknown field, naming the field', async () => {
    const given = await adminApi(hub, 'POST', '/lti11-tools', { name: 'Given', launch_url: tool.launchUrl, consumer_key: 'given-key', secret: 'given secret' });
    assert.equal(given.status, 201);
    assert.equal(given.json.secret, undefined, 'a given secret is not echoed');
    assert.equal(given.json.secret_generated, false);
    const taken = await adminApi(hub, 'POST', '/lti11-tools', { name: 'Again', launch_url: tool.launchUrl, consumer_key: 'given-key' });
    assert.deepEqual([taken.status, taken.json.error, taken.json.field], [409, 'ERR_HUB_CONFLICT', 'consumer_key']);
    const http = await adminApi(hub, 'POST', '/lti11-tools', { name: 'Plain', launch_url: 'http://tool.example.com/lti' });
    assert.deepEqual([http.status, http.json.error, http.json.field], [400, 'ERR_HUB_FIELD_INVALID', 'launch_url']);
    const unknown = await adminApi(hub, 'POST', '/lti11-tools', { name: 'Typo', launch_url: tool.launchUrl, launchUrl: tool.launchUrl });
    assert.deepEqual([unknown.status, unknown.json.field], [400, 'launchUrl']);
    const claim = await adminApi(hub, 'POST', '/lti11-tools', { name: 'Claims', launch_url: tool.launchUrl, claims: ['ssn'] });
    assert.deepEqual([claim.status, claim.json.field], [400, 'claims[0]']);
  });

  let fields: Map<string, string>;

  it('launches as a learner: the signed form verifies with the secret and carries outcomes and personal data', async () => {
    const ticket = await adminApi(hub, 'POST', '/launch-url', { client_id: added.client_id, user: 'alan' });
    assert.equal(ticket.status, 201, JSON.stringify(ticket.json));
    const { response } = await new TestBrowser().launch(ticket.json.url);
    assert.equal(response.status, 200, await response.clone().text());
    const launch = tool.launches.at(-1)!;
    assert.equal(launch.signatureValid, true);
    fields = launch.fields;
    assert.equal(fields.get('lti_message_type'), 'basic-lti-launch-request');
    assert.equal(fields.get('oauth_consumer_key'), added.consumer_key);
    assert.equal(fields.get('user_id'), 'person-alan');
    assert.equal(fields.get('roles'), 'urn:lti:role:ims/lis/Learner');
    assert.equal(fields.get('lis_person_name_full'), 'Alan Turing');
    assert.equal(fields.get('lis_person_contact_email_primary'), 'alan@sandbox.example.edu');
    assert.equal(fields.has('lis_person_name_given'), false, 'not among the claims granted');
    assert.equal(fields.get('custom_chapter_no'), '4');
    assert.equal(fields.get('resource_link_id'), added.link_id);
    assert.equal(fields.get('launch_presentation_document_target'), 'iframe');
    assert.equal(fields.get('lis_outcome_service_url'), added.outcomes_url);
    assert.ok(fields.get('lis_result_sourcedid'));
  });

  it('launches as the instructor without the outcome service', async () => {
    const ticket = await adminApi(hub, 'POST', '/launch-url', { client_id: added.client_id, user: 'ada' });
    await new TestBrowser().launch(ticket.json.url);
    const launch = tool.launches.at(-1)!;
    assert.equal(launch.signatureValid, true);
    assert.equal(launch.fields.get('roles'), 'urn:lti:role:ims/lis/Instructor');
    assert.equal(launch.fields.has('lis_outcome_service_url'), false);
  });

  it('a replaceResult lands in the gradebook with its history', async () => {
    const credential = { key: added.consumer_key, secret: added.secret };
    const sourcedId = fields.get('lis_result_sourcedid')!;
    const url = fields.get('lis_outcome_service_url')!;
    const replaced = await postOutcome(url, outcomeXml('replaceResult', sourcedId, '0.7'), credential);
    assert.equal(replaced.status, 200, replaced.xml);
    assert.equal(codeMajor(replaced.xml), 'success');
    assert.equal(codeMajor((await postOutcome(url, outcomeXml('replaceResult', sourcedId, '0.9'), credential)).xml), 'success');
    const read = await postOutcome(url, outcomeXml('readResult', sourcedId), credential);
    assert.match(read.xml, /<textString>0\.9<\/textString>/);
    // The instructor's gradebook: a column named after the link, Alan's latest grade, its history.
    const browser = new TestBrowser();
    await browser.request(`${hub.origin}/session`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'person=ada' });
    const gradebook = await browser.get(`${hub.origin}/courses/course-lti101/gradebook`);
    const html = await gradebook.response.text();
    assert.match(html, /<th>Legacy quiz<br><small>out of 1<\/small><\/th>/);
    const cell = /<td class="grade" data-person="alan" data-line-item="([^"]+)"><a href="([^"]+)">([^<]+)<\/a><\/td>/.exec(html);
    assert.ok(cell, 'Alan has a grade');
    assert.equal(cell[3], '0.9 / 1');
    const history = await (await browser.get(`${hub.origin}${cell[2]!.replaceAll('&amp;', '&')}`)).response.text();
    assert.equal([...history.matchAll(/<tr><td>\d{4}-/g)].length, 2, 'both grades in the history');
    // A wrong secret is refused and changes nothing.
    const refused = await postOutcome(url, outcomeXml('replaceResult', sourcedId, '0.1'), { key: added.consumer_key, secret: 'wrong' });
    assert.equal(refused.status, 401);
    assert.equal(codeMajor(refused.xml), 'failure');
    assert.match((await postOutcome(url, outcomeXml('readResult', sourcedId), credential)).xml, /<textString>0\.9<\/textString>/);
  });

  it('registers from the admin page and shows the generated secret once; the Tools page lists the tool as LTI 1.1', async () => {
    const browser = new TestBrowser();
    const form = new URLSearchParams({ name: 'Window tool', launch_url: tool.launchUrl, document_target: 'window' });
    form.append('claims', 'name');
    const created = await browser.request(`${hub.origin}/admin/lti11-tools`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
    assert.equal(created.status, 200);
    const html = await created.text();
    const key = /id="lti11-consumer-key-value">([^<]+)</.exec(html)?.[1];
    assert.ok(key);
    assert.match(html, /id="lti11-secret-value">[A-Za-z0-9_-]{43}</);
    const listed = (await adminApi(hub, 'GET', `/lti11-tools/${encodeURIComponent(key)}`)).json;
    assert.equal(listed.links[0].document_target, 'window');
    const tools = await (await browser.get(`${hub.origin}/admin/tools`)).response.text();
    assert.match(tools, new RegExp(`<tr data-consumer-key="${key}"><td>Window tool</td><td class="version">LTI 1.1</td>`));
    const refused = await browser.request(`${hub.origin}/admin/lti11-tools`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ name: 'No URL', launch_url: 'ftp://x' }).toString() });
    assert.equal(refused.status, 400);
    assert.match(await refused.text(), /class="error-field">launch_url</);
  });
});
