// The tool's access-token client (TOK-001..005, TOK-020..022) against the real platform token
// endpoint, without sockets: the tool's `fetch` routes token requests to `platform.fetch` and
// service URLs to a fake service this file controls; the platform fetches the tool's JWKS through
// `tool.fetch`. The rate-limit cases drive `AccessTokenClient` directly, with a recorded `sleep`.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import type { LtiErrorCode } from '../../../src/errors.js';
import { generateSigningKey } from '../../../src/keys/generate_signing_key.js';
import { SigningKeySet } from '../../../src/keys/signing_key_set.js';
import { fixedClock } from '../../../src/lib/clock.js';
import { createPlatform, type LtiPlatform } from '../../../src/platform/create_platform.js';
import { platformErrorResponse } from '../../../src/platform/error_response.js';
import { CLIENT_ASSERTION_TYPE } from '../../../src/platform/token/issue_access_token.js';
import { createMemoryStores, MemoryKeyStore } from '../../../src/stores/memory.js';
import type { PlatformRegistration, StoredSigningKey } from '../../../src/stores/types.js';
import type { ToolOptions } from '../../../src/tool/config.js';
import { createTool, type LtiTool } from '../../../src/tool/create_tool.js';
import { AccessTokenClient, retryAfterSeconds } from '../../../src/tool/token/access_token_client.js';
import { LTI_CLAIM } from '../../../src/vocab/claims.js';
import { SCOPE } from '../../../src/vocab/scopes.js';
import { rejectsLtiError } from '../../support/assert_lti_error.js';

const T0 = 1_767_225_600;
const ISSUER = 'https://lms.example.edu';
const TOKEN_URL = `${ISSUER}/lti/token`;
const SERVICE_ROOT = `${ISSUER}/api/lti/`;
const LINE_ITEMS_URL = `${SERVICE_ROOT}contexts/ctx-1/lineitems`;
const SCORES_URL = `${SERVICE_ROOT}contexts/ctx-1/lineitems/li-1/scores`;
const TOOL_BASE = 'https://tool.example.com/lti';
const CLIENT_ID = 'c-7731';
const DEPLOYMENT_ID = 'dep-01';
const TARGET = { issuer: ISSUER, clientId: CLIENT_ID, deploymentId: DEPLOYMENT_ID };
const LINE_ITEM_CONTAINER = 'application/vnd.ims.lis.v2.lineitemcontainer+json';
const SCORE_MEDIA_TYPE = 'application/vnd.ims.lis.v1.score+json';

// RSA key generation is the slow part: every tool in this file signs with this one key.
const sharedToolKey = generateSigningKey({ alg: 'RS256', now: T0 });

type Handler = (request: Request) => Response | Promise<Response>;

interface TokenRequestRecord {
  headers: Headers;
  form: URLSearchParams;
}

/** The platform's service, as a real one would guard it (TOK-021). */
function guardedService(platform: LtiPlatform): Handler {
  return async (request) => {
    try {
      const scopes = request.method === 'POST' ? [SCOPE.score] : [SCOPE.lineItem, SCOPE.lineItemReadonly];
      const grant = await platform.authorizeServiceRequest(request, scopes);
      return Response.json({ clientId: grant.clientId, deploymentId: grant.deploymentId ?? null, body: request.method === 'POST' ? await request.text() : null });
    } catch (error) {
      return platformErrorResponse(error, request);
    }
  };
}

/**
 * A platform and a fake network: `handlers.token` (default: the platform's token endpoint) and
 * `handlers.service` (default: {@link guardedService}) answer what the tool fetches, and every
 * exchange is recorded.
 */
