// `node --import tsx bench/ags_scores.ts`: Assignment and Grade Services score ingestion over HTTP
// on 127.0.0.1, on SQLite and on PostgreSQL side by side (and, with `--databases memory,…`, ltikit's
// in-memory stores as a reference without a database). Each database gets its own platform process
// (bench/servers/ags_platform.ts: `createPlatform` with every store on `createSqlStores`); this
// process is the tool. It gets one access token per platform from the real token endpoint
// (`tool.getAccessToken`: a client assertion signed with the tool's key), then N keep-alive
// connections POST scores (`application/vnd.ims.lis.v1.score+json`, one score per request,
// distinct users within any window of `--users` requests, strictly increasing timestamps) to the
// line item's `/scores` endpoint. Rounds alternate SQLite and PostgreSQL; the report gives the
// median of the rounds and the ratio PostgreSQL ÷ SQLite. Afterwards the platform processes are
// killed (SIGKILL) and the database is read back: every score answered 204 must be in the history
// and the latest score per user must be the last accepted one, or the run fails.
// See bench/README.md ("AGS score ingestion").
import { type ChildProcess, execFileSync, fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createSqlStores, openDatabase } from '@ltikit/store-sql';
import { generateSigningKey } from 'ltikit/keys';
import { SCOPE } from 'ltikit';
import type { StoredScore } from 'ltikit/platform';
import { createMemoryStores } from 'ltikit/stores';
import { createTool } from 'ltikit/tool';
import pg from 'pg';
import { createTestSchema } from '../packages/store-sql/test/support/postgres.js';
import { type LoadResult, runLoad, serializeRequest } from './load.js';
import { AGS_LINE_ITEM_ID, type AgsDriverMessage, type AgsServerMessage } from './servers/ags_platform.js';

const root = new URL('..', import.meta.url).pathname;
const CLIENT_ID = 'bench-grading-tool';
const DEPLOYMENT_ID = 'bench-deployment';
/** Marks the platform's pool connections in `pg_stat_activity`, to read their CPU time. */
const APPLICATION_NAME = 'ltikit-bench-ags';
const SCORE_MEDIA_TYPE = 'application/vnd.ims.lis.v1.score+json';

