// `npm run bench`: ltikit against a hand-written ceiling for the same work, side by side, over HTTP
// on 127.0.0.1. Two scenarios, each with RS256 and ES256:
//   tool launch         POST {tool}/lti/launch (id_token + state + state cookie) → 200
//   platform authorize  GET {platform}/lti/authorize?… (valid message hint) → form page with an id_token
// Three servers per scenario: the ceiling (node:http, least work), the adapter (the ceiling's work
// as a fetch handler on @hono/node-server, for information) and ltikit. Each runs in its own
// process; this process generates the load. Every run sends a fixed number of requests (after a
// warm-up) and stops by itself; runs alternate ceiling, adapter, ltikit, … for a few rounds, and
// the report gives the median requests/second of each and the ratio ltikit/ceiling.
// See bench/README.md.
import { type ChildProcess, fork } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { exportJWK, generateKeyPair, importJWK, type JWK, jwtVerify, SignJWT } from 'jose';
import { CLIENT_ID, launchClaims } from './fixtures.js';
import { type LoadResponse, type LoadResult, runLoad, serializeRequest } from './load.js';
import type {
  Algorithm,
  DriverMessage,
  PreparedAuthorization,
  PreparedItem,
  PreparedLogin,
  ServerInfo,
  ServerMessage,
  ServerRole,
  ServerStats,
  StartOptions,
} from './protocol.js';

const TARGET_RATIO = 0.7;
const root = new URL('..', import.meta.url).pathname;

const { values: args } = parseArgs({
  options: {
    requests: { type: 'string', default: '8000' },
    warmup: { type: 'string', default: '3000' },
    concurrency: { type: 'string', default: '16' },
    rounds: { type: 'string', default: '5' },
    only: { type: 'string' },
    variants: { type: 'string', default: 'ceiling,adapter,ltikit' },
    alg: { type: 'string', default: 'RS256,ES256' },
    'cpu-prof': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (args.help) {
  console.log(`npm run bench -- [--requests N] [--warmup N] [--concurrency N] [--rounds N] [--only tool|platform] [--alg RS256,ES256] [--variants …] [--cpu-prof]
  --requests     timed requests per run (default 8000)
  --warmup       untimed requests before each run (default 3000)
  --concurrency  keep-alive connections, one request in flight on each (default 16)
  --rounds       rounds per scenario; each round runs every variant once (default 5)
  --only         run one scenario
  --alg          algorithms, comma-separated (default RS256,ES256)
  --variants     servers to run, in this order each round (default ceiling,adapter,ltikit;
                 ceiling and ltikit are required, adapter is informational)
  --cpu-prof     profile the server processes during the timed runs (the V8 profiler --cpu-prof uses,
                 started and stopped through node:inspector); prints where the .cpuprofile files went`);
  process.exit(0);
}

type Variant = 'ceiling' | 'adapter' | 'ltikit';

function parseVariants(list: string): Variant[] {
  const variants = list.split(',').map((variant) => {
    if (variant !== 'ceiling' && variant !== 'adapter' && variant !== 'ltikit') throw new Error(`--variants takes ceiling, adapter, ltikit (got ${variant})`);
    return variant as Variant;
  });
  if (!variants.includes('ceiling') || !variants.includes('ltikit')) throw new Error('--variants must include ceiling and ltikit');
  return [...new Set(variants)];
}

const positive = (name: string, value: string | undefined): number => {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) throw new Error(`--${name} must be a positive integer (got ${value})`);
  return number;
};
const settings = {
  requests: positive('requests', args.requests),
  warmup: positive('warmup', args.warmup),
  concurrency: positive('concurrency', args.concurrency),
  rounds: positive('rounds', args.rounds),
  algorithms: (args.alg ?? '').split(',').map((alg) => {
    if (alg !== 'RS256' && alg !== 'ES256') throw new Error(`--alg takes RS256 and/or ES256 (got ${alg})`);
    return alg as Algorithm;
  }),
  only: args.only,
  variants: parseVariants(args.variants ?? ''),
  cpuProfileDir: args['cpu-prof'] ? join(tmpdir(), `ltikit-bench-profiles-${Date.now()}`) : undefined,
};
if (settings.only !== undefined && settings.only !== 'tool' && settings.only !== 'platform') throw new Error('--only takes tool or platform');

// ---------------------------------------------------------------------------------------------
// Server processes

class ServerProcess {
  readonly #child: ChildProcess;
  readonly #waiting: { resolve: (message: ServerMessage) => void; reject: (error: Error) => void }[] = [];
  info: ServerInfo = { port: 0 };

  constructor(readonly role: ServerRole) {
    this.#child = fork(join(root, 'bench/server_process.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.#child.on('message', (message: ServerMessage) => {
      const waiter = this.#waiting.shift();
      if (waiter === undefined) return;
      if (message.type === 'error') waiter.reject(new Error(`${role}: ${message.message}`));
      else waiter.resolve(message);
    });
    this.#child.on('exit', (code) => {
      for (const waiter of this.#waiting.splice(0)) waiter.reject(new Error(`${role} exited (${code}) before answering`));
    });
  }

  #ask<T extends ServerMessage['type']>(message: DriverMessage, answer: T): Promise<Extract<ServerMessage, { type: T }>> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({
        resolve: (reply) => (reply.type === answer ? resolve(reply as Extract<ServerMessage, { type: T }>) : reject(new Error(`${this.role}: expected ${answer}, got ${reply.type}`))),
        reject,
      });
      this.#child.send(message);
    });
  }

  async start(options: StartOptions): Promise<this> {
    this.info = (await this.#ask({ type: 'start', options }, 'started')).info;
    return this;
  }

  async prepare(count: number): Promise<PreparedItem[]> {
    return (await this.#ask({ type: 'prepare', count }, 'prepared')).items;
  }

  async runStart(profile: boolean): Promise<void> {
    await this.#ask({ type: 'run-start', profile }, 'run-started');
  }

  /** The CPU time (µs, all threads) the server used since runStart. */
  async runStop(profileFile: string | undefined): Promise<{ userMicros: number; systemMicros: number; gcMicros: number }> {
    const { userMicros, systemMicros, gcMicros } = await this.#ask(profileFile === undefined ? { type: 'run-stop' } : { type: 'run-stop', profileFile }, 'run-stopped');
    return { userMicros, systemMicros, gcMicros };
  }

  async stats(): Promise<ServerStats> {
    return (await this.#ask({ type: 'stats' }, 'stats')).stats;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      if (this.#child.exitCode !== null) return resolve();
      this.#child.once('exit', () => resolve());
      this.#child.send({ type: 'stop' } satisfies DriverMessage);
    });
  }
}

