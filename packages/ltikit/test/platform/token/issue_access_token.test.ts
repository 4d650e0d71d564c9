// The platform's token endpoint (TOK-010..016) through `platform.fetch`, with client assertions
// signed here by a tool key registered as `publicJwk` (no socket), then the access token it issues
// at a service endpoint through `platform.authorizeServiceRequest` (TOK-021). One test per named
// check, each asserting the status, the OAuth `error` value and the stable code.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type JWTPayload, SignJWT } from 'jose';
import type { LtiError, LtiErrorCode } from '../../../src/errors.js';
import { fixedClock } from '../../../src/lib/clock.js';
import type { LtiMessageEvent } from '../../../src/lib/observe.js';
import type { PlatformOptions } from '../../../src/platform/config.js';
import { createPlatform } from '../../../src/platform/create_platform.js';
import { platformErrorResponse } from '../../../src/platform/error_response.js';
import { createMemoryStores } from '../../../src/stores/memory.js';
import { LTI_CLAIM } from '../../../src/vocab/claims.js';
import { SCOPE } from '../../../src/vocab/scopes.js';
import { rejectsLtiError } from '../../support/assert_lti_error.js';
import { createPlatformKey, type TestPlatformKey } from '../../support/platform_key.js';
import { assertionClaims, clientCredentials, registerKeyedTool, tokenRequest as tokenRequestTo } from '../../support/service_platform.js';

const T0 = 1_767_225_600;
const ISSUER = 'https://lms.example.edu';
const TOKEN_URL = `${ISSUER}/lti/token`;
const SERVICE_URL = `${ISSUER}/api/lti/contexts/ctx-1/lineitems`;
const CLIENT_ID = 'c-7731';
const DEPLOYMENT_ID = 'dep-01';
const OTHER_CLIENT_ID = 'c-other';
const OTHER_DEPLOYMENT_ID = 'dep-other';
const KEYLESS_CLIENT_ID = 'c-keyless';

/** What the tool may ask for: two AGS scopes and Basic Outcomes, which this platform does not serve. */
const TOOL_SCOPES = [SCOPE.lineItem, SCOPE.score, SCOPE.basicOutcome];

// Key generation (RSA above all) is the slow part: every test shares these two tool keys.
const sharedKeys = Promise.all([createPlatformKey({ alg: 'RS256' }), createPlatformKey({ alg: 'ES256' })]);

interface TokenAnswer {
  access_token?: string;
  token_type?: string;
  expires_in?: number;
  scope?: string;
  error?: string;
  code?: LtiErrorCode;
  error_description?: string;
}

