/**
 * The JOSE layer of every JWT ltikit receives, on either side: well-formed compact JWS, an approved
 * asymmetric `alg`, a `kid`, and the signature checked with the key the `kid` names in the sender's
 * registered key set. Each step throws its own {@link LtiError} code.
 *
 * @example
 * ```ts
 * const header = checkJwtWellFormed(token);
 * checkAlgorithmApproved(header);
 * checkKidPresent(header);
 * const payload = await checkSignature(token, header, { keys: registration, jwksCache, clock, clockToleranceSeconds: 60 });
 * ```
 * @see https://www.imsglobal.org/spec/security/v1p0/#authentication-response-validation
 */
import { decodeProtectedHeader, errors as joseErrors, type JWK, jwtVerify, type JWTPayload, type ProtectedHeaderParameters } from 'jose';
import { LtiError } from '../errors.js';
import type { Clock } from '../lib/clock.js';
import { isApprovedAlgorithm } from './algorithms.js';
import { keyFromStaticJwk, type RemoteJwksCache } from './remote_jwks.js';

/** Where the sender's public keys are: a JWKS URL (preferred) or one public JWK (SEC-008). */
export interface SenderKeys {
  jwksUri?: string | undefined;
  publicJwk?: JWK | undefined;
}

/** What {@link checkSignature} needs. */
export interface SignatureContext {
  keys: SenderKeys;
  jwksCache: RemoteJwksCache;
  clock: Clock;
  clockToleranceSeconds: number;
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
 * VAL-005: the signature, with the key the `kid` names in the sender's key set (SEC-006, SEC-007):
 * the platform's for an id_token, the tool's for a client assertion or a Deep Linking response.
 *
 * @example
 * ```ts
 * const payload = await checkSignature(idToken, header, { keys: registration, jwksCache, clock, clockToleranceSeconds: 60 }); // an unknown kid refetches the JWKS once
 * ```
 */
export async function checkSignature(token: string, header: ProtectedHeaderParameters, context: SignatureContext): Promise<JWTPayload> {
  const { keys } = context;
  const headerFields = { kid: header.kid, alg: header.alg };
  let key: CryptoKey;
  if (keys.jwksUri !== undefined) key = await context.jwksCache.getKey(keys.jwksUri, headerFields);
  else if (keys.publicJwk !== undefined) key = await keyFromStaticJwk(keys.publicJwk, headerFields);
  else throw new LtiError('ERR_LTI_PLATFORM_CONFIG_INVALID', { message: 'The registration has neither a JWKS URL nor a public key.' });
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
