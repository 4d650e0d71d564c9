/** Web-standard request/response helpers shared by both sides (no Node APIs). */
import { LtiError } from '../errors.js';

/** Largest form or JSON body the protocol endpoints read (an id_token is a few KiB). */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

/** One strict decoder for every body: invalid UTF-8 is refused, never replaced. */
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Reads a request body as text, refusing more than `maxBytes` (413) without buffering past the cap. */
export async function readBodyText(request: Request, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<string> {
  return decodeUtf8(await readBodyBytes(request, maxBytes));
}

/**
 * Reads a request body as bytes, refusing more than `maxBytes` (413) without buffering past the
 * cap; for digests over the exact bytes received (`oauth_body_hash`, BO-003).
 */
export async function readBodyBytes(request: Request, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<Uint8Array> {
  const contentLength = request.headers.get('content-length');
  const declared = Number(contentLength ?? '');
  if (Number.isFinite(declared) && declared > maxBytes) {
    throw new LtiError('ERR_LTI_REQUEST_TOO_LARGE', { detail: { maxBytes } });
  }
  if (contentLength !== null && Number.isFinite(declared)) {
    // A declared length within the cap: the HTTP layer frames the body by it, so it can be read in
    // one call, which lets server adapters (e.g. @hono/node-server) skip building a web stream.
    const body = new Uint8Array(await request.arrayBuffer());
    if (body.byteLength > maxBytes) throw new LtiError('ERR_LTI_REQUEST_TOO_LARGE', { detail: { maxBytes } });
    return body;
  }
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new LtiError('ERR_LTI_REQUEST_TOO_LARGE', { detail: { maxBytes } });
    }
    chunks.push(value);
  }
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return joined;
}

/** Decodes UTF-8 strictly: invalid bytes are `ERR_LTI_REQUEST_MALFORMED`, never replaced. */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return STRICT_UTF8.decode(bytes);
  } catch (cause) {
    throw new LtiError('ERR_LTI_REQUEST_MALFORMED', { message: 'The request body is not valid UTF-8.', cause });
  }
}

/**
 * The parameters of a GET query or an `application/x-www-form-urlencoded` POST body (OIDC-001, OIDC-014).
 * For POST, query parameters are ignored so a body value can never be shadowed.
 */