function createNetwork(options: { clock: ReturnType<typeof fixedClock>; toolFetch: () => Handler; authorizationServer?: string }) {
  const platformStores = createMemoryStores(options.clock);
  let jwksFetches = 0;
  const platform = createPlatform({
    issuer: ISSUER,
    stores: platformStores,
    clock: options.clock,
    currentUser: 'message-hint-only',
    ...(options.authorizationServer === undefined ? {} : { authorizationServer: options.authorizationServer }),
    fetch: async (input, init) => {
      jwksFetches += 1;
      return options.toolFetch()(new Request(input, init));
    },
  });
  const tokenRequests: TokenRequestRecord[] = [];
  const serviceRequests: Request[] = [];
  const handlers: { token: Handler; service: Handler } = { token: (request) => platform.fetch(request), service: guardedService(platform) };
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    if (request.url === TOKEN_URL) {
      tokenRequests.push({ headers: request.headers, form: new URLSearchParams(await request.clone().text()) });
      return handlers.token(request);
    }
    if (request.url.startsWith(SERVICE_ROOT)) {
      serviceRequests.push(request.clone());
      return handlers.service(request);
    }
    return platform.fetch(request);
  };
  return { platform, platformStores, tokenRequests, serviceRequests, handlers, fetch, jwksFetches: () => jwksFetches };
}

interface SetupOptions {
  /** Scopes the platform registers for the tool. Default AGS line items and scores. */
  toolScopes?: string[];
  /** Give the tool `stores.keys`. Default true. */
  keys?: boolean;
  /** Put the token endpoint in the tool's registration. Default true. */
  tokenEndpoint?: boolean;
  /** Register the tool on the platform. Default true. */
  registerOnPlatform?: boolean;
  tokenAudience?: string;
  authorizationServer?: string;
  services?: ToolOptions['services'];
}

async function setup(options: SetupOptions = {}) {
  const clock = fixedClock(T0);
  const toolStores = createMemoryStores(clock);
  const withKeys = options.keys ?? true;
  if (withKeys) {
    const key: StoredSigningKey = { ...(await sharedToolKey), status: 'active', activatedAt: T0 };
    await toolStores.keys.saveKey('tool', key);
  }
  let tool: LtiTool | undefined;
  const network = createNetwork({
    clock,
    toolFetch: () => (request) => tool!.fetch(request),
    ...(options.authorizationServer === undefined ? {} : { authorizationServer: options.authorizationServer }),
  });
  tool = createTool({
    baseUrl: TOOL_BASE,
    stores: withKeys ? toolStores : { singleUse: toolStores.singleUse, platforms: toolStores.platforms },
    clock,
    fetch: network.fetch,
    onLaunch: () => new Response('launched'),
    ...(options.services === undefined ? {} : { services: options.services }),
  });
  if (options.registerOnPlatform ?? true) {
    await network.platform.registerTool({
      clientId: CLIENT_ID,
      name: 'Quiz tool',
      initiateLoginUri: `${TOOL_BASE}/login`,
      redirectUris: [`${TOOL_BASE}/launch`],
      jwksUri: `${TOOL_BASE}/jwks`,
      scopes: options.toolScopes ?? [SCOPE.lineItem, SCOPE.lineItemReadonly, SCOPE.score],
      deploymentIds: [DEPLOYMENT_ID, 'dep-02'],
    });
  }
  await tool.registerPlatform({
    issuer: ISSUER,
    clientId: CLIENT_ID,
    deploymentIds: [DEPLOYMENT_ID, 'dep-02'],
    authorizationEndpoint: network.platform.config.authorizationEndpoint,
    ...((options.tokenEndpoint ?? true) ? { tokenEndpoint: network.platform.config.tokenEndpoint } : {}),
    ...(options.tokenAudience === undefined ? {} : { tokenAudience: options.tokenAudience }),
    jwksUri: network.platform.config.jwksUri,
  });
  return { clock, tool, toolStores, ...network };
}

const readLineItems = { url: LINE_ITEMS_URL, scopes: [SCOPE.lineItemReadonly], headers: { accept: LINE_ITEM_CONTAINER } };

