/**
 * The JWS algorithms LTI allows and which keys fit them. Only asymmetric algorithms from the
 * Security Framework list exist here, so `none` and `HS*` cannot even be named (SEC-002, SEC-003).
 *
 * @example
 * ```ts
 * if (!isApprovedAlgorithm(header.alg)) throw new LtiError('ERR_LTI_JWT_ALG_NOT_ALLOWED');
 * ```
 */

/**
 * A signing algorithm approved by the 1EdTech Security Framework 1.1 (SEC-001, SEC-002).
 *
 * @example
 * ```ts
 * const alg: SigningAlgorithm = 'RS256';
 * ```
 * @see SEC-002 in shared/spec/core-security.md
 */
export type SigningAlgorithm = 'RS256' | 'RS384' | 'RS512' | 'ES256' | 'ES384' | 'ES512';

/**
 * Every approved algorithm; RS256 first, as every LTI party must support it (SEC-001).
 *
 * @example
 * ```ts
 * const metadata = { id_token_signing_alg_values_supported: [...APPROVED_ALGORITHMS] };
 * ```
 * @see SEC-001, SEC-002 in shared/spec/core-security.md
 */
export const APPROVED_ALGORITHMS: readonly SigningAlgorithm[] = Object.freeze(['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512'] as const);

/**
 * True when `alg` is one of {@link APPROVED_ALGORITHMS}; false for `none`, `HS256`, non-strings …
 *
 * @example
 * ```ts
 * isApprovedAlgorithm('ES256'); // true
 * isApprovedAlgorithm('HS256'); // false
 * ```
 * @see SEC-002, SEC-003 in shared/spec/core-security.md
 */
export function isApprovedAlgorithm(alg: unknown): alg is SigningAlgorithm {
  return typeof alg === 'string' && (APPROVED_ALGORITHMS as readonly string[]).includes(alg);
}

const CURVE_OF: Record<'ES256' | 'ES384' | 'ES512', string> = { ES256: 'P-256', ES384: 'P-384', ES512: 'P-521' };

/**
 * True when a key of this type fits `alg`: RS* needs `kty: "RSA"`; ES256, ES384 and ES512 need
 * `kty: "EC"` on P-256, P-384 and P-521 respectively. Checks the key type only, not a JWK `alg`
 * member.
 *
 * @example
 * ```ts
 * keyTypeFits('RS256', { kty: 'RSA' }); // true
 * keyTypeFits('ES384', { kty: 'EC', crv: 'P-256' }); // false
 * ```
 * @see SEC-003 in shared/spec/core-security.md
 */
export function keyTypeFits(alg: SigningAlgorithm, jwk: { kty?: string; crv?: string }): boolean {
  switch (alg) {
    case 'RS256':
    case 'RS384':
    case 'RS512':
      return jwk.kty === 'RSA';
    case 'ES256':
    case 'ES384':
    case 'ES512':
      return jwk.kty === 'EC' && jwk.crv === CURVE_OF[alg];
    default:
      return false;
  }
}

/**
 * The algorithm a key implies when its JWK has no `alg`: EC by its curve, RSA as RS256 (the one
 * every party supports, SEC-001); `undefined` for any other key type.
 *
 * @example
 * ```ts
 * defaultAlgorithmFor({ kty: 'EC', crv: 'P-384' }); // 'ES384'
 * ```
 * @see SEC-001, SEC-003 in shared/spec/core-security.md
 */
export function defaultAlgorithmFor(jwk: { kty?: string; crv?: string }): SigningAlgorithm | undefined {
  if (jwk.kty === 'RSA') return 'RS256';
  if (jwk.kty === 'EC') {
    for (const [alg, crv] of Object.entries(CURVE_OF)) if (crv === jwk.crv) return alg as SigningAlgorithm;
  }
  return undefined;
}
