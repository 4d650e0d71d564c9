// End to end over real HTTP on 127.0.0.1: a small LTI 1.1 consumer (its launch page is the signed,
// auto-submitting form of L11-001; its outcomes endpoint checks what BO-003 asks) launches our
// tool in a browser, the tool sends and reads back a grade through Basic Outcomes, a failed launch
// returns to the consumer with lti_errormsg (L11-020), and hostile forms get 4xx codes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LtiError } from '../../src/errors.js';
import { fixedClock } from '../../src/lib/clock.js';
import { autoSubmitFormResponse } from '../../src/lib/http.js';
import { type OAuthParameter, parseOAuthAuthorizationHeader } from '../../src/lib/oauth1_signature.js';
import { signOAuth1Request, verifyOAuth1Request } from '../../src/lib/oauth1_request.js';
import { buildOutcomeResponse, parseOutcomeRequest } from '../../src/messages/basic_outcomes.js';
import { MemorySingleUseStore, createMemoryStores } from '../../src/stores/memory.js';
import { type LtiTool, createTool, lti11ReturnUrl } from '../../src/tool/index.js';
import { CONTEXT_ROLE } from '../../src/vocab/roles.js';
import { TestBrowser, parseForm } from '../support/browser.js';
import { type ServerPair, type TestServer, servePair } from '../support/serve.js';

const CONSUMER_KEY = 'moodle-ck';
const SECRET = 'moodle secret & more';