const { values: args } = parseArgs({
  options: {
    scores: { type: 'string', default: '5000' },
    'first-warmup': { type: 'string', default: '3000' },
    warmup: { type: 'string', default: '500' },
    rounds: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '16' },
    users: { type: 'string', default: '1000' },
    databases: { type: 'string', default: 'sqlite,postgres' },
    'postgres-url': { type: 'string' },
    'sqlite-synchronous': { type: 'string' },
    'postgres-synchronous-commit': { type: 'string' },
    'cpu-prof': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  console.log(`node --import tsx bench/ags_scores.ts [options]   (after npm run build)
  --scores N        timed scores per run (5000)
  --first-warmup N  scores sent to each platform before the first round (JIT, pool, caches), checked too (3000)
  --warmup N        scores sent before each timed run, not timed but checked (500)
  --rounds N        rounds; each runs every database once (3)
  --concurrency L   keep-alive connections, one request in flight on each; a list runs each (16)
  --users N         learners; score k goes to learner k mod N, so a learner's scores are N requests apart (1000)
  --databases L     of memory,sqlite,postgres (sqlite,postgres); memory is ltikit's in-memory stores,
                    a reference without a database (no durability check)
  --sqlite-synchronous NORMAL|FULL            pragma synchronous (default: as openDatabase leaves it, NORMAL in WAL)
  --postgres-synchronous-commit on|off        synchronous_commit for the platform's connections (default: the server's)
  --postgres-url U  PostgreSQL to create a throwaway schema in
                    (LTIKIT_TEST_DATABASE_URL, else DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test)
  --cpu-prof DIR    write a V8 CPU profile of the platform process for each timed run into DIR
                    (summary: node --import tsx bench/profile_summary.ts --requests <scores> DIR/*.cpuprofile)`);
  process.exit(0);
}
const positive = (value: string | undefined, name: string): number[] =>
  (value ?? '').split(',').map((item) => {
    const number = Number(item);
    if (!Number.isInteger(number) || number <= 0) throw new Error(`--${name} takes positive integers (got ${item})`);
    return number;
  });
const settings = {
  scores: positive(args.scores, 'scores')[0]!,
  firstWarmup: Number(args['first-warmup']),
  warmup: Number(args.warmup),
  rounds: positive(args.rounds, 'rounds')[0]!,
  concurrencies: positive(args.concurrency, 'concurrency'),
  users: positive(args.users, 'users')[0]!,
  databases: (args.databases ?? '').split(',') as DatabaseKind[],
  sqliteSynchronous: args['sqlite-synchronous']?.toUpperCase(),
  postgresSynchronousCommit: args['postgres-synchronous-commit'],
  cpuProfileDir: args['cpu-prof'],
  postgresUrl: args['postgres-url'] ?? process.env.LTIKIT_TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
};
for (const [name, value] of [['warmup', settings.warmup], ['first-warmup', settings.firstWarmup]] as const) {
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} takes a whole number`);
}
for (const kind of settings.databases) if (!['memory', 'sqlite', 'postgres'].includes(kind)) throw new Error(`--databases: unknown database ${kind}`);
if (settings.sqliteSynchronous !== undefined && settings.sqliteSynchronous !== 'NORMAL' && settings.sqliteSynchronous !== 'FULL') {
  throw new Error('--sqlite-synchronous takes NORMAL or FULL');
}
if (settings.postgresSynchronousCommit !== undefined && !['on', 'off'].includes(settings.postgresSynchronousCommit)) {
  throw new Error('--postgres-synchronous-commit takes on or off');
}

type DatabaseKind = 'memory' | 'sqlite' | 'postgres';
const LABEL: Record<DatabaseKind, string> = { memory: 'memory', sqlite: 'SQLite', postgres: 'PostgreSQL' };

// ---------------------------------------------------------------------------------------------
// The platform process

class PlatformProcess {
  readonly #child: ChildProcess;
  readonly #waiting: Array<(message: AgsServerMessage) => void> = [];

  constructor() {
    this.#child = fork(join(root, 'bench/servers/ags_platform.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.#child.on('message', (message: AgsServerMessage) => this.#waiting.shift()?.(message));
  }

  async ask<T extends AgsServerMessage['type']>(message: AgsDriverMessage, expected: T): Promise<Extract<AgsServerMessage, { type: T }>> {
    const answer = await new Promise<AgsServerMessage>((resolve, reject) => {
      const onExit = (code: number | null): void => reject(new Error(`the platform process exited (${code}) before answering ${message.type}`));
      this.#child.once('exit', onExit);
      this.#waiting.push((reply) => {
        this.#child.off('exit', onExit);
        resolve(reply);
      });
      this.#child.send(message);
    });
    if (answer.type === 'error') throw new Error(answer.message);
    if (answer.type !== expected) throw new Error(`expected ${expected}, got ${answer.type}`);
    return answer as Extract<AgsServerMessage, { type: T }>;
  }

  /** SIGKILL: nothing the process holds in memory survives, only what it committed. */
  kill(): Promise<void> {
    return new Promise((resolve) => {
      if (this.#child.exitCode !== null || this.#child.signalCode !== null) return resolve();
      this.#child.once('exit', () => resolve());
      this.#child.kill('SIGKILL');
    });
  }
}

// ---------------------------------------------------------------------------------------------
// CPU time of the PostgreSQL backends serving the platform's pool (/proc, same machine)

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** utime + stime of a process in µs; 0 when it is gone or unreadable. */
function processCpuMicros(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After "pid (comm) ": state is field 3, utime field 14, stime field 15.
    return ((Number(fields[11]) + Number(fields[12])) * 1_000_000) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

async function backendCpu(admin: pg.Client): Promise<Map<number, number>> {
  const { rows } = await admin.query<{ pid: number }>('select pid from pg_stat_activity where application_name = $1', [APPLICATION_NAME]);
  return new Map(rows.map((row) => [row.pid, processCpuMicros(row.pid)]));
}

// ---------------------------------------------------------------------------------------------
// One database under test

interface ScoreSent {
  userId: string;
  timestamp: string;
  scoreGiven: number;
}

interface RunResult extends LoadResult {
  platformCpuMicrosPerScore: number;
  /** PostgreSQL only: the CPU time of the pool's backend processes, per score. */
  databaseCpuMicrosPerScore: number | undefined;
}

interface Backend {
  kind: DatabaseKind;
  databaseUrl: string;
  platform: PlatformProcess;
  started: Extract<AgsServerMessage, { type: 'started' }>;
  port: number;
  scoresPath: string;
  token: string;
  /** Every score sent, by its number k (request order); `accepted[k]` is 1 when it was answered 204. */
  sent: ScoreSent[];
  accepted: Uint8Array;
  runs: Map<number, RunResult[]>;
  statuses: Map<number, number>;
  failureSamples: { status: number; body: string }[];
}

const T0_MS = Date.parse('2026-03-02T08:00:00.000Z');
const totalPerBackend = settings.firstWarmup + settings.rounds * settings.concurrencies.length * (settings.warmup + settings.scores);

/** The next `count` scores for `backend`: learner k mod users, timestamp T0 + k ms (strictly increasing). */
function nextRequests(backend: Backend, count: number): Buffer[] {
  const requests: Buffer[] = [];
  for (let index = 0; index < count; index++) {
    const k = backend.sent.length;
    const score: ScoreSent = { userId: learnerId(k % settings.users), timestamp: new Date(T0_MS + k).toISOString(), scoreGiven: k % 11 };
    backend.sent.push(score);
    const body = JSON.stringify({
      userId: score.userId,
      scoreGiven: score.scoreGiven,
      scoreMaximum: 10,
      comment: 'Marked by the bench',
      timestamp: score.timestamp,
      activityProgress: 'Completed',
      gradingProgress: 'FullyGraded',
    });
    requests.push(
      serializeRequest({
        method: 'POST',
        path: backend.scoresPath,
        port: backend.port,
        headers: { authorization: `Bearer ${backend.token}`, 'content-type': SCORE_MEDIA_TYPE },
        body,
      }),
    );
  }
  return requests;
}

const learnerId = (index: number): string => `learner-${String(index).padStart(6, '0')}`;

async function send(backend: Backend, requests: Buffer[], concurrency: number): Promise<LoadResult> {
  const first = backend.sent.length - requests.length;
  const result = await runLoad({
    port: backend.port,
    requests,
    concurrency,
    isSuccess: (response) => response.status === 204,
    onResponse: (index, response) => {
      if (response.status === 204) backend.accepted[first + index] = 1;
    },
  });
  for (const [status, count] of result.statuses) backend.statuses.set(status, (backend.statuses.get(status) ?? 0) + count);
  for (const sample of result.failureSamples) if (backend.failureSamples.length < 5) backend.failureSamples.push(sample);
  return result;
}

async function timedRun(backend: Backend, concurrency: number, round: number, admin: pg.Client | undefined): Promise<RunResult> {
  if (settings.warmup > 0) await send(backend, nextRequests(backend, settings.warmup), concurrency);
  const requests = nextRequests(backend, settings.scores);
  const profileFile = settings.cpuProfileDir === undefined ? undefined : join(settings.cpuProfileDir, `ags-${backend.kind}-c${concurrency}-round${round}.cpuprofile`);
  await backend.platform.ask({ type: 'run-start', profile: profileFile !== undefined }, 'run-started');
  const databaseBefore = backend.kind === 'postgres' && admin !== undefined ? await backendCpu(admin) : undefined;
  const load = await send(backend, requests, concurrency);
  const databaseAfter = databaseBefore !== undefined && admin !== undefined ? await backendCpu(admin) : undefined;
  const cpu = await backend.platform.ask(profileFile === undefined ? { type: 'run-stop' } : { type: 'run-stop', profileFile }, 'run-stopped');
  let databaseMicros: number | undefined;
  if (databaseAfter !== undefined) {
    databaseMicros = 0;
    for (const [pid, micros] of databaseAfter) databaseMicros += micros - (databaseBefore?.get(pid) ?? 0);
  }
  return {
    ...load,
    platformCpuMicrosPerScore: (cpu.userMicros + cpu.systemMicros) / load.requests,
    databaseCpuMicrosPerScore: databaseMicros === undefined ? undefined : databaseMicros / load.requests,
  };
}

// ---------------------------------------------------------------------------------------------
// Durability: read the database back after the platform process is killed

interface DurabilityReport {
  historyRows: number;
  /** Accepted (204) scores missing from the history. */
  lost: number;
  /** History rows for scores that were not answered 204 (e.g. a timeout after the commit). */
  unacknowledged: number;
  /** Learners whose latest score (result) is not their last accepted one. */
  wrongLatest: number;
  problems: string[];
}

async function checkDurability(backend: Backend): Promise<DurabilityReport> {
  const database = await openDatabase(backend.databaseUrl);
  try {
    const store = createSqlStores(database.db).ags;
    const expected = new Map<string, Map<string, number>>();
    backend.sent.forEach((score, k) => {
      if (backend.accepted[k] !== 1) return;
      const scores = expected.get(score.userId) ?? new Map<string, number>();
      expected.set(score.userId, scores);
      scores.set(score.timestamp, score.scoreGiven);
    });
    const problems: string[] = [];
    let historyRows = 0;
    let lost = 0;
    let unacknowledged = 0;
    let wrongLatest = 0;
    const sentUsers = new Set(backend.sent.map((score) => score.userId));
    const latest = new Map<string, StoredScore>();
    for (let afterUserId: string | undefined; ; ) {
      const page = await store.listLatestScores({ lineItemId: AGS_LINE_ITEM_ID, limit: 500, ...(afterUserId === undefined ? {} : { afterUserId }) });
      for (const score of page) latest.set(score.userId, score);
      if (page.length < 500) break;
      afterUserId = page.at(-1)!.userId;
    }
    for (const userId of sentUsers) {
      const history = await store.scoreHistory(AGS_LINE_ITEM_ID, userId);
      historyRows += history.length;
      const wanted = expected.get(userId) ?? new Map<string, number>();
      const stored = new Map(history.map((score) => [score.timestamp, score.scoreGiven]));
      for (const [timestamp, scoreGiven] of wanted) {
        if (!stored.has(timestamp)) {
          lost++;
          if (problems.length < 5) problems.push(`${userId} ${timestamp}: answered 204 but not stored`);
        } else if (stored.get(timestamp) !== scoreGiven) {
          lost++;
          if (problems.length < 5) problems.push(`${userId} ${timestamp}: stored with scoreGiven ${stored.get(timestamp)}, sent ${scoreGiven}`);
        }
      }
      for (const timestamp of stored.keys()) if (!wanted.has(timestamp)) unacknowledged++;
      const lastAccepted = [...wanted.keys()].sort().at(-1);
      if (lastAccepted !== undefined && latest.get(userId)?.timestamp !== lastAccepted) {
        wrongLatest++;
        if (problems.length < 5) problems.push(`${userId}: result ${latest.get(userId)?.timestamp}, last accepted score ${lastAccepted}`);
      }
    }
    if (latest.size !== expected.size) problems.push(`${latest.size} learners have a result, ${expected.size} had a score accepted`);
    return { historyRows, lost, unacknowledged, wrongLatest, problems };
  } finally {
    await database.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Report

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const formatRate = (value: number): string => Math.round(value).toLocaleString('en-US');
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const describeStatuses = (statuses: Map<number, number>): string => [...statuses].map(([status, count]) => `${status}×${count}`).join(' ');

function printTable(header: string[], lines: string[][]): void {
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map(() => '---').join('|')}|`);
  for (const line of lines) console.log(`| ${line.join(' | ')} |`);
}

