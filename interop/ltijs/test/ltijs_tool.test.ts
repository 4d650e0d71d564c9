// Interoperability with ltijs, an independent LTI 1.3 tool library (5.9, on PostgreSQL through
// ltijs-sequelize), over real HTTP on 127.0.0.1: our platform (`ltikit/platform`) launches it, and
// ltijs uses our services the way it would use any LMS's — the token endpoint with its own client
// assertion, Names and Role Provisioning, Assignment and Grade Services, and Deep Linking.
//
// Each side only knows the other's public URLs: ltijs registers our issuer, authorization
// endpoint, token endpoint and JWKS; we register ltijs's login, launch and keyset routes. The
// browser is `TestBrowser` (cookies per origin, redirects, auto-submitted forms).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createPlatform, type DeepLinkingResult, type LtiPlatform, type MembershipPage, type MembershipQuery } from 'ltikit/platform';
import { createMemoryStores } from 'ltikit/stores';
import { CONTEXT_ROLE, SCOPE } from 'ltikit/vocab';
import { postgresSkipReason, postgresTestUrl } from '../../../packages/store-sql/test/support/postgres.js';
import { decodeHtml, type FormPost, lmsSessionUser, TestBrowser } from '../../../packages/ltikit/test/support/browser.js';
import { serve, type TestServer } from '../../../packages/ltikit/test/support/serve.js';
import { createFreshDatabase, type FreshDatabase } from './support/fresh_database.js';
import { addJsonRoute, type LtijsAccessToken, type LtijsIdToken, type LtijsLineItem, type RunningLtijs, startLtijs } from './support/ltijs.js';

const CLIENT_ID = 'ltijs-interop';
const DEPLOYMENT_ID = 'deployment-ltijs-1';
const COURSE = { id: 'course-math101', label: 'MATH101', title: 'Calculus I' };
const LINK = { id: 'link-week3', title: 'Week 3 quiz' };
/** The gradebook column the platform made for the link, before any launch (AGS-002: the launch names it). */
const LINK_LINE_ITEM_ID = 'li-week3';
const INSTRUCTOR = { id: 'user-ada', name: 'Ada Lovelace', email: 'ada@example.edu', picture: 'https://lms.example.edu/ada.png' };
const SERVICE_SCOPES = [SCOPE.lineItem, SCOPE.lineItemReadonly, SCOPE.resultReadonly, SCOPE.score, SCOPE.contextMembershipReadonly];
/** What ltijs's content picker returns (deep-linking.md §3.1, an LTI resource link). */
const DEEP_LINK_ITEM = {
  type: 'ltiResourceLink',
  title: 'Week 4 quiz',
  text: 'Ten questions on limits',
  custom: { quiz: 'week4' },
  lineItem: { label: 'Week 4 quiz', scoreMaximum: 20, resourceId: 'quiz-week4' },
};
/** The course roster our NRPS provider pages through, two members a page. */
const ROSTER = [
  { user_id: INSTRUCTOR.id, roles: [CONTEXT_ROLE.Instructor], name: INSTRUCTOR.name, email: INSTRUCTOR.email, picture: INSTRUCTOR.picture },
  { user_id: 'user-grace', roles: [CONTEXT_ROLE.Learner], name: 'Grace Hopper', email: 'grace@example.edu' },
  { user_id: 'user-alan', roles: [CONTEXT_ROLE.Learner], name: 'Alan Turing', email: 'alan@example.edu' },
];

const databaseUrl = postgresTestUrl();

