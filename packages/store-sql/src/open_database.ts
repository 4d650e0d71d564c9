import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { SqlStoreError } from './errors.js';

/**
 * The two SQL engines `@ltikit/store-sql` runs on: `sqlite` (one file, one or a few processes on
 * one machine) and `postgres` (many processes). Both keep single-use values atomic (OIDC-012, VAL-011).
 *
 * @example
 * ```ts
 * const database = await openDatabase(url);
 * const dialect: SqlDialectName = database.dialect; // 'sqlite' | 'postgres'
 * ```
 */
export type SqlDialectName = 'sqlite' | 'postgres';

/**
 * An open database: the kysely instance, which engine it is, and how to close it. Apps use `db` for
 * their own tables and transactions too, and hand it to {@link createSqlStores} for the ltikit stores
 * (OIDC-012, SEC-006, CORE-003).
 *
 * PostgreSQL returns `bigint` columns as strings (pg's default, left untouched so that no other
 * table's behaviour changes): convert with `Number()` when reading your own `bigint` columns.
 *
 * @example
 * ```ts
 * const database = await openDatabase('sqlite:data/hub.db');
 * await runMigrations(database.db, storeMigrations);
 * const stores = createSqlStores(database.db);
 * process.on('SIGTERM', () => void database.close());
 * ```
 */
export interface SqlDatabase {
  /** The kysely instance over the pool (PostgreSQL) or the file (SQLite). */
  // biome-ignore lint/suspicious/noExplicitAny: the app declares its own tables; kysely's Migration API uses Kysely<any> too.
  db: Kysely<any>;
  dialect: SqlDialectName;
  /** Ends the PostgreSQL pool or closes the SQLite file. Calling it again does nothing. */
  close(): Promise<void>;
}

/** Milliseconds a SQLite writer waits for another process's write lock before failing with SQLITE_BUSY. */
const SQLITE_BUSY_TIMEOUT_MS = 5000;

type ParsedUrl = { dialect: 'postgres'; url: URL } | { dialect: 'sqlite'; path: string };

function invalid(message: string): SqlStoreError {
  return new SqlStoreError('ERR_SQL_URL_INVALID', message);
}

/** Reads the URL forms `openDatabase` accepts; never echoes the URL, which may hold a password. */
function parseDatabaseUrl(url: string): ParsedUrl {
  if (/^postgres(?:ql)?:\/\//i.test(url)) {
    try {
      return { dialect: 'postgres', url: new URL(url) };
    } catch {
      throw invalid('The PostgreSQL URL cannot be parsed: expected postgres://user:password@host:5432/database.');
    }
  }
  if (/^sqlite:/i.test(url)) {
    // `sqlite:data/hub.db`, `sqlite:/var/lib/hub.db`, `sqlite::memory:`; `sqlite://` + path is accepted too.
    const rest = url.slice('sqlite:'.length);
    const path = rest.startsWith('//') ? rest.slice(2) : rest;
    if (path === '') throw invalid('The SQLite URL names no file: expected sqlite:<path> or sqlite::memory:.');
    return { dialect: 'sqlite', path };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1];
  if (scheme === undefined && /\.(?:db|sqlite|sqlite3)$/i.test(url)) return { dialect: 'sqlite', path: url };
  if (scheme !== undefined) {
    throw invalid(`The database URL scheme "${scheme}" is not supported: use postgres://…, postgresql://… or sqlite:<path>.`);
  }
  throw invalid('The database URL is not one of postgres://…, postgresql://…, sqlite:<path>, sqlite::memory: or a file path ending .db or .sqlite.');
}

/** One short reason, without a trailing period, for a failed PostgreSQL connection. */
function describeConnectError(error: unknown, connectTimeoutMs: number): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found';
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return 'host unreachable';
  if (code === 'ETIMEDOUT' || /timeout/i.test(message)) return `no answer within ${connectTimeoutMs} ms`;
  return message.replace(/\.$/, '') || String(code ?? 'unknown error');
}