describe('AccessTokenClient: the token request (TOK-001, TOK-002, TOK-003)', () => {
  it('gets a token from the real token endpoint with a conforming client assertion', async () => {
    const h = await setup();
    const token = await h.tool.getAccessToken(TARGET, [SCOPE.score, SCOPE.lineItem]);
    assert.deepEqual(token.scopes, [SCOPE.lineItem, SCOPE.score]);
    assert.equal(token.expiresAt, T0 + 3600);
    const grant = await h.platform.authorizeServiceRequest(new Request(LINE_ITEMS_URL, { headers: { authorization: `Bearer ${token.accessToken}` } }), [SCOPE.lineItem]);
    assert.deepEqual(grant, { clientId: CLIENT_ID, deploymentId: DEPLOYMENT_ID, scopes: [SCOPE.lineItem, SCOPE.score], expiresAt: T0 + 3600 });

    // TOK-003: the form the tool posted.
    assert.equal(h.tokenRequests.length, 1);
    const [{ headers, form }] = h.tokenRequests as [TokenRequestRecord];
    assert.equal(headers.get('content-type'), 'application/x-www-form-urlencoded');
    assert.deepEqual([...form.keys()].sort(), ['client_assertion', 'client_assertion_type', 'grant_type', 'scope']);
    assert.equal(form.get('grant_type'), 'client_credentials');
    assert.equal(form.get('client_assertion_type'), CLIENT_ASSERTION_TYPE);
    assert.equal(form.get('scope'), [SCOPE.lineItem, SCOPE.score].sort().join(' '));

    // TOK-001, TOK-002: the assertion it signed.
    const assertion = form.get('client_assertion')!;
    const header = decodeProtectedHeader(assertion);
    const active = await h.tool.keys!.activeKey();
    assert.equal(header.alg, 'RS256');
    assert.equal(header.kid, active.kid);
    const claims = decodeJwt(assertion);
    assert.equal(claims.iss, CLIENT_ID);
    assert.equal(claims.sub, CLIENT_ID);
    assert.equal(claims.aud, TOKEN_URL);
    assert.equal(claims.iat, T0);
    assert.ok(typeof claims.exp === 'number' && claims.exp > T0 && claims.exp - T0 <= 300);
    assert.match(String(claims.jti), /^[0-9a-f-]{36}$/);
    assert.equal(claims[LTI_CLAIM.deploymentId], DEPLOYMENT_ID);
    // The platform fetched the tool's JWKS (served by the tool itself) to verify it.
    assert.equal(h.jwksFetches(), 1);
  });

  it('leaves the deployment out of a token asked for without one, and uses a fresh jti each time', async () => {
    const h = await setup();
    await h.tool.getAccessToken({ issuer: ISSUER, clientId: CLIENT_ID }, [SCOPE.score]);
    await h.tool.getAccessToken(TARGET, [SCOPE.score]);
    const [first, second] = h.tokenRequests.map((request) => decodeJwt(request.form.get('client_assertion')!));
    assert.equal(first![LTI_CLAIM.deploymentId], undefined);
    assert.equal(second![LTI_CLAIM.deploymentId], DEPLOYMENT_ID);
    assert.notEqual(first!.jti, second!.jti);
  });

  it('addresses the assertion to the registration’s tokenAudience when it has one', async () => {
    const audience = 'https://auth.lms.example.edu/oauth2';
    const h = await setup({ tokenAudience: audience, authorizationServer: audience });
    await h.tool.getAccessToken(TARGET, [SCOPE.score]);
    assert.equal(decodeJwt(h.tokenRequests[0]!.form.get('client_assertion')!).aud, audience);
  });
});