describe('ltijs 5.9 as a tool of our platform', { skip: databaseUrl === undefined ? `${postgresSkipReason}: ltijs needs PostgreSQL` : false }, () => {
  let database: FreshDatabase;
  let platformServer: TestServer;
  let platform: LtiPlatform;
  let stores: ReturnType<typeof createMemoryStores>;
  let tool: RunningLtijs;
  const membershipQueries: MembershipQuery[] = [];
  const deepLinkingResults: DeepLinkingResult[] = [];
  const platformHandler = { current: async (_request: Request): Promise<Response> => new Response(null, { status: 503 }) };

  before(async () => {
    database = await createFreshDatabase(databaseUrl!);
    platformServer = await serve(platformHandler);
    stores = createMemoryStores();
    platform = createPlatform({
      issuer: platformServer.origin,
      stores,
      product: { name: 'ltikit interop LMS', productFamilyCode: 'ltikit-interop', version: '1' },
      allowInsecureLoopback: true,
      // OIDC-023: the platform's own session cookie says who is signed in.
      currentUser: lmsSessionUser,
      nrps: { memberships: readRosterPage, defaultLimit: 2 },
      ags: { store: stores.ags },
      // TOK-016: the tool is deployed in the one course.
      serviceContextAccess: (contextId, grant) => grant.clientId === CLIENT_ID && contextId === COURSE.id,
      // DL-057: a real platform places the items in the course; here they are kept for the test.
      onDeepLinkingResponse: (result) => {
        deepLinkingResults.push(result);
        return Response.json({ placed: result.contentItems.length });
      },
    });
    platformHandler.current = platform.fetch;
    await stores.ags.createLineItem({
      id: LINK_LINE_ITEM_ID,
      contextId: COURSE.id,
      clientId: CLIENT_ID,
      label: LINK.title,
      scoreMaximum: 10,
      resourceLinkId: LINK.id,
      createdAt: Math.floor(Date.now() / 1000),
    });

    tool = await startLtijs(database, (lti) => {
      // What ltijs hands a launch, answered as JSON (with the ltik that authenticates later calls).
      lti.onConnect((token, _request, response) => response.json({ token, ltik: response.locals.ltik }));
      // The content picker: ltijs signs its Deep Linking response and answers an auto-posting form.
      lti.onDeepLinking(async (token, _request, response) => {
        const form = await lti.DeepLinking.createDeepLinkingForm(token, [DEEP_LINK_ITEM], { message: 'Week 4 quiz added', log: 'picked week 4' });
        response.send(form);
      });
      lti.onInvalidToken((_request, response) => response.status(401).json(response.locals.err));
      // From inside the tool: a service token for the scopes asked, with ltijs's client assertion.
      addJsonRoute(lti, '/interop/token', async (token, request) => {
        const registered = await lti.getPlatform(token.iss, token.clientId);
        if (registered === false) throw new Error('PLATFORM_NOT_FOUND');
        return registered.platformAccessToken(request.query.scope ?? '');
      });
      addJsonRoute(lti, '/interop/members', (token) => lti.NamesAndRoles.getMembers(token, { pages: false }));
      addJsonRoute(lti, '/interop/lineitems', (token) => lti.Grade.getLineItems(token));
      addJsonRoute(lti, '/interop/lineitems/create', (token) =>
        lti.Grade.createLineItem(token, { label: 'Extra credit', scoreMaximum: 5, tag: 'bonus', resourceId: 'extra-credit' }, { resourceLinkId: true }),
      );
      // No scoreMaximum: ltijs reads it from the line item first (GET {lineitem}).
      addJsonRoute(lti, '/interop/score', (token) =>
        lti.Grade.submitScore(token, token.platformContext.endpoint?.lineitem ?? '', {
          scoreGiven: 7,
          activityProgress: 'Completed',
          gradingProgress: 'FullyGraded',
          comment: 'Well done',
        }),
      );
    });

    await platform.registerTool({
      clientId: CLIENT_ID,
      name: 'ltijs',
      initiateLoginUri: tool.loginUrl,
      redirectUris: [tool.launchUrl],
      targetLinkUri: tool.launchUrl,
      jwksUri: tool.jwksUrl,
      claims: ['name', 'email'],
      scopes: SERVICE_SCOPES,
      deploymentIds: [DEPLOYMENT_ID],
    });
    await tool.lti.registerPlatform({
      url: platform.config.issuer,
      name: 'ltikit interop LMS',
      clientId: CLIENT_ID,
      authenticationEndpoint: platform.config.authorizationEndpoint,
      accesstokenEndpoint: platform.config.tokenEndpoint,
      authConfig: { method: 'JWK_SET', key: platform.config.jwksUri },
    });
  });

  after(async () => {
    await tool?.close();
    await platformServer?.close();
    await database?.drop();
  });

  async function readRosterPage(query: MembershipQuery): Promise<MembershipPage> {
    membershipQueries.push(query);
    const start = query.cursor === undefined ? 0 : Number(query.cursor);
    const end = start + query.limit;
    return {
      context: COURSE,
      members: ROSTER.slice(start, end),
      ...(end < ROSTER.length ? { nextCursor: String(end) } : {}),
    };
  }

  /** A browser signed in to the platform as `userId`. */
  function signedInBrowser(userId: string): TestBrowser {
    const browser = new TestBrowser();
    browser.cookies.set(platformServer.origin, new Map([['lms_session', userId]]));
    return browser;
  }

  interface Launched {
    browser: TestBrowser;
    token: LtijsIdToken;
    ltik: string;
  }

  /**
   * Starts a launch in a browser signed in as the instructor: login → authorization endpoint →
   * form_post of the id_token → ltijs's redirect to its app route with its ltik → the app route.
   */
  async function launchInBrowser(initiation: { loginUrl: string }): Promise<{ browser: TestBrowser; page: Response }> {
    const browser = signedInBrowser(INSTRUCTOR.id);
    const { response } = await browser.launch(initiation.loginUrl);
    assert.equal(response.status, 302, await response.clone().text());
    const location = new URL(response.headers.get('location')!, tool.origin);
    assert.equal(location.origin, tool.origin);
    assert.ok(location.searchParams.has('ltik'));
    const { response: page } = await browser.get(location.href);
    assert.equal(page.status, 200, await page.clone().text());
    return { browser, page };
  }

  async function launchAsInstructor(): Promise<Launched> {
    const initiation = await platform.createLaunch({
      clientId: CLIENT_ID,
      deploymentId: DEPLOYMENT_ID,
      user: INSTRUCTOR,
      roles: [CONTEXT_ROLE.Instructor],
      context: COURSE,
      resourceLink: LINK,
      lineItemId: LINK_LINE_ITEM_ID,
    });
    const { browser, page } = await launchInBrowser(initiation);
    const body = (await page.json()) as { token: LtijsIdToken; ltik: string };
    return { browser, token: body.token, ltik: body.ltik };
  }

  /** Calls one of the JSON routes added to ltijs, within the launch's session. */
  async function callTool<T>(launched: Launched, path: string, query: Record<string, string> = {}): Promise<T> {
    const url = new URL(path, tool.origin);
    url.searchParams.set('ltik', launched.ltik);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    const response = await launched.browser.request(url.href, { headers: { accept: 'application/json' } });
    const body = (await response.json()) as { result?: T; error?: unknown };
    assert.equal(response.status, 200, `ltijs's call failed: ${JSON.stringify(body.error)}`);
    return body.result as T;
  }

  let launched: Launched;

  it('launches ltijs: onConnect sees our user, roles, context and resource link', async () => {
    launched = await launchAsInstructor();
    const { token } = launched;
    assert.equal(token.iss, platform.config.issuer);
    assert.equal(token.clientId, CLIENT_ID);
    assert.equal(token.deploymentId, DEPLOYMENT_ID);
    assert.equal(token.user, INSTRUCTOR.id);
    // MSG-004: name and email were granted to the tool, the picture was not (ltijs keeps no picture anyway).
    assert.equal(token.userInfo.name, INSTRUCTOR.name);
    assert.equal(token.userInfo.email, INSTRUCTOR.email);
    assert.equal(token.platformInfo?.guid, new URL(platformServer.origin).host);
    assert.equal(token.platformInfo?.product_family_code, 'ltikit-interop');
    const context = token.platformContext;
    assert.equal(context.messageType, 'LtiResourceLinkRequest');
    assert.equal(context.version, '1.3.0');
    assert.deepEqual(context.roles, [CONTEXT_ROLE.Instructor]);
    assert.equal(context.context?.id, COURSE.id);
    assert.equal(context.context?.label, COURSE.label);
    assert.equal(context.context?.title, COURSE.title);
    assert.deepEqual(context.resource, LINK);
    assert.equal(context.targetLinkUri, tool.launchUrl);
    assert.match(context.launchPresentation?.return_url ?? '', /\/lti\/return\?launch=/);
    // The service claims ltijs keeps for its service calls (AGS-001..003, NRPS-001).
    const lineItemsUrl = `${platform.config.serviceRoot}/lti/contexts/${COURSE.id}/lineitems`;
    assert.deepEqual(context.endpoint, { scope: [SCOPE.lineItem, SCOPE.lineItemReadonly, SCOPE.resultReadonly, SCOPE.score], lineitems: lineItemsUrl, lineitem: `${lineItemsUrl}/${LINK_LINE_ITEM_ID}` });
    assert.equal(context.namesRoles?.context_memberships_url, `${platform.config.serviceRoot}/lti/contexts/${COURSE.id}/memberships`);
    assert.ok(launched.ltik.length > 0);
  });

  it('ltijs obtains a service token from our token endpoint with its client assertion, and our services accept it', async () => {
    const scope = [SCOPE.lineItemReadonly, SCOPE.score].join(' ');
    const accessToken = await callTool<LtijsAccessToken>(launched, '/interop/token', { scope });
    assert.equal(accessToken.token_type, 'Bearer');
    assert.equal(accessToken.expires_in, platform.config.accessTokenLifetimeSeconds);
    assert.deepEqual(accessToken.scope.split(' ').sort(), [SCOPE.lineItemReadonly, SCOPE.score].sort());
    // TOK-020: the token ltijs holds opens our services for the scopes it was granted, as its tool.
    const grant = await platform.authorizeServiceRequest(
      new Request(`${platformServer.origin}/any-service`, { headers: { authorization: `Bearer ${accessToken.access_token}` } }),
      [SCOPE.score],
    );
    assert.equal(grant.clientId, CLIENT_ID);
    assert.deepEqual([...grant.scopes].sort(), [SCOPE.lineItemReadonly, SCOPE.score].sort());
  });

  it('ltijs fetches the course memberships, following our next links', async () => {
    const memberships = await callTool<{ id: string; context: { id: string }; members: Array<Record<string, unknown>> }>(launched, '/interop/members');
    assert.equal(memberships.context.id, COURSE.id);
    assert.deepEqual(
      memberships.members.map((member) => member.user_id),
      ROSTER.map((member) => member.user_id),
    );
    // MSG-004: what the tool may not receive is not released through the roster either.
    assert.equal(memberships.members[0]!.picture, undefined);
    assert.equal(memberships.members[0]!.email, INSTRUCTOR.email);
    assert.deepEqual(
      membershipQueries.map((query) => query.cursor),
      [undefined, '2'],
    );
  });

  it("ltijs lists the course's line items (lineitem.readonly), the link's column among them", async () => {
    const { lineItems } = await callTool<{ lineItems: LtijsLineItem[] }>(launched, '/interop/lineitems');
    assert.deepEqual(lineItems, [
      { id: launched.token.platformContext.endpoint?.lineitem, label: LINK.title, scoreMaximum: 10, resourceLinkId: LINK.id },
    ]);
  });

  it('ltijs creates a line item bound to its resource link, which our AGS store then holds', async () => {
    const created = await callTool<LtijsLineItem & { id: string }>(launched, '/interop/lineitems/create');
    const lineItemsUrl = launched.token.platformContext.endpoint!.lineitems!;
    assert.ok(created.id.startsWith(`${lineItemsUrl}/`), created.id);
    assert.deepEqual({ ...created, id: undefined }, { id: undefined, label: 'Extra credit', scoreMaximum: 5, tag: 'bonus', resourceId: 'extra-credit', resourceLinkId: LINK.id });
    const stored = await stores.ags.getLineItem(decodeURIComponent(created.id.slice(lineItemsUrl.length + 1)));
    assert.equal(stored?.label, 'Extra credit');
    assert.equal(stored?.clientId, CLIENT_ID);
    assert.equal(stored?.contextId, COURSE.id);
    assert.equal(stored?.resourceLinkId, LINK.id);
  });

  it("ltijs posts a score to the launch's line item, which our AGS store then holds as the user's latest", async () => {
    const sent = await callTool<Record<string, unknown>>(launched, '/interop/score');
    assert.equal(sent.userId, INSTRUCTOR.id);
    // ltijs read scoreMaximum from our line item.
    assert.equal(sent.scoreMaximum, 10);
    // Read back through the platform's own store API, as its gradebook would.
    const [latest, ...others] = await stores.ags.listLatestScores({ lineItemId: LINK_LINE_ITEM_ID, limit: 10 });
    assert.deepEqual(others, []);
    assert.equal(latest?.userId, INSTRUCTOR.id);
    assert.equal(latest?.scoreGiven, 7);
    assert.equal(latest?.scoreMaximum, 10);
    assert.equal(latest?.activityProgress, 'Completed');
    assert.equal(latest?.gradingProgress, 'FullyGraded');
    assert.equal(latest?.comment, 'Well done');
    assert.equal(latest?.timestamp, sent.timestamp);
  });

  it("answers a Deep Linking request: ltijs's signed response is accepted and its items reach onDeepLinkingResponse", async () => {
    const initiation = await platform.createLaunch({
      messageType: 'LtiDeepLinkingRequest',
      clientId: CLIENT_ID,
      deploymentId: DEPLOYMENT_ID,
      user: INSTRUCTOR,
      roles: [CONTEXT_ROLE.Instructor],
      context: COURSE,
      deepLinking: {
        accept_types: ['ltiResourceLink'],
        accept_presentation_document_targets: ['iframe', 'window'],
        accept_multiple: true,
        accept_lineitem: true,
        title: 'Add an activity',
        data: 'module-4',
      },
    });
    const { browser, page } = await launchInBrowser(initiation);
    const form = readLtijsDeepLinkingForm(await page.text());
    assert.equal(new URL(form.action).origin, platformServer.origin);
    const placed = await browser.submit(form);
    assert.equal(placed.status, 200, await placed.clone().text());
    assert.deepEqual(await placed.json(), { placed: 1 });

    const [result, ...others] = deepLinkingResults;
    assert.deepEqual(others, []);
    assert.equal(result!.clientId, CLIENT_ID);
    assert.equal(result!.deploymentId, DEPLOYMENT_ID);
    assert.equal(result!.userId, INSTRUCTOR.id);
    assert.equal(result!.contextId, COURSE.id);
    assert.equal(result!.settings.data, 'module-4');
    assert.equal(result!.msg, 'Week 4 quiz added');
    assert.equal(result!.log, 'picked week 4');
    assert.deepEqual(result!.contentItems, [DEEP_LINK_ITEM]);
  });
});

/**
 * ltijs's auto-posting Deep Linking form (its `DeepLinkSubmissionForm.html`): one hidden `JWT` field,
 * written with a self-closing `<input … />` that `parseForm` does not read.
 */
function readLtijsDeepLinkingForm(html: string): FormPost {
  const action = /<form[^>]*\baction="([^"]+)"/.exec(html)?.[1];
  const jwt = /<input[^>]*\bname="JWT"[^>]*\bvalue="([^"]+)"/.exec(html)?.[1];
  if (action === undefined || jwt === undefined) throw new Error(`Not ltijs's Deep Linking form: ${html.slice(0, 300)}`);
  return { action: decodeHtml(action), fields: { JWT: decodeHtml(jwt) } };
}