/** Removes every spelling of the URL's password from `text`. */
function withoutPassword(text: string, url: URL): string {
  let result = text;
  for (const secret of new Set([url.password, safeDecode(url.password)])) {
    if (secret !== '') result = result.split(secret).join('***');
  }
  return result;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

async function openPostgres(url: URL, connectTimeoutMs: number, poolSize: number): Promise<SqlDatabase> {
  const host = url.hostname || url.searchParams.get('host') || 'localhost';
  const port = url.port || url.searchParams.get('port') || '5432';
  const pool = new pg.Pool({ connectionString: url.href, max: poolSize, connectionTimeoutMillis: connectTimeoutMs });
  // An idle client whose server went away emits 'error' on the pool; unhandled, that would end the
  // process. The pool drops that client and the next query connects afresh.
  pool.on('error', () => {});
  // biome-ignore lint/suspicious/noExplicitAny: see SqlDatabase.db.
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    await db.destroy().catch(() => {});
    const reason = withoutPassword(describeConnectError(error, connectTimeoutMs), url);
    throw new SqlStoreError('ERR_SQL_CONNECT_FAILED', `Cannot connect to PostgreSQL at ${host}:${port}: ${reason}.`, { cause: error });
  }
  return withClose(db, 'postgres');
}

async function openSqlite(path: string): Promise<SqlDatabase> {
  let database: Database.Database;
  try {
    if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
    database = new Database(path, { timeout: SQLITE_BUSY_TIMEOUT_MS });
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
    throw new SqlStoreError('ERR_SQL_CONNECT_FAILED', `Cannot open SQLite database at ${path}: ${reason}.`, { cause: error });
  }
  // biome-ignore lint/suspicious/noExplicitAny: see SqlDatabase.db.
  let db: Kysely<any> | undefined;
  try {
    // busy_timeout first: switching to WAL needs a lock another process may hold for a moment.
    database.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    // WAL lets readers run while one process writes, so two processes can share the file.
    database.pragma('journal_mode = WAL');
    database.pragma('foreign_keys = ON');
    // Every commit reaches the disk before it returns: an accepted grade or a spent nonce must
    // survive a power cut, not only a crash of the process (WAL's default NORMAL would not).
    database.pragma('synchronous = FULL');
    db = new Kysely({ dialect: new SqliteDialect({ database }) });
    await sql`select 1`.execute(db);
  } catch (error) {
    if (db === undefined) database.close();
    else await db.destroy().catch(() => {});
    const reason = (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
    throw new SqlStoreError('ERR_SQL_CONNECT_FAILED', `Cannot open SQLite database at ${path}: ${reason}.`, { cause: error });
  }
  return withClose(db, 'sqlite');
}

// biome-ignore lint/suspicious/noExplicitAny: see SqlDatabase.db.
function withClose(db: Kysely<any>, dialect: SqlDialectName): SqlDatabase {
  let closing: Promise<void> | undefined;
  return {
    db,
    dialect,
    close: () => {
      closing ??= db.destroy();
      return closing;
    },
  };
}

/**
 * Opens the database a URL names and checks it answers, so a wrong URL or a server that is down
 * fails at start-up with one clear sentence rather than at the first launch (where a lost nonce
 * store would break OIDC-012 and VAL-011).
 *
 * - `postgres://…` or `postgresql://…`: a pg pool of `poolSize` (10) connections, each given
 *   `connectTimeoutMs` (5000) to connect. Query parameters pass through to pg, e.g.
 *   `?options=-c%20search_path%3Dmy_schema` or `?sslmode=require`.
 * - `sqlite:<path>`, `sqlite::memory:` or a plain path ending `.db`, `.sqlite` or `.sqlite3`:
 *   better-sqlite3 with `journal_mode=WAL`, `busy_timeout=5000` and `foreign_keys=ON`; the file's
 *   directory is created when missing.
 *
 * Throws {@link SqlStoreError} `ERR_SQL_URL_INVALID` for an unknown scheme and
 * `ERR_SQL_CONNECT_FAILED` (e.g. "Cannot connect to PostgreSQL at 127.0.0.1:5999: connection
 * refused.") when it cannot connect. Messages never contain the password.
 *
 * @example
 * ```ts
 * const database = await openDatabase(process.env.DATABASE_URL ?? 'sqlite:data/hub.db', { poolSize: 20 });
 * await runMigrations(database.db, storeMigrations);
 * ```
 */
export async function openDatabase(url: string, options: { connectTimeoutMs?: number; poolSize?: number } = {}): Promise<SqlDatabase> {
  const parsed = parseDatabaseUrl(url);
  if (parsed.dialect === 'sqlite') return openSqlite(parsed.path);
  return openPostgres(parsed.url, options.connectTimeoutMs ?? 5000, options.poolSize ?? 10);
}