describe('AccessTokenClient: caching (TOK-004)', () => {
  it('reuses a token for the same platform, deployment and scope set, in any order', async () => {
    const h = await setup();
    const first = await h.tool.getAccessToken(TARGET, [SCOPE.score, SCOPE.lineItem]);
    const second = await h.tool.getAccessToken(TARGET, [SCOPE.lineItem, SCOPE.score, SCOPE.lineItem]);
    assert.equal(second.accessToken, first.accessToken);
    assert.equal(h.tokenRequests.length, 1);
    // Another scope set or another deployment is another token.
    await h.tool.getAccessToken(TARGET, [SCOPE.score]);
    await h.tool.getAccessToken({ ...TARGET, deploymentId: 'dep-02' }, [SCOPE.score, SCOPE.lineItem]);
    assert.equal(h.tokenRequests.length, 3);
  });

  it('renews a token once less than 60 s of it remain', async () => {
    const h = await setup();
    const first = await h.tool.getAccessToken(TARGET, [SCOPE.score]);
    h.clock.advance(3539); // 61 s left
    assert.equal((await h.tool.getAccessToken(TARGET, [SCOPE.score])).accessToken, first.accessToken);
    assert.equal(h.tokenRequests.length, 1);
    h.clock.advance(2); // 59 s left
    const renewed = await h.tool.getAccessToken(TARGET, [SCOPE.score]);
    assert.notEqual(renewed.accessToken, first.accessToken);
    assert.equal(renewed.expiresAt, T0 + 3541 + 3600);
    assert.equal(h.tokenRequests.length, 2);
  });

  it('shares one token request among concurrent callers', async () => {
    const h = await setup();
    const tokens = await Promise.all(Array.from({ length: 5 }, () => h.tool.getAccessToken(TARGET, [SCOPE.score])));
    assert.equal(h.tokenRequests.length, 1);
    assert.equal(new Set(tokens.map((token) => token.accessToken)).size, 1);
  });

  it('shares one renewal among concurrent callers too', async () => {
    const h = await setup();
    await h.tool.getAccessToken(TARGET, [SCOPE.score]);
    h.clock.advance(3541);
    const tokens = await Promise.all(Array.from({ length: 4 }, () => h.tool.getAccessToken(TARGET, [SCOPE.score])));
    assert.equal(h.tokenRequests.length, 2);
    assert.equal(new Set(tokens.map((token) => token.accessToken)).size, 1);
  });

  it('does not cache a failed token request', async () => {
    const h = await setup();
    h.handlers.token = () => new Response('busy', { status: 503 });
    const error = await rejectsLtiError(h.tool.getAccessToken(TARGET, [SCOPE.score]), 'ERR_LTI_SERVICE_TOKEN_REFUSED');
    assert.equal(error.detail?.status, 503);
    assert.equal(error.detail?.error, null);
    h.handlers.token = (request) => h.platform.fetch(request);
    await h.tool.getAccessToken(TARGET, [SCOPE.score]);
    assert.equal(h.tokenRequests.length, 2);
  });
});

describe('AccessTokenClient: granted scopes (TOK-005)', () => {
  it('treats the granted scope as authoritative: a call needing a scope not granted fails before it is sent', async () => {
    const h = await setup({ toolScopes: [SCOPE.score] });
    const token = await h.tool.getAccessToken(TARGET, [SCOPE.score, SCOPE.lineItem]);
    assert.deepEqual(token.scopes, [SCOPE.score]);
    const error = await rejectsLtiError(
      h.tool.serviceFetch(TARGET, { url: LINE_ITEMS_URL, method: 'POST', scopes: [SCOPE.score, SCOPE.lineItem], body: '{}' }),
      'ERR_LTI_SERVICE_SCOPE_NOT_GRANTED',
    );
    assert.equal(error.status, 403);
    assert.deepEqual(error.detail?.missing, [SCOPE.lineItem]);
    assert.deepEqual(error.detail?.granted, [SCOPE.score]);
    assert.equal(h.serviceRequests.length, 0);
  });

  it('takes an answer without `scope` as granting what was asked (RFC 6749 §5.1)', async () => {
    const h = await setup();
    h.handlers.token = () => Response.json({ access_token: 'opaque-token', token_type: 'bearer', expires_in: 120 });
    const token = await h.tool.getAccessToken(TARGET, [SCOPE.score, SCOPE.lineItem]);
    assert.deepEqual(token, { accessToken: 'opaque-token', scopes: [SCOPE.score, SCOPE.lineItem], expiresAt: T0 + 120 });
  });
});

