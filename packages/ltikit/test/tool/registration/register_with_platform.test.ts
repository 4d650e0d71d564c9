// The tool's side of Dynamic Registration through `tool.fetch`, with the platform reached through
// the tool's `fetch` option (no sockets): the initiation (DR-002), the tool's own sign-in (DR-004),
// the configuration fetch (DR-010..DR-012), the request built (DR-020, DR-021), the platform's
// answer (DR-032), what is stored (DR-035..DR-037) and the close page (DR-040). Each failure is a
// page whose code is asserted.
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { fixedClock } from '../../../src/lib/clock.js';
import { createPlatform, type LtiPlatform } from '../../../src/platform/create_platform.js';
import { createMemoryStores } from '../../../src/stores/memory.js';
import type { PlatformRegistration } from '../../../src/stores/types.js';
import { createTool } from '../../../src/tool/create_tool.js';
import type { DynamicRegistrationOptions, ToolOptions } from '../../../src/tool/config.js';
import { acceptsFirstDeployment, recordFirstDeployment } from '../../../src/tool/registration/record_first_deployment.js';
import { SCOPE } from '../../../src/vocab/scopes.js';
import { rejectsLtiError, throwsLtiError } from '../../support/assert_lti_error.js';
import { TOOL_CONFIGURATION, platformConfiguration } from '../../support/registration.js';

const T0 = 1_767_225_600;
const ISSUER = 'https://lms.example.edu';
const TOOL_BASE = 'https://tool.example.com/lti';
const CONFIGURATION_URL = `${ISSUER}/.well-known/openid-configuration`;

// biome-ignore lint/suspicious/noExplicitAny: the registration sent is read member by member, and each assertion checks one.
type Json = Record<string, any>;

interface Call {
  url: string;
  method: string;
  headers: Headers;
  body: string | undefined;
}

type Route = (request: Request) => Response | Promise<Response>;

/** The tool's outbound fetch: every call recorded, answered by `route`. */
function network(route: { current: Route }): { fetch: typeof fetch; calls: Call[] } {
  const calls: Call[] = [];
  const fetchImplementation = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const body = init?.body === undefined ? undefined : String(init.body);
    calls.push({ url: request.url, method: request.method, headers: request.headers, body });
    return route.current(request);
  }) as typeof fetch;
  return { fetch: fetchImplementation, calls };
}

/** The error code a registration page names. */
async function pageCode(response: Response): Promise<string | undefined> {
  const html = await response.text();
  assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
  assert.doesNotMatch(html, /\n\s+at\s|\.ts:\d+/, 'no stack trace');
  return /Error code: <code>([A-Z0-9_]+)<\/code>/.exec(html)?.[1];
}