async function startServer(options: StartOptions): Promise<ServerProcess> {
  return new ServerProcess(options.role).start(options);
}

// ---------------------------------------------------------------------------------------------
// Scenarios

interface ScenarioSetup {
  servers: Map<Variant, ServerProcess>;
  /** Prepares `count` requests (warm-up first) outside the timing; the result serialises them for a server's port. */
  buildRequests(count: number): Promise<(port: number) => Buffer[]>;
  isSuccess(response: LoadResponse): boolean;
  /** Checks after a run; returns the problems found. */
  check(variant: Variant, result: LoadResult): Promise<string[]>;
}

interface Scenario {
  name: string;
  key: 'tool' | 'platform';
  alg: Algorithm;
  setUp(): Promise<ScenarioSetup>;
}

/** Signs in batches, so that WebCrypto's thread pool works on several at once. */
async function signAll(payloads: Record<string, unknown>[], key: CryptoKey, header: { alg: string; kid: string }): Promise<string[]> {
  const tokens: string[] = [];
  for (let start = 0; start < payloads.length; start += 64) {
    const batch = payloads.slice(start, start + 64).map((payload) => new SignJWT(payload).setProtectedHeader(header).sign(key));
    tokens.push(...(await Promise.all(batch)));
  }
  return tokens;
}

