// The hub over real HTTP on SQLite: health, the seeded sandbox, whole launches through one-time
// launch URLs, the admin API (tools, platforms, keys) with its refusals, and what the logs hold.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestBrowser, decodeHtml, parseForm } from '../../../../packages/ltikit/test/support/browser.js';
import { platformDocument, toolDocument } from '../support/documents.js';
import { type Json, adminApi } from '../support/admin_api.js';
import { ADMIN_TOKEN, type TestHub, localUrl, startProductionHub, startTestHub } from '../support/hub.js';

const TOOL_CONFIGURATION = 'https://purl.imsglobal.org/spec/lti-tool-configuration';

/** Runs a one-time launch URL to the tool's answer, as a browser that keeps cookies would. */
async function runLaunchUrl(url: string): Promise<{ status: number; html: string }> {
  const browser = new TestBrowser();
  const { response } = await browser.launch(url);
  return { status: response.status, html: await response.text() };
}

describe('the hub over HTTP (SQLite)', () => {
  let hub: TestHub;
  before(async () => {
    hub = await startTestHub();
  });
  after(async () => {
    await hub.stop();
  });

  it('answers /healthz with the database it uses', async () => {
    const response = await fetch(`${hub.origin}/healthz`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { status: 'ok', database: 'sqlite' });
  });

  it('seeds a course with an instructor, a teaching assistant and students, and the demo tool deployed in it', async () => {
    const { json } = await adminApi(hub, 'GET', '/courses');
    const [course] = json.courses;
    assert.equal(course.label, 'LTI101');
    const roles = course.members.flatMap((member: { roles: string[] }) => member.roles);
    assert.ok(roles.includes('http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor'));
    assert.ok(roles.includes('http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant'));
    assert.ok(roles.filter((role: string) => role.endsWith('#Learner')).length >= 3);
    const tools = (await adminApi(hub, 'GET', '/tools')).json.tools;
    const demo = tools.find((tool: { built_in: boolean }) => tool.built_in);
    assert.equal(demo.links[0].course_id, course.id);
  });

  it('runs a whole launch from a one-time launch URL, as the instructor by default and as a student with --role Learner', async () => {
    const instructor = await adminApi(hub, 'POST', '/launch-url', {});
    assert.equal(instructor.status, 201);
    const asInstructor = await runLaunchUrl(instructor.json.url);
    assert.equal(asInstructor.status, 200);
    assert.match(asInstructor.html, /id="roles">Instructor</);
    assert.match(asInstructor.html, /Ada Lovelace/);

    const student = await adminApi(hub, 'POST', '/launch-url', { role: 'Learner' });
    const asStudent = await runLaunchUrl(student.json.url);
    assert.match(asStudent.html, /id="roles">Learner</);
    assert.doesNotMatch(asStudent.html, /id="roles">[^<]*Instructor/);
  });

  it('spends a launch URL once', async () => {
    const { json } = await adminApi(hub, 'POST', '/launch-url', { user: 'katherine' });
    assert.equal((await runLaunchUrl(json.url)).status, 200);
    const again = await new TestBrowser().get(json.url);
    assert.equal(again.response.status, 410);
    assert.match(await again.response.text(), /ERR_HUB_TICKET_INVALID/);
  });

  it('refuses launch URLs for unknown people, courses and fields, naming the field', async () => {
    const unknownUser = await adminApi(hub, 'POST', '/launch-url', { user: 'nobody' });
    assert.equal(unknownUser.status, 404);
    assert.equal(unknownUser.json.field, 'user');
    const unknownField = await adminApi(hub, 'POST', '/launch-url', { usr: 'ada' });
    assert.equal(unknownField.status, 400);
    assert.equal(unknownField.json.field, 'usr');
    const badMessage = await adminApi(hub, 'POST', '/launch-url', { message: 'LtiFooRequest' });
    assert.equal(badMessage.json.field, 'message');
  });

  it('registers a tool from its registration document and deploys it in the sandbox course', async () => {
    const added = await adminApi(hub, 'POST', '/tools', toolDocument('https://sims.example.com'));
    assert.equal(added.status, 201);
    assert.equal(typeof added.json.client_id, 'string');
    assert.equal(typeof added.json.deployment_id, 'string');
    const shown = await adminApi(hub, 'GET', `/tools/${added.json.client_id}`);
    assert.equal(shown.json.name, 'Physics simulations');
    assert.deepEqual(shown.json.deployment_ids, [added.json.deployment_id]);
    assert.deepEqual(shown.json.claims, ['name']);
    assert.deepEqual(shown.json.custom_parameters, { level: 'intro' });
    assert.equal(shown.json.links[0].title, 'Pendulum lab');

    const edited = await adminApi(hub, 'PUT', `/tools/${added.json.client_id}`, toolDocument('https://sims.example.com', { client_name: 'Physics sims v2' }));
    assert.equal(edited.status, 200);
    assert.equal(edited.json.name, 'Physics sims v2');
    assert.deepEqual(edited.json.deployment_ids, [added.json.deployment_id]);
  });

  it('refuses a malformed or wrong document with the field named, and leaves nothing half-registered', async () => {
    const before = (await adminApi(hub, 'GET', '/tools')).json.tools.length;
    const cases: [unknown, string][] = [
      [toolDocument('https://sims.example.com', { colour: 'blue' }), 'colour'],
      [toolDocument('https://sims.example.com', { redirect_uris: 'https://sims.example.com/launch' }), 'redirect_uris'],
      [toolDocument('https://sims.example.com', { initiate_login_uri: 'ftp://sims.example.com/login' }), 'initiate_login_uri'],
      [toolDocument('https://sims.example.com', { initiate_login_uri: 'http://sims.example.com/login' }), 'initiate_login_uri'],
      [{ ...toolDocument('https://sims.example.com'), [TOOL_CONFIGURATION]: { domain: 'sims.example.com', target_link_uri: 'https://sims.example.com/l', claims: ['ssn'] } }, `${TOOL_CONFIGURATION}.claims[0]`],
      [{ ...toolDocument('https://sims.example.com'), [TOOL_CONFIGURATION]: undefined }, TOOL_CONFIGURATION],
    ];
    for (const [document, field] of cases) {
      const refused = await adminApi(hub, 'POST', '/tools', document);
      assert.equal(refused.status, 400, field);
      assert.equal(refused.json.error, 'ERR_HUB_FIELD_INVALID');
      assert.equal(refused.json.field, field);
      assert.ok(refused.json.error_description.includes(field));
    }
    const malformed = await adminApi(hub, 'POST', '/tools', '{"client_name": ');
    assert.equal(malformed.status, 400);
    assert.equal(malformed.json.error, 'ERR_HUB_BODY_INVALID');
    assert.equal((await adminApi(hub, 'GET', '/tools')).json.tools.length, before);
  });

  it('adds and edits a tool from the registry pages, as the API does, and shows the refused field', async () => {
    const post = (path: string, document: string) =>
      fetch(`${hub.origin}${path}`, { method: 'POST', headers: { origin: hub.origin }, body: new URLSearchParams({ document }), redirect: 'manual' });
    const added = await post('/admin/tools', JSON.stringify(toolDocument('https://quiz.example.org')));
    assert.equal(added.status, 303);
    const detailPath = added.headers.get('location')!;
    const clientId = decodeURIComponent(detailPath.split('/').pop()!);
    assert.equal((await adminApi(hub, 'GET', `/tools/${clientId}`)).json.name, 'Physics simulations');

    const refused = await post(detailPath, JSON.stringify(toolDocument('https://quiz.example.org', { client_name: 42 })));
    assert.equal(refused.status, 400);
    assert.match(await refused.text(), /<code class="error-field">client_name<\/code>/);
    const saved = await post(detailPath, JSON.stringify(toolDocument('https://quiz.example.org', { client_name: 'Quiz bank' })));
    assert.equal(saved.status, 200);
    assert.match(await saved.text(), /Saved\./);
    const tool = (await adminApi(hub, 'GET', `/tools/${clientId}`)).json;
    assert.equal(tool.name, 'Quiz bank');
    assert.equal(tool.document.client_name, 'Quiz bank');

    const crossSite = await fetch(`${hub.origin}/admin/tools`, { method: 'POST', headers: { origin: 'https://evil.example' }, body: new URLSearchParams({ document: '{}' }), redirect: 'manual' });
    assert.equal(crossSite.status, 401);
  });

  it('adds a platform for the demo tool and answers with the URLs to configure in it', async () => {
    const added = await adminApi(hub, 'POST', '/platforms', platformDocument());
    assert.equal(added.status, 201);
    assert.equal(added.json.login_url, `${hub.origin}/demo-tool/login`);
    assert.equal(added.json.launch_url, `${hub.origin}/demo-tool/launch`);
    assert.equal(added.json.jwks_url, `${hub.origin}/demo-tool/jwks`);
    const jwks = (await (await fetch(added.json.jwks_url)).json()) as { keys: { kid: string; d?: string }[] };
    assert.ok(jwks.keys.length >= 1);
    assert.ok(jwks.keys.every((key) => key.d === undefined));
    const listed = (await adminApi(hub, 'GET', '/platforms')).json.platforms;
    assert.ok(listed.some((platform: { issuer: string }) => platform.issuer === 'https://canvas.example.edu'));
    const missing = await adminApi(hub, 'POST', '/platforms', platformDocument({ jwks_uri: undefined }));
    assert.equal(missing.json.field, 'jwks_uri');
  });

  it('lets the demo tool obtain a service token from the hub over HTTP with its own key (TOK-001..014)', async () => {
    const configuration = (await (await fetch(`${hub.origin}/.well-known/openid-configuration`)).json()) as Json;
    assert.equal(configuration.token_endpoint, `${hub.origin}/lti/token`);
    const { hub: running } = hub.running;
    const tools = (await adminApi(hub, 'GET', '/tools')).json.tools;
    const demo = tools.find((tool: { built_in: boolean }) => tool.built_in);
    const target = { issuer: hub.origin, clientId: running.demoClientId, deploymentId: demo.deployment_ids[0] };
    const token = await running.demoTool.tool.getAccessToken(target, ['https://purl.imsglobal.org/spec/lti-ags/scope/score']);
    assert.deepEqual(token.scopes, ['https://purl.imsglobal.org/spec/lti-ags/scope/score']);
    const grant = await running.platform.authorizeServiceRequest(
      new Request(`${hub.origin}/any-service`, { headers: { authorization: `Bearer ${token.accessToken}` } }),
      ['https://purl.imsglobal.org/spec/lti-ags/scope/score'],
    );
    assert.equal(grant.clientId, running.demoClientId);
    assert.equal(grant.deploymentId, demo.deployment_ids[0]);
    // An external tool granted no scopes gets invalid_scope.
    const added = await adminApi(hub, 'POST', '/tools', toolDocument('https://sims.example.com', { scope: undefined }));
    assert.equal((await adminApi(hub, 'GET', `/tools/${added.json.client_id}`)).json.scopes.length, 0);
  });

  it('serves the course roster to the demo tool through Names and Roles, only for courses it is in (NRPS, TOK-016)', async () => {
    const { hub: running } = hub.running;
    const demo = (await adminApi(hub, 'GET', '/tools')).json.tools.find((tool: { built_in: boolean }) => tool.built_in);
    const target = { issuer: hub.origin, clientId: running.demoClientId, deploymentId: demo.deployment_ids[0] };
    const url = `${hub.origin}/lti/contexts/course-lti101/memberships`;
    const everyone = [];
    for await (const member of running.demoTool.tool.nrps.members(target, url, { limit: 4 })) everyone.push(member);
    assert.equal(everyone.length, 6);
    assert.ok(everyone.some((member) => member.name === 'Ada Lovelace' && member.roles.includes('http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor')));
    const learners = [];
    for await (const member of running.demoTool.tool.nrps.members(target, url, { role: 'Learner' })) learners.push(member.user_id);
    assert.equal(learners.length, 4);
    await assert.rejects(
      (async () => {
        for await (const _member of running.demoTool.tool.nrps.members(target, `${hub.origin}/lti/contexts/course-elsewhere/memberships`)) {
          // never reached
        }
      })(),
      (error: unknown) => error instanceof Error && 'detail' in error && (error as { detail?: { status?: number } }).detail?.status === 404,
    );
  });

  it("sends the demo quiz's grade to the gradebook through AGS, where its history is kept", async () => {
    const { json } = await adminApi(hub, 'POST', '/launch-url', { user: 'barbara' });
    const browser = new TestBrowser();
    const { response } = await browser.launch(json.url);
    const html = await response.text();
    const quizId = /name="quiz" value="([^"]+)"/.exec(html)?.[1];
    assert.ok(quizId, 'the quiz form carries its id');
    const claims = JSON.parse(decodeHtml(/<pre id="claims">([\s\S]*?)<\/pre>/.exec(html)![1]!)) as Json;
    assert.match(claims['https://purl.imsglobal.org/spec/lti-ags/claim/endpoint'].lineitem, /\/lti\/contexts\/course-lti101\/lineitems\/li-demo-quiz$/);
    const answered = await browser.request(`${hub.origin}/demo-tool/quiz`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ quiz: quizId, q1: '0', q2: '0', q3: '2' }).toString(),
    });
    const result = await answered.text();
    assert.match(result, /id="grade-sent"/, result);
    // Barbara (signed in by her launch URL) sees her own row only; the history is hers to read.
    const gradebook = await (await browser.request(`${hub.origin}/courses/course-lti101/gradebook`)).text();
    assert.match(gradebook, /data-person="barbara" data-line-item="li-demo-quiz"><a href="[^"]+">2 \/ 3</);
    assert.doesNotMatch(gradebook, /Ada Lovelace/);
    const someoneElse = await browser.request(`${hub.origin}/courses/course-lti101/gradebook/li-demo-quiz/person-alan`);
    assert.equal(someoneElse.status, 403);
    const history = await (await browser.request(`${hub.origin}/courses/course-lti101/gradebook/li-demo-quiz/person-barbara`)).text();
    assert.match(history, /2 answers right|2 of 3 answers right/);
  });

  it('places content picked in the demo tool by Deep Linking as course links with gradebook columns (DL, AGS)', async () => {
    const { json, status } = await adminApi(hub, 'POST', '/launch-url', { message: 'LtiDeepLinkingRequest' });
    assert.equal(status, 201, JSON.stringify(json));
    const browser = new TestBrowser();
    const { response } = await browser.launch(json.url);
    const picker = await response.text();
    assert.match(picker, /Add a quiz to Introduction to LTI/);
    const pickId = /name="pick" value="([^"]+)"/.exec(picker)?.[1];
    assert.ok(pickId);
    const answered = await browser.request(`${hub.origin}/demo-tool/deep-link`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `pick=${encodeURIComponent(pickId)}&quiz=lti-basics&quiz=lti-security`,
    });
    const form = parseForm(await answered.text());
    assert.ok(form.action.startsWith(`${hub.origin}/lti/deep-linking/return?launch=`), form.action);
    const placed = await (await browser.submit(form)).text();
    assert.match(placed, /Added 2 quizzes\./);
    assert.match(placed, /<li>Quiz: LTI basics<\/li>/);
    const course = await (await fetch(`${hub.origin}/courses/course-lti101`)).text();
    assert.match(course, /Quiz: LTI security/);
    const gradebook = await (await fetch(`${hub.origin}/courses/course-lti101/gradebook`)).text();
    assert.match(gradebook, /Quiz: LTI basics<br><small>out of 3/);
    // A student's launch of the placed link carries its line item (AGS-002).
    const links = (await adminApi(hub, 'GET', '/tools')).json.tools.find((tool: { built_in: boolean }) => tool.built_in).links;
    assert.ok(links.some((link: { title: string }) => link.title === 'Quiz: LTI basics'));
    // The second use of the same selection is refused.
    const again = await browser.request(`${hub.origin}/demo-tool/deep-link`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `pick=${encodeURIComponent(pickId)}&quiz=lti-basics` });
    assert.equal(again.status, 410);
    // Students may not add content (DL-004).
    const student = await adminApi(hub, 'POST', '/launch-url', { message: 'LtiDeepLinkingRequest', role: 'Learner' });
    const refused = await new TestBrowser().get(student.json.url);
    assert.equal(refused.response.status, 403);
    assert.match(await refused.response.text(), /ERR_HUB_FORBIDDEN/);
  });

  it('answers unknown paths with a clear 404, as JSON under /api', async () => {
    const page = await fetch(`${hub.origin}/no/such/page`);
    assert.equal(page.status, 404);
    assert.match(await page.text(), /ERR_HUB_NOT_FOUND/);
    const json = await adminApi(hub, 'GET', '/nothing');
    assert.equal(json.status, 404);
    assert.equal(json.json.error, 'ERR_HUB_NOT_FOUND');
  });

  it('refuses admin API writes not declared as JSON, which a page on another site could send without a preflight (415)', async () => {
    const toolsBefore = (await adminApi(hub, 'GET', '/tools')).json.tools.length;
    const keysBefore = (await adminApi(hub, 'GET', '/keys')).json.keys;
    const send = (method: string, path: string, headers: Record<string, string>, body?: string) => fetch(`${hub.origin}/api/admin${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
    const refused = [
      await send('POST', '/tools', { 'content-type': 'text/plain' }, JSON.stringify(toolDocument('https://plain.example.com'))),
      await send('POST', '/tools', { 'content-type': 'application/x-www-form-urlencoded' }, 'document=x'),
      await send('POST', '/launch-url', { 'content-type': 'multipart/form-data; boundary=x' }, '--x--'),
      await send('POST', '/keys/rotate?force=true', {}),
      await send('POST', '/tools/no-such-tool/reject', {}),
      await send('PUT', '/tools/no-such-tool', { 'content-type': 'text/plain' }, '{}'),
      await send('DELETE', '/tools/no-such-tool', { 'content-type': 'application/jsonx' }),
    ];
    for (const response of refused) {
      assert.equal(response.status, 415, response.url);
      const body = (await response.json()) as Json;
      assert.equal(body.error, 'ERR_HUB_CONTENT_TYPE_UNSUPPORTED');
      assert.match(body.error_description, /Content-Type: application\/json/);
    }
    assert.equal((await adminApi(hub, 'GET', '/tools')).json.tools.length, toolsBefore);
    assert.deepEqual((await adminApi(hub, 'GET', '/keys')).json.keys, keysBefore);
    // Declared JSON (with parameters, in any case) goes through; reads need no declaration.
    const launch = await send('POST', '/launch-url', { 'content-type': 'Application/JSON; charset=utf-8' }, '{}');
    assert.equal(launch.status, 201);
    assert.equal((await fetch(`${hub.origin}/api/admin/courses`)).status, 200);
  });

  it('writes structured logs with no tokens, tickets or session cookies in them', async () => {
    const { json } = await adminApi(hub, 'POST', '/launch-url', {});
    const ticket = new URL(json.url).pathname.split('/').pop()!;
    const browser = new TestBrowser();
    const { form } = await browser.launch(json.url);
    const text = hub.logText();
    assert.ok(hub.logs.some((line) => line.msg === 'request' && line.path === '/lti/authorize'));
    assert.ok(hub.logs.some((line) => line.msg === 'lti message'));
    assert.ok(!text.includes(form.fields.id_token!), 'id_token in the logs');
    assert.ok(!text.includes(form.fields.state!), 'state in the logs');
    assert.ok(!text.includes(ticket), 'launch ticket in the logs');
    for (const cookie of browser.cookies.values()) for (const value of cookie.values()) assert.ok(!text.includes(value), 'a cookie value in the logs');
  });
});

describe('signing key rotation in two steps (SEC-006)', () => {
  let hub: TestHub;
  before(async () => {
    hub = await startTestHub();
  });
  after(async () => {
    await hub.stop();
  });

  it('publishes a next key first, refuses to activate it early, and activates at once when forced', async () => {
    const active = (await adminApi(hub, 'GET', '/keys')).json.keys.find((key: { status: string }) => key.status === 'active');
    const published = await adminApi(hub, 'POST', '/keys/rotate');
    assert.equal(published.status, 200);
    assert.equal(published.json.step, 'published');
    assert.equal(published.json.activate_after, published.json.next.createdAt + 300);
    let jwks = (await (await fetch(`${hub.origin}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };
    assert.deepEqual(new Set(jwks.keys.map((key) => key.kid)), new Set([active.kid, published.json.next.kid]));

    const early = await adminApi(hub, 'POST', '/keys/rotate');
    assert.equal(early.status, 409);
    assert.equal(early.json.error, 'ERR_HUB_CONFLICT');

    const forced = await adminApi(hub, 'POST', '/keys/rotate?force=true');
    assert.equal(forced.status, 200);
    assert.equal(forced.json.step, 'activated');
    assert.equal(forced.json.activated.kid, published.json.next.kid);
    assert.deepEqual(forced.json.retired.map((key: { kid: string }) => key.kid), [active.kid]);
    jwks = (await (await fetch(`${hub.origin}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };
    assert.ok(jwks.keys.some((key) => key.kid === active.kid), 'the retired key stays published');

    // Launches are now signed with the new key, and the demo tool accepts them.
    const { json } = await adminApi(hub, 'POST', '/launch-url', {});
    const browser = new TestBrowser();
    const { response, form } = await browser.launch(json.url);
    assert.equal(response.status, 200);
    const header = JSON.parse(Buffer.from(form.fields.id_token!.split('.')[0]!, 'base64url').toString()) as { kid: string };
    assert.equal(header.kid, published.json.next.kid);
  });
});

describe('the hub outside sandbox mode', () => {
  const token = ADMIN_TOKEN;
  let hub: TestHub;
  before(async () => {
    hub = await startProductionHub();
  });
  after(async () => {
    await hub.stop();
  });
  const local = (path: string): string => localUrl(hub, path);

  it('requires the admin token on the admin API, compared in full', async () => {
    const anonymous = await fetch(local('/api/admin/tools'));
    assert.equal(anonymous.status, 401);
    assert.equal(((await anonymous.json()) as { error: string }).error, 'ERR_HUB_UNAUTHORIZED');
    const wrong = await fetch(local('/api/admin/tools'), { headers: { authorization: `Bearer ${token.slice(0, -1)}x` } });
    assert.equal(wrong.status, 401);
    const right = await fetch(local('/api/admin/tools'), { headers: { authorization: `Bearer ${token}` } });
    assert.equal(right.status, 200);
  });

  it('refuses http URLs in a tool document, naming the field', async () => {
    const response = await fetch(local('/api/admin/tools'), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(toolDocument('https://sims.example.com', { jwks_uri: 'http://localhost:9/jwks' })),
    });
    assert.equal(response.status, 400);
    const body = (await response.json()) as { field: string; error_description: string };
    assert.equal(body.field, 'jwks_uri');
    assert.match(body.error_description, /https/);
  });

  it('sends the LMS and admin pages to the admin sign-in, which takes only the admin token', async () => {
    const home = await fetch(local('/'), { redirect: 'manual' });
    assert.equal(home.status, 303);
    assert.equal(home.headers.get('location'), '/admin/login');
    const refused = await fetch(local('/admin/login'), { method: 'POST', body: new URLSearchParams({ token: 'guess' }), redirect: 'manual' });
    assert.equal(refused.status, 401);
    const accepted = await fetch(local('/admin/login'), { method: 'POST', body: new URLSearchParams({ token }), redirect: 'manual' });
    assert.equal(accepted.status, 303);
    const cookie = accepted.headers.get('set-cookie')!.split(';')[0]!;
    assert.match(accepted.headers.get('set-cookie')!, /Secure/);
    const tools = await fetch(local('/admin/tools'), { headers: { cookie } });
    assert.equal(tools.status, 200);
  });
});
