/**
 * Registering tools on the platform: checks a registration before it is stored, so nothing
 * half-valid is ever saved, and generates client and deployment ids (CORE-001).
 *
 * @example
 * ```ts
 * const tool = await platform.registerTool({
 *   name: 'Quiz tool',
 *   initiateLoginUri: 'https://tool.example.com/lti/login',
 *   redirectUris: ['https://tool.example.com/lti/launch'],
 *   jwksUri: 'https://tool.example.com/lti/jwks',
 *   claims: ['name', 'email'],
 * });
 * tool.clientId; tool.deploymentIds[0];
 * ```
 */
import type { JWK } from 'jose';
import { checkHttpsUrlField, fieldFailure } from '../lib/check_field.js';
import { randomId } from '../lib/random.js';
import type { PersonalDataClaim, ToolRegistration } from '../stores/types.js';
import { OIDC_PERSONAL_CLAIMS } from '../vocab/claims.js';

/**
 * What an administrator supplies to register a tool with `platform.registerTool()`, checked by
 * {@link checkToolRegistration}. URLs must be https (CORE-004); redirect URIs are later matched
 * exactly (OIDC-022); `claims` are the personal data the tool may receive (MSG-004).
 *
 * @example
 * ```ts
 * const input: ToolRegistrationInput = { name: 'Quiz tool', initiateLoginUri: 'https://tool.example.com/lti/login',
 *   redirectUris: ['https://tool.example.com/lti/launch'], jwksUri: 'https://tool.example.com/lti/jwks', claims: ['name'] };
 * ```
 */
export interface ToolRegistrationInput {
  /** Generated (a UUID) when absent. */
  clientId?: string;
  name: string;
  initiateLoginUri: string;
  redirectUris: string[];
  /** Default: the first redirect URI. */
  targetLinkUri?: string;
  /** Where Deep Linking requests go (DL-003). Default: `targetLinkUri`. */
  deepLinkingUri?: string;
  /** The tool's JWKS URL or static key; needed once the tool signs (Deep Linking, services). */
  jwksUri?: string;
  publicJwk?: JWK;
  customParameters?: Record<string, string>;
  claims?: PersonalDataClaim[];
  scopes?: string[];
  /** Default: one generated deployment. */
  deploymentIds?: string[];
  /**
   * The LTI 1.1 consumer key this tool used before 1.3 (lti11.md §5): its launches then carry the
   * `lti1p1` claim signed with that key's secret from `stores.lti11` (MIG-001, MIG-002).
   */
  lti11ConsumerKey?: string;
}

const invalid: (field: string, message: string) => never = fieldFailure('ERR_LTI_TOOL_REGISTRATION_INVALID');

const checkUrl = (field: string, value: unknown, allowInsecureLoopback: boolean): string =>
  checkHttpsUrlField(invalid, field, value, allowInsecureLoopback);

/**
 * CORE-001: at most 255 ASCII characters, not empty. `field` names the input in the error.
 *
 * @example
 * ```ts
 * checkDeploymentId('deploymentIds[0]', 'dep-01'); // 'dep-01'; '' throws ERR_LTI_TOOL_REGISTRATION_INVALID
 * ```
 */
export function checkDeploymentId(field: string, value: unknown): string {
  if (typeof value !== 'string' || value === '' || value.length > 255 || !/^[\x20-\x7e]+$/.test(value)) {
    invalid(field, 'must be 1 to 255 printable ASCII characters.');
  }
  return value;
}

/**
 * Checks a registration and fills in generated values (client id, first deployment: CORE-001).
 * Throws `ERR_LTI_TOOL_REGISTRATION_INVALID` naming the first bad field, e.g. a non-https URL
 * (CORE-004) or an unknown personal-data claim (MSG-004).
 *
 * @example
 * ```ts
 * const tool = checkToolRegistration(input, { allowInsecureLoopback: false });
 * await stores.tools.saveTool(tool);
 * ```
 */
export function checkToolRegistration(input: ToolRegistrationInput, options: { allowInsecureLoopback: boolean }): ToolRegistration {
  const { allowInsecureLoopback } = options;
  if (typeof input !== 'object' || input === null) invalid('registration', 'must be an object.');
  if (typeof input.name !== 'string' || input.name.trim() === '') invalid('name', 'is required.');
  const clientId = input.clientId ?? randomId();
  checkDeploymentId('clientId', clientId);
  const initiateLoginUri = checkUrl('initiateLoginUri', input.initiateLoginUri, allowInsecureLoopback);
  if (!Array.isArray(input.redirectUris) || input.redirectUris.length === 0) invalid('redirectUris', 'needs at least one URL.');
  const redirectUris = input.redirectUris.map((uri, index) => checkUrl(`redirectUris[${index}]`, uri, allowInsecureLoopback));
  const targetLinkUri = checkUrl('targetLinkUri', input.targetLinkUri ?? redirectUris[0], allowInsecureLoopback);
  const deepLinkingUri = input.deepLinkingUri === undefined ? undefined : checkUrl('deepLinkingUri', input.deepLinkingUri, allowInsecureLoopback);
  // Keys are optional: a tool that only receives launches signs nothing. Deep Linking responses and
  // service tokens from a tool without keys are refused when they arrive.
  const jwksUri = input.jwksUri === undefined ? undefined : checkUrl('jwksUri', input.jwksUri, allowInsecureLoopback);
  if (input.publicJwk !== undefined) {
    const { kty, d } = input.publicJwk;
    if (kty !== 'RSA' && kty !== 'EC') invalid('publicJwk', 'must be an RSA or EC public key.');
    if (d !== undefined) invalid('publicJwk', 'must not contain private key material.');
  }
  const allowedClaims = new Set<string>(OIDC_PERSONAL_CLAIMS);
  const claims = input.claims ?? [];
  for (const [index, claim] of claims.entries()) {
    if (!allowedClaims.has(claim)) invalid(`claims[${index}]`, `is not one of ${[...allowedClaims].join(', ')}.`);
  }
  const custom = input.customParameters ?? {};
  for (const [key, value] of Object.entries(custom)) {
    if (typeof value !== 'string') invalid(`customParameters.${key}`, 'must be a string.');
  }
  const deploymentIds = (input.deploymentIds ?? [randomId()]).map((id, index) => checkDeploymentId(`deploymentIds[${index}]`, id));
  if (new Set(deploymentIds).size !== deploymentIds.length) invalid('deploymentIds', 'must be unique.');
  const { lti11ConsumerKey } = input;
  if (lti11ConsumerKey !== undefined && (typeof lti11ConsumerKey !== 'string' || lti11ConsumerKey.trim() === '')) {
    invalid('lti11ConsumerKey', 'must be a non-empty string (MIG-001).');
  }
  return {
    clientId,
    name: input.name.trim(),
    deploymentIds,
    initiateLoginUri,
    redirectUris,
    targetLinkUri,
    ...(deepLinkingUri === undefined ? {} : { deepLinkingUri }),
    ...(jwksUri === undefined ? {} : { jwksUri }),
    ...(input.publicJwk === undefined ? {} : { publicJwk: input.publicJwk }),
    ...(Object.keys(custom).length === 0 ? {} : { customParameters: custom }),
    claims: [...new Set(claims)],
    ...(input.scopes === undefined ? {} : { scopes: input.scopes }),
    ...(lti11ConsumerKey === undefined ? {} : { lti11ConsumerKey }),
  };
}