function toolLaunchScenario(alg: Algorithm): Scenario {
  return {
    name: 'tool launch',
    key: 'tool',
    alg,
    async setUp() {
      const { privateKey, publicKey } = await generateKeyPair(alg, { modulusLength: 2048 });
      const kid = crypto.randomUUID();
      const platformPublicJwk: JWK = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
      const servers = new Map<Variant, ServerProcess>();
      for (const variant of settings.variants) servers.set(variant, await startServer({ role: `tool-${variant}`, alg, platformPublicJwk }));
      const ltikit = servers.get('ltikit')!;
      return {
        servers,
        async buildRequests(count) {
          // Fresh logins at the ltikit tool (single-use state and nonce); the other servers verify the same tokens.
          const logins = (await ltikit.prepare(count)) as PreparedLogin[];
          const now = Math.floor(Date.now() / 1000);
          const payloads = logins.map((login, index) => launchClaims({ index, nonce: login.nonce, targetLinkUri: login.targetLinkUri, now }));
          const tokens = await signAll(payloads, privateKey, { alg, kid });
          return (port) =>
            logins.map((login, index) =>
              serializeRequest({
                method: 'POST',
                path: '/lti/launch',
                port,
                headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', cookie: login.cookie },
                body: `id_token=${tokens[index]}&state=${encodeURIComponent(login.state)}`,
              }),
            );
        },
        isSuccess: (response) => response.status === 200,
        async check(variant) {
          if (variant !== 'ltikit') return [];
          const stats = await ltikit.stats();
          return stats.jwksFetches === 1 && stats.jwksServed === 1
            ? []
            : [`the tool fetched the JWKS ${stats.jwksFetches} times (served ${stats.jwksServed}); expected once in the whole scenario`];
        },
      };
    },
  };
}

