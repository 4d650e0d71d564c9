/**
 * Creates the asymmetric key pairs ltikit signs with, or adopts an existing private JWK, in the
 * {@link StoredSigningKey} shape every `KeyStore` holds (SEC-001, SEC-004, SEC-005).
 *
 * @example
 * ```ts
 * const key = await generateSigningKey({ alg: 'RS256', now: clock.now() });
 * await store.saveKey('platform', key);
 * ```
 */
import { CompactSign, compactVerify, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { LtiError } from '../errors.js';
import { systemClock } from '../lib/clock.js';
import { randomId } from '../lib/random.js';
import type { SigningKeyStatus, StoredSigningKey } from '../stores/types.js';
import { defaultAlgorithmFor, isApprovedAlgorithm, keyTypeFits, type SigningAlgorithm } from './algorithms.js';

/**
 * Options of {@link generateSigningKey}.
 *
 * @example
 * ```ts
 * const options: GenerateSigningKeyOptions = { alg: 'ES256', now: clock.now() };
 * ```
 * @see SEC-001, SEC-004 in shared/spec/core-security.md
 */
export interface GenerateSigningKeyOptions {
  /** Default `'RS256'`, which every LTI party supports (SEC-001). */
  alg?: SigningAlgorithm;
  /** Key id published in the JWKS and put in every JWT header (SEC-004); random when absent. */
  kid?: string;
  /** Seconds since the epoch, recorded as `createdAt`. */
  now: number;
}

/**
 * Generates a fresh key pair (RSA 2048 bits, or the EC curve of `alg`) in status `'next'`: publish
 * it first, activate it later by rotation. The private key is extractable so it can be stored.
 * `publicJwk` holds only public members plus `kid`, `alg` and `use: "sig"` (SEC-005).
 *
 * @throws LtiError `ERR_LTI_KEY_UNSUPPORTED_ALG` when `alg` is not approved.
 * @example
 * ```ts
 * const key = await generateSigningKey({ alg: 'ES256', now: Math.floor(Date.now() / 1000) });
 * key.publicJwk; // { kty: 'EC', crv: 'P-256', x, y, kid, alg: 'ES256', use: 'sig' }
 * ```
 * @see SEC-001, SEC-004, SEC-005 in shared/spec/core-security.md
 */
export async function generateSigningKey(options: GenerateSigningKeyOptions): Promise<StoredSigningKey> {
  const alg = options.alg ?? 'RS256';
  if (!isApprovedAlgorithm(alg)) throw new LtiError('ERR_LTI_KEY_UNSUPPORTED_ALG', { detail: { alg } });
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true, modulusLength: 2048 });
  const kid = options.kid ?? randomId();
  const identity = { kid, alg, use: 'sig' };
  return {
    kid,
    alg,
    status: 'next',
    privateJwk: { ...(await exportJWK(privateKey)), ...identity },
    publicJwk: { ...exportPublicJwk(await exportJWK(publicKey)), ...identity },
    createdAt: options.now,
  };
}

/**
 * Options of {@link importSigningKey}.
 *
 * @example
 * ```ts
 * const options: ImportSigningKeyOptions = { kid: 'tool-2024-01', status: 'active' };
 * ```
 * @see SEC-002, SEC-004 in shared/spec/core-security.md
 */
export interface ImportSigningKeyOptions {
  /** The algorithm; else the JWK's `alg`; else RS256 for RSA and the curve's ES* for EC. */
  alg?: SigningAlgorithm;
  /** Else the JWK's `kid`; else random. */
  kid?: string;
  /** Seconds since the epoch for `createdAt`; the system clock when absent. */
  now?: number;
  /** Default `'next'`: publish before signing with it. */
  status?: SigningKeyStatus;
}

/**
 * Turns an existing private JWK (RSA ≥ 2048 bits or EC P-256/384/521) into a
 * {@link StoredSigningKey}: imports it, checks that the key fits the algorithm and that its
 * private and public halves belong together, and exports the public half (SEC-005).
 *
 * @throws LtiError `ERR_LTI_KEY_INVALID` when the JWK is not a usable private key for the
 *   algorithm; `ERR_LTI_KEY_UNSUPPORTED_ALG` when the algorithm is not approved.
 * @example
 * ```ts
 * const key = await importSigningKey(JSON.parse(secretFromVault), { kid: 'tool-2024-01', status: 'active' });
 * await store.saveKey('tool', key);
 * ```
 * @see SEC-001, SEC-002, SEC-003, SEC-005 in shared/spec/core-security.md
 */
