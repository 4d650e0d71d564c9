// The Basic Outcomes client (lti11.md §3, BO-001..BO-006) against a small outcomes service on
// 127.0.0.1 that checks what a platform checks (BO-003): the body hash, then the OAuth signature,
// timestamp and nonce, with verifyOAuth1Request; then answers POX (BO-008).
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { LtiError } from '../../../src/errors.js';
import { fixedClock } from '../../../src/lib/clock.js';
import type { LtiMessageEvent } from '../../../src/lib/observe.js';
import { parseOAuthAuthorizationHeader } from '../../../src/lib/oauth1_signature.js';
import { verifyOAuth1Request } from '../../../src/lib/oauth1_request.js';
import { type OutcomeRequest, buildOutcomeResponse, parseOutcomeRequest } from '../../../src/messages/basic_outcomes.js';
import { MemorySingleUseStore, createMemoryStores } from '../../../src/stores/memory.js';
import { type Lti11ToolOptions, type LtiTool, createTool } from '../../../src/tool/index.js';
import { rejectsLtiError } from '../../support/assert_lti_error.js';
import { basicLaunchFields, signedLaunchRequest } from '../../support/lti11_launch.js';
import { type TestServer, serve } from '../../support/serve.js';

const CONSUMER_KEY = 'ck-outcomes';
const SECRET = 'outcomes-s3cr3t é';
const clock = fixedClock(Math.floor(Date.now() / 1000));

interface Received {
  url: string;
  contentType: string | null;
  authorization: string;
  body: string;
  request: OutcomeRequest;
}

/** The platform's side: verifies each call and keeps scores by sourcedId. */
function outcomesService() {
  const scores = new Map<string, string>();
  const received: Received[] = [];
  const singleUse = new MemorySingleUseStore(clock);
  let behaviour: (request: Request, body: string) => Response | undefined = () => undefined;
  const handler = async (request: Request): Promise<Response> => {
    const body = await request.text();
    const special = behaviour(request, body);
    if (special !== undefined) return special;
    const authorization = request.headers.get('authorization') ?? '';
    try {
      await verifyOAuth1Request({
        method: request.method,
        url: request.url,
        parameters: parseOAuthAuthorizationHeader(authorization),
        body,
        secretFor: async (key) => (key === CONSUMER_KEY ? SECRET : undefined),
        singleUse,
        clock,
      });
    } catch (error) {
      // BO-009: 401 for an authentication failure.
      return new Response(`OAuth failed: ${(error as LtiError).code}`, { status: 401, headers: { 'content-type': 'text/plain' } });
    }
    const parsed = parseOutcomeRequest(body);
    received.push({ url: request.url, contentType: request.headers.get('content-type'), authorization, body, request: parsed });
    const answer = (input: Parameters<typeof buildOutcomeResponse>[0]) =>
      new Response(buildOutcomeResponse(input), { status: 200, headers: { 'content-type': 'application/xml' } });
    if (parsed.operation === 'unsupported') return answer({ messageIdentifier: 'lms-1', messageRefIdentifier: parsed.messageIdentifier, codeMajor: 'unsupported', description: 'No.' });
    const common = { messageIdentifier: `lms-${received.length}`, messageRefIdentifier: parsed.messageIdentifier, operation: parsed.operation };
    if (parsed.sourcedId === 'rs-unknown') return answer({ ...common, codeMajor: 'failure', description: 'Unknown sourcedId rs-unknown', codeMinor: { lms: 'no_such_result' } });
    if (parsed.operation === 'replaceResult') scores.set(parsed.sourcedId, parsed.scoreText ?? '');
    if (parsed.operation === 'deleteResult') scores.delete(parsed.sourcedId);
    return answer({ ...common, codeMajor: 'success', description: 'Done.', scoreText: scores.get(parsed.sourcedId) ?? '' });
  };
  return {
    scores,
    received,
    handler,
    setBehaviour(next: typeof behaviour) {
      behaviour = next;
    },
  };
}

