/**
 * OAuth 1.0a message signatures (RFC 5849) as LTI 1.0/1.1 uses them: HMAC-SHA1 (and HMAC-SHA256
 * when both sides agree), no token, the body hash extension for Basic Outcomes. The HMAC and the
 * digests are WebCrypto's; this module only builds the strings they sign (OA-001..OA-003, BO-002).
 *
 * @example
 * ```ts
 * const signature = await oauth1Signature({ method: 'POST', url: 'https://tool.example.com/lti/launch',
 *   parameters: [['lti_message_type', 'basic-lti-launch-request'], ['oauth_consumer_key', 'ck-123'], …],
 *   consumerSecret: 's3cr3t' });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc5849#section-3.4
 */
import { LtiError } from '../errors.js';

/**
 * One request parameter as a name/value pair. Names may repeat (OA-002: "duplicated names are
 * kept"), so parameters are a list, never an object.
 *
 * @example
 * ```ts
 * const parameters: OAuthParameter[] = [['roles', 'Instructor'], ['custom_chapter', '3 & 4']];
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc5849#section-3.4.1.3
 */
export type OAuthParameter = readonly [name: string, value: string];

/**
 * The signature methods ltikit signs and verifies (OA-001): HMAC-SHA1 is LTI 1.1's; HMAC-SHA256
 * only where both sides agreed to it.
 *
 * @example
 * ```ts
 * const method: OAuthSignatureMethod = 'HMAC-SHA1';
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc5849#section-3.4.2
 */
export type OAuthSignatureMethod = 'HMAC-SHA1' | 'HMAC-SHA256';

const HASH_OF: Record<OAuthSignatureMethod, 'SHA-1' | 'SHA-256'> = { 'HMAC-SHA1': 'SHA-1', 'HMAC-SHA256': 'SHA-256' };

/**
 * RFC 3986 percent-encoding as OAuth 1.0a requires (OA-002): every byte of the UTF-8 form is encoded
 * except `A–Z a–z 0–9 - . _ ~`; a space is `%20`, never `+`; hex is upper case.
 *
 * @example
 * ```ts
 * percentEncode('3 & 4'); // '3%20%26%204'
 * percentEncode('é'); // '%C3%A9'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc5849#section-3.6
 */
export function percentEncode(value: string): string {
  // encodeURIComponent leaves ! ' ( ) * unescaped; RFC 3986 unreserved does not include them.
  // A lone surrogate cannot be UTF-8 encoded: encodeURIComponent throws URIError, reported as bad input.
  try {
    return encodeURIComponent(value).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  } catch (cause) {
    throw new LtiError('ERR_LTI_REQUEST_MALFORMED', { message: 'A parameter is not valid Unicode text.', cause });
  }
}

/**
 * The base string URI (OA-002, RFC 5849 §3.4.1.2): scheme and host lower-cased, the default port
 * (80 for http, 443 for https) removed, the path kept, no query and no fragment.
 *
 * @example
 * ```ts
 * baseStringUri('HTTPS://Tool.Example.com:443/lti/launch?x=1#top'); // 'https://tool.example.com/lti/launch'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc5849#section-3.4.1.2
 */
export function baseStringUri(url: string | URL): string {
  const parsed = new URL(url);
  // URL already lower-cases scheme and host and drops the scheme's default port.
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
}

/**
 * The normalised parameter string (OA-002, RFC 5849 §3.4.1.3.2): each name and value encoded, sorted
 * by encoded name then encoded value (byte order), joined as `name=value` with `&`. `oauth_signature`
 * is left out. (`realm` is left out only when it comes from the `Authorization` header, which
 * {@link parseOAuthAuthorizationHeader} already drops; a form or query parameter named `realm` is
 * signed like any other, RFC 5849 §3.4.1.3.1.)
 *
 * @example
 * ```ts
 * normalizeParameters([['b', '2'], ['a', 'x y'], ['a', '1']]); // 'a=1&a=x%20y&b=2'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc5849#section-3.4.1.3.2
 */
export function normalizeParameters(parameters: Iterable<OAuthParameter>): string {
  const encoded: Array<[string, string]> = [];
  for (const [name, value] of parameters) {
    if (name === 'oauth_signature') continue;
    encoded.push([percentEncode(name), percentEncode(value)]);
  }
  // Encoded strings are ASCII, so comparing UTF-16 code units is comparing bytes.
  encoded.sort(([nameA, valueA], [nameB, valueB]) => (nameA < nameB ? -1 : nameA > nameB ? 1 : valueA < valueB ? -1 : valueA > valueB ? 1 : 0));
  return encoded.map(([name, value]) => `${name}=${value}`).join('&');
}

/**
 * The signature base string (OA-002, RFC 5849 §3.4.1): upper-case method, the encoded base string
 * URI and the encoded normalised parameters, joined with `&`. `parameters` are every form body
 * parameter, every query parameter of `url` is added here, and the `Authorization` header's OAuth
 * parameters when they came that way.
 *
 * @example
 * ```ts
 * signatureBaseString('POST', 'https://tool.example.com/lti/launch', [['user_id', 'u-7']]);
 * // 'POST&https%3A%2F%2Ftool.example.com%2Flti%2Flaunch&user_id%3Du-7'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc5849#section-3.4.1
 */
export function signatureBaseString(method: string, url: string | URL, parameters: Iterable<OAuthParameter>): string {
  const parsed = new URL(url);
  const all: OAuthParameter[] = [...parsed.searchParams, ...parameters];
  return `${method.toUpperCase()}&${percentEncode(baseStringUri(parsed))}&${percentEncode(normalizeParameters(all))}`;
}