function platformAuthorizeScenario(alg: Algorithm): Scenario {
  return {
    name: 'platform authorize',
    key: 'platform',
    alg,
    async setUp() {
      const ltikit = await startServer({ role: 'platform-ltikit', alg });
      const { sampleClaims } = ltikit.info;
      if (sampleClaims === undefined) throw new Error('platform-ltikit sent no sample claims');
      const servers = new Map<Variant, ServerProcess>();
      for (const variant of settings.variants) {
        servers.set(variant, variant === 'ltikit' ? ltikit : await startServer({ role: `platform-${variant}`, alg, claimsTemplate: sampleClaims }));
      }
      const expectedClaims = Object.keys(sampleClaims).sort().join(',');
      return {
        servers,
        async buildRequests(count) {
          // Fresh launches (single-use message hints) at the ltikit platform; the other servers get the same URLs.
          const launches = (await ltikit.prepare(count)) as PreparedAuthorization[];
          return (port) => launches.map((launch) => serializeRequest({ method: 'GET', path: launch.path, port, headers: { accept: 'text/html' } }));
        },
        // The authorization endpoint reports most failures to the tool inside a 200 form (OIDC-024): look for the id_token.
        isSuccess: (response) => response.status === 200 && response.body.includes('name="id_token"'),
        async check(variant, result) {
          // One issued id_token must verify with the server's published key and carry the full claim set.
          const html = result.sampleBody?.toString('utf8') ?? '';
          const idToken = /name="id_token" value="([^"]+)"/.exec(html)?.[1];
          const publicJwk = servers.get(variant)?.info.publicJwk;
          if (idToken === undefined || publicJwk === undefined) return ['no id_token to check'];
          try {
            const { payload } = await jwtVerify(idToken, await importJWK(publicJwk, alg), { algorithms: [alg], audience: CLIENT_ID });
            const claims = Object.keys(payload).sort().join(',');
            return claims === expectedClaims ? [] : [`the id_token carries the claims ${claims}, expected ${expectedClaims}`];
          } catch (error) {
            return [`the issued id_token does not verify: ${(error as Error).message}`];
          }
        },
      };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Running

/** A timed run: the load generator's figures and the server process's CPU time per request. */
interface RunResult extends LoadResult {
  serverCpuMicrosPerRequest: number;
  /** The kernel's share of it (socket reads and writes, mostly). */
  serverSystemMicrosPerRequest: number;
  /** Main-thread garbage-collection pauses (wall time), per request. */
  serverGcMicrosPerRequest: number;
}

interface Row {
  scenario: Scenario;
  runs: Map<Variant, RunResult[]>;
  problems: string[];
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const formatRate = (value: number): string => Math.round(value).toLocaleString('en-US');

function describeStatuses(result: LoadResult): string {
  return [...result.statuses].map(([status, count]) => `${status}×${count}`).join(' ');
}

async function runScenario(scenario: Scenario): Promise<Row> {
  const setup = await scenario.setUp();
  const row: Row = { scenario, runs: new Map(settings.variants.map((variant) => [variant, []])), problems: [] };
  try {
    for (let round = 1; round <= settings.rounds; round++) {
      const serialize = await setup.buildRequests(settings.warmup + settings.requests);
      for (const variant of settings.variants) {
        const server = setup.servers.get(variant)!;
        const all = serialize(server.info.port);
        const common = { port: server.info.port, concurrency: settings.concurrency, isSuccess: setup.isSuccess };
        const warmup = await runLoad({ ...common, requests: all.slice(0, settings.warmup) });
        const profileFile =
          settings.cpuProfileDir === undefined ? undefined : join(settings.cpuProfileDir, `${scenario.key}-${scenario.alg}-${variant}-round${round}.cpuprofile`);
        await server.runStart(profileFile !== undefined);
        const load = await runLoad({ ...common, requests: all.slice(settings.warmup) });
        const cpu = await server.runStop(profileFile);
        const result: RunResult = {
          ...load,
          serverCpuMicrosPerRequest: (cpu.userMicros + cpu.systemMicros) / load.requests,
          serverSystemMicrosPerRequest: cpu.systemMicros / load.requests,
          serverGcMicrosPerRequest: cpu.gcMicros / load.requests,
        };
        row.runs.get(variant)!.push(result);
        const failed = warmup.failures + result.failures;
        console.log(
          `  round ${round}  ${variant.padEnd(7)}  ${formatRate(result.requestsPerSecond).padStart(7)} req/s` +
            `  server CPU ${result.serverCpuMicrosPerRequest.toFixed(0).padStart(4)} µs/req (system ${result.serverSystemMicrosPerRequest.toFixed(0).padStart(3)},` +
            ` GC pauses ${result.serverGcMicrosPerRequest.toFixed(0).padStart(2)})` +
            `  p50 ${result.latencyMs.p50.toFixed(2)} ms  p99 ${result.latencyMs.p99.toFixed(2)} ms  statuses ${describeStatuses(result)}` +
            (failed > 0 ? `  FAILURES ${failed}` : ''),
        );
        for (const sample of [...warmup.failureSamples, ...result.failureSamples].slice(0, 3)) {
          console.log(`      failure ${sample.status}: ${sample.body.replace(/\s+/g, ' ').slice(0, 300)}`);
        }
        if (failed > 0) row.problems.push(`${variant} round ${round}: ${failed} failed responses (${describeStatuses(warmup)} warm-up; ${describeStatuses(result)} timed)`);
        for (const problem of await setup.check(variant, result)) row.problems.push(`${variant} round ${round}: ${problem}`);
        await pause(200);
      }
    }
  } finally {
    await Promise.all([...setup.servers.values()].map((server) => server.stop()));
  }
  return row;
}

function checkBuild(): void {
  const dist = join(root, 'packages/ltikit/dist/index.js');
  if (!existsSync(dist)) {
    console.error('packages/ltikit/dist is missing: run `npm run build` first (the bench uses the public entries, as an application would).');
    process.exit(1);
  }
  const builtAt = statSync(dist).mtimeMs;
  const newest = (folder: string): number =>
    Math.max(0, ...readdirSync(folder, { withFileTypes: true }).map((entry) => (entry.isDirectory() ? newest(join(folder, entry.name)) : statSync(join(folder, entry.name)).mtimeMs)));
  if (newest(join(root, 'packages/ltikit/src')) > builtAt) console.warn('warning: packages/ltikit/src changed after the last build; run `npm run build` to measure the current code.\n');
}

async function main(): Promise<void> {
  checkBuild();
  if (settings.cpuProfileDir !== undefined) mkdirSync(settings.cpuProfileDir, { recursive: true });
  const scenarios: Scenario[] = [];
  for (const alg of settings.algorithms) {
    if (settings.only !== 'platform') scenarios.push(toolLaunchScenario(alg));
    if (settings.only !== 'tool') scenarios.push(platformAuthorizeScenario(alg));
  }
  const loadBefore = loadavg();
  console.log(
    `ltikit bench — node ${process.version}, ${availableParallelism()} CPUs (${cpus()[0]?.model ?? 'unknown'}), ` +
      `load average ${loadBefore.map((value) => value.toFixed(2)).join(' ')}`,
  );
  console.log(
    `${settings.rounds} rounds × (${settings.variants.join(', ')}), each run ${settings.warmup} warm-up + ${settings.requests} timed requests over ${settings.concurrency} keep-alive connections\n`,
  );

  const rows: Row[] = [];
  for (const scenario of scenarios) {
    console.log(`${scenario.name} ${scenario.alg}`);
    rows.push(await runScenario(scenario));
  }

  console.log(`\nload average after: ${loadavg().map((value) => value.toFixed(2)).join(' ')}\n`);
  const withAdapter = settings.variants.includes('adapter');
  const shown: Variant[] = withAdapter ? ['ceiling', 'adapter', 'ltikit'] : ['ceiling', 'ltikit'];
  const printTable = (header: string[], lines: string[][]): void => {
    console.log(`| ${header.join(' | ')} |`);
    console.log(`|${header.map(() => '---').join('|')}|`);
    for (const line of lines) console.log(`| ${line.join(' | ')} |`);
  };
  const of = (row: Row, variant: Variant, measure: (run: RunResult) => number): number => median((row.runs.get(variant) ?? []).map(measure));

  console.log('Throughput (median req/s over the rounds; ratio = median ltikit ÷ median ceiling, target ≥ 0.7)\n');
  printTable(
    ['scenario', 'alg', ...shown.map((variant) => `${variant} req/s`), 'ltikit/ceiling', ...(withAdapter ? ['adapter/ceiling'] : []), 'ltikit p50 / p99 ms', 'failed'],
    rows.map((row) => {
      const rate = (variant: Variant): number => of(row, variant, (run) => run.requestsPerSecond);
      const ratio = rate('ltikit') / rate('ceiling');
      const failed = [...row.runs.values()].flat().reduce((sum, run) => sum + run.failures, 0);
      return [
        row.scenario.name,
        row.scenario.alg,
        ...shown.map((variant) => formatRate(rate(variant))),
        `${ratio.toFixed(2)}${ratio >= TARGET_RATIO ? '' : ' (below target)'}`,
        ...(withAdapter ? [(rate('adapter') / rate('ceiling')).toFixed(2)] : []),
        `${of(row, 'ltikit', (run) => run.latencyMs.p50).toFixed(2)} / ${of(row, 'ltikit', (run) => run.latencyMs.p99).toFixed(2)}`,
        String(failed),
      ];
    }),
  );

  console.log('\nServer CPU time per request (median µs over the rounds, all threads of the server process; efficiency = ceiling ÷ ltikit)\n');
  printTable(
    ['scenario', 'alg', ...shown.map((variant) => `${variant} µs`), 'efficiency'],
    rows.map((row) => {
      const cpu = (variant: Variant): number => of(row, variant, (run) => run.serverCpuMicrosPerRequest);
      return [row.scenario.name, row.scenario.alg, ...shown.map((variant) => cpu(variant).toFixed(0)), (cpu('ceiling') / cpu('ltikit')).toFixed(2)];
    }),
  );

  const problems = rows.flatMap((row) => row.problems.map((problem) => `${row.scenario.name} ${row.scenario.alg}: ${problem}`));
  if (settings.cpuProfileDir !== undefined) {
    console.log(`\nCPU profiles of the timed runs: ${settings.cpuProfileDir} (summary: node --import tsx bench/profile_summary.ts <files…>)`);
  }
  if (problems.length > 0) {
    console.error(`\n${problems.length} problem(s) — these figures are not valid:`);
    for (const problem of problems) console.error(`  - ${problem}`);
    process.exitCode = 1;
  }
}

await main();
