// LTI 1.1 → 1.3 continuity end to end, over real HTTP on 127.0.0.1, both sides ltikit, each on
// its own SQLite database (@ltikit/store-sql): one course link used by a 1.1 tool, then by the same
// tool upgraded to 1.3 (lti11.md §3, §5; ags.md).
//
// a. The platform registers the 1.1 tool (key and secret, and the 1.3 client id it reserves); the
//    learners launch the link with a signed form; the tool opens an account per (consumer key,
//    user_id) and sends 0.6 through Basic Outcomes; the grade lands on the link's AGS line item.
// b. The platform registers the 1.3 tool under the reserved client id with `lti11ConsumerKey`; the
//    same link, context and learners launch in 1.3. Ada's `sub` is new (her 1.1 user_id travels in
//    the `lti1p1` claim, MIG-003), Grace's is her 1.1 user_id. The tool verifies the claim, reaches
//    each learner's 1.1 account and links the credential (MIG-004, MIG-005).
// c. The tool scores through AGS on the line item the launch names: still one line item for the
//    link, one history per learner — Ada's too, because the platform maps her 1.1 user_id to her
//    `sub` for Basic Outcomes (`lti11.agsUserId`, MIG-003) — and Basic Outcomes keeps answering
//    after the upgrade (MIG-007).
// d. A sign made with another secret, then a second platform holding the key: refused, nothing
//    linked, no account reached.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createSqlStores, openDatabase, runMigrations, type SqlDatabase, storeMigrations } from '@ltikit/store-sql';
import { fixedClock } from '../../src/lib/clock.js';
import { createPlatform, type LtiPlatform, lti11LaunchResponse } from '../../src/platform/index.js';
import { createMemoryStores } from '../../src/stores/memory.js';
import type { Lti11Credential, StoredLineItem } from '../../src/stores/types.js';
import { createTool, type Lti11OutcomeTarget, type Lti1p1Migration, type LtiLaunch, type LtiTool, type ServiceTarget } from '../../src/tool/index.js';
import { AGS_CLAIM } from '../../src/vocab/claims.js';
import { CONTEXT_ROLE } from '../../src/vocab/roles.js';
import { SCOPE } from '../../src/vocab/scopes.js';
import { TestBrowser } from '../support/browser.js';
import { type ServerPair, type TestServer, serve, servePair } from '../support/serve.js';

const COURSE = 'course-42';
const LINK = 'rl-week3-quiz';
/** The LMS's people: the user_id its 1.1 launches sent and the `sub` its 1.3 launches send. */
const PEOPLE = {
  ada: { lti11UserId: '34212', sub: 'a3f0c2e1' },
  grace: { lti11UserId: '51730', sub: '51730' },
} as const;
type Person = keyof typeof PEOPLE;
const ROSTER = new Set<string>(Object.values(PEOPLE).map(({ sub }) => sub));
/** The LMS's canonical id (the 1.3 `sub`) of a 1.1 user_id, as the Basic Outcomes service stores grades. */
const subOfLti11UserId = (lti11UserId: string): string => Object.values(PEOPLE).find((person) => person.lti11UserId === lti11UserId)?.sub ?? lti11UserId;

/** The tool's own record of a learner: opened by a 1.1 launch, reached again from 1.3. */
interface Account {
  id: string;
  consumerKey: string | undefined;
  lti11UserId: string | undefined;
  /** Where Basic Outcomes takes this learner's grade (saved at the 1.1 launch). */
  outcome?: Lti11OutcomeTarget;
  /** The AGS line item and service target of the learner's last 1.3 launch. */
  lineItemUrl?: string;
  target?: ServiceTarget;
}

interface Lti13Answer {
  account: string;
  lti1p1: Lti1p1Migration | null;
  lineItemUrl: string | null;
}

async function openSqlite(clock: ReturnType<typeof fixedClock>): Promise<{ database: SqlDatabase; stores: ReturnType<typeof createSqlStores> }> {
  const database = await openDatabase('sqlite::memory:');
  await runMigrations(database.db, storeMigrations);
  return { database, stores: createSqlStores(database.db, { clock }) };
}

