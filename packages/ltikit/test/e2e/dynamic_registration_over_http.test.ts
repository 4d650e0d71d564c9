// Dynamic Registration end to end over real HTTP on 127.0.0.1: our tool registers itself into our
// platform (registration URL → OpenID configuration → client registration → stored on both sides),
// the registration waits for review (no launch, no service token), the administrator approves it
// with fewer claims than requested, and a launch then succeeds. Then the refusals: a token used
// twice, an expired token, a bad body (nothing stored), a duplicate (issuer, client id), an issuer
// that is not the configuration's host, an oversized configuration and a slow one; and a platform
// that names no deployment, whose first launch's deployment is recorded (DR-037).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LtiErrorCode } from '../../src/errors.js';
import { fixedClock } from '../../src/lib/clock.js';
import type { LtiMessageEvent } from '../../src/lib/observe.js';
import { createPlatform, type LtiPlatform } from '../../src/platform/index.js';
import { createMemoryStores } from '../../src/stores/memory.js';
import { createTool, type LtiTool } from '../../src/tool/index.js';
import type { DynamicRegistrationOptions } from '../../src/tool/config.js';
import { CONTEXT_ROLE } from '../../src/vocab/roles.js';
import { SCOPE } from '../../src/vocab/scopes.js';
import { rejectsLtiError } from '../support/assert_lti_error.js';
import { TestBrowser, lmsSessionUser, parseForm } from '../support/browser.js';
import { TOOL_CONFIGURATION, clientRegistration } from '../support/registration.js';
import { type ServerPair, servePair } from '../support/serve.js';

// biome-ignore lint/suspicious/noExplicitAny: JSON answers are read member by member, and each assertion checks one.
type Json = Record<string, any>;

/** The code a registration or error page names. */
function codeOf(html: string): string | undefined {
  return /[Cc]ode[^<]*<code>([A-Z0-9_]+)<\/code>/.exec(html)?.[1];
}

