// The behaviour every store backend must have, as one suite: memory runs it here, durable
// backends (SQLite, PostgreSQL) run the same function against their own stores. Time comes from
// the clock the factory hands back, so expiry is tested without waiting.
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import type { Clock } from '../../src/lib/clock.js';
import type {
  AgsStore,
  KeyStore,
  Lti11CredentialStore,
  PlatformRegistration,
  PlatformRegistrationStore,
  SingleUseStore,
  StoredLineItem,
  StoredScore,
  StoredSigningKey,
  ToolRegistration,
  ToolRegistrationStore,
} from '../../src/stores/types.js';

export interface StoresUnderTest {
  singleUse: SingleUseStore;
  keys: KeyStore;
  platforms: PlatformRegistrationStore;
  tools: ToolRegistrationStore;
  ags: AgsStore;
  lti11: Lti11CredentialStore;
  /** The clock the stores read; the suite moves it. */
  clock: Clock & { advance(seconds: number): void };
}

const platform = (overrides: Partial<PlatformRegistration> = {}): PlatformRegistration => ({
  issuer: 'https://lms.example.edu',
  clientId: 'c-1',
  deploymentIds: ['dep-1'],
  authorizationEndpoint: 'https://lms.example.edu/authorize',
  jwksUri: 'https://lms.example.edu/jwks',
  ...overrides,
});

/** A registered tool for store tests; durable backends' own tests reuse it. */
export const tool = (overrides: Partial<ToolRegistration> = {}): ToolRegistration => ({
  clientId: 'tool-1',
  name: 'Quiz',
  deploymentIds: ['d-1'],
  initiateLoginUri: 'https://tool.example.com/login',
  redirectUris: ['https://tool.example.com/launch'],
  targetLinkUri: 'https://tool.example.com/launch',
  claims: ['name'],
  ...overrides,
});

const signingKey = (kid: string, status: StoredSigningKey['status'] = 'active'): StoredSigningKey => ({
  kid,
  alg: 'RS256',
  status,
  privateJwk: { kty: 'RSA', kid, n: 'n', e: 'AQAB', d: 'secret' },
  publicJwk: { kty: 'RSA', kid, n: 'n', e: 'AQAB' },
  createdAt: 1,
});

/** A line item for store tests (context `ctx-1`, tool `tool-1`). */
export const lineItem = (overrides: Partial<StoredLineItem> = {}): StoredLineItem => ({
  id: 'li-1',
  contextId: 'ctx-1',
  clientId: 'tool-1',
  label: 'Quiz 1',
  scoreMaximum: 10,
  createdAt: 1_767_225_600,
  ...overrides,
});

/** A score for store tests, on `li-1` by `u-1` at the given second of 2026-01-01 (UTC). */
export const score = (overrides: Partial<StoredScore> = {}, second = 0): StoredScore => ({
  lineItemId: 'li-1',
  userId: 'u-1',
  timestamp: `2026-01-01T00:00:${String(second).padStart(2, '0')}.000Z`,
  activityProgress: 'Completed',
  gradingProgress: 'FullyGraded',
  scoreGiven: second,
  scoreMaximum: 60,
  receivedAt: 1_767_225_600,
  ...overrides,
});

