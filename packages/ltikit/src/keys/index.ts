/**
 * Signing keys, their rotation and publication, and peers' key sets (SEC-001..008).
 *
 * @example
 * ```ts
 * import { SigningKeySet, RemoteJwksCache } from 'ltikit/keys';
 * ```
 */
export {
  APPROVED_ALGORITHMS,
  defaultAlgorithmFor,
  isApprovedAlgorithm,
  keyTypeFits,
  type SigningAlgorithm,
} from './algorithms.js';
export {
  exportPublicJwk,
  generateSigningKey,
  importSigningKey,
  type GenerateSigningKeyOptions,
  type ImportSigningKeyOptions,
} from './generate_signing_key.js';
export {
  keyFromStaticJwk,
  RemoteJwksCache,
  type JwtKeyHeader,
  type RemoteJwksCacheOptions,
} from './remote_jwks.js';
export {
  SigningKeySet,
  type ActiveSigningKey,
  type SigningKeyInfo,
  type SigningKeyRotation,
  type SigningKeySetOptions,
} from './signing_key_set.js';
