// Dynamic Registration between our platform (`ltikit/platform`) and ltijs 5.9 as the registering
// tool (its `dynReg` setup option and `/register` route), over real HTTP on 127.0.0.1, on a fresh
// PostgreSQL database through ltijs-sequelize.
//
// The administrator asks our platform for a registration token and opens the initiation URL on
// ltijs's registration route, as a browser would (GET). ltijs fetches our OpenID configuration,
// POSTs its client registration to `/lti/register` with the token and answers the close page.
// Our side then holds a pending tool; ltijs holds our platform, inactive. The administrator approves
// on our side, ltijs's platform is activated the ltijs way, and a launch and ltijs's service calls
// (token endpoint with its client assertion, NRPS) prove the registered login, redirect and JWKS URLs.
//
// Where ltijs departs from Dynamic Registration 1.0 (shared/spec/dynamic-registration.md), the test
// says so next to the evidence, marked "ltijs deviates"; README.md sums them up.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { validateClientRegistrationRequest } from 'ltikit/messages';
import { createPlatform, type LaunchUser, type LtiPlatform, type MembershipPage, type MembershipQuery } from 'ltikit/platform';
import { createMemoryStores } from 'ltikit/stores';
import { CONTEXT_ROLE, SCOPE } from 'ltikit/vocab';
import { postgresSkipReason, postgresTestUrl } from '../../../packages/store-sql/test/support/postgres.js';
import { TestBrowser, lmsSessionUser } from '../../../packages/ltikit/test/support/browser.js';
import { serve, type TestServer } from '../../../packages/ltikit/test/support/serve.js';
import { createFreshDatabase, type FreshDatabase } from './support/fresh_database.js';
import { addJsonRoute, type LtijsAccessToken, type LtijsIdToken, type LtijsPlatform, type LtijsPlatformJson, type RunningLtijs, startLtijs } from './support/ltijs.js';

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies on the wire are read member by member, and each assertion checks one.
type Json = Record<string, any>;

const TOOL_CONFIGURATION = 'https://purl.imsglobal.org/spec/lti-tool-configuration';
/** ltijs's close page (DR-040): the whole body it answers after a registration. */
const CLOSE_PAGE = '<script>(window.opener || window.parent).postMessage({subject:"org.imsglobal.lti.close"}, "*");</script>';
const TOOL_NAME = 'ltijs interop tool';
const ADMIN_ID = 'admin-grace';
/**
 * The services our platform offers: all but `lineitem`, so that the registration shows the
 * intersection with what ltijs asks for.
 */
const OUR_SCOPES = [SCOPE.lineItemReadonly, SCOPE.resultReadonly, SCOPE.score, SCOPE.contextMembershipReadonly];
/** What ltijs 5.9 always asks for (`DynamicRegistration.register`: a fixed `scope` string). */
const LTIJS_SCOPES = [SCOPE.lineItemReadonly, SCOPE.lineItem, SCOPE.score, SCOPE.resultReadonly, SCOPE.contextMembershipReadonly];
const COURSE = { id: 'course-bio201', label: 'BIO201', title: 'Genetics' };
const LINK = { id: 'link-lab1', title: 'Lab 1' };
const INSTRUCTOR: LaunchUser = { id: 'user-barbara', name: 'Barbara McClintock', givenName: 'Barbara', familyName: 'McClintock', email: 'barbara@example.edu' };
const ROSTER = [
  { user_id: INSTRUCTOR.id, roles: [CONTEXT_ROLE.Instructor], name: INSTRUCTOR.name, given_name: INSTRUCTOR.givenName, family_name: INSTRUCTOR.familyName, email: INSTRUCTOR.email },
  { user_id: 'user-rosalind', roles: [CONTEXT_ROLE.Learner], name: 'Rosalind Franklin', given_name: 'Rosalind', email: 'rosalind@example.edu' },
];

