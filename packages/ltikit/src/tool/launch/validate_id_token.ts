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
import { decodeProtectedHeader, errors as joseErrors, jwtVerify, type JWTPayload, type ProtectedHeaderParameters } from 'jose';
import { LtiError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import { isApprovedAlgorithm } from '../../keys/algorithms.js';
import { keyFromStaticJwk, type RemoteJwksCache } from '../../keys/remote_jwks.js';
import type { PlatformRegistration } from '../../stores/types.js';

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
 * VAL-001: three dot-separated parts, a JSON header.
 *
 * @example
 * ```ts
 * const header = checkJwtWellFormed(idToken); // { alg: 'RS256', kid: 'lms-2026-01', typ: 'JWT' }
 * ```
 */
export function checkJwtWellFormed(token: string): ProtectedHeaderParameters {
  // Counted, not split: splitting would copy the whole token on every launch.
  let dots = 0;
  for (let index = token.indexOf('.'); index !== -1; index = token.indexOf('.', index + 1)) dots++;
  if (dots !== 2) throw new LtiError('ERR_LTI_JWT_MALFORMED', { detail: { reason: 'not three parts' } });
  try {
    return decodeProtectedHeader(token);
  } catch (cause) {
    throw new LtiError('ERR_LTI_JWT_MALFORMED', { cause, detail: { reason: 'header is not JSON' } });
  }
}

/**
 * VAL-003, SEC-002, SEC-003: an approved asymmetric `alg`.
 *
 * @example
 * ```ts
 * checkAlgorithmApproved({ alg: 'HS256' }); // throws ERR_LTI_JWT_ALG_NOT_ALLOWED
 * ```
 */
export function checkAlgorithmApproved(header: ProtectedHeaderParameters): string {
  const { alg } = header;
  if (typeof alg !== 'string' || !isApprovedAlgorithm(alg)) {
    throw new LtiError('ERR_LTI_JWT_ALG_NOT_ALLOWED', { detail: { alg: alg ?? null } });
  }
  return alg;
}

/**
 * SEC-004: a `kid` in the header.
 *
 * @example
 * ```ts
 * const kid = checkKidPresent(header); // throws ERR_LTI_JWT_KID_MISSING
 * ```
 */
export function checkKidPresent(header: ProtectedHeaderParameters): string {
  if (typeof header.kid !== 'string' || header.kid === '') throw new LtiError('ERR_LTI_JWT_KID_MISSING');
  return header.kid;
}

/**
 * VAL-005: the signature, with the key the `kid` names in the platform's key set (SEC-006, SEC-007).
 *
 * @example
 * ```ts
 * const payload = await checkSignature(idToken, header, context); // an unknown kid refetches the JWKS once
 * ```
 */
export async function checkSignature(
  token: string,
  header: ProtectedHeaderParameters,
  context: IdTokenValidationContext,
): Promise<JWTPayload> {
  const { registration } = context;
  const headerFields = { kid: header.kid, alg: header.alg };
  let key: CryptoKey;
  if (registration.jwksUri !== undefined) key = await context.jwksCache.getKey(registration.jwksUri, headerFields);
  else if (registration.publicJwk !== undefined) key = await keyFromStaticJwk(registration.publicJwk, headerFields);
  else throw new LtiError('ERR_LTI_PLATFORM_CONFIG_INVALID', { message: 'The platform registration has neither a JWKS URL nor a public key.' });
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: [header.alg as string],
      currentDate: new Date(context.clock.now() * 1000),
      clockTolerance: context.clockToleranceSeconds,
    });
    return payload;
  } catch (cause) {
    throw mapJoseError(cause);
  }
}

function mapJoseError(cause: unknown): LtiError {
  if (cause instanceof joseErrors.JWSSignatureVerificationFailed) return new LtiError('ERR_LTI_JWT_SIGNATURE_INVALID', { cause });
  if (cause instanceof joseErrors.JWTExpired) return new LtiError('ERR_LTI_TOKEN_EXPIRED', { cause });
  if (cause instanceof joseErrors.JWTClaimValidationFailed) {
    return new LtiError('ERR_LTI_CLAIM_INVALID', { cause, message: `The JWT claim \`${cause.claim}\` is invalid (${cause.reason}).`, detail: { claim: cause.claim } });
  }
  if (cause instanceof joseErrors.JOSENotSupported) {
    return new LtiError('ERR_LTI_JWT_MALFORMED', { cause, detail: { reason: 'unsupported JOSE header parameter (crit)' } });
  }
  if (cause instanceof joseErrors.JOSEAlgNotAllowed) return new LtiError('ERR_LTI_JWT_ALG_NOT_ALLOWED', { cause });
  if (cause instanceof joseErrors.JWSInvalid || cause instanceof joseErrors.JWTInvalid) return new LtiError('ERR_LTI_JWT_MALFORMED', { cause });
  if (cause instanceof LtiError) return cause;
  if (cause instanceof TypeError) return new LtiError('ERR_LTI_JWT_ALG_KEY_MISMATCH', { cause });
  return new LtiError('ERR_LTI_JWT_SIGNATURE_INVALID', { cause });
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
  const payload = await checkSignature(token, header, context);
  checkIssuer(payload, context.registration);
  checkAudience(payload, context.registration, context.trustedAudiences);
  checkTimestamps(payload, context);
  checkNoncePresent(payload);
  return payload;
}
