/**
 * Signing and verifying whole OAuth 1.0a requests for LTI 1.0/1.1: the launch form a platform posts
 * (L11-001) and the Basic Outcomes calls a tool makes (BO-001..003). Verification is a sequence of
 * named checks, each with its own code (OA-004..OA-006); the nonce is spent only once the
 * signature is proven, so nobody can burn another sender's nonces.
 *
 * @example
 * ```ts
 * const oauth = await signOAuth1Request({ method: 'POST', url: launchUrl, parameters: fields,
 *   consumerKey: 'ck-123', consumerSecret: 's3cr3t' });
 * // post [...fields, ...oauth] as the form
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc5849
 */
import { LtiError } from '../errors.js';
import type { Clock } from './clock.js';
import { type OAuthParameter, type OAuthSignatureMethod, oauth1Signature, oauthBodyHash } from './oauth1_signature.js';
import { randomToken } from './random.js';
import { timingSafeEqualStrings } from './timing_safe_equal.js';
import type { SingleUseStore } from '../stores/types.js';

/**
 * What {@link signOAuth1Request} signs. `timestamp` and `nonce` are generated when absent.
 *
 * @example
 * ```ts
 * const input: SignOAuth1RequestInput = { method: 'POST', url: 'https://tool.example.com/lti/launch',
 *   parameters: [['lti_message_type', 'basic-lti-launch-request']], consumerKey: 'ck-123', consumerSecret: 's3cr3t' };
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc5849#section-3.1
 */
export interface SignOAuth1RequestInput {
  method: string;
  url: string | URL;
  /** The request's own parameters (form fields); not the `oauth_*` ones, which are added. */
  parameters: Iterable<OAuthParameter>;
  consumerKey: string;
  consumerSecret: string;
  /** Default HMAC-SHA1 (OA-001). */
  signatureMethod?: OAuthSignatureMethod;
  /** Seconds since the epoch; default now. */
  timestamp?: number;
  /** Default 32 random bytes, base64url. */
  nonce?: string;
  /** `oauth_callback`; launches send `about:blank`. Omitted when absent. */
  callback?: string;
  /** The raw body, for `oauth_body_hash` (BO-002). */
  body?: string | Uint8Array;
}

/**
 * Signs a request: returns the `oauth_*` parameters to send with it (in the form, or in the
 * `Authorization` header through `formatOAuthAuthorizationHeader`), `oauth_signature` last.
 *
 * @example
 * ```ts
 * const oauth = await signOAuth1Request({ method: 'POST', url, parameters: [], consumerKey, consumerSecret, body: xml });
 * headers.set('authorization', formatOAuthAuthorizationHeader(oauth));
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc5849#section-3.1 (OA-001..OA-003, BO-002)
 */
export async function signOAuth1Request(input: SignOAuth1RequestInput): Promise<OAuthParameter[]> {
  const signatureMethod = input.signatureMethod ?? 'HMAC-SHA1';
  const oauth: OAuthParameter[] = [
    ['oauth_version', '1.0'],
    ['oauth_nonce', input.nonce ?? randomToken(24)],
    ['oauth_timestamp', String(input.timestamp ?? Math.floor(Date.now() / 1000))],
    ['oauth_consumer_key', input.consumerKey],
    ['oauth_signature_method', signatureMethod],
  ];
  if (input.callback !== undefined) oauth.push(['oauth_callback', input.callback]);
  if (input.body !== undefined) oauth.push(['oauth_body_hash', await oauthBodyHash(input.body, signatureMethod)]);
  const signature = await oauth1Signature({
    method: input.method,
    url: input.url,
    parameters: [...input.parameters, ...oauth],
    consumerSecret: input.consumerSecret,
    signatureMethod,
  });
  oauth.push(['oauth_signature', signature]);
  return oauth;
}

/**
 * What {@link verifyOAuth1Request} checks: the request as received and how to find the secret.
 *
 * @example
 * ```ts
 * const input: VerifyOAuth1RequestInput = { method: 'POST', url: 'https://tool.example.com/lti/launch', parameters: [...form],
 *   secretFor: async (key) => (await stores.lti11.getCredential(key))?.secret, singleUse: stores.singleUse, clock };
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc5849#section-3.2
 */
export interface VerifyOAuth1RequestInput {
  method: string;
  /** The URL the sender signed: the public URL, not the one behind a proxy (OA-004). */
  url: string | URL;
  /** Every body and header parameter as received, `oauth_signature` included. */
  parameters: readonly OAuthParameter[];
  /** The shared secret of a consumer key; `undefined` when the key is unknown (OA-006). */
  secretFor: (consumerKey: string) => Promise<string | undefined>;
  singleUse: SingleUseStore;
  clock: Clock;
  /** How far `oauth_timestamp` may be from now, seconds (OA-005). Default 300. */
  timestampWindowSeconds?: number;
  /** Accepted signature methods. Default HMAC-SHA1 only (OA-001). */
  signatureMethods?: readonly OAuthSignatureMethod[];
  /** The raw body when the request must carry `oauth_body_hash` (BO-002, BO-003). */
  body?: string | Uint8Array;
}

