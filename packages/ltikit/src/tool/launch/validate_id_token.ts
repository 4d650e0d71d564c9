/**
 * Verifies an id_token's JOSE layer and OIDC claims against a platform registration (VAL-001..011).
 * Each step is a named check that throws its own {@link LtiError} code.
 *
 * @example
 * ```ts
 * const payload = await validateIdToken(idToken, { registration, keys, clock, clockToleranceSeconds: 60, maxTokenAgeSeconds: 600 });
 * ```
 * @see https://www.imsglobal.org/spec/security/v1p0/#authentication-response-validation
 */
import type { JWTPayload } from 'jose';
import { LtiError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import type { RemoteJwksCache } from '../../keys/remote_jwks.js';
import { checkAlgorithmApproved, checkJwtWellFormed, checkKidPresent, checkSignature } from '../../keys/verify_jws.js';
import type { PlatformRegistration } from '../../stores/types.js';

// The JOSE checks are shared with the platform (client assertions, Deep Linking responses).
export { checkAlgorithmApproved, checkJwtWellFormed, checkKidPresent, checkSignature };

export interface IdTokenValidationContext {
  /** The registration the login started with. */
  registration: PlatformRegistration;
  jwksCache: RemoteJwksCache;
  clock: Clock;
  clockToleranceSeconds: number;
  maxTokenAgeSeconds: number;
  /** Audiences besides the client id that may appear in `aud` (VAL-007). Default none. */
  trustedAudiences?: readonly string[];
}

/**
 * VAL-006: `iss` is exactly the registered issuer.
 *
 * @example
 * ```ts
 * checkIssuer({ iss: 'https://lms.example.edu/' }, registration); // trailing slash: throws ERR_LTI_ISSUER_MISMATCH
 * ```
 */
export function checkIssuer(payload: JWTPayload, registration: PlatformRegistration): void {
  if (payload.iss !== registration.issuer) {
    throw new LtiError('ERR_LTI_ISSUER_MISMATCH', { detail: { expected: registration.issuer, received: payload.iss ?? null } });
  }
}

/**
 * VAL-007, VAL-008: `aud` contains the client id and no audience the tool does not trust; `azp` is
 * required with several audiences and must equal the client id.
 *
 * @example
 * ```ts
 * checkAudience({ aud: ['c-7731', 'c-other'], azp: 'c-7731' }, registration); // throws ERR_LTI_AUDIENCE_UNTRUSTED
 * ```
 */
export function checkAudience(payload: JWTPayload, registration: PlatformRegistration, trustedAudiences: readonly string[] = []): void {
  const audiences = typeof payload.aud === 'string' ? [payload.aud] : Array.isArray(payload.aud) ? payload.aud : [];
  if (!audiences.includes(registration.clientId)) {
    throw new LtiError('ERR_LTI_AUDIENCE_MISMATCH', { detail: { client_id: registration.clientId } });
  }
  const untrusted = audiences.filter((audience) => audience !== registration.clientId && !trustedAudiences.includes(audience));
  if (untrusted.length > 0) throw new LtiError('ERR_LTI_AUDIENCE_UNTRUSTED', { detail: { aud: untrusted } });
  if (audiences.length > 1 && payload.azp === undefined) throw new LtiError('ERR_LTI_AZP_MISSING');
  if (payload.azp !== undefined && payload.azp !== registration.clientId) {
    throw new LtiError('ERR_LTI_AZP_MISMATCH', { detail: { client_id: registration.clientId } });
  }
}

/**
 * VAL-009, VAL-010: numeric `exp` and `iat`; `iat` neither in the future nor too old. (`exp` itself is checked with the signature.)
 *
 * @example
 * ```ts
 * checkTimestamps(payload, { ...context, clock: fixedClock(payload.exp! + 61) }); // throws ERR_LTI_TOKEN_EXPIRED
 * ```
 */
export function checkTimestamps(payload: JWTPayload, context: IdTokenValidationContext): void {
  if (typeof payload.exp !== 'number') throw new LtiError('ERR_LTI_TOKEN_EXP_MISSING');
  if (typeof payload.iat !== 'number') throw new LtiError('ERR_LTI_TOKEN_IAT_MISSING');
  const now = context.clock.now();
  if (payload.exp + context.clockToleranceSeconds <= now) throw new LtiError('ERR_LTI_TOKEN_EXPIRED');
  if (payload.iat - context.clockToleranceSeconds > now) throw new LtiError('ERR_LTI_TOKEN_ISSUED_IN_FUTURE');
  if (now - payload.iat > context.maxTokenAgeSeconds + context.clockToleranceSeconds) throw new LtiError('ERR_LTI_TOKEN_TOO_OLD');
}

/**
 * VAL-011 (first half): a `nonce` claim. Its single use is checked by the caller, which owns the store.
 *
 * @example
 * ```ts
 * const nonce = checkNoncePresent(payload); // then compare with the state's nonce and record it as used
 * ```
 */
export function checkNoncePresent(payload: JWTPayload): string {
  const { nonce } = payload as { nonce?: unknown };
  if (typeof nonce !== 'string' || nonce === '') throw new LtiError('ERR_LTI_NONCE_MISSING');
  return nonce;
}

/**
 * Runs every JOSE and OIDC check of an id_token, cheapest first, and returns its payload
 * (VAL-001, VAL-003, VAL-005..011). LTI claims are validated afterwards by the message validators
 * (`ltikit/messages`).
 *
 * @example
 * ```ts
 * const payload = await validateIdToken(idToken, { registration, jwksCache, clock, clockToleranceSeconds: 60, maxTokenAgeSeconds: 600 });
 * ```
 * @see https://www.imsglobal.org/spec/security/v1p0/#authentication-response-validation
 */
export async function validateIdToken(token: string, context: IdTokenValidationContext): Promise<JWTPayload> {
  const header = checkJwtWellFormed(token);
  checkAlgorithmApproved(header);
  checkKidPresent(header);
  const payload = await checkSignature(token, header, { ...context, keys: context.registration });
  checkIssuer(payload, context.registration);
  checkAudience(payload, context.registration, context.trustedAudiences);
  checkTimestamps(payload, context);
  checkNoncePresent(payload);
  return payload;
}
