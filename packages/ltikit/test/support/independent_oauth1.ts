// An OAuth 1.0a HMAC-SHA1 signer written apart from ltikit, on node:crypto (RFC 5849 §3.4), so the
// tests that check ltikit's signatures never check them with ltikit itself. The hub's test tool and
// the conformance validator both sign with it; test/lib/independent_oauth1.test.ts holds it to the
// spec's vector B.
import { createHash, createHmac } from 'node:crypto';

export type OAuthPair = readonly [name: string, value: string];

/** RFC 3986 percent-encoding (RFC 5849 §3.6): only `A-Z a-z 0-9 - . _ ~` left as they are. */
export function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The HMAC-SHA1 signature of a request (OA-002, OA-003): `url`'s query and fragment are not read —
 * pass the query's parameters in `parameters`; `oauth_signature` is left out.
 */
export function independentSignature(method: string, url: string, parameters: readonly OAuthPair[], secret: string): string {
  const normalized = parameters
    .filter(([name]) => name !== 'oauth_signature')
    .map(([name, value]) => [rfc3986(name), rfc3986(value)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const parsed = new URL(url);
  const base = `${method.toUpperCase()}&${rfc3986(`${parsed.protocol}//${parsed.host}${parsed.pathname}`)}&${rfc3986(normalized)}`;
  return createHmac('sha1', `${rfc3986(secret)}&`).update(base).digest('base64');
}

/** `oauth_body_hash` (BO-002): Base64(SHA-1(the body's UTF-8 bytes)). */
export function independentBodyHash(body: string): string {
  return createHash('sha1').update(body).digest('base64');
}