async function setup() {
  const clock = fixedClock(T0);
  const stores = createMemoryStores(clock);
  const events: LtiMessageEvent[] = [];
  const reported: LtiError[] = [];
  const platform = createPlatform({
    issuer: ISSUER,
    stores,
    clock,
    currentUser: 'message-hint-only',
    observer: (event) => {
      events.push(event);
    },
    onError: (error) => {
      reported.push(error);
    },
  });
  const [toolKey, otherKey] = await sharedKeys;
  await registerKeyedTool(platform, { clientId: CLIENT_ID, deploymentIds: [DEPLOYMENT_ID, 'dep-02'], scopes: TOOL_SCOPES, publicJwk: toolKey.publicJwk });
  await registerKeyedTool(platform, { clientId: OTHER_CLIENT_ID, deploymentIds: [OTHER_DEPLOYMENT_ID], scopes: TOOL_SCOPES, publicJwk: otherKey.publicJwk });
  await registerKeyedTool(platform, { clientId: KEYLESS_CLIENT_ID, deploymentIds: ['dep-keyless'], scopes: TOOL_SCOPES });

  let counter = 0;
  /** A conforming client assertion (TOK-001) of `clientId`, with `claims` merged over it. */
  function claims(overrides: Record<string, unknown> = {}, clientId = CLIENT_ID): JWTPayload {
    counter += 1;
    return assertionClaims(clientId, TOKEN_URL, clock.now(), `jti-${counter}`, overrides);
  }
  const assertion = (overrides: Record<string, unknown> = {}, header: Record<string, unknown> = {}, key: TestPlatformKey = toolKey) =>
    key.sign(claims(overrides, key === otherKey ? OTHER_CLIENT_ID : CLIENT_ID), header);

  /** The token request of TOK-003; `undefined` leaves a parameter out. */
  const tokenRequest = (parameters: Record<string, string | undefined>, headers: Record<string, string> = {}): Request => tokenRequestTo(TOKEN_URL, parameters, headers);
  const standard = (clientAssertion: string, scope = `${SCOPE.lineItem} ${SCOPE.score}`) => clientCredentials(clientAssertion, scope);

  async function requestToken(parameters: Record<string, string | undefined>, headers?: Record<string, string>) {
    const response = await platform.fetch(tokenRequest(parameters, headers));
    return { response, body: (await response.json()) as TokenAnswer };
  }
  async function postAssertion(clientAssertion: string, scope?: string) {
    return requestToken(standard(clientAssertion, scope));
  }
  /** A token for the default scopes, asserting success. */
  async function issueToken(overrides: Record<string, unknown> = {}): Promise<string> {
    const { response, body } = await postAssertion(await assertion(overrides));
    assert.equal(response.status, 200, JSON.stringify(body));
    return body.access_token!;
  }
  const serviceRequest = (authorization?: string) =>
    new Request(SERVICE_URL, { headers: authorization === undefined ? {} : { authorization, accept: 'application/vnd.ims.lis.v2.lineitemcontainer+json' } });

  return { clock, stores, platform, events, reported, toolKey, otherKey, claims, assertion, tokenRequest, standard, requestToken, postAssertion, issueToken, serviceRequest };
}

/**
 * A platform of its own (`options.platform` added) with one tool, CLIENT_ID, known by `key` and
 * registered for `options.scopes`, and its token endpoint's answer to that tool asking for the
 * score scope with an assertion for `options.audience` (default: the token endpoint).
 */
async function soleToolTokenAnswer(key: TestPlatformKey, options: { platform?: Partial<PlatformOptions>; scopes?: string[]; audience?: string } = {}) {
  const clock = fixedClock(T0);
  const platform = createPlatform({ issuer: ISSUER, stores: createMemoryStores(clock), clock, currentUser: 'message-hint-only', ...options.platform });
  await registerKeyedTool(platform, { clientId: CLIENT_ID, publicJwk: key.publicJwk, ...(options.scopes === undefined ? {} : { scopes: options.scopes }) });
  const clientAssertion = await key.sign(assertionClaims(CLIENT_ID, options.audience ?? TOKEN_URL, T0, 'j-1'));
  const response = await platform.fetch(tokenRequestTo(TOKEN_URL, clientCredentials(clientAssertion, SCOPE.score)));
  return { clock, platform, response };
}

/** An RFC 6749 §5.2 refusal: status, `error`, the stable code, JSON, never cached. */
function assertRefused(result: { response: Response; body: TokenAnswer }, status: number, error: string, code: LtiErrorCode): void {
  assert.equal(result.body.code, code, JSON.stringify(result.body));
  assert.equal(result.response.status, status);
  assert.equal(result.body.error, error);
  assert.equal(typeof result.body.error_description, 'string');
  assert.equal(result.body.access_token, undefined);
  assert.match(result.response.headers.get('content-type') ?? '', /^application\/json/);
  assert.equal(result.response.headers.get('cache-control'), 'no-store');
}

