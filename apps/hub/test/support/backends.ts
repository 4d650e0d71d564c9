// The databases the hub's end-to-end tests run on (kysely's `for (const dialect of DIALECTS)`):
// SQLite always, PostgreSQL when a URL is configured (always in CI, see postgresTestUrl). Each
// PostgreSQL hub gets a schema of its own, dropped when the hub stops.
import { createTestSchema, postgresSkipReason, postgresTestUrl } from '../../../../packages/store-sql/test/support/postgres.js';
import { type TestHub, startTestHub } from './hub.js';

export interface HubBackend {
  /** `SQLite` or `PostgreSQL`, for the names of the suites. */
  name: 'SQLite' | 'PostgreSQL';
  /** For `describe(…, { skip })`: a reason when the backend is not available here. */
  skip: string | false;
  /** {@link startTestHub} on this backend. */
  start(env?: Record<string, string>): Promise<TestHub>;
}

/** A hub on a fresh schema of the test PostgreSQL server; `stop()` drops the schema too. */
export async function startPostgresTestHub(env: Record<string, string> = {}): Promise<TestHub> {
  const serverUrl = postgresTestUrl();
  if (serverUrl === undefined) throw new Error(postgresSkipReason);
  const schema = await createTestSchema(serverUrl);
  let hub: TestHub;
  try {
    hub = await startTestHub({ ...env, DATABASE_URL: schema.url });
  } catch (error) {
    await schema.drop();
    throw error;
  }
  return {
    ...hub,
    stop: async () => {
      try {
        await hub.stop();
      } finally {
        await schema.drop();
      }
    },
  };
}

export const hubBackends: HubBackend[] = [
  { name: 'SQLite', skip: false, start: startTestHub },
  { name: 'PostgreSQL', skip: postgresTestUrl() === undefined ? postgresSkipReason : false, start: startPostgresTestHub },
];
