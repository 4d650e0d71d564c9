// The platform process of the NRPS paging benchmark (bench/nrps_paging.ts): a real `createPlatform`
// with Names and Role Provisioning on, served by @hono/node-server on 127.0.0.1. Its provider
// streams the course from a generator that starts at the page's cursor (as a database keyset query
// would) and stops after `limit` members, so no whole-course array ever exists. The process samples
// its own resident set size (every 2 ms and after every answer) and reports the high-water mark.
import { getRequestListener } from '@hono/node-server';
import type { JWK } from 'jose';
import { CONTEXT_ROLE, LTI_CLAIM, SCOPE } from 'ltikit';
import { createPlatform, type MembershipPage, type MembershipQuery, type NrpsMember } from 'ltikit/platform';
import { createMemoryStores } from 'ltikit/stores';
import { listen } from './listen.js';

export const NRPS_CONTEXT_ID = 'course-1';

export type NrpsDriverMessage =
  | { type: 'start'; size: number; clientId: string; deploymentId: string; toolPublicJwk: JWK }
  /** Forget the peaks seen so far (after start-up and the warm-up read). */
  | { type: 'reset' }
  | { type: 'stats' }
  | { type: 'stop' };

export interface NrpsServerStats {
  /** RSS when the peaks were last reset, bytes. */
  baselineRss: number;
  /** Highest sampled RSS since the reset, bytes. */
  peakRss: number;
  /** Highest sampled V8 heap in use since the reset, bytes. */
  peakHeapUsed: number;
  /** The kernel's high-water mark for the whole process life (`process.resourceUsage().maxRSS`), bytes. */
  maxRssLifetime: number;
  /** V8 heap in use after a full garbage collection, at the reset and now: what the process retains. */
  retainedHeapAtReset: number;
  retainedHeapNow: number;
  /** Memberships pages answered since the reset. */
  pages: number;
  /** Members the provider produced since the reset. */
  membersProduced: number;
}

export type NrpsServerMessage = { type: 'started'; origin: string } | { type: 'stats'; stats: NrpsServerStats } | { type: 'error'; message: string };

/** Member `index` of the course, with every personal field so the privacy filter has work to do. */
function courseMember(index: number): NrpsMember {
  const id = `user-${index}`;
  return {
    user_id: id,
    roles: [index % 40 === 0 ? CONTEXT_ROLE.Instructor : CONTEXT_ROLE.Learner],
    status: index % 17 === 0 ? 'Inactive' : 'Active',
    name: `Member Number ${index}`,
    given_name: 'Member',
    family_name: `Number ${index}`,
    email: `${id}@students.example.edu`,
    picture: `https://lms.example.edu/avatars/${id}.png`,
    lis_person_sourcedid: `sis-${index}`,
    message: [{ [LTI_CLAIM.custom]: { extra_time: String(index % 30) } }],
  };
}

function* courseFrom(start: number, size: number): Generator<NrpsMember> {
  for (let index = start; index < size; index++) yield courseMember(index);
}

let membersProduced = 0;
let pages = 0;
let baselineRss = 0;
let peakRss = 0;
let peakHeapUsed = 0;
let retainedHeapAtReset = 0;

/** The heap in use after a full collection (the process runs with --expose-gc). */
function retainedHeap(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}

function sample(): void {
  const { rss, heapUsed } = process.memoryUsage();
  if (rss > peakRss) peakRss = rss;
  if (heapUsed > peakHeapUsed) peakHeapUsed = heapUsed;
}

function reset(): void {
  retainedHeapAtReset = retainedHeap();
  membersProduced = 0;
  pages = 0;
  baselineRss = process.memoryUsage().rss;
  peakRss = baselineRss;
  peakHeapUsed = process.memoryUsage().heapUsed;
}

async function start(message: Extract<NrpsDriverMessage, { type: 'start' }>): Promise<string> {
  const handler: { fetch: (request: Request) => Promise<Response> } = { fetch: async () => new Response(null, { status: 503 }) };
  const server = await listen(
    getRequestListener(async (request) => {
      const response = await handler.fetch(request);
      sample();
      return response;
    }),
  );
  const stores = createMemoryStores();
  const { size } = message;
  const platform = createPlatform({
    issuer: server.origin,
    stores,
    allowInsecureLoopback: true,
    currentUser: 'message-hint-only',
    nrps: {
      maxLimit: 1000,
      async memberships(query: MembershipQuery): Promise<MembershipPage> {
        const startAt = query.cursor === undefined ? 0 : Number(query.cursor);
        const members: NrpsMember[] = [];
        let nextCursor: string | undefined;
        for (const member of courseFrom(startAt, size)) {
          if (members.length === query.limit) {
            nextCursor = String(startAt + members.length);
            break;
          }
          members.push(member);
        }
        membersProduced += members.length;
        pages += 1;
        return { context: { id: NRPS_CONTEXT_ID, label: 'BIG101', title: 'A very large course' }, members, ...(nextCursor === undefined ? {} : { nextCursor }) };
      },
    },
    serviceContextAccess: (contextId, grant) => contextId === NRPS_CONTEXT_ID && grant.clientId === message.clientId,
  });
  await platform.registerTool({
    clientId: message.clientId,
    name: 'Bench roster tool',
    initiateLoginUri: 'http://127.0.0.1:9/lti/login',
    redirectUris: ['http://127.0.0.1:9/lti/launch'],
    publicJwk: message.toolPublicJwk,
    claims: ['name', 'given_name', 'family_name', 'email', 'picture'],
    scopes: [SCOPE.contextMembershipReadonly],
    deploymentIds: [message.deploymentId],
  });
  handler.fetch = platform.fetch;
  setInterval(sample, 2).unref();
  reset();
  return server.origin;
}

function reply(message: NrpsServerMessage): void {
  process.send?.(message);
}

process.on('message', (message: NrpsDriverMessage) => {
  void (async () => {
    try {
      switch (message.type) {
        case 'start':
          reply({ type: 'started', origin: await start(message) });
          return;
        case 'reset':
          reset();
          reply({ type: 'stats', stats: stats() });
          return;
        case 'stats':
          sample();
          reply({ type: 'stats', stats: { ...stats(), retainedHeapNow: retainedHeap() } });
          return;
        case 'stop':
          process.exit(0);
      }
    } catch (error) {
      reply({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  })();
});

function stats(): NrpsServerStats {
  return {
    baselineRss,
    peakRss,
    peakHeapUsed,
    maxRssLifetime: process.resourceUsage().maxRSS * 1024,
    retainedHeapAtReset,
    retainedHeapNow: retainedHeapAtReset,
    pages,
    membersProduced,
  };
}
