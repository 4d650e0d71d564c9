// "Add a tool by its registration URL" through the hub's JSON admin API, over real HTTP on SQLite
// and on PostgreSQL (the sandbox-mode suite; the two outside sandbox mode stay on SQLite): the hub
// creates a registration token and the URL to open (DR-001, DR-003); the demo tool,
// opened at that URL, registers itself through the library (DR-010..DR-040); the registry lists it
// as pending (DR-033); the admin enables it with fewer grants (DR-034), which deploys it in the
// sandbox course with a link; a launch of that link then reaches the demo tool. And the refusals:
// a registration with a bad field (the field named, nothing half-registered, the token spent), a
// grant the tool did not ask for, a rejected registration, a bad registration URL, and the admin
// token outside sandbox mode, where the demo tool's own registration URL needs the admin sign-in.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TestBrowser, decodeHtml } from '../../../../packages/ltikit/test/support/browser.js';
import { TOOL_CONFIGURATION, clientRegistration, platformConfiguration } from '../../../../packages/ltikit/test/support/registration.js';
import { type TestServer, serve } from '../../../../packages/ltikit/test/support/serve.js';
import { type Hub, createHub } from '../../src/hub.js';
import { createLogger } from '../../src/logger.js';
import { type Json, adminApi } from '../support/admin_api.js';
import { hubBackends } from '../support/backends.js';
import { ADMIN_TOKEN, type TestHub, localUrl, startProductionHub } from '../support/hub.js';

const SCORE = 'https://purl.imsglobal.org/spec/lti-ags/scope/score';

