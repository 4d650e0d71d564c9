// Every backend the SQL tests run against (kysely's `for (const dialect of DIALECTS)`): SQLite
// always, PostgreSQL when a URL is configured (always in CI), each test in a database of its own.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SqlDatabase, type SqlDialectName, openDatabase } from '../../src/index.js';
import { createTestSchema, postgresSkipReason, postgresTestUrl } from './postgres.js';

export interface TestDatabase {
  database: SqlDatabase;
  /** A URL another connection or process can open to reach the same data. */
  url: string;
  /** PostgreSQL: the test's own schema. */
  schema?: string;
  cleanup(): Promise<void>;
}

export interface TestBackend {
  dialect: SqlDialectName;
  /** For `describe(…, { skip })`: a reason when the backend is not available here. */
  skip: string | false;
  open(): Promise<TestDatabase>;
}

/** A SQLite file in a fresh temporary directory (a file, not `:memory:`, so other processes can share it). */
export async function openSqliteFile(): Promise<TestDatabase> {
  const directory = mkdtempSync(join(tmpdir(), 'ltikit-store-sql-'));
  const url = `sqlite:${join(directory, 'test.db')}`;
  const database = await openDatabase(url);
  return {
    database,
    url,
    cleanup: async () => {
      await database.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** A fresh PostgreSQL schema on the test server. */
export async function openPostgresSchema(): Promise<TestDatabase> {
  const serverUrl = postgresTestUrl();
  if (serverUrl === undefined) throw new Error(postgresSkipReason);
  const schema = await createTestSchema(serverUrl);
  const database = await openDatabase(schema.url);
  return {
    database,
    url: schema.url,
    schema: schema.schema,
    cleanup: async () => {
      await database.close();
      await schema.drop();
    },
  };
}

export const testBackends: TestBackend[] = [
  { dialect: 'sqlite', skip: false, open: openSqliteFile },
  { dialect: 'postgres', skip: postgresTestUrl() === undefined ? postgresSkipReason : false, open: openPostgresSchema },
];
