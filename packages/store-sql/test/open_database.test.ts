// openDatabase: URL forms, the start-up connection check and its one-sentence errors.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { type Server, type Socket, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { SqlStoreError, openDatabase } from '../src/index.js';
import { postgresSkipReason, postgresTestUrl } from './support/postgres.js';

async function rejectsWith(promise: Promise<unknown>, code: SqlStoreError['code']): Promise<SqlStoreError> {
  const error = await promise.then(
    () => assert.fail(`expected ${code}`),
    (caught: unknown) => caught,
  );
  assert.ok(error instanceof SqlStoreError, `expected a SqlStoreError, got ${String(error)}`);
  assert.equal(error.code, code);
  return error;
}

describe('openDatabase', () => {
  describe('URL', () => {
    for (const url of ['mysql://root:hunter2@127.0.0.1/app', 'redis://127.0.0.1', 'sqlite:', 'sqlite://', 'data/hub', '', 'postgres://[::1']) {
      it(`refuses ${JSON.stringify(url)} with ERR_SQL_URL_INVALID`, async () => {
        const error = await rejectsWith(openDatabase(url), 'ERR_SQL_URL_INVALID');
        assert.doesNotMatch(error.message, /hunter2/);
      });
    }
  });

  describe('SQLite', () => {
    let directory: string;
    before(() => {
      directory = mkdtempSync(join(tmpdir(), 'ltikit-open-'));
    });
    after(() => {
      rmSync(directory, { recursive: true, force: true });
    });

    it('creates the missing directory of the file and turns on WAL, busy_timeout, foreign keys and full sync', async () => {
      const file = join(directory, 'not', 'yet', 'hub.db');
      const database = await openDatabase(`sqlite:${file}`);
      try {
        assert.equal(database.dialect, 'sqlite');
        assert.ok(existsSync(file));
        const pragma = async (name: string): Promise<unknown> => Object.values((await sql.raw(`pragma ${name}`).execute(database.db)).rows[0] as object)[0];
        assert.equal(await pragma('journal_mode'), 'wal');
        assert.equal(await pragma('busy_timeout'), 5000);
        assert.equal(await pragma('foreign_keys'), 1);
        assert.equal(await pragma('synchronous'), 2, 'FULL: an accepted grade survives a power cut');
      } finally {
        await database.close();
      }
    });

    it('accepts sqlite::memory:, sqlite:// and a plain path ending .db, .sqlite or .sqlite3', async () => {
      for (const url of ['sqlite::memory:', `sqlite://${join(directory, 'a.db')}`, join(directory, 'b.db'), join(directory, 'c.sqlite'), join(directory, 'd.sqlite3')]) {
        const database = await openDatabase(url);
        assert.equal(database.dialect, 'sqlite');
        await database.close();
      }
      assert.ok(existsSync(join(directory, 'a.db')) && existsSync(join(directory, 'b.db')));
    });

    it('reports a file it cannot open with ERR_SQL_CONNECT_FAILED', async () => {
      // The "directory" is a regular file, so neither mkdir nor open can succeed.
      const blocker = join(directory, 'a.db');
      const error = await rejectsWith(openDatabase(`sqlite:${join(blocker, 'x.db')}`), 'ERR_SQL_CONNECT_FAILED');
      assert.match(error.message, /^Cannot open SQLite database at /);
    });

    it('close can be called twice', async () => {
      const database = await openDatabase('sqlite::memory:');
      await database.close();
      await database.close();
    });
  });

  describe('PostgreSQL, unreachable', () => {
    it('fails fast with ERR_SQL_CONNECT_FAILED naming host:port and never the password', async () => {
      const started = performance.now();
      const error = await rejectsWith(openDatabase('postgres://hub:s3cret-Pa55@127.0.0.1:1/hub'), 'ERR_SQL_CONNECT_FAILED');
      assert.ok(performance.now() - started < 3000, 'a refused connection is reported at once');
      assert.equal(error.message, 'Cannot connect to PostgreSQL at 127.0.0.1:1: connection refused.');
      assert.doesNotMatch(`${error.message} ${error.stack} ${String(error.cause)}`, /s3cret-Pa55/);
    });

    describe('a server that accepts but never answers', () => {
      let server: Server;
      const sockets = new Set<Socket>();
      before(async () => {
        server = createServer((socket) => {
          sockets.add(socket);
        });
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      });
      after(async () => {
        for (const socket of sockets) socket.destroy();
        await new Promise((resolve) => server.close(resolve));
      });

      it('gives up after connectTimeoutMs', async () => {
        const address = server.address();
        assert.ok(address !== null && typeof address === 'object');
        const started = performance.now();
        const error = await rejectsWith(
          openDatabase(`postgresql://hub:s3cret-Pa55@127.0.0.1:${address.port}/hub`, { connectTimeoutMs: 300 }),
          'ERR_SQL_CONNECT_FAILED',
        );
        assert.ok(performance.now() - started < 3000);
        assert.equal(error.message, `Cannot connect to PostgreSQL at 127.0.0.1:${address.port}: no answer within 300 ms.`);
      });
    });
  });

  describe('PostgreSQL', { skip: postgresTestUrl() === undefined ? postgresSkipReason : false }, () => {
    it('opens the test server and answers queries', async () => {
      const database = await openDatabase(postgresTestUrl()!);
      try {
        assert.equal(database.dialect, 'postgres');
        const { rows } = await sql<{ answer: number }>`select 1 + 1 as answer`.execute(database.db);
        assert.equal(rows[0]?.answer, 2);
      } finally {
        await database.close();
      }
    });

    it('reports a database that does not exist with ERR_SQL_CONNECT_FAILED', async () => {
      const url = new URL(postgresTestUrl()!);
      url.pathname = '/ltikit_no_such_database';
      const error = await rejectsWith(openDatabase(url.href), 'ERR_SQL_CONNECT_FAILED');
      assert.match(error.message, /database "ltikit_no_such_database" does not exist\.$/);
    });
  });
});