describe('token endpoint: success (TOK-013, TOK-014)', () => {
  it('issues a Bearer token for an hour, granting requested ∩ registered ∩ supported scopes', async () => {
    const h = await setup();
    // resultReadonly: served but not registered; basicOutcome: registered but not served.
    const scope = [SCOPE.lineItem, SCOPE.resultReadonly, SCOPE.score, SCOPE.basicOutcome].join(' ');
    const { response, body } = await h.postAssertion(await h.assertion(), scope);
    assert.equal(response.status, 200, JSON.stringify(body));
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.equal(response.headers.get('pragma'), 'no-cache');
    assert.equal(body.token_type, 'Bearer');
    assert.equal(body.expires_in, 3600);
    assert.equal(body.scope, `${SCOPE.lineItem} ${SCOPE.score}`);
    assert.equal(typeof body.access_token, 'string');
    assert.ok(body.access_token!.length >= 32);
  });

  it('answers JSON even to a client that accepts only HTML, on success and on failure (RFC 6749 §5.2)', async () => {
    const h = await setup();
    const accepted = await h.requestToken(h.standard(await h.assertion()), { accept: 'text/html' });
    assert.equal(accepted.response.status, 200);
    assert.match(accepted.response.headers.get('content-type') ?? '', /^application\/json/);
    const refused = await h.requestToken({ ...h.standard(await h.assertion()), grant_type: 'password' }, { accept: 'text/html' });
    assertRefused(refused, 400, 'unsupported_grant_type', 'ERR_LTI_TOKEN_GRANT_TYPE_UNSUPPORTED');
  });

  it('issues a new, different token for every accepted assertion', async () => {
    const h = await setup();
    assert.notEqual(await h.issueToken(), await h.issueToken());
  });

  it('accepts an `aud` array that contains the token endpoint', async () => {
    const h = await setup();
    const { response, body } = await h.postAssertion(await h.assertion({ aud: ['https://elsewhere.example/token', TOKEN_URL] }));
    assert.equal(response.status, 200, JSON.stringify(body));
  });

  it('accepts the advertised `authorization_server` as `aud` (TOK-011)', async () => {
    const authorizationServer = 'https://auth.lms.example.edu/oauth2';
    const [key] = await sharedKeys;
    const { response } = await soleToolTokenAnswer(key, { platform: { authorizationServer }, scopes: [SCOPE.score], audience: authorizationServer });
    assert.equal(response.status, 200, await response.clone().text());
  });
});

describe('token endpoint: request parameters (TOK-010)', () => {
  it('refuses a grant_type other than client_credentials, or none, with unsupported_grant_type', async () => {
    const h = await setup();
    for (const grantType of ['password', 'authorization_code', undefined]) {
      const result = await h.requestToken({ ...h.standard(await h.assertion()), grant_type: grantType });
      assertRefused(result, 400, 'unsupported_grant_type', 'ERR_LTI_TOKEN_GRANT_TYPE_UNSUPPORTED');
    }
  });

  it('refuses a client_assertion_type other than jwt-bearer', async () => {
    const h = await setup();
    for (const type of ['urn:ietf:params:oauth:client-assertion-type:saml2-bearer', undefined]) {
      const result = await h.requestToken({ ...h.standard(await h.assertion()), client_assertion_type: type });
      assertRefused(result, 400, 'invalid_request', 'ERR_LTI_TOKEN_ASSERTION_TYPE_INVALID');
    }
  });

  it('refuses a request without client_assertion', async () => {
    const h = await setup();
    for (const value of [undefined, '']) {
      const result = await h.requestToken({ ...h.standard('unused'), client_assertion: value });
      assertRefused(result, 400, 'invalid_request', 'ERR_LTI_TOKEN_ASSERTION_MISSING');
    }
  });

  it('refuses a request without scope (absent, empty or blank)', async () => {
    const h = await setup();
    for (const scope of [undefined, '', '   ']) {
      const result = await h.requestToken({ ...h.standard(await h.assertion()), scope });
      assertRefused(result, 400, 'invalid_request', 'ERR_LTI_TOKEN_SCOPE_MISSING');
    }
  });

  it('refuses a repeated parameter rather than guessing between its values', async () => {
    const h = await setup();
    const form = new URLSearchParams(h.standard(await h.assertion()));
    form.append('scope', SCOPE.lineItem);
    const response = await h.platform.fetch(new Request(TOKEN_URL, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() }));
    assertRefused({ response, body: (await response.json()) as TokenAnswer }, 400, 'invalid_request', 'ERR_LTI_REQUEST_MALFORMED');
  });

  it('refuses a JSON body (TOK-003 asks for a form)', async () => {
    const h = await setup();
    const response = await h.platform.fetch(
      new Request(TOKEN_URL, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(h.standard(await h.assertion())) }),
    );
    assertRefused({ response, body: (await response.json()) as TokenAnswer }, 400, 'invalid_request', 'ERR_LTI_REQUEST_MALFORMED');
  });

  it('serves the token endpoint to POST only', async () => {
    const h = await setup();
    const response = await h.platform.fetch(new Request(TOKEN_URL, { headers: { accept: 'application/json' } }));
    assert.equal(response.status, 405);
    assert.equal(((await response.json()) as TokenAnswer).code, 'ERR_LTI_METHOD_NOT_ALLOWED');
  });
});