describe('LTI 1.1 launch and Basic Outcomes over HTTP', () => {
  const clock = fixedClock(Math.floor(Date.now() / 1000));
  let servers: ServerPair;
  let platformServer: TestServer;
  let toolServer: TestServer;
  let tool: LtiTool;
  const grades = new Map<string, string>();
  const returns: Array<Record<string, string>> = [];
  const platformNonces = new MemorySingleUseStore(clock);

  /** The consumer's launch page: the signed form for `fields`, posted to the tool by the browser (L11-001). */
  async function launchPage(fields: Record<string, string>): Promise<Response> {
    const launchUrl = tool.config.lti11.launchUrl;
    const oauth = await signOAuth1Request({
      method: 'POST',
      url: launchUrl,
      parameters: Object.entries(fields),
      consumerKey: CONSUMER_KEY,
      consumerSecret: SECRET,
      timestamp: clock.now(),
      callback: 'about:blank',
    });
    return autoSubmitFormResponse(launchUrl, { ...fields, ...Object.fromEntries(oauth) });
  }

  /** The consumer's outcomes endpoint (BO-003, BO-008, BO-009). */
  async function outcomesEndpoint(request: Request): Promise<Response> {
    const body = await request.text();
    try {
      await verifyOAuth1Request({
        method: 'POST',
        url: request.url,
        parameters: parseOAuthAuthorizationHeader(request.headers.get('authorization') ?? ''),
        body,
        secretFor: async (key) => (key === CONSUMER_KEY ? SECRET : undefined),
        singleUse: platformNonces,
        clock,
      });
    } catch (error) {
      return new Response((error as LtiError).code, { status: 401 });
    }
    const outcome = parseOutcomeRequest(body);
    if (outcome.operation === 'unsupported') throw new Error('unexpected operation');
    if (outcome.operation === 'replaceResult') grades.set(outcome.sourcedId, outcome.scoreText ?? '');
    return new Response(
      buildOutcomeResponse({
        messageIdentifier: crypto.randomUUID(),
        messageRefIdentifier: outcome.messageIdentifier,
        operation: outcome.operation,
        codeMajor: 'success',
        description: 'ok',
        scoreText: grades.get(outcome.sourcedId) ?? '',
      }),
      { headers: { 'content-type': 'application/xml' } },
    );
  }

  const pages = new Map<string, Record<string, string>>();

  before(async () => {
    servers = await servePair();
    ({ platformServer, toolServer } = servers);
    const stores = createMemoryStores(clock);
    await stores.lti11.saveCredential({ consumerKey: CONSUMER_KEY, secret: SECRET, name: 'Sandbox Moodle', createdAt: clock.now() });
    tool = createTool({
      baseUrl: `${toolServer.origin}/lti`,
      stores,
      clock,
      allowInsecureLoopback: true,
      onLaunch: () => new Response('1.3 launch'),
      lti11: {
        onLaunch: async (launch) => {
          let score: number | null | undefined;
          if (launch.outcome !== undefined) {
            await tool.lti11.outcomes.replaceResult(launch, 0.9);
            score = await tool.lti11.outcomes.readResult(launch);
          }
          return Response.json({
            consumerKey: launch.consumerKey,
            userId: launch.userId,
            lti13Roles: launch.lti13Roles,
            custom: launch.custom,
            user: launch.user,
            score,
            back: lti11ReturnUrl(launch, { msg: 'Grade sent' }),
          });
        },
      },
    });
    servers.route({
      tool: tool.fetch,
      platform: async (request) => {
        const url = new URL(request.url);
        if (url.pathname === '/outcomes') return outcomesEndpoint(request);
        if (url.pathname === '/return') {
          returns.push(Object.fromEntries(url.searchParams));
          return new Response('back in the course');
        }
        const fields = pages.get(url.pathname);
        if (fields !== undefined) return launchPage(fields);
        return new Response('not found', { status: 404 });
      },
    });
  });

  after(() => servers?.close());

  function placement(path: string, fields: Record<string, string>): string {
    pages.set(path, {
      lti_message_type: 'basic-lti-launch-request',
      lti_version: 'LTI-1p0',
      resource_link_id: `rl${path.replace(/\//g, '-')}`,
      context_id: 'ctx-1',
      launch_presentation_return_url: `${platformServer.origin}/return?course=9`,
      ...fields,
    });
    return `${platformServer.origin}${path}`;
  }

  it('launches a learner, who gets a grade through Basic Outcomes (L11-001, BO-001..BO-006)', async () => {
    const page = placement('/launch/quiz', {
      user_id: 'u-7',
      roles: 'Learner',
      lis_person_name_full: 'Ada Lovelace',
      lis_outcome_service_url: `${platformServer.origin}/outcomes?course=9`,
      lis_result_sourcedid: 'rs-77',
      custom_chapter: '3 & 4',
    });
    const browser = new TestBrowser();
    const { response: pageResponse } = await browser.get(page);
    const form = parseForm(await pageResponse.text());
    assert.equal(form.action, `${toolServer.origin}/lti/lti11/launch`);
    const response = await browser.submit(form);
    assert.equal(response.status, 200, await response.clone().text());
    const body = (await response.json()) as Record<string, unknown>;
    assert.equal(body.consumerKey, CONSUMER_KEY);
    assert.equal(body.userId, 'u-7');
    assert.deepEqual(body.lti13Roles, [CONTEXT_ROLE.Learner]);
    assert.deepEqual(body.custom, { chapter: '3 & 4' });
    assert.deepEqual(body.user, { name: 'Ada Lovelace' });
    assert.equal(body.score, 0.9);
    assert.equal(grades.get('rs-77'), '0.9');
    assert.equal(platformServer.hits.get('/outcomes'), 2);

    // L11-020: back to the course with a message.
    const back = await browser.get(body.back as string);
    assert.equal(await back.response.text(), 'back in the course');
    assert.deepEqual(returns.at(-1), { course: '9', lti_msg: 'Grade sent' });

    // OA-005: the same form a second time is refused.
    const replay = await browser.submit(form);
    assert.equal(replay.status, 401);
    assert.match(await replay.text(), /ERR_LTI11_NONCE_REPLAYED/);
  });

  it('carries awkward values through the HTML form and the browser encoding (OA-002)', async () => {
    const awkward = { custom_text: 'a b+c&d=e%20 é 中文 😀', custom_quote: `"<'>"`, custom_empty: '' };
    const page = placement('/launch/awkward', { user_id: 'u-8', roles: 'urn:lti:role:ims/lis/Instructor', ...awkward });
    const browser = new TestBrowser();
    const { response: pageResponse } = await browser.get(page);
    const response = await browser.submit(parseForm(await pageResponse.text()));
    assert.equal(response.status, 200);
    const body = (await response.json()) as { custom: Record<string, string>; lti13Roles: string[] };
    assert.deepEqual(body.custom, { text: awkward.custom_text, quote: awkward.custom_quote, empty: '' });
    assert.deepEqual(body.lti13Roles, [CONTEXT_ROLE.Instructor]);
  });

  it('returns a launch refused after its signature verified to the consumer with lti_errormsg (L11-020)', async () => {
    const page = placement('/launch/content-item', { lti_message_type: 'ContentItemSelectionRequest', user_id: 'u-9' });
    const browser = new TestBrowser();
    const { response: pageResponse } = await browser.get(page);
    const response = await browser.submit(parseForm(await pageResponse.text()));
    assert.equal(response.status, 302);
    const landed = await browser.get(response.headers.get('location')!);
    assert.equal(await landed.response.text(), 'back in the course');
    const message = returns.at(-1)!;
    assert.equal(message.course, '9');
    assert.equal(message.lti_errorlog, 'ERR_LTI11_MESSAGE_TYPE_UNSUPPORTED');
    assert.ok(message.lti_errormsg!.length > 0);
  });

  it('answers a tampered form, a GET and an oversized form with their codes over HTTP', async () => {
    const page = placement('/launch/tampered', { user_id: 'u-10', roles: 'Learner' });
    const browser = new TestBrowser();
    const form = parseForm(await (await browser.get(page)).response.text());
    const tampered = await browser.request(form.action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ ...form.fields, roles: 'Instructor' }).toString(),
    });
    assert.equal(tampered.status, 401);
    assert.equal(((await tampered.json()) as { code: string }).code, 'ERR_LTI11_SIGNATURE_INVALID');

    const get = await fetch(form.action, { headers: { accept: 'application/json' } });
    assert.equal(get.status, 405);
    assert.equal(((await get.json()) as { code: string }).code, 'ERR_LTI_METHOD_NOT_ALLOWED');

    const huge = await fetch(form.action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: `custom_essay=${'x'.repeat(200 * 1024)}`,
    });
    assert.equal(huge.status, 413);
    assert.equal(((await huge.json()) as { code: string }).code, 'ERR_LTI_REQUEST_TOO_LARGE');
  });
});

