/**
 * The `lti1p1` claim of LTI 1.1 → 1.3 migration (lti11.md §5.1): its wire type, the signature that
 * proves the platform holds the 1.1 shared secret (MIG-001), its constant-time check (MIG-004), and
 * the pure reader of the claim. Both sides use these: the platform signs, the tool verifies.
 *
 * @example
 * ```ts
 * import { signLti1p1, verifyLti1p1Signature } from 'ltikit/messages';
 * const sign = await signLti1p1({ consumerKey: '179248902', deploymentId: '689302', issuer: 'https://lmsvendor.com',
 *   clientId: 'PM48OJSfGDTAzAo', exp: 1551290856, nonce: '172we8671fd8z' }, 'my-lti11-secret');
 * // 'lWd54kFo5qU7xshAna6v8BwoBm6tmUjc6GTax6+12ps='
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/migr#lti-1-1-migration-claim
 */
import { LtiError } from '../errors.js';
import { timingSafeEqualStrings } from '../lib/timing_safe_equal.js';
import { LTI_CLAIM } from '../vocab/claims.js';

/**
 * `https://purl.imsglobal.org/spec/lti/claim/lti1p1` as sent (lti11.md §5.1). `oauth_consumer_key`
 * and `oauth_consumer_key_sign` travel together (MIG-001); the legacy ids only when they differ from
 * their 1.3 counterparts (`sub`, `context.id`, `resource_link.id`) (MIG-003).
 *
 * @example
 * ```ts
 * const claim: Lti1p1Claim = { user_id: '34212', oauth_consumer_key: '179248902',
 *   oauth_consumer_key_sign: 'lWd54kFo5qU7xshAna6v8BwoBm6tmUjc6GTax6+12ps=' };
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/migr#lti-1-1-migration-claim (MIG-001, MIG-003)
 */
export interface Lti1p1Claim {
  /** The LTI 1.1 `user_id`, when it differs from `sub`. */
  user_id?: string;
  /** The 1.1 consumer key this tool was launched with before. */
  oauth_consumer_key?: string;
  /** Base64 HMAC-SHA256 proving the platform knows that key's secret (MIG-001). */
  oauth_consumer_key_sign?: string;
  /** The 1.1 `resource_link_id`, when it differs from `resource_link.id`. */
  resource_link_id?: string;
  /** The 1.1 `context_id`, when it differs from `context.id`. */
  context_id?: string;
}

/**
 * What `oauth_consumer_key_sign` is computed over, all taken from the same id_token (MIG-001):
 * `clientId` is its `aud` (the tool's client id), `exp` its expiry in seconds.
 *
 * @example
 * ```ts
 * const input: Lti1p1SignatureInput = { consumerKey: '179248902', deploymentId: '689302', issuer: 'https://lmsvendor.com',
 *   clientId: 'PM48OJSfGDTAzAo', exp: 1551290856, nonce: '172we8671fd8z' };
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/migr#lti-1-1-migration-claim (MIG-001)
 */
export interface Lti1p1SignatureInput {
  consumerKey: string;
  deploymentId: string;
  issuer: string;
  clientId: string;
  exp: number;
  nonce: string;
}

/**
 * The message HMAC-SHA256 signs (MIG-001): `oauth_consumer_key&deployment_id&iss&client_id&exp&nonce`,
 * values as they are (no percent-encoding), `exp` as a decimal integer.
 *
 * @example
 * ```ts
 * lti1p1SignatureBaseString(input); // '179248902&689302&https://lmsvendor.com&PM48OJSfGDTAzAo&1551290856&172we8671fd8z'
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/migr#lti-1-1-migration-claim (MIG-001)
 */
export function lti1p1SignatureBaseString(input: Lti1p1SignatureInput): string {
  return [input.consumerKey, input.deploymentId, input.issuer, input.clientId, String(input.exp), input.nonce].join('&');
}

const utf8 = new TextEncoder();

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * Computes `oauth_consumer_key_sign` (MIG-001): Base64 of HMAC-SHA256 with the UTF-8 bytes of the
 * 1.1 shared secret as key, over the UTF-8 bytes of {@link lti1p1SignatureBaseString}. WebCrypto.
 *
 * @example
 * ```ts
 * await signLti1p1({ consumerKey: '179248902', deploymentId: '689302', issuer: 'https://lmsvendor.com',
 *   clientId: 'PM48OJSfGDTAzAo', exp: 1551290856, nonce: '172we8671fd8z' }, 'my-lti11-secret');
 * // 'lWd54kFo5qU7xshAna6v8BwoBm6tmUjc6GTax6+12ps='
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/migr#lti-1-1-migration-claim (MIG-001)
 */
export async function signLti1p1(input: Lti1p1SignatureInput, secret: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', utf8.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = await crypto.subtle.sign('HMAC', key, utf8.encode(lti1p1SignatureBaseString(input)));
  return base64(new Uint8Array(mac));
}

/**
 * Recomputes the signature with `secret` and compares it with `signature` in constant time (MIG-004).
 * True only on an exact match.
 *
 * @example
 * ```ts
 * if (!(await verifyLti1p1Signature(input, credential.secret, claim.oauth_consumer_key_sign))) refuseMigration();
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/migr#lti-1-1-migration-claim (MIG-004)
 */
export async function verifyLti1p1Signature(input: Lti1p1SignatureInput, secret: string, signature: string): Promise<boolean> {
  return timingSafeEqualStrings(await signLti1p1(input, secret), signature);
}

const MEMBERS = ['user_id', 'oauth_consumer_key', 'oauth_consumer_key_sign', 'resource_link_id', 'context_id'] as const;

/**
 * Reads the `lti1p1` claim of an id_token payload: `undefined` when absent, its known members when
 * it is an object whose known members are strings (unknown members are ignored, VAL-020). Throws
 * `ERR_LTI_LTI1P1_CLAIM_INVALID` otherwise. Whether the claim proves anything is
 * {@link verifyLti1p1Signature}'s question.
 *
 * @example
 * ```ts
 * const claim = readLti1p1Claim(payload); // { user_id: '34212', oauth_consumer_key: '179248902', oauth_consumer_key_sign: '…' }
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/migr#lti-1-1-migration-claim (MIG-004)
 */
export function readLti1p1Claim(payload: Record<string, unknown>): Lti1p1Claim | undefined {
  const value = payload[LTI_CLAIM.lti1p1];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw new LtiError('ERR_LTI_LTI1P1_CLAIM_INVALID');
  const claim: Lti1p1Claim = {};
  for (const member of MEMBERS) {
    const memberValue = (value as Record<string, unknown>)[member];
    if (memberValue === undefined || memberValue === null) continue;
    if (typeof memberValue !== 'string') throw new LtiError('ERR_LTI_LTI1P1_CLAIM_INVALID', { detail: { member } });
    claim[member] = memberValue;
  }
  return claim;
}