describe('token endpoint: the client assertion (TOK-011, TOK-012)', () => {
  it('refuses an assertion that is not a JWT', async () => {
    const h = await setup();
    for (const value of ['not-a-jwt', 'a.b', 'e30.e30.c2ln.x']) {
      assertRefused(await h.postAssertion(value), 401, 'invalid_client', 'ERR_LTI_CLIENT_ASSERTION_MALFORMED');
    }
  });

  it('refuses an HS256 assertion, even keyed with the registered kid (SEC-002)', async () => {
    const h = await setup();
    const hs256 = await new SignJWT(h.claims())
      .setProtectedHeader({ alg: 'HS256', kid: h.toolKey.kid })
      .sign(new TextEncoder().encode(JSON.stringify(h.toolKey.publicJwk)));
    assertRefused(await h.postAssertion(hs256), 401, 'invalid_client', 'ERR_LTI_CLIENT_ASSERTION_ALG_NOT_ALLOWED');
  });

  it('refuses an assertion without kid (SEC-004)', async () => {
    const h = await setup();
    assertRefused(await h.postAssertion(await h.assertion({}, { kid: undefined })), 401, 'invalid_client', 'ERR_LTI_CLIENT_ASSERTION_KID_MISSING');
  });

  it('refuses an assertion whose iss and sub differ, or lack', async () => {
    const h = await setup();
    for (const overrides of [{ sub: OTHER_CLIENT_ID }, { sub: undefined }, { iss: undefined, sub: undefined }, { iss: '', sub: '' }]) {
      assertRefused(await h.postAssertion(await h.assertion(overrides)), 401, 'invalid_client', 'ERR_LTI_CLIENT_ASSERTION_SUBJECT_MISMATCH');
    }
  });

  it('refuses an assertion of an unknown client', async () => {
    const h = await setup();
    const result = await h.postAssertion(await h.assertion({ iss: 'c-unknown', sub: 'c-unknown' }));
    assertRefused(result, 401, 'invalid_client', 'ERR_LTI_CLIENT_ASSERTION_CLIENT_UNKNOWN');
  });

  it('refuses an assertion of a tool registered without keys', async () => {
    const h = await setup();
    const result = await h.postAssertion(await h.assertion({ iss: KEYLESS_CLIENT_ID, sub: KEYLESS_CLIENT_ID }));
    assertRefused(result, 401, 'invalid_client', 'ERR_LTI_CLIENT_ASSERTION_KEYS_MISSING');
  });

  it('refuses a pending tool before its self-declared JWKS is fetched (DR-033)', async () => {
    const clock = fixedClock(T0);
    const stores = createMemoryStores(clock);
    const fetched: string[] = [];
    const platform = createPlatform({
      issuer: ISSUER,
      stores,
      clock,
      currentUser: 'message-hint-only',
      fetch: (async (input: RequestInfo | URL) => {
        fetched.push(String(input));
        return Response.json({ keys: [] });
      }) as typeof fetch,
    });
    const [toolKey] = await sharedKeys;
    await registerKeyedTool(platform, { clientId: 'c-pending', deploymentIds: ['d-1'], scopes: TOOL_SCOPES, jwksUri: 'https://c-pending.example.com/jwks' });
    await stores.tools.saveTool({ ...(await stores.tools.getTool('c-pending'))!, status: 'pending' });
    // Anyone can sign an assertion naming the client id: nobody may make the platform fetch for it.
    const forged = await toolKey.sign(assertionClaims('c-pending', TOKEN_URL, T0, 'jti-pending'));
    const response = await platform.fetch(tokenRequestTo(TOKEN_URL, clientCredentials(forged, SCOPE.score)));
    const body = (await response.json()) as TokenAnswer;
    assertRefused({ response, body }, 400, 'unauthorized_client', 'ERR_LTI_CLIENT_ASSERTION_CLIENT_PENDING');
    assert.deepEqual(fetched, []);
  });

  it('refuses an assertion signed with another key under the registered kid', async () => {
    const h = await setup();
    const impostor = await createPlatformKey({ alg: 'RS256', kid: h.toolKey.kid });
    assertRefused(await h.postAssertion(await h.assertion({}, {}, impostor)), 401, 'invalid_client', 'ERR_LTI_CLIENT_ASSERTION_SIGNATURE_INVALID');
  });

  it('refuses an assertion naming a kid the tool did not register', async () => {
    const h = await setup();
    const stranger = await createPlatformKey({ alg: 'RS256' });
    assertRefused(await h.postAssertion(await h.assertion({}, {}, stranger)), 401, 'invalid_client', 'ERR_LTI_CLIENT_ASSERTION_KEY_UNKNOWN');
  });

  it('refuses an assertion whose aud is not the token endpoint (string or array)', async () => {
    const h = await setup();
    for (const aud of ['https://elsewhere.example/token', ISSUER, [ISSUER, 'https://elsewhere.example/token'], CLIENT_ID]) {
      assertRefused(await h.postAssertion(await h.assertion({ aud })), 401, 'invalid_client', 'ERR_LTI_CLIENT_ASSERTION_AUDIENCE_INVALID');
    }
    assertRefused(await h.postAssertion(await h.assertion({ aud: undefined })), 401, 'invalid_client', 'ERR_LTI_CLIENT_ASSERTION_AUDIENCE_INVALID');
  });

  it('refuses an expired assertion (beyond the 60 s skew) and accepts one within it', async () => {
    const h = await setup();
    const expired = await h.assertion({ iat: T0 - 600, exp: T0 - 61 });
    assertRefused(await h.postAssertion(expired), 401, 'invalid_client', 'ERR_LTI_CLIENT_ASSERTION_EXPIRED');
    const { response } = await h.postAssertion(await h.assertion({ iat: T0 - 300, exp: T0 - 30 }));
    assert.equal(response.status, 200);
  });

  it('refuses an assertion living longer than an hour', async () => {
    const h = await setup();
    assertRefused(await h.postAssertion(await h.assertion({ exp: T0 + 3601 })), 401, 'invalid_client', 'ERR_LTI_CLIENT_ASSERTION_TIMES_INVALID');
    const { response } = await h.postAssertion(await h.assertion({ exp: T0 + 3600 }));
    assert.equal(response.status, 200);
  });

  it('refuses an assertion issued in the future (beyond the 60 s skew)', async () => {
    const h = await setup();
    assertRefused(await h.postAssertion(await h.assertion({ iat: T0 + 120, exp: T0 + 400 })), 401, 'invalid_client', 'ERR_LTI_CLIENT_ASSERTION_TIMES_INVALID');
  });

  it('refuses an assertion without iat or exp', async () => {
    const h = await setup();
    for (const overrides of [{ iat: undefined }, { exp: undefined }]) {
      assertRefused(await h.postAssertion(await h.assertion(overrides)), 401, 'invalid_client', 'ERR_LTI_CLIENT_ASSERTION_TIMES_INVALID');
    }
  });

  it('refuses an assertion without jti (TOK-001, TOK-012)', async () => {
    const h = await setup();
    for (const jti of [undefined, '']) {
      assertRefused(await h.postAssertion(await h.assertion({ jti })), 401, 'invalid_client', 'ERR_LTI_CLIENT_ASSERTION_JTI_MISSING');
    }
  });

  it('refuses a replayed assertion: the same one twice, or a new one reusing its jti (TOK-012)', async () => {
    const h = await setup();
    const once = await h.assertion({ jti: 'jti-replayed' });
    assert.equal((await h.postAssertion(once)).response.status, 200);
    assertRefused(await h.postAssertion(once), 401, 'invalid_client', 'ERR_LTI_CLIENT_ASSERTION_REPLAYED');
    assertRefused(await h.postAssertion(await h.assertion({ jti: 'jti-replayed' })), 401, 'invalid_client', 'ERR_LTI_CLIENT_ASSERTION_REPLAYED');
  });

  it('forgets a jti once the assertion that carried it has expired', async () => {
    const h = await setup();
    assert.equal((await h.postAssertion(await h.assertion({ jti: 'jti-old', exp: T0 + 60 }))).response.status, 200);
    h.clock.advance(121);
    const { response } = await h.postAssertion(await h.assertion({ jti: 'jti-old' }));
    assert.equal(response.status, 200);
  });

  it('does not count the same jti under another client as a replay', async () => {
    const h = await setup();
    assert.equal((await h.postAssertion(await h.assertion({ jti: 'jti-shared' }))).response.status, 200);
    const { response, body } = await h.postAssertion(await h.assertion({ jti: 'jti-shared' }, {}, h.otherKey));
    assert.equal(response.status, 200, JSON.stringify(body));
  });
});

