// A platform signing key for unit tests of the tool side: signs id_tokens in memory (no JWKS server).
import { CompactSign, SignJWT, importJWK, type JWK, type JWTPayload } from 'jose';
import type { SigningAlgorithm } from '../../src/keys/algorithms.js';
import { generateSigningKey } from '../../src/keys/generate_signing_key.js';
import type { StoredSigningKey } from '../../src/stores/types.js';

export interface TestPlatformKey {
  kid: string;
  alg: SigningAlgorithm;
  /** The public JWK (with `kid`, `alg`, `use`), for a registration's `publicJwk` or a JWKS. */
  publicJwk: JWK;
  /** Signs `payload`; `header` overrides or removes (with `undefined`) protected header members. */
  sign(payload: JWTPayload, header?: Record<string, unknown>): Promise<string>;
  /** Signs an arbitrary payload text (not necessarily a JSON object) as a compact JWS. */
  signText(payload: string): Promise<string>;
}

export async function createPlatformKey(options: { alg?: SigningAlgorithm; kid?: string } = {}): Promise<TestPlatformKey> {
  const alg = options.alg ?? 'ES256';
  return testKeyOf(await generateSigningKey({ alg, now: 0, ...(options.kid === undefined ? {} : { kid: options.kid }) }));
}

/** A generated key pair (a tool's stored key, say) as a {@link TestPlatformKey} that signs with its private half. */
export async function testKeyOf(stored: StoredSigningKey): Promise<TestPlatformKey> {
  const alg = stored.alg as SigningAlgorithm;
  const privateKey = await importJWK(stored.privateJwk, alg);
  return {
    kid: stored.kid,
    alg,
    publicJwk: stored.publicJwk,
    sign: (payload, header = {}) =>
      new SignJWT(payload).setProtectedHeader({ alg, kid: stored.kid, typ: 'JWT', ...header } as { alg: string }).sign(privateKey),
    signText: (payload) => new CompactSign(new TextEncoder().encode(payload)).setProtectedHeader({ alg, kid: stored.kid }).sign(privateKey),
  };
}

/** A compact JWS with arbitrary header and payload and a fake signature, for malformed-token cases. */
export function unsignedToken(header: unknown, payload: unknown, signature = 'c2ln'): string {
  const encode = (value: unknown): string => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
  return `${encode(header)}.${encode(payload)}.${signature}`;
}
