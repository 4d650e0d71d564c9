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
 * Assignment and Grade Services: line items with their filter columns (AGS-030), the latest score
 * per (line item, user) whose row serialises concurrent scores (AGS-042), and the score history.
 * Scores go with their line item (`on delete cascade`).
 */
// biome-ignore lint/suspicious/noExplicitAny: kysely's Migration API is typed over Kysely<any>.
async function createAgsTables(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ltikit_ags_line_items')
    .addColumn('id', 'text', (column) => column.notNull().primaryKey())
    .addColumn('context_id', 'text', (column) => column.notNull())
    .addColumn('client_id', 'text', (column) => column.notNull())
    .addColumn('deployment_id', 'text')
    .addColumn('resource_link_id', 'text')
    .addColumn('resource_id', 'text')
    .addColumn('tag', 'text')
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('data', 'text', (column) => column.notNull())
    .execute();
  // Listings: one context's line items of one tool in (created_at, id) order.
  await db.schema
    .createIndex('ltikit_ags_line_items_context')
    .on('ltikit_ags_line_items')
    .columns(['context_id', 'client_id', 'created_at', 'id'])
    .execute();
  for (const [table, key] of [
    ['ltikit_ags_results', ['line_item_id', 'user_id']],
    ['ltikit_ags_scores', ['line_item_id', 'user_id', 'timestamp_us']],
  ] as const) {
    await db.schema
      .createTable(table)
      .addColumn('line_item_id', 'text', (column) => column.notNull().references('ltikit_ags_line_items.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (column) => column.notNull())
      // Microseconds since the epoch; bigint holds them on PostgreSQL.
      .addColumn('timestamp_us', 'bigint', (column) => column.notNull())
      .addColumn('data', 'text', (column) => column.notNull())
      .addPrimaryKeyConstraint(`${table}_pkey`, [...key])
      .execute();
  }
}

/**
 * The migrations of the ltikit store tables, in order: `0001_single_use` (state, nonces, message
 * hints, `jti`s: OIDC-012, VAL-011, CORE-023, TOK-012), `0002_signing_keys` (SEC-006),
 * `0003_platforms` (CORE-003), `0004_tools` (OIDC-021), `0005_ags` (line items, score history
 * and latest scores: AGS-042, AGS-050) and `0006_lti11_credentials` (LTI 1.1 keys and secrets, OA-006). Registrations, keys, line items and scores are stored as
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
  '0005_ags': {
    up: createAgsTables,
    down: async (db) => {
      await db.schema.dropTable('ltikit_ags_scores').execute();
      await db.schema.dropTable('ltikit_ags_results').execute();
      await db.schema.dropTable('ltikit_ags_line_items').execute();
    },
  },
  '0006_lti11_credentials': {
    up: async (db) => {
      await db.schema
        .createTable('ltikit_lti11_credentials')
        .addColumn('consumer_key', 'text', (column) => column.notNull().primaryKey())
        .addColumn('data', 'text', (column) => column.notNull())
        .execute();
    },
    down: async (db) => {
      await db.schema.dropTable('ltikit_lti11_credentials').execute();
    },
  },
};