describe('token endpoint: deployment and scopes (TOK-002, TOK-013, TOK-016)', () => {
  it('refuses a deployment_id that is not one of the tool’s, even another tool’s, with unauthorized_client', async () => {
    const h = await setup();
    for (const deploymentId of ['dep-unknown', OTHER_DEPLOYMENT_ID, 42]) {
      const result = await h.postAssertion(await h.assertion({ [LTI_CLAIM.deploymentId]: deploymentId }));
      assertRefused(result, 400, 'unauthorized_client', 'ERR_LTI_CLIENT_ASSERTION_DEPLOYMENT_UNKNOWN');
    }
  });

  it('accepts the tool’s own deployment and binds the token to it', async () => {
    const h = await setup();
    const token = await h.issueToken({ [LTI_CLAIM.deploymentId]: 'dep-02' });
    const grant = await h.platform.authorizeServiceRequest(h.serviceRequest(`Bearer ${token}`), [SCOPE.lineItem]);
    assert.deepEqual(grant, { clientId: CLIENT_ID, deploymentId: 'dep-02', scopes: [SCOPE.lineItem, SCOPE.score], expiresAt: T0 + 3600 });
  });

  it('binds a token asked for without deployment to the client alone', async () => {
    const h = await setup();
    const grant = await h.platform.authorizeServiceRequest(h.serviceRequest(`Bearer ${await h.issueToken()}`), [SCOPE.score]);
    assert.equal(grant.clientId, CLIENT_ID);
    assert.equal('deploymentId' in grant, false);
  });

  it('refuses with invalid_scope when none of the requested scopes is granted', async () => {
    const h = await setup();
    // resultReadonly is not registered for the tool; basicOutcome is not served; openid is no service scope.
    for (const scope of [SCOPE.resultReadonly, SCOPE.basicOutcome, 'openid', `${SCOPE.resultReadonly} ${SCOPE.basicOutcome}`]) {
      assertRefused(await h.postAssertion(await h.assertion(), scope), 400, 'invalid_scope', 'ERR_LTI_TOKEN_SCOPE_NOT_GRANTED');
    }
  });

  it('grants nothing to a tool registered without scopes', async () => {
    const [key] = await sharedKeys;
    const { response } = await soleToolTokenAnswer(key);
    assertRefused({ response, body: (await response.json()) as TokenAnswer }, 400, 'invalid_scope', 'ERR_LTI_TOKEN_SCOPE_NOT_GRANTED');
  });
});