/** One request that reached our platform's server, with our answer. */
interface Exchange {
  method: string;
  path: string;
  headers: Headers;
  body: string;
  status: number;
  responseHeaders: Headers;
  responseBody: string;
}

const databaseUrl = postgresTestUrl();

describe('ltijs 5.9 registers itself with our platform (Dynamic Registration)', { skip: databaseUrl === undefined ? `${postgresSkipReason}: ltijs needs PostgreSQL` : false }, () => {
  let database: FreshDatabase;
  let platformServer: TestServer;
  let platform: LtiPlatform;
  let stores: ReturnType<typeof createMemoryStores>;
  let tool: RunningLtijs;
  const exchanges: Exchange[] = [];
  /** Routes served next to the platform's, for the case of a configuration that names another issuer. */
  const extraRoutes = new Map<string, () => Response>();
  const platformHandler = { current: async (_request: Request): Promise<Response> => new Response(null, { status: 503 }) };
  /** Set once ltijs has registered: the services below are for its client id only (TOK-016). */
  let registeredClientId: string | undefined;

  before(async () => {
    database = await createFreshDatabase(databaseUrl!);
    platformServer = await serve(platformHandler);
    stores = createMemoryStores();
    platform = createPlatform({
      issuer: platformServer.origin,
      stores,
      product: { name: 'ltikit interop LMS', productFamilyCode: 'ltikit-interop', version: '1' },
      allowInsecureLoopback: true,
      scopesSupported: OUR_SCOPES,
      currentUser: lmsSessionUser,
      nrps: { memberships: readRoster },
      serviceContextAccess: (contextId, grant) => grant.clientId === registeredClientId && contextId === COURSE.id,
    });
    // Every request ltijs makes to us is kept with our answer: the wire is the evidence.
    platformHandler.current = async (request) => {
      const url = new URL(request.url);
      const extra = extraRoutes.get(url.pathname);
      const body = await request.clone().text();
      const response = extra === undefined ? await platform.fetch(request) : extra();
      exchanges.push({
        method: request.method,
        path: url.pathname,
        headers: request.headers,
        body,
        status: response.status,
        responseHeaders: response.headers,
        responseBody: await response.clone().text(),
      });
      return response;
    };

    tool = await startLtijs(
      database,
      (lti) => {
        lti.onConnect((token, _request, response) => response.json({ token, ltik: response.locals.ltik }));
        lti.onInvalidToken((_request, response) => response.status(401).json(response.locals.err));
        addJsonRoute(lti, '/interop/members', (token) => lti.NamesAndRoles.getMembers(token, { pages: false }));
      },
      // ltijs's documented form of `url` (no trailing slash): its app route '/' becomes exactly this URL.
      { dynamicRegistration: (origin) => ({ url: origin, name: TOOL_NAME, description: 'Registers itself through ltijs' }) },
    );
  });

  after(async () => {
    await tool?.close();
    await platformServer?.close();
    await database?.drop();
  });

  async function readRoster(_query: MembershipQuery): Promise<MembershipPage> {
    return { context: COURSE, members: ROSTER };
  }

  function exchangesTo(path: string): Exchange[] {
    return exchanges.filter((exchange) => exchange.path === path);
  }

  /** The administrator's browser opens the initiation URL (DR-001); ltijs answers it. */
  async function openInitiationUrl(url: string): Promise<{ status: number; contentType: string | null; body: string }> {
    const { response } = await new TestBrowser().get(url);
    return { status: response.status, contentType: response.headers.get('content-type'), body: await response.text() };
  }

  it('ltijs answers 400 when the registration URL has no openid_configuration (DR-002)', async () => {
    const answered = await openInitiationUrl(tool.registrationUrl);
    assert.equal(answered.status, 400);
    assert.match(answered.body, /openid_configuration/);
    assert.deepEqual(exchanges, []);
  });

  let sessionId: string;
  let initiationUrl: string;
  let registrationToken: string;
  /** Our answer to ltijs's client registration. */
  let registrationResponse: Json;

  it('ltijs fetches our configuration, registers with the token and answers the close page', async () => {
    const issued = await platform.createRegistrationToken({ requestedBy: ADMIN_ID });
    sessionId = issued.sessionId;
    registrationToken = issued.token;
    initiationUrl = platform.registrationInitiationUrl(tool.registrationUrl, issued.token);
    const answered = await openInitiationUrl(initiationUrl);
    assert.equal(answered.status, 200, answered.body);
    assert.match(answered.contentType ?? '', /^text\/html/);
    // DR-040: the close message to the opener or parent (no <html> around it; browsers run it anyway).
    assert.equal(answered.body, CLOSE_PAGE);

    assert.deepEqual(
      exchanges.map((exchange) => `${exchange.method} ${exchange.path} ${exchange.status}`),
      ['GET /.well-known/openid-configuration 200', 'POST /lti/register 200'],
    );
    const [configurationFetch, registration] = exchanges as [Exchange, Exchange];
    assert.match(configurationFetch.headers.get('accept') ?? '', /application\/json/);
    // ltijs deviates (DR-010): it fetches the configuration without `Authorization: Bearer <registration_token>`
    // (a platform that protects its configuration with the token, as Canvas does, cannot register ltijs).
    assert.equal(configurationFetch.headers.get('authorization'), null);
    // DR-020: JSON with the token as bearer.
    assert.equal(registration.headers.get('authorization'), `Bearer ${registrationToken}`);
    assert.match(registration.headers.get('content-type') ?? '', /^application\/json/);

    const request = JSON.parse(registration.body) as Json;
    // The request passes our own validator (DR-031) …
    const checked = validateClientRegistrationRequest(request, { profile: 'registration', allowInsecureLoopback: true });
    assert.equal(checked.name, TOOL_NAME);
    assert.equal(checked.domain, new URL(tool.origin).host);
    assert.deepEqual(checked.redirectUris, [tool.origin]);
    assert.equal(checked.targetLinkUri, tool.origin);
    assert.equal(checked.initiateLoginUri, tool.loginUrl);
    assert.equal(checked.jwksUri, tool.jwksUrl);
    assert.equal(checked.description, 'Registers itself through ltijs');
    assert.deepEqual(
      checked.messages.map((message) => message.type),
      ['LtiResourceLinkRequest', 'LtiDeepLinkingRequest'],
    );
    // … but ltijs deviates (DR-021): its `scope` is fixed, whatever our `scopes_supported` says
    // (`lineitem` is not offered here) …
    assert.deepEqual(request.scope.split(' '), LTIJS_SCOPES);
    // … and its `claims` are our whole `claims_supported`, protocol claims included (aud, exp, nonce …):
    // it asks for every piece of personal data a platform can release (only an `onDynamicRegistration`
    // callback passing overrides to `lti.DynamicRegistration.register` can ask for less).
    const configuration = JSON.parse(configurationFetch.responseBody) as Json;
    assert.deepEqual(request[TOOL_CONFIGURATION].claims, configuration.claims_supported);

    // DR-032: our answer carries the client id and, inside the tool configuration, the deployment.
    registrationResponse = JSON.parse(registration.responseBody) as Json;
    assert.equal(typeof registrationResponse.client_id, 'string');
    assert.equal(typeof registrationResponse[TOOL_CONFIGURATION].deployment_id, 'string');
    registeredClientId = registrationResponse.client_id;
  });

  it('our platform holds a pending tool with the URLs, scopes and claims ltijs asked for', async () => {
    const [registered, ...others] = await stores.tools.listTools();
    assert.deepEqual(others, []);
    assert.ok(registered !== undefined);
    assert.equal(registered.clientId, registrationResponse.client_id);
    assert.deepEqual(registered.deploymentIds, [registrationResponse[TOOL_CONFIGURATION].deployment_id]);
    // DR-033: waiting for review, bound to the administrator's registration session (DR-003).
    assert.equal(registered.status, 'pending');
    assert.equal(registered.registration?.sessionId, sessionId);
    assert.equal(registered.registration?.requestedBy, ADMIN_ID);
    assert.equal(registered.name, TOOL_NAME);
    assert.equal(registered.initiateLoginUri, tool.loginUrl);
    assert.deepEqual(registered.redirectUris, [tool.origin]);
    assert.equal(registered.targetLinkUri, tool.origin);
    assert.equal(registered.jwksUri, tool.jwksUrl);
    // ltijs offers Deep Linking without a target of its own: it launches at the target link URI.
    assert.equal(registered.deepLinkingUri, undefined);
    // The scopes asked for, among those we serve (DR-021, DR-034): `lineitem` is not.
    assert.deepEqual([...registered.registration!.requestedScopes].sort(), [...OUR_SCOPES].sort());
    assert.deepEqual([...(registered.scopes ?? [])].sort(), [...OUR_SCOPES].sort());
    // The personal-data claims among those asked for; the protocol claims ltijs listed are not claims to grant.
    assert.deepEqual(registered.registration?.requestedClaims, ['name', 'given_name', 'family_name', 'middle_name', 'email', 'picture', 'locale']);
    assert.deepEqual(registered.registration?.request, JSON.parse(exchangesTo('/lti/register')[0]!.body));
    // The response said what the registration holds.
    assert.deepEqual(registrationResponse.scope.split(' ').sort(), [...OUR_SCOPES].sort());
    assert.deepEqual(registrationResponse[TOOL_CONFIGURATION].claims, ['iss', 'sub', ...registered.registration!.requestedClaims]);
  });

  let ltijsPlatform: LtijsPlatform;
  let stored: LtijsPlatformJson;

  it('ltijs stored our platform under our issuer and its new client id, inactive until activated', async () => {
    const found = await tool.lti.getPlatform(platform.config.issuer, registrationResponse.client_id);
    assert.ok(found !== false, 'ltijs has no platform for our issuer and the client id we issued');
    ltijsPlatform = found;
    stored = await ltijsPlatform.platformJSON();
    assert.equal(stored.url, platform.config.issuer);
    assert.equal(stored.clientId, registrationResponse.client_id);
    assert.equal(stored.authenticationEndpoint, platform.config.authorizationEndpoint);
    assert.equal(stored.accesstokenEndpoint, platform.config.tokenEndpoint);
    // No `authorization_server` in our configuration: the token endpoint is the audience (TOK-011).
    assert.equal(stored.authorizationServer, platform.config.tokenEndpoint);
    assert.deepEqual(stored.authConfig, { method: 'JWK_SET', key: platform.config.jwksUri });
    assert.match(stored.name, /^ltikit-interop_DynReg_[0-9a-f]{32}$/);
    // ltijs deviates (DR-035): of our answer it keeps the client id only — neither the deployment id
    // nor the granted scopes (it accepts any deployment_id in launches, so DR-037 holds trivially).
    assert.equal(JSON.stringify(stored).includes(registrationResponse[TOOL_CONFIGURATION].deployment_id), false);
    // Without `dynReg.autoActivate`, a platform registered dynamically is inactive.
    assert.equal(stored.active, false);
  });

  it('while it waits for review, our token endpoint refuses ltijs (DR-033)', async () => {
    await assert.rejects(ltijsPlatform.platformAccessToken(SCOPE.contextMembershipReadonly), (error: Error & { response?: { statusCode: number; body: string } }) => {
      assert.equal(error.response?.statusCode, 400);
      assert.equal((JSON.parse(error.response.body) as Json).code, 'ERR_LTI_CLIENT_ASSERTION_CLIENT_PENDING');
      return true;
    });
  });

  let launched: { browser: TestBrowser; token: LtijsIdToken; ltik: string };

  it('after our approval and ltijs activating the platform, a launch reaches ltijs', async () => {
    // DR-034: the administrator grants fewer claims than requested, every requested scope.
    const approved = await platform.approveRegistration(registrationResponse.client_id, { claims: ['name', 'given_name', 'email'] });
    assert.equal(approved.status, 'active');
    // The ltijs way of activating a platform registered dynamically.
    assert.equal(await ltijsPlatform.platformActive(true), true);
    assert.equal((await ltijsPlatform.platformJSON()).active, true);

    const deploymentId = registrationResponse[TOOL_CONFIGURATION].deployment_id as string;
    const initiation = await platform.createLaunch({
      clientId: registrationResponse.client_id,
      deploymentId,
      user: INSTRUCTOR,
      roles: [CONTEXT_ROLE.Instructor],
      context: COURSE,
      resourceLink: LINK,
    });
    const browser = new TestBrowser().signIn(platformServer.origin, INSTRUCTOR.id);
    // login (ltijs) → our authorization endpoint → form_post to the registered redirect URI → ltijs's app route.
    const { response } = await browser.launch(initiation.loginUrl);
    assert.equal(response.status, 302, await response.clone().text());
    const location = new URL(response.headers.get('location')!, tool.origin);
    assert.equal(location.origin, tool.origin);
    const { response: page } = await browser.get(location.href);
    assert.equal(page.status, 200, await page.clone().text());
    const body = (await page.json()) as { token: LtijsIdToken; ltik: string };
    launched = { browser, ...body };

    const { token } = launched;
    assert.equal(token.iss, platform.config.issuer);
    assert.equal(token.clientId, registrationResponse.client_id);
    assert.equal(token.deploymentId, deploymentId);
    assert.equal(token.user, INSTRUCTOR.id);
    // MSG-004: the claims granted on approval, not the ones only requested.
    assert.deepEqual(token.userInfo, { name: INSTRUCTOR.name, given_name: INSTRUCTOR.givenName, email: INSTRUCTOR.email });
    assert.equal(token.platformContext.targetLinkUri, tool.origin);
    assert.equal(token.platformContext.context?.id, COURSE.id);
    assert.equal(token.platformContext.namesRoles?.context_memberships_url, `${platform.config.serviceRoot}/lti/contexts/${COURSE.id}/memberships`);
  });

  it('ltijs gets a service token with the granted scopes, signed with the key behind its registered JWKS URL', async () => {
    // The key ltijs made for our platform is published at the JWKS URL it registered, and only there
    // can our token endpoint have found it.
    const keys = (await (await fetch(tool.jwksUrl)).json()) as { keys: Array<{ kid: string }> };
    assert.ok(keys.keys.some((key) => key.kid === stored.id));
    const scope = [SCOPE.score, SCOPE.contextMembershipReadonly].join(' ');
    const accessToken: LtijsAccessToken = await ltijsPlatform.platformAccessToken(scope);
    assert.equal(accessToken.token_type, 'Bearer');
    assert.deepEqual(accessToken.scope.split(' ').sort(), [SCOPE.score, SCOPE.contextMembershipReadonly].sort());
    const grant = await platform.authorizeServiceRequest(
      new Request(`${platformServer.origin}/any-service`, { headers: { authorization: `Bearer ${accessToken.access_token}` } }),
      [SCOPE.contextMembershipReadonly],
    );
    assert.equal(grant.clientId, registrationResponse.client_id);
    assert.deepEqual([...grant.scopes].sort(), [SCOPE.score, SCOPE.contextMembershipReadonly].sort());
  });

  it('ltijs reads the course roster through our NRPS endpoint', async () => {
    const url = new URL('/interop/members', tool.origin);
    url.searchParams.set('ltik', launched.ltik);
    const response = await launched.browser.request(url.href, { headers: { accept: 'application/json' } });
    const body = (await response.json()) as { result?: { context: { id: string }; members: Json[] }; error?: unknown };
    assert.equal(response.status, 200, JSON.stringify(body.error));
    assert.equal(body.result?.context.id, COURSE.id);
    assert.deepEqual(
      body.result?.members.map((member) => member.user_id),
      ROSTER.map((member) => member.user_id),
    );
    // MSG-004: the roster releases only the granted claims (no family_name was granted).
    assert.equal(body.result?.members[0]?.given_name, INSTRUCTOR.givenName);
    assert.equal(body.result?.members[0]?.family_name, undefined);
  });

  it('the same registration token again: our endpoint answers 401 and nothing is registered on either side (DR-030)', async () => {
    const before = exchanges.length;
    const answered = await openInitiationUrl(initiationUrl);
    const [configurationFetch, registration, ...others] = exchanges.slice(before);
    assert.deepEqual(others, []);
    assert.equal(configurationFetch?.path, '/.well-known/openid-configuration');
    assert.equal(registration?.path, '/lti/register');
    assert.equal(registration.headers.get('authorization'), `Bearer ${registrationToken}`);
    assert.equal(registration.status, 401);
    assert.equal(registration.responseHeaders.get('www-authenticate'), 'Bearer error="invalid_token"');
    const refusal = JSON.parse(registration.responseBody) as Json;
    assert.equal(refusal.error, 'invalid_token');
    assert.equal(refusal.code, 'ERR_LTI_DR_TOKEN_INVALID');
    // ltijs deviates (DR-036) in when it looks for a duplicate (issuer, client id): only after the
    // platform answered, so a refused duplicate would leave a registration behind on the platform.
    // Not reachable here: we issue a new client id per registration, and this one was refused first.
    // ltijs passes the refusal on as its own 500, without our error object (the administrator sees
    // "Response code 401 (Unauthorized)"), and no close message.
    assert.equal(answered.status, 500);
    assert.match(answered.body, /401/);
    assert.doesNotMatch(answered.body, /postMessage/);

    assert.equal((await stores.tools.listTools()).length, 1);
    const platforms = await tool.lti.getPlatform(platform.config.issuer);
    assert.ok(platforms !== false);
    assert.equal(platforms.length, 1);
  });

  it('ltijs deviates (DR-011): it registers a configuration whose issuer is not the host it came from', async () => {
    // A configuration at our host that names another issuer. A conformant tool refuses it (the issuer
    // would let whoever serves this configuration launch into ltijs as that issuer's users).
    const foreignIssuer = 'https://lms.example.edu';
    extraRoutes.set('/elsewhere/openid-configuration', () => {
      const configuration = buildForeignConfiguration(foreignIssuer);
      return Response.json(configuration);
    });
    const issued = await platform.createRegistrationToken({ requestedBy: ADMIN_ID });
    const url = new URL(tool.registrationUrl);
    url.searchParams.set('openid_configuration', `${platformServer.origin}/elsewhere/openid-configuration`);
    url.searchParams.set('registration_token', issued.token);
    const answered = await openInitiationUrl(url.href);
    assert.equal(answered.status, 200, answered.body);
    assert.equal(answered.body, CLOSE_PAGE);

    const registered = (await stores.tools.listTools()).find((candidate) => candidate.registration?.sessionId === issued.sessionId);
    assert.ok(registered !== undefined);
    const foreign = await tool.lti.getPlatform(foreignIssuer, registered.clientId);
    assert.ok(foreign !== false, 'ltijs refused the configuration (DR-011): update README.md and this case');
    assert.equal((await foreign.platformJSON()).url, foreignIssuer);
    await platform.rejectRegistration(registered.clientId);
  });

  function buildForeignConfiguration(issuer: string): Json {
    const exchange = exchangesTo('/.well-known/openid-configuration')[0]!;
    return { ...(JSON.parse(exchange.responseBody) as Json), issuer };
  }
});
