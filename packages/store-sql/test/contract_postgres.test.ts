// The store contract on PostgreSQL, in a schema of this file's own; each test starts from empty tables.
import { after, before, describe } from 'node:test';
import { fixedClock } from 'ltikit';
import { describeStoreContract } from '../../ltikit/test/stores/contract.js';
import { createSqlStores, runMigrations, storeMigrations } from '../src/index.js';
import { type TestDatabase, openPostgresSchema } from './support/databases.js';
import { postgresSkipReason, postgresTestUrl } from './support/postgres.js';

describe('postgres', { skip: postgresTestUrl() === undefined ? postgresSkipReason : false }, () => {
  let test: TestDatabase | undefined;
  before(async () => {
    test = await openPostgresSchema();
    await runMigrations(test.database.db, storeMigrations);
  });
  after(async () => {
    await test?.cleanup();
  });

  describeStoreContract('postgres', async () => {
    const db = test!.database.db;
    // Scores before their line items (foreign keys).
    for (const table of ['ltikit_single_use', 'ltikit_signing_keys', 'ltikit_platforms', 'ltikit_tools', 'ltikit_ags_scores', 'ltikit_ags_results', 'ltikit_ags_line_items', 'ltikit_lti11_credentials']) {
      await db.deleteFrom(table).execute();
    }
    const clock = fixedClock(1_767_225_600);
    return { ...createSqlStores(db, { clock }), clock };
  });
});