describe('authorizeServiceRequest: the access token at a service (TOK-020, TOK-021)', () => {
  it('accepts the token for a granted scope, whatever the case of "Bearer"', async () => {
    const h = await setup();
    const token = await h.issueToken();
    const grant = await h.platform.authorizeServiceRequest(h.serviceRequest(`Bearer ${token}`), [SCOPE.lineItem, SCOPE.lineItemReadonly]);
    assert.equal(grant.clientId, CLIENT_ID);
    assert.deepEqual(grant.scopes, [SCOPE.lineItem, SCOPE.score]);
    assert.equal(grant.expiresAt, T0 + 3600);
    await h.platform.authorizeServiceRequest(h.serviceRequest(`bearer ${token}`), [SCOPE.score]);
  });

  it('answers 403 insufficient_scope for a scope the token was not granted', async () => {
    const h = await setup();
    const request = h.serviceRequest(`Bearer ${await h.issueToken()}`);
    const error = await rejectsLtiError(h.platform.authorizeServiceRequest(request, [SCOPE.contextMembershipReadonly]), 'ERR_LTI_ACCESS_TOKEN_SCOPE_INSUFFICIENT');
    assert.equal(error.status, 403);
    assert.equal(error.oauthError, 'insufficient_scope');
    const response = platformErrorResponse(error, request);
    assert.equal(response.status, 403);
    assert.equal(response.headers.get('www-authenticate'), 'Bearer error="insufficient_scope"');
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    const body = (await response.json()) as TokenAnswer;
    assert.equal(body.code, 'ERR_LTI_ACCESS_TOKEN_SCOPE_INSUFFICIENT');
    assert.equal(body.error, 'insufficient_scope');
  });

  it('answers 401 invalid_token without a Bearer token', async () => {
    const h = await setup();
    for (const authorization of [undefined, '', 'Basic YzpzZWNyZXQ=', 'Bearer', 'Bearer ', 'Bearer a b']) {
      const request = h.serviceRequest(authorization);
      const error = await rejectsLtiError(h.platform.authorizeServiceRequest(request, [SCOPE.score]), 'ERR_LTI_ACCESS_TOKEN_MISSING');
      assert.equal(error.status, 401);
      const response = platformErrorResponse(error, request);
      assert.equal(response.status, 401);
      assert.equal(response.headers.get('www-authenticate'), 'Bearer error="invalid_token"');
      const body = (await response.json()) as TokenAnswer;
      assert.equal(body.code, 'ERR_LTI_ACCESS_TOKEN_MISSING');
      assert.equal(body.error, 'invalid_token');
    }
  });

  it('answers 401 invalid_token for a garbage or never-issued token', async () => {
    const h = await setup();
    await h.issueToken();
    for (const token of ['garbage!', 'x'.repeat(500), 'A'.repeat(43), '../../etc/passwd']) {
      const request = h.serviceRequest(`Bearer ${token}`);
      const error = await rejectsLtiError(h.platform.authorizeServiceRequest(request, [SCOPE.score]), 'ERR_LTI_ACCESS_TOKEN_INVALID');
      assert.equal(error.status, 401);
      const response = platformErrorResponse(error, request);
      assert.equal(response.headers.get('www-authenticate'), 'Bearer error="invalid_token"');
      assert.equal(((await response.json()) as TokenAnswer).code, 'ERR_LTI_ACCESS_TOKEN_INVALID');
    }
  });

  it('answers 401 invalid_token once the token has expired (3600 s)', async () => {
    const h = await setup();
    const token = await h.issueToken();
    h.clock.advance(3599);
    await h.platform.authorizeServiceRequest(h.serviceRequest(`Bearer ${token}`), [SCOPE.score]);
    h.clock.advance(1);
    const error = await rejectsLtiError(h.platform.authorizeServiceRequest(h.serviceRequest(`Bearer ${token}`), [SCOPE.score]), 'ERR_LTI_ACCESS_TOKEN_INVALID');
    assert.equal(error.status, 401);
  });

  it('honours accessTokenLifetimeSeconds', async () => {
    const [, key] = await sharedKeys;
    const { clock, platform, response } = await soleToolTokenAnswer(key, { platform: { accessTokenLifetimeSeconds: 600 }, scopes: [SCOPE.score] });
    const body = (await response.json()) as TokenAnswer;
    assert.equal(body.expires_in, 600);
    const request = () => new Request(SERVICE_URL, { headers: { authorization: `Bearer ${body.access_token}` } });
    assert.equal((await platform.authorizeServiceRequest(request(), [SCOPE.score])).expiresAt, T0 + 600);
    clock.advance(600);
    await rejectsLtiError(platform.authorizeServiceRequest(request(), [SCOPE.score]), 'ERR_LTI_ACCESS_TOKEN_INVALID');
  });

  it('does not accept a token of another platform sharing nothing but the issuer', async () => {
    const a = await setup();
    const b = await setup();
    const token = await a.issueToken();
    await rejectsLtiError(b.platform.authorizeServiceRequest(b.serviceRequest(`Bearer ${token}`), [SCOPE.score]), 'ERR_LTI_ACCESS_TOKEN_INVALID');
  });
});

