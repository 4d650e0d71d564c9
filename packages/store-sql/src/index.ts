/**
 * `@ltikit/store-sql`: the ltikit stores on SQLite (better-sqlite3) or PostgreSQL (pg) through
 * kysely, with the URL parsing, connection check and migrations an app needs at start-up.
 *
 * @example
 * ```ts
 * import { createSqlStores, openDatabase, runMigrations, storeMigrations } from '@ltikit/store-sql';
 * const database = await openDatabase(process.env.DATABASE_URL ?? 'sqlite:data/tool.db');
 * await runMigrations(database.db, storeMigrations);
 * const stores = createSqlStores(database.db);
 * ```
 */
export { createSqlStores } from './create_sql_stores.js';
export { SqlStoreError } from './errors.js';
export { openDatabase, type SqlDatabase, type SqlDialectName } from './open_database.js';
export { runMigrations } from './run_migrations.js';
export { SqlAgsStore } from './sql_ags_store.js';
export { SqlKeyStore } from './sql_key_store.js';
export { SqlLti11CredentialStore } from './sql_lti11_credential_store.js';
export { SqlPlatformRegistrationStore } from './sql_platform_registration_store.js';
export { SqlSingleUseStore } from './sql_single_use_store.js';
export { SqlToolRegistrationStore } from './sql_tool_registration_store.js';
export { storeMigrations } from './store_migrations.js';
