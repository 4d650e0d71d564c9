/**
 * The two documents the registry accepts, checked field by field so a refusal names the field:
 * - a tool's registration document, as Dynamic Registration sends it (client metadata with the
 *   `https://purl.imsglobal.org/spec/lti-tool-configuration` object, lti-dr §3.1);
 * - a platform's configuration for the demo tool (issuer, client id, deployments, endpoints).
 * Unknown fields are refused (a typo must not be silently ignored); vendor extensions, whose names
 * are URLs, and localized `client_name#…` values are kept.
 */
import { OIDC_PERSONAL_CLAIMS, type PersonalDataClaim } from 'ltikit';

export const LTI_TOOL_CONFIGURATION = 'https://purl.imsglobal.org/spec/lti-tool-configuration';

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

export interface ToolMessageConfiguration {
  type: string;
  target_link_uri?: string;
  label?: string;
  placements?: string[];
  custom_parameters?: Record<string, string>;
}

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

const TOOL_FIELDS = new Set([
  'application_type',
  'response_types',
  'grant_types',
  'initiate_login_uri',
  'redirect_uris',
  'client_name',
  'jwks_uri',
  'logo_uri',
  'client_uri',
  'policy_uri',
  'tos_uri',
  'contacts',
  'token_endpoint_auth_method',
  'scope',
  LTI_TOOL_CONFIGURATION,
]);
const TOOL_CONFIGURATION_FIELDS = new Set(['domain', 'secondary_domains', 'deployment_id', 'target_link_uri', 'custom_parameters', 'description', 'messages', 'claims']);
const MESSAGE_FIELDS = new Set(['type', 'target_link_uri', 'label', 'icon_uri', 'custom_parameters', 'placements', 'roles', 'supported_types']);
const MESSAGE_TYPES = new Set(['LtiResourceLinkRequest', 'LtiDeepLinkingRequest', 'LtiSubmissionReviewRequest', 'LtiStartProctoring', 'LtiEndAssessment']);
// `iss` and `sub` are always sent; listing them is allowed and changes nothing.
const ALWAYS_SENT_CLAIMS = new Set(['iss', 'sub']);
const PERSONAL_CLAIMS = new Set<string>(OIDC_PERSONAL_CLAIMS);

const isExtension = (name: string): boolean => /^https?:\/\//.test(name);

/** Checks a tool's registration document (lti-dr §3.1); throws {@link DocumentFieldError}. */
export function readToolDocument(input: unknown, policy: UrlPolicy): ToolDocument {
  const document = object(input, 'document');
  refuseUnknown(document, TOOL_FIELDS, '', (name) => isExtension(name) || name.startsWith('client_name#') || name.startsWith('logo_uri#'));
  const name = text(document.client_name, 'client_name');
  if (document.application_type !== undefined && document.application_type !== 'web') throw new DocumentFieldError('application_type', 'must be "web".');
  if (document.response_types !== undefined) {
    const types = textList(document.response_types, 'response_types');
    if (!types.includes('id_token')) throw new DocumentFieldError('response_types', 'must include "id_token".');
  }
  if (document.token_endpoint_auth_method !== undefined && document.token_endpoint_auth_method !== 'private_key_jwt') {
    throw new DocumentFieldError('token_endpoint_auth_method', 'must be "private_key_jwt".');
  }
  const initiateLoginUri = url(document.initiate_login_uri, 'initiate_login_uri', policy);
  const redirectUris = textList(document.redirect_uris, 'redirect_uris').map((value, index) => url(value, `redirect_uris[${index}]`, policy));
  if (redirectUris.length === 0) throw new DocumentFieldError('redirect_uris', 'needs at least one URL.');
  const jwksUri = document.jwks_uri === undefined ? undefined : url(document.jwks_uri, 'jwks_uri', policy);
  for (const field of ['logo_uri', 'client_uri', 'policy_uri', 'tos_uri'] as const) {
    if (document[field] !== undefined) url(document[field], field, policy);
  }
  if (document.contacts !== undefined) textList(document.contacts, 'contacts');
  const scopes = document.scope === undefined ? [] : text(document.scope, 'scope').split(/\s+/).filter(Boolean);

  const configuration = object(document[LTI_TOOL_CONFIGURATION], LTI_TOOL_CONFIGURATION);
  const at = (field: string): string => `${LTI_TOOL_CONFIGURATION}.${field}`;
  refuseUnknown(configuration, TOOL_CONFIGURATION_FIELDS, `${LTI_TOOL_CONFIGURATION}.`, isExtension);
  const domain = text(configuration.domain, at('domain'));
  if (!/^[a-z0-9.-]+(:\d+)?$/i.test(domain)) throw new DocumentFieldError(at('domain'), 'must be a host name (with an optional port), not a URL.');
  const targetLinkUri = url(configuration.target_link_uri, at('target_link_uri'), policy);
  const customParameters = configuration.custom_parameters === undefined ? {} : stringRecord(configuration.custom_parameters, at('custom_parameters'));
  const claims: PersonalDataClaim[] = [];
  if (configuration.claims !== undefined) {
    for (const [index, claim] of textList(configuration.claims, at('claims')).entries()) {
      if (ALWAYS_SENT_CLAIMS.has(claim)) continue;
      if (!PERSONAL_CLAIMS.has(claim)) throw new DocumentFieldError(`${at('claims')}[${index}]`, `is not a claim the hub can release ("${claim}"); use iss, sub, ${[...PERSONAL_CLAIMS].join(', ')}.`);
      claims.push(claim as PersonalDataClaim);
    }
  }
  const messages: ToolMessageConfiguration[] = [];
  if (configuration.messages !== undefined) {
    if (!Array.isArray(configuration.messages)) throw new DocumentFieldError(at('messages'), 'must be an array.');
    for (const [index, entry] of configuration.messages.entries()) {
      const field = `${at('messages')}[${index}]`;
      const message = object(entry, field);
      refuseUnknown(message, MESSAGE_FIELDS, `${field}.`, isExtension);
      const type = text(message.type, `${field}.type`);
      if (!MESSAGE_TYPES.has(type)) throw new DocumentFieldError(`${field}.type`, `is not an LTI message type ("${type}").`);
      const checked: ToolMessageConfiguration = { type };
      if (message.target_link_uri !== undefined) checked.target_link_uri = url(message.target_link_uri, `${field}.target_link_uri`, policy);
      if (message.label !== undefined) checked.label = text(message.label, `${field}.label`);
      if (message.placements !== undefined) checked.placements = textList(message.placements, `${field}.placements`);
      if (message.custom_parameters !== undefined) checked.custom_parameters = stringRecord(message.custom_parameters, `${field}.custom_parameters`);
      messages.push(checked);
    }
  }
  return { name, initiateLoginUri, redirectUris, jwksUri, targetLinkUri, domain, claims, customParameters, messages, scopes, raw: document };
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

function stringRecord(value: unknown, field: string): Record<string, string> {
  const record = object(value, field);
  const result: Record<string, string> = {};
  for (const [key, entry] of Object.entries(record)) {
    if (typeof entry !== 'string') throw new DocumentFieldError(`${field}.${key}`, 'must be a string.');
    result[key] = entry;
  }
  return result;
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