for (const backend of hubBackends) describe(`Dynamic Registration through the hub on ${backend.name}`, { skip: backend.skip }, () => {
  let hub: TestHub;
  before(async () => {
    hub = await backend.start();
  });
  after(async () => {
    await hub.stop();
  });

  const toolCount = async (): Promise<number> => (await adminApi(hub, 'GET', '/tools')).json.tools.length;
  let clientId: string;

  it('registers the demo tool from its registration URL, pending review, and enables it with fewer grants', async () => {
    const started = await adminApi(hub, 'POST', '/registrations', { url: `${hub.origin}/demo-tool/register` });
    assert.equal(started.status, 201);
    const initiation = new URL(started.json.registration_url);
    assert.equal(`${initiation.origin}${initiation.pathname}`, `${hub.origin}/demo-tool/register`);
    assert.equal(initiation.searchParams.get('openid_configuration'), `${hub.origin}/.well-known/openid-configuration`);
    assert.ok((initiation.searchParams.get('registration_token') ?? '').length >= 43);
    const sessionId: string = started.json.session_id;

    const notYet = await adminApi(hub, 'GET', `/registrations/${sessionId}`);
    assert.equal(notYet.status, 404);
    assert.equal(notYet.json.field, 'session_id');

    // What the hub's frame does: open the tool's registration URL.
    const page = await fetch(started.json.registration_url, { headers: { accept: 'text/html' } });
    assert.equal(page.status, 200);
    assert.match(await page.text(), /org\.imsglobal\.lti\.close/);

    const pending = (await adminApi(hub, 'GET', `/registrations/${sessionId}`)).json;
    clientId = pending.client_id;
    assert.equal(pending.status, 'pending');
    assert.equal(pending.name, 'ltikit demo quiz');
    assert.equal(pending.registration.requested_by, 'sandbox');
    assert.deepEqual(pending.registration.requested_claims, ['name', 'given_name', 'family_name', 'email']);
    assert.equal(pending.registration.requested_scopes.length, 5);
    assert.deepEqual(
      pending.registration.messages.map((message: { type: string }) => message.type),
      ['LtiResourceLinkRequest', 'LtiDeepLinkingRequest'],
    );
    assert.equal(pending.document.client_name, 'ltikit demo quiz');
    assert.deepEqual(pending.links, []);
    const listed = (await adminApi(hub, 'GET', '/tools')).json.tools.find((tool: { client_id: string }) => tool.client_id === clientId);
    assert.equal(listed.status, 'pending');
    const registry = await (await fetch(`${hub.origin}/admin/tools`)).text();
    assert.match(registry, new RegExp(`data-client-id="${clientId}"><td>.*?</td><td class="status"><b>pending review</b>`));
    // Not launchable: no link, and none can be made before the review.
    assert.equal((await adminApi(hub, 'POST', '/launch-url', { client_id: clientId })).status, 404);
    // Not editable either before the review.
    assert.equal((await adminApi(hub, 'PUT', `/tools/${clientId}`, pending.document)).status, 409);

    const enabled = await adminApi(hub, 'POST', `/tools/${clientId}/approve`, { scopes: [SCORE], claims: ['name'] });
    assert.equal(enabled.status, 200, JSON.stringify(enabled.json));
    assert.equal(enabled.json.client_id, clientId);
    const active = (await adminApi(hub, 'GET', `/tools/${clientId}`)).json;
    assert.equal(active.status, 'active');
    assert.deepEqual(active.scopes, [SCORE]);
    assert.deepEqual(active.claims, ['name']);
    assert.deepEqual(active.links.map((link: { id: string; title: string }) => [link.id, link.title]), [[enabled.json.link_id, 'ltikit demo quiz']]);
    assert.deepEqual(active.deployment_ids, [enabled.json.deployment_id]);

    const again = await adminApi(hub, 'POST', `/tools/${clientId}/approve`, {});
    assert.equal(again.status, 409);
    assert.equal(again.json.error, 'ERR_LTI_DR_REGISTRATION_NOT_PENDING');
  });

  it('launches the new link as the instructor: the demo tool answers with only the granted personal data', async () => {
    const { json } = await adminApi(hub, 'POST', '/launch-url', { client_id: clientId });
    const { response } = await new TestBrowser().launch(json.url);
    assert.equal(response.status, 200);
    const html = await response.text();
    assert.match(html, /<h1>Demo tool<\/h1>/);
    assert.match(html, /id="roles">Instructor</);
    const claims = JSON.parse(decodeHtml(/<pre id="claims">([\s\S]*?)<\/pre>/.exec(html)![1]!)) as Json;
    assert.equal(claims.aud, clientId);
    assert.equal(claims.name, 'Ada Lovelace');
    assert.equal(claims.email, undefined);
  });

  it('refuses a registration with a bad field: the field is named, nothing is half-registered, the token is spent', async () => {
    const before = await toolCount();
    const started = (await adminApi(hub, 'POST', '/registrations', { url: `${hub.origin}/demo-tool/register` })).json;
    const initiation = new URL(started.registration_url);
    const token = initiation.searchParams.get('registration_token')!;
    // Play a tool that sends a bad field.
    const configuration = (await (await fetch(initiation.searchParams.get('openid_configuration')!, { headers: { authorization: `Bearer ${token}` } })).json()) as Json;
    const post = (body: unknown) =>
      fetch(configuration.registration_endpoint, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
    const refused = await post(clientRegistration(hub.origin, { initiate_login_uri: 'ftp://tool.example.com/login' }));
    assert.equal(refused.status, 400);
    const body = (await refused.json()) as Json;
    assert.equal(body.error, 'invalid_client_metadata');
    assert.equal(body.detail.field, 'initiate_login_uri');
    assert.match(body.error_description, /^initiate_login_uri /);
    assert.equal((await adminApi(hub, 'GET', `/registrations/${started.session_id}`)).status, 404);
    assert.equal(await toolCount(), before);
    // A corrected body cannot reuse the token.
    assert.equal((await post(clientRegistration(hub.origin))).status, 401);
    assert.equal(await toolCount(), before);
  });

  it('refuses a grant the tool did not ask for, naming it, and rejects a registration on request', async () => {
    const started = (await adminApi(hub, 'POST', '/registrations', { url: `${hub.origin}/demo-tool/register` })).json;
    assert.equal((await fetch(started.registration_url)).status, 200);
    const pending = (await adminApi(hub, 'GET', `/registrations/${started.session_id}`)).json;
    const refused = await adminApi(hub, 'POST', `/tools/${pending.client_id}/approve`, { claims: ['name', 'picture'] });
    assert.equal(refused.status, 400);
    assert.equal(refused.json.error, 'ERR_HUB_FIELD_INVALID');
    assert.equal(refused.json.field, 'claims[1]');
    const malformed = await adminApi(hub, 'POST', `/tools/${pending.client_id}/approve`, { claims: 'name' });
    assert.equal(malformed.json.field, 'claims');
    const still = (await adminApi(hub, 'GET', `/tools/${pending.client_id}`)).json;
    assert.equal(still.status, 'pending');
    assert.deepEqual(still.links, []);

    const rejected = await adminApi(hub, 'POST', `/tools/${pending.client_id}/reject`);
    assert.deepEqual(rejected.json, { client_id: pending.client_id, rejected: true });
    assert.equal((await adminApi(hub, 'GET', `/tools/${pending.client_id}`)).status, 404);
    assert.equal((await adminApi(hub, 'POST', `/tools/${pending.client_id}/reject`)).status, 404);
    // An active tool is not rejected this way.
    const active = await adminApi(hub, 'POST', `/tools/${clientId}/reject`);
    assert.equal(active.status, 409);
  });

  it('enables a registration from the review screen with the boxes left ticked', async () => {
    const started = (await adminApi(hub, 'POST', '/registrations', { url: `${hub.origin}/demo-tool/register` })).json;
    await fetch(started.registration_url);
    const review = await fetch(`${hub.origin}/admin/registrations/${started.session_id}`, { redirect: 'manual' });
    assert.equal(review.status, 303);
    const reviewPath = review.headers.get('location')!;
    const html = await (await fetch(`${hub.origin}${reviewPath}`)).text();
    assert.match(html, /<h1 id="review-title">Review: ltikit demo quiz<\/h1>/);
    assert.match(html, /<input type="checkbox" name="claim" value="email" checked>/);
    assert.match(html, new RegExp(`<input type="checkbox" name="scope" value="${SCORE}" checked>`));
    const form = new URLSearchParams([
      ['scope', SCORE],
      ['claim', 'given_name'],
    ]);
    const enabled = await fetch(`${hub.origin}${reviewPath}/approve`, { method: 'POST', headers: { origin: hub.origin }, body: form });
    assert.equal(enabled.status, 200);
    assert.match(await enabled.text(), /id="enabled"/);
    const tool = (await adminApi(hub, 'GET', `/registrations/${started.session_id}`)).json;
    assert.equal(tool.status, 'active');
    assert.deepEqual(tool.claims, ['given_name']);
    assert.equal(tool.links.length, 1);
  });

  it('reviews and rejects a registration that also offers a message type no platform knows, with members of any type', async () => {
    const started = (await adminApi(hub, 'POST', '/registrations', { url: `${hub.origin}/demo-tool/register` })).json;
    const token = new URL(started.registration_url).searchParams.get('registration_token')!;
    const configuration = (await (await fetch(`${hub.origin}/.well-known/openid-configuration`)).json()) as Json;
    // DR-021: the unknown message is skipped, not refused, so its members are never checked.
    const messages = [
      { type: 'VendorThing', placements: 'x', label: { a: 1 }, roles: 7, target_link_uri: 'javascript:alert(1)' },
      { type: 'LtiResourceLinkRequest', label: 'Open the trainer', placements: ['ContentArea'], target_link_uri: `${hub.origin}/lti/launch` },
    ];
    const registered = await fetch(configuration.registration_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(clientRegistration(hub.origin, {}, { messages })),
    });
    assert.equal(registered.status, 200, await registered.clone().text());
    const clientId = ((await registered.json()) as Json).client_id as string;

    const summary = (await adminApi(hub, 'GET', `/tools/${clientId}`)).json;
    assert.equal(summary.status, 'pending');
    assert.deepEqual(summary.registration.messages, [{ type: 'LtiResourceLinkRequest', label: 'Open the trainer', placements: ['ContentArea'], target_link_uri: `${hub.origin}/lti/launch` }]);
    assert.deepEqual(summary.document[TOOL_CONFIGURATION].messages, messages, 'the request is kept as received');

    const review = await fetch(`${hub.origin}/admin/tools/${clientId}`);
    assert.equal(review.status, 200);
    const html = await review.text();
    assert.match(html, /<h1 id="review-title">Review: Fractions Trainer<\/h1>/);
    assert.match(html, /<tr><td><code>LtiResourceLinkRequest<\/code><\/td><td>Open the trainer<\/td><td>[^<]*<\/td><td>ContentArea<\/td><\/tr>/);
    assert.doesNotMatch(html, /<td><code>VendorThing<\/code>/);

    const rejected = await fetch(`${hub.origin}/admin/tools/${clientId}/reject`, { method: 'POST', headers: { origin: hub.origin } });
    assert.equal(rejected.status, 200);
    assert.match(await rejected.text(), new RegExp(`The registration of ${clientId} was rejected and removed`));
    assert.equal((await adminApi(hub, 'GET', `/tools/${clientId}`)).status, 404);
  });

  it('refuses a registration URL that is not one, naming the field', async () => {
    const ftp = await adminApi(hub, 'POST', '/registrations', { url: 'ftp://tool.example.com/register' });
    assert.equal(ftp.status, 400);
    assert.equal(ftp.json.field, 'url');
    const typo = await adminApi(hub, 'POST', '/registrations', { uri: 'https://tool.example.com/register' });
    assert.equal(typo.json.field, 'uri');
    const page = await fetch(`${hub.origin}/admin/registrations`, { method: 'POST', headers: { origin: hub.origin }, body: new URLSearchParams({ url: 'javascript:alert(1)' }) });
    assert.equal(page.status, 400);
    assert.match(await page.text(), /<code class="error-field">url<\/code>/);
  });
});

