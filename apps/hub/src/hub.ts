/**
 * The hub: one Hono app that mounts the platform side of ltikit (the sandbox LMS), the demo tool
 * built on the tool side, the registry pages, the JSON admin API and `/healthz`, over durable
 * stores (SQLite by default, PostgreSQL for many processes). Every process is stateless: sessions
 * are signed cookies, everything else is in the database.
 */
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { type SqlDatabase, createSqlStores, openDatabase, runMigrations, storeMigrations } from '@ltikit/store-sql';
import { Hono } from 'hono';
import type { LtiError, LtiMessageEvent } from 'ltikit';
import { type DeepLinkingResult, type LtiPlatform, createPlatform, lti11LaunchResponse } from 'ltikit/platform';
import * as admin from './admin/service.js';
import type { HubConfig } from './config.js';
import { hubMigrations } from './db/migrations.js';
import { ensureDemoLineItems, seedSandbox, withStartupLock } from './db/seed.js';
import { DEMO_TOOL_PATH, type DemoTool, createDemoTool } from './demo_tool/demo_tool.js';
import { HubError, describeFailure, errorJson } from './errors.js';
import type { Logger } from './logger.js';
import { renderAdminKeys, renderAdminLogin, renderAdminPlatforms, renderAdminTool, renderAdminTools, renderRegistrationChoice, renderRegistrationFrame } from './pages/admin_pages.js';
import { errorPage } from './pages/layout.js';
import { renderLti11Tool, renderLti11ToolAdded, renderLti11Tools } from './pages/lti11_pages.js';
import { renderAddContentFrame, renderCourse, renderGradebook, renderPlaced, renderHome, renderLaunchFrame, renderReturn, renderScoreHistory, roleLabel } from './pages/lms_pages.js';
import { type HubDb, type Member, addLink, canEditCourse, findCourse, findLink, findMember, findPerson, listCourses, listLinks, listMembers, listPeople, toolServesCourse } from './sandbox/directory.js';
import { readRosterPage } from './sandbox/roster.js';
import { SessionCodec, type HubSession } from './sandbox/session.js';

export interface Hub {
  fetch(request: Request): Promise<Response>;
  /** Closes the database; call after the HTTP server has stopped taking requests. */
  close(): Promise<void>;
  config: HubConfig;
  database: SqlDatabase;
  platform: LtiPlatform;
  demoTool: DemoTool;
  demoClientId: string;
}

const MAX_BODY_BYTES = 256 * 1024;

export async function createHub(config: HubConfig, logger: Logger): Promise<Hub> {
  const database = await openDatabase(config.databaseUrl);
  try {
    await runMigrations(database.db, storeMigrations);
    await runMigrations(database.db, hubMigrations, { tableName: 'hub_migration', lockTableName: 'hub_migration_lock' });
    return await assemble(config, logger, database);
  } catch (error) {
    await database.close();
    throw error;
  }
}