describe('Dynamic Registration on the tool', () => {
  let platform: LtiPlatform;
  let platformStores: ReturnType<typeof createMemoryStores>;
  let toolStores: ReturnType<typeof createMemoryStores>;
  let route: { current: Route };
  let net: ReturnType<typeof network>;

  beforeEach(() => {
    const clock = fixedClock(T0);
    platformStores = createMemoryStores(clock);
    toolStores = createMemoryStores(clock);
    platform = createPlatform({
      issuer: ISSUER,
      stores: platformStores,
      clock,
      currentUser: 'message-hint-only',
      scopesSupported: [SCOPE.lineItem, SCOPE.score],
      authorizationServer: `${ISSUER}/oauth2/aud`,
    });
    route = { current: (request) => platform.fetch(request) };
    net = network(route);
  });

  function makeTool(registration: Partial<DynamicRegistrationOptions> = {}, options: Partial<ToolOptions> = {}) {
    return createTool({
      baseUrl: TOOL_BASE,
      stores: toolStores,
      onLaunch: () => new Response('launched'),
      messageTypes: ['LtiResourceLinkRequest', 'LtiDeepLinkingRequest'],
      fetch: net.fetch,
      registration: {
        clientName: 'Quiz tool',
        scopes: [SCOPE.lineItem, SCOPE.score, SCOPE.contextMembershipReadonly],
        claims: ['iss', 'sub', 'name', 'email', 'favourite_colour'],
        ...registration,
      },
      ...options,
    });
  }

  async function initiationUrl(): Promise<string> {
    const { token } = await platform.createRegistrationToken({ requestedBy: 'admin-1' });
    return platform.registrationInitiationUrl(`${TOOL_BASE}/register`, token);
  }

  async function storedRegistrations(): Promise<PlatformRegistration[]> {
    return toolStores.platforms.findPlatforms(ISSUER);
  }

  it('registers with the platform, stores it, and answers the page that posts the close message (DR-035, DR-040)', async () => {
    const tool = makeTool();
    const url = await initiationUrl();
    const response = await tool.fetch(new Request(url));
    assert.equal(response.status, 200);
    const html = await response.text();
    assert.match(html, /\(window\.opener \|\| window\.parent\)\.postMessage\(\{ subject: "org\.imsglobal\.lti\.close" \}, '\*'\)/);
    const nonce = /<script nonce="([^"]+)">/.exec(html)?.[1];
    assert.ok(nonce !== undefined);
    assert.match(response.headers.get('content-security-policy') ?? '', new RegExp(`script-src 'nonce-${nonce}'`));
    assert.doesNotMatch(response.headers.get('content-security-policy') ?? '', /frame-ancestors/);

    const [stored] = await storedRegistrations();
    assert.ok(stored !== undefined);
    const [pending] = await platformStores.tools.listTools();
    assert.equal(stored.clientId, pending!.clientId);
    assert.deepEqual(stored.deploymentIds, pending!.deploymentIds);
    assert.equal(stored.authorizationEndpoint, `${ISSUER}/lti/authorize`);
    assert.equal(stored.tokenEndpoint, `${ISSUER}/lti/token`);
    assert.equal(stored.tokenAudience, `${ISSUER}/oauth2/aud`);
    assert.equal(stored.jwksUri, `${ISSUER}/.well-known/jwks.json`);
    assert.deepEqual(stored.scopes, [SCOPE.lineItem, SCOPE.score]);
    assert.equal(stored.acceptFirstDeployment, undefined);
    assert.equal(pending!.status, 'pending');
    assert.equal(pending!.registration?.requestedBy, 'admin-1');
  });

  it('fetches the configuration as JSON with the token, and posts a request built from its own URLs asking only for what is advertised (DR-010, DR-020, DR-021)', async () => {
    const tool = makeTool();
    const url = await initiationUrl();
    const token = new URL(url).searchParams.get('registration_token')!;
    await tool.fetch(new Request(url));
    const [configurationCall, registrationCall] = net.calls;
    assert.equal(configurationCall!.url, CONFIGURATION_URL);
    assert.equal(configurationCall!.headers.get('accept'), 'application/json');
    assert.equal(configurationCall!.headers.get('authorization'), `Bearer ${token}`);
    assert.equal(registrationCall!.url, `${ISSUER}/lti/register`);
    assert.equal(registrationCall!.method, 'POST');
    assert.equal(registrationCall!.headers.get('content-type'), 'application/json');
    assert.equal(registrationCall!.headers.get('authorization'), `Bearer ${token}`);
    const sent = JSON.parse(registrationCall!.body!) as Json;
    assert.equal(sent.initiate_login_uri, `${TOOL_BASE}/login`);
    assert.deepEqual(sent.redirect_uris, [`${TOOL_BASE}/launch`]);
    assert.equal(sent.jwks_uri, `${TOOL_BASE}/jwks`);
    assert.equal(sent.token_endpoint_auth_method, 'private_key_jwt');
    // NRPS is not served by this platform, `favourite_colour` is not a claim it supports.
    assert.equal(sent.scope, `${SCOPE.lineItem} ${SCOPE.score}`);
    assert.deepEqual(sent[TOOL_CONFIGURATION].claims, ['iss', 'sub', 'name', 'email']);
    assert.deepEqual(
      sent[TOOL_CONFIGURATION].messages.map((message: { type: string }) => message.type),
      ['LtiResourceLinkRequest', 'LtiDeepLinkingRequest'],
    );
    assert.equal(sent[TOOL_CONFIGURATION].domain, 'tool.example.com');
  });

  it('offers only the message types the platform advertises (DR-021)', async () => {
    route.current = (request) => (request.url === CONFIGURATION_URL ? Response.json(platformConfiguration(ISSUER, { registration_endpoint: `${ISSUER}/lti/register` }, { messages_supported: ['LtiResourceLinkRequest'] })) : platform.fetch(request));
    await makeTool().fetch(new Request(await initiationUrl()));
    const sent = JSON.parse(net.calls[1]!.body!) as Json;
    assert.deepEqual(sent[TOOL_CONFIGURATION].messages.map((message: { type: string }) => message.type), ['LtiResourceLinkRequest']);
  });

  it('answers 400 without openid_configuration (DR-002)', async () => {
    const response = await makeTool().fetch(new Request(`${TOOL_BASE}/register?registration_token=x`));
    assert.equal(response.status, 400);
    assert.equal(await pageCode(response), 'ERR_LTI_DR_OPENID_CONFIGURATION_MISSING');
    assert.equal(net.calls.length, 0);
  });

  it("runs the tool's own sign-in first (DR-004)", async () => {
    const refused = await makeTool({ authorize: () => false }).fetch(new Request(await initiationUrl()));
    assert.equal(refused.status, 403);
    assert.equal(await pageCode(refused), 'ERR_LTI_DR_NOT_AUTHORIZED');
    const redirected = await makeTool({ authorize: () => new Response(null, { status: 302, headers: { location: '/sign-in' } }) }).fetch(new Request(await initiationUrl()));
    assert.equal(redirected.status, 302);
    assert.equal(net.calls.length, 0);
    assert.equal((await makeTool({ authorize: async () => true }).fetch(new Request(await initiationUrl()))).status, 200);
  });

  it('refuses a configuration whose issuer is not on its host (DR-011)', async () => {
    route.current = (request) => (request.url === CONFIGURATION_URL ? Response.json(platformConfiguration('https://other.example.org')) : platform.fetch(request));
    const response = await makeTool().fetch(new Request(await initiationUrl()));
    assert.equal(await pageCode(response), 'ERR_LTI_DR_ISSUER_MISMATCH');
    assert.equal(net.calls.length, 1, 'nothing is posted');
    assert.deepEqual(await storedRegistrations(), []);
  });

  it('refuses a configuration without a required member, naming it (DR-012)', async () => {
    route.current = (request) => (request.url === CONFIGURATION_URL ? Response.json(platformConfiguration(ISSUER, { registration_endpoint: undefined })) : platform.fetch(request));
    const response = await makeTool().fetch(new Request(await initiationUrl()));
    const html = await response.clone().text();
    assert.equal(await pageCode(response), 'ERR_LTI_DR_PLATFORM_CONFIGURATION_INVALID');
    assert.match(html, /registration_endpoint is required/);
    assert.match(html, /id="ltikit-close"/);
  });

  it('refuses an http configuration URL outside loopback development (CORE-004)', async () => {
    const response = await makeTool().fetch(new Request(`${TOOL_BASE}/register?openid_configuration=${encodeURIComponent('http://lms.example.edu/config')}`));
    assert.equal(await pageCode(response), 'ERR_LTI_FETCH_INSECURE_URL');
    assert.equal(net.calls.length, 0);
  });

  it('stops at the size cap and at the deadline of the configuration fetch', async () => {
    route.current = () => Response.json({ padding: 'x'.repeat(2000) });
    const large = await makeTool({ maxResponseBytes: 1000 }).fetch(new Request(await initiationUrl()));
    assert.equal(await pageCode(large), 'ERR_LTI_FETCH_TOO_LARGE');
    route.current = () => new Promise<Response>(() => undefined);
    const slow = await makeTool({ timeoutMs: 50 }).fetch(new Request(await initiationUrl()));
    assert.equal(await pageCode(slow), 'ERR_LTI_FETCH_TIMEOUT');
    assert.deepEqual(await storedRegistrations(), []);
  });

  it("shows the platform's refusal, e.g. a spent token (DR-030)", async () => {
    const tool = makeTool();
    const url = await initiationUrl();
    assert.equal((await tool.fetch(new Request(url))).status, 200);
    const again = await tool.fetch(new Request(url));
    const html = await again.clone().text();
    assert.equal(await pageCode(again), 'ERR_LTI_DR_REGISTRATION_REFUSED');
    assert.match(html, /<code>401<\/code> <code>invalid_token<\/code>/);
    assert.equal((await storedRegistrations()).length, 1);
  });

  it("refuses an answer without a client_id, and a second registration of the same (issuer, client id) (DR-032, DR-036)", async () => {
    route.current = (request) => (request.url.endsWith('/lti/register') ? Response.json({ error: 'nothing here' }) : platform.fetch(request));
    assert.equal(await pageCode(await makeTool().fetch(new Request(await initiationUrl()))), 'ERR_LTI_DR_REGISTRATION_RESPONSE_INVALID');
    route.current = (request) => (request.url.endsWith('/lti/register') ? Response.json({ client_id: 'c-same', [TOOL_CONFIGURATION]: { deployment_id: 'd-1' } }) : platform.fetch(request));
    const tool = makeTool();
    assert.equal((await tool.fetch(new Request(await initiationUrl()))).status, 200);
    const duplicate = await tool.fetch(new Request(await initiationUrl()));
    assert.equal(duplicate.status, 409);
    assert.equal(await pageCode(duplicate), 'ERR_LTI_DR_PLATFORM_ALREADY_REGISTERED');
    assert.deepEqual((await storedRegistrations()).map((registration) => registration.deploymentIds), [['d-1']]);
  });

  it('without a deployment_id in the answer, accepts the first launch\u2019s deployment (DR-037)', async () => {
    route.current = (request) => (request.url.endsWith('/lti/register') ? Response.json({ client_id: 'c-later' }) : platform.fetch(request));
    await makeTool().fetch(new Request(await initiationUrl()));
    const [stored] = await storedRegistrations();
    assert.deepEqual(stored!.deploymentIds, []);
    assert.equal(stored!.acceptFirstDeployment, true);
    assert.ok(acceptsFirstDeployment(stored!));
  });

  it('accepts two racing first launches of the same deployment, even while the save is slow (DR-037)', async () => {
    const clock = fixedClock(T0);
    const registration: PlatformRegistration = { issuer: ISSUER, clientId: 'c-1', deploymentIds: [], acceptFirstDeployment: true, authorizationEndpoint: `${ISSUER}/auth`, jwksUri: `${ISSUER}/jwks` };
    await toolStores.platforms.savePlatform(registration);
    const saves: PlatformRegistration[] = [];
    const slowPlatforms = {
      ...toolStores.platforms,
      findPlatforms: (issuer: string) => toolStores.platforms.findPlatforms(issuer),
      deletePlatform: (issuer: string, clientId: string) => toolStores.platforms.deletePlatform(issuer, clientId),
      savePlatform: async (value: PlatformRegistration) => {
        saves.push(value);
        await new Promise((resolve) => setTimeout(resolve, 30));
        await toolStores.platforms.savePlatform(value);
      },
    };
    const context = { platforms: slowPlatforms, singleUse: toolStores.singleUse, clock };
    const results = await Promise.allSettled([recordFirstDeployment(registration, 'dep-a', context), recordFirstDeployment(registration, 'dep-a', context)]);
    assert.deepEqual(results.map((result) => result.status), ['fulfilled', 'fulfilled']);
    assert.deepEqual((results[1] as PromiseFulfilledResult<PlatformRegistration>).value.deploymentIds, ['dep-a']);
    const [stored] = await storedRegistrations();
    assert.deepEqual(stored!.deploymentIds, ['dep-a']);
    assert.equal(stored!.acceptFirstDeployment, undefined);
    assert.ok(saves.every((saved) => saved.deploymentIds.length === 1 && saved.deploymentIds[0] === 'dep-a'), 'each save writes the one deployment');
  });

  it('a failed save does not lock the registration: the next launch of that deployment records it, another is refused (DR-037)', async () => {
    const clock = fixedClock(T0);
    const registration: PlatformRegistration = { issuer: ISSUER, clientId: 'c-1', deploymentIds: [], acceptFirstDeployment: true, authorizationEndpoint: `${ISSUER}/auth`, jwksUri: `${ISSUER}/jwks` };
    await toolStores.platforms.savePlatform(registration);
    let failNext = true;
    const flakyPlatforms = {
      findPlatforms: (issuer: string) => toolStores.platforms.findPlatforms(issuer),
      deletePlatform: (issuer: string, clientId: string) => toolStores.platforms.deletePlatform(issuer, clientId),
      savePlatform: async (value: PlatformRegistration) => {
        if (failNext) {
          failNext = false;
          throw new Error('database unavailable');
        }
        await toolStores.platforms.savePlatform(value);
      },
    };
    const context = { platforms: flakyPlatforms, singleUse: toolStores.singleUse, clock };
    await assert.rejects(recordFirstDeployment(registration, 'dep-a', context), /database unavailable/);
    assert.deepEqual((await storedRegistrations())[0]!.deploymentIds, []);
    await rejectsLtiError(recordFirstDeployment(registration, 'dep-b', context), 'ERR_LTI_DEPLOYMENT_UNKNOWN');
    assert.deepEqual((await recordFirstDeployment(registration, 'dep-a', context)).deploymentIds, ['dep-a']);
    const [stored] = await storedRegistrations();
    assert.deepEqual(stored!.deploymentIds, ['dep-a']);
    assert.ok(!acceptsFirstDeployment(stored!));
  });

  it('records the first deployment once: a racing launch with another deployment is refused (DR-037)', async () => {
    const clock = fixedClock(T0);
    const registration: PlatformRegistration = { issuer: ISSUER, clientId: 'c-1', deploymentIds: [], acceptFirstDeployment: true, authorizationEndpoint: `${ISSUER}/auth`, jwksUri: `${ISSUER}/jwks` };
    await toolStores.platforms.savePlatform(registration);
    const context = { platforms: toolStores.platforms, singleUse: toolStores.singleUse, clock };
    const [first, second] = await Promise.allSettled([recordFirstDeployment(registration, 'dep-a', context), recordFirstDeployment(registration, 'dep-b', context)]);
    assert.equal(first.status, 'fulfilled');
    assert.equal(second.status, 'rejected');
    const [stored] = await storedRegistrations();
    assert.deepEqual(stored!.deploymentIds, ['dep-a']);
    assert.equal(stored!.acceptFirstDeployment, undefined);
    assert.ok(!acceptsFirstDeployment(stored!));
    assert.deepEqual((await recordFirstDeployment(registration, 'dep-a', context)).deploymentIds, ['dep-a']);
    await rejectsLtiError(recordFirstDeployment(registration, 'dep-c', context), 'ERR_LTI_DEPLOYMENT_UNKNOWN');
  });

  it('refuses a configuration whose Content-Type is not JSON, before parsing it, and one that does not parse (DR-012)', async () => {
    const body = JSON.stringify(platformConfiguration(ISSUER, { registration_endpoint: `${ISSUER}/lti/register` }));
    route.current = (request) => (request.url === CONFIGURATION_URL ? new Response(body, { headers: { 'content-type': 'text/html; charset=utf-8' } }) : platform.fetch(request));
    const html = await makeTool().fetch(new Request(await initiationUrl()));
    assert.equal(html.status, 400);
    assert.equal(await pageCode(html), 'ERR_LTI_DR_PLATFORM_CONFIGURATION_INVALID');
    route.current = (request) => (request.url === CONFIGURATION_URL ? new Response(body) : platform.fetch(request));
    assert.equal(await pageCode(await makeTool().fetch(new Request(await initiationUrl()))), 'ERR_LTI_DR_PLATFORM_CONFIGURATION_INVALID');
    route.current = (request) => (request.url === CONFIGURATION_URL ? new Response('{"issuer": ', { headers: { 'content-type': 'application/json' } }) : platform.fetch(request));
    assert.equal(await pageCode(await makeTool().fetch(new Request(await initiationUrl()))), 'ERR_LTI_DR_PLATFORM_CONFIGURATION_INVALID');
    assert.equal(net.calls.length, 3, 'nothing is posted');
    assert.deepEqual(await storedRegistrations(), []);
    // A structured +json type is JSON.
    route.current = (request) => (request.url === CONFIGURATION_URL ? new Response(body, { headers: { 'content-type': 'application/openid-configuration+json' } }) : platform.fetch(request));
    assert.equal((await makeTool().fetch(new Request(await initiationUrl()))).status, 200);
  });

  it('refuses a registration answer whose Content-Type is not JSON (DR-032)', async () => {
    route.current = (request) =>
      request.url.endsWith('/lti/register') ? new Response(JSON.stringify({ client_id: 'c-text' }), { headers: { 'content-type': 'text/plain' } }) : platform.fetch(request);
    const response = await makeTool().fetch(new Request(await initiationUrl()));
    assert.equal(response.status, 400);
    assert.equal(await pageCode(response), 'ERR_LTI_DR_REGISTRATION_RESPONSE_INVALID');
    assert.deepEqual(await storedRegistrations(), []);
    // A refusal whose body is not declared JSON is still a refusal, its body not read.
    route.current = (request) =>
      request.url.endsWith('/lti/register') ? new Response(JSON.stringify({ error: 'invalid_client_metadata' }), { status: 400, headers: { 'content-type': 'text/html' } }) : platform.fetch(request);
    const refused = await makeTool().fetch(new Request(await initiationUrl()));
    const html = await refused.clone().text();
    assert.equal(await pageCode(refused), 'ERR_LTI_DR_REGISTRATION_REFUSED');
    assert.doesNotMatch(html, /invalid_client_metadata/);
  });

  it('answers a JSON null, array or scalar from the registration endpoint with its refusal code, never a 500 (DR-032)', async () => {
    for (const [status, body, code] of [
      [400, 'null', 'ERR_LTI_DR_REGISTRATION_REFUSED'],
      [400, '[]', 'ERR_LTI_DR_REGISTRATION_REFUSED'],
      [401, '"denied"', 'ERR_LTI_DR_REGISTRATION_REFUSED'],
      [500, '42', 'ERR_LTI_DR_REGISTRATION_REFUSED'],
      [200, 'null', 'ERR_LTI_DR_REGISTRATION_RESPONSE_INVALID'],
      [201, '["c-1"]', 'ERR_LTI_DR_REGISTRATION_RESPONSE_INVALID'],
      [200, '"c-1"', 'ERR_LTI_DR_REGISTRATION_RESPONSE_INVALID'],
    ] as const) {
      route.current = (request) => (request.url.endsWith('/lti/register') ? new Response(body, { status, headers: { 'content-type': 'application/json' } }) : platform.fetch(request));
      const response = await makeTool().fetch(new Request(await initiationUrl()));
      assert.equal(response.status, 400, `${status} ${body}`);
      assert.equal(await pageCode(response), code, `${status} ${body}`);
    }
    assert.deepEqual(await storedRegistrations(), []);
  });

  describe('with confirm: true (DR-004)', () => {
    /** The confirmation token of a confirmation page. */
    const confirmationOf = (html: string): string => /name="confirmation" value="([^"]+)"/.exec(html)?.[1] ?? assert.fail('no confirmation token');
    const confirm = (tool: ReturnType<typeof makeTool>, url: string, token: string | undefined, headers: Record<string, string> = {}) =>
      tool.fetch(
        new Request(url, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
          body: token === undefined ? '' : new URLSearchParams({ confirmation: token }).toString(),
        }),
      );

    it('answers the GET with a page showing the platform and the hosts of its endpoints, and registers nothing', async () => {
      route.current = (request) =>
        request.url === CONFIGURATION_URL
          ? Response.json(platformConfiguration(ISSUER, { registration_endpoint: `${ISSUER}/lti/register`, token_endpoint: 'https://auth.example.net/oauth2/token' }))
          : platform.fetch(request);
      const response = await makeTool({ confirm: true }).fetch(new Request(await initiationUrl()));
      assert.equal(response.status, 200);
      const html = await response.text();
      assert.match(html, /<code id="platform-issuer">https:\/\/lms\.example\.edu<\/code>/);
      assert.match(html, /<tr class="other-host"><th scope="row">Token endpoint<\/th><td><code>auth\.example\.net<\/code>/);
      assert.match(html, /<tr><th scope="row">Key set \(JWKS\)<\/th><td><code>lms\.example\.edu<\/code>/);
      assert.match(html, /<form method="post"><input type="hidden" name="confirmation" value="[A-Za-z0-9_-]{40,}">/);
      assert.match(response.headers.get('content-security-policy') ?? '', /form-action 'self'/);
      assert.match(html, /id="ltikit-close"/, 'a Close button goes back to the platform');
      assert.doesNotMatch(html, /\}\);\s*\(window\.opener/, 'the frame is not closed on load');
      assert.deepEqual(net.calls.map((call) => call.method), ['GET'], 'the configuration is fetched, nothing is posted');
      assert.deepEqual(await storedRegistrations(), []);
    });

    it('registers on the POST of the form, with the configuration shown and the registration token, once', async () => {
      const tool = makeTool({ confirm: true });
      const url = await initiationUrl();
      const token = new URL(url).searchParams.get('registration_token')!;
      const confirmation = confirmationOf(await (await tool.fetch(new Request(url))).text());
      const response = await confirm(tool, url, confirmation);
      assert.equal(response.status, 200);
      assert.match(await response.text(), /org\.imsglobal\.lti\.close/);
      assert.equal((await storedRegistrations()).length, 1);
      assert.deepEqual(net.calls.map((call) => `${call.method} ${call.url}`), [`GET ${CONFIGURATION_URL}`, `POST ${ISSUER}/lti/register`], 'the configuration is not fetched again');
      assert.equal(net.calls[1]!.headers.get('authorization'), `Bearer ${token}`);
      const again = await confirm(tool, url, confirmation);
      assert.equal(again.status, 403);
      assert.equal(await pageCode(again), 'ERR_LTI_DR_CONFIRMATION_INVALID');
      assert.equal(net.calls.length, 2);
    });

    it('refuses a POST without a confirmation token, or with one it did not issue, and an expired one', async () => {
      const clock = fixedClock(T0);
      const stores = createMemoryStores(clock);
      const tool = makeTool({ confirm: true }, { stores, clock });
      const url = await initiationUrl();
      for (const token of [undefined, 'forged-token-forged-token-forged-token-forged']) {
        const response = await confirm(tool, url, token);
        assert.equal(response.status, 403);
        assert.equal(await pageCode(response), 'ERR_LTI_DR_CONFIRMATION_INVALID');
      }
      const confirmation = confirmationOf(await (await tool.fetch(new Request(url))).text());
      clock.advance(601);
      assert.equal(await pageCode(await confirm(tool, url, confirmation)), 'ERR_LTI_DR_CONFIRMATION_INVALID');
      assert.deepEqual(await stores.platforms.findPlatforms(ISSUER), []);
      assert.deepEqual(net.calls.map((call) => call.method), ['GET']);
      // A PUT is still not served.
      assert.equal(await pageCode(await tool.fetch(new Request(url, { method: 'PUT' }))), 'ERR_LTI_METHOD_NOT_ALLOWED');
    });

    it('runs authorize on the POST too, before the token is spent', async () => {
      let allowPost = false;
      const tool = makeTool({ confirm: true, authorize: async (request) => request.method === 'GET' || (allowPost && (await request.text()).startsWith('confirmation=')) });
      const url = await initiationUrl();
      const confirmation = confirmationOf(await (await tool.fetch(new Request(url))).text());
      const refused = await confirm(tool, url, confirmation);
      assert.equal(refused.status, 403);
      assert.equal(await pageCode(refused), 'ERR_LTI_DR_NOT_AUTHORIZED');
      allowPost = true;
      assert.equal((await confirm(tool, url, confirmation)).status, 200);
      assert.equal((await storedRegistrations()).length, 1);
    });
  });

  it('needs stores.keys, serves GET only, and is not served without the option', async () => {
    throwsLtiError(
      () => createTool({ baseUrl: TOOL_BASE, stores: { singleUse: toolStores.singleUse, platforms: toolStores.platforms }, onLaunch: () => new Response(), registration: { clientName: 'x' } }),
      'ERR_LTI_TOOL_KEYS_MISSING',
    );
    const post = await makeTool().fetch(new Request(await initiationUrl(), { method: 'POST' }));
    assert.equal(await pageCode(post), 'ERR_LTI_METHOD_NOT_ALLOWED');
    const plain = createTool({ baseUrl: TOOL_BASE, stores: toolStores, onLaunch: () => new Response() });
    assert.equal((await plain.fetch(new Request(`${TOOL_BASE}/register`))).status, 404);
    assert.equal(plain.config.registrationUrl, `${TOOL_BASE}/register`);
  });

  it('uses the completion page hook and still posts the close message', async () => {
    const tool = makeTool({ completionPage: (result) => ({ title: 'Done', html: `<p id="done">${result.registration.clientId.length > 0 ? 'ok' : ''}</p>` }) });
    const html = await (await tool.fetch(new Request(await initiationUrl()))).text();
    assert.match(html, /<p id="done">ok<\/p>/);
    assert.match(html, /org\.imsglobal\.lti\.close/);
  });
});