describe('Dynamic Registration through the hub outside sandbox mode', () => {
  const token = ADMIN_TOKEN;
  let hub: TestHub;
  before(async () => {
    hub = await startProductionHub();
  });
  after(async () => {
    await hub.stop();
  });
  const local = (path: string): string => localUrl(hub, path);

  it('needs the admin token and https registration URLs', async () => {
    const anonymous = await fetch(local('/api/admin/registrations'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: 'https://tool.example.com/register' }) });
    assert.equal(anonymous.status, 401);
    const page = await fetch(local('/admin/registrations'), { method: 'POST', body: new URLSearchParams({ url: 'https://tool.example.com/register' }), redirect: 'manual' });
    assert.equal(page.status, 303);
    assert.equal(page.headers.get('location'), '/admin/login');
    const http = await fetch(local('/api/admin/registrations'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ url: 'http://localhost:9/register' }),
    });
    assert.equal(http.status, 400);
    assert.equal(((await http.json()) as Json).field, 'url');
    const started = await fetch(local('/api/admin/registrations'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ url: 'https://tool.example.com/register' }),
    });
    assert.equal(started.status, 201);
    const url = new URL(((await started.json()) as Json).registration_url);
    assert.equal(url.searchParams.get('openid_configuration'), 'https://hub.example.edu/.well-known/openid-configuration');
  });
});

