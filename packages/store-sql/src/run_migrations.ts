import { type Kysely, type Migration, type MigrationResultSet, Migrator, PostgresAdapter, SqliteAdapter, sql } from 'kysely';
import { SqlStoreError } from './errors.js';

function failed(message: string, cause: unknown): SqlStoreError {
  const reason = (cause instanceof Error ? cause.message : String(cause)).replace(/\.$/, '');
  return new SqlStoreError('ERR_SQL_MIGRATION_FAILED', `${message}: ${reason}.`, { cause });
}

/**
 * Brings the database to the latest of `migrations` (sorted by name) with kysely's `Migrator` and
 * returns the names applied by this call (`[]` when already up to date). Safe when several
 * processes start at once:
 *
 * - PostgreSQL: kysely's advisory lock serialises the runs, and all pending migrations commit in
 *   one transaction. The bookkeeping tables live in the connection's `current_schema()`, so one
 *   database can hold one app per schema (e.g. `?options=-c%20search_path%3Dmy_schema`).
 * - SQLite: the run holds `BEGIN IMMEDIATE` (the file's write lock) from the first check to the
 *   last migration, and is rolled back as a whole when one fails. Migrations must therefore not
 *   open transactions of their own, and other queries of this process on the same `db` wait or
 *   join the run, so migrate before serving.
 *
 * `tableName` (default `ltikit_migration`) and `lockTableName` (default `<tableName>_lock`) let an
 * app keep its own list next to {@link storeMigrations}. Throws {@link SqlStoreError}
 * `ERR_SQL_MIGRATION_FAILED` naming the failing migration. The store tables hold state, nonces
 * and keys (OIDC-012, SEC-006).
 *
 * @example
 * ```ts
 * await runMigrations(database.db, storeMigrations);
 * await runMigrations(database.db, hubMigrations, { tableName: 'hub_migration' });
 * ```
 */
export async function runMigrations(
  // biome-ignore lint/suspicious/noExplicitAny: kysely's Migration API is typed over Kysely<any>.
  db: Kysely<any>,
  migrations: Record<string, Migration>,
  options: { tableName?: string; lockTableName?: string } = {},
): Promise<string[]> {
  const migrationTableName = options.tableName ?? 'ltikit_migration';
  const migrationLockTableName = options.lockTableName ?? `${migrationTableName}_lock`;
  const provider = { getMigrations: async () => migrations };
  const adapter = db.getExecutor().adapter;
  let result: MigrationResultSet;

  if (adapter instanceof PostgresAdapter) {
    // kysely looks the bookkeeping tables up across every schema of the database; naming the
    // current one keeps a table of the same name in another schema from being taken for ours.
    let schema: string | null | undefined;
    try {
      schema = (await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db)).rows[0]?.schema;
    } catch (error) {
      throw failed('Cannot read the current PostgreSQL schema before migrating', error);
    }
    if (schema === null || schema === undefined) {
      throw new SqlStoreError('ERR_SQL_MIGRATION_FAILED', 'No schema of the search_path exists in this PostgreSQL database: create it before migrating.');
    }
    const migrator = new Migrator({ db, provider, migrationTableName, migrationLockTableName, migrationTableSchema: schema });
    result = await migrator.migrateToLatest();
  } else if (adapter instanceof SqliteAdapter) {
    // kysely's SQLite lock is a no-op (it assumes one process) and its SQLite migrations run
    // outside a transaction. The file's write lock makes the run exclusive across processes and atomic.
    try {
      await sql`begin immediate`.execute(db);
    } catch (error) {
      throw failed('Cannot lock the SQLite database to migrate', error);
    }
    try {
      result = await new Migrator({ db, provider, migrationTableName, migrationLockTableName }).migrateToLatest();
    } catch (error) {
      result = { error };
    }
    if (result.error !== undefined) {
      // SQLite may already have rolled back on some errors; the failure itself is what to report.
      await sql`rollback`.execute(db).catch(() => {});
    } else {
      try {
        await sql`commit`.execute(db);
      } catch (error) {
        await sql`rollback`.execute(db).catch(() => {});
        throw failed('Cannot commit the SQLite migrations', error);
      }
    }
  } else {
    result = await new Migrator({ db, provider, migrationTableName, migrationLockTableName }).migrateToLatest();
  }

  const results = result.results ?? [];
  if (result.error !== undefined) {
    const name = results.find((item) => item.status === 'Error')?.migrationName;
    throw failed(name === undefined ? 'Migrations could not run' : `Migration ${name} failed`, result.error);
  }
  return results.filter((item) => item.status === 'Success').map((item) => item.migrationName);
}
