// runMigrations on every backend: idempotent, named failures rolled back, separate lists per app,
// concurrent start-ups.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { type Migration, sql } from 'kysely';
import { SqlStoreError, openDatabase, runMigrations, storeMigrations } from '../src/index.js';
import { type TestDatabase, openPostgresSchema, testBackends } from './support/databases.js';
import { postgresSkipReason, postgresTestUrl } from './support/postgres.js';

const storeMigrationNames = ['0001_single_use', '0002_signing_keys', '0003_platforms', '0004_tools', '0005_ags', '0006_lti11_credentials'];

const appMigrations: Record<string, Migration> = {
  '0001_courses': {
    up: async (db) => {
      await db.schema.createTable('app_course').addColumn('id', 'text', (column) => column.primaryKey()).execute();
    },
  },
};

async function tableNames(test: TestDatabase): Promise<string[]> {
  return (await test.database.db.introspection.getTables())
    .filter((table) => test.schema === undefined || table.schema === test.schema)
    .map((table) => table.name)
    .sort();
}

for (const backend of testBackends) {
  describe(`runMigrations on ${backend.dialect}`, { skip: backend.skip }, () => {
    let test: TestDatabase;
    beforeEach(async () => {
      test = await backend.open();
    });
    afterEach(async () => {
      await test.cleanup();
    });

    it('applies the store migrations once: a second run applies nothing', async () => {
      assert.deepEqual(Object.keys(storeMigrations), storeMigrationNames);
      assert.deepEqual(await runMigrations(test.database.db, storeMigrations), storeMigrationNames);
      assert.deepEqual(await runMigrations(test.database.db, storeMigrations), []);
      const tables = await tableNames(test);
      for (const table of ['ltikit_single_use', 'ltikit_signing_keys', 'ltikit_platforms', 'ltikit_tools', 'ltikit_ags_line_items', 'ltikit_ags_results', 'ltikit_ags_scores', 'ltikit_migration']) {
        assert.ok(tables.includes(table), `${table} in ${tables.join(', ')}`);
      }
    });

    it("keeps an app's own migration list apart under its own table name", async () => {
      await runMigrations(test.database.db, storeMigrations);
      assert.deepEqual(await runMigrations(test.database.db, appMigrations, { tableName: 'app_migration' }), ['0001_courses']);
      assert.deepEqual(await runMigrations(test.database.db, appMigrations, { tableName: 'app_migration' }), []);
      assert.deepEqual(await runMigrations(test.database.db, storeMigrations), []);
      const tables = await tableNames(test);
      assert.ok(tables.includes('app_migration') && tables.includes('app_migration_lock') && tables.includes('app_course'));
    });

    it('names the failing migration and rolls back the whole run', async () => {
      const migrations: Record<string, Migration> = {
        ...appMigrations,
        '0002_broken': {
          up: async (db) => {
            await sql`select * from no_such_table`.execute(db);
          },
        },
      };
      const error = await runMigrations(test.database.db, migrations, { tableName: 'app_migration' }).then(
        () => assert.fail('expected ERR_SQL_MIGRATION_FAILED'),
        (caught: unknown) => caught,
      );
      assert.ok(error instanceof SqlStoreError);
      assert.equal(error.code, 'ERR_SQL_MIGRATION_FAILED');
      assert.match(error.message, /^Migration 0002_broken failed: /);
      assert.ok(!(await tableNames(test)).includes('app_course'), 'the migration before the broken one was rolled back');
      // Fixed, the list runs from the start.
      assert.deepEqual(await runMigrations(test.database.db, appMigrations, { tableName: 'app_migration' }), ['0001_courses']);
    });

    it('lets two connections migrate at the same time', { skip: backend.dialect === 'sqlite' && 'one process opens a SQLite file once; see race_sqlite.test.ts' }, async () => {
      const other = await openDatabase(test.url);
      try {
        const [first, second] = await Promise.all([runMigrations(test.database.db, storeMigrations), runMigrations(other.db, storeMigrations)]);
        assert.deepEqual([...first, ...second].sort(), storeMigrationNames);
      } finally {
        await other.close();
      }
    });
  });
}

describe('runMigrations on PostgreSQL schemas', { skip: postgresTestUrl() === undefined ? postgresSkipReason : false }, () => {
  it('migrates a schema even when another schema of the database already has the tables', async () => {
    const first = await openPostgresSchema();
    const second = await openPostgresSchema();
    try {
      assert.deepEqual(await runMigrations(first.database.db, storeMigrations), storeMigrationNames);
      assert.deepEqual(await runMigrations(second.database.db, storeMigrations), storeMigrationNames);
    } finally {
      await first.cleanup();
      await second.cleanup();
    }
  });

  it('refuses a search_path whose schema does not exist with ERR_SQL_MIGRATION_FAILED', async () => {
    const url = new URL(postgresTestUrl()!);
    url.searchParams.set('options', '-c search_path=ltikit_no_such_schema');
    const database = await openDatabase(url.href);
    try {
      await assert.rejects(runMigrations(database.db, storeMigrations), (error: unknown) => error instanceof SqlStoreError && error.code === 'ERR_SQL_MIGRATION_FAILED');
    } finally {
      await database.close();
    }
  });
});
