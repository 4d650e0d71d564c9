/**
 * Outbound HTTP for the protocol core: JWKS documents, token endpoints, service calls. Every
 * request is HTTPS-only (CORE-004), never follows redirects, has a deadline and a body size cap, so
 * a slow or hostile peer cannot hang or exhaust the process (SEC-005, SEC-006).
 *
 * @example
 * ```ts
 * const response = await guardedFetch('https://lms.example.edu/jwks', { timeoutMs: 5000, maxBytes: 256 * 1024, expectOk: true });
 * const jwks = response.json();
 * ```
 */
import { LtiError } from '../errors.js';

/**
 * The slice of `fetch` that ltikit calls; the global `fetch` fits, and so does a test fake.
 *
 * @example
 * ```ts
 * const fetch: FetchLike = async (url) => Response.json({ keys: [] });
 * ```
 * @see SEC-006 in shared/spec/core-security.md
 */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/**
 * Options of {@link assertSecureUrl}.
 *
 * @example
 * ```ts
 * const options: SecureUrlOptions = { allowInsecureLoopback: isDevelopment };
 * ```
 * @see CORE-004 in shared/spec/core-security.md
 */
export interface SecureUrlOptions {
  /** Accept `http:` for loopback hosts (127.0.0.0/8, ::1, localhost), for local development. Default false. */
  allowInsecureLoopback?: boolean;
}

/**
 * Options of {@link guardedFetch}.
 *
 * @example
 * ```ts
 * const options: GuardedFetchOptions = { timeoutMs: 5000, maxBytes: 256 * 1024, expectOk: true };
 * ```
 * @see CORE-004, SEC-006 in shared/spec/core-security.md
 */
export interface GuardedFetchOptions extends SecureUrlOptions {
  /** The fetch implementation; the global `fetch` when absent. */
  fetch?: FetchLike;
  /** Deadline for the whole exchange (connect, headers and body) in milliseconds. */
  timeoutMs: number;
  /** Largest accepted response body in bytes. */
  maxBytes: number;
  method?: string;
  headers?: HeadersInit;
  body?: BodyInit;
  /** Throw `ERR_LTI_FETCH_FAILED` when the status is not 2xx, instead of returning the response. */
  expectOk?: boolean;
}

/**
 * A fully read response: the body is bytes already, bounded by `maxBytes`.
 *
 * @example
 * ```ts
 * const { status, headers } = response;
 * const document = response.json();
 * ```
 * @see SEC-006 in shared/spec/core-security.md
 */
export interface GuardedResponse {
  status: number;
  headers: Headers;
  body: Uint8Array;
  /** The body decoded as UTF-8. */
  text(): string;
  /** The body parsed as JSON; throws `ERR_LTI_FETCH_FAILED` when it is not JSON. */
  json(): unknown;
}

/**
 * Parses `url` and accepts it only when it is HTTPS, or plain HTTP to a loopback host when
 * `allowInsecureLoopback` is set (CORE-004: every URL exchanged is HTTPS). URLs carrying
 * credentials are refused too, so secrets never travel in (or get logged with) a URL.
 *
 * @throws LtiError `ERR_LTI_FETCH_INSECURE_URL` for any other scheme or host, and for unparsable URLs.
 * @example
 * ```ts
 * assertSecureUrl('https://lms.example.edu/jwks', {}); // URL
 * assertSecureUrl('http://127.0.0.1:8080/jwks', { allowInsecureLoopback: true }); // URL
 * assertSecureUrl('http://lms.example.edu/jwks', { allowInsecureLoopback: true }); // throws
 * ```
 * @see CORE-004, SEC-005 in shared/spec/core-security.md
 */
export function assertSecureUrl(url: string, options: SecureUrlOptions = {}): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    throw new LtiError('ERR_LTI_FETCH_INSECURE_URL', { message: 'The URL cannot be parsed.', cause: error });
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw new LtiError('ERR_LTI_FETCH_INSECURE_URL', {
      message: 'The URL must not contain credentials.',
      detail: { url: redactUrl(parsed) },
    });
  }
  if (parsed.protocol === 'https:') return parsed;
  if (parsed.protocol === 'http:' && options.allowInsecureLoopback === true && isLoopbackHost(parsed.hostname)) return parsed;
  throw new LtiError('ERR_LTI_FETCH_INSECURE_URL', { detail: { url: redactUrl(parsed) } });
}

/**
 * Fetches `url` under the rules of {@link assertSecureUrl}, with `redirect: 'error'` (a redirect
 * could downgrade the scheme or leave the trusted host), a deadline and a body size cap. Non-2xx
 * answers are returned for the caller to judge unless `expectOk` is set. Error details carry the
 * URL and status, never the body.
 *
 * @throws LtiError `ERR_LTI_FETCH_INSECURE_URL`, `ERR_LTI_FETCH_TIMEOUT`, `ERR_LTI_FETCH_TOO_LARGE`, `ERR_LTI_FETCH_FAILED`.
 * @example
 * ```ts
 * const response = await guardedFetch(jwksUri, { timeoutMs: 5000, maxBytes: 256 * 1024, expectOk: true });
 * const maxAge = response.headers.get('cache-control');
 * const document = response.json();
 * ```
 * @see CORE-004, SEC-005, SEC-006 in shared/spec/core-security.md
 */
