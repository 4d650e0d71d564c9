// Messages between the benchmark driver (run.ts) and a server process (server_process.ts), over
// the child-process IPC channel. Everything here happens outside the timed phases.
import type { JWK } from 'jose';

export type Algorithm = 'RS256' | 'ES256';

/** `*-ceiling`: the least work, on node:http; `*-adapter`: the same work as a fetch handler on @hono/node-server; `*-ltikit`: ltikit. */
export type ServerRole = 'tool-ceiling' | 'tool-adapter' | 'tool-ltikit' | 'platform-ceiling' | 'platform-adapter' | 'platform-ltikit';

export interface StartOptions {
  role: ServerRole;
  alg: Algorithm;
  /** tool-*: the platform's public key (ceiling and adapter import it once; ltikit gets it from a local JWKS server). */
  platformPublicJwk?: JWK;
  /** platform-ceiling and platform-adapter: the id_token payload to sign (taken from one ltikit id_token, so both sign the same claims). */
  claimsTemplate?: Record<string, unknown>;
}

/** A login made in-process at the ltikit tool: what the launch POST must carry. */
export interface PreparedLogin {
  state: string;
  nonce: string;
  /** `name=value` of the state cookie the login set. */
  cookie: string;
  targetLinkUri: string;
}

/** A launch created with `platform.createLaunch`: the authorization request path to GET. */
export interface PreparedAuthorization {
  path: string;
}

export type PreparedItem = PreparedLogin | PreparedAuthorization;

export interface ServerInfo {
  port: number;
  /** platform-*: the public JWK id_tokens are signed with, to verify a sample after a run. */
  publicJwk?: JWK;
  /** platform-ltikit: the payload of one id_token it issued. */
  sampleClaims?: Record<string, unknown>;
}

/** Counters a server reports after a run. */
export interface ServerStats {
  /** tool-ltikit: JWKS fetch attempts by the tool, and requests the JWKS server answered. */
  jwksFetches?: number;
  jwksServed?: number;
}

export type DriverMessage =
  | { type: 'start'; options: StartOptions }
  | { type: 'prepare'; count: number }
  | { type: 'stats' }
  /** Around a timed run: counts the process's CPU time (every thread) and, when asked, runs the V8 CPU profiler. */
  | { type: 'run-start'; profile: boolean }
  /** Ends the count; writes the profile to `profileFile` when one was started. */
  | { type: 'run-stop'; profileFile?: string }
  | { type: 'stop' };

export type ServerMessage =
  | { type: 'started'; info: ServerInfo }
  | { type: 'prepared'; items: PreparedItem[] }
  | { type: 'stats'; stats: ServerStats }
  /** CPU time (microseconds, every thread) the process used between run-start and run-stop. */
  | { type: 'run-stopped'; userMicros: number; systemMicros: number; gcMicros: number }
  | { type: 'run-started' }
  | { type: 'error'; message: string };

/** What a server process runs: one HTTP server (plus helpers) and the hooks the driver calls. */
export interface BenchServer {
  info: ServerInfo;
  prepare?(count: number): Promise<PreparedItem[]>;
  stats?(): ServerStats;
  close(): Promise<void>;
}