export async function readParameters(request: Request, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<URLSearchParams> {
  if (request.method === 'GET' || request.method === 'HEAD') return new URL(request.url).searchParams;
  if (request.method !== 'POST') throw new LtiError('ERR_LTI_METHOD_NOT_ALLOWED', { detail: { method: request.method } });
  const contentType = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (contentType !== 'application/x-www-form-urlencoded') {
    throw new LtiError('ERR_LTI_REQUEST_MALFORMED', {
      message: 'Expected an application/x-www-form-urlencoded body.',
      detail: { contentType: contentType || null },
    });
  }
  return new URLSearchParams(await readBodyText(request, maxBytes));
}

/** The one value of a parameter; repeated parameters are refused rather than guessed between. */
export function singleParameter(parameters: URLSearchParams, name: string): string | undefined {
  const values = parameters.getAll(name);
  if (values.length > 1) {
    throw new LtiError('ERR_LTI_REQUEST_MALFORMED', { message: `The parameter \`${name}\` is repeated.`, detail: { parameter: name } });
  }
  const value = values[0];
  return value === undefined || value === '' ? undefined : value;
}

const HTML_SPECIAL_CHARACTER = /[&<>"']/;

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: string): string {
  // Tokens and URLs rarely hold any of the five characters: skip the five passes over them.
  if (!HTML_SPECIAL_CHARACTER.test(value)) return value;
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const SECURITY_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
} as const;

/** An HTML response with a minimal escaped page. `body` must already be safe HTML. */
export function htmlResponse(title: string, bodyHtml: string, status = 200, headers: HeadersInit = {}): Response {
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1d1d1f}code{background:#f2f2f5;padding:.1rem .3rem;border-radius:3px}.error{border-left:4px solid #c62828;padding-left:1rem}</style></head><body>${bodyHtml}</body></html>`;
  return withDefaultHeaders(page, status, 'text/html; charset=utf-8', headers);
}

/** A JSON response with no-store caching. */
export function jsonResponse(value: unknown, status = 200, headers: HeadersInit = {}): Response {
  return withDefaultHeaders(JSON.stringify(value), status, 'application/json; charset=utf-8', headers);
}

/**
 * A response with the default headers; given headers replace them (one `cache-control`, not
 * `no-store, max-age=300`), and Set-Cookie values add up. Plain header records without cookies —
 * the common case — are merged into one record, so the response is built once: adapters such as
 * `@hono/node-server` write a record far faster than a `Headers` object changed after the fact.
 */
function withDefaultHeaders(body: string, status: number, contentType: string, headers: HeadersInit): Response {
  const merged: Record<string, string> = { 'content-type': contentType, ...SECURITY_HEADERS };
  if (!(headers instanceof Headers) && !Array.isArray(headers)) {
    let simple = true;
    for (const [name, value] of Object.entries(headers)) {
      const lower = name.toLowerCase();
      if (lower === 'set-cookie') {
        simple = false;
        break;
      }
      merged[lower] = value;
    }
    if (simple) return new Response(body, { status, headers: merged });
  }
  const response = new Response(body, { status, headers: { 'content-type': contentType, ...SECURITY_HEADERS } });
  for (const [name, value] of new Headers(headers)) {
    if (name === 'set-cookie') response.headers.append(name, value);
    else response.headers.set(name, value);
  }
  return response;
}

/** True when the client asked for JSON rather than a page. */
export function wantsJson(request: Request): boolean {
  const accept = request.headers.get('accept') ?? '';
  if (accept.includes('application/json') && !accept.includes('text/html')) return true;
  return (request.headers.get('content-type') ?? '').includes('application/json') && !accept.includes('text/html');
}

/**
 * The auto-submitting form that carries a message through the browser (OIDC-030): a POST of
 * `fields` to `action`. Works without JavaScript via the visible button. Fields given as a list of
 * pairs keep their order and any repeated names (an LTI 1.1 form is signed as posted, OA-002).
 */
export function autoSubmitFormResponse(action: string, fields: Record<string, string> | Iterable<readonly [string, string]>, title = 'Continuing…'): Response {
  const pairs = Symbol.iterator in fields ? [...(fields as Iterable<readonly [string, string]>)] : Object.entries(fields);
  const inputs = pairs
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('');
  const nonce = cspNonce();
  const body = `<form id="ltikit-form" method="post" action="${escapeHtml(action)}">${inputs}<noscript><p>JavaScript is off: press the button to continue.</p></noscript><button type="submit">Continue</button></form><script nonce="${nonce}">document.getElementById('ltikit-form').submit();</script>`;
  return htmlResponse(title, body, 200, {
    'content-security-policy': `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'unsafe-inline'; form-action ${formActionSource(action)}`,
  });
}

function formActionSource(action: string): string {
  const url = new URL(action);
  return `${url.protocol}//${url.host}`;
}

const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));
const CSP_NONCE_BYTES = 16;
// getRandomValues has a fixed cost per call (a few µs in Node, more than the page itself), so CSP
// nonces are cut from a batch of CSPRNG bytes, each byte used once.
let randomBatch = new Uint8Array(0);
let randomOffset = 0;

function cspNonce(): string {
  if (randomOffset + CSP_NONCE_BYTES > randomBatch.length) {
    randomBatch = crypto.getRandomValues(new Uint8Array(256 * CSP_NONCE_BYTES));
    randomOffset = 0;
  }
  let hex = '';
  for (let index = randomOffset; index < randomOffset + CSP_NONCE_BYTES; index++) hex += HEX_BYTES[randomBatch[index]!];
  randomOffset += CSP_NONCE_BYTES;
  return hex;
}

/** Parses a Cookie header into a map (first value wins, as browsers send the most specific first). */
export function parseCookies(header: string | null): Map<string, string> {
  const cookies = new Map<string, string>();
  if (header === null) return cookies;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index <= 0) continue;
    const name = part.slice(0, index).trim();
    if (name === '' || cookies.has(name)) continue;
    let value = part.slice(index + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      cookies.set(name, decodeURIComponent(value));
    } catch {
      cookies.set(name, value);
    }
  }
  return cookies;
}

export interface CookieOptions {
  maxAge: number;
  path?: string;
  secure: boolean;
  sameSite: 'None' | 'Lax' | 'Strict';
  partitioned?: boolean;
  httpOnly?: boolean;
}

/** Serializes one Set-Cookie value. */
export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, `Path=${options.path ?? '/'}`, `Max-Age=${options.maxAge}`];
  if (options.httpOnly !== false) parts.push('HttpOnly');
  if (options.secure) parts.push('Secure');
  parts.push(`SameSite=${options.sameSite}`);
  if (options.partitioned && options.secure) parts.push('Partitioned');
  return parts.join('; ');
}

/** The request path relative to a mount point (`basePath`), or undefined when outside it. */
export function relativePath(request: Request, basePath: string): string | undefined {
  const path = new URL(request.url).pathname;
  const base = basePath.replace(/\/+$/, '');
  if (base === '') return path;
  if (path === base) return '/';
  if (!path.startsWith(`${base}/`)) return undefined;
  return path.slice(base.length);
}
