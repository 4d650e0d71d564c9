/**
 * Peers' public keys for verifying their JWTs: a cache of remote JSON Web Key Sets that refetches
 * on an unknown `kid` (rate-limited), honours `Cache-Control`, and checks that the key named by
 * `kid` fits the header `alg` (SEC-003, SEC-004, SEC-006, SEC-007). Static public keys of a
 * registration go through {@link keyFromStaticJwk} with the same checks (SEC-008).
 *
 * @example
 * ```ts
 * const jwksCache = new RemoteJwksCache();
 * const { payload } = await jwtVerify(idToken, (header) => jwksCache.getKey(platform.jwksUri, header));
 * ```
 */
import type { CryptoKey, JWK } from 'jose';
import { LtiError } from '../errors.js';
import { systemClock, type Clock } from '../lib/clock.js';
import { assertSecureUrl, guardedFetch, type FetchLike } from '../lib/guarded_fetch.js';
import { isApprovedAlgorithm, keyTypeFits, type SigningAlgorithm } from './algorithms.js';
import { exportPublicJwk, importJwkAsCryptoKey } from './generate_signing_key.js';

/**
 * The JWT header members a key lookup needs; jose's protected header fits.
 *
 * @example
 * ```ts
 * const header: JwtKeyHeader = decodeProtectedHeader(token);
 * ```
 * @see SEC-003, SEC-004 in shared/spec/core-security.md
 */
export interface JwtKeyHeader {
  kid?: string;
  alg?: string;
}

/**
 * Options of {@link RemoteJwksCache}; every value has a default.
 *
 * @example
 * ```ts
 * const options: RemoteJwksCacheOptions = { timeoutMs: 3000, allowInsecureLoopback: true };
 * ```
 * @see SEC-006 in shared/spec/core-security.md
 */
export interface RemoteJwksCacheOptions {
  /** The fetch implementation; the global `fetch` when absent. */
  fetch?: FetchLike;
  clock?: Clock;
  /** Deadline of one JWKS fetch. Default 5000 ms. */
  timeoutMs?: number;
  /** Largest accepted JWKS document. Default 256 KiB. */
  maxBytes?: number;
  /** Accept `http:` JWKS URLs on loopback hosts, for local development. Default false. */
  allowInsecureLoopback?: boolean;
  /** Cache lifetime when the response has no `Cache-Control: max-age`. Default 600 s. */
  defaultCacheSeconds?: number;
  /** Lower bound of the cache lifetime; also used for `no-store`/`no-cache`. Default 60 s. */
  minCacheSeconds?: number;
  /** Upper bound of the cache lifetime. Default 86400 s. */
  maxCacheSeconds?: number;
  /** Least time between two fetches of one URI caused by unknown `kid`s or failures. Default 30 s. */
  refetchCooldownSeconds?: number;
}

interface JwksEntry {
  /** Usable signing keys of the last good document, by `kid`; undefined until one was fetched. */
  keys: Map<string, JWK[]> | undefined;
  expiresAt: number;
  lastAttemptAt: number | undefined;
  lastAttemptFailed: boolean;
  inflight: Promise<void> | undefined;
  fetches: number;
  /** Imported keys of the current document, by `kid` + `alg`. */
  cryptoKeys: Map<string, Promise<CryptoKey>>;
}

/**
 * Cache of remote JWKS documents, one per URI, shared by every verification in the process.
 *
 * - A document is served while fresh: its lifetime is `Cache-Control: max-age`, clamped to
 *   [`minCacheSeconds`, `maxCacheSeconds`]; `defaultCacheSeconds` without it; the minimum for
 *   `no-store`/`no-cache`.
 * - An unknown `kid` refetches the document, at most once per `refetchCooldownSeconds` per URI,
 *   before failing with `ERR_LTI_JWT_KID_UNKNOWN` (SEC-006, SEC-007).
 * - Concurrent callers share one in-flight fetch per URI.
 * - When a refresh fails, keys already known keep being served (the last good document) and the
 *   next attempt waits for the cooldown.
 *
 * @example
 * ```ts
 * const jwksCache = new RemoteJwksCache({ timeoutMs: 3000 });
 * const key = await jwksCache.getKey('https://lms.example.edu/jwks', { kid: 'k1', alg: 'RS256' });
 * ```
 * @see SEC-003, SEC-004, SEC-005, SEC-006, SEC-007 in shared/spec/core-security.md
 */
