/**
 * Registering platforms on the tool: checks a registration before it is stored (CORE-003, CORE-004).
 *
 * @example
 * ```ts
 * await tool.registerPlatform({
 *   issuer: 'https://lms.example.edu', clientId: 'c-7731', deploymentIds: ['dep-01'],
 *   authorizationEndpoint: 'https://lms.example.edu/lti/authorize',
 *   jwksUri: 'https://lms.example.edu/.well-known/jwks.json',
 * });
 * ```
 */
import { checkHttpsUrlField, fieldFailure } from '../lib/check_field.js';
import type { PlatformRegistration } from '../stores/types.js';

const invalid: (field: string, message: string) => never = fieldFailure('ERR_LTI_PLATFORM_CONFIG_INVALID');

const checkUrl = (field: string, value: unknown, allowInsecureLoopback: boolean): string =>
  checkHttpsUrlField(invalid, field, value, allowInsecureLoopback);

function checkId(field: string, value: unknown): string {
  if (typeof value !== 'string' || value === '' || value.length > 255) invalid(field, 'must be 1 to 255 characters.');
  return value;
}

function checkScopes(value: unknown): string[] {
  if (!Array.isArray(value) || value.some((scope) => typeof scope !== 'string' || scope === '')) invalid('scopes', 'must be a list of scope strings.');
  return [...new Set(value as string[])];
}

/**
 * Checks a platform registration; throws `ERR_LTI_PLATFORM_CONFIG_INVALID` naming the first bad
 * field: https URLs (CORE-004), an issuer without query or fragment (VAL-006), a JWKS URL or a
 * static public key (SEC-008).
 *
 * @example
 * ```ts
 * await stores.platforms.savePlatform(checkPlatformRegistration(input, { allowInsecureLoopback: false }));
 * ```
 */
export function checkPlatformRegistration(input: PlatformRegistration, options: { allowInsecureLoopback: boolean }): PlatformRegistration {
  const { allowInsecureLoopback } = options;
  if (typeof input !== 'object' || input === null) invalid('registration', 'must be an object.');
  const issuer = checkUrl('issuer', input.issuer, allowInsecureLoopback);
  const issuerUrl = new URL(issuer);
  if (issuerUrl.search !== '' || issuerUrl.hash !== '') invalid('issuer', 'must have no query or fragment.');
  const clientId = checkId('clientId', input.clientId);
  if (!Array.isArray(input.deploymentIds)) invalid('deploymentIds', 'must be a list (it may be empty until the first deployment).');
  const deploymentIds = input.deploymentIds.map((id, index) => checkId(`deploymentIds[${index}]`, id));
  const authorizationEndpoint = checkUrl('authorizationEndpoint', input.authorizationEndpoint, allowInsecureLoopback);
  if (input.jwksUri === undefined && input.publicJwk === undefined) invalid('jwksUri', 'or publicJwk is required.');
  if (input.publicJwk !== undefined && input.publicJwk.d !== undefined) invalid('publicJwk', 'must not contain private key material.');
  return {
    issuer,
    clientId,
    deploymentIds: [...new Set(deploymentIds)],
    authorizationEndpoint,
    ...(input.tokenEndpoint === undefined ? {} : { tokenEndpoint: checkUrl('tokenEndpoint', input.tokenEndpoint, allowInsecureLoopback) }),
    ...(input.tokenAudience === undefined ? {} : { tokenAudience: input.tokenAudience }),
    ...(input.jwksUri === undefined ? {} : { jwksUri: checkUrl('jwksUri', input.jwksUri, allowInsecureLoopback) }),
    ...(input.publicJwk === undefined ? {} : { publicJwk: input.publicJwk }),
    ...(input.name === undefined ? {} : { name: input.name }),
    ...(input.scopes === undefined ? {} : { scopes: checkScopes(input.scopes) }),
    // DR-037: only meaningful while no deployment is known.
    ...(input.acceptFirstDeployment === true && deploymentIds.length === 0 ? { acceptFirstDeployment: true } : {}),
  };
}
