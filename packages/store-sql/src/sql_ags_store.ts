import { type Kysely, sql } from 'kysely';
import type {
  AgsStore,
  GradebookColumn,
  LatestScoreQuery,
  LineItemQuery,
  RecordScoreOutcome,
  StoredLineItem,
  StoredScore,
} from 'ltikit/stores';
import { parseIsoDateTimeMicros } from 'ltikit/stores';
import type { StoreTables } from './tables.js';

/** Line items whose scores one query of `readGradebook` reads (well below every engine's parameter limit). */
const GRADEBOOK_CHUNK = 500;

function timestampMicros(score: StoredScore): number {
  const micros = parseIsoDateTimeMicros(score.timestamp);
  if (micros === undefined) throw new TypeError('A score timestamp must be an ISO 8601 date-time with an offset.');
  return micros;
}

/** The columns of a line item's row, as written. */
interface LineItemRow {
  id: string;
  context_id: string;
  client_id: string;
  deployment_id: string | null;
  resource_link_id: string | null;
  resource_id: string | null;
  tag: string | null;
  created_at: number;
  data: string;
}

function lineItemRow(lineItem: StoredLineItem): LineItemRow {
  return {
    id: lineItem.id,
    context_id: lineItem.contextId,
    client_id: lineItem.clientId,
    deployment_id: lineItem.deploymentId ?? null,
    resource_link_id: lineItem.resourceLinkId ?? null,
    resource_id: lineItem.resourceId ?? null,
    tag: lineItem.tag ?? null,
    created_at: lineItem.createdAt,
    data: JSON.stringify(lineItem),
  };
}

/** A foreign-key violation: the line item was deleted while a score for it was being stored. */
function isForeignKeyViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/**
 * {@link AgsStore} on the `ltikit_ags_line_items`, `ltikit_ags_results` (latest score per line item
 * and user) and `ltikit_ags_scores` (history) tables. Line items and scores are stored as JSON next
 * to the columns queries filter and order on. Every read returns new objects.
 *
 * `recordScore` is one transaction whose first statement is an upsert of the user's latest-score
 * row that only replaces it when the new `timestamp` is later: PostgreSQL locks the conflicting
 * row and re-checks the condition on its latest version, SQLite runs it under the file's write
 * lock, so of concurrent scores an older one never replaces a newer one, across processes
 * (AGS-042). The history row is written in the same transaction, and the score is committed before
 * the call resolves.
 *
 * `db` may be a kysely `Transaction`: the operations then join it instead of opening their own.
 *
 * @example
 * ```ts
 * // A score entered by hand in the platform's gradebook, with the app's audit row, in one transaction:
 * await database.db.transaction().execute(async (trx) => {
 *   if ((await new SqlAgsStore(trx).recordScore(score)) !== 'recorded') throw new Error('stale');
 *   await trx.insertInto('hub_grade_audit').values({ line_item_id: score.lineItemId, user_id: score.userId, by: teacherId }).execute();
 * });
 * ```
 * @see https://www.imsglobal.org/spec/lti-ags/v2p0/ (AGS-042, AGS-050)
 */
export class SqlAgsStore implements AgsStore {
  readonly #db: Kysely<StoreTables>;

  // biome-ignore lint/suspicious/noExplicitAny: the app's kysely instance, whatever tables it declares.
  constructor(db: Kysely<any>) {
    this.#db = db;
  }