async function assemble(config: HubConfig, logger: Logger, database: SqlDatabase): Promise<Hub> {
  const db = database.db as unknown as HubDb;
  const settings = await seedSandbox(db, database.dialect);
  const stores = createSqlStores(database.db);
  const sandbox = config.mode === 'sandbox';
  const sessions = new SessionCodec(settings.sessionSecret, { secure: config.publicUrl.startsWith('https:') });
  const publicOrigin = new URL(config.publicUrl).origin;

  const observer = (event: LtiMessageEvent): void => {
    logger.info({ lti: { side: event.side, kind: event.kind, direction: event.direction, outcome: event.outcome, messageType: event.messageType, clientId: event.clientId, errorCode: event.errorCode, ms: Math.round(event.durationMs) } }, 'lti message');
  };
  const onLtiError = (error: LtiError, request: Request): void => {
    logger.warn({ code: error.code, path: new URL(request.url).pathname }, error.message);
  };

  const platform = createPlatform({
    issuer: config.publicUrl,
    stores,
    product: { name: 'ltikit hub', productFamilyCode: 'ltikit-hub', version: '0.1.0' },
    currentUser: async (request) => (await sessions.read(request)).personId,
    allowInsecureLoopback: config.allowInsecureUrls,
    observer,
    onError: onLtiError,
    onReturn: async (message, request) => renderReturn(message, await signedInName(request)),
    onDeepLinkingResponse: async (result) => placeContent(result),
    // Services: a tool may use a course's roster and grades when it has a link in that course.
    serviceContextAccess: (contextId, grant) => toolServesCourse(db, contextId, grant.clientId, grant.deploymentId),
    nrps: { memberships: (query) => readRosterPage(db, query) },
    ags: {
      store: stores.ags,
      isMember: async (contextId, userId) => (await findMember(db, contextId, userId)) !== undefined,
      hasResourceLink: async (contextId, resourceLinkId) => (await findLink(db, contextId, resourceLinkId)) !== undefined,
    },
    // LTI 1.1 tools: Basic Outcomes for the links placed under the tool's reserved client id, into
    // the same gradebook (a line item per link, named after it).
    lti11: {
      resourceLinkAccess: async ({ contextId, resourceLinkId }, tool) => tool.lti13 !== undefined && (await findLink(db, contextId, resourceLinkId))?.clientId === tool.lti13.clientId,
      lineItemLabel: async ({ contextId, resourceLinkId }) => (await findLink(db, contextId, resourceLinkId))?.title ?? 'Grade',
    },
  });
  const demoTool = createDemoTool({
    publicUrl: config.publicUrl,
    stores: { singleUse: stores.singleUse, platforms: stores.platforms, keys: stores.keys },
    allowInsecureLoopback: config.allowInsecureUrls,
    observer,
    onError: onLtiError,
    // DR-004: registering the demo tool adds a platform it trusts and makes the hub fetch that
    // platform's URLs, so outside sandbox mode only the signed-in admin may; anyone else is sent to
    // the sign-in, which comes back here. The session cookie also rides on a link from another
    // site (SameSite=Lax), so the admin confirms the platform shown before anything is registered.
    ...(sandbox
      ? {}
      : {
          confirmRegistration: true,
          authorizeRegistration: async (request: Request) => {
            if ((await sessions.read(request)).admin === true) return true;
            const url = new URL(request.url);
            return new Response(null, { status: 303, headers: { location: `/admin/login?next=${encodeURIComponent(`${url.pathname}${url.search}`)}`, 'cache-control': 'no-store' } });
          },
        }),
  });

  // The demo tool's two registrations follow the public URL, so they are written at every start
  // (the same values from every process).
  await stores.tools.saveTool({
    clientId: settings.demoClientId,
    name: 'ltikit demo tool',
    deploymentIds: [settings.demoDeploymentId],
    initiateLoginUri: demoTool.urls.login,
    redirectUris: [demoTool.urls.launch],
    targetLinkUri: demoTool.urls.launch,
    deepLinkingUri: demoTool.urls.launch,
    jwksUri: demoTool.urls.jwks,
    claims: ['name', 'given_name', 'family_name', 'email'],
    scopes: [...platform.config.scopesSupported],
    customParameters: { platform_user: '$User.username', context_title: '$Context.title' },
  });
  await stores.platforms.savePlatform({
    issuer: platform.config.issuer,
    clientId: settings.demoClientId,
    deploymentIds: [settings.demoDeploymentId],
    authorizationEndpoint: platform.config.authorizationEndpoint,
    tokenEndpoint: platform.config.tokenEndpoint,
    jwksUri: platform.config.jwksUri,
    name: 'ltikit hub',
  });
  // Two processes starting on empty key sets would each create a first key and could sign with
  // different ones before they see each other's; under the start-up lock one creates, the other finds.
  await withStartupLock(db, database.dialect, async () => {
    await ensureDemoLineItems(stores.ags, settings);
    await platform.keys.activeKey();
    await demoTool.keys.activeKey();
  });

  const adminContext: admin.AdminContext = {
    db,
    publicUrl: config.publicUrl,
    urlPolicy: { allowInsecureLoopback: config.allowInsecureUrls },
    singleUse: stores.singleUse,
    keySets: { platform: platform.keys, 'demo-tool': demoTool.keys },
    demoToolUrls: demoTool.urls,
    demoClientId: settings.demoClientId,
    clock: () => Math.floor(Date.now() / 1000),
    platform,
  };

  const lti11Context: admin.Lti11AdminContext = { db, urlPolicy: adminContext.urlPolicy, clock: adminContext.clock, outcomesUrl: platform.config.lti11OutcomesEndpoint };

  async function sessionOf(request: Request): Promise<HubSession> {
    return sessions.read(request);
  }
  async function signedInName(request: Request): Promise<string | undefined> {
    const { personId } = await sessionOf(request);
    return personId === undefined ? undefined : (await findPerson(db, personId))?.name;
  }
  const adminTokenDigest = config.adminToken === undefined ? undefined : createHash('sha256').update(config.adminToken).digest();
  function tokenMatches(presented: string | undefined): boolean {
    if (adminTokenDigest === undefined || presented === undefined) return false;
    return timingSafeEqual(createHash('sha256').update(presented).digest(), adminTokenDigest);
  }
  /** Outside sandbox mode the LMS and admin pages need the admin sign-in. */
  async function requireUiAccess(request: Request): Promise<HubSession> {
    const session = await sessionOf(request);
    if (!sandbox && session.admin !== true) throw new HubError('ERR_HUB_SIGN_IN_REQUIRED', 'Sign in with the admin token first.');
    return session;
  }
  function requireApiAccess(request: Request): void {
    if (sandbox) return;
    const header = request.headers.get('authorization') ?? '';
    const presented = header.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!tokenMatches(presented)) throw new HubError('ERR_HUB_UNAUTHORIZED', 'This hub is not in sandbox mode: send the admin token as "Authorization: Bearer <LTIKIT_ADMIN_TOKEN>".');
  }
  /** Who starts a Dynamic Registration, for its token (DR-003): the signed-in admin, or the sandbox visitor. */
  function registrant(session: HubSession): string {
    if (!sandbox) return 'admin';
    return session.personId === undefined ? 'sandbox' : `sandbox:${session.personId}`;
  }
  /**
   * A state-changing API call must say its body is JSON. A page on another site can send a form or
   * text/plain to the API without asking, but `Content-Type: application/json` only after a CORS
   * preflight, which the hub never grants; in sandbox mode (no token) that is what stops it.
   */
  function requireJsonContentType(request: Request): void {
    if (request.method === 'GET' || request.method === 'HEAD') return;
    const mediaType = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (mediaType !== 'application/json') {
      throw new HubError('ERR_HUB_CONTENT_TYPE_UNSUPPORTED', 'Send the admin API\u2019s POST, PUT and DELETE requests with "Content-Type: application/json", with or without a body.');
    }
  }
  /** Form posts of the UI must come from the hub's own pages (the session cookie is also SameSite=Lax). */
  function checkSameOrigin(request: Request): void {
    const origin = request.headers.get('origin');
    if (origin !== null && origin !== publicOrigin && origin !== new URL(request.url).origin) {
      throw new HubError('ERR_HUB_UNAUTHORIZED', 'This form was posted from another site.');
    }
  }

  async function readForm(request: Request): Promise<URLSearchParams> {
    const text = await readBody(request);
    return new URLSearchParams(text);
  }
  /** A JSON body that may be left out (`{}` then). */
  async function readJsonOrEmpty(request: Request): Promise<unknown> {
    const text = await readBody(request);
    if (text.trim() === '') return {};
    try {
      return JSON.parse(text);
    } catch {
      throw new HubError('ERR_HUB_BODY_INVALID', 'The body is not valid JSON.');
    }
  }
  async function readJson(request: Request): Promise<unknown> {
    const text = await readBody(request);
    try {
      return JSON.parse(text);
    } catch {
      throw new HubError('ERR_HUB_BODY_INVALID', 'The body is not valid JSON.');
    }
  }

  async function startLaunch(personId: string, courseId: string, linkId: string, roleOverride?: string[]): Promise<string> {
    const course = await findCourse(db, courseId);
    if (course === undefined) throw new HubError('ERR_HUB_NOT_FOUND', 'No such course.');
    const link = await findLink(db, course.id, linkId);
    if (link === undefined) throw new HubError('ERR_HUB_NOT_FOUND', 'No such link in this course.');
    const member: Member | undefined = await findMember(db, course.id, personId);
    if (member === undefined) throw new HubError('ERR_HUB_NOT_A_MEMBER', 'You are not a member of this course, so you cannot launch its links.');
    const initiation = await platform.createLaunch({
      clientId: link.clientId,
      deploymentId: link.deploymentId,
      user: { id: member.id, name: member.name, givenName: member.givenName, familyName: member.familyName, email: member.email, username: member.username },
      roles: roleOverride ?? member.roles,
      context: { id: course.id, label: course.label, title: course.title },
      resourceLink: { id: link.id, title: link.title, ...(link.description === undefined ? {} : { description: link.description }), custom: link.custom },
      ...(link.targetLinkUri === undefined ? {} : { targetLinkUri: link.targetLinkUri }),
      presentation: { documentTarget: link.documentTarget, locale: 'en' },
    });
    return initiation.loginUrl;
  }

  /**
   * A link of an LTI 1.1 tool (its reserved client id, with no 1.3 registration under it): the
   * signed launch form, with the outcome service for learners (L11-005). `undefined` for 1.3 links.
   */
  async function startLti11Launch(personId: string, courseId: string, linkId: string, roleOverride?: string[]): Promise<Response | undefined> {
    const course = await findCourse(db, courseId);
    const link = course === undefined ? undefined : await findLink(db, course.id, linkId);
    if (course === undefined || link === undefined) return undefined;
    const credential = await admin.findLti11ToolOfLink(db, link.clientId);
    if (credential === undefined) return undefined;
    const member = await findMember(db, course.id, personId);
    if (member === undefined) throw new HubError('ERR_HUB_NOT_A_MEMBER', 'You are not a member of this course, so you cannot launch its links.');
    const roles = roleOverride ?? member.roles;
    const launch = await platform.createLti11Launch({
      consumerKey: credential.consumerKey,
      user: { id: member.id, name: member.name, givenName: member.givenName, familyName: member.familyName, email: member.email, username: member.username },
      roles,
      context: { id: course.id, label: course.label, title: course.title },
      resourceLink: { id: link.id, title: link.title, ...(link.description === undefined ? {} : { description: link.description }), custom: link.custom },
      ...(link.targetLinkUri === undefined ? {} : { launchUrl: link.targetLinkUri }),
      presentation: { documentTarget: link.documentTarget, locale: 'en' },
      outcome: admin.receivesOutcomes(roles),
    });
    return lti11LaunchResponse(launch);
  }

  /** DL-004: only people who may edit the course add content to it. */
  async function startDeepLinking(personId: string, courseId: string, clientId: string): Promise<string> {
    const course = await findCourse(db, courseId);
    if (course === undefined) throw new HubError('ERR_HUB_NOT_FOUND', 'No such course.');
    const member = await findMember(db, course.id, personId);
    if (member === undefined) throw new HubError('ERR_HUB_NOT_A_MEMBER', 'You are not a member of this course.');
    if (!member.roles.some(canEditCourse)) throw new HubError('ERR_HUB_FORBIDDEN', 'Only instructors, content developers and administrators of the course can add content to it.');
    const link = (await listLinks(db, course.id)).find((candidate) => candidate.clientId === clientId);
    if (link === undefined) throw new HubError('ERR_HUB_NOT_FOUND', 'That tool is not deployed in this course.');
    const initiation = await platform.createLaunch({
      messageType: 'LtiDeepLinkingRequest',
      clientId,
      deploymentId: link.deploymentId,
      user: { id: member.id, name: member.name, givenName: member.givenName, familyName: member.familyName, email: member.email, username: member.username },
      roles: member.roles,
      context: { id: course.id, label: course.label, title: course.title },
      deepLinking: {
        accept_types: ['ltiResourceLink'],
        accept_presentation_document_targets: ['iframe', 'window'],
        accept_multiple: true,
        accept_lineitem: true,
        auto_create: true,
        title: `Content for ${course.label}`,
        data: `course:${course.id}`,
      },
      presentation: { documentTarget: 'iframe', locale: 'en' },
    });
    return initiation.loginUrl;
  }

  /**
   * DL-057, DL-058: every LTI link the tool returned becomes a link of the course, and its
   * `lineItem` a line item bound to that link; items of other types are listed, not placed.
   */
  async function placeContent(result: DeepLinkingResult): Promise<Response> {
    const placed: string[] = [];
    const skipped: string[] = [];
    if (result.contextId === undefined) throw new HubError('ERR_HUB_NOT_FOUND', 'The deep-linking request had no course.');
    for (const item of result.contentItems) {
      if (item.type !== 'ltiResourceLink') {
        skipped.push(`${item.type}${'title' in item && item.title !== undefined ? `: ${item.title}` : ''}`);
        continue;
      }
      const linkId = `link-${randomUUID()}`;
      const title = item.title ?? 'Untitled link';
      await db.transaction().execute(async (trx) => {
        await addLink(trx, {
          id: linkId,
          courseId: result.contextId as string,
          clientId: result.clientId,
          deploymentId: result.deploymentId,
          title,
          description: item.text,
          targetLinkUri: item.url,
          custom: item.custom ?? {},
          documentTarget: item.window !== undefined && item.iframe === undefined ? 'window' : 'iframe',
        });
        if (item.lineItem !== undefined) {
          await createSqlStores(trx).ags.createLineItem({
            id: `li-${randomUUID()}`,
            contextId: result.contextId as string,
            clientId: result.clientId,
            deploymentId: result.deploymentId,
            label: item.lineItem.label ?? title,
            scoreMaximum: item.lineItem.scoreMaximum,
            resourceLinkId: linkId,
            ...(item.lineItem.resourceId === undefined ? {} : { resourceId: item.lineItem.resourceId }),
            ...(item.lineItem.tag === undefined ? {} : { tag: item.lineItem.tag }),
            createdAt: Math.floor(Date.now() / 1000),
          });
        }
      });
      placed.push(title);
    }
    return renderPlaced({ courseId: result.contextId, placed, skipped, msg: result.msg, errormsg: result.errormsg });
  }

  const app = new Hono();

  // One place where every request is timed and logged, and every failure becomes an answer.
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    // A launch ticket in a path is a credential: only the route is logged.
    const path = c.req.path.startsWith('/launch-ticket/') ? '/launch-ticket/:token' : c.req.path;
    logger.info({ method: c.req.method, path, status: c.res.status, ms: Math.round(performance.now() - started) }, 'request');
  });
  app.onError(async (thrown, c) => {
    const failure = describeFailure(thrown);
    if (failure.status >= 500) logger.error({ err: thrown, path: c.req.path }, 'request failed');
    if (c.req.path.startsWith('/api/')) return errorJson(thrown);
    if (failure.code === 'ERR_HUB_SIGN_IN_REQUIRED') return c.redirect('/admin/login', 303);
    return errorPage({ ...failure, sandbox, signedInAs: await signedInName(c.req.raw).catch(() => undefined) });
  });
  app.notFound(async (c) => {
    const error = new HubError('ERR_HUB_NOT_FOUND', `Nothing is served at ${c.req.path}.`);
    if (c.req.path.startsWith('/api/')) return errorJson(error);
    return errorPage({ ...describeFailure(error), sandbox });
  });

  app.get('/healthz', async () => {
    try {
      await db.selectNoFrom((select) => select.lit(1).as('ok')).execute();
      return Response.json({ status: 'ok', database: database.dialect }, { headers: { 'cache-control': 'no-store' } });
    } catch {
      return Response.json({ status: 'unavailable', database: database.dialect }, { status: 503, headers: { 'cache-control': 'no-store' } });
    }
  });

  // LTI endpoints of the platform and the demo tool: their own error mapping applies.
  app.all('/lti/*', (c) => platform.fetch(c.req.raw));
  app.get('/.well-known/*', (c) => platform.fetch(c.req.raw));
  app.all(`${DEMO_TOOL_PATH}/*`, (c) => demoTool.fetch(c.req.raw));

  app.get('/launch-ticket/:token', async (c) => {
    const raw = await stores.singleUse.consume(admin.LAUNCH_TICKET_KIND, c.req.param('token'));
    if (raw === undefined) throw new HubError('ERR_HUB_TICKET_INVALID', 'This launch URL has been used already or has expired; ask for a new one.');
    const ticket = JSON.parse(raw) as admin.LaunchTicket;
    const lti11Page = ticket.message === 'LtiDeepLinkingRequest' ? undefined : await startLti11Launch(ticket.personId, ticket.courseId, ticket.linkId, ticket.roles);
    if (lti11Page !== undefined) {
      lti11Page.headers.set('set-cookie', await sessions.cookie({ personId: ticket.personId }));
      return lti11Page;
    }
    const loginUrl =
      ticket.message === 'LtiDeepLinkingRequest'
        ? await startDeepLinking(ticket.personId, ticket.courseId, ticket.clientId ?? '')
        : await startLaunch(ticket.personId, ticket.courseId, ticket.linkId, ticket.roles);
    return new Response(null, { status: 302, headers: { location: loginUrl, 'set-cookie': await sessions.cookie({ personId: ticket.personId }), 'cache-control': 'no-store' } });
  });

  // ---- the sandbox LMS
  app.get('/', async (c) => {
    const session = await requireUiAccess(c.req.raw);
    const person = session.personId === undefined ? undefined : await findPerson(db, session.personId);
    const courses = await listCourses(db);
    const rolesByPerson = new Map<string, string[]>();
    for (const course of courses) {
      for (const member of await listMembers(db, course.id)) {
        rolesByPerson.set(member.id, [...(rolesByPerson.get(member.id) ?? []), `${member.roles.map(roleLabel).join(', ')} in ${course.label}`]);
      }
    }
    return renderHome({ sandbox, person, people: await listPeople(db), courses, rolesByPerson });
  });
  app.post('/session', async (c) => {
    checkSameOrigin(c.req.raw);
    const session = await requireUiAccess(c.req.raw);
    const form = await readForm(c.req.raw);
    const person = await findPerson(db, form.get('person') ?? '');
    if (person === undefined) throw new HubError('ERR_HUB_NOT_FOUND', 'No such person in the sandbox.');
    const location = localPath(form.get('next')) ?? '/';
    return new Response(null, { status: 303, headers: { location, 'set-cookie': await sessions.cookie({ ...session, personId: person.id }) } });
  });
  app.get('/courses/:courseId', async (c) => {
    const session = await requireUiAccess(c.req.raw);
    const course = await findCourse(db, c.req.param('courseId'));
    if (course === undefined) throw new HubError('ERR_HUB_NOT_FOUND', 'No such course.');
    const person = session.personId === undefined ? undefined : await findPerson(db, session.personId);
    return renderCourse({ sandbox, course, person, members: await listMembers(db, course.id), links: await listLinks(db, course.id) });
  });
  app.get('/courses/:courseId/add-content/:clientId', async (c) => {
    const session = await requireUiAccess(c.req.raw);
    const course = await findCourse(db, c.req.param('courseId'));
    if (course === undefined) throw new HubError('ERR_HUB_NOT_FOUND', 'No such course.');
    if (session.personId === undefined) throw new HubError('ERR_HUB_NOT_A_MEMBER', 'Pick who you are on the home page first.');
    const person = await findPerson(db, session.personId);
    const start = `/courses/${encodeURIComponent(course.id)}/add-content/${encodeURIComponent(c.req.param('clientId'))}/start`;
    return renderAddContentFrame({ sandbox, course, person, start });
  });
  app.get('/courses/:courseId/add-content/:clientId/start', async (c) => {
    const session = await requireUiAccess(c.req.raw);
    if (session.personId === undefined) throw new HubError('ERR_HUB_NOT_A_MEMBER', 'Pick who you are on the home page first.');
    const loginUrl = await startDeepLinking(session.personId, c.req.param('courseId'), c.req.param('clientId'));
    return new Response(null, { status: 302, headers: { location: loginUrl, 'cache-control': 'no-store' } });
  });
  app.get('/courses/:courseId/gradebook', async (c) => {
    const session = await requireUiAccess(c.req.raw);
    const course = await findCourse(db, c.req.param('courseId'));
    if (course === undefined) throw new HubError('ERR_HUB_NOT_FOUND', 'No such course.');
    const person = session.personId === undefined ? undefined : await findPerson(db, session.personId);
    // Those who may edit the course see every row; anyone else only their own.
    const members = await listMembers(db, course.id);
    const viewer = members.find((member) => member.id === session.personId);
    const visible = viewer?.roles.some(canEditCourse) ? members : members.filter((member) => member.id === viewer?.id);
    return renderGradebook({ sandbox, course, person, members: visible, columns: await stores.ags.readGradebook(course.id) });
  });
  app.get('/courses/:courseId/gradebook/:lineItemId/:personId', async (c) => {
    const session = await requireUiAccess(c.req.raw);
    const course = await findCourse(db, c.req.param('courseId'));
    const lineItem = await stores.ags.getLineItem(c.req.param('lineItemId'));
    const member = course === undefined ? undefined : await findMember(db, course.id, c.req.param('personId'));
    if (course === undefined || lineItem === undefined || lineItem.contextId !== course.id || member === undefined) throw new HubError('ERR_HUB_NOT_FOUND', 'No such grade.');
    const viewer = session.personId === undefined ? undefined : await findMember(db, course.id, session.personId);
    if (viewer === undefined || (viewer.id !== member.id && !viewer.roles.some(canEditCourse))) {
      throw new HubError('ERR_HUB_FORBIDDEN', 'Only the course\u2019s instructors and the student themself can see this grade.');
    }
    const person = session.personId === undefined ? undefined : await findPerson(db, session.personId);
    return renderScoreHistory({ sandbox, course, person, member, lineItem, history: await stores.ags.scoreHistory(lineItem.id, member.id) });
  });
  app.get('/courses/:courseId/links/:linkId', async (c) => {
    const session = await requireUiAccess(c.req.raw);
    const course = await findCourse(db, c.req.param('courseId'));
    const link = course === undefined ? undefined : await findLink(db, course.id, c.req.param('linkId'));
    if (course === undefined || link === undefined) throw new HubError('ERR_HUB_NOT_FOUND', 'No such link.');
    if (session.personId === undefined) throw new HubError('ERR_HUB_NOT_A_MEMBER', 'Pick who you are on the home page before launching a tool.');
    const person = await findPerson(db, session.personId);
    const member = await findMember(db, course.id, session.personId);
    if (person === undefined || member === undefined) throw new HubError('ERR_HUB_NOT_A_MEMBER', 'You are not a member of this course, so you cannot launch its links.');
    return renderLaunchFrame({ sandbox, course, link, person: member });
  });
  app.get('/courses/:courseId/links/:linkId/start', async (c) => {
    const session = await requireUiAccess(c.req.raw);
    if (session.personId === undefined) throw new HubError('ERR_HUB_NOT_A_MEMBER', 'Pick who you are on the home page before launching a tool.');
    const lti11Page = await startLti11Launch(session.personId, c.req.param('courseId'), c.req.param('linkId'));
    if (lti11Page !== undefined) return lti11Page;
    const loginUrl = await startLaunch(session.personId, c.req.param('courseId'), c.req.param('linkId'));
    return new Response(null, { status: 302, headers: { location: loginUrl, 'cache-control': 'no-store' } });
  });

  // ---- registry pages
  // `next`: where the sign-in returns to (the demo tool's registration URL, say); only a path of the hub.
  app.get('/admin/login', (c) => renderAdminLogin({ sandbox, next: localPath(c.req.query('next')) }));
  app.post('/admin/login', async (c) => {
    checkSameOrigin(c.req.raw);
    const form = await readForm(c.req.raw);
    const next = localPath(form.get('next'));
    if (sandbox) return c.redirect(next ?? '/admin/tools', 303);
    if (!tokenMatches(form.get('token') ?? undefined)) return renderAdminLogin({ sandbox, failed: true, next });
    const session = await sessionOf(c.req.raw);
    return new Response(null, { status: 303, headers: { location: next ?? '/admin/tools', 'set-cookie': await sessions.cookie({ ...session, admin: true }) } });
  });
  app.get('/admin/tools', async (c) => {
    await requireUiAccess(c.req.raw);
    return renderAdminTools({ sandbox, tools: await admin.listTools(adminContext), lti11Tools: await admin.listLti11Tools(lti11Context), signedInAs: await signedInName(c.req.raw) });
  });
  // LTI 1.1 tools, registered by consumer key and shared secret.
  app.get('/admin/lti11-tools', async (c) => {
    await requireUiAccess(c.req.raw);
    return renderLti11Tools({ sandbox, tools: await admin.listLti11Tools(lti11Context), signedInAs: await signedInName(c.req.raw) });
  });
  app.post('/admin/lti11-tools', async (c) => {
    checkSameOrigin(c.req.raw);
    await requireUiAccess(c.req.raw);
    const form = await readForm(c.req.raw);
    const text = (name: string): string | undefined => (form.get(name) ?? '').trim() || undefined;
    const draft = { name: form.get('name') ?? '', launch_url: form.get('launch_url') ?? '', claims: form.getAll('claims'), document_target: form.get('document_target') ?? 'iframe' };
    try {
      const consumerKey = text('consumer_key');
      const secret = form.get('secret') || undefined;
      const added = await admin.addLti11Tool(lti11Context, { ...draft, ...(consumerKey === undefined ? {} : { consumer_key: consumerKey }), ...(secret === undefined ? {} : { secret }) });
      return renderLti11ToolAdded({ sandbox, added, signedInAs: await signedInName(c.req.raw) });
    } catch (thrown) {
      const failure = describeFailure(thrown);
      if (failure.status >= 500) throw thrown;
      return renderLti11Tools({ sandbox, tools: await admin.listLti11Tools(lti11Context), draft: { ...draft, consumer_key: form.get('consumer_key') ?? '' }, failure, signedInAs: await signedInName(c.req.raw) });
    }
  });
  app.get('/admin/lti11-tools/:consumerKey', async (c) => {
    await requireUiAccess(c.req.raw);
    return renderLti11Tool({ sandbox, tool: await admin.getLti11Tool(lti11Context, c.req.param('consumerKey')), signedInAs: await signedInName(c.req.raw) });
  });
  // "Upgrade to LTI 1.3": a pasted registration document, or the URL fields when none is pasted.
  app.post('/admin/lti11-tools/:consumerKey/upgrade', async (c) => {
    checkSameOrigin(c.req.raw);
    await requireUiAccess(c.req.raw);
    const consumerKey = c.req.param('consumerKey');
    const form = await readForm(c.req.raw);
    const pasted = (form.get('document') ?? '').trim();
    const urls: admin.Lti11UpgradeUrls = {
      client_name: form.get('client_name') ?? '',
      initiate_login_uri: form.get('initiate_login_uri') ?? '',
      redirect_uris: form.get('redirect_uris') ?? '',
      target_link_uri: form.get('target_link_uri') ?? '',
      jwks_uri: form.get('jwks_uri') ?? '',
      claims: form.getAll('claims'),
    };
    try {
      const upgraded = await admin.upgradeLti11Tool(lti11Context, consumerKey, pasted === '' ? admin.upgradeDocumentFromUrls(urls) : parseDocument(pasted));
      return c.redirect(`/admin/tools/${encodeURIComponent(upgraded.client_id)}`, 303);
    } catch (thrown) {
      const failure = describeFailure(thrown);
      if (failure.status >= 500 || failure.code === 'ERR_HUB_NOT_FOUND') throw thrown;
      return renderLti11Tool({ sandbox, tool: await admin.getLti11Tool(lti11Context, consumerKey), draft: { document: pasted, ...urls }, failure, signedInAs: await signedInName(c.req.raw) });
    }
  });
  app.post('/admin/tools', async (c) => {
    checkSameOrigin(c.req.raw);
    await requireUiAccess(c.req.raw);
    const form = await readForm(c.req.raw);
    const text = form.get('document') ?? '';
    try {
      const parsed = parseDocument(text);
      const added = await admin.addTool(adminContext, parsed);
      return c.redirect(`/admin/tools/${encodeURIComponent(added.client_id)}`, 303);
    } catch (thrown) {
      const failure = describeFailure(thrown);
      if (failure.status >= 500) throw thrown;
      return renderAdminTools({ sandbox, tools: await admin.listTools(adminContext), draft: text, failure, signedInAs: await signedInName(c.req.raw) });
    }
  });
  // Dynamic Registration: while LTI 1.1 tools are not upgraded yet, first the choice "new tool" or
  // "replaces 1.1 tool X" (DR-050), bound into the token; then the tool's URL in a frame (DR-001),
  // then its review (DR-033, DR-034).
  app.post('/admin/registrations', async (c) => {
    checkSameOrigin(c.req.raw);
    const session = await requireUiAccess(c.req.raw);
    const form = await readForm(c.req.raw);
    const url = form.get('url') ?? '';
    let started: Awaited<ReturnType<typeof admin.startRegistration>>;
    try {
      if (!form.has('replaces')) {
        const choices = await admin.registrationChoices(adminContext, { url });
        if (choices.tools.length > 0) return renderRegistrationChoice({ sandbox, ...choices, signedInAs: await signedInName(c.req.raw) });
      }
      started = await admin.startRegistration(adminContext, { url, replaces: form.get('replaces') ?? '' }, registrant(session));
    } catch (thrown) {
      const failure = describeFailure(thrown);
      if (failure.status >= 500) throw thrown;
      return renderAdminTools({ sandbox, tools: await admin.listTools(adminContext), registrationDraft: url, registrationFailure: failure, signedInAs: await signedInName(c.req.raw) });
    }
    return renderRegistrationFrame({ sandbox, registrationUrl: started.registration_url, sessionId: started.session_id, replaces: started.replaces, signedInAs: await signedInName(c.req.raw) });
  });
  app.get('/admin/registrations/:sessionId', async (c) => {
    await requireUiAccess(c.req.raw);
    const tool = await admin.findRegistration(adminContext, c.req.param('sessionId'));
    return c.redirect(`/admin/tools/${encodeURIComponent(tool.client_id)}`, 303);
  });
  app.post('/admin/tools/:clientId/approve', async (c) => {
    checkSameOrigin(c.req.raw);
    await requireUiAccess(c.req.raw);
    const clientId = c.req.param('clientId');
    const form = await readForm(c.req.raw);
    try {
      await admin.approveRegistration(adminContext, clientId, { scopes: form.getAll('scope'), claims: form.getAll('claim') });
    } catch (thrown) {
      const failure = describeFailure(thrown);
      if (failure.status >= 500 || failure.code === 'ERR_HUB_NOT_FOUND') throw thrown;
      return renderAdminTool({ sandbox, tool: await admin.getTool(adminContext, clientId), failure, signedInAs: await signedInName(c.req.raw) });
    }
    return renderAdminTool({ sandbox, tool: await admin.getTool(adminContext, clientId), enabled: true, signedInAs: await signedInName(c.req.raw) });
  });
  app.post('/admin/tools/:clientId/reject', async (c) => {
    checkSameOrigin(c.req.raw);
    await requireUiAccess(c.req.raw);
    const { client_id } = await admin.rejectRegistration(adminContext, c.req.param('clientId'));
    return renderAdminTools({ sandbox, tools: await admin.listTools(adminContext), notice: `The registration of ${client_id} was rejected and removed.`, signedInAs: await signedInName(c.req.raw) });
  });
  app.get('/admin/tools/:clientId', async (c) => {
    await requireUiAccess(c.req.raw);
    return renderAdminTool({ sandbox, tool: await admin.getTool(adminContext, c.req.param('clientId')), signedInAs: await signedInName(c.req.raw) });
  });
  app.post('/admin/tools/:clientId', async (c) => {
    checkSameOrigin(c.req.raw);
    await requireUiAccess(c.req.raw);
    const clientId = c.req.param('clientId');
    const text = (await readForm(c.req.raw)).get('document') ?? '';
    try {
      const parsed = parseDocument(text);
      const tool = await admin.editTool(adminContext, clientId, parsed);
      return renderAdminTool({ sandbox, tool, saved: true, signedInAs: await signedInName(c.req.raw) });
    } catch (thrown) {
      const failure = describeFailure(thrown);
      if (failure.status >= 500 || failure.code === 'ERR_HUB_NOT_FOUND') throw thrown;
      return renderAdminTool({ sandbox, tool: await admin.getTool(adminContext, clientId), draft: text, failure, signedInAs: await signedInName(c.req.raw) });
    }
  });
  app.get('/admin/platforms', async (c) => {
    await requireUiAccess(c.req.raw);
    return renderAdminPlatforms({ sandbox, platforms: await admin.listPlatforms(adminContext), demoToolUrls: demoTool.urls, signedInAs: await signedInName(c.req.raw) });
  });
  app.post('/admin/platforms', async (c) => {
    checkSameOrigin(c.req.raw);
    await requireUiAccess(c.req.raw);
    const form = await readForm(c.req.raw);
    const text = form.get('document') ?? '';
    let added: Awaited<ReturnType<typeof admin.addPlatform>> | undefined;
    let failure: ReturnType<typeof describeFailure> | undefined;
    try {
      const parsed = parseDocument(text);
      added = await admin.addPlatform(adminContext, parsed);
    } catch (thrown) {
      failure = describeFailure(thrown);
      if (failure.status >= 500) throw thrown;
    }
    return renderAdminPlatforms({ sandbox, platforms: await admin.listPlatforms(adminContext), demoToolUrls: demoTool.urls, added, failure, draft: failure === undefined ? undefined : text, signedInAs: await signedInName(c.req.raw) });
  });
  app.get('/admin/keys', async (c) => {
    await requireUiAccess(c.req.raw);
    return renderAdminKeys({ sandbox, keySets: [await admin.listKeys(adminContext, 'platform'), await admin.listKeys(adminContext, 'demo-tool')], signedInAs: await signedInName(c.req.raw) });
  });
  app.post('/admin/keys/rotate', async (c) => {
    checkSameOrigin(c.req.raw);
    await requireUiAccess(c.req.raw);
    const form = await readForm(c.req.raw);
    await admin.rotateKeys(adminContext, form.get('key_set') ?? 'platform', { force: form.get('force') === 'yes' });
    return c.redirect('/admin/keys', 303);
  });

  // ---- the JSON admin API (what the CLI calls)
  const api = new Hono();
  api.use(async (c, next) => {
    requireApiAccess(c.req.raw);
    requireJsonContentType(c.req.raw);
    await next();
    c.res.headers.set('cache-control', 'no-store');
  });
  api.get('/tools', async () => Response.json({ tools: await admin.listTools(adminContext), lti11_tools: await admin.listLti11Tools(lti11Context) }));
  api.get('/lti11-tools', async () => Response.json({ tools: await admin.listLti11Tools(lti11Context) }));
  api.post('/lti11-tools', async (c) => Response.json(await admin.addLti11Tool(lti11Context, await readJson(c.req.raw)), { status: 201 }));
  api.get('/lti11-tools/:consumerKey', async (c) => Response.json(await admin.getLti11Tool(lti11Context, c.req.param('consumerKey'))));
  api.post('/lti11-tools/:consumerKey/upgrade', async (c) => Response.json(await admin.upgradeLti11Tool(lti11Context, c.req.param('consumerKey'), await readJson(c.req.raw)), { status: 201 }));
  api.post('/tools', async (c) => Response.json(await admin.addTool(adminContext, await readJson(c.req.raw)), { status: 201 }));
  api.get('/tools/:clientId', async (c) => Response.json(await admin.getTool(adminContext, c.req.param('clientId'))));
  api.put('/tools/:clientId', async (c) => Response.json(await admin.editTool(adminContext, c.req.param('clientId'), await readJson(c.req.raw))));
  api.post('/tools/:clientId/approve', async (c) => Response.json(await admin.approveRegistration(adminContext, c.req.param('clientId'), await readJsonOrEmpty(c.req.raw))));
  api.post('/tools/:clientId/reject', async (c) => Response.json(await admin.rejectRegistration(adminContext, c.req.param('clientId'))));
  // Outside sandbox mode the API is only reached with the admin token, so the registrant is the admin.
  api.post('/registrations', async (c) => Response.json(await admin.startRegistration(adminContext, await readJson(c.req.raw), sandbox ? 'sandbox' : 'admin'), { status: 201 }));
  api.get('/registrations/:sessionId', async (c) => Response.json(await admin.findRegistration(adminContext, c.req.param('sessionId'))));
  api.get('/platforms', async () => Response.json({ platforms: await admin.listPlatforms(adminContext) }));
  api.post('/platforms', async (c) => Response.json(await admin.addPlatform(adminContext, await readJson(c.req.raw)), { status: 201 }));
  api.post('/launch-url', async (c) => Response.json(await admin.createLaunchUrl(adminContext, await readJson(c.req.raw)), { status: 201 }));
  api.get('/keys', async (c) => Response.json(await admin.listKeys(adminContext, c.req.query('key_set'))));
  api.post('/keys/rotate', async (c) => Response.json(await admin.rotateKeys(adminContext, c.req.query('key_set'), { force: c.req.query('force') === 'true' })));
  api.get('/courses', async () => {
    const courses = await listCourses(db);
    return Response.json({ courses: await Promise.all(courses.map(async (course) => ({ ...course, members: await listMembers(db, course.id) }))) });
  });
  app.route('/api/admin', api);

  return {
    fetch: async (request) => app.fetch(request),
    close: () => database.close(),
    config,
    database,
    platform,
    demoTool,
    demoClientId: settings.demoClientId,
  };
}

/**
 * A redirect target given by a request, when it is a path of the hub itself: `/x?y`, never
 * `//other.example` nor `/\other.example` (which browsers also read as another host).
 */
function localPath(value: string | null | undefined): string | undefined {
  if (typeof value !== 'string' || !value.startsWith('/')) return undefined;
  const base = 'http://hub.invalid';
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return undefined;
  }
  return url.origin === base ? `${url.pathname}${url.search}` : undefined;
}

/** A document pasted into a registry form. */
function parseDocument(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new HubError('ERR_HUB_BODY_INVALID', 'The document is not valid JSON.');
  }
}

async function readBody(request: Request): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) throw new HubError('ERR_HUB_BODY_INVALID', `The body is larger than ${MAX_BODY_BYTES} bytes.`);
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) throw new HubError('ERR_HUB_BODY_INVALID', `The body is larger than ${MAX_BODY_BYTES} bytes.`);
  return text;
}