describe('LTI 1.1 → 1.3: accounts and grades continue, over HTTP', () => {
  const clock = fixedClock(Math.floor(Date.now() / 1000));
  const databases: SqlDatabase[] = [];
  let servers: ServerPair;
  let otherServer: TestServer;
  const otherHandler: { current: (request: Request) => Promise<Response> | Response } = { current: () => new Response(null, { status: 503 }) };
  let platformStores: ReturnType<typeof createSqlStores>;
  let toolStores: ReturnType<typeof createSqlStores>;
  let platform: LtiPlatform;
  let tool: LtiTool;
  /** The 1.1 tool as the platform registered it: key, secret, reserved 1.3 client and deployment ids. */
  let credential: Lti11Credential;
  /** Set once the platform has upgraded the tool: the link then launches in 1.3. */
  let upgraded = false;

  // The tool application's account table, keyed as the library's ids suggest.
  const accounts = new Map<string, Account>();
  const byLti11 = (consumerKey: string, userId: string): string => `${consumerKey}\n${userId}`;
  const byLti13 = (issuer: string, sub: string): string => `${issuer}\n${sub}`;
  const lti13Accounts = new Map<string, Account>();
  let accountsOpened = 0;

  function openAccount(consumerKey: string | undefined, lti11UserId: string | undefined): Account {
    accountsOpened += 1;
    const account: Account = { id: `account-${accountsOpened}`, consumerKey, lti11UserId };
    if (consumerKey !== undefined && lti11UserId !== undefined) accounts.set(byLti11(consumerKey, lti11UserId), account);
    return account;
  }

  /** MIG-005 in the app: a 1.3 user reaches the 1.1 account only through a verified claim. */
  function accountOf(launch: LtiLaunch): Account {
    const key = byLti13(launch.issuer, launch.userId!);
    let account = lti13Accounts.get(key);
    if (account === undefined && launch.lti1p1?.status === 'verified' && launch.lti1p1.userId !== undefined) {
      account = accounts.get(byLti11(launch.lti1p1.consumerKey, launch.lti1p1.userId));
    }
    account ??= openAccount(undefined, undefined);
    lti13Accounts.set(key, account);
    return account;
  }

  before(async () => {
    servers = await servePair();
    otherServer = await serve(otherHandler);
    const { platformServer, toolServer } = servers;
    const platformSql = await openSqlite(clock);
    const toolSql = await openSqlite(clock);
    databases.push(platformSql.database, toolSql.database);
    platformStores = platformSql.stores;
    toolStores = toolSql.stores;

    platform = createPlatform({
      issuer: platformServer.origin,
      stores: platformStores,
      clock,
      allowInsecureLoopback: true,
      currentUser: 'message-hint-only',
      ags: { store: platformStores.ags, isMember: (contextId, userId) => contextId === COURSE && ROSTER.has(userId) },
      // The link is the tool's, whichever LTI version it speaks: the 1.3 client id it reserved.
      lti11: {
        resourceLinkAccess: ({ contextId, resourceLinkId }, lti11Tool) => contextId === COURSE && resourceLinkId === LINK && lti11Tool.lti13?.clientId === credential.lti13?.clientId,
        lineItemLabel: () => 'Week 3 quiz',
        scoreMaximum: 10,
        // MIG-003: Basic Outcomes grades go under the learner's 1.3 `sub`, so 1.1 and 1.3 grades are one history.
        agsUserId: (lti11UserId) => subOfLti11UserId(lti11UserId),
      },
      serviceContextAccess: (contextId, grant) => contextId === COURSE && grant.clientId === credential.lti13?.clientId,
    });

    tool = createTool({
      baseUrl: `${toolServer.origin}/lti`,
      stores: toolStores,
      clock,
      allowInsecureLoopback: true,
      lti11: {
        onLaunch: async (launch) => {
          const key = byLti11(launch.consumerKey, launch.userId!);
          const account = accounts.get(key) ?? openAccount(launch.consumerKey, launch.userId);
          account.outcome = { consumerKey: launch.consumerKey, ...launch.outcome! };
          // The learner finished the quiz: 6 of 10.
          await tool.lti11.outcomes.replaceResult(launch, 0.6);
          return Response.json({ account: account.id });
        },
      },
      onLaunch: (launch) => {
        const account = accountOf(launch);
        const endpoint = launch.claims[AGS_CLAIM.endpoint] as { lineitem?: string } | undefined;
        if (endpoint?.lineitem !== undefined) account.lineItemUrl = endpoint.lineitem;
        account.target = { issuer: launch.issuer, clientId: launch.clientId, deploymentId: launch.deploymentId };
        return Response.json({ account: account.id, lti1p1: launch.lti1p1 ?? null, lineItemUrl: endpoint?.lineitem ?? null } satisfies Lti13Answer);
      },
    });

    servers.route({
      // The LMS's page of the link: a 1.1 signed form until the upgrade, then a 1.3 launch.
      platform: async (request) => {
        const url = new URL(request.url);
        if (url.pathname !== `/courses/${COURSE}/links/${LINK}`) return platform.fetch(request);
        const person = PEOPLE[url.searchParams.get('person') as Person];
        const context = { id: COURSE, title: 'Course 42' };
        const resourceLink = { id: LINK, title: 'Week 3 quiz' };
        if (!upgraded) {
          const launch = await platform.createLti11Launch({
            consumerKey: credential.consumerKey,
            user: { id: person.lti11UserId },
            roles: [CONTEXT_ROLE.Learner],
            context,
            resourceLink,
            outcome: true,
          });
          return lti11LaunchResponse(launch);
        }
        const { loginUrl } = await platform.createLaunch({
          clientId: credential.lti13!.clientId,
          deploymentId: credential.lti13!.deploymentIds![0]!,
          user: { id: person.sub },
          roles: [CONTEXT_ROLE.Learner],
          context,
          resourceLink,
          // MIG-003: the 1.1 user_id, sent in the claim only where it differs from `sub`.
          lti1p1: { userId: person.lti11UserId },
        });
        return Response.redirect(loginUrl, 302);
      },
      tool: tool.fetch,
    });
  });

  after(async () => {
    await servers?.close();
    await otherServer?.close();
    for (const database of databases) await database.close();
  });

  /** A learner's browser opening the course link: whatever it is (1.1 form, 1.3 login), it ends at the tool. */
  async function openLink(person: Person): Promise<Response> {
    const { response } = await new TestBrowser().launch(`${servers.platformServer.origin}/courses/${COURSE}/links/${LINK}?person=${person}`);
    assert.equal(response.status, 200, await response.clone().text());
    return response;
  }

  /** The link's line items on the platform, for the tool's reserved client id. */
  async function lineItemsOfLink(): Promise<StoredLineItem[]> {
    return platformStores.ags.listLineItems({ contextId: COURSE, clientId: credential.lti13!.clientId, resourceLinkId: LINK, limit: 10 });
  }

  async function history(lineItemId: string, userId: string): Promise<Array<number | undefined>> {
    return (await platformStores.ags.scoreHistory(lineItemId, userId)).map((score) => score.scoreGiven);
  }

  const adaAccount = (): Account => accounts.get(byLti11(credential.consumerKey, PEOPLE.ada.lti11UserId))!;
  const graceAccount = (): Account => accounts.get(byLti11(credential.consumerKey, PEOPLE.grace.lti11UserId))!;

  it('a. 1.1: the learners launch the signed form, the tool opens their accounts and its 0.6 lands on the link’s line item, under each learner’s sub', async () => {
    credential = await platform.lti11.registerTool({ name: 'Quiz tool', launchUrl: tool.config.lti11.launchUrl });
    assert.ok(credential.lti13?.clientId, 'the 1.3 client id is reserved at 1.1 registration');
    // The tool holds the same key and secret, given to it by the LMS administrator.
    await toolStores.lti11.saveCredential({ consumerKey: credential.consumerKey, secret: credential.secret, name: 'Example LMS', createdAt: clock.now() });

    const ada = (await (await openLink('ada')).json()) as { account: string };
    const grace = (await (await openLink('grace')).json()) as { account: string };
    assert.equal(ada.account, adaAccount().id);
    assert.equal(grace.account, graceAccount().id);
    assert.notEqual(ada.account, grace.account);

    const [lineItem, ...others] = await lineItemsOfLink();
    assert.deepEqual(others, []);
    assert.equal(lineItem?.label, 'Week 3 quiz');
    assert.equal(lineItem?.scoreMaximum, 10);
    assert.deepEqual(await history(lineItem!.id, PEOPLE.ada.sub), [6]);
    assert.deepEqual(await history(lineItem!.id, PEOPLE.ada.lti11UserId), [], 'nothing under Ada’s 1.1 user_id');
    assert.deepEqual(await history(lineItem!.id, PEOPLE.grace.sub), [6]);
    assert.equal(await tool.lti11.outcomes.readResult(adaAccount().outcome!), 0.6);
  });

  it('b. 1.3 under the reserved client id: the same learners reach their 1.1 accounts, Ada with a new sub; the credential is linked', async () => {
    const { clientId, deploymentIds } = credential.lti13!;
    const deploymentId = deploymentIds![0]!;
    await platform.registerTool({
      clientId,
      deploymentIds: [deploymentId],
      name: 'Quiz tool',
      initiateLoginUri: tool.config.loginUrl,
      redirectUris: [tool.config.launchUrl],
      jwksUri: tool.config.jwksUrl,
      scopes: [SCOPE.lineItem, SCOPE.resultReadonly, SCOPE.score],
      lti11ConsumerKey: credential.consumerKey,
    });
    await tool.registerPlatform({
      issuer: platform.config.issuer,
      clientId,
      deploymentIds: [deploymentId],
      authorizationEndpoint: platform.config.authorizationEndpoint,
      tokenEndpoint: platform.config.tokenEndpoint,
      jwksUri: platform.config.jwksUri,
    });
    upgraded = true;

    const ada = (await (await openLink('ada')).json()) as Lti13Answer;
    assert.deepEqual(ada.lti1p1, { status: 'verified', consumerKey: credential.consumerKey, userId: PEOPLE.ada.lti11UserId, contextId: COURSE, resourceLinkId: LINK });
    assert.equal(ada.account, adaAccount().id, 'Ada’s new sub reaches her 1.1 account');
    const grace = (await (await openLink('grace')).json()) as Lti13Answer;
    assert.deepEqual(grace.lti1p1, { status: 'verified', consumerKey: credential.consumerKey, userId: PEOPLE.grace.lti11UserId, contextId: COURSE, resourceLinkId: LINK });
    assert.equal(grace.account, graceAccount().id);

    const issuer = platform.config.issuer;
    assert.deepEqual((await toolStores.lti11.getCredential(credential.consumerKey))?.lti13, { issuer, clientId, deploymentIds: [deploymentId] });
    assert.equal((await tool.findLinkedLti11Credential({ issuer, clientId, deploymentId }))?.consumerKey, credential.consumerKey);
    // AGS-002: the launch names the line item the 1.1 grades went to.
    const [lineItem] = await lineItemsOfLink();
    assert.equal(ada.lineItemUrl?.split('/').at(-1), lineItem?.id);
    assert.equal(grace.lineItemUrl, ada.lineItemUrl);
  });

  it('c. the tool’s AGS scores go to the same line item: one line item for the link, one history per learner', async () => {
    clock.advance(60);
    const timestamp = new Date(clock.now() * 1000).toISOString();
    const base = { activityProgress: 'Completed', gradingProgress: 'FullyGraded', scoreMaximum: 10, timestamp } as const;
    for (const [person, scoreGiven] of [
      ['ada', 9],
      ['grace', 8.5],
    ] as const) {
      const account = person === 'ada' ? adaAccount() : graceAccount();
      await tool.ags.submitScore(account.target!, account.lineItemUrl!, { ...base, userId: PEOPLE[person].sub, scoreGiven });
    }

    const [lineItem, ...others] = await lineItemsOfLink();
    assert.deepEqual(others, [], 'one line item for the link, in 1.1 and in 1.3');
    assert.equal((await platformStores.ags.readGradebook(COURSE)).length, 1);
    // Grace kept her user id (MIG-003): one history, the 1.1 grade then the 1.3 score.
    assert.deepEqual(await history(lineItem!.id, PEOPLE.grace.sub), [6, 8.5]);
    // The 1.3 tool reads results on the same line item: one result per learner, the latest score.
    const results = await tool.ags.listResults(graceAccount().target!, graceAccount().lineItemUrl!);
    assert.deepEqual(results.map((result) => [result.userId, result.resultScore]).sort(), [
      [PEOPLE.grace.sub, 8.5],
      [PEOPLE.ada.sub, 9],
    ]);
  });

  it('c. grades continue for a learner whose 1.3 sub replaced her 1.1 user_id: Ada’s history 6 then 9, read back by Basic Outcomes', async () => {
    const [lineItem] = await lineItemsOfLink();
    assert.deepEqual(await history(lineItem!.id, PEOPLE.ada.sub), [6, 9]);
    assert.deepEqual(await history(lineItem!.id, PEOPLE.ada.lti11UserId), []);
    // Her sourcedid names her 1.1 user_id; the platform maps it to her sub and reads the 1.3 score.
    assert.equal(await tool.lti11.outcomes.readResult(adaAccount().outcome!), 0.9);
  });

  it('c. Basic Outcomes still answers after the upgrade (MIG-007): readResult reads the latest score of the sourcedid’s user', async () => {
    // The platform keeps the 1.1 credential (it signs the lti1p1 claim) and serves its outcomes:
    // a 1.1 sourcedid saved before the upgrade keeps working.
    assert.equal(await tool.lti11.outcomes.readResult(graceAccount().outcome!), 0.85);
    assert.equal(await tool.lti11.outcomes.readResult(adaAccount().outcome!), 0.9, 'Ada’s sourcedid (her 1.1 user_id) reads her sub’s latest score');
    await tool.lti11.outcomes.replaceResult({ ...graceAccount().outcome!, score: 0.95 });
    const [lineItem] = await lineItemsOfLink();
    assert.deepEqual(await history(lineItem!.id, PEOPLE.grace.sub), [6, 8.5, 9.5]);
  });

  it('d. a lti1p1 sign made with another secret: migration refused, nothing linked, no 1.1 account reached', async () => {
    const other = await startOtherPlatform('a-guessed-secret');
    const answer = await other.launchAda();
    assert.equal(refusalOf(answer), 'ERR_LTI_LTI1P1_SIGNATURE_MISMATCH');
    assert.equal('userId' in (answer.lti1p1 ?? {}), false, 'no unverified 1.1 id is reported');
    assert.notEqual(answer.account, adaAccount().id);
    await assertLinkUnchanged(other.issuer);
  });

  it('d. a second platform holding the same key and secret: ERR_LTI_LTI1P1_KEY_LINKED_ELSEWHERE, the first link kept', async () => {
    const other = await startOtherPlatform(credential.secret);
    const answer = await other.launchAda();
    assert.equal(refusalOf(answer), 'ERR_LTI_LTI1P1_KEY_LINKED_ELSEWHERE');
    assert.notEqual(answer.account, adaAccount().id);
    await assertLinkUnchanged(other.issuer);
  });

  /** The code of a refused migration; the status otherwise. */
  function refusalOf(answer: Lti13Answer): string | undefined {
    return answer.lti1p1?.status === 'refused' ? answer.lti1p1.code : answer.lti1p1?.status;
  }

  async function assertLinkUnchanged(otherIssuer: string): Promise<void> {
    const { clientId, deploymentIds } = credential.lti13!;
    assert.deepEqual((await toolStores.lti11.getCredential(credential.consumerKey))?.lti13, { issuer: platform.config.issuer, clientId, deploymentIds: [deploymentIds![0]!] });
    assert.equal(await tool.findLinkedLti11Credential({ issuer: otherIssuer, clientId: 'quiz-at-other-lms' }), undefined);
  }

  let otherPlatforms = 0;
  /**
   * Another LMS on the third server, registered on the tool, whose 1.3 registration of the tool
   * continues the same consumer key, its `stores.lti11` holding `secret` for it.
   */
  async function startOtherPlatform(secret: string): Promise<{ issuer: string; launchAda(): Promise<Lti13Answer> }> {
    otherPlatforms += 1;
    // A fresh issuer path each time, so each case has a platform of its own.
    const issuer = `${otherServer.origin}/lms-${otherPlatforms}`;
    const stores = createMemoryStores(clock);
    const other = createPlatform({ issuer, stores, clock, allowInsecureLoopback: true, currentUser: 'message-hint-only' });
    await stores.lti11.saveCredential({ consumerKey: credential.consumerKey, secret, name: 'Quiz tool', createdAt: clock.now() });
    await other.registerTool({
      clientId: 'quiz-at-other-lms',
      deploymentIds: ['dep-other'],
      name: 'Quiz tool',
      initiateLoginUri: tool.config.loginUrl,
      redirectUris: [tool.config.launchUrl],
      lti11ConsumerKey: credential.consumerKey,
    });
    await tool.registerPlatform({
      issuer,
      clientId: 'quiz-at-other-lms',
      deploymentIds: ['dep-other'],
      authorizationEndpoint: other.config.authorizationEndpoint,
      jwksUri: other.config.jwksUri,
    });
    otherHandler.current = other.fetch;
    return {
      issuer,
      launchAda: async () => {
        // Someone at the other LMS claims Ada's 1.1 user_id.
        const { loginUrl } = await other.createLaunch({
          clientId: 'quiz-at-other-lms',
          deploymentId: 'dep-other',
          user: { id: 'b-7731' },
          roles: [CONTEXT_ROLE.Learner],
          context: { id: COURSE },
          resourceLink: { id: LINK },
          lti1p1: { userId: PEOPLE.ada.lti11UserId },
        });
        const { response } = await new TestBrowser().launch(loginUrl);
        assert.equal(response.status, 200, await response.clone().text());
        return (await response.json()) as Lti13Answer;
      },
    };
  }
});
