// The platform's AGS endpoints over the SQL store, on every backend: concurrent score posts through
// `platform.fetch` keep the timestamp order (AGS-042) — on PostgreSQL with real concurrency across
// the pool's connections — and every 2xx answer means a committed score.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { createAgsPlatform, scoreBody } from '../../ltikit/test/support/ags_platform.js';
import { SqlAgsStore, runMigrations, storeMigrations } from '../src/index.js';
import { type TestDatabase, testBackends } from './support/databases.js';

for (const backend of testBackends) {
  describe(`AGS endpoints over SqlAgsStore on ${backend.dialect}`, { skip: backend.skip }, () => {
    let test: TestDatabase;
    beforeEach(async () => {
      test = await backend.open();
      await runMigrations(test.database.db, storeMigrations);
    });
    afterEach(async () => {
      await test.cleanup();
    });

    it('keeps the latest of many scores posted at once, and answers 204 only for committed ones (AGS-042)', async () => {
      const env = await createAgsPlatform({ ags: { store: new SqlAgsStore(test.database.db) } });
      const lineItem = await env.createLineItem({ label: 'Quiz', scoreMaximum: 60 });
      const lineItemId = lineItem.id.split('/').at(-1)!;
      const seconds = Array.from({ length: 16 }, (_, index) => ((index * 5) % 16) + 1);
      const responses = await Promise.all(seconds.map((second) => env.postScore(lineItem.id, scoreBody({ scoreGiven: second }, second))));
      const accepted = seconds.filter((_, index) => responses[index]!.status === 204);
      assert.ok(responses.every((response) => response.status === 204 || response.status === 409));
      assert.ok(accepted.includes(16), 'the latest score is always accepted');
      const history = (await env.store.scoreHistory(lineItemId, 'u-1')).map((score) => score.scoreGiven);
      assert.deepEqual(history, [...accepted].sort((a, b) => a - b));
      const results = await env.call('GET', `${lineItem.id}/results`, { token: await env.token() });
      assert.deepEqual(((await results.json()) as Array<{ resultScore: number }>).map((result) => result.resultScore), [96]);
    });

    it('stores exactly one of two scores posted at once with the same timestamp', async () => {
      const env = await createAgsPlatform({ ags: { store: new SqlAgsStore(test.database.db) } });
      const lineItem = await env.createLineItem({ label: 'Quiz', scoreMaximum: 10 });
      const responses = await Promise.all([1, 2].map((given) => env.postScore(lineItem.id, scoreBody({ scoreGiven: given }, 7))));
      assert.deepEqual(responses.map((response) => response.status).sort(), [204, 409]);
      assert.equal((await env.store.scoreHistory(lineItem.id.split('/').at(-1)!, 'u-1')).length, 1);
    });
  });
}