describe('token endpoint: observer and error reporting', () => {
  it('shows each token request to the observer by ids and code, never with the assertion or the token', async () => {
    const h = await setup();
    const clientAssertion = await h.assertion({ [LTI_CLAIM.deploymentId]: DEPLOYMENT_ID });
    const { body } = await h.postAssertion(clientAssertion);
    const refusedAssertion = await h.assertion({ aud: 'https://elsewhere.example/token' });
    await h.postAssertion(refusedAssertion);
    await h.requestToken({ ...h.standard('x'), grant_type: 'password' });

    const tokenEvents = h.events.filter((event) => event.kind === 'token_request');
    assert.equal(tokenEvents.length, 3);
    const [accepted, refused, early] = tokenEvents;
    assert.equal(accepted!.side, 'platform');
    assert.equal(accepted!.direction, 'received');
    assert.equal(accepted!.outcome, 'accepted');
    assert.equal(accepted!.clientId, CLIENT_ID);
    assert.equal(accepted!.deploymentId, DEPLOYMENT_ID);
    assert.equal(accepted!.errorCode, undefined);
    assert.equal(typeof accepted!.durationMs, 'number');
    assert.equal(refused!.outcome, 'rejected');
    assert.equal(refused!.clientId, CLIENT_ID);
    assert.equal(refused!.errorCode, 'ERR_LTI_CLIENT_ASSERTION_AUDIENCE_INVALID');
    assert.equal(early!.outcome, 'rejected');
    assert.equal(early!.clientId, undefined);
    assert.equal(early!.errorCode, 'ERR_LTI_TOKEN_GRANT_TYPE_UNSUPPORTED');

    const seen = JSON.stringify(h.events);
    for (const secret of [clientAssertion, refusedAssertion, body.access_token!]) {
      assert.equal(seen.includes(secret), false);
      // Not even the signature part.
      assert.equal(seen.includes(secret.split('.').at(-1)!), false);
    }
    assert.deepEqual(
      h.reported.map((error) => error.code),
      ['ERR_LTI_CLIENT_ASSERTION_AUDIENCE_INVALID', 'ERR_LTI_TOKEN_GRANT_TYPE_UNSUPPORTED'],
    );
  });

  it('never puts the assertion or a stack trace in a refusal', async () => {
    const h = await setup();
    const impostor = await createPlatformKey({ alg: 'RS256', kid: h.toolKey.kid });
    const clientAssertion = await h.assertion({}, {}, impostor);
    const response = await h.platform.fetch(h.tokenRequest(h.standard(clientAssertion)));
    const text = await response.text();
    assert.equal(text.includes(clientAssertion.split('.')[2]!), false);
    assert.doesNotMatch(text, /\n\s+at\s|\.ts:\d+/);
  });
});