describe('the demo tool\u2019s registration URL outside sandbox mode (DR-004)', () => {
  const token = 'an-admin-token-for-the-demo-tool-tests-0123456789';
  const origin = 'https://hub.example.edu';
  const handler = { current: async (_request: Request): Promise<Response> => new Response(null, { status: 503 }) };
  let platformServer: TestServer;
  let hub: Hub;
  let dataDir: string;
  let registerPath: string;

  before(async () => {
    platformServer = await serve(handler);
    // A platform on 127.0.0.1 that anyone could point the registration URL at.
    handler.current = async (request) => {
      const path = new URL(request.url).pathname;
      if (request.method === 'GET' && path === '/.well-known/openid-configuration') return Response.json(platformConfiguration(platformServer.origin));
      if (request.method === 'POST' && path === '/lti/register') {
        const body = (await request.json()) as Json;
        return Response.json({ ...body, client_id: 'client-of-the-demo-tool', [TOOL_CONFIGURATION]: { ...body[TOOL_CONFIGURATION], deployment_id: 'dep-1' } });
      }
      return new Response(null, { status: 404 });
    };
    dataDir = mkdtempSync(join(tmpdir(), 'ltikit-hub-'));
    // allowInsecureUrls only so that the platform may be served over http on 127.0.0.1.
    hub = await createHub(
      { port: 0, host: '127.0.0.1', publicUrl: origin, dataDir, databaseUrl: `sqlite:${join(dataDir, 'hub.db')}`, mode: 'production', adminToken: token, logLevel: 'silent', allowInsecureUrls: true },
      createLogger('silent'),
    );
    registerPath = `/demo-tool/register?openid_configuration=${encodeURIComponent(`${platformServer.origin}/.well-known/openid-configuration`)}`;
  });
  after(async () => {
    await hub?.close();
    await platformServer?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const issuers = async (): Promise<string[]> => {
    const response = await hub.fetch(new Request(`${origin}/api/admin/platforms`, { headers: { authorization: `Bearer ${token}` } }));
    return ((await response.json()) as Json).platforms.map((platform: { issuer: string }) => platform.issuer);
  };

  it('sends an anonymous visitor to the admin sign-in: no platform is fetched or trusted', async () => {
    const before = await issuers();
    const anonymous = await hub.fetch(new Request(`${origin}${registerPath}`));
    assert.equal(anonymous.status, 303);
    const location = new URL(anonymous.headers.get('location')!, origin);
    assert.equal(location.pathname, '/admin/login');
    assert.equal(location.searchParams.get('next'), registerPath);
    // A forged confirmation is refused the same way.
    const forged = await hub.fetch(new Request(`${origin}${registerPath}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'confirmation=x' }));
    assert.equal(forged.status, 303);
    assert.equal(platformServer.hits.size, 0, 'the hub fetched nothing');
    assert.deepEqual(await issuers(), before);
  });

  it('registers for the signed-in admin, who comes back from the sign-in and confirms the platform shown', async () => {
    const login = await hub.fetch(new Request(`${origin}/admin/login?next=${encodeURIComponent(registerPath)}`));
    assert.match(await login.text(), new RegExp(`<input type="hidden" name="next" value="${registerPath.replace(/[?]/g, '\\?').replaceAll('&', '&amp;')}">`));
    const signIn = (next: string) =>
      hub.fetch(new Request(`${origin}/admin/login`, { method: 'POST', headers: { origin, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token, next }) }));
    // Only a path of the hub is a place to come back to.
    for (const elsewhere of ['//evil.example/x', '/\\evil.example/x', 'https://evil.example/x']) assert.equal((await signIn(elsewhere)).headers.get('location'), '/admin/tools', elsewhere);
    const signedIn = await signIn(registerPath);
    assert.equal(signedIn.status, 303);
    assert.equal(signedIn.headers.get('location'), registerPath);
    const cookie = signedIn.headers.get('set-cookie')!.split(';')[0]!;

    const before = await issuers();
    const confirm = await hub.fetch(new Request(`${origin}${registerPath}`, { headers: { cookie } }));
    assert.equal(confirm.status, 200);
    const page = await confirm.text();
    assert.match(page, /<code id="platform-issuer">http:\/\/127\.0\.0\.1:\d+<\/code>/);
    assert.deepEqual(await issuers(), before, 'nothing is registered before the admin confirms');
    const confirmation = /name="confirmation" value="([^"]+)"/.exec(page)![1]!;
    const registered = await hub.fetch(
      new Request(`${origin}${registerPath}`, { method: 'POST', headers: { cookie, origin, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ confirmation }) }),
    );
    assert.equal(registered.status, 200);
    assert.match(await registered.text(), /org\.imsglobal\.lti\.close/);
    assert.deepEqual((await issuers()).sort(), [...before, platformServer.origin].sort());
  });
});
