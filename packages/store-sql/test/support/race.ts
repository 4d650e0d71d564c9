// Two OS processes (race_worker.ts) race on one database: every single-use value is consumed, and
// every key remembered, exactly once in total (OIDC-012, VAL-011, TOK-012); concurrent start-ups
// migrate once. race_sqlite.test.ts and race_postgres.test.ts run this suite.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createSqlStores, runMigrations, storeMigrations } from '../../src/index.js';
import type { TestBackend, TestDatabase } from './databases.js';

const worker = fileURLToPath(new URL('./race_worker.ts', import.meta.url));

interface Worker {
  ready: Promise<void>;
  result: Promise<Array<number | string>>;
  go(): void;
  kill(): void;
}

function startWorker(args: string[]): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', worker, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    if (stdout.startsWith('ready\n')) markReady();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const result = new Promise<Array<number | string>>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`race worker exited with ${code}: ${stderr}`));
      const last = stdout.trim().split('\n').at(-1) ?? '';
      resolve((JSON.parse(last) as { won: Array<number | string> }).won);
    });
  });
  // A worker that dies before `ready` must fail the test rather than hang it.
  const readyOrFailed = Promise.race([ready, result.then(() => Promise.reject(new Error(`race worker ended before ready: ${stderr}`)))]);
  return { ready: readyOrFailed, result, go: () => child.stdin.write('go\n'), kill: () => child.kill() };
}

/** Starts two workers on `url`, lets them go at the same moment and returns each one's wins. */
export async function race(
  url: string,
  mode: 'consume' | 'remember' | 'migrate',
  options: { count: number; lanes: number; blockSize: number } = { count: 0, lanes: 1, blockSize: 1 },
): Promise<[Array<number | string>, Array<number | string>]> {
  const args = [url, mode, String(options.count), String(options.lanes), String(options.blockSize)];
  const workers = [startWorker(args), startWorker(args)];
  try {
    await Promise.all(workers.map((item) => item.ready));
    for (const item of workers) item.go();
    const [first, second] = await Promise.all(workers.map((item) => item.result));
    return [first!, second!];
  } catch (error) {
    // One worker failed: do not leave the other waiting for `go` (it would keep the run alive).
    for (const item of workers) item.kill();
    throw error;
  }
}

const COUNT = 1000;

function assertSplit(first: Array<number | string>, second: Array<number | string>): void {
  const union = new Set([...first, ...second]);
  assert.equal(union.size, COUNT, 'every key won by one of the two processes');
  assert.equal(first.length + second.length, COUNT, 'no key won by both processes');
  assert.ok(first.length > 0 && second.length > 0, `both processes won some keys (${first.length} / ${second.length})`);
}

/** The race suite on one backend. */
export function describeProcessRace(backend: TestBackend): void {
  describe(`two processes on ${backend.dialect}`, { skip: backend.skip }, () => {
    let test: TestDatabase | undefined;
    // Keys in shuffled blocks of 25 (see race_worker.ts): inside a block both processes ask for the
    // same rows at the same moment. PostgreSQL: 4 lanes per process over its pool. SQLite: one
    // connection per process; its write lock serialises the statements.
    const raceOptions = { count: COUNT, lanes: backend.dialect === 'postgres' ? 4 : 1, blockSize: 25 };
    before(async () => {
      test = await backend.open();
    });
    after(async () => {
      await test?.cleanup();
    });

    it('migrate once when they start together', async () => {
      const [first, second] = await race(test!.url, 'migrate');
      assert.deepEqual([...first, ...second].sort(), Object.keys(storeMigrations).sort());
      assert.deepEqual(await runMigrations(test!.database.db, storeMigrations), []);
    });

    it('consume each of 1,000 values exactly once', async () => {
      const { singleUse } = createSqlStores(test!.database.db);
      const expiresAt = Math.floor(Date.now() / 1000) + 3600;
      // Ten at a time: on PostgreSQL each autocommit insert waits for its own WAL flush.
      for (let start = 0; start < COUNT; start += 10) {
        await Promise.all(Array.from({ length: 10 }, (_, offset) => singleUse.issue('race', `k-${start + offset}`, `v-${start + offset}`, expiresAt)));
      }
      const [first, second] = await race(test!.url, 'consume', raceOptions);
      assertSplit(first, second);
    });

    it('remember each of 1,000 keys as new exactly once', async () => {
      const [first, second] = await race(test!.url, 'remember', raceOptions);
      assertSplit(first, second);
    });
  });
}
