// The platform's Dynamic Registration: registration tokens (DR-003, DR-001), the registration
// endpoint (DR-030..DR-033) and the administrator's review (DR-033, DR-034), straight through
// `platform.fetch` with a frozen clock. Each refusal asserts its code; no refusal stores anything.
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { fixedClock } from '../../../src/lib/clock.js';
import type { LtiMessageEvent } from '../../../src/lib/observe.js';
import { validatePlatformConfiguration } from '../../../src/messages/registration.js';
import { createPlatform, type LtiPlatform } from '../../../src/platform/create_platform.js';
import { buildRegistrationInitiationUrl } from '../../../src/platform/registration/registration_token.js';
import { checkToolApproved } from '../../../src/platform/token/issue_access_token.js';
import { createMemoryStores } from '../../../src/stores/memory.js';
import type { SingleUseStore } from '../../../src/stores/types.js';
import { SCOPE } from '../../../src/vocab/scopes.js';
import { rejectsLtiError, throwsLtiError } from '../../support/assert_lti_error.js';
import { TOOL_CONFIGURATION, clientRegistration } from '../../support/registration.js';

const T0 = 1_767_225_600;
const ISSUER = 'https://lms.example.edu';
const TOOL = 'https://tool.example.com';

// biome-ignore lint/suspicious/noExplicitAny: JSON answers are read member by member, and each assertion checks one.
type Json = Record<string, any>;

/** A single-use store that records every key written, to show the token itself is never stored. */
function recording(store: SingleUseStore): { store: SingleUseStore; keys: string[]; values: string[] } {
  const keys: string[] = [];
  const values: string[] = [];
  return {
    keys,
    values,
    store: {
      issue: async (kind, key, value, expiresAt) => {
        keys.push(key);
        values.push(value);
        return store.issue(kind, key, value, expiresAt);
      },
      peek: (kind, key) => store.peek(kind, key),
      consume: (kind, key) => store.consume(kind, key),
      remember: (kind, key, expiresAt) => store.remember(kind, key, expiresAt),
    },
  };
}