export async function guardedFetch(url: string, options: GuardedFetchOptions): Promise<GuardedResponse> {
  const target = assertSecureUrl(url, options);
  const safeUrl = redactUrl(target);
  const fetchImplementation: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  // Rejects when the deadline passes, even if an injected fetch or stream ignores the signal.
  const aborted = new Promise<never>((_resolve, reject) => {
    controller.signal.addEventListener('abort', () => reject(new LtiError('ERR_LTI_FETCH_TIMEOUT', { detail: { url: safeUrl } })), { once: true });
  });
  aborted.catch(() => undefined);

  const failure = (error: unknown, status?: number): LtiError => {
    if (error instanceof LtiError) return error;
    if (timedOut) return new LtiError('ERR_LTI_FETCH_TIMEOUT', { detail: { url: safeUrl }, cause: error });
    return new LtiError('ERR_LTI_FETCH_FAILED', { detail: status === undefined ? { url: safeUrl } : { url: safeUrl, status }, cause: error });
  };

  try {
    let response: Response;
    try {
      const init: RequestInit = { method: options.method ?? 'GET', redirect: 'error', signal: controller.signal };
      if (options.headers !== undefined) init.headers = options.headers;
      if (options.body !== undefined) init.body = options.body;
      response = await Promise.race([fetchImplementation(target.href, init), aborted]);
    } catch (error) {
      throw failure(error);
    }
    const status = response.status;
    // A fetch that follows redirects anyway (a custom implementation) must not hand us a 3xx.
    if (response.type === 'opaqueredirect' || (status >= 300 && status < 400 && response.headers.has('location'))) {
      await cancelBody(response);
      throw new LtiError('ERR_LTI_FETCH_FAILED', { message: 'The remote server answered with a redirect, which is not followed.', detail: { url: safeUrl, status } });
    }
    if (options.expectOk === true && (status < 200 || status > 299)) {
      await cancelBody(response);
      throw new LtiError('ERR_LTI_FETCH_FAILED', { detail: { url: safeUrl, status } });
    }

    const declaredLength = response.headers.get('content-length');
    if (declaredLength !== null && /^\d+$/.test(declaredLength.trim()) && Number(declaredLength.trim()) > options.maxBytes) {
      await cancelBody(response);
      throw new LtiError('ERR_LTI_FETCH_TOO_LARGE', { detail: { url: safeUrl, status, maxBytes: options.maxBytes } });
    }

    let body: Uint8Array;
    try {
      body = await readBounded(response, options.maxBytes, aborted);
    } catch (error) {
      if (error === TOO_LARGE) throw new LtiError('ERR_LTI_FETCH_TOO_LARGE', { detail: { url: safeUrl, status, maxBytes: options.maxBytes } });
      throw failure(error, status);
    }

    const text = (): string => new TextDecoder().decode(body);
    return {
      status,
      headers: response.headers,
      body,
      text,
      json: () => {
        try {
          return JSON.parse(text()) as unknown;
        } catch (error) {
          throw new LtiError('ERR_LTI_FETCH_FAILED', { message: 'The remote response body is not JSON.', detail: { url: safeUrl, status }, cause: error });
        }
      },
    };
  } finally {
    clearTimeout(timer);
    // Releases the connection when we stopped early; a no-op after a completed read.
    controller.abort();
  }
}

const TOO_LARGE = Symbol('too large');

async function readBounded(response: Response, maxBytes: number, aborted: Promise<never>): Promise<Uint8Array> {
  if (response.body === null) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), aborted]);
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) throw TOO_LARGE;
      chunks.push(value);
    }
  } catch (error) {
    reader.cancel().catch(() => undefined);
    throw error;
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

async function cancelBody(response: Response): Promise<void> {
  try {
    await response.body?.cancel();
  } catch {
    // The body is discarded either way.
  }
}

/** 127.0.0.0/8, ::1 and `localhost`. The URL parser has already normalised IPv4 forms such as `127.1` or `0x7f000001`. */
function isLoopbackHost(hostname: string): boolean {
  if (hostname === 'localhost' || hostname === '[::1]') return true;
  const octets = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(hostname);
  return octets !== null && octets[1] === '127';
}

/** The URL without user info, safe for error details and logs. */
function redactUrl(url: URL): string {
  if (url.username === '' && url.password === '') return url.href;
  const copy = new URL(url.href);
  copy.username = '';
  copy.password = '';
  return copy.href;
}
