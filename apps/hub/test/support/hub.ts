// Starts a real hub on 127.0.0.1 for tests: its own data directory (SQLite) or a PostgreSQL URL,
// a free port known before start (the public URL and the issuer contain it), logs kept in memory
// so tests can read them.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { type RunningHub, startHub } from '../../src/server.js';

export interface TestHub {
  origin: string;
  running: RunningHub;
  /** Every log line written so far, parsed. */
  logs: Record<string, unknown>[];
  /** The raw log text. */
  logText(): string;
  stop(): Promise<void>;
}

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startTestHub(env: Record<string, string> = {}): Promise<TestHub> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'ltikit-hub-'));
  const config = loadConfig({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, PUBLIC_URL: `http://localhost:${port}`, LOG_LEVEL: 'info', ...env });
  let text = '';
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, callback) {
      const line = String(chunk);
      text += line;
      for (const part of line.split('\n')) if (part.trim() !== '') logs.push(JSON.parse(part) as Record<string, unknown>);
      callback();
    },
  });
  const running = await startHub(config, createLogger(config.logLevel, sink), { shutdownGraceMs: 2000 });
  return {
    origin: config.publicUrl,
    running,
    logs,
    logText: () => text,
    stop: async () => {
      await running.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The admin token of the hubs {@link startProductionHub} starts. */
export const ADMIN_TOKEN = 'a-long-admin-token-for-the-tests-0123456789';

/**
 * A hub outside sandbox mode: the admin token ({@link ADMIN_TOKEN}) is required, and its public
 * URL is an https one it does not listen at, so tests reach it at {@link localUrl}.
 */
export function startProductionHub(): Promise<TestHub> {
  return startTestHub({ LTIKIT_HUB_MODE: 'production', LTIKIT_ADMIN_TOKEN: ADMIN_TOKEN, PUBLIC_URL: 'https://hub.example.edu' });
}

/** `path` on the address the hub listens at (127.0.0.1), whatever its public URL. */
export function localUrl(hub: TestHub, path = ''): string {
  return `http://127.0.0.1:${hub.running.port}${path}`;
}
