/**
 * The hub's configuration, read once from the environment and checked before anything starts, so a
 * wrong value ends start-up with one sentence naming the variable. Every option is here, with its
 * default.
 */
import { isAbsolute, resolve } from 'node:path';

/** `sandbox`: anyone may pick who they are and use the admin pages (a laptop, a CI job). `production`: the LMS and admin pages need the admin token. */
export type HubMode = 'sandbox' | 'production';

export interface HubConfig {
  /** `PORT`, default 3000. */
  port: number;
  /** `HOST`, default 127.0.0.1: the sandbox has no passwords, so it is not exposed to the network unless asked. */
  host: string;
  /** `PUBLIC_URL`, default `http://localhost:<PORT>`: the issuer and the origin of every URL the hub hands out. */
  publicUrl: string;
  /** `DATA_DIR`, default `./data`: where the SQLite file lives. */
  dataDir: string;
  /** `DATABASE_URL`, default `sqlite:<DATA_DIR>/hub.db`; `postgres://…` for many processes. */
  databaseUrl: string;
  /** `LTIKIT_HUB_MODE`, default `sandbox`. */
  mode: HubMode;
  /** `LTIKIT_ADMIN_TOKEN`: required (32 characters or more) outside sandbox mode. */
  adminToken: string | undefined;
  /** `LOG_LEVEL`, default `info`. */
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Whether http URLs are accepted for tools and platforms: only in sandbox mode (development). */
  allowInsecureUrls: boolean;
}

/** A configuration value that cannot be used; `message` is the one line printed at start-up. */
export class HubConfigError extends Error {
  override readonly name = 'HubConfigError';
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
  }
}

const LOG_LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** Reads and checks the configuration; throws {@link HubConfigError} naming the first bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env, cwd: string = process.cwd()): HubConfig {
  const port = readPort(env.PORT);
  const host = (env.HOST ?? '127.0.0.1').trim();
  if (host === '') throw new HubConfigError('HOST', 'must not be empty.');
  const mode = (env.LTIKIT_HUB_MODE ?? 'sandbox').trim();
  if (mode !== 'sandbox' && mode !== 'production') throw new HubConfigError('LTIKIT_HUB_MODE', `must be "sandbox" or "production", not "${mode}".`);
  const adminToken = env.LTIKIT_ADMIN_TOKEN === undefined || env.LTIKIT_ADMIN_TOKEN === '' ? undefined : env.LTIKIT_ADMIN_TOKEN;
  if (mode === 'production' && (adminToken === undefined || adminToken.length < 32)) {
    throw new HubConfigError('LTIKIT_ADMIN_TOKEN', 'is required outside sandbox mode and must be at least 32 characters long.');
  }
  const publicUrl = readPublicUrl(env.PUBLIC_URL, port, mode);
  const dataDir = resolve(cwd, env.DATA_DIR ?? 'data');
  const databaseUrl = readDatabaseUrl(env.DATABASE_URL, dataDir, cwd);
  const logLevel = (env.LOG_LEVEL ?? 'info').trim();
  if (!LOG_LEVELS.has(logLevel)) throw new HubConfigError('LOG_LEVEL', `must be one of ${[...LOG_LEVELS].join(', ')}.`);
  return {
    port,
    host,
    publicUrl,
    dataDir,
    databaseUrl,
    mode,
    adminToken,
    logLevel: logLevel as HubConfig['logLevel'],
    allowInsecureUrls: mode === 'sandbox',
  };
}

function readPort(value: string | undefined): number {
  if (value === undefined || value === '') return 3000;
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) throw new HubConfigError('PORT', `must be a port number (0–65535), not "${value}".`);
  return Number(value);
}

function readPublicUrl(value: string | undefined, port: number, mode: HubMode): string {
  if (value === undefined || value === '') {
    if (mode === 'production') throw new HubConfigError('PUBLIC_URL', 'is required outside sandbox mode: the https URL people and tools reach the hub at.');
    return `http://localhost:${port}`;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new HubConfigError('PUBLIC_URL', `is not a URL: "${value}".`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new HubConfigError('PUBLIC_URL', 'must be an http(s) URL.');
  if (url.protocol === 'http:' && mode === 'production') throw new HubConfigError('PUBLIC_URL', 'must use https outside sandbox mode.');
  if (url.search !== '' || url.hash !== '') throw new HubConfigError('PUBLIC_URL', 'must not have a query or a fragment.');
  return url.href.replace(/\/+$/, '');
}

function readDatabaseUrl(value: string | undefined, dataDir: string, cwd: string): string {
  if (value === undefined || value === '') return `sqlite:${resolve(dataDir, 'hub.db')}`;
  if (/^postgres(ql)?:\/\//.test(value)) {
    try {
      new URL(value);
    } catch {
      throw new HubConfigError('DATABASE_URL', 'is not a valid postgres:// URL.');
    }
    return value;
  }
  if (value.startsWith('sqlite:')) {
    const path = value.slice('sqlite:'.length);
    if (path === '') throw new HubConfigError('DATABASE_URL', 'names no SQLite file (use sqlite:./data/hub.db).');
    return path === ':memory:' || isAbsolute(path) ? value : `sqlite:${resolve(cwd, path)}`;
  }
  throw new HubConfigError('DATABASE_URL', 'must start with postgres://, postgresql:// or sqlite:.');
}