describe('Dynamic Registration over HTTP', () => {
  const clock = fixedClock(Math.floor(Date.now() / 1000));
  let servers: ServerPair;
  let platform: LtiPlatform;
  let tool: LtiTool;
  let platformStores: ReturnType<typeof createMemoryStores>;
  let toolStores: ReturnType<typeof createMemoryStores>;
  const platformEvents: LtiMessageEvent[] = [];
  /** Rewrites the platform's answers for one case; `undefined` passes them through. */
  let rewrite: ((request: Request, response: Response) => Promise<Response>) | undefined;
  /** Extra routes of the platform's server, for configurations that misbehave. */
  const extraRoutes = new Map<string, () => Response | Promise<Response>>();

  const registrationOptions: DynamicRegistrationOptions = {
    clientName: 'Quiz tool',
    localizedClientNames: { fr: 'Outil de quiz' },
    scopes: [SCOPE.lineItem, SCOPE.score],
    claims: ['iss', 'sub', 'name', 'email'],
    customParameters: { course: '$Context.id' },
    timeoutMs: 400,
  };

  function makeTool(options: Partial<DynamicRegistrationOptions> = {}): LtiTool {
    return createTool({
      baseUrl: `${servers.toolServer.origin}/lti`,
      stores: toolStores,
      allowInsecureLoopback: true,
      clock,
      messageTypes: ['LtiResourceLinkRequest', 'LtiDeepLinkingRequest'],
      registration: { ...registrationOptions, ...options },
      onLaunch: (launch) => Response.json({ userId: launch.userId, person: launch.person, deploymentId: launch.deploymentId, clientId: launch.clientId, custom: launch.custom }),
    });
  }

  before(async () => {
    servers = await servePair();
    platformStores = createMemoryStores(clock);
    toolStores = createMemoryStores(clock);
    platform = createPlatform({
      issuer: servers.platformServer.origin,
      stores: platformStores,
      allowInsecureLoopback: true,
      clock,
      product: { name: 'Test LMS', productFamilyCode: 'ltikit-test', version: '1' },
      currentUser: lmsSessionUser,
      observer: (event) => {
        platformEvents.push(event);
      },
    });
    tool = makeTool();
    servers.route({
      platform: async (request) => {
        const extra = extraRoutes.get(new URL(request.url).pathname);
        if (extra !== undefined) return extra();
        const response = await platform.fetch(request);
        return rewrite === undefined ? response : rewrite(request, response);
      },
      tool: (request) => tool.fetch(request),
    });
  });

  after(() => servers?.close());

  async function initiationUrl(): Promise<string> {
    const { token } = await platform.createRegistrationToken({ requestedBy: 'admin-1' });
    return platform.registrationInitiationUrl(tool.config.registrationUrl, token);
  }

  /** Opens the registration URL as the platform's frame would, and returns the page. */
  async function openRegistration(url: string): Promise<{ status: number; html: string }> {
    const response = await fetch(url, { headers: { accept: 'text/html' } });
    return { status: response.status, html: await response.text() };
  }

  async function launch(clientId: string, deploymentId: string): Promise<Response> {
    const { loginUrl } = await platform.createLaunch({
      clientId,
      deploymentId,
      user: { id: 'u-ada', name: 'Ada Lovelace', email: 'ada@example.edu' },
      roles: [CONTEXT_ROLE.Instructor],
      context: { id: 'ctx-1', title: 'Analytical engines' },
      resourceLink: { id: 'rl-1', title: 'Quiz 1' },
    });
    const browser = new TestBrowser().signIn(servers.platformServer.origin, 'u-ada');
    const { response: page } = await browser.get(loginUrl);
    if (page.status !== 200) return page;
    const html = await page.text();
    if (!/name="id_token"/.test(html)) return new Response(html, { status: 400 });
    return browser.submit(parseForm(html));
  }

  const toolRegistrations = () => toolStores.platforms.findPlatforms(servers.platformServer.origin);
  const lastTokenError = (): LtiErrorCode | undefined => platformEvents.filter((event) => event.kind === 'token_request').at(-1)?.errorCode;

  let clientId: string;
  let deploymentId: string;

  it('registers the tool into the platform over HTTP and answers the page that closes the frame', async () => {
    const page = await openRegistration(await initiationUrl());
    assert.equal(page.status, 200, page.html);
    assert.match(page.html, /org\.imsglobal\.lti\.close/);
    const [stored] = await toolRegistrations();
    assert.ok(stored !== undefined);
    clientId = stored.clientId;
    deploymentId = stored.deploymentIds[0]!;
    const registered = await platformStores.tools.getTool(clientId);
    assert.equal(registered?.status, 'pending');
    assert.deepEqual(registered?.deploymentIds, [deploymentId]);
    assert.deepEqual(registered?.redirectUris, [tool.config.launchUrl]);
    assert.equal(registered?.deepLinkingUri, tool.config.launchUrl);
    assert.equal(registered?.jwksUri, tool.config.jwksUrl);
    assert.deepEqual(registered?.registration?.requestedClaims, ['name', 'email']);
    assert.equal(registered?.registration?.request['client_name#fr'], 'Outil de quiz');
    assert.equal(stored.tokenEndpoint, platform.config.tokenEndpoint);
    assert.deepEqual(stored.scopes, [SCOPE.lineItem, SCOPE.score]);
    assert.equal(servers.platformServer.hits.get('/.well-known/openid-configuration'), 1);
    assert.equal(servers.platformServer.hits.get('/lti/register'), 1);
  });

  it('refuses launches and service tokens while the registration waits for review (DR-033)', async () => {
    // The platform does not even issue the launch: the browser never reaches the tool's login URL.
    await rejectsLtiError(launch(clientId, deploymentId), 'ERR_LTI_AUTH_CLIENT_PENDING');
    await rejectsLtiError(tool.getAccessToken({ issuer: platform.config.issuer, clientId, deploymentId }, [SCOPE.score]), 'ERR_LTI_SERVICE_TOKEN_REFUSED');
    assert.equal(lastTokenError(), 'ERR_LTI_CLIENT_ASSERTION_CLIENT_PENDING');
  });

  it('launches once the administrator approved it, with the fewer claims granted (DR-034)', async () => {
    await platform.approveRegistration(clientId, { claims: ['name'], scopes: [SCOPE.score] });
    const response = await launch(clientId, deploymentId);
    assert.equal(response.status, 200);
    const body = (await response.json()) as Json;
    assert.equal(body.clientId, clientId);
    assert.equal(body.deploymentId, deploymentId);
    assert.equal(body.person.name, 'Ada Lovelace');
    assert.equal(body.person.email, undefined);
    assert.deepEqual(body.custom, { course: 'ctx-1' });
    const token = await tool.getAccessToken({ issuer: platform.config.issuer, clientId, deploymentId }, [SCOPE.score]);
    assert.deepEqual(token.scopes, [SCOPE.score]);
  });

  it('refuses a registration token used twice: the tool shows the platform\u2019s 401 and nothing more is stored (DR-003, DR-030)', async () => {
    const url = await initiationUrl();
    assert.equal((await openRegistration(url)).status, 200);
    const toolsBefore = (await platformStores.tools.listTools()).length;
    const again = await openRegistration(url);
    assert.equal(again.status, 400);
    assert.equal(codeOf(again.html), 'ERR_LTI_DR_REGISTRATION_REFUSED');
    assert.match(again.html, /invalid_token/);
    assert.equal((await platformStores.tools.listTools()).length, toolsBefore);
  });

  it('refuses an expired registration token (DR-003)', async () => {
    const url = await initiationUrl();
    const before = { tools: (await platformStores.tools.listTools()).length, platforms: (await toolRegistrations()).length };
    clock.advance(601);
    const page = await openRegistration(url);
    assert.equal(codeOf(page.html), 'ERR_LTI_DR_REGISTRATION_REFUSED');
    assert.equal((await platformStores.tools.listTools()).length, before.tools);
    assert.equal((await toolRegistrations()).length, before.platforms);
  });

  it('stores nothing for a bad body, names the field, and the token cannot be used again (DR-031)', async () => {
    const before = (await platformStores.tools.listTools()).length;
    const { token } = await platform.createRegistrationToken();
    const post = (body: unknown) =>
      fetch(platform.config.registrationEndpoint, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
    const toolOrigin = servers.toolServer.origin;
    const bad = await post(clientRegistration(toolOrigin, { redirect_uris: [`${toolOrigin}/lti/launch`, 'http://127.0.0.2:9/elsewhere'] }));
    assert.equal(bad.status, 400);
    const body = (await bad.json()) as Json;
    assert.equal(body.error, 'invalid_redirect_uri');
    assert.equal(body.detail.field, 'redirect_uris[1]');
    assert.match(body.error_description, /^redirect_uris\[1\] /);
    const retried = await post(clientRegistration(toolOrigin));
    assert.equal(retried.status, 401);
    assert.equal((await platformStores.tools.listTools()).length, before);

    // The same through a tool with a blank name: the platform refuses it, the tool shows why.
    const blankTool = makeTool({ clientName: ' ' });
    const page = await (await blankTool.fetch(new Request(await initiationUrl()))).text();
    assert.equal(codeOf(page), 'ERR_LTI_DR_REGISTRATION_REFUSED');
    assert.match(page, /invalid_client_metadata<\/code>: client_name must be a non-empty string/);
    assert.equal((await platformStores.tools.listTools()).length, before);
  });

  it('refuses a second registration of the same (issuer, client id) (DR-036)', async () => {
    rewrite = async (request, response) => {
      if (new URL(request.url).pathname !== '/lti/register' || response.status !== 200) return response;
      const body = (await response.json()) as Json;
      return Response.json({ ...body, client_id: clientId });
    };
    try {
      const page = await openRegistration(await initiationUrl());
      assert.equal(page.status, 409);
      assert.equal(codeOf(page.html), 'ERR_LTI_DR_PLATFORM_ALREADY_REGISTERED');
      const kept = (await toolRegistrations()).filter((registration) => registration.clientId === clientId);
      assert.deepEqual(kept.map((registration) => registration.deploymentIds), [[deploymentId]]);
    } finally {
      rewrite = undefined;
    }
  });

  it('refuses a configuration whose issuer is not on the host it was fetched from (DR-011)', async () => {
    const { token } = await platform.createRegistrationToken();
    // The same server under another host name: the issuer says 127.0.0.1, the URL says localhost.
    const configuration = `http://localhost:${new URL(servers.platformServer.origin).port}/.well-known/openid-configuration`;
    const url = `${tool.config.registrationUrl}?openid_configuration=${encodeURIComponent(configuration)}&registration_token=${token}`;
    const page = await openRegistration(url);
    assert.equal(codeOf(page.html), 'ERR_LTI_DR_ISSUER_MISMATCH');
  });

  it('stops reading an oversized configuration (size cap) and gives up on a slow one (timeout)', async () => {
    extraRoutes.set('/big-configuration', () => Response.json({ padding: 'x'.repeat(200 * 1024) }));
    extraRoutes.set('/slow-configuration', () => new Promise<Response>((resolve) => setTimeout(() => resolve(Response.json({})), 1500)));
    const origin = servers.platformServer.origin;
    const before = (await toolRegistrations()).length;
    const big = await openRegistration(`${tool.config.registrationUrl}?openid_configuration=${encodeURIComponent(`${origin}/big-configuration`)}`);
    assert.equal(big.status, 400);
    assert.equal(codeOf(big.html), 'ERR_LTI_FETCH_TOO_LARGE');
    const started = performance.now();
    const slow = await openRegistration(`${tool.config.registrationUrl}?openid_configuration=${encodeURIComponent(`${origin}/slow-configuration`)}`);
    assert.equal(slow.status, 400);
    assert.equal(codeOf(slow.html), 'ERR_LTI_FETCH_TIMEOUT');
    assert.ok(performance.now() - started < 1400, 'the deadline, not the server, ended the wait');
    assert.equal((await toolRegistrations()).length, before);
  });

  it('accepts the first launch\u2019s deployment when the platform named none, and only that one (DR-037)', async () => {
    rewrite = async (request, response) => {
      if (new URL(request.url).pathname !== '/lti/register' || response.status !== 200) return response;
      const body = (await response.json()) as Json;
      const { deployment_id: _dropped, ...configuration } = body[TOOL_CONFIGURATION];
      return Response.json({ ...body, [TOOL_CONFIGURATION]: configuration });
    };
    let laterClientId: string;
    try {
      const known = new Set((await toolRegistrations()).map((registration) => registration.clientId));
      assert.equal((await openRegistration(await initiationUrl())).status, 200);
      const stored = (await toolRegistrations()).find((registration) => !known.has(registration.clientId))!;
      assert.equal(stored.acceptFirstDeployment, true);
      assert.deepEqual(stored.deploymentIds, []);
      laterClientId = stored.clientId;
    } finally {
      rewrite = undefined;
    }
    await platform.approveRegistration(laterClientId);
    const [platformDeployment] = (await platformStores.tools.getTool(laterClientId))!.deploymentIds;
    const first = await launch(laterClientId, platformDeployment!);
    assert.equal(first.status, 200);
    assert.equal(((await first.json()) as Json).deploymentId, platformDeployment);
    const recorded = (await toolRegistrations()).find((registration) => registration.clientId === laterClientId)!;
    assert.deepEqual(recorded.deploymentIds, [platformDeployment]);
    assert.equal(recorded.acceptFirstDeployment, undefined);
    // A second deployment is an ordinary unknown deployment now.
    const second = await platform.addDeployment(laterClientId);
    const refused = await launch(laterClientId, second);
    assert.equal(refused.status, 400);
    assert.equal(codeOf(await refused.text()), 'ERR_LTI_DEPLOYMENT_UNKNOWN');
    assert.equal((await launch(laterClientId, platformDeployment!)).status, 200);
  });
});
