// `node --import tsx bench/nrps_paging.ts`: a large course read through Names and Role
// Provisioning paging over HTTP on 127.0.0.1. The platform (bench/servers/nrps_platform.ts) runs in
// its own process, with a provider that streams members from a generator; this process is the
// tool, reading every page with `tool.nrps.members` (token from the platform's token endpoint,
// `Link: rel="next"` followed). For each course size and page size it reports the time to read
// all pages and the platform process's resident memory: at start, the peak while serving, and
// the growth — which must not grow with the course (flat) and stay under 150 MB.
// See bench/README.md ("NRPS paging").
import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateSigningKey } from 'ltikit/keys';
import { createMemoryStores } from 'ltikit/stores';
import { createTool } from 'ltikit/tool';
import { NRPS_CONTEXT_ID, type NrpsDriverMessage, type NrpsServerMessage, type NrpsServerStats } from './servers/nrps_platform.js';

const root = new URL('..', import.meta.url).pathname;
const CLIENT_ID = 'bench-roster-tool';
const DEPLOYMENT_ID = 'bench-deployment';
const MEMORY_LIMIT_MB = 150;

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '5000,50000' },
    limits: { type: 'string', default: '100,1000' },
    'max-old-space-size': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  console.log(`node --import tsx bench/nrps_paging.ts [--sizes 5000,50000] [--limits 100,1000]
  --sizes   course sizes (members), comma-separated
  --limits  page sizes asked for (limit), comma-separated; the platform serves at most 1000
  --max-old-space-size MB   run the platform process with this V8 old-space limit (a leak would crash it)`);
  process.exit(0);
}
const list = (value: string | undefined, name: string): number[] =>
  (value ?? '').split(',').map((item) => {
    const number = Number(item);
    if (!Number.isInteger(number) || number <= 0) throw new Error(`--${name} takes positive integers (got ${item})`);
    return number;
  });
const sizes = list(args.sizes, 'sizes');
const limits = list(args.limits, 'limits');
const maxOldSpace = args['max-old-space-size'] === undefined ? undefined : list(args['max-old-space-size'], 'max-old-space-size')[0];

class PlatformProcess {
  readonly #child: ChildProcess;
  readonly #waiting: Array<(message: NrpsServerMessage) => void> = [];

  constructor() {
    this.#child = fork(join(root, 'bench/servers/nrps_platform.ts'), [], {
      execArgv: ['--import', 'tsx', '--expose-gc', ...(maxOldSpace === undefined ? [] : [`--max-old-space-size=${maxOldSpace}`])],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.#child.on('message', (message: NrpsServerMessage) => this.#waiting.shift()?.(message));
  }

  ask(message: NrpsDriverMessage): Promise<NrpsServerMessage> {
    return new Promise((resolve, reject) => {
      this.#waiting.push((answer) => (answer.type === 'error' ? reject(new Error(answer.message)) : resolve(answer)));
      this.#child.send(message);
    });
  }

  async stats(type: 'stats' | 'reset'): Promise<NrpsServerStats> {
    const answer = await this.ask({ type });
    if (answer.type !== 'stats') throw new Error(`expected stats, got ${answer.type}`);
    return answer.stats;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.#child.once('exit', () => resolve());
      this.#child.send({ type: 'stop' } satisfies NrpsDriverMessage);
    });
  }
}

interface Result {
  size: number;
  limit: number;
  members: number;
  pages: number;
  seconds: number;
  server: NrpsServerStats;
}

const toolKey = await generateSigningKey({ alg: 'RS256', now: Math.floor(Date.now() / 1000) });

