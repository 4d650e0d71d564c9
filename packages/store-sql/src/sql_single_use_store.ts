import type { Kysely } from 'kysely';
import { type Clock, systemClock } from 'ltikit';
import type { SingleUseStore } from 'ltikit/stores';
import type { StoreTables } from './tables.js';

/** Writes between two automatic sweeps of expired rows (per store instance). */
const SWEEP_EVERY_WRITES = 1000;

/** Stored expiries are whole seconds, rounded up so a value never lives shorter than asked. */
function expirySeconds(expiresAt: number): number {
  if (!Number.isFinite(expiresAt)) throw new TypeError('expiresAt must be a finite number of seconds since the epoch.');
  return Math.ceil(expiresAt);
}

/**
 * {@link SingleUseStore} on the `ltikit_single_use` table, atomic across processes and machines:
 * each operation is one statement on the (`kind`, `key`) primary key, so of two concurrent callers
 * exactly one consumes a state, nonce or message hint (OIDC-012, VAL-011, CORE-023) or remembers a
 * `jti` (TOK-012).
 *
 * - `consume`: `DELETE … RETURNING value, expires_at`; an expired row is deleted and reads as absent.
 * - `remember`: `INSERT … ON CONFLICT DO UPDATE … WHERE expires_at <= now RETURNING key`; `true`
 *   only when a row comes back (new key, or an expired one taken over).
 * - `issue`: an upsert.
 *
 * Expiries compare with the clock's `now()` (seconds), not the database's. Every 1,000 writes of
 * this instance delete the expired rows; call {@link SqlSingleUseStore.sweepExpired} from a timer to
 * sweep on your own schedule. `db` may be a kysely `Transaction`.
 *
 * @example
 * ```ts
 * const singleUse = new SqlSingleUseStore(database.db);
 * if (!(await singleUse.remember('jti', payload.jti, payload.exp))) throw new Error('replayed');
 * ```
 */
export class SqlSingleUseStore implements SingleUseStore {
  readonly #db: Kysely<StoreTables>;
  readonly #clock: Clock;
  #writes = 0;

  // biome-ignore lint/suspicious/noExplicitAny: the app's kysely instance, whatever tables it declares.
  constructor(db: Kysely<any>, options: { clock?: Clock } = {}) {
    this.#db = db;
    this.#clock = options.clock ?? systemClock;
  }

  async issue(kind: string, key: string, value: string, expiresAt: number): Promise<void> {
    [kind, key] = [storable(kind), storable(key)];
    const expires_at = expirySeconds(expiresAt);
    await this.#db
      .insertInto('ltikit_single_use')
      .values({ kind, key, value, expires_at })
      .onConflict((conflict) => conflict.columns(['kind', 'key']).doUpdateSet({ value, expires_at }))
      .execute();
    await this.#afterWrite();
  }

  async peek(kind: string, key: string): Promise<string | undefined> {
    [kind, key] = [storable(kind), storable(key)];
    const row = await this.#db
      .selectFrom('ltikit_single_use')
      .select('value')
      .where('kind', '=', kind)
      .where('key', '=', key)
      .where('expires_at', '>', this.#now())
      .executeTakeFirst();
    return row?.value;
  }

  async consume(kind: string, key: string): Promise<string | undefined> {
    [kind, key] = [storable(kind), storable(key)];
    // One statement: of two concurrent deletes of one row, only one gets it back.
    const row = await this.#db
      .deleteFrom('ltikit_single_use')
      .where('kind', '=', kind)
      .where('key', '=', key)
      .returning(['value', 'expires_at'])
      .executeTakeFirst();
    if (row === undefined || Number(row.expires_at) <= this.#now()) return undefined;
    return row.value;
  }

  async remember(kind: string, key: string, expiresAt: number): Promise<boolean> {
    [kind, key] = [storable(kind), storable(key)];
    // One statement: PostgreSQL locks the conflicting row and re-checks the WHERE on its latest
    // version; SQLite runs the statement under the file's write lock.
    const row = await this.#db
      .insertInto('ltikit_single_use')
      .values({ kind, key, value: '', expires_at: expirySeconds(expiresAt) })
      .onConflict((conflict) =>
        conflict
          .columns(['kind', 'key'])
          .doUpdateSet({ value: '', expires_at: (expression) => expression.ref('excluded.expires_at') })
          .where('ltikit_single_use.expires_at', '<=', this.#now()),
      )
      .returning('key')
      .executeTakeFirst();
    await this.#afterWrite();
    return row !== undefined;
  }

  /**
   * Deletes every expired row (of every kind, written by any process) and returns how many.
   *
   * @example
   * ```ts
   * setInterval(() => void stores.singleUse.sweepExpired(), 60_000).unref();
   * ```
   */
  async sweepExpired(): Promise<number> {
    const result = await this.#db.deleteFrom('ltikit_single_use').where('expires_at', '<=', this.#now()).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  #now(): number {
    return Math.floor(this.#clock.now());
  }

  async #afterWrite(): Promise<void> {
    if (++this.#writes < SWEEP_EVERY_WRITES) return;
    this.#writes = 0;
    // Housekeeping must not fail the write that triggered it (e.g. two processes' sweeps
    // deadlocking on PostgreSQL); the next sweep deletes what this one left.
    await this.sweepExpired().catch(() => {});
  }
}

/**
 * PostgreSQL text cannot hold U+0000, and keys come from the wire (a `jti`, a nonce): kinds and
 * keys are stored with `\` and U+0000 escaped, which maps every string to a distinct NUL-free one.
 * (Values are the caller's own JSON or tokens, which never contain U+0000.)
 */
function storable(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll('\u0000', '\\0');
}
