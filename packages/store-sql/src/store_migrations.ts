import type { Kysely, Migration } from 'kysely';

/** Single-use values: the primary key makes `consume` and `remember` one atomic statement each. */
// biome-ignore lint/suspicious/noExplicitAny: kysely's Migration API is typed over Kysely<any>.
async function createSingleUse(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ltikit_single_use')
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('key', 'text', (column) => column.notNull())
    .addColumn('value', 'text', (column) => column.notNull())
    // Seconds since the epoch; bigint so expiries after 2038 fit on PostgreSQL.
    .addColumn('expires_at', 'bigint', (column) => column.notNull())
    .addPrimaryKeyConstraint('ltikit_single_use_pkey', ['kind', 'key'])
    .execute();
  // For sweepExpired's `delete … where expires_at <= now`.
  await db.schema.createIndex('ltikit_single_use_expires_at').on('ltikit_single_use').column('expires_at').execute();
}

/**
 * The migrations of the ltikit store tables, in order: `0001_single_use` (state, nonces, message
 * hints, `jti`s: OIDC-012, VAL-011, CORE-023, TOK-012), `0002_signing_keys` (SEC-006),
 * `0003_platforms` (CORE-003) and `0004_tools` (OIDC-021). Registrations and keys are stored as
 * JSON text next to their key columns, so a new optional field needs no migration.
 * Run them with {@link runMigrations}; never renumber or edit a released one, add a new one instead.
 *
 * @example
 * ```ts
 * const applied = await runMigrations(database.db, storeMigrations); // e.g. ['0001_single_use', …] on first start, [] after
 * ```
 */
export const storeMigrations: Record<string, Migration> = {
  '0001_single_use': {
    up: createSingleUse,
    down: async (db) => {
      await db.schema.dropTable('ltikit_single_use').execute();
    },
  },
  '0002_signing_keys': {
    up: async (db) => {
      await db.schema
        .createTable('ltikit_signing_keys')
        .addColumn('key_set_id', 'text', (column) => column.notNull())
        .addColumn('kid', 'text', (column) => column.notNull())
        // The whole StoredSigningKey as JSON, private JWK included (see SqlKeyStore).
        .addColumn('data', 'text', (column) => column.notNull())
        .addPrimaryKeyConstraint('ltikit_signing_keys_pkey', ['key_set_id', 'kid'])
        .execute();
    },
    down: async (db) => {
      await db.schema.dropTable('ltikit_signing_keys').execute();
    },
  },
  '0003_platforms': {
    up: async (db) => {
      await db.schema
        .createTable('ltikit_platforms')
        .addColumn('issuer', 'text', (column) => column.notNull())
        .addColumn('client_id', 'text', (column) => column.notNull())
        .addColumn('data', 'text', (column) => column.notNull())
        .addPrimaryKeyConstraint('ltikit_platforms_pkey', ['issuer', 'client_id'])
        .execute();
    },
    down: async (db) => {
      await db.schema.dropTable('ltikit_platforms').execute();
    },
  },
  '0004_tools': {
    up: async (db) => {
      await db.schema
        .createTable('ltikit_tools')
        .addColumn('client_id', 'text', (column) => column.notNull().primaryKey())
        .addColumn('data', 'text', (column) => column.notNull())
        .execute();
    },
    down: async (db) => {
      await db.schema.dropTable('ltikit_tools').execute();
    },
  },
};
