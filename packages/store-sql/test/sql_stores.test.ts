// What the SQL stores promise beyond the shared contract, on every backend: expiry sweeps, whole
// seconds past 2038, fresh objects on every read, and stores inside a caller's transaction.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { fixedClock } from 'ltikit';
import type { ToolRegistration } from 'ltikit/stores';
import { SqlToolRegistrationStore, createSqlStores, runMigrations, storeMigrations } from '../src/index.js';
import { lineItem, score, tool } from '../../ltikit/test/stores/contract.js';
import { type TestDatabase, testBackends } from './support/databases.js';

const NOW = 1_767_225_600;

const quizTool: ToolRegistration = tool({ customParameters: { course: '$Context.id' } });

for (const backend of testBackends) {
  describe(`SQL stores on ${backend.dialect}`, { skip: backend.skip }, () => {
    let test: TestDatabase;
    beforeEach(async () => {
      test = await backend.open();
      await runMigrations(test.database.db, storeMigrations);
    });
    afterEach(async () => {
      await test.cleanup();
    });

    const countRows = async (): Promise<number> =>
      Number((await test.database.db.selectFrom('ltikit_single_use').select((expression) => expression.fn.countAll().as('rows')).executeTakeFirstOrThrow()).rows);

    it('sweepExpired deletes only expired values and says how many', async () => {
      const clock = fixedClock(NOW);
      const { singleUse } = createSqlStores(test.database.db, { clock });
      await singleUse.issue('state', 'a', 'v', NOW + 10);
      await singleUse.issue('nonce', 'b', 'v', NOW + 20);
      assert.equal(await singleUse.remember('jti', 'c', NOW + 60), true);
      clock.advance(20);
      assert.equal(await singleUse.sweepExpired(), 2);
      assert.equal(await countRows(), 1);
      assert.equal(await singleUse.remember('jti', 'c', NOW + 90), false);
    });

    it('sweeps expired values by itself every 1,000 writes', async () => {
      const clock = fixedClock(NOW);
      const { singleUse } = createSqlStores(test.database.db, { clock });
      await singleUse.issue('state', 'old', 'v', NOW + 1);
      clock.advance(5);
      for (let start = 1; start < 1000; start += 111) {
        await Promise.all(Array.from({ length: Math.min(111, 1000 - start) }, (_, offset) => singleUse.remember('jti', `j-${start + offset}`, NOW + 60)));
      }
      assert.equal(await countRows(), 999, 'the 1,000th write swept the expired value');
    });

    it('stores expiries after 2038 and rounds fractional ones up to whole seconds', async () => {
      const year2100 = 4_102_444_800;
      const clock = fixedClock(year2100);
      const { singleUse } = createSqlStores(test.database.db, { clock });
      await singleUse.issue('state', 'far', 'v', year2100 + 0.5);
      assert.equal(await singleUse.peek('state', 'far'), 'v');
      clock.advance(1);
      assert.equal(await singleUse.peek('state', 'far'), undefined);
      assert.equal(await singleUse.remember('jti', 'far', year2100 + 60), true);
      assert.equal(await singleUse.remember('jti', 'far', year2100 + 60), false);
      await assert.rejects(singleUse.issue('state', 'nan', 'v', Number.NaN), TypeError);
    });

    it('hands out fresh objects, so a caller cannot change the store by editing one', async () => {
      const { tools, platforms, keys } = createSqlStores(test.database.db);
      await tools.saveTool(quizTool);
      const first = await tools.getTool('tool-1');
      first!.redirectUris.push('https://evil.example/launch');
      first!.customParameters!.course = 'changed';
      assert.deepEqual(await tools.getTool('tool-1'), quizTool);
      (await tools.listTools())[0]!.name = 'changed';
      assert.equal((await tools.getTool('tool-1'))?.name, 'Quiz');

      await platforms.savePlatform({ issuer: 'https://lms.example.edu', clientId: 'c-1', deploymentIds: ['dep-1'], authorizationEndpoint: 'https://lms.example.edu/authorize' });
      (await platforms.findPlatforms('https://lms.example.edu'))[0]!.deploymentIds.push('dep-2');
      assert.deepEqual((await platforms.findPlatforms('https://lms.example.edu'))[0]!.deploymentIds, ['dep-1']);

      await keys.saveKey('platform', { kid: 'k', alg: 'RS256', status: 'active', privateJwk: { kty: 'RSA' }, publicJwk: { kty: 'RSA' }, createdAt: 1 });
      (await keys.listKeys('platform'))[0]!.status = 'retired';
      assert.equal((await keys.listKeys('platform'))[0]!.status, 'active');
    });

    it("writes through a caller's transaction: rolled back with it, kept when it commits", async () => {
      const { db } = test.database;
      await assert.rejects(
        db.transaction().execute(async (transaction) => {
          await createSqlStores(transaction).tools.saveTool(quizTool);
          assert.ok(await new SqlToolRegistrationStore(transaction).getTool('tool-1'), 'visible inside the transaction');
          throw new Error('abort');
        }),
        /abort/,
      );
      assert.equal(await createSqlStores(db).tools.getTool('tool-1'), undefined);
      await db.transaction().execute(async (transaction) => {
        await createSqlStores(transaction).tools.saveTool(quizTool);
        await createSqlStores(transaction).singleUse.issue('state', 's', 'v', NOW + 60);
      });
      assert.equal((await createSqlStores(db).tools.getTool('tool-1'))?.name, 'Quiz');
      assert.equal(await createSqlStores(db, { clock: fixedClock(NOW) }).singleUse.consume('state', 's'), 'v');
    });

    it("records AGS line items and scores through a caller's transaction, rolled back or kept with it (AGS-042)", async () => {
      const { db } = test.database;
      await createSqlStores(db).ags.createLineItem(lineItem());
      await assert.rejects(
        db.transaction().execute(async (transaction) => {
          const { ags } = createSqlStores(transaction);
          assert.equal(await ags.recordScore(score({}, 5)), 'recorded');
          assert.equal(await ags.recordScore(score({}, 4)), 'stale', 'the transaction sees its own score');
          await ags.deleteLineItem('li-1');
          throw new Error('abort');
        }),
        /abort/,
      );
      const { ags } = createSqlStores(db);
      assert.ok(await ags.getLineItem('li-1'));
      assert.deepEqual(await ags.scoreHistory('li-1', 'u-1'), []);
      await db.transaction().execute(async (transaction) => {
        assert.equal(await createSqlStores(transaction).ags.recordScore(score({}, 5)), 'recorded');
      });
      assert.equal((await ags.listLatestScores({ lineItemId: 'li-1', limit: 1 }))[0]?.scoreGiven, 5);
      assert.equal(await ags.recordScore(score({}, 4)), 'stale');
    });

    it('orders AGS scores by the instant, with microseconds, far past 2038', async () => {
      const { ags } = createSqlStores(test.database.db);
      await ags.createLineItem(lineItem());
      assert.equal(await ags.recordScore(score({ timestamp: '2199-12-31T23:59:59.999998Z' })), 'recorded');
      assert.equal(await ags.recordScore(score({ timestamp: '2200-01-01T00:59:59.999998+01:00' })), 'stale');
      assert.equal(await ags.recordScore(score({ timestamp: '2199-12-31T23:59:59.999999Z' })), 'recorded');
      assert.deepEqual(
        (await ags.scoreHistory('li-1', 'u-1')).map((item) => item.timestamp),
        ['2199-12-31T23:59:59.999998Z', '2199-12-31T23:59:59.999999Z'],
      );
    });
  });
}