describe('Basic Outcomes client (BO-001..BO-006)', () => {
  const service = outcomesService();
  let server: TestServer;
  let tool: LtiTool;
  let events: LtiMessageEvent[];
  let serviceUrl: string;
  let stores: ReturnType<typeof createMemoryStores>;

  function makeTool(lti11: Partial<Lti11ToolOptions> = {}, allowInsecureLoopback = true): LtiTool {
    return createTool({
      baseUrl: 'http://127.0.0.1:9/lti',
      stores,
      clock,
      allowInsecureLoopback,
      onLaunch: () => new Response(),
      observer: (event) => events.push(event),
      lti11: { onLaunch: () => new Response(), ...lti11 },
    });
  }

  before(async () => {
    server = await serve({ current: service.handler });
    serviceUrl = `${server.origin}/outcomes`;
  });
  after(() => server?.close());
  beforeEach(async () => {
    service.setBehaviour(() => undefined);
    service.received.length = 0;
    server.hits.clear();
    service.scores.clear();
    events = [];
    stores = createMemoryStores(clock);
    await stores.lti11.saveCredential({ consumerKey: CONSUMER_KEY, secret: SECRET, createdAt: clock.now() });
    tool = makeTool();
  });

  const target = (sourcedId = 'rs-77') => ({ consumerKey: CONSUMER_KEY, serviceUrl, sourcedId });

  it('replaces, reads and deletes a result, each call signed with its body hash (BO-001, BO-002, BO-005)', async () => {
    await tool.lti11.outcomes.replaceResult({ ...target(), score: 0.79 });
    assert.equal(service.scores.get('rs-77'), '0.79');
    const [call] = service.received;
    assert.equal(call!.contentType, 'application/xml');
    const oauth = new Map(parseOAuthAuthorizationHeader(call!.authorization));
    assert.equal(oauth.get('oauth_consumer_key'), CONSUMER_KEY);
    assert.equal(oauth.get('oauth_signature_method'), 'HMAC-SHA1');
    assert.equal(oauth.get('oauth_version'), '1.0');
    assert.ok(oauth.get('oauth_body_hash'));
    assert.match(call!.authorization, /^OAuth realm="",/);
    assert.equal(call!.request.operation, 'replaceResult');
    assert.equal((call!.request as { language?: string }).language, 'en');

    assert.equal(await tool.lti11.outcomes.readResult(target()), 0.79);
    await tool.lti11.outcomes.deleteResult(target());
    assert.equal(service.scores.has('rs-77'), false);
    assert.equal(await tool.lti11.outcomes.readResult(target()), null);
    assert.deepEqual(
      service.received.map((received) => received.request.operation),
      ['replaceResult', 'readResult', 'deleteResult', 'readResult'],
    );
    // Each call has its own nonce and message identifier (the service refuses replays).
    assert.equal(new Set(service.received.map((received) => new Map(parseOAuthAuthorizationHeader(received.authorization)).get('oauth_nonce'))).size, 4);
    assert.equal(new Set(service.received.map((received) => received.request.messageIdentifier)).size, 4);
    assert.deepEqual(
      events.map((event) => [event.kind, event.direction, event.outcome, event.messageType]),
      [
        ['service_request', 'sent', 'accepted', 'replaceResultRequest'],
        ['service_request', 'sent', 'accepted', 'readResultRequest'],
        ['service_request', 'sent', 'accepted', 'deleteResultRequest'],
        ['service_request', 'sent', 'accepted', 'readResultRequest'],
      ],
    );
  });

  it('sends 0 and 1, resultData and a language (BO-006)', async () => {
    await tool.lti11.outcomes.replaceResult({ ...target('rs-0'), score: 0 });
    await tool.lti11.outcomes.replaceResult({ ...target('rs-1'), score: 1, language: 'fr', resultData: { text: 'Très bien <b>&</b>', url: 'https://tool.example.com/r/1' } });
    assert.equal(service.scores.get('rs-0'), '0');
    assert.equal(service.scores.get('rs-1'), '1');
    const last = service.received.at(-1)!.request as Extract<OutcomeRequest, { sourcedId: string }>;
    assert.equal(last.language, 'fr');
    assert.deepEqual(last.resultData, { text: 'Très bien <b>&</b>', url: 'https://tool.example.com/r/1' });
  });

  it('signs the service URL’s own query parameters (OA-002)', async () => {
    const withQuery = `${serviceUrl}?course=9&b=x%20y&a=1`;
    await tool.lti11.outcomes.replaceResult({ consumerKey: CONSUMER_KEY, serviceUrl: withQuery, sourcedId: 'rs-q', score: 0.5 });
    assert.equal(service.received[0]!.url, withQuery);
    assert.equal(service.scores.get('rs-q'), '0.5');
  });

  it('takes a launch: its consumer key, service URL and sourcedId', async () => {
    const launchUrl = tool.config.lti11.launchUrl;
    const request = await signedLaunchRequest(
      basicLaunchFields({ lis_outcome_service_url: serviceUrl, lis_result_sourcedid: 'rs-launch', roles: 'Learner' }),
      { signedUrl: launchUrl, consumerKey: CONSUMER_KEY, secret: SECRET, timestamp: clock.now() },
    );
    const launch = await tool.lti11.validateLaunch(request);
    await tool.lti11.outcomes.replaceResult(launch, 0.25, { resultData: { text: 'ok' } });
    assert.equal(service.scores.get('rs-launch'), '0.25');
    assert.equal(await tool.lti11.outcomes.readResult(launch), 0.25);
    await tool.lti11.outcomes.deleteResult(launch);
    assert.equal(await tool.lti11.outcomes.readResult(launch), null);

    const withoutOutcome = await tool.lti11.validateLaunch(await signedLaunchRequest(basicLaunchFields(), { signedUrl: launchUrl, consumerKey: CONSUMER_KEY, secret: SECRET, timestamp: clock.now() }));
    await rejectsLtiError(tool.lti11.outcomes.replaceResult(withoutOutcome, 1), 'ERR_LTI11_OUTCOME_SERVICE_MISSING');
    await rejectsLtiError(tool.lti11.outcomes.readResult(withoutOutcome), 'ERR_LTI11_OUTCOME_SERVICE_MISSING');
    await rejectsLtiError(tool.lti11.outcomes.deleteResult(withoutOutcome), 'ERR_LTI11_OUTCOME_SERVICE_MISSING');
  });

  it('refuses a score outside 0..1 before sending anything (BO-006)', async () => {
    for (const score of [-0.1, 1.01, Number.NaN, Number.POSITIVE_INFINITY]) {
      await rejectsLtiError(tool.lti11.outcomes.replaceResult({ ...target(), score }), 'ERR_LTI11_OUTCOME_REQUEST_INVALID');
    }
    assert.equal(service.received.length, 0);
    assert.equal(server.hits.get('/outcomes') ?? 0, 0);
  });

  it('needs the consumer key’s secret (ERR_LTI11_CONSUMER_KEY_UNKNOWN) and stores.lti11 (ERR_LTI11_NOT_CONFIGURED)', async () => {
    await rejectsLtiError(tool.lti11.outcomes.replaceResult({ ...target(), consumerKey: 'ck-nobody', score: 1 }), 'ERR_LTI11_CONSUMER_KEY_UNKNOWN');
    const { lti11: _lti11, ...withoutCredentials } = stores;
    const bare = createTool({ baseUrl: 'http://127.0.0.1:9/lti', stores: withoutCredentials, clock, allowInsecureLoopback: true, onLaunch: () => new Response() });
    await rejectsLtiError(bare.lti11.outcomes.readResult(target()), 'ERR_LTI11_NOT_CONFIGURED');
    assert.equal(server.hits.get('/outcomes') ?? 0, 0);
  });

  it('reports a refused signature with its status and the start of the body (ERR_LTI11_OUTCOME_UNAUTHORIZED)', async () => {
    await stores.lti11.saveCredential({ consumerKey: CONSUMER_KEY, secret: 'not the platform’s secret', createdAt: clock.now() });
    const error = await rejectsLtiError(tool.lti11.outcomes.replaceResult({ ...target(), score: 1 }), 'ERR_LTI11_OUTCOME_UNAUTHORIZED');
    assert.equal(error.detail?.status, 401);
    assert.equal(error.detail?.bodyStart, 'OAuth failed: ERR_LTI11_SIGNATURE_INVALID');
    assert.deepEqual(
      events.map((event) => [event.outcome, event.errorCode]),
      [['rejected', 'ERR_LTI11_OUTCOME_UNAUTHORIZED']],
    );
    service.setBehaviour(() => new Response('<h1>Forbidden</h1>', { status: 403 }));
    assert.equal((await rejectsLtiError(tool.lti11.outcomes.deleteResult(target()), 'ERR_LTI11_OUTCOME_UNAUTHORIZED')).detail?.status, 403);
  });

  it('passes on the platform’s failure with its description (ERR_LTI11_OUTCOME_FAILED, BO-008)', async () => {
    const error = await rejectsLtiError(tool.lti11.outcomes.replaceResult({ ...target('rs-unknown'), score: 0.5 }), 'ERR_LTI11_OUTCOME_FAILED');
    assert.equal(error.detail?.codeMajor, 'failure');
    assert.equal(error.detail?.description, 'Unknown sourcedId rs-unknown');
    assert.equal(error.detail?.operation, 'replaceResult');
    assert.deepEqual(error.detail?.codeMinor, { lms: 'no_such_result' });
    service.setBehaviour(
      () =>
        new Response(buildOutcomeResponse({ messageIdentifier: 'x', operation: 'readResult', codeMajor: 'unsupported', description: 'Read is not offered' }), {
          headers: { 'content-type': 'application/xml' },
        }),
    );
    const unsupported = await rejectsLtiError(tool.lti11.outcomes.readResult(target()), 'ERR_LTI11_OUTCOME_FAILED');
    assert.equal(unsupported.detail?.codeMajor, 'unsupported');
  });

  it('refuses an answer that is not POX, with its status and the start of the body (ERR_LTI11_OUTCOME_RESPONSE_INVALID)', async () => {
    service.setBehaviour(() => new Response(`<!doctype html><html><body>${'Gateway error '.repeat(40)}</body></html>`, { status: 502 }));
    const html = await rejectsLtiError(tool.lti11.outcomes.replaceResult({ ...target(), score: 1 }), 'ERR_LTI11_OUTCOME_RESPONSE_INVALID');
    assert.equal(html.detail?.status, 502);
    assert.equal(html.detail?.reason, 'ERR_LTI11_XML_DTD_REFUSED');
    const bodyStart = String(html.detail?.bodyStart);
    assert.equal(bodyStart.length, 200);
    assert.ok(bodyStart.startsWith('<!doctype html>'));

    service.setBehaviour(() => Response.json({ ok: true }));
    assert.equal((await rejectsLtiError(tool.lti11.outcomes.replaceResult({ ...target(), score: 1 }), 'ERR_LTI11_OUTCOME_RESPONSE_INVALID')).detail?.reason, 'ERR_LTI11_XML_MALFORMED');

    service.setBehaviour(() => new Response('<imsx_POXEnvelopeResponse xmlns="http://www.imsglobal.org/services/ltiv1p1/xsd/imsoms_v1p0"/>'));
    assert.equal((await rejectsLtiError(tool.lti11.outcomes.deleteResult(target()), 'ERR_LTI11_OUTCOME_RESPONSE_INVALID')).detail?.reason, 'ERR_LTI11_OUTCOME_RESPONSE_INVALID');

    // A success without the readResultResponse body element.
    service.setBehaviour(() => new Response(buildOutcomeResponse({ messageIdentifier: 'x', codeMajor: 'success', description: '' })));
    assert.equal((await rejectsLtiError(tool.lti11.outcomes.readResult(target()), 'ERR_LTI11_OUTCOME_RESPONSE_INVALID')).detail?.field, 'readResultResponse');

    // Success in the XML but an error status.
    service.setBehaviour(() => new Response(buildOutcomeResponse({ messageIdentifier: 'x', operation: 'deleteResult', codeMajor: 'success', description: '' }), { status: 500 }));
    assert.equal((await rejectsLtiError(tool.lti11.outcomes.deleteResult(target()), 'ERR_LTI11_OUTCOME_RESPONSE_INVALID')).detail?.status, 500);
  });

  it('follows no redirect, waits no longer than the deadline and reads no more than the cap', async () => {
    service.setBehaviour(() => new Response(null, { status: 302, headers: { location: 'https://elsewhere.example/outcomes' } }));
    await rejectsLtiError(tool.lti11.outcomes.replaceResult({ ...target(), score: 1 }), 'ERR_LTI_FETCH_FAILED');

    const quick = makeTool({ outcomes: { timeoutMs: 150, maxResponseBytes: 1024 } });
    service.setBehaviour(() => new Response(new ReadableStream({ start() {} })));
    await rejectsLtiError(quick.lti11.outcomes.readResult(target()), 'ERR_LTI_FETCH_TIMEOUT');
    service.setBehaviour(() => new Response('x'.repeat(4096)));
    await rejectsLtiError(quick.lti11.outcomes.readResult(target()), 'ERR_LTI_FETCH_TOO_LARGE');
  });

  it('sends only over https, or http to loopback when allowed (CORE-004)', async () => {
    await rejectsLtiError(tool.lti11.outcomes.replaceResult({ consumerKey: CONSUMER_KEY, serviceUrl: 'http://lms.example.edu/outcomes', sourcedId: 'rs-1', score: 1 }), 'ERR_LTI_FETCH_INSECURE_URL');
    const strict = createTool({ baseUrl: 'https://tool.example.com/lti', stores, clock, onLaunch: () => new Response() });
    await rejectsLtiError(strict.lti11.outcomes.replaceResult({ ...target(), score: 1 }), 'ERR_LTI_FETCH_INSECURE_URL');
    assert.equal(server.hits.get('/outcomes') ?? 0, 0);
  });

  it('surfaces every failure as an LtiError (never a bare Error)', async () => {
    service.setBehaviour(() => new Response(''));
    try {
      await tool.lti11.outcomes.readResult(target());
      assert.fail('expected a failure');
    } catch (error) {
      assert.ok(error instanceof LtiError);
      assert.equal(error.code, 'ERR_LTI11_OUTCOME_RESPONSE_INVALID');
    }
  });
});
