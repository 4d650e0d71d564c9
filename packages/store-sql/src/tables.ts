// The store tables as kysely sees them (internal). Created by store_migrations.ts.
import type { ColumnType } from 'kysely';

export interface StoreTables {
  ltikit_single_use: {
    kind: string;
    key: string;
    value: string;
    /** pg returns `bigint` as a string, better-sqlite3 as a number: read it through `Number()`. */
    expires_at: ColumnType<number | string, number, number>;
  };
  ltikit_signing_keys: { key_set_id: string; kid: string; data: string };
  ltikit_platforms: { issuer: string; client_id: string; data: string };
  ltikit_tools: { client_id: string; data: string };
}
