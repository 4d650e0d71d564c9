/**
 * The one error class of `@ltikit/store-sql`. Callers branch on `code`, never on the message: the
 * message is a sentence for the operator (it names the host, the file or the failing migration and
 * never contains a password).
 *
 * - `ERR_SQL_URL_INVALID`: the database URL has an unknown scheme or cannot be parsed.
 * - `ERR_SQL_CONNECT_FAILED`: the database could not be opened or did not answer `select 1`.
 * - `ERR_SQL_MIGRATION_FAILED`: a migration failed; the message names it and `cause` holds the driver error.
 *
 * Stores keep state, nonces and message hints single-use across processes (OIDC-012, VAL-011).
 *
 * @example
 * ```ts
 * try {
 *   await openDatabase(process.env.DATABASE_URL ?? 'sqlite:data/hub.db');
 * } catch (error) {
 *   if (error instanceof SqlStoreError && error.code === 'ERR_SQL_CONNECT_FAILED') process.exit(2);
 *   throw error;
 * }
 * ```
 */
export class SqlStoreError extends Error {
  override readonly name = 'SqlStoreError';
  readonly code: 'ERR_SQL_URL_INVALID' | 'ERR_SQL_CONNECT_FAILED' | 'ERR_SQL_MIGRATION_FAILED';

  constructor(code: SqlStoreError['code'], message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
  }
}