/**
 * What {@link oauth1Signature} signs: the request as sent and the secrets.
 *
 * @example
 * ```ts
 * const input: OAuth1SignatureInput = { method: 'POST', url: 'https://tool.example.com/lti/launch', parameters, consumerSecret: 's3cr3t' };
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc5849#section-3.4
 */
export interface OAuth1SignatureInput {
  method: string;
  /** The URL posted to; its query parameters are signed too, its fragment never. */
  url: string | URL;
  /** Body and header parameters, `oauth_*` included (the header's `realm` left out); `oauth_signature` is ignored. */
  parameters: Iterable<OAuthParameter>;
  consumerSecret: string;
  /** LTI uses no token: the key is `enc(secret)&` (OA-003). */
  tokenSecret?: string;
  /** Default HMAC-SHA1 (OA-001). */
  signatureMethod?: OAuthSignatureMethod;
}

/**
 * The Base64 `oauth_signature` of a request (OA-003): HMAC over the signature base string with the
 * key `enc(consumer secret)&enc(token secret)`, computed by WebCrypto.
 *
 * @example
 * ```ts
 * await oauth1Signature({ method: 'POST', url, parameters, consumerSecret: 's3cr3t' }); // 'Fg7YMRXKfqreVllxNyBlsWPmydA='
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc5849#section-3.4.2
 */
export async function oauth1Signature(input: OAuth1SignatureInput): Promise<string> {
  const method = input.signatureMethod ?? 'HMAC-SHA1';
  const key = `${percentEncode(input.consumerSecret)}&${percentEncode(input.tokenSecret ?? '')}`;
  const base = signatureBaseString(input.method, input.url, input.parameters);
  const encoder = new TextEncoder();
  const cryptoKey = await crypto.subtle.importKey('raw', encoder.encode(key), { name: 'HMAC', hash: HASH_OF[method] }, false, ['sign']);
  return toBase64(new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, encoder.encode(base))));
}

/**
 * `oauth_body_hash` (BO-002): Base64 of the SHA-1 (or SHA-256 with HMAC-SHA256) digest of the raw
 * body bytes. A string is hashed as its UTF-8 bytes.
 *
 * @example
 * ```ts
 * await oauthBodyHash('<?xml version="1.0" encoding="UTF-8"?><x/>'); // 'A3Y0xRwvsBq1gIaQbQRcempWZD0='
 * ```
 * @see https://tools.ietf.org/id/draft-eaton-oauth-bodyhash-00.html
 */
export async function oauthBodyHash(body: string | Uint8Array, signatureMethod: OAuthSignatureMethod = 'HMAC-SHA1'): Promise<string> {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  return toBase64(new Uint8Array(await crypto.subtle.digest(HASH_OF[signatureMethod], bytes as Uint8Array<ArrayBuffer>)));
}

/**
 * The OAuth parameters of an `Authorization: OAuth …` header (RFC 5849 §3.5.1), decoded, `realm`
 * left out. Throws `ERR_LTI11_OAUTH_HEADER_MALFORMED` for anything else than comma-separated
 * `name="value"` pairs of percent-encoded text.
 *
 * @example
 * ```ts
 * parseOAuthAuthorizationHeader('OAuth realm="",oauth_consumer_key="ck-123",oauth_nonce="n%201"');
 * // [['oauth_consumer_key', 'ck-123'], ['oauth_nonce', 'n 1']]
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc5849#section-3.5.1
 */
export function parseOAuthAuthorizationHeader(header: string): OAuthParameter[] {
  const match = /^\s*OAuth\s+(.*)$/is.exec(header);
  if (match === null) throw new LtiError('ERR_LTI11_OAUTH_HEADER_MALFORMED', { message: 'The Authorization header does not use the OAuth scheme.' });
  const parameters: OAuthParameter[] = [];
  const pair = /\s*([A-Za-z0-9_.~%-]+)\s*=\s*"([^"]*)"\s*(,|$)/y;
  const rest = match[1]!;
  pair.lastIndex = 0;
  while (pair.lastIndex < rest.length) {
    const start = pair.lastIndex;
    const found = pair.exec(rest);
    if (found === null || found.index !== start) {
      throw new LtiError('ERR_LTI11_OAUTH_HEADER_MALFORMED', { message: 'The OAuth Authorization header is not a list of name="value" pairs.' });
    }
    const name = decodePercent(found[1]!);
    if (name !== 'realm') parameters.push([name, decodePercent(found[2]!)]);
    if (found[3] === '') break;
  }
  return parameters;
}

/**
 * An `Authorization` header value carrying `parameters` (RFC 5849 §3.5.1), each percent-encoded,
 * with an empty `realm` first as LTI Basic Outcomes clients send it.
 *
 * @example
 * ```ts
 * formatOAuthAuthorizationHeader([['oauth_consumer_key', 'ck-123']]); // 'OAuth realm="",oauth_consumer_key="ck-123"'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc5849#section-3.5.1
 */
export function formatOAuthAuthorizationHeader(parameters: Iterable<OAuthParameter>): string {
  const pairs = ['realm=""'];
  for (const [name, value] of parameters) pairs.push(`${percentEncode(name)}="${percentEncode(value)}"`);
  return `OAuth ${pairs.join(',')}`;
}

function decodePercent(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch (cause) {
    throw new LtiError('ERR_LTI11_OAUTH_HEADER_MALFORMED', { message: 'The OAuth Authorization header has a badly percent-encoded value.', cause });
  }
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
