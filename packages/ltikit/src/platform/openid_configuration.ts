/**
 * `/.well-known/openid-configuration` of the platform: its issuer and endpoints, for tools and for
 * Dynamic Registration (CERT-P-02).
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0#platform-configuration
 */
import { APPROVED_ALGORITHMS } from '../keys/algorithms.js';
import type { PlatformConfiguration } from '../messages/registration.js';
import { DR_CONFIGURATION_KEY } from '../vocab/claims.js';
import { MESSAGE_TYPE } from '../vocab/message_types.js';
import { SUBSTITUTION_VARIABLES } from '../vocab/variables.js';
import type { ResolvedPlatformConfig } from './config.js';

/**
 * The platform's OpenID configuration document: issuer, endpoints, algorithms, and the
 * `lti-platform-configuration` with the supported messages and variables (DR-012, CUST-005), the
 * token endpoint (TOK-010) and the Dynamic Registration endpoint (DR-020). `authorization_server`
 * is published only when it differs from the token endpoint.
 *
 * @example
 * ```ts
 * buildOpenidConfiguration(platform.config).jwks_uri; // 'https://lms.example.edu/.well-known/jwks.json'
 * ```
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0#platform-configuration
 */
export function buildOpenidConfiguration(config: ResolvedPlatformConfig): PlatformConfiguration {
  return {
    issuer: config.issuer,
    authorization_endpoint: config.authorizationEndpoint,
    token_endpoint: config.tokenEndpoint,
    registration_endpoint: config.registrationEndpoint,
    ...(config.authorizationServer === config.tokenEndpoint ? {} : { authorization_server: config.authorizationServer }),
    token_endpoint_auth_methods_supported: ['private_key_jwt'],
    token_endpoint_auth_signing_alg_values_supported: [...APPROVED_ALGORITHMS],
    jwks_uri: config.jwksUri,
    response_types_supported: ['id_token'],
    response_modes_supported: ['form_post'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: [...APPROVED_ALGORITHMS],
    scopes_supported: ['openid', ...config.scopesSupported],
    claims_supported: ['iss', 'aud', 'sub', 'iat', 'exp', 'nonce', 'name', 'given_name', 'family_name', 'middle_name', 'email', 'picture', 'locale'],
    [DR_CONFIGURATION_KEY.platformConfiguration]: {
      product_family_code: config.product.productFamilyCode ?? 'ltikit',
      version: config.product.version ?? '0.1.0',
      messages_supported: [{ type: MESSAGE_TYPE.LtiResourceLinkRequest }, { type: MESSAGE_TYPE.LtiDeepLinkingRequest }],
      variables: [...SUBSTITUTION_VARIABLES],
    },
  };
}
