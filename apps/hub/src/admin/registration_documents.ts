/**
 * The two documents the registry accepts, checked field by field so a refusal names the field:
 * - a tool's registration document, as Dynamic Registration sends it (client metadata with the
 *   `https://purl.imsglobal.org/spec/lti-tool-configuration` object, lti-dr §3.1), read by the
 *   library's `validateClientRegistrationRequest` in its `document` profile;
 * - a platform's configuration for the demo tool (issuer, client id, deployments, endpoints).
 * Unknown fields are refused (a typo must not be silently ignored); vendor extensions, whose names
 * are URLs, and localized `client_name#…` values are kept.
 */
import { DR_CONFIGURATION_KEY, type LtiMessageDescriptor, type PersonalDataClaim, isLtiError, validateClientRegistrationRequest } from 'ltikit';

export const LTI_TOOL_CONFIGURATION = DR_CONFIGURATION_KEY.toolConfiguration;

/** A document field that cannot be accepted; answered as 400 with the field's name. */
export class DocumentFieldError extends Error {
  override readonly name = 'DocumentFieldError';
  readonly code = 'ERR_HUB_FIELD_INVALID';
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`${field} ${problem}`);
  }
}

export interface UrlPolicy {
  /** http is accepted for loopback hosts (development); https everywhere else. */
  allowInsecureLoopback: boolean;
}

export type ToolMessageConfiguration = LtiMessageDescriptor;

export interface ToolDocument {
  name: string;
  initiateLoginUri: string;
  redirectUris: string[];
  jwksUri: string | undefined;
  targetLinkUri: string;
  domain: string;
  claims: PersonalDataClaim[];
  customParameters: Record<string, string>;
  messages: ToolMessageConfiguration[];
  scopes: string[];
  /** The document as received, kept by the registry. */
  raw: Record<string, unknown>;
}

/**
 * Checks a tool's registration document (lti-dr §3.1) with the library's reader; throws
 * {@link DocumentFieldError} naming the field.
 */
export function readToolDocument(input: unknown, policy: UrlPolicy): ToolDocument {
  try {
    const checked = validateClientRegistrationRequest(input, { profile: 'document', allowInsecureLoopback: policy.allowInsecureLoopback });
    return {
      name: checked.name,
      initiateLoginUri: checked.initiateLoginUri,
      redirectUris: checked.redirectUris,
      jwksUri: checked.jwksUri,
      targetLinkUri: checked.targetLinkUri,
      domain: checked.domain,
      claims: checked.claims,
      customParameters: checked.customParameters,
      messages: checked.messages,
      scopes: checked.scopes,
      raw: checked.raw,
    };
  } catch (thrown) {
    throw asFieldError(thrown);
  }
}

/** A library refusal naming a field (`detail.field`) as the registry's field error; anything else unchanged. */
export function asFieldError(thrown: unknown): unknown {
  if (!isLtiError(thrown) || typeof thrown.detail?.field !== 'string') return thrown;
  const field = thrown.detail.field;
  const problem = thrown.message.startsWith(`${field} `) ? thrown.message.slice(field.length + 1) : thrown.message;
  return new DocumentFieldError(field, problem);
}

export interface PlatformDocument {
  issuer: string;
  clientId: string;
  deploymentIds: string[];
  authorizationEndpoint: string;
  tokenEndpoint: string | undefined;
  tokenAudience: string | undefined;
  jwksUri: string;
  name: string | undefined;
}

const PLATFORM_FIELDS = new Set(['issuer', 'client_id', 'deployment_ids', 'authorization_endpoint', 'token_endpoint', 'authorization_server', 'jwks_uri', 'name']);

