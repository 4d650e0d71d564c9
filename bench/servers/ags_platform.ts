// The platform process of the AGS score benchmark (bench/ags_scores.ts): a real `createPlatform`
// with Assignment and Grade Services on, every store on SQL (`createSqlStores`, as the hub runs:
// access tokens, tools and keys too), served by @hono/node-server on 127.0.0.1. The database is the
// one the driver names: a SQLite file or a PostgreSQL schema (or, as a reference without a
// database, ltikit's in-memory stores). One line item is created in the store at start; the tool
// the driver plays is registered with its public key and the AGS scopes. The process measures its
// own CPU time around each timed run. The driver ends it with SIGKILL, so what it counts afterwards
// in the database was committed, not held in this process.
import { getRequestListener } from '@hono/node-server';
import { createSqlStores, openDatabase, runMigrations, storeMigrations } from '@ltikit/store-sql';
import type { JWK } from 'jose';
import { type Kysely, sql } from 'kysely';
import { SCOPE } from 'ltikit';
import { createPlatform } from 'ltikit/platform';
import { type AgsStore, createMemoryStores, type KeyStore, type SingleUseStore, type ToolRegistrationStore } from 'ltikit/stores';
import { listen } from './listen.js';
import { startProfiler, stopProfiler } from '../profiler.js';

export const AGS_CONTEXT_ID = 'course-1';
export const AGS_LINE_ITEM_ID = 'lineitem-quiz-1';

export type AgsDriverMessage =
  /** `databaseUrl`: a SQLite or PostgreSQL URL for openDatabase, or `memory`. `sqliteSynchronous`: set `pragma synchronous` (default: as opened). */
  | { type: 'start'; databaseUrl: string; sqliteSynchronous?: 'NORMAL' | 'FULL'; clientId: string; deploymentId: string; toolPublicJwk: JWK }
  /** `profile`: run V8's sampling profiler until run-stop (as bench/server_process.ts does). */
  | { type: 'run-start'; profile?: boolean }
  | { type: 'run-stop'; profileFile?: string };

export type AgsServerMessage =
  | {
      type: 'started';
      origin: string;
      /** The line item URL, as the tool would get it in a launch (AGS-004). */
      lineItemUrl: string;
      /** The engine's durability settings, for the report (e.g. `journal_mode=wal synchronous=NORMAL`). */
      durability: string;
    }
  | { type: 'run-started' }
  /** CPU time (µs, every thread of this process) since run-start. */
  | { type: 'run-stopped'; userMicros: number; systemMicros: number }
  | { type: 'error'; message: string };

let cpuAtStart: NodeJS.CpuUsage | undefined;

// biome-ignore lint/suspicious/noExplicitAny: the kysely instance of openDatabase.
async function describeDurability(db: Kysely<any>, dialect: 'sqlite' | 'postgres'): Promise<string> {
  if (dialect === 'sqlite') {
    const journal = (await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db)).rows[0]?.journal_mode;
    const synchronous = (await sql<{ synchronous: number }>`pragma synchronous`.execute(db)).rows[0]?.synchronous;
    return `journal_mode=${journal} synchronous=${['OFF', 'NORMAL', 'FULL', 'EXTRA'][synchronous ?? -1] ?? synchronous}`;
  }
  const settings: string[] = [];
  for (const name of ['fsync', 'synchronous_commit', 'wal_sync_method']) {
    const row = (await sql<{ setting: string }>`select current_setting(${name}) as setting`.execute(db)).rows[0];
    settings.push(`${name}=${row?.setting}`);
  }
  return settings.join(' ');
}

/** The stores on the database the driver names (`memory`: ltikit's in-memory stores, a reference without a database). */
async function openStores(message: Extract<AgsDriverMessage, { type: 'start' }>): Promise<{ stores: PlatformStores; label: string; durability: string }> {
  if (message.databaseUrl === 'memory') return { stores: createMemoryStores(), label: 'memory', durability: 'in memory: lost with the process' };
  const database = await openDatabase(message.databaseUrl);
  await runMigrations(database.db, storeMigrations);
  if (database.dialect === 'sqlite' && message.sqliteSynchronous !== undefined) {
    // One connection (better-sqlite3 under kysely), so the pragma holds for every query after it.
    await sql.raw(`pragma synchronous = ${message.sqliteSynchronous}`).execute(database.db);
  }
  const stores = createSqlStores(database.db);
  return {
    stores,
    label: database.dialect,
    durability: await describeDurability(database.db, database.dialect),
  };
}

interface PlatformStores {
  singleUse: SingleUseStore;
  tools: ToolRegistrationStore;
  keys: KeyStore;
  ags: AgsStore;
}

async function start(message: Extract<AgsDriverMessage, { type: 'start' }>): Promise<AgsServerMessage> {
  const handler: { fetch: (request: Request) => Promise<Response> } = { fetch: async () => new Response(null, { status: 503 }) };
  const server = await listen(getRequestListener((request) => handler.fetch(request)));
  const { stores, label, durability } = await openStores(message);
  const platform = createPlatform({
    issuer: server.origin,
    stores,
    allowInsecureLoopback: true,
    currentUser: 'message-hint-only',
    ags: { store: stores.ags, isMember: () => true },
    serviceContextAccess: () => true,
    // Every answer but 204 counts as a failure in the driver; an internal error's cause is printed here.
    onError: (error) => {
      if (error.code === 'ERR_LTI_INTERNAL') console.error(`platform (${label}): ${error.message}`, error.cause);
    },
  });
  await platform.registerTool({
    clientId: message.clientId,
    name: 'Bench grading tool',
    initiateLoginUri: 'http://127.0.0.1:9/lti/login',
    redirectUris: ['http://127.0.0.1:9/lti/launch'],
    publicJwk: message.toolPublicJwk,
    scopes: [SCOPE.lineItem, SCOPE.lineItemReadonly, SCOPE.resultReadonly, SCOPE.score],
    deploymentIds: [message.deploymentId],
  });
  await stores.ags.createLineItem({
    id: AGS_LINE_ITEM_ID,
    contextId: AGS_CONTEXT_ID,
    clientId: message.clientId,
    deploymentId: message.deploymentId,
    label: 'Quiz 1',
    scoreMaximum: 10,
    resourceLinkId: 'link-quiz-1',
    createdAt: Math.floor(Date.now() / 1000),
  });
  handler.fetch = platform.fetch;
  return {
    type: 'started',
    origin: server.origin,
    lineItemUrl: `${server.origin}/lti/contexts/${AGS_CONTEXT_ID}/lineitems/${AGS_LINE_ITEM_ID}`,
    durability,
  };
}

function reply(message: AgsServerMessage): void {
  process.send?.(message);
}

process.on('message', (message: AgsDriverMessage) => {
  void (async () => {
    try {
      switch (message.type) {
        case 'start':
          reply(await start(message));
          return;
        case 'run-start':
          if (message.profile === true) await startProfiler();
          cpuAtStart = process.cpuUsage();
          reply({ type: 'run-started' });
          return;
        case 'run-stop': {
          const { user, system } = process.cpuUsage(cpuAtStart);
          if (message.profileFile !== undefined) await stopProfiler(message.profileFile);
          reply({ type: 'run-stopped', userMicros: user, systemMicros: system });
          return;
        }
      }
    } catch (error) {
      reply({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  })();
});
