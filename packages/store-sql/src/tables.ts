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
  ltikit_lti11_credentials: { consumer_key: string; data: string };
  ltikit_ags_line_items: {
    id: string;
    context_id: string;
    client_id: string;
    deployment_id: string | null;
    resource_link_id: string | null;
    resource_id: string | null;
    tag: string | null;
    created_at: ColumnType<number | string, number, number>;
    /** The whole StoredLineItem as JSON. */
    data: string;
  };
  /** The latest score per (line item, user): the row `recordScore` locks to keep timestamps in order (AGS-042). */
  ltikit_ags_results: {
    line_item_id: string;
    user_id: string;
    /** The score's timestamp in microseconds since the epoch (`parseIsoDateTimeMicros`). */
    timestamp_us: ColumnType<number | string, number, number>;
    data: string;
  };
  /** Every score accepted, the history of the results. */
  ltikit_ags_scores: {
    line_item_id: string;
    user_id: string;
    timestamp_us: ColumnType<number | string, number, number>;
    data: string;
  };
}