// ---------------------------------------------------------------------------------------------
// Main

async function main(): Promise<void> {
  const toolKey = await generateSigningKey({ alg: 'RS256', now: Math.floor(Date.now() / 1000) });
  const toolStores = createMemoryStores();
  await toolStores.keys.saveKey('tool', { ...toolKey, status: 'active', activatedAt: toolKey.createdAt });
  const tool = createTool({ baseUrl: 'http://127.0.0.1:9/lti', stores: toolStores, allowInsecureLoopback: true, onLaunch: () => new Response('') });

  if (settings.cpuProfileDir !== undefined) mkdirSync(settings.cpuProfileDir, { recursive: true });
  const cleanups: Array<() => Promise<void>> = [];
  const backends: Backend[] = [];
  let admin: pg.Client | undefined;
  let failed = false;
  try {
    for (const kind of settings.databases) {
      let databaseUrl = 'memory';
      if (kind === 'sqlite') {
        const folder = mkdtempSync(join(tmpdir(), 'ltikit-bench-ags-'));
        cleanups.push(async () => rmSync(folder, { recursive: true, force: true }));
        databaseUrl = `sqlite:${join(folder, 'scores.db')}`;
      } else if (kind === 'postgres') {
        const schema = await createTestSchema(settings.postgresUrl);
        cleanups.push(schema.drop);
        const url = new URL(schema.url);
        url.searchParams.set('application_name', APPLICATION_NAME);
        if (settings.postgresSynchronousCommit !== undefined) {
          url.searchParams.set('options', `${url.searchParams.get('options')} -c synchronous_commit=${settings.postgresSynchronousCommit}`);
        }
        databaseUrl = url.href;
        admin = new pg.Client({ connectionString: settings.postgresUrl });
        await admin.connect();
      }
      const platform = new PlatformProcess();
      cleanups.unshift(() => platform.kill());
      const started = await platform.ask(
        {
          type: 'start',
          databaseUrl,
          ...(settings.sqliteSynchronous === undefined ? {} : { sqliteSynchronous: settings.sqliteSynchronous as 'NORMAL' | 'FULL' }),
          clientId: CLIENT_ID,
          deploymentId: DEPLOYMENT_ID,
          toolPublicJwk: toolKey.publicJwk,
        },
        'started',
      );
      await tool.registerPlatform({
        issuer: started.origin,
        clientId: CLIENT_ID,
        deploymentIds: [DEPLOYMENT_ID],
        authorizationEndpoint: `${started.origin}/lti/authorize`,
        tokenEndpoint: `${started.origin}/lti/token`,
        jwksUri: `${started.origin}/.well-known/jwks.json`,
      });
      // One token through the platform's token endpoint (client assertion signed with the tool's key).
      const token = await tool.getAccessToken({ issuer: started.origin, clientId: CLIENT_ID, deploymentId: DEPLOYMENT_ID }, [SCOPE.score]);
      const lineItemUrl = new URL(started.lineItemUrl);
      backends.push({
        kind,
        databaseUrl,
        platform,
        started,
        port: Number(lineItemUrl.port),
        scoresPath: `${lineItemUrl.pathname}/scores`,
        token: token.accessToken,
        sent: [],
        accepted: new Uint8Array(totalPerBackend),
        runs: new Map(settings.concurrencies.map((concurrency) => [concurrency, []])),
        statuses: new Map(),
        failureSamples: [],
      });
    }

    const loadBefore = loadavg();
    console.log(
      `AGS score ingestion over HTTP — node ${process.version}, ${availableParallelism()} CPUs (${cpus()[0]?.model ?? 'unknown'}), ` +
        `load average ${loadBefore.map((value) => value.toFixed(2)).join(' ')}`,
    );
    for (const backend of backends) console.log(`  ${LABEL[backend.kind].padEnd(10)} ${backend.started.durability}`);
    console.log(
      `${settings.rounds} rounds × (${backends.map((backend) => LABEL[backend.kind]).join(', ')}) × concurrency ${settings.concurrencies.join(', ')}; ` +
        `first a ${settings.firstWarmup}-score warm-up, then each run ${settings.warmup} warm-up + ${settings.scores} timed scores; ${settings.users} learners\n`,
    );

    if (settings.firstWarmup > 0) {
      for (const backend of backends) await send(backend, nextRequests(backend, settings.firstWarmup), settings.concurrencies[0]!);
    }
    for (const concurrency of settings.concurrencies) {
      for (let round = 1; round <= settings.rounds; round++) {
        for (const backend of backends) {
          const result = await timedRun(backend, concurrency, round, admin);
          backend.runs.get(concurrency)!.push(result);
          console.log(
            `  c=${String(concurrency).padEnd(3)} round ${round}  ${LABEL[backend.kind].padEnd(10)} ${formatRate(result.requestsPerSecond).padStart(6)} scores/s` +
              `  p50 ${result.latencyMs.p50.toFixed(2)} ms  p99 ${result.latencyMs.p99.toFixed(2)} ms` +
              `  platform CPU ${result.platformCpuMicrosPerScore.toFixed(0)} µs/score` +
              (result.databaseCpuMicrosPerScore === undefined ? '' : `, PostgreSQL backends ${result.databaseCpuMicrosPerScore.toFixed(0)} µs/score`) +
              `  statuses ${describeStatuses(result.statuses)}`,
          );
          await pause(200);
        }
      }
    }
    console.log(`\nload average after: ${loadavg().map((value) => value.toFixed(2)).join(' ')}\n`);

    // Durability: kill the platforms first, then read what the databases hold.
    for (const backend of backends) await backend.platform.kill();
    // The in-memory reference died with its process: nothing to read back.
    const durability = new Map<DatabaseKind, DurabilityReport>();
    for (const backend of backends) if (backend.kind !== 'memory') durability.set(backend.kind, await checkDurability(backend));

    console.log('Throughput and latency (median of the rounds; CPU = server-side CPU time per accepted score)\n');
    const of = (backend: Backend, concurrency: number, measure: (run: RunResult) => number): number => median(backend.runs.get(concurrency)!.map(measure));
    const serverCpu = (run: RunResult): number => run.platformCpuMicrosPerScore + (run.databaseCpuMicrosPerScore ?? 0);
    const lines: string[][] = [];
    for (const concurrency of settings.concurrencies) {
      for (const backend of backends) {
        lines.push([
          LABEL[backend.kind],
          String(concurrency),
          formatRate(of(backend, concurrency, (run) => run.requestsPerSecond)),
          of(backend, concurrency, (run) => run.latencyMs.p50).toFixed(2),
          of(backend, concurrency, (run) => run.latencyMs.p99).toFixed(2),
          of(backend, concurrency, (run) => run.platformCpuMicrosPerScore).toFixed(0),
          backend.kind === 'postgres' ? of(backend, concurrency, (run) => run.databaseCpuMicrosPerScore ?? 0).toFixed(0) : '–',
          of(backend, concurrency, serverCpu).toFixed(0),
        ]);
      }
    }
    printTable(['database', 'connections', 'scores/s', 'p50 ms', 'p99 ms', 'platform CPU µs', 'PostgreSQL backends CPU µs', 'server CPU µs'], lines);

    const find = (kind: DatabaseKind): Backend | undefined => backends.find((backend) => backend.kind === kind);
    const pairs = (
      [
        ['postgres', 'sqlite'],
        ['sqlite', 'memory'],
        ['postgres', 'memory'],
      ] as const
    ).flatMap(([top, bottom]) => {
      const [a, b] = [find(top), find(bottom)];
      return a === undefined || b === undefined ? [] : [[a, b] as const];
    });
    if (pairs.length > 0) {
      console.log('\nRatios of the medians\n');
      const lines: string[][] = [];
      for (const [a, b] of pairs) {
        for (const concurrency of settings.concurrencies) {
          const ratio = (measure: (run: RunResult) => number): string => (of(a, concurrency, measure) / of(b, concurrency, measure)).toFixed(2);
          lines.push([
            `${LABEL[a.kind]} ÷ ${LABEL[b.kind]}`,
            String(concurrency),
            ratio((run) => run.requestsPerSecond),
            ratio((run) => run.latencyMs.p50),
            ratio((run) => run.latencyMs.p99),
            ratio(serverCpu),
          ]);
        }
      }
      printTable(['ratio', 'connections', 'scores/s', 'p50', 'p99', 'server CPU per score'], lines);
    }

    console.log('\nDurability (after SIGKILL of the platform process; warm-up scores included)\n');
    printTable(
      ['database', 'scores sent', 'answered 204', 'other answers', 'rows in the history', 'lost', 'stored without a 204', 'wrong latest'],
      backends.map((backend) => {
        const report = durability.get(backend.kind);
        const others = [...backend.statuses].filter(([status]) => status !== 204);
        const accepted = backend.accepted.reduce((sum, flag) => sum + flag, 0);
        return [
          LABEL[backend.kind],
          formatRate(backend.sent.length),
          formatRate(accepted),
          others.length === 0 ? '0' : describeStatuses(new Map(others)),
          ...(report === undefined
            ? ['not read (in memory)', '–', '–', '–']
            : [formatRate(report.historyRows), String(report.lost), String(report.unacknowledged), String(report.wrongLatest)]),
        ];
      }),
    );

    const problems: string[] = [];
    for (const backend of backends) {
      const notAccepted = backend.sent.length - backend.accepted.reduce((sum, flag) => sum + flag, 0);
      if (notAccepted > 0) problems.push(`${LABEL[backend.kind]}: ${notAccepted} scores were not answered 204 (${describeStatuses(backend.statuses)})`);
      for (const sample of backend.failureSamples) problems.push(`${LABEL[backend.kind]}: answer ${sample.status}: ${sample.body.replace(/\s+/g, ' ').slice(0, 300)}`);
      const report = durability.get(backend.kind);
      if (report === undefined) continue;
      for (const problem of report.problems) problems.push(`${LABEL[backend.kind]}: ${problem}`);
      if (report.lost > 0) problems.push(`${LABEL[backend.kind]}: ${report.lost} scores answered 204 are missing or different`);
    }
    if (problems.length > 0) {
      failed = true;
      console.error(`\n${problems.length} problem(s) — these figures are not valid:`);
      for (const problem of problems) console.error(`  - ${problem}`);
    } else {
      console.log('\nEvery score answered 204 is in the database, and every learner\u2019s result is their last score.');
    }
  } finally {
    await admin?.end();
    for (const cleanup of cleanups) await cleanup();
  }
  if (failed) process.exitCode = 1;
}

await main();
