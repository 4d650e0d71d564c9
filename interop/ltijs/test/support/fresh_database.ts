// A throwaway PostgreSQL database per test run: ltijs-sequelize creates its tables with
// `sequelize.sync()` and a migration that looks columns up in the `public` schema, so it gets a whole
// database of its own rather than a schema with a `search_path`.
import { randomUUID } from 'node:crypto';
import pg from 'pg';

export interface FreshDatabase {
  /** What `new Sequelize(database, user, password, options)` needs. */
  name: string;
  user: string;
  password: string | undefined;
  host: string;
  port: number;
  /** Drops the database, closing any connection still open to it. */
  drop(): Promise<void>;
}

/** Creates `ltijs_interop_<random>` on the server of `url` (any database of it). */
export async function createFreshDatabase(url: string): Promise<FreshDatabase> {
  const name = `ltijs_interop_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  await runAdmin(url, `create database ${name}`);
  const parsed = new URL(url);
  return {
    name,
    user: decodeURIComponent(parsed.username) || 'postgres',
    password: parsed.password === '' ? undefined : decodeURIComponent(parsed.password),
    host: parsed.hostname || '127.0.0.1',
    port: parsed.port === '' ? 5432 : Number(parsed.port),
    // WITH (FORCE): PostgreSQL 13+ ends the sessions a crashed run may have left behind.
    drop: () => runAdmin(url, `drop database if exists ${name} with (force)`),
  };
}

async function runAdmin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