describe('LTI 1.1 launch: hostile forms get a 4xx code, never a 5xx', () => {
  it('answers seeded random forms with stable ERR_LTI codes', async () => {
    const T0 = 1_767_225_600;
    const clock = fixedClock(T0);
    const stores = createMemoryStores(clock);
    await stores.lti11.saveCredential({ consumerKey: 'ck', secret: 's', createdAt: T0 });
    const tool = createTool({ baseUrl: 'https://tool.example.com/lti', stores, clock, onLaunch: () => new Response(), lti11: { onLaunch: () => new Response('ok') } });
    let state = 20261127;
    const random = (): number => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const names = ['oauth_consumer_key', 'oauth_signature', 'oauth_nonce', 'oauth_timestamp', 'oauth_signature_method', 'oauth_version', 'lti_message_type', 'roles', 'realm', '', '%', 'a=b'];
    const values = ['', 'ck', 's', 'HMAC-SHA1', 'PLAINTEXT', '1.0', String(T0), '-1', '1e99', '%', '%zz', '\u0000', 'é', 'x'.repeat(300), '&', '='];
    for (let round = 0; round < 200; round++) {
      const parameters: OAuthParameter[] = [];
      const count = Math.floor(random() * 8);
      for (let index = 0; index < count; index++) parameters.push([pick(names), pick(values)]);
      // Half the rounds carry a real signature over random fields, so the checks after it run too.
      if (random() < 0.5) {
        parameters.push(
          ...(await signOAuth1Request({
            method: 'POST',
            url: tool.config.lti11.launchUrl,
            parameters: parameters.filter(([name]) => !name.startsWith('oauth_')),
            consumerKey: 'ck',
            consumerSecret: 's',
            timestamp: T0,
          })),
        );
      }
      const body = random() < 0.2 ? pick(['%', '&&', '=%E0%A4%A', 'a'.repeat(10)]) : new URLSearchParams(parameters.map(([name, value]) => [name, value])).toString();
      const method = pick(['POST', 'POST', 'POST', 'PUT', 'GET']);
      const response = await tool.fetch(
        new Request(`${tool.config.lti11.launchUrl}${random() < 0.3 ? `?${pick(['x=1', 'oauth_nonce=2', '%zz', 'roles=Learner'])}` : ''}`, {
          method,
          headers: { 'content-type': pick(['application/x-www-form-urlencoded', 'application/x-www-form-urlencoded', 'text/plain']), accept: 'application/json' },
          ...(method !== 'GET' && random() < 0.9 ? { body } : {}),
        }),
      );
      if (response.status === 200) continue;
      assert.ok(response.status >= 400 && response.status < 500, `round ${round}: ${response.status}`);
      const code = ((await response.json()) as { code: string }).code;
      assert.match(code, /^ERR_LTI(11)?_/, `round ${round}`);
      assert.notEqual(code, 'ERR_LTI_INTERNAL');
    }
  });
});
