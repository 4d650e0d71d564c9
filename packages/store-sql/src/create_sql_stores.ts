import type { Kysely } from 'kysely';
import type { Clock } from 'ltikit';
import { SqlAgsStore } from './sql_ags_store.js';
import { SqlKeyStore } from './sql_key_store.js';
import { SqlLti11CredentialStore } from './sql_lti11_credential_store.js';
import { SqlPlatformRegistrationStore } from './sql_platform_registration_store.js';
import { SqlSingleUseStore } from './sql_single_use_store.js';
import { SqlToolRegistrationStore } from './sql_tool_registration_store.js';

/**
 * The ltikit stores over one kysely instance (run {@link storeMigrations} first): single-use values,
 * keys, platforms, tools, Assignment and Grade Services (`ags`, AGS-042) and LTI 1.1 keys (`lti11`, OA-006). `db` may be a kysely
 * `Transaction`, so an app can write a tool and its own rows atomically. `clock` (default
 * `systemClock`) decides when single-use values expire (OIDC-012, VAL-011, CORE-023).
 *
 * @example
 * ```ts
 * const database = await openDatabase(process.env.DATABASE_URL ?? 'sqlite:data/tool.db');
 * await runMigrations(database.db, storeMigrations);
 * const tool = createTool({ baseUrl: 'https://tool.example.com/lti', stores: createSqlStores(database.db), onLaunch });
 * ```
 */
export function createSqlStores(
  // biome-ignore lint/suspicious/noExplicitAny: the app's kysely instance, whatever tables it declares.
  db: Kysely<any>,
  options: { clock?: Clock } = {},
): { singleUse: SqlSingleUseStore; keys: SqlKeyStore; platforms: SqlPlatformRegistrationStore; tools: SqlToolRegistrationStore; ags: SqlAgsStore; lti11: SqlLti11CredentialStore } {
  return {
    singleUse: new SqlSingleUseStore(db, options),
    keys: new SqlKeyStore(db),
    platforms: new SqlPlatformRegistrationStore(db),
    tools: new SqlToolRegistrationStore(db),
    ags: new SqlAgsStore(db),
    lti11: new SqlLti11CredentialStore(db),
  };
}