export async function importSigningKey(privateJwk: JWK, options: ImportSigningKeyOptions = {}): Promise<StoredSigningKey> {
  if (typeof privateJwk !== 'object' || privateJwk === null || (privateJwk.kty !== 'RSA' && privateJwk.kty !== 'EC') || typeof privateJwk.d !== 'string') {
    throw new LtiError('ERR_LTI_KEY_INVALID', { message: 'A signing key must be an RSA or EC private JWK (with "d").' });
  }
  const alg = options.alg ?? privateJwk.alg ?? defaultAlgorithmFor(privateJwk);
  if (!isApprovedAlgorithm(alg)) throw new LtiError('ERR_LTI_KEY_UNSUPPORTED_ALG', { detail: { alg } });
  if (privateJwk.alg !== undefined && privateJwk.alg !== alg) {
    throw new LtiError('ERR_LTI_KEY_INVALID', { message: 'The JWK "alg" differs from the algorithm asked for.', detail: { alg, jwkAlg: privateJwk.alg } });
  }
  if (!keyTypeFits(alg, privateJwk)) {
    throw new LtiError('ERR_LTI_KEY_INVALID', { message: 'The key type or curve does not fit the algorithm.', detail: { alg, kty: privateJwk.kty } });
  }

  const { kty, crv, x, y, n, e, d, p, q, dp, dq, qi } = privateJwk;
  const keyMembers: JWK = stripUndefined({ kty, crv, x, y, n, e, d, p, q, dp, dq, qi });
  let privateKey: CryptoKey;
  let publicKey: CryptoKey;
  try {
    privateKey = await importJwkAsCryptoKey(keyMembers, alg, { extractable: true });
    publicKey = await importJwkAsCryptoKey(exportPublicJwk(keyMembers), alg);
    // Proves the private half signs what the public half verifies; jose also enforces RSA ≥ 2048 bits here.
    const probe = await new CompactSign(new TextEncoder().encode('ltikit key check')).setProtectedHeader({ alg }).sign(privateKey);
    await compactVerify(probe, publicKey, { algorithms: [alg] });
  } catch (error) {
    throw new LtiError('ERR_LTI_KEY_INVALID', { message: 'The private JWK could not be imported, or its halves do not match.', detail: { alg }, cause: error });
  }

  const kid = options.kid ?? privateJwk.kid ?? randomId();
  const identity = { kid, alg, use: 'sig' };
  return {
    kid,
    alg,
    status: options.status ?? 'next',
    privateJwk: { ...(await exportJWK(privateKey)), ...identity },
    publicJwk: { ...exportPublicJwk(await exportJWK(publicKey)), ...identity },
    createdAt: options.now ?? systemClock.now(),
  };
}

/**
 * The publishable part of an RSA or EC JWK: key type, public members and `kid`/`alg`/`use` when
 * present. Private members (`d`, `p`, `q` …) and anything else are dropped, so a JWKS never leaks
 * a private key (SEC-005).
 *
 * @throws LtiError `ERR_LTI_KEY_INVALID` for key types other than RSA and EC (a symmetric `oct`
 *   key has no public part).
 * @example
 * ```ts
 * const jwks = { keys: storedKeys.map((key) => exportPublicJwk(key.publicJwk)) };
 * ```
 * @see SEC-005 in shared/spec/core-security.md
 */
export function exportPublicJwk(jwk: JWK): JWK {
  if (jwk.kty === 'RSA') return stripUndefined({ kty: 'RSA', n: jwk.n, e: jwk.e, kid: jwk.kid, alg: jwk.alg, use: jwk.use });
  if (jwk.kty === 'EC') return stripUndefined({ kty: 'EC', crv: jwk.crv, x: jwk.x, y: jwk.y, kid: jwk.kid, alg: jwk.alg, use: jwk.use });
  throw new LtiError('ERR_LTI_KEY_INVALID', { message: 'Only RSA and EC keys have a publishable public part.', detail: { kty: jwk.kty } });
}

/**
 * jose's `importJWK` narrowed to asymmetric keys: resolves a `CryptoKey` for `alg`, and rejects
 * (with jose's error) for symmetric `oct` keys, which must never verify an LTI JWT (SEC-003).
 * Internal to `keys/`.
 *
 * @example
 * ```ts
 * const key = await importJwkAsCryptoKey(stored.privateJwk, 'RS256', { extractable: false });
 * ```
 * @see SEC-003 in shared/spec/core-security.md
 */
export async function importJwkAsCryptoKey(jwk: JWK, alg: SigningAlgorithm, options?: { extractable?: boolean }): Promise<CryptoKey> {
  const key = await importJWK(jwk, alg, options);
  if (key instanceof Uint8Array) throw new TypeError('A symmetric key cannot be used for LTI signatures.');
  return key;
}

function stripUndefined(jwk: JWK): JWK {
  const copy: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(jwk)) if (value !== undefined) copy[name] = value;
  return copy as JWK;
}