  /** Runs `work` in the caller's transaction, or in a new one. */
  #inTransaction<T>(work: (db: Kysely<StoreTables>) => Promise<T>): Promise<T> {
    return this.#db.isTransaction ? work(this.#db) : this.#db.transaction().execute(work);
  }

  async createLineItem(lineItem: StoredLineItem): Promise<void> {
    await this.#db.insertInto('ltikit_ags_line_items').values(lineItemRow(lineItem)).execute();
  }

  async getLineItem(id: string): Promise<StoredLineItem | undefined> {
    const row = await this.#db.selectFrom('ltikit_ags_line_items').select('data').where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : (JSON.parse(row.data) as StoredLineItem);
  }

  async updateLineItem(lineItem: StoredLineItem): Promise<boolean> {
    const { id, ...columns } = lineItemRow(lineItem);
    const result = await this.#db.updateTable('ltikit_ags_line_items').set(columns).where('id', '=', id).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async deleteLineItem(id: string): Promise<boolean> {
    return this.#inTransaction(async (db) => {
      // The line item first (its scores cascade); then its scores explicitly, for SQLite files
      // opened without `foreign_keys = ON`.
      const result = await db.deleteFrom('ltikit_ags_line_items').where('id', '=', id).executeTakeFirst();
      await db.deleteFrom('ltikit_ags_results').where('line_item_id', '=', id).execute();
      await db.deleteFrom('ltikit_ags_scores').where('line_item_id', '=', id).execute();
      return Number(result.numDeletedRows) > 0;
    });
  }

  async listLineItems(query: LineItemQuery): Promise<StoredLineItem[]> {
    let select = this.#db
      .selectFrom('ltikit_ags_line_items')
      .select('data')
      .where('context_id', '=', query.contextId)
      .where('client_id', '=', query.clientId);
    const { deploymentId, after } = query;
    if (deploymentId !== undefined) select = select.where((where) => where.or([where('deployment_id', '=', deploymentId), where('deployment_id', 'is', null)]));
    if (query.resourceLinkId !== undefined) select = select.where('resource_link_id', '=', query.resourceLinkId);
    if (query.resourceId !== undefined) select = select.where('resource_id', '=', query.resourceId);
    if (query.tag !== undefined) select = select.where('tag', '=', query.tag);
    if (after !== undefined) {
      select = select.where((where) =>
        where.or([where('created_at', '>', after.createdAt), where.and([where('created_at', '=', after.createdAt), where('id', '>', after.id)])]),
      );
    }
    const rows = await select.orderBy('created_at').orderBy('id').limit(query.limit).execute();
    return rows.map((row) => JSON.parse(row.data) as StoredLineItem);
  }

  async recordScore(score: StoredScore): Promise<RecordScoreOutcome> {
    const micros = timestampMicros(score);
    const data = JSON.stringify(score);
    try {
      return await this.#inTransaction(async (db) => {
        // One statement, and the transaction's first, so SQLite takes its write lock here: the row is
        // written only when the line item exists and no later or equal timestamp is stored (AGS-042).
        const upserted = await sql<{ user_id: string }>`
          insert into ltikit_ags_results (line_item_id, user_id, timestamp_us, data)
          select ${score.lineItemId}, ${score.userId}, cast(${micros} as bigint), ${data}
          where exists (select 1 from ltikit_ags_line_items where id = ${score.lineItemId})
          on conflict (line_item_id, user_id) do update
            set timestamp_us = excluded.timestamp_us, data = excluded.data
            where ltikit_ags_results.timestamp_us < excluded.timestamp_us
          returning user_id`.execute(db);
        if (upserted.rows.length === 0) {
          const lineItem = await db.selectFrom('ltikit_ags_line_items').select('id').where('id', '=', score.lineItemId).executeTakeFirst();
          return lineItem === undefined ? 'line_item_unknown' : 'stale';
        }
        await db.insertInto('ltikit_ags_scores').values({ line_item_id: score.lineItemId, user_id: score.userId, timestamp_us: micros, data }).execute();
        return 'recorded';
      });
    } catch (error) {
      // The line item was deleted between the existence check and the write (PostgreSQL).
      if (isForeignKeyViolation(error)) return 'line_item_unknown';
      throw error;
    }
  }

  async listLatestScores(query: LatestScoreQuery): Promise<StoredScore[]> {
    let select = this.#db.selectFrom('ltikit_ags_results').select('data').where('line_item_id', '=', query.lineItemId);
    if (query.userId !== undefined) select = select.where('user_id', '=', query.userId);
    if (query.afterUserId !== undefined) select = select.where('user_id', '>', query.afterUserId);
    const rows = await select.orderBy('user_id').limit(query.limit).execute();
    return rows.map((row) => JSON.parse(row.data) as StoredScore);
  }

  async scoreHistory(lineItemId: string, userId: string): Promise<StoredScore[]> {
    const rows = await this.#db
      .selectFrom('ltikit_ags_scores')
      .select('data')
      .where('line_item_id', '=', lineItemId)
      .where('user_id', '=', userId)
      .orderBy('timestamp_us')
      .execute();
    return rows.map((row) => JSON.parse(row.data) as StoredScore);
  }

  async readGradebook(contextId: string, options: { clientId?: string } = {}): Promise<GradebookColumn[]> {
    let select = this.#db.selectFrom('ltikit_ags_line_items').select('data').where('context_id', '=', contextId);
    if (options.clientId !== undefined) select = select.where('client_id', '=', options.clientId);
    const lineItems = (await select.orderBy('created_at').orderBy('id').execute()).map((row) => JSON.parse(row.data) as StoredLineItem);
    const latest = new Map<string, StoredScore[]>(lineItems.map((lineItem) => [lineItem.id, []]));
    for (let start = 0; start < lineItems.length; start += GRADEBOOK_CHUNK) {
      const ids = lineItems.slice(start, start + GRADEBOOK_CHUNK).map((lineItem) => lineItem.id);
      const rows = await this.#db
        .selectFrom('ltikit_ags_results')
        .select(['line_item_id', 'data'])
        .where('line_item_id', 'in', ids)
        .orderBy('line_item_id')
        .orderBy('user_id')
        .execute();
      for (const row of rows) latest.get(row.line_item_id)?.push(JSON.parse(row.data) as StoredScore);
    }
    return lineItems.map((lineItem) => ({ lineItem, latestScores: latest.get(lineItem.id)! }));
  }
}