async function measure(size: number, limit: number): Promise<Result> {
  const platform = new PlatformProcess();
  try {
    const started = await platform.ask({ type: 'start', size, clientId: CLIENT_ID, deploymentId: DEPLOYMENT_ID, toolPublicJwk: toolKey.publicJwk });
    if (started.type !== 'started') throw new Error('the platform did not start');
    const { origin } = started;
    const stores = createMemoryStores();
    await stores.keys.saveKey('tool', { ...toolKey, status: 'active', activatedAt: toolKey.createdAt });
    const tool = createTool({ baseUrl: 'http://127.0.0.1:9/lti', stores, allowInsecureLoopback: true, onLaunch: () => new Response('') });
    await tool.registerPlatform({
      issuer: origin,
      clientId: CLIENT_ID,
      deploymentIds: [DEPLOYMENT_ID],
      authorizationEndpoint: `${origin}/lti/authorize`,
      tokenEndpoint: `${origin}/lti/token`,
      jwksUri: `${origin}/.well-known/jwks.json`,
    });
    const target = { issuer: origin, clientId: CLIENT_ID, deploymentId: DEPLOYMENT_ID };
    const url = `${origin}/lti/contexts/${NRPS_CONTEXT_ID}/memberships`;

    // Warm-up outside the measurement: the token, the JIT, the HTTP connection, one full page.
    const warm = await tool.nrps.page(target, url, { limit });
    if (warm.members.length !== Math.min(size, limit, 1000)) throw new Error(`warm-up page has ${warm.members.length} members`);
    await platform.stats('reset');

    const begin = performance.now();
    const members = tool.nrps.members(target, url, { limit });
    let count = 0;
    let lastId = '';
    for await (const member of members) {
      count += 1;
      lastId = member.user_id;
    }
    const seconds = (performance.now() - begin) / 1000;
    if (count !== size || lastId !== `user-${size - 1}`) throw new Error(`read ${count} members (last ${lastId}), expected ${size}`);
    return { size, limit, members: count, pages: members.pagesRead, seconds, server: await platform.stats('stats') };
  } finally {
    await platform.stop();
  }
}

const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);
const results: Result[] = [];
console.log(
  `NRPS paging over HTTP: course sizes ${sizes.join(', ')}, limits ${limits.join(', ')}${maxOldSpace === undefined ? '' : `, platform --max-old-space-size=${maxOldSpace}`} (Node ${process.version})\n`,
);
console.log('| members | limit | pages | time s | members/s | platform RSS at start MB | peak RSS MB | growth MB | peak heap MB | retained heap after GC, start → end MB |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const limit of limits) {
  for (const size of sizes) {
    const result = await measure(size, limit);
    results.push(result);
    const { server } = result;
    console.log(
      `| ${size.toLocaleString('en')} | ${limit} | ${result.pages} | ${result.seconds.toFixed(2)} | ${Math.round(size / result.seconds).toLocaleString('en')} | ${mb(server.baselineRss)} | ${mb(server.peakRss)} | ${mb(server.peakRss - server.baselineRss)} | ${mb(server.peakHeapUsed)} | ${mb(server.retainedHeapAtReset)} → ${mb(server.retainedHeapNow)} |`,
    );
  }
}

// Flat: what the platform keeps after serving the whole course (heap after a full GC) does not grow
// with the course, and the peak RSS stays under the limit. The peak itself also depends on when V8
// chooses to collect (it lets the heap grow with the work done), so it is reported, not judged.
let failed = false;
for (const limit of limits) {
  const runs = results.filter((result) => result.limit === limit).sort((a, b) => a.size - b.size);
  const retainedGrowth = runs.map((run) => run.server.retainedHeapNow - run.server.retainedHeapAtReset);
  const flat = retainedGrowth.every((growth) => growth < 2 * 1024 * 1024);
  const under = runs.every((run) => run.server.peakRss < MEMORY_LIMIT_MB * 1024 * 1024);
  const peaks = runs.map((run) => `${mb(run.server.peakRss)} MB at ${run.size.toLocaleString('en')}`).join(', ');
  console.log(
    `\nlimit ${limit}: peak RSS ${peaks}; heap retained after the read ${retainedGrowth.map((growth) => `${growth >= 0 ? '+' : ''}${mb(growth)}`).join(', ')} MB: ${flat ? 'flat' : 'NOT flat'}; ${under ? `under ${MEMORY_LIMIT_MB} MB` : `OVER ${MEMORY_LIMIT_MB} MB`}`,
  );
  if (!flat || !under) failed = true;
}
if (failed) {
  console.error('\nThe memory figures miss the target.');
  process.exit(1);
}