export class RemoteJwksCache {
  readonly #fetch: FetchLike | undefined;
  readonly #clock: Clock;
  readonly #timeoutMs: number;
  readonly #maxBytes: number;
  readonly #allowInsecureLoopback: boolean;
  readonly #defaultCacheSeconds: number;
  readonly #minCacheSeconds: number;
  readonly #maxCacheSeconds: number;
  readonly #refetchCooldownSeconds: number;
  readonly #entries = new Map<string, JwksEntry>();

  constructor(options: RemoteJwksCacheOptions = {}) {
    this.#fetch = options.fetch;
    this.#clock = options.clock ?? systemClock;
    this.#timeoutMs = options.timeoutMs ?? 5000;
    this.#maxBytes = options.maxBytes ?? 256 * 1024;
    this.#allowInsecureLoopback = options.allowInsecureLoopback ?? false;
    this.#defaultCacheSeconds = options.defaultCacheSeconds ?? 600;
    this.#minCacheSeconds = options.minCacheSeconds ?? 60;
    this.#maxCacheSeconds = options.maxCacheSeconds ?? 86400;
    this.#refetchCooldownSeconds = options.refetchCooldownSeconds ?? 30;
  }

  /**
   * The verification key for a JWT header: the key with the header's `kid` in the JWKS at
   * `jwksUri`, imported for the header's `alg`. Suitable as jose's `jwtVerify` key function.
   *
   * @throws LtiError `ERR_LTI_JWT_KID_MISSING` (SEC-004), `ERR_LTI_JWT_ALG_NOT_ALLOWED` (SEC-002, SEC-003),
   *   `ERR_LTI_JWT_KID_UNKNOWN` (SEC-007), `ERR_LTI_JWT_ALG_KEY_MISMATCH` (SEC-003), `ERR_LTI_KEY_INVALID`,
   *   `ERR_LTI_JWKS_INVALID`, and the `ERR_LTI_FETCH_*` codes of `guardedFetch`.
   * @example
   * ```ts
   * const { payload } = await jwtVerify(token, (header) => jwksCache.getKey(registration.jwksUri, header), { algorithms: [...APPROVED_ALGORITHMS] });
   * ```
   * @see SEC-003, SEC-004, SEC-006, SEC-007 in shared/spec/core-security.md
   */
  async getKey(jwksUri: string, header: JwtKeyHeader): Promise<CryptoKey> {
    const { kid, alg } = checkHeader(header);
    // The URL is checked once, when its entry is made; later launches find the entry by the same string.
    let known = this.#byGivenUri.get(jwksUri);
    if (known === undefined) {
      const checked = assertSecureUrl(jwksUri, { allowInsecureLoopback: this.#allowInsecureLoopback }).href;
      known = { uri: checked, entry: this.#entry(checked) };
      this.#byGivenUri.set(jwksUri, known);
    }
    const { uri, entry } = known;

    const now = this.#clock.now();
    const coolingDown = entry.lastAttemptAt !== undefined && now - entry.lastAttemptAt < this.#refetchCooldownSeconds;
    const stale = entry.keys !== undefined && now >= entry.expiresAt;

    const needsFetch =
      // No document yet, or an expired one (after a failed refresh, retry only after the cooldown).
      entry.keys === undefined ||
      (stale && !(entry.lastAttemptFailed && coolingDown)) ||
      // Unknown kid: the peer may have rotated (SEC-006); refetch at most once per cooldown.
      (!entry.keys.has(kid) && !coolingDown);
    // A fetch already under way may bring the kid: wait for it rather than fail early.
    if (needsFetch || entry.inflight !== undefined) {
      try {
        await this.#refresh(uri, entry);
      } catch (error) {
        // A failed refresh falls back to the last good document for keys it knew.
        if (entry.keys?.has(kid) !== true) throw error;
      }
    }

    const candidates = entry.keys?.get(kid);
    if (candidates === undefined) throw new LtiError('ERR_LTI_JWT_KID_UNKNOWN', { detail: { kid, jwksUri: uri } });
    const jwk = candidates.find((candidate) => fits(alg, candidate));
    if (jwk === undefined) throw new LtiError('ERR_LTI_JWT_ALG_KEY_MISMATCH', { detail: { kid, alg, jwksUri: uri } });

    const cacheKey = `${kid}\u0000${alg}`;
    let imported = entry.cryptoKeys.get(cacheKey);
    if (imported === undefined) {
      const cryptoKeys = entry.cryptoKeys;
      imported = importPublicKey(jwk, alg, { kid, jwksUri: uri });
      imported.catch(() => cryptoKeys.delete(cacheKey));
      cryptoKeys.set(cacheKey, imported);
    }
    return imported;
  }

  /**
   * Counters of one JWKS URI: `fetches` is the number of fetch attempts made so far.
   *
   * @example
   * ```ts
   * assert.equal(jwksCache.stats('https://lms.example.edu/jwks').fetches, 1);
   * ```
   * @see SEC-006 in shared/spec/core-security.md
   */
  stats(jwksUri: string): { fetches: number } {
    let uri: string;
    try {
      uri = new URL(jwksUri).href;
    } catch {
      return { fetches: 0 };
    }
    return { fetches: this.#entries.get(uri)?.fetches ?? 0 };
  }

  /** Entries by the URI string as registrations give it (only checked URLs get here). */
  readonly #byGivenUri = new Map<string, { uri: string; entry: JwksEntry }>();

  #entry(uri: string): JwksEntry {
    let entry = this.#entries.get(uri);
    if (entry === undefined) {
      entry = { keys: undefined, expiresAt: 0, lastAttemptAt: undefined, lastAttemptFailed: false, inflight: undefined, fetches: 0, cryptoKeys: new Map() };
      this.#entries.set(uri, entry);
    }
    return entry;
  }

  /** One fetch per URI at a time: concurrent callers await the same promise. */
  #refresh(uri: string, entry: JwksEntry): Promise<void> {
    if (entry.inflight !== undefined) return entry.inflight;
    entry.fetches += 1;
    entry.lastAttemptAt = this.#clock.now();
    const run = (async () => {
      try {
        const response = await guardedFetch(uri, {
          fetch: this.#fetch,
          timeoutMs: this.#timeoutMs,
          maxBytes: this.#maxBytes,
          allowInsecureLoopback: this.#allowInsecureLoopback,
          headers: { accept: 'application/jwk-set+json, application/json' },
          expectOk: true,
        });
        let document: unknown;
        try {
          document = response.json();
        } catch (error) {
          throw new LtiError('ERR_LTI_JWKS_INVALID', { message: 'The key set document is not JSON.', detail: { jwksUri: uri }, cause: error });
        }
        entry.keys = parseJwks(document, uri);
        entry.cryptoKeys = new Map();
        entry.expiresAt = this.#clock.now() + this.#lifetime(response.headers.get('cache-control'));
        entry.lastAttemptFailed = false;
      } catch (error) {
        entry.lastAttemptFailed = true;
        throw error;
      } finally {
        entry.inflight = undefined;
      }
    })();
    entry.inflight = run;
    return run;
  }

  #lifetime(cacheControl: string | null): number {
    let seconds = this.#defaultCacheSeconds;
    if (cacheControl !== null) {
      for (const directive of cacheControl.split(',')) {
        const [rawName = '', rawValue] = directive.split('=', 2);
        const name = rawName.trim().toLowerCase();
        if (name === 'no-store' || name === 'no-cache') return this.#minCacheSeconds;
        if (name === 'max-age' && rawValue !== undefined) {
          const value = rawValue.trim().replace(/^"(.*)"$/, '$1');
          if (/^\d+$/.test(value)) seconds = Number(value);
        }
      }
    }
    return Math.min(this.#maxCacheSeconds, Math.max(this.#minCacheSeconds, seconds));
  }
}

/**
 * The verification key of a registration that holds a static public JWK instead of a JWKS URL
 * (SEC-008), with the checks {@link RemoteJwksCache.getKey} makes: the header needs a `kid`
 * (SEC-004) and an approved `alg`; the key type, curve and JWK `alg` must fit that `alg` (SEC-003);
 * a JWK with its own `kid` must match the header's.
 *
 * @throws LtiError `ERR_LTI_JWT_KID_MISSING`, `ERR_LTI_JWT_ALG_NOT_ALLOWED`, `ERR_LTI_JWT_KID_UNKNOWN`,
 *   `ERR_LTI_JWT_ALG_KEY_MISMATCH`, `ERR_LTI_KEY_INVALID`.
 * @example
 * ```ts
 * const { payload } = await jwtVerify(assertion, (header) => keyFromStaticJwk(tool.publicJwk, header));
 * ```
 * @see SEC-003, SEC-004, SEC-008 in shared/spec/core-security.md
 */
export async function keyFromStaticJwk(jwk: JWK, header: JwtKeyHeader): Promise<CryptoKey> {
  const { kid, alg } = checkHeader(header);
  if (typeof jwk !== 'object' || jwk === null || !usableForSigning(jwk)) {
    throw new LtiError('ERR_LTI_KEY_INVALID', { message: 'The registered key is not a public RSA or EC signature key.', detail: { kid } });
  }
  if (jwk.kid !== undefined && jwk.kid !== kid) throw new LtiError('ERR_LTI_JWT_KID_UNKNOWN', { detail: { kid } });
  if (!fits(alg, jwk)) throw new LtiError('ERR_LTI_JWT_ALG_KEY_MISMATCH', { detail: { kid, alg } });
  return importPublicKey(jwk, alg, { kid });
}

function checkHeader(header: JwtKeyHeader): { kid: string; alg: SigningAlgorithm } {
  // SEC-004: every LTI JWT names its key.
  if (typeof header.kid !== 'string' || header.kid === '') throw new LtiError('ERR_LTI_JWT_KID_MISSING');
  // SEC-002, SEC-003: never `none`, never HS*.
  if (!isApprovedAlgorithm(header.alg)) throw new LtiError('ERR_LTI_JWT_ALG_NOT_ALLOWED', { detail: { alg: String(header.alg) } });
  return { kid: header.kid, alg: header.alg };
}

/** SEC-003: key type and curve fit the header `alg`, and so does the JWK's own `alg` when it has one. */
function fits(alg: SigningAlgorithm, jwk: JWK): boolean {
  return keyTypeFits(alg, jwk) && (jwk.alg === undefined || jwk.alg === alg);
}

/** RSA or EC keys not restricted to another use (encryption keys may share a JWKS). */
function usableForSigning(jwk: JWK): boolean {
  if (jwk.kty !== 'RSA' && jwk.kty !== 'EC') return false;
  if (jwk.use !== undefined && jwk.use !== 'sig') return false;
  if (jwk.key_ops !== undefined && !(Array.isArray(jwk.key_ops) && jwk.key_ops.includes('verify'))) return false;
  return true;
}

function parseJwks(document: unknown, uri: string): Map<string, JWK[]> {
  const keys = (document as { keys?: unknown } | null)?.keys;
  if (typeof document !== 'object' || document === null || Array.isArray(document) || !Array.isArray(keys)) {
    throw new LtiError('ERR_LTI_JWKS_INVALID', { detail: { jwksUri: uri } });
  }
  const byKid = new Map<string, JWK[]>();
  for (const key of keys as unknown[]) {
    if (typeof key !== 'object' || key === null || Array.isArray(key) || typeof (key as JWK).kty !== 'string') {
      throw new LtiError('ERR_LTI_JWKS_INVALID', { message: 'A member of the key set is not a JWK.', detail: { jwksUri: uri } });
    }
    const jwk = key as JWK;
    // Keys without a kid cannot be selected (SEC-004); keys of other types or uses are not for us.
    if (typeof jwk.kid !== 'string' || jwk.kid === '' || !usableForSigning(jwk)) continue;
    const list = byKid.get(jwk.kid) ?? [];
    list.push(jwk);
    byKid.set(jwk.kid, list);
  }
  return byKid;
}

async function importPublicKey(jwk: JWK, alg: SigningAlgorithm, detail: Record<string, unknown>): Promise<CryptoKey> {
  let key: CryptoKey;
  try {
    // Only public members are imported: a peer that publishes a private key must not turn into a signer here.
    const { kid: _kid, alg: _alg, use: _use, ...members } = exportPublicJwk(jwk);
    key = await importJwkAsCryptoKey(members, alg);
  } catch (error) {
    throw new LtiError('ERR_LTI_KEY_INVALID', { detail: { ...detail, alg }, cause: error });
  }
  const { modulusLength } = key.algorithm as { modulusLength?: number };
  if (key.algorithm.name === 'RSASSA-PKCS1-v1_5' && (modulusLength === undefined || modulusLength < 2048)) {
    throw new LtiError('ERR_LTI_KEY_INVALID', { message: 'RSA keys must be at least 2048 bits.', detail: { ...detail, alg } });
  }
  return key;
}
