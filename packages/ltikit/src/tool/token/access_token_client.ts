/**
 * The tool's side of service access: client assertions signed with the tool's key, access tokens
 * from the platform's token endpoint cached per (platform, client, deployment, scope set) and
 * renewed before they expire, and service calls that retry once on 401 and honour `429` /
 * `Retry-After` (TOK-001..005, TOK-020..022). Nothing here needs a live launch: a background job
 * can call a service days later with what the tool stored at launch time.
 *
 * @example
 * ```ts
 * const response = await tool.serviceFetch({ issuer, clientId, deploymentId }, {
 *   url: lineItemUrl + '/scores', method: 'POST', scopes: [SCOPE.score],
 *   headers: { 'content-type': MEDIA_TYPE.score }, body: JSON.stringify(score),
 * });
 * ```
 * @see https://www.imsglobal.org/spec/security/v1p0/#using-json-web-tokens-with-oauth-2-0-client-credentials-grant
 */
import { LtiError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import { type FetchLike, assertSecureUrl, guardedFetch } from '../../lib/guarded_fetch.js';
import { randomId } from '../../lib/random.js';
import type { SigningKeySet } from '../../keys/signing_key_set.js';
import type { PlatformRegistration } from '../../stores/types.js';
import { LTI_CLAIM } from '../../vocab/claims.js';

const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/**
 * An access token the platform granted, with the scopes it actually granted (TOK-005).
 *
 * @example
 * ```ts
 * const { accessToken, scopes, expiresAt } = await tool.getAccessToken(target, [SCOPE.score]);
 * ```
 * @see TOK-004, TOK-005 in shared/spec/core-security.md
 */
export interface AccessToken {
  accessToken: string;
  scopes: string[];
  expiresAt: number;
}

/**
 * Which platform registration (and deployment) a service call speaks for: what a tool stores at
 * launch time to call services later, without the launch (TOK-002).
 *
 * @example
 * ```ts
 * const target: ServiceTarget = { issuer: launch.issuer, clientId: launch.clientId, deploymentId: launch.deploymentId };
 * ```
 * @see TOK-002, TOK-016 in shared/spec/core-security.md
 */
export interface ServiceTarget {
  issuer: string;
  clientId: string;
  /** Sent in the client assertion so the platform can scope the token (TOK-002). */
  deploymentId?: string;
}

/**
 * One service call, with the scopes it needs (TOK-020).
 *
 * @example
 * ```ts
 * const request: ServiceRequest = { url: lineItemsUrl, scopes: [SCOPE.lineItemReadonly], headers: { accept: MEDIA_TYPE.lineItemContainer } };
 * ```
 * @see TOK-020 in shared/spec/core-security.md
 */
export interface ServiceRequest {
  url: string;
  method?: string;
  /** The scopes the call needs; a token is requested (or reused) for exactly this set. */
  scopes: string[];
  headers?: Record<string, string>;
  body?: string;
}

export interface AccessTokenClientOptions {
  keys: SigningKeySet;
  clock: Clock;
  fetch?: FetchLike;
  allowInsecureLoopback: boolean;
  /** Deadline of one token or service request. Default 10,000 ms. */
  timeoutMs?: number;
  /** Renew a cached token this long before it expires. Default 60 s. */
  renewBeforeSeconds?: number;
  /** The longest `Retry-After` the client waits for, in seconds; longer ones fail. Default 10. */
  maxRetryAfterSeconds?: number;
  /** How many times a rate-limited call is tried in all. Default 3. */
  maxAttempts?: number;
  /** How the client waits (tests replace it). */
  sleep?: (milliseconds: number) => Promise<void>;
}

const TOKEN_MAX_BYTES = 64 * 1024;
const SERVICE_MAX_BYTES = 16 * 1024 * 1024;

export class AccessTokenClient {
  readonly #options: Required<Omit<AccessTokenClientOptions, 'fetch'>> & { fetch: FetchLike | undefined };
  readonly #cache = new Map<string, Promise<AccessToken>>();

  constructor(options: AccessTokenClientOptions) {
    // `??`, not spread defaults: an option given as `undefined` (e.g. `services: { timeoutMs: env.X }`) keeps its default.
    this.#options = {
      keys: options.keys,
      clock: options.clock,
      allowInsecureLoopback: options.allowInsecureLoopback,
      timeoutMs: options.timeoutMs ?? 10_000,
      renewBeforeSeconds: options.renewBeforeSeconds ?? 60,
      maxRetryAfterSeconds: options.maxRetryAfterSeconds ?? 10,
      maxAttempts: options.maxAttempts ?? 3,
      sleep: options.sleep ?? ((milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds))),
      fetch: options.fetch,
    };
  }

  /**
   * A token for `scopes`, from the cache while it has more than `renewBeforeSeconds` left
   * (TOK-004); concurrent callers share one request.
   */
  async getToken(registration: PlatformRegistration, scopes: string[], deploymentId?: string): Promise<AccessToken> {
    const key = cacheKey(registration, scopes, deploymentId);
    const cached = this.#cache.get(key);
    if (cached !== undefined) {
      const token = await cached.catch(() => undefined);
      if (token !== undefined && token.expiresAt - this.#options.renewBeforeSeconds > this.#options.clock.now()) return token;
      if (this.#cache.get(key) !== cached) return this.getToken(registration, scopes, deploymentId);
    }
    const pending = this.#requestToken(registration, scopes, deploymentId);
    this.#cache.set(key, pending);
    pending.catch(() => {
      if (this.#cache.get(key) === pending) this.#cache.delete(key);
    });
    return pending;
  }

  /** Forgets a cached token (after the platform refused it, TOK-022). */
  invalidate(registration: PlatformRegistration, scopes: string[], deploymentId?: string): void {
    this.#cache.delete(cacheKey(registration, scopes, deploymentId));
  }

  /**
   * Calls a service with a token for `request.scopes`: on 401 the token is renewed and the call
   * tried once more (TOK-022); on 429 (or 503) the `Retry-After` is honoured, with a growing wait
   * when none is given, up to `maxAttempts`. Any other non-2xx answer fails with
   * `ERR_LTI_SERVICE_REQUEST_FAILED`, carrying the status and the start of the body.
   */
  async serviceFetch(registration: PlatformRegistration, request: ServiceRequest, deploymentId?: string): Promise<Response> {
    assertSecureUrl(request.url, { allowInsecureLoopback: this.#options.allowInsecureLoopback });
    let renewed = false;
    for (let attempt = 1; ; attempt++) {
      const token = await this.getToken(registration, request.scopes, deploymentId);
      const missing = request.scopes.filter((scope) => !token.scopes.includes(scope));
      if (missing.length > 0) throw new LtiError('ERR_LTI_SERVICE_SCOPE_NOT_GRANTED', { detail: { missing, granted: token.scopes } });
      const response = await guardedFetch(request.url, {
        method: request.method ?? 'GET',
        headers: { ...request.headers, authorization: `Bearer ${token.accessToken}` },
        ...(request.body === undefined ? {} : { body: request.body }),
        timeoutMs: this.#options.timeoutMs,
        maxBytes: SERVICE_MAX_BYTES,
        allowInsecureLoopback: this.#options.allowInsecureLoopback,
        ...(this.#options.fetch === undefined ? {} : { fetch: this.#options.fetch }),
      });
      if (response.status === 401 && !renewed) {
        renewed = true;
        this.invalidate(registration, request.scopes, deploymentId);
        continue;
      }
      if ((response.status === 429 || response.status === 503) && attempt < this.#options.maxAttempts) {
        const wait = retryAfterSeconds(response.headers.get('retry-after'), this.#options.clock.now()) ?? 2 ** (attempt - 1);
        if (wait > this.#options.maxRetryAfterSeconds) {
          throw new LtiError('ERR_LTI_SERVICE_RATE_LIMITED', { detail: { status: response.status, retry_after_seconds: wait } });
        }
        await this.#options.sleep(wait * 1000);
        continue;
      }
      if (response.status < 200 || response.status > 299) {
        if (response.status === 429) throw new LtiError('ERR_LTI_SERVICE_RATE_LIMITED', { detail: { status: 429, attempts: attempt } });
        throw new LtiError('ERR_LTI_SERVICE_REQUEST_FAILED', { detail: { status: response.status, url: request.url, body: response.text().slice(0, 500) } });
      }
      // 204 and 205 are null-body statuses: the Response constructor refuses any body with them.
      return new Response(response.status === 204 || response.status === 205 ? null : (response.body as BodyInit), { status: response.status, headers: response.headers });
    }
  }

  async #requestToken(registration: PlatformRegistration, scopes: string[], deploymentId: string | undefined): Promise<AccessToken> {
    if (registration.tokenEndpoint === undefined) {
      throw new LtiError('ERR_LTI_SERVICE_TOKEN_ENDPOINT_MISSING', { detail: { issuer: registration.issuer, client_id: registration.clientId } });
    }
    const now = this.#options.clock.now();
    // TOK-001, TOK-002: a fresh, short-lived assertion for every request.
    const assertion = await this.#options.keys.sign({
      iss: registration.clientId,
      sub: registration.clientId,
      aud: registration.tokenAudience ?? registration.tokenEndpoint,
      iat: now,
      exp: now + 300,
      jti: randomId(),
      ...(deploymentId === undefined ? {} : { [LTI_CLAIM.deploymentId]: deploymentId }),
    });
    // TOK-003
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_assertion_type: CLIENT_ASSERTION_TYPE,
      client_assertion: assertion,
      scope: [...new Set(scopes)].sort().join(' '),
    });
    const response = await guardedFetch(registration.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: body.toString(),
      timeoutMs: this.#options.timeoutMs,
      maxBytes: TOKEN_MAX_BYTES,
      allowInsecureLoopback: this.#options.allowInsecureLoopback,
      ...(this.#options.fetch === undefined ? {} : { fetch: this.#options.fetch }),
    });
    let answer: Record<string, unknown> = {};
    try {
      const parsed = response.json();
      if (typeof parsed === 'object' && parsed !== null) answer = parsed as Record<string, unknown>;
    } catch {
      // Reported below with the status.
    }
    if (response.status !== 200) {
      throw new LtiError('ERR_LTI_SERVICE_TOKEN_REFUSED', {
        message: `The platform\u2019s token endpoint refused the token request (HTTP ${response.status}${typeof answer.error === 'string' ? `, ${answer.error}` : ''})${typeof answer.error_description === 'string' ? `: ${answer.error_description.slice(0, 300)}` : '.'}`,
        detail: { status: response.status, error: answer.error ?? null, error_description: answer.error_description ?? null },
      });
    }
    const { access_token: accessToken, expires_in: expiresIn, token_type: tokenType, scope } = answer;
    if (typeof accessToken !== 'string' || accessToken === '' || typeof expiresIn !== 'number' || !(expiresIn > 0) || (typeof tokenType === 'string' && tokenType.toLowerCase() !== 'bearer')) {
      throw new LtiError('ERR_LTI_SERVICE_TOKEN_RESPONSE_INVALID');
    }
    // TOK-005: the granted scope is authoritative; RFC 6749 §5.1: absent means as requested.
    const granted = typeof scope === 'string' ? scope.split(/\s+/).filter(Boolean) : [...scopes];
    return { accessToken, scopes: granted, expiresAt: this.#options.clock.now() + Math.floor(expiresIn) };
  }
}

function cacheKey(registration: PlatformRegistration, scopes: string[], deploymentId: string | undefined): string {
  return [registration.issuer, registration.clientId, deploymentId ?? '', [...new Set(scopes)].sort().join(' ')].join('\u0000');
}

/** `Retry-After` as seconds from now: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterSeconds(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil(date / 1000 - now));
}