/** Checks a platform's configuration for the demo tool; throws {@link DocumentFieldError}. */
export function readPlatformDocument(input: unknown, policy: UrlPolicy): PlatformDocument {
  const document = object(input, 'document');
  refuseUnknown(document, PLATFORM_FIELDS, '', () => false);
  const issuer = url(document.issuer, 'issuer', policy);
  const clientId = text(document.client_id, 'client_id');
  const deploymentIds = textList(document.deployment_ids, 'deployment_ids');
  if (deploymentIds.length === 0) throw new DocumentFieldError('deployment_ids', 'needs at least one deployment id.');
  if (new Set(deploymentIds).size !== deploymentIds.length) throw new DocumentFieldError('deployment_ids', 'must not repeat an id.');
  return {
    issuer,
    clientId,
    deploymentIds,
    authorizationEndpoint: url(document.authorization_endpoint, 'authorization_endpoint', policy),
    tokenEndpoint: document.token_endpoint === undefined ? undefined : url(document.token_endpoint, 'token_endpoint', policy),
    tokenAudience: document.authorization_server === undefined ? undefined : text(document.authorization_server, 'authorization_server'),
    jwksUri: url(document.jwks_uri, 'jwks_uri', policy),
    name: document.name === undefined ? undefined : text(document.name, 'name'),
  };
}

function object(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new DocumentFieldError(field, value === undefined ? 'is required.' : 'must be a JSON object.');
  return value as Record<string, unknown>;
}

function refuseUnknown(value: Record<string, unknown>, known: Set<string>, prefix: string, allowed: (name: string) => boolean): void {
  for (const name of Object.keys(value)) {
    if (!known.has(name) && !allowed(name)) throw new DocumentFieldError(`${prefix}${name}`, 'is not a known field.');
  }
}

function text(value: unknown, field: string): string {
  if (value === undefined) throw new DocumentFieldError(field, 'is required.');
  if (typeof value !== 'string' || value.trim() === '') throw new DocumentFieldError(field, 'must be a non-empty string.');
  if (value.length > 2048) throw new DocumentFieldError(field, 'is longer than 2,048 characters.');
  return value.trim();
}

function textList(value: unknown, field: string): string[] {
  if (value === undefined) throw new DocumentFieldError(field, 'is required.');
  if (!Array.isArray(value)) throw new DocumentFieldError(field, 'must be an array of strings.');
  return value.map((entry, index) => text(entry, `${field}[${index}]`));
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function url(value: unknown, field: string, policy: UrlPolicy): string {
  const raw = text(value, field);
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new DocumentFieldError(field, `is not a URL ("${raw}").`);
  }
  if (parsed.hash !== '') throw new DocumentFieldError(field, 'must not have a fragment.');
  if (parsed.username !== '' || parsed.password !== '') throw new DocumentFieldError(field, 'must not carry credentials.');
  if (parsed.protocol === 'https:') return raw;
  if (parsed.protocol === 'http:' && policy.allowInsecureLoopback && LOOPBACK_HOSTS.has(parsed.hostname)) return raw;
  throw new DocumentFieldError(
    field,
    policy.allowInsecureLoopback ? 'must be an https URL (http only for localhost in sandbox mode).' : 'must be an https URL outside sandbox mode.',
  );
}

/**
 * The body that starts a Dynamic Registration: `{ "url": "<the tool's registration URL>" }`
 * (DR-001), and `"replaces": "<consumer key>"` when the tool registers as the LTI 1.3 version of
 * that LTI 1.1 tool (DR-050); `null` or `""` register a new tool.
 */
export function readRegistrationStart(input: unknown, policy: UrlPolicy): { url: string; replaces?: string } {
  const document = object(input, 'document');
  refuseUnknown(document, new Set(['url', 'replaces']), '', () => false);
  const registrationUrl = url(document.url, 'url', policy);
  const replaces = document.replaces === undefined || document.replaces === null || document.replaces === '' ? undefined : text(document.replaces, 'replaces');
  return { url: registrationUrl, ...(replaces === undefined ? {} : { replaces }) };
}

/**
 * What an administrator grants when enabling a registered tool (DR-034): `scopes` and `claims`,
 * each a list of strings; an absent one grants everything the tool requested.
 */
export function readGrants(input: unknown): { scopes?: string[]; claims?: string[] } {
  const document = input === undefined || input === null ? {} : object(input, 'document');
  refuseUnknown(document, new Set(['scopes', 'claims']), '', () => false);
  const list = (field: string): string[] | undefined => {
    const value = document[field];
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) throw new DocumentFieldError(field, 'must be an array of strings.');
    return value.map((entry, index) => text(entry, `${field}[${index}]`));
  };
  const scopes = list('scopes');
  const claims = list('claims');
  return { ...(scopes === undefined ? {} : { scopes }), ...(claims === undefined ? {} : { claims }) };
}