describe('AccessTokenClient: service calls (TOK-020, TOK-022)', () => {
  it('sends the Bearer token with the caller’s method, media types and body', async () => {
    const h = await setup();
    const score = JSON.stringify({ userId: 'u-1', scoreGiven: 7, scoreMaximum: 10, activityProgress: 'Completed', gradingProgress: 'FullyGraded', timestamp: '2026-01-01T00:00:00Z' });
    const response = await h.tool.serviceFetch(TARGET, { url: SCORES_URL, method: 'POST', scopes: [SCOPE.score], headers: { 'content-type': SCORE_MEDIA_TYPE }, body: score });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { clientId: CLIENT_ID, deploymentId: DEPLOYMENT_ID, body: score });
    const [sent] = h.serviceRequests as [Request];
    const token = await h.tool.getAccessToken(TARGET, [SCOPE.score]);
    assert.equal(sent.method, 'POST');
    assert.equal(sent.headers.get('authorization'), `Bearer ${token.accessToken}`);
    assert.equal(sent.headers.get('content-type'), SCORE_MEDIA_TYPE);

    const list = await h.tool.serviceFetch(TARGET, readLineItems);
    assert.equal(list.status, 200);
    assert.equal(h.serviceRequests[1]!.method, 'GET');
    assert.equal(h.serviceRequests[1]!.headers.get('accept'), LINE_ITEM_CONTAINER);
  });

  it('passes a 204 or 205 through without a body', async () => {
    const h = await setup();
    for (const status of [204, 205]) {
      h.handlers.service = () => new Response(null, { status });
      const response = await h.tool.serviceFetch(TARGET, { url: SCORES_URL, method: 'POST', scopes: [SCOPE.score], body: '{}' });
      assert.equal(response.status, status);
      assert.equal(response.body, null);
    }
  });

  it('on a 401 fetches a new token once and retries with it', async () => {
    const h = await setup();
    const service = guardedService(h.platform);
    let calls = 0;
    h.handlers.service = (request) => (++calls === 1 ? new Response(null, { status: 401, headers: { 'www-authenticate': 'Bearer error="invalid_token"' } }) : service(request));
    const response = await h.tool.serviceFetch(TARGET, readLineItems);
    assert.equal(response.status, 200);
    assert.equal(h.tokenRequests.length, 2);
    const [first, second] = h.serviceRequests.map((request) => request.headers.get('authorization'));
    assert.notEqual(first, second);
    // The new token replaced the refused one in the cache.
    assert.equal(second, `Bearer ${(await h.tool.getAccessToken(TARGET, readLineItems.scopes)).accessToken}`);
    assert.equal(h.tokenRequests.length, 2);
  });

  it('gives up after a second 401 with ERR_LTI_SERVICE_REQUEST_FAILED (status 401)', async () => {
    const h = await setup();
    h.handlers.service = () => Response.json({ error: 'invalid_token' }, { status: 401 });
    const error = await rejectsLtiError(h.tool.serviceFetch(TARGET, readLineItems), 'ERR_LTI_SERVICE_REQUEST_FAILED');
    assert.equal(error.detail?.status, 401);
    assert.equal(error.detail?.url, LINE_ITEMS_URL);
    assert.equal(h.tokenRequests.length, 2);
    assert.equal(h.serviceRequests.length, 2);
  });

  it('reports another error status with the start of its body, without retrying', async () => {
    const h = await setup();
    h.handlers.service = () => new Response(`not found ${'x'.repeat(2000)}`, { status: 404 });
    const error = await rejectsLtiError(h.tool.serviceFetch(TARGET, readLineItems), 'ERR_LTI_SERVICE_REQUEST_FAILED');
    assert.equal(error.detail?.status, 404);
    assert.match(String(error.detail?.body), /^not found x+$/);
    assert.equal(String(error.detail?.body).length, 500);
    assert.equal(h.serviceRequests.length, 1);
  });

  it('refuses a plain-http service URL before asking for a token', async () => {
    const h = await setup();
    await rejectsLtiError(h.tool.serviceFetch(TARGET, { ...readLineItems, url: 'http://lms.example.edu/api/lti/x' }), 'ERR_LTI_FETCH_INSECURE_URL');
    assert.equal(h.tokenRequests.length, 0);
  });
});

