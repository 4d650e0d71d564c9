// PostgreSQL for tests: where it is, and a throwaway schema per test file so files running in
// parallel never see each other's tables. The hub's tests use these helpers too.
import { randomUUID } from 'node:crypto';
import pg from 'pg';

/**
 * The PostgreSQL URL tests run against: `LTIKIT_TEST_DATABASE_URL`, else `DATABASE_URL`, else in CI
 * (`CI` set) the service container's `postgres://postgres@127.0.0.1:5432/test`. `undefined` outside
 * CI means "skip the PostgreSQL tests"; in CI they never skip.
 */
export function postgresTestUrl(): string | undefined {
  const url = process.env.LTIKIT_TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (url !== undefined && url !== '') return url;
  return process.env.CI ? 'postgres://postgres@127.0.0.1:5432/test' : undefined;
}

/** The reason a PostgreSQL suite shows when it is skipped. */
export const postgresSkipReason = 'no LTIKIT_TEST_DATABASE_URL';

/**
 * Creates the schema `ltikit_test_<random>` and returns a URL whose every connection uses it as its
 * `search_path` (libpq's `options=-c search_path=…`, which pg passes to the server at start-up).
 * `drop()` removes the schema and everything in it.
 */
export async function createTestSchema(url: string): Promise<{ url: string; schema: string; drop(): Promise<void> }> {
  const schema = `ltikit_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`create schema ${schema}`);
  } finally {
    await admin.end();
  }
  const schemaUrl = new URL(url);
  const options = schemaUrl.searchParams.get('options');
  schemaUrl.searchParams.set('options', `${options === null ? '' : `${options} `}-c search_path=${schema}`);
  return {
    url: schemaUrl.href,
    schema,
    drop: async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`drop schema if exists ${schema} cascade`);
      } finally {
        await client.end();
      }
    },
  };
}