describe('Dynamic Registration on the platform', () => {
  let clock: ReturnType<typeof fixedClock>;
  let stores: ReturnType<typeof createMemoryStores>;
  let singleUse: ReturnType<typeof recording>;
  let platform: LtiPlatform;
  let events: LtiMessageEvent[];

  beforeEach(() => {
    clock = fixedClock(T0);
    stores = createMemoryStores(clock);
    singleUse = recording(stores.singleUse);
    events = [];
    platform = createPlatform({
      issuer: ISSUER,
      stores: { ...stores, singleUse: singleUse.store },
      clock,
      currentUser: 'message-hint-only',
      observer: (event) => {
        events.push(event);
      },
    });
  });

  function register(body: unknown, token: string | undefined, headers: Record<string, string> = {}): Promise<Response> {
    return platform.fetch(
      new Request(`${ISSUER}/lti/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token === undefined ? {} : { authorization: `Bearer ${token}` }), ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    );
  }

  async function refusal(response: Response, status: number, code: string): Promise<Json> {
    assert.equal(response.status, status);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    const body = (await response.json()) as Json;
    assert.equal(body.code, code);
    assert.equal(typeof body.error_description, 'string');
    return body;
  }

  it('publishes the registration endpoint and every REQUIRED member in its OpenID configuration (DR-012)', async () => {
    const response = await platform.fetch(new Request(`${ISSUER}/.well-known/openid-configuration`));
    const configuration = validatePlatformConfiguration(await response.json());
    assert.equal(configuration.registration_endpoint, `${ISSUER}/lti/register`);
    assert.equal(configuration.issuer, ISSUER);
  });

  it('creates short-lived tokens kept only as a hash, and builds the initiation URL with both parameters URL-encoded (DR-001, DR-003)', async () => {
    const { token, sessionId, expiresAt } = await platform.createRegistrationToken({ requestedBy: 'admin-7' });
    assert.equal(expiresAt, T0 + 600);
    assert.ok(token.length >= 43);
    assert.ok(!singleUse.keys.includes(token), 'the token itself is not a key');
    assert.ok(!singleUse.values.some((value) => value.includes(token)), 'nor a value');
    assert.match(singleUse.values[0]!, /"requestedBy":"admin-7"/);
    const url = new URL(platform.registrationInitiationUrl(`${TOOL}/lti/register?tenant=a b`, token));
    assert.equal(url.searchParams.get('openid_configuration'), `${ISSUER}/.well-known/openid-configuration`);
    assert.equal(url.searchParams.get('registration_token'), token);
    assert.equal(url.searchParams.get('tenant'), 'a b');
    assert.match(url.search, /openid_configuration=https%3A%2F%2Flms\.example\.edu%2F/);
    assert.equal(typeof sessionId, 'string');
    assert.equal((await platform.createRegistrationToken({ lifetimeSeconds: 60 })).expiresAt, T0 + 60);
    await rejectsLtiError(platform.createRegistrationToken({ lifetimeSeconds: 0 }), 'ERR_LTI_PLATFORM_CONFIG_INVALID');
    throwsLtiError(() => platform.registrationInitiationUrl('http://tool.example.com/register', token), 'ERR_LTI_FETCH_INSECURE_URL');
    throwsLtiError(() => buildRegistrationInitiationUrl('not a url', { openidConfiguration: ISSUER }), 'ERR_LTI_FETCH_INSECURE_URL');
  });

  it('registers a tool as pending with a deployment and answers with the registered metadata (DR-032, DR-033)', async () => {
    const { token, sessionId } = await platform.createRegistrationToken({ requestedBy: 'admin-7' });
    const document = clientRegistration(TOOL, { scope: `${SCOPE.score} ${SCOPE.basicOutcome} ${SCOPE.contextMembershipReadonly}` });
    const response = await register(document, token);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const body = (await response.json()) as Json;
    const tool = await stores.tools.getTool(body.client_id);
    assert.ok(tool !== undefined);
    assert.equal(tool.status, 'pending');
    assert.equal(tool.name, 'Fractions Trainer');
    assert.deepEqual(tool.deploymentIds, [body[TOOL_CONFIGURATION].deployment_id]);
    assert.equal(tool.deepLinkingUri, `${TOOL}/lti/dl`);
    assert.equal(tool.jwksUri, `${TOOL}/.well-known/jwks.json`);
    // Scopes the platform does not serve are dropped; what remains is what the tool asked for.
    assert.deepEqual(tool.scopes, [SCOPE.score, SCOPE.contextMembershipReadonly]);
    assert.deepEqual(tool.claims, ['name', 'given_name', 'family_name', 'email']);
    assert.deepEqual(tool.registration?.requestedScopes, [SCOPE.score, SCOPE.contextMembershipReadonly]);
    assert.equal(tool.registration?.requestedBy, 'admin-7');
    assert.equal(tool.registration?.sessionId, sessionId);
    assert.equal(tool.registration?.registeredAt, T0);
    assert.deepEqual(tool.registration?.request, document);
    // The answer echoes the registration.
    assert.equal(body.client_name, 'Fractions Trainer');
    assert.equal(body['client_name#fr'], 'Entraîneur de fractions');
    assert.equal(body.token_endpoint_auth_method, 'private_key_jwt');
    assert.equal(body.scope, `${SCOPE.score} ${SCOPE.contextMembershipReadonly}`);
    assert.deepEqual(body.redirect_uris, [`${TOOL}/lti/launch`, `${TOOL}/lti/dl`]);
    assert.deepEqual(body[TOOL_CONFIGURATION].claims, ['iss', 'sub', 'name', 'given_name', 'family_name', 'email']);
    assert.equal(body[TOOL_CONFIGURATION].messages[0].type, 'LtiDeepLinkingRequest');
    assert.equal(body[TOOL_CONFIGURATION].domain, 'tool.example.com');
    assert.equal(events.at(-1)?.kind, 'registration');
    assert.equal(events.at(-1)?.outcome, 'accepted');
  });

  it('refuses a request without a token, or with an unknown one, with 401 invalid_token (DR-030)', async () => {
    const missing = await refusal(await register(clientRegistration(TOOL), undefined), 401, 'ERR_LTI_DR_TOKEN_MISSING');
    assert.equal(missing.error, 'invalid_token');
    const unknown = await register(clientRegistration(TOOL), 'made-up-token');
    assert.equal(unknown.headers.get('www-authenticate'), 'Bearer error="invalid_token"');
    await refusal(unknown, 401, 'ERR_LTI_DR_TOKEN_INVALID');
    await refusal(await register(clientRegistration(TOOL), undefined, { authorization: 'Basic abc' }), 401, 'ERR_LTI_DR_TOKEN_MISSING');
    assert.deepEqual(await stores.tools.listTools(), []);
  });

  it('spends a token once: a second registration with it is refused (DR-003)', async () => {
    const { token } = await platform.createRegistrationToken();
    assert.equal((await register(clientRegistration(TOOL), token)).status, 200);
    await refusal(await register(clientRegistration(TOOL), token), 401, 'ERR_LTI_DR_TOKEN_INVALID');
    assert.equal((await stores.tools.listTools()).length, 1);
  });

  it('refuses an expired token (DR-003)', async () => {
    const { token } = await platform.createRegistrationToken();
    clock.advance(601);
    await refusal(await register(clientRegistration(TOOL), token), 401, 'ERR_LTI_DR_TOKEN_INVALID');
    assert.deepEqual(await stores.tools.listTools(), []);
  });

  it('refuses a bad body with an RFC 7591 error naming the field, stores nothing, and burns the token (DR-031)', async () => {
    const { token } = await platform.createRegistrationToken();
    const body = await refusal(await register(clientRegistration(TOOL, { token_endpoint_auth_method: 'client_secret_post' }), token), 400, 'ERR_LTI_DR_CLIENT_METADATA_INVALID');
    assert.equal(body.error, 'invalid_client_metadata');
    assert.match(body.error_description, /^token_endpoint_auth_method /);
    assert.equal(body.detail.field, 'token_endpoint_auth_method');
    assert.deepEqual(await stores.tools.listTools(), []);
    // The refused request spent the token: a corrected body cannot reuse it.
    await refusal(await register(clientRegistration(TOOL), token), 401, 'ERR_LTI_DR_TOKEN_INVALID');
    assert.deepEqual(await stores.tools.listTools(), []);
  });

  it('answers invalid_redirect_uri for a target that is not a redirect URI (DR-031)', async () => {
    const { token } = await platform.createRegistrationToken();
    const body = await refusal(await register(clientRegistration(TOOL, {}, { target_link_uri: `${TOOL}/elsewhere` }), token), 400, 'ERR_LTI_DR_REDIRECT_URI_INVALID');
    assert.equal(body.error, 'invalid_redirect_uri');
    assert.equal(body.detail.field, `${TOOL_CONFIGURATION}.target_link_uri`);
  });

  it('refuses a form body, malformed JSON and an oversized body, storing nothing', async () => {
    const form = await platform.createRegistrationToken();
    await refusal(await register('client_name=x', form.token, { 'content-type': 'application/x-www-form-urlencoded' }), 400, 'ERR_LTI_REQUEST_MALFORMED');
    const malformed = await platform.createRegistrationToken();
    await refusal(await register('{"client_name": ', malformed.token), 400, 'ERR_LTI_REQUEST_MALFORMED');
    const large = await platform.createRegistrationToken();
    await refusal(await register(clientRegistration(TOOL, { padding: 'x'.repeat(70 * 1024) }), large.token), 413, 'ERR_LTI_REQUEST_TOO_LARGE');
    assert.deepEqual(await stores.tools.listTools(), []);
    const get = await platform.fetch(new Request(`${ISSUER}/lti/register`));
    assert.equal(get.status, 405);
  });

  it('registers once when two valid requests race with one token (DR-003)', async () => {
    const { token } = await platform.createRegistrationToken();
    const answers = await Promise.all([register(clientRegistration(TOOL), token), register(clientRegistration(TOOL), token)]);
    assert.deepEqual(answers.map((answer) => answer.status).sort(), [200, 401]);
    assert.equal((await stores.tools.listTools()).length, 1);
  });

  describe('review', () => {
    async function pendingTool(): Promise<string> {
      const { token } = await platform.createRegistrationToken();
      return ((await (await register(clientRegistration(TOOL), token)).json()) as Json).client_id as string;
    }

    it('refuses a pending tool at login initiation and at the authorization endpoint, and launches it once approved (DR-033)', async () => {
      const clientId = await pendingTool();
      const tool = (await stores.tools.getTool(clientId))!;
      const launchRequest = { clientId, deploymentId: tool.deploymentIds[0]!, user: { id: 'u-1' }, roles: [], resourceLink: { id: 'rl-1' } };
      // The browser is never sent to the login URL the pending tool declared.
      await rejectsLtiError(platform.createLaunch(launchRequest), 'ERR_LTI_AUTH_CLIENT_PENDING');
      const authorize = async (loginUrl: string): Promise<Response> => {
        const login = new URL(loginUrl).searchParams;
        const query = new URLSearchParams({
          scope: 'openid', response_type: 'id_token', response_mode: 'form_post', prompt: 'none', client_id: clientId,
          redirect_uri: `${TOOL}/lti/launch`, login_hint: login.get('login_hint')!, lti_message_hint: login.get('lti_message_hint')!, nonce: 'n-1', state: 's-1',
        });
        return platform.fetch(new Request(`${ISSUER}/lti/authorize?${query}`, { headers: { accept: 'application/json' } }));
      };
      // A launch issued while the tool was active, answered after it went back to review.
      await stores.tools.saveTool({ ...tool, status: 'active' });
      const { loginUrl: issuedBefore } = await platform.createLaunch(launchRequest);
      await stores.tools.saveTool(tool);
      const body = await refusal(await authorize(issuedBefore), 400, 'ERR_LTI_AUTH_CLIENT_PENDING');
      assert.equal(body.error, 'unauthorized_client');
      await platform.approveRegistration(clientId);
      const accepted = await authorize((await platform.createLaunch(launchRequest)).loginUrl);
      assert.equal(accepted.status, 200);
      assert.match(await accepted.text(), /name="id_token"/);
    });

    it('refuses service tokens to a pending tool (DR-033)', () => {
      throwsLtiError(() => checkToolApproved({ clientId: 'c', name: 'x', deploymentIds: [], initiateLoginUri: TOOL, redirectUris: [TOOL], targetLinkUri: TOOL, claims: [], status: 'pending' }), 'ERR_LTI_CLIENT_ASSERTION_CLIENT_PENDING');
      checkToolApproved({ clientId: 'c', name: 'x', deploymentIds: [], initiateLoginUri: TOOL, redirectUris: [TOOL], targetLinkUri: TOOL, claims: [] });
    });

    it('approves with fewer grants than requested, and not with more (DR-034)', async () => {
      const clientId = await pendingTool();
      await rejectsLtiError(platform.approveRegistration(clientId, { scopes: [SCOPE.basicOutcome] }), 'ERR_LTI_DR_GRANT_NOT_REQUESTED');
      const refused = await rejectsLtiError(platform.approveRegistration(clientId, { claims: ['name', 'picture'] }), 'ERR_LTI_DR_GRANT_NOT_REQUESTED');
      assert.equal(refused.detail?.field, 'claims[1]');
      assert.equal((await stores.tools.getTool(clientId))?.status, 'pending');
      const approved = await platform.approveRegistration(clientId, { scopes: [SCOPE.score], claims: ['name'] });
      assert.equal(approved.status, 'active');
      assert.deepEqual(approved.scopes, [SCOPE.score]);
      assert.deepEqual(approved.claims, ['name']);
      assert.equal(approved.registration?.approvedAt, T0);
      const stored = await stores.tools.getTool(clientId);
      assert.deepEqual(stored?.scopes, [SCOPE.score]);
      // The request stays retrievable for later review.
      assert.equal(stored?.registration?.request.client_name, 'Fractions Trainer');
      await rejectsLtiError(platform.approveRegistration(clientId), 'ERR_LTI_DR_REGISTRATION_NOT_PENDING');
      await rejectsLtiError(platform.rejectRegistration(clientId), 'ERR_LTI_DR_REGISTRATION_NOT_PENDING');
    });

    it('rejects a pending registration by removing it', async () => {
      const clientId = await pendingTool();
      await platform.rejectRegistration(clientId);
      assert.equal(await stores.tools.getTool(clientId), undefined);
      await rejectsLtiError(platform.rejectRegistration(clientId), 'ERR_LTI_TOOL_UNKNOWN');
      await rejectsLtiError(platform.approveRegistration('nobody'), 'ERR_LTI_TOOL_UNKNOWN');
    });

    it('keeps a pending tool pending when it is edited through registerTool', async () => {
      const clientId = await pendingTool();
      const edited = await platform.registerTool({ clientId, name: 'Renamed', initiateLoginUri: `${TOOL}/lti/login`, redirectUris: [`${TOOL}/lti/launch`] });
      assert.equal(edited.status, 'pending');
      assert.equal((await stores.tools.getTool(clientId))?.registration?.request.client_name, 'Fractions Trainer');
    });
  });

  describe('a registration that replaces an LTI 1.1 tool (DR-050, MIG-008)', () => {
    const LEGACY = { name: 'Legacy quiz', launchUrl: `${TOOL}/lti11`, consumerKey: 'ck-quiz', clientId: 'reserved-client', deploymentId: 'reserved-deployment' };
    beforeEach(async () => {
      await platform.lti11.registerTool(LEGACY);
    });

    it('checks the 1.1 tool when the token is created and binds it into the token', async () => {
      const issued = await platform.createRegistrationToken({ requestedBy: 'admin-7', replaces: { consumerKey: 'ck-quiz' } });
      assert.deepEqual(issued.replaces, { consumerKey: 'ck-quiz', clientId: 'reserved-client', deploymentIds: ['reserved-deployment'], name: 'Legacy quiz' });
      assert.match(singleUse.values.at(-1)!, /"replaces":\{"consumerKey":"ck-quiz"\}/);
      assert.ok(!singleUse.values.at(-1)!.includes(issued.token));

      await rejectsLtiError(platform.createRegistrationToken({ replaces: { consumerKey: 'ck-nobody' } }), 'ERR_LTI11_TOOL_UNKNOWN');
      await stores.lti11.saveCredential({ consumerKey: 'ck-unreserved', secret: 's', name: 'Unreserved', createdAt: T0 });
      await rejectsLtiError(platform.createRegistrationToken({ replaces: { consumerKey: 'ck-unreserved' } }), 'ERR_LTI_DR_REPLACED_TOOL_NOT_RESERVED');
      await rejectsLtiError(platform.createRegistrationToken({ replaces: { consumerKey: '' } }), 'ERR_LTI_PLATFORM_CONFIG_INVALID');
      // biome-ignore lint/suspicious/noExplicitAny: a caller without types passes anything.
      await rejectsLtiError(platform.createRegistrationToken({ replaces: 'ck-quiz' as any }), 'ERR_LTI_PLATFORM_CONFIG_INVALID');

      const { lti11: _none, ...withoutLti11 } = stores;
      const platformWithout11 = createPlatform({ issuer: ISSUER, stores: withoutLti11, clock, currentUser: 'message-hint-only' });
      await rejectsLtiError(platformWithout11.createRegistrationToken({ replaces: { consumerKey: 'ck-quiz' } }), 'ERR_LTI_PLATFORM_CONFIG_INVALID');
    });

    it('refuses a token for a 1.1 tool upgraded already, not for one whose replacement still waits for review', async () => {
      const { token } = await platform.createRegistrationToken({ replaces: { consumerKey: 'ck-quiz' } });
      assert.equal((await register(clientRegistration(TOOL), token)).status, 200);
      // Pending: the administrator may still reject it, so a new token may be made.
      await platform.createRegistrationToken({ replaces: { consumerKey: 'ck-quiz' } });
      await platform.approveRegistration('reserved-client');
      const taken = await rejectsLtiError(platform.createRegistrationToken({ replaces: { consumerKey: 'ck-quiz' } }), 'ERR_LTI_DR_REPLACED_CLIENT_ID_TAKEN');
      assert.equal(taken.detail?.client_id, 'reserved-client');
    });

    it('registers the tool under the reserved client id and deployment with lti11ConsumerKey, pending review, and answers with them', async () => {
      const { token, sessionId } = await platform.createRegistrationToken({ requestedBy: 'admin-7', replaces: { consumerKey: 'ck-quiz' } });
      const response = await register(clientRegistration(TOOL), token);
      assert.equal(response.status, 200);
      const body = (await response.json()) as Json;
      assert.equal(body.client_id, 'reserved-client');
      assert.equal(body[TOOL_CONFIGURATION].deployment_id, 'reserved-deployment');
      const tool = (await stores.tools.getTool('reserved-client'))!;
      assert.equal(tool.status, 'pending');
      assert.deepEqual(tool.deploymentIds, ['reserved-deployment']);
      assert.equal(tool.lti11ConsumerKey, 'ck-quiz');
      assert.equal(tool.name, 'Fractions Trainer');
      assert.equal(tool.registration?.sessionId, sessionId);
      assert.equal(tool.registration?.requestedBy, 'admin-7');
      assert.deepEqual((await stores.tools.listTools()).map((item) => item.clientId), ['reserved-client']);
      await rejectsLtiError(platform.createLaunch({ clientId: 'reserved-client', deploymentId: 'reserved-deployment', user: { id: 'u-1' }, roles: [], resourceLink: { id: 'rl-1' } }), 'ERR_LTI_AUTH_CLIENT_PENDING');
      const approved = await platform.approveRegistration('reserved-client');
      assert.equal(approved.status, 'active');
      assert.equal(approved.lti11ConsumerKey, 'ck-quiz');
    });

    it('gives the registration a generated deployment when the 1.1 tool reserved a client id only', async () => {
      await stores.lti11.saveCredential({ consumerKey: 'ck-client-only', secret: 's', lti13: { clientId: 'client-only' }, createdAt: T0 });
      const issued = await platform.createRegistrationToken({ replaces: { consumerKey: 'ck-client-only' } });
      assert.deepEqual(issued.replaces?.deploymentIds, []);
      const body = (await (await register(clientRegistration(TOOL), issued.token)).json()) as Json;
      assert.equal(body.client_id, 'client-only');
      const tool = (await stores.tools.getTool('client-only'))!;
      assert.equal(tool.deploymentIds.length, 1);
      assert.equal(body[TOOL_CONFIGURATION].deployment_id, tool.deploymentIds[0]);
    });

    it('refuses with an RFC 7591 error and registers nothing when the reserved client id was taken after the token was made; the token is spent', async () => {
      const first = await platform.createRegistrationToken({ replaces: { consumerKey: 'ck-quiz' } });
      const second = await platform.createRegistrationToken({ replaces: { consumerKey: 'ck-quiz' } });
      assert.equal((await register(clientRegistration(TOOL), first.token)).status, 200);
      const before = await stores.tools.listTools();
      const body = await refusal(await register(clientRegistration('https://other-tool.example.com'), second.token), 409, 'ERR_LTI_DR_REPLACED_CLIENT_ID_TAKEN');
      assert.equal(body.error, 'access_denied');
      assert.deepEqual(await stores.tools.listTools(), before, 'the first registration is untouched');
      assert.equal((await stores.tools.getTool('reserved-client'))?.initiateLoginUri, `${TOOL}/lti/login`);
      await refusal(await register(clientRegistration(TOOL), second.token), 401, 'ERR_LTI_DR_TOKEN_INVALID');
      assert.equal(events.at(-1)?.outcome, 'rejected');

      // An upgrade made by hand meanwhile is never overwritten either.
      await platform.rejectRegistration('reserved-client');
      const third = await platform.createRegistrationToken({ replaces: { consumerKey: 'ck-quiz' } });
      await platform.registerTool({ clientId: 'reserved-client', deploymentIds: ['reserved-deployment'], name: 'By hand', initiateLoginUri: `${TOOL}/lti/login`, redirectUris: [`${TOOL}/lti/launch`], lti11ConsumerKey: 'ck-quiz' });
      await refusal(await register(clientRegistration(TOOL), third.token), 409, 'ERR_LTI_DR_REPLACED_CLIENT_ID_TAKEN');
      assert.equal((await stores.tools.getTool('reserved-client'))?.name, 'By hand');
    });

    it('lets exactly one of two registrations racing for the reserved client id in', async () => {
      const tokens = await Promise.all([1, 2].map(() => platform.createRegistrationToken({ replaces: { consumerKey: 'ck-quiz' } })));
      const answers = await Promise.all(tokens.map(({ token }, index) => register(clientRegistration(`https://tool-${index}.example.com`), token)));
      assert.deepEqual(answers.map((answer) => answer.status).sort(), [200, 409]);
      const winner = answers.findIndex((answer) => answer.status === 200);
      assert.deepEqual((await stores.tools.listTools()).map((tool) => tool.initiateLoginUri), [`https://tool-${winner}.example.com/lti/login`]);
    });

    it('refuses, registering nothing, when the 1.1 tool was removed after the token was made; a rejected replacement frees the client id', async () => {
      const { token } = await platform.createRegistrationToken({ replaces: { consumerKey: 'ck-quiz' } });
      const credential = (await stores.lti11.getCredential('ck-quiz'))!;
      await stores.lti11.deleteCredential('ck-quiz');
      const body = await refusal(await register(clientRegistration(TOOL), token), 409, 'ERR_LTI_DR_REPLACED_TOOL_NOT_RESERVED');
      assert.equal(body.error, 'access_denied');
      assert.deepEqual(await stores.tools.listTools(), []);

      await stores.lti11.saveCredential(credential);
      const again = await platform.createRegistrationToken({ replaces: { consumerKey: 'ck-quiz' } });
      assert.equal((await register(clientRegistration(TOOL), again.token)).status, 200);
      await platform.rejectRegistration('reserved-client');
      const after = await platform.createRegistrationToken({ replaces: { consumerKey: 'ck-quiz' } });
      assert.equal((await register(clientRegistration(TOOL), after.token)).status, 200);
    });
  });
});