describe('AccessTokenClient: token endpoint failures', () => {
  it('reports a refusal as ERR_LTI_SERVICE_TOKEN_REFUSED with the platform’s `error`', async () => {
    const h = await setup({ toolScopes: [] });
    const error = await rejectsLtiError(h.tool.getAccessToken(TARGET, [SCOPE.score]), 'ERR_LTI_SERVICE_TOKEN_REFUSED');
    assert.equal(error.detail?.status, 400);
    assert.equal(error.detail?.error, 'invalid_scope');
    assert.equal(typeof error.detail?.error_description, 'string');
  });

  it('reports a platform that does not know the tool as invalid_client', async () => {
    const h = await setup({ registerOnPlatform: false });
    const error = await rejectsLtiError(h.tool.serviceFetch(TARGET, readLineItems), 'ERR_LTI_SERVICE_TOKEN_REFUSED');
    assert.equal(error.detail?.status, 401);
    assert.equal(error.detail?.error, 'invalid_client');
    assert.equal(h.serviceRequests.length, 0);
  });

  it('refuses a token answer without a usable access_token, expires_in or token_type', async () => {
    const h = await setup();
    const answers: Array<() => Response> = [
      () => Response.json({}),
      () => Response.json({ access_token: '', token_type: 'Bearer', expires_in: 3600 }),
      () => Response.json({ access_token: 42, token_type: 'Bearer', expires_in: 3600 }),
      () => Response.json({ access_token: 't', token_type: 'Bearer' }),
      () => Response.json({ access_token: 't', token_type: 'Bearer', expires_in: '3600' }),
      () => Response.json({ access_token: 't', token_type: 'Bearer', expires_in: 0 }),
      () => Response.json({ access_token: 't', token_type: 'DPoP', expires_in: 3600 }),
      () => Response.json(['t']),
      () => new Response('access_token=t&expires_in=3600', { status: 200 }),
    ];
    for (const answer of answers) {
      h.handlers.token = answer;
      await rejectsLtiError(h.tool.getAccessToken(TARGET, [SCOPE.score]), 'ERR_LTI_SERVICE_TOKEN_RESPONSE_INVALID');
    }
    assert.equal(h.tokenRequests.length, answers.length);
  });
});

describe('createTool: service access wiring', () => {
  it('keeps the defaults of `services` options given as undefined', async () => {
    const services = { timeoutMs: undefined, renewBeforeSeconds: undefined, maxRetryAfterSeconds: undefined, maxAttempts: undefined };
    const h = await setup({ services });
    const service = guardedService(h.platform);
    let calls = 0;
    // Slower than a millisecond: an `undefined` deadline must not become setTimeout's 1 ms.
    h.handlers.service = async (request) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return ++calls === 1 ? new Response(null, { status: 429, headers: { 'retry-after': '120' } }) : service(request);
    };
    // maxRetryAfterSeconds stays 10: a 120 s Retry-After fails at once instead of being waited for.
    await rejectsLtiError(h.tool.serviceFetch(TARGET, readLineItems), 'ERR_LTI_SERVICE_RATE_LIMITED');
    assert.equal((await h.tool.serviceFetch(TARGET, readLineItems)).status, 200);
    // renewBeforeSeconds stays 60: the token is cached, then renewed with 59 s left.
    assert.equal(h.tokenRequests.length, 1);
    h.clock.advance(3541);
    await h.tool.getAccessToken(TARGET, readLineItems.scopes);
    assert.equal(h.tokenRequests.length, 2);
  });

  it('needs stores.keys: ERR_LTI_TOOL_KEYS_MISSING, and no /jwks route', async () => {
    const h = await setup({ keys: false });
    assert.equal(h.tool.keys, undefined);
    await rejectsLtiError(h.tool.getAccessToken(TARGET, [SCOPE.score]), 'ERR_LTI_TOOL_KEYS_MISSING');
    await rejectsLtiError(h.tool.serviceFetch(TARGET, readLineItems), 'ERR_LTI_TOOL_KEYS_MISSING');
    const response = await h.tool.fetch(new Request(`${TOOL_BASE}/jwks`, { headers: { accept: 'application/json' } }));
    assert.equal(response.status, 404);
    assert.equal(((await response.json()) as { code: LtiErrorCode }).code, 'ERR_LTI_NOT_FOUND');
    assert.equal(h.tokenRequests.length, 0);
  });

  it('needs the registration’s tokenEndpoint: ERR_LTI_SERVICE_TOKEN_ENDPOINT_MISSING', async () => {
    const h = await setup({ tokenEndpoint: false });
    const error = await rejectsLtiError(h.tool.getAccessToken(TARGET, [SCOPE.score]), 'ERR_LTI_SERVICE_TOKEN_ENDPOINT_MISSING');
    assert.equal(error.detail?.client_id, CLIENT_ID);
    assert.equal(h.tokenRequests.length, 0);
  });

  it('refuses a target matching no registration (ERR_LTI_PLATFORM_UNKNOWN) or deployment (ERR_LTI_DEPLOYMENT_UNKNOWN)', async () => {
    const h = await setup();
    for (const target of [
      { ...TARGET, issuer: 'https://other-lms.example.edu' },
      { ...TARGET, clientId: 'c-other' },
    ]) {
      await rejectsLtiError(h.tool.getAccessToken(target, [SCOPE.score]), 'ERR_LTI_PLATFORM_UNKNOWN');
      await rejectsLtiError(h.tool.serviceFetch(target, readLineItems), 'ERR_LTI_PLATFORM_UNKNOWN');
    }
    await rejectsLtiError(h.tool.getAccessToken({ ...TARGET, deploymentId: 'dep-unknown' }, [SCOPE.score]), 'ERR_LTI_DEPLOYMENT_UNKNOWN');
    assert.equal(h.tokenRequests.length, 0);
  });

  it('serves the tool’s public keys at {baseUrl}/jwks, never a private member', async () => {
    const h = await setup();
    const response = await h.tool.fetch(new Request(`${TOOL_BASE}/jwks`));
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    assert.equal(response.headers.get('cache-control'), 'public, max-age=300');
    const { keys } = (await response.json()) as { keys: Array<Record<string, unknown>> };
    assert.equal(keys.length, 1);
    assert.equal(keys[0]!.kid, (await h.tool.keys!.activeKey()).kid);
    assert.equal(keys[0]!.kty, 'RSA');
    assert.equal(keys[0]!.use, 'sig');
    for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi']) assert.equal(member in keys[0]!, false, member);
    assert.equal(h.tool.config.jwksUrl, `${TOOL_BASE}/jwks`);
    const post = await h.tool.fetch(new Request(`${TOOL_BASE}/jwks`, { method: 'POST', headers: { accept: 'application/json' } }));
    assert.equal(post.status, 405);
  });

  it('creates the tool’s first key on demand when stores.keys starts empty', async () => {
    const clock = fixedClock(T0);
    const tool = createTool({ baseUrl: TOOL_BASE, stores: createMemoryStores(clock), clock, onLaunch: () => new Response('ok') });
    const response = await tool.fetch(new Request(`${TOOL_BASE}/jwks`));
    const { keys } = (await response.json()) as { keys: Array<{ kid: string }> };
    assert.equal(keys.length, 1);
    assert.equal(keys[0]!.kid, (await tool.keys!.activeKey()).kid);
  });
});