/** Runs the store contract against the stores `create` makes (fresh ones for every test). */
export function describeStoreContract(backend: string, create: () => Promise<StoresUnderTest>): void {
  describe(`store contract: ${backend}`, () => {
    let stores: StoresUnderTest;
    beforeEach(async () => {
      stores = await create();
    });

    describe('SingleUseStore', () => {
      it('hands a value out once, and peek does not spend it', async () => {
        const now = stores.clock.now();
        await stores.singleUse.issue('state', 's-1', '{"a":1}', now + 60);
        assert.equal(await stores.singleUse.peek('state', 's-1'), '{"a":1}');
        assert.equal(await stores.singleUse.consume('state', 's-1'), '{"a":1}');
        assert.equal(await stores.singleUse.consume('state', 's-1'), undefined);
        assert.equal(await stores.singleUse.peek('state', 's-1'), undefined);
      });

      it('takes any text as a key, NUL and backslashes included, each key distinct (keys come from the wire: jti, nonce)', async () => {
        const now = stores.clock.now();
        const keys = ['client\u0000jti', 'client\\0jti', 'client\\\u0000jti', 'clientjti'];
        for (const key of keys) assert.equal(await stores.singleUse.remember('jti', key, now + 60), true, JSON.stringify(key));
        for (const key of keys) assert.equal(await stores.singleUse.remember('jti', key, now + 60), false, JSON.stringify(key));
        await stores.singleUse.issue('ticket\u0000kind', 'a\u0000b', 'value', now + 60);
        assert.equal(await stores.singleUse.peek('ticket\u0000kind', 'a\u0000b'), 'value');
        assert.equal(await stores.singleUse.consume('ticket\u0000kind', 'a\\0b'), undefined);
        assert.equal(await stores.singleUse.consume('ticket\u0000kind', 'a\u0000b'), 'value');
      });

      it('keeps kinds apart and lets a later issue replace a value', async () => {
        const now = stores.clock.now();
        await stores.singleUse.issue('state', 'k', 'state-value', now + 60);
        await stores.singleUse.issue('nonce', 'k', 'nonce-value', now + 60);
        await stores.singleUse.issue('state', 'k', 'replaced', now + 60);
        assert.equal(await stores.singleUse.consume('nonce', 'k'), 'nonce-value');
        assert.equal(await stores.singleUse.consume('state', 'k'), 'replaced');
      });

      it('forgets values at their expiry', async () => {
        const now = stores.clock.now();
        await stores.singleUse.issue('state', 'short', 'v', now + 10);
        stores.clock.advance(10);
        assert.equal(await stores.singleUse.peek('state', 'short'), undefined);
        assert.equal(await stores.singleUse.consume('state', 'short'), undefined);
      });

      it('remembers a key once until it expires', async () => {
        const now = stores.clock.now();
        assert.equal(await stores.singleUse.remember('jti', 'j-1', now + 30), true);
        assert.equal(await stores.singleUse.remember('jti', 'j-1', now + 30), false);
        stores.clock.advance(30);
        assert.equal(await stores.singleUse.remember('jti', 'j-1', now + 90), true);
      });

      it('lets exactly one of many concurrent callers consume or remember a key', async () => {
        const now = stores.clock.now();
        await stores.singleUse.issue('state', 'race', 'v', now + 60);
        const consumed = await Promise.all(Array.from({ length: 25 }, () => stores.singleUse.consume('state', 'race')));
        assert.equal(consumed.filter((value) => value === 'v').length, 1);
        const remembered = await Promise.all(Array.from({ length: 25 }, () => stores.singleUse.remember('nonce', 'race', now + 60)));
        assert.equal(remembered.filter(Boolean).length, 1);
      });
    });

    describe('KeyStore', () => {
      it('saves, updates by kid, lists per key set and deletes', async () => {
        await stores.keys.saveKey('platform', signingKey('k-1'));
        await stores.keys.saveKey('platform', signingKey('k-2', 'next'));
        await stores.keys.saveKey('tool', signingKey('k-9'));
        await stores.keys.saveKey('platform', { ...signingKey('k-1', 'retired'), retiredAt: 5, removeAfter: 10 });
        const platformKeys = (await stores.keys.listKeys('platform')).sort((a, b) => a.kid.localeCompare(b.kid));
        assert.deepEqual(
          platformKeys.map((key) => [key.kid, key.status, key.removeAfter]),
          [
            ['k-1', 'retired', 10],
            ['k-2', 'next', undefined],
          ],
        );
        assert.deepEqual(platformKeys[0]?.privateJwk, signingKey('k-1').privateJwk);
        await stores.keys.deleteKey('platform', 'k-1');
        assert.deepEqual((await stores.keys.listKeys('platform')).map((key) => key.kid), ['k-2']);
        assert.deepEqual((await stores.keys.listKeys('tool')).map((key) => key.kid), ['k-9']);
        assert.deepEqual(await stores.keys.listKeys('nobody'), []);
      });
    });

    describe('PlatformRegistrationStore', () => {
      it('finds every client id of an issuer, replaces on save and deletes one', async () => {
        await stores.platforms.savePlatform(platform());
        await stores.platforms.savePlatform(platform({ clientId: 'c-2', deploymentIds: [] }));
        await stores.platforms.savePlatform(platform({ issuer: 'https://other.example' }));
        await stores.platforms.savePlatform(platform({ deploymentIds: ['dep-1', 'dep-2'], tokenEndpoint: 'https://lms.example.edu/token' }));
        const found = (await stores.platforms.findPlatforms('https://lms.example.edu')).sort((a, b) => a.clientId.localeCompare(b.clientId));
        assert.deepEqual(
          found.map((registration) => [registration.clientId, registration.deploymentIds, registration.tokenEndpoint]),
          [
            ['c-1', ['dep-1', 'dep-2'], 'https://lms.example.edu/token'],
            ['c-2', [], undefined],
          ],
        );
        await stores.platforms.deletePlatform('https://lms.example.edu', 'c-1');
        assert.deepEqual((await stores.platforms.findPlatforms('https://lms.example.edu')).map((registration) => registration.clientId), ['c-2']);
        assert.deepEqual(await stores.platforms.findPlatforms('https://nobody.example'), []);
      });
    });

    describe('AgsStore (AGS-012, AGS-030, AGS-042, AGS-050)', () => {
      it('creates, reads, replaces and deletes line items, extensions and all, handing out copies', async () => {
        const extensions = { submissionReview: { reviewableStatus: ['Submitted'] }, 'https://canvas.instructure.com/lti/submission_type': { type: 'none' } };
        await stores.ags.createLineItem(lineItem({ deploymentId: 'd-1', resourceLinkId: 'rl-1', tag: 'final', startDateTime: '2026-03-01T08:00:00Z', gradesReleased: true, extensions }));
        const read = await stores.ags.getLineItem('li-1');
        assert.deepEqual(read, lineItem({ deploymentId: 'd-1', resourceLinkId: 'rl-1', tag: 'final', startDateTime: '2026-03-01T08:00:00Z', gradesReleased: true, extensions }));
        read!.label = 'changed by the caller';
        assert.equal((await stores.ags.getLineItem('li-1'))?.label, 'Quiz 1');
        assert.equal(await stores.ags.updateLineItem(lineItem({ label: 'Quiz 1 (v2)', scoreMaximum: 20.5 })), true);
        assert.deepEqual(await stores.ags.getLineItem('li-1'), lineItem({ label: 'Quiz 1 (v2)', scoreMaximum: 20.5 }));
        assert.equal(await stores.ags.updateLineItem(lineItem({ id: 'li-none' })), false);
        assert.equal(await stores.ags.getLineItem('li-none'), undefined);
        assert.equal(await stores.ags.deleteLineItem('li-1'), true);
        assert.equal(await stores.ags.deleteLineItem('li-1'), false);
        assert.equal(await stores.ags.getLineItem('li-1'), undefined);
      });

      it('lists one tool\u2019s line items of one context, filtered with AND, in (createdAt, id) order, a page at a time', async () => {
        const created = 1_767_225_600;
        await stores.ags.createLineItem(lineItem({ id: 'li-c', createdAt: created + 1, resourceLinkId: 'rl-1', tag: 'final' }));
        await stores.ags.createLineItem(lineItem({ id: 'li-b', createdAt: created, resourceLinkId: 'rl-1', resourceId: 'quiz-1' }));
        await stores.ags.createLineItem(lineItem({ id: 'li-a', createdAt: created + 1, resourceLinkId: 'rl-2', tag: 'final', deploymentId: 'd-1' }));
        await stores.ags.createLineItem(lineItem({ id: 'li-d', createdAt: created + 2, deploymentId: 'd-2' }));
        await stores.ags.createLineItem(lineItem({ id: 'li-other-tool', clientId: 'tool-2' }));
        await stores.ags.createLineItem(lineItem({ id: 'li-other-context', contextId: 'ctx-2' }));
        const ids = async (query: Partial<Parameters<AgsStore['listLineItems']>[0]>): Promise<string[]> =>
          (await stores.ags.listLineItems({ contextId: 'ctx-1', clientId: 'tool-1', limit: 100, ...query })).map((item) => item.id);
        assert.deepEqual(await ids({}), ['li-b', 'li-a', 'li-c', 'li-d']);
        assert.deepEqual(await ids({ resourceLinkId: 'rl-1' }), ['li-b', 'li-c']);
        assert.deepEqual(await ids({ tag: 'final' }), ['li-a', 'li-c']);
        assert.deepEqual(await ids({ resourceLinkId: 'rl-1', tag: 'final' }), ['li-c']);
        assert.deepEqual(await ids({ resourceId: 'quiz-1' }), ['li-b']);
        assert.deepEqual(await ids({ tag: 'none' }), []);
        // A deployment sees its own line items and those of no deployment.
        assert.deepEqual(await ids({ deploymentId: 'd-1' }), ['li-b', 'li-a', 'li-c']);
        assert.deepEqual(await ids({ clientId: 'tool-2' }), ['li-other-tool']);
        assert.deepEqual(await ids({ limit: 2 }), ['li-b', 'li-a']);
        assert.deepEqual(await ids({ limit: 2, after: { createdAt: created + 1, id: 'li-a' } }), ['li-c', 'li-d']);
        assert.deepEqual(await ids({ limit: 2, after: { createdAt: created + 2, id: 'li-d' } }), []);
      });

      it('keeps every accepted score, refuses one not later than the latest (AGS-042), and knows unknown line items', async () => {
        await stores.ags.createLineItem(lineItem());
        assert.equal(await stores.ags.recordScore(score({}, 10)), 'recorded');
        assert.equal(await stores.ags.recordScore(score({}, 9)), 'stale');
        assert.equal(await stores.ags.recordScore(score({ comment: 'same instant' }, 10)), 'stale');
        // The same instant written with another offset is not later either.
        assert.equal(await stores.ags.recordScore(score({ timestamp: '2026-01-01T01:00:10+01:00' })), 'stale');
        assert.equal(await stores.ags.recordScore(score({ timestamp: '2026-01-01T00:00:10.000001Z', scoreGiven: 11 })), 'recorded');
        assert.equal(await stores.ags.recordScore(score({ userId: 'u-2' }, 5)), 'recorded');
        const cleared = score({ activityProgress: 'Initialized', gradingProgress: 'NotReady', scoreGiven: undefined, scoreMaximum: undefined, submission: { startedAt: '2026-01-01T00:00:00Z' }, extensions: { 'https://example.com/x': 1 } }, 30);
        assert.equal(await stores.ags.recordScore(cleared), 'recorded');
        assert.equal(await stores.ags.recordScore(score({ lineItemId: 'li-none' }, 40)), 'line_item_unknown');
        assert.deepEqual(
          (await stores.ags.scoreHistory('li-1', 'u-1')).map((item) => [item.timestamp, item.scoreGiven]),
          [
            ['2026-01-01T00:00:10.000Z', 10],
            ['2026-01-01T00:00:10.000001Z', 11],
            ['2026-01-01T00:00:30.000Z', undefined],
          ],
        );
        const latest = await stores.ags.listLatestScores({ lineItemId: 'li-1', limit: 10 });
        assert.deepEqual(latest, [JSON.parse(JSON.stringify(cleared)), score({ userId: 'u-2' }, 5)]);
        assert.deepEqual(await stores.ags.scoreHistory('li-1', 'u-9'), []);
        assert.deepEqual(await stores.ags.scoreHistory('li-none', 'u-1'), []);
      });

      it('lets no older score replace a newer one when many arrive at once (AGS-042)', async () => {
        await stores.ags.createLineItem(lineItem());
        // Timestamps 1..24 in a scrambled order, all at once.
        const seconds = Array.from({ length: 24 }, (_, index) => ((index * 7) % 24) + 1);
        const outcomes = await Promise.all(seconds.map((second) => stores.ags.recordScore(score({}, second))));
        const history = await stores.ags.scoreHistory('li-1', 'u-1');
        assert.equal(history.length, outcomes.filter((outcome) => outcome === 'recorded').length);
        const stored = history.map((item) => item.scoreGiven!);
        assert.deepEqual(stored, [...stored].sort((a, b) => a - b), 'the history only ever grew later');
        assert.equal(stored.at(-1), 24);
        assert.equal((await stores.ags.listLatestScores({ lineItemId: 'li-1', userId: 'u-1', limit: 1 }))[0]?.scoreGiven, 24);
        // The same timestamp many times at once: exactly one is stored.
        const same = await Promise.all(Array.from({ length: 12 }, (_, index) => stores.ags.recordScore(score({ scoringUserId: `t-${index}` }, 50))));
        assert.equal(same.filter((outcome) => outcome === 'recorded').length, 1);
        assert.equal(same.filter((outcome) => outcome === 'stale').length, 11);
      });

      it('lists the latest score per user, for one user or a page after a user', async () => {
        await stores.ags.createLineItem(lineItem());
        await stores.ags.createLineItem(lineItem({ id: 'li-2' }));
        for (const userId of ['u-3', 'u-1', 'u-2']) {
          await stores.ags.recordScore(score({ userId }, 1));
          await stores.ags.recordScore(score({ userId }, 2));
        }
        await stores.ags.recordScore(score({ lineItemId: 'li-2', userId: 'u-9' }, 1));
        const users = async (query: Partial<Parameters<AgsStore['listLatestScores']>[0]>): Promise<Array<[string, number | undefined]>> =>
          (await stores.ags.listLatestScores({ lineItemId: 'li-1', limit: 10, ...query })).map((item) => [item.userId, item.scoreGiven]);
        assert.deepEqual(await users({}), [
          ['u-1', 2],
          ['u-2', 2],
          ['u-3', 2],
        ]);
        assert.deepEqual(await users({ userId: 'u-2' }), [['u-2', 2]]);
        assert.deepEqual(await users({ userId: 'u-9' }), []);
        assert.deepEqual(await users({ limit: 2 }), [
          ['u-1', 2],
          ['u-2', 2],
        ]);
        assert.deepEqual(await users({ limit: 2, afterUserId: 'u-2' }), [['u-3', 2]]);
        assert.deepEqual(await users({ lineItemId: 'li-2' }), [['u-9', 1]]);
        assert.deepEqual(await users({ lineItemId: 'li-none' }), []);
      });

      it('deletes a line item\u2019s scores with it', async () => {
        await stores.ags.createLineItem(lineItem());
        await stores.ags.recordScore(score({}, 1));
        await stores.ags.deleteLineItem('li-1');
        assert.deepEqual(await stores.ags.scoreHistory('li-1', 'u-1'), []);
        assert.deepEqual(await stores.ags.listLatestScores({ lineItemId: 'li-1', limit: 10 }), []);
        assert.equal(await stores.ags.recordScore(score({}, 2)), 'line_item_unknown');
        // A new line item with the same id starts empty.
        await stores.ags.createLineItem(lineItem());
        assert.equal(await stores.ags.recordScore(score({}, 1)), 'recorded');
      });

      it('reads a context\u2019s gradebook: its line items in order, each with the latest score of every user', async () => {
        await stores.ags.createLineItem(lineItem({ id: 'li-b', createdAt: 2 }));
        await stores.ags.createLineItem(lineItem({ id: 'li-a', createdAt: 1 }));
        await stores.ags.createLineItem(lineItem({ id: 'li-other-tool', clientId: 'tool-2', createdAt: 3 }));
        await stores.ags.createLineItem(lineItem({ id: 'li-other-context', contextId: 'ctx-2' }));
        await stores.ags.recordScore(score({ lineItemId: 'li-a', userId: 'u-2' }, 1));
        await stores.ags.recordScore(score({ lineItemId: 'li-a', userId: 'u-1' }, 1));
        await stores.ags.recordScore(score({ lineItemId: 'li-a', userId: 'u-1' }, 2));
        await stores.ags.recordScore(score({ lineItemId: 'li-other-tool', userId: 'u-1' }, 3));
        const columns = (gradebook: Awaited<ReturnType<AgsStore['readGradebook']>>) =>
          gradebook.map(({ lineItem: item, latestScores }) => [item.id, latestScores.map((latest) => `${latest.userId}:${latest.scoreGiven}`)]);
        assert.deepEqual(columns(await stores.ags.readGradebook('ctx-1')), [
          ['li-a', ['u-1:2', 'u-2:1']],
          ['li-b', []],
          ['li-other-tool', ['u-1:3']],
        ]);
        assert.deepEqual(columns(await stores.ags.readGradebook('ctx-1', { clientId: 'tool-1' })), [
          ['li-a', ['u-1:2', 'u-2:1']],
          ['li-b', []],
        ]);
        assert.deepEqual(await stores.ags.readGradebook('ctx-none'), []);
      });
    });

    describe('Lti11CredentialStore (OA-006, MIG-005)', () => {
      it('gets, lists in key order, replaces and deletes credentials; reads are copies', async () => {
        await stores.lti11.saveCredential({ consumerKey: 'ck-b', secret: 's-b', createdAt: 1 });
        await stores.lti11.saveCredential({ consumerKey: 'ck-a', secret: 's-a', name: 'Quiz', claims: ['name'], createdAt: 2 });
        await stores.lti11.saveCredential({ consumerKey: 'ck-b', secret: 's-b2', lti13: { issuer: 'https://lms.example.edu', clientId: 'c-1', deploymentIds: ['d-1'] }, createdAt: 1 });
        const b = await stores.lti11.getCredential('ck-b');
        assert.equal(b?.secret, 's-b2');
        assert.deepEqual(b?.lti13, { issuer: 'https://lms.example.edu', clientId: 'c-1', deploymentIds: ['d-1'] });
        b!.lti13!.deploymentIds!.push('mutated');
        assert.deepEqual((await stores.lti11.getCredential('ck-b'))?.lti13?.deploymentIds, ['d-1']);
        assert.deepEqual((await stores.lti11.listCredentials()).map((item) => item.consumerKey), ['ck-a', 'ck-b']);
        assert.equal(await stores.lti11.getCredential('CK-A'), undefined, 'keys are case-sensitive');
        await stores.lti11.deleteCredential('ck-a');
        assert.equal(await stores.lti11.getCredential('ck-a'), undefined);
        assert.deepEqual((await stores.lti11.listCredentials()).map((item) => item.consumerKey), ['ck-b']);
      });

      it('creates a credential only when its key is free, and of concurrent creations of one key exactly one wins', async () => {
        assert.equal(await stores.lti11.createCredential({ consumerKey: 'ck-new', secret: 's-1', createdAt: 1 }), true);
        assert.equal(await stores.lti11.createCredential({ consumerKey: 'ck-new', secret: 's-2', createdAt: 2 }), false);
        assert.equal((await stores.lti11.getCredential('ck-new'))?.secret, 's-1', 'the refused creation changed nothing');
        const secrets = Array.from({ length: 8 }, (_, index) => `race-${index}`);
        const created = await Promise.all(secrets.map((secret) => stores.lti11.createCredential({ consumerKey: 'ck-race', secret, createdAt: 3 })));
        assert.equal(created.filter(Boolean).length, 1);
        assert.equal((await stores.lti11.getCredential('ck-race'))?.secret, secrets[created.indexOf(true)]);
        // A deleted key is free again.
        await stores.lti11.deleteCredential('ck-new');
        assert.equal(await stores.lti11.createCredential({ consumerKey: 'ck-new', secret: 's-3', createdAt: 4 }), true);
      });
    });

    describe('ToolRegistrationStore', () => {
      it('gets, lists, replaces and deletes tools', async () => {
        await stores.tools.saveTool(tool());
        await stores.tools.saveTool(tool({ clientId: 'tool-2', customParameters: { course: '$Context.id' }, scopes: ['s'] }));
        await stores.tools.saveTool(tool({ name: 'Quiz v2', claims: ['name', 'email'] }));
        assert.deepEqual((await stores.tools.getTool('tool-1'))?.claims, ['name', 'email']);
        assert.equal((await stores.tools.getTool('tool-1'))?.name, 'Quiz v2');
        assert.deepEqual((await stores.tools.getTool('tool-2'))?.customParameters, { course: '$Context.id' });
        assert.deepEqual((await stores.tools.listTools()).map((item) => item.clientId).sort(), ['tool-1', 'tool-2']);
        await stores.tools.deleteTool('tool-1');
        assert.equal(await stores.tools.getTool('tool-1'), undefined);
        assert.deepEqual((await stores.tools.listTools()).map((item) => item.clientId), ['tool-2']);
      });

      it('creates a tool only when its client id is free, and of concurrent creations under one client id exactly one wins', async () => {
        assert.equal(await stores.tools.createTool(tool({ clientId: 'tool-new', name: 'First' })), true);
        assert.equal(await stores.tools.createTool(tool({ clientId: 'tool-new', name: 'Second' })), false);
        assert.equal((await stores.tools.getTool('tool-new'))?.name, 'First', 'the refused creation changed nothing');
        const names = Array.from({ length: 8 }, (_, index) => `race-${index}`);
        const created = await Promise.all(names.map((name) => stores.tools.createTool(tool({ clientId: 'tool-race', name }))));
        assert.equal(created.filter(Boolean).length, 1);
        assert.equal((await stores.tools.getTool('tool-race'))?.name, names[created.indexOf(true)]);
        // A deleted client id is free again.
        await stores.tools.deleteTool('tool-new');
        assert.equal(await stores.tools.createTool(tool({ clientId: 'tool-new', name: 'Third' })), true);
        assert.equal((await stores.tools.getTool('tool-new'))?.name, 'Third');
      });
    });
  });
}