/**
 * A request {@link verifyOAuth1Request} accepted.
 *
 * @example
 * ```ts
 * const { consumerKey } = await verifyOAuth1Request(input);
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc5849#section-3.2
 */
export interface VerifiedOAuth1Request {
  consumerKey: string;
  signatureMethod: OAuthSignatureMethod;
  timestamp: number;
  nonce: string;
}

const REQUIRED = ['oauth_consumer_key', 'oauth_signature_method', 'oauth_timestamp', 'oauth_nonce', 'oauth_signature'] as const;

/**
 * Verifies an OAuth 1.0a signed request, check by check: the `oauth_*` parameters present and not
 * repeated, `oauth_version` 1.0, a supported signature method, a known consumer key (OA-006), a
 * timestamp within the window (OA-005), the body hash when a body is given (BO-003), the signature
 * compared in constant time (OA-004), then the nonce spent once per consumer key (OA-005).
 * Throws `ERR_LTI11_*` codes.
 *
 * @example
 * ```ts
 * const verified = await verifyOAuth1Request({ method: 'POST', url, parameters: [...form], secretFor, singleUse, clock });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc5849#section-3.2 (OA-004, OA-005, OA-006, BO-003)
 */
export async function verifyOAuth1Request(input: VerifyOAuth1RequestInput): Promise<VerifiedOAuth1Request> {
  const oauth = checkOAuthParameters(input.parameters);
  const signatureMethod = checkSignatureMethod(oauth.get('oauth_signature_method')!, input.signatureMethods ?? ['HMAC-SHA1']);
  const consumerKey = oauth.get('oauth_consumer_key')!;
  const secret = await input.secretFor(consumerKey);
  if (secret === undefined) throw new LtiError('ERR_LTI11_CONSUMER_KEY_UNKNOWN', { detail: { consumerKey } });
  const window = input.timestampWindowSeconds ?? 300;
  const timestamp = checkTimestamp(oauth.get('oauth_timestamp')!, input.clock.now(), window);
  if (input.body !== undefined) await checkBodyHash(oauth.get('oauth_body_hash'), input.body, signatureMethod);
  const expected = await oauth1Signature({ method: input.method, url: input.url, parameters: input.parameters, consumerSecret: secret, signatureMethod });
  if (!timingSafeEqualStrings(expected, oauth.get('oauth_signature')!)) throw new LtiError('ERR_LTI11_SIGNATURE_INVALID');
  const nonce = oauth.get('oauth_nonce')!;
  // Kept as long as its timestamp would still be accepted; the consumer key scopes it (OA-005).
  const firstUse = await input.singleUse.remember('lti11_oauth_nonce', `${consumerKey}\n${nonce}`, Math.max(timestamp, input.clock.now()) + window);
  if (!firstUse) throw new LtiError('ERR_LTI11_NONCE_REPLAYED');
  return { consumerKey, signatureMethod, timestamp, nonce };
}

function checkOAuthParameters(parameters: readonly OAuthParameter[]): Map<string, string> {
  const oauth = new Map<string, string>();
  for (const [name, value] of parameters) {
    if (!name.startsWith('oauth_')) continue;
    if (oauth.has(name)) throw new LtiError('ERR_LTI11_OAUTH_PARAMETER_REPEATED', { message: `The OAuth parameter \`${name}\` appears more than once.`, detail: { parameter: name } });
    oauth.set(name, value);
  }
  for (const name of REQUIRED) {
    if (!oauth.get(name)) throw new LtiError('ERR_LTI11_OAUTH_PARAMETER_MISSING', { message: `The OAuth parameter \`${name}\` is missing or empty.`, detail: { parameter: name } });
  }
  const version = oauth.get('oauth_version');
  if (version !== undefined && version !== '1.0') throw new LtiError('ERR_LTI11_OAUTH_VERSION_UNSUPPORTED', { detail: { oauth_version: version } });
  return oauth;
}

function checkSignatureMethod(value: string, accepted: readonly OAuthSignatureMethod[]): OAuthSignatureMethod {
  const method = accepted.find((candidate) => candidate === value);
  if (method === undefined) throw new LtiError('ERR_LTI11_SIGNATURE_METHOD_UNSUPPORTED', { detail: { oauth_signature_method: value, accepted: [...accepted] } });
  return method;
}

function checkTimestamp(value: string, now: number, window: number): number {
  const timestamp = /^\d{1,12}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(timestamp) || Math.abs(now - timestamp) > window) {
    throw new LtiError('ERR_LTI11_TIMESTAMP_OUT_OF_WINDOW', { detail: { oauth_timestamp: value, now, windowSeconds: window } });
  }
  return timestamp;
}

async function checkBodyHash(received: string | undefined, body: string | Uint8Array, signatureMethod: OAuthSignatureMethod): Promise<void> {
  if (received === undefined || received === '') throw new LtiError('ERR_LTI11_BODY_HASH_MISSING');
  const expected = await oauthBodyHash(body, signatureMethod);
  if (!timingSafeEqualStrings(expected, received)) throw new LtiError('ERR_LTI11_BODY_HASH_MISMATCH');
}