describe('AccessTokenClient: rate limits (429/503, Retry-After)', () => {
  async function clientSetup(service: Handler) {
    const clock = fixedClock(T0);
    const store = new MemoryKeyStore();
    await store.saveKey('tool', { ...(await sharedToolKey), status: 'active', activatedAt: T0 });
    const keys = new SigningKeySet({ store, keySetId: 'tool', clock, retiredKeyLifetimeSeconds: 3600 });
    const network = createNetwork({ clock, toolFetch: () => () => new Response(null, { status: 404 }) });
    network.handlers.service = service;
    await network.platform.registerTool({
      clientId: CLIENT_ID,
      name: 'Quiz tool',
      initiateLoginUri: `${TOOL_BASE}/login`,
      redirectUris: [`${TOOL_BASE}/launch`],
      publicJwk: (await keys.jwks()).keys[0]!,
      scopes: [SCOPE.lineItemReadonly],
      deploymentIds: [DEPLOYMENT_ID],
    });
    const sleeps: number[] = [];
    const client = new AccessTokenClient({
      keys,
      clock,
      allowInsecureLoopback: false,
      fetch: network.fetch,
      sleep: async (milliseconds) => {
        sleeps.push(milliseconds);
      },
    });
    const registration: PlatformRegistration = {
      issuer: ISSUER,
      clientId: CLIENT_ID,
      deploymentIds: [DEPLOYMENT_ID],
      authorizationEndpoint: network.platform.config.authorizationEndpoint,
      tokenEndpoint: network.platform.config.tokenEndpoint,
      jwksUri: network.platform.config.jwksUri,
    };
    const call = () => client.serviceFetch(registration, readLineItems, DEPLOYMENT_ID);
    return { ...network, client, registration, sleeps, call };
  }

  /** A service answering `statuses` in turn (with `headers`), then 200. */
  function answering(statuses: number[], headers: Record<string, string> = {}): Handler {
    let calls = 0;
    return () => {
      const status = statuses[calls++];
      return status === undefined ? Response.json({ ok: true }) : new Response('slow down', { status, headers });
    };
  }

  it('waits the Retry-After seconds of a 429, then succeeds', async () => {
    const h = await clientSetup(answering([429], { 'retry-after': '2' }));
    const response = await h.call();
    assert.equal(response.status, 200);
    assert.deepEqual(h.sleeps, [2000]);
    assert.equal(h.serviceRequests.length, 2);
    // The same token both times: a 429 is no reason to renew it.
    assert.equal(h.tokenRequests.length, 1);
    assert.equal(h.serviceRequests[0]!.headers.get('authorization'), h.serviceRequests[1]!.headers.get('authorization'));
  });

  it('honours a Retry-After given as an HTTP date', async () => {
    const h = await clientSetup(answering([429], { 'retry-after': new Date((T0 + 3) * 1000).toUTCString() }));
    assert.equal((await h.call()).status, 200);
    assert.deepEqual(h.sleeps, [3000]);
  });

  it('honours the Retry-After of a 503 too', async () => {
    const h = await clientSetup(answering([503], { 'retry-after': '1' }));
    assert.equal((await h.call()).status, 200);
    assert.deepEqual(h.sleeps, [1000]);
  });

  it('fails with ERR_LTI_SERVICE_RATE_LIMITED, without waiting, when asked to wait longer than 10 s', async () => {
    const h = await clientSetup(answering([429], { 'retry-after': '120' }));
    const error = await rejectsLtiError(h.call(), 'ERR_LTI_SERVICE_RATE_LIMITED');
    assert.equal(error.status, 429);
    assert.equal(error.detail?.retry_after_seconds, 120);
    assert.deepEqual(h.sleeps, []);
    assert.equal(h.serviceRequests.length, 1);
  });

  it('backs off 1 s then 2 s without Retry-After, and gives up after 3 attempts', async () => {
    const h = await clientSetup(answering([429, 429, 429, 429]));
    const error = await rejectsLtiError(h.call(), 'ERR_LTI_SERVICE_RATE_LIMITED');
    assert.equal(error.detail?.attempts, 3);
    assert.deepEqual(h.sleeps, [1000, 2000]);
    assert.equal(h.serviceRequests.length, 3);
  });

  it('reports a 503 that outlasts the attempts as ERR_LTI_SERVICE_REQUEST_FAILED', async () => {
    const h = await clientSetup(answering([503, 503, 503]));
    const error = await rejectsLtiError(h.call(), 'ERR_LTI_SERVICE_REQUEST_FAILED');
    assert.equal(error.detail?.status, 503);
    assert.deepEqual(h.sleeps, [1000, 2000]);
  });

  it('forgets a token on invalidate(), so the next call asks for a new one', async () => {
    const h = await clientSetup(answering([]));
    const first = await h.client.getToken(h.registration, [SCOPE.lineItemReadonly], DEPLOYMENT_ID);
    h.client.invalidate(h.registration, [SCOPE.lineItemReadonly], DEPLOYMENT_ID);
    const second = await h.client.getToken(h.registration, [SCOPE.lineItemReadonly], DEPLOYMENT_ID);
    assert.notEqual(first.accessToken, second.accessToken);
    assert.equal(h.tokenRequests.length, 2);
  });
});

describe('retryAfterSeconds (RFC 9110 §10.2.3)', () => {
  it('reads delta-seconds and HTTP dates relative to now, and nothing else', () => {
    assert.equal(retryAfterSeconds('2', T0), 2);
    assert.equal(retryAfterSeconds(' 0 ', T0), 0);
    assert.equal(retryAfterSeconds(new Date((T0 + 90) * 1000).toUTCString(), T0), 90);
    assert.equal(retryAfterSeconds('Thu, 01 Jan 2026 00:00:30 GMT', T0), 30);
    // A date in the past means now.
    assert.equal(retryAfterSeconds(new Date((T0 - 90) * 1000).toUTCString(), T0), 0);
    assert.equal(retryAfterSeconds(null, T0), undefined);
    assert.equal(retryAfterSeconds('soon', T0), undefined);
  });
});
