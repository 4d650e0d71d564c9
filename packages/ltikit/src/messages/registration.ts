/**
 * Dynamic Registration 1.0: the typed wire models of the platform's OpenID configuration, the
 * tool's client registration request and the platform's response (the spec's field names:
 * `initiate_login_uri`, `messages_supported` …), and the pure validators both sides share. Each
 * refusal names the member at fault (`detail.field`, and the message starts with it), so an
 * administrator or a tool author knows what to fix.
 *
 * @example
 * ```ts
 * import { validatePlatformConfiguration, validateClientRegistrationRequest } from 'ltikit/messages';
 * const configuration = validatePlatformConfiguration(await response.json(), { allowInsecureLoopback: false });
 * const checked = validateClientRegistrationRequest(body, { profile: 'registration', allowInsecureLoopback: false });
 * ```
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0
 */
import { LtiError, type LtiErrorCode } from '../errors.js';
import { assertSecureUrl } from '../lib/guarded_fetch.js';
import { DR_CONFIGURATION_KEY, OIDC_PERSONAL_CLAIMS, type OidcPersonalClaim } from '../vocab/claims.js';
import { MESSAGE_TYPE } from '../vocab/message_types.js';

const TOOL_CONFIGURATION = DR_CONFIGURATION_KEY.toolConfiguration;
const PLATFORM_CONFIGURATION = DR_CONFIGURATION_KEY.platformConfiguration;

// ---- the platform's OpenID configuration (DR-012)

/**
 * One entry of `messages_supported` (dynamic-registration.md §2): a message type the platform can
 * send, with the placements it offers it in. Older platforms list bare strings; the validator
 * turns them into this shape.
 *
 * @example
 * ```ts
 * const supported: MessageSupported = { type: 'LtiDeepLinkingRequest', placements: ['ContentArea'] };
 * ```
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0 (DR-012)
 */
export interface MessageSupported {
  type: string;
  placements?: string[];
  [member: string]: unknown;
}

/**
 * The `https://purl.imsglobal.org/spec/lti-platform-configuration` member of the OpenID
 * configuration: product, messages and substitution variables (DR-012, CUST-005). Vendor
 * extension members (URL-named) are kept.
 *
 * @example
 * ```ts
 * const lti: LtiPlatformConfiguration = { product_family_code: 'moodle', version: '4.3',
 *   messages_supported: [{ type: 'LtiResourceLinkRequest' }], variables: ['Context.id'] };
 * ```
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0 (DR-012)
 */
export interface LtiPlatformConfiguration {
  product_family_code: string;
  version: string;
  messages_supported: MessageSupported[];
  /** Substitution variables the platform supports, without `$`. */
  variables?: string[];
  [member: string]: unknown;
}

/**
 * A platform's OpenID configuration as Dynamic Registration uses it (DR-012): every REQUIRED
 * member, `authorization_server` when the client-assertion audience differs from the token
 * endpoint, and the LTI platform configuration.
 *
 * @example
 * ```ts
 * const configuration: PlatformConfiguration = validatePlatformConfiguration(json, { allowInsecureLoopback: false });
 * configuration.registration_endpoint; // 'https://lms.example.edu/lti/register'
 * ```
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0 (DR-012)
 */
export interface PlatformConfiguration {
  issuer: string;
  authorization_endpoint: string;
  registration_endpoint: string;
  jwks_uri: string;
  token_endpoint: string;
  token_endpoint_auth_methods_supported: string[];
  token_endpoint_auth_signing_alg_values_supported: string[];
  scopes_supported: string[];
  response_types_supported: string[];
  subject_types_supported: string[];
  id_token_signing_alg_values_supported: string[];
  claims_supported: string[];
  /** The `aud` of client assertions when it is not the token endpoint (TOK-011). */
  authorization_server?: string;
  [PLATFORM_CONFIGURATION]: LtiPlatformConfiguration;
  [member: string]: unknown;
}

// ---- the client registration request and response (DR-020, DR-032)

/**
 * A message the tool offers (dynamic-registration.md §3): its type, where it launches and how
 * the platform presents it. `label#<lang>` variants and vendor members are kept.
 *
 * @example
 * ```ts
 * const message: LtiMessageDescriptor = { type: 'LtiDeepLinkingRequest', target_link_uri: 'https://tool.example.com/lti/launch',
 *   label: 'Add a quiz', placements: ['ContentArea'] };
 * ```
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0 (DR-020)
 */
export interface LtiMessageDescriptor {
  type: string;
  target_link_uri?: string;
  label?: string;
  icon_uri?: string;
  custom_parameters?: Record<string, string>;
  placements?: string[];
  /** Role URIs that may see the message. */
  roles?: string[];
  [member: string]: unknown;
}

/**
 * The `https://purl.imsglobal.org/spec/lti-tool-configuration` member of a client registration
 * request (and, with `deployment_id`, of the response) (DR-020, DR-032).
 *
 * @example
 * ```ts
 * const lti: LtiToolConfiguration = { domain: 'tool.example.com', target_link_uri: 'https://tool.example.com/lti/launch',
 *   claims: ['iss', 'sub', 'name'], messages: [{ type: 'LtiResourceLinkRequest' }] };
 * ```
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0 (DR-020, DR-032)
 */
export interface LtiToolConfiguration {
  /** The tool's host (with a port when it is not the default one). */
  domain: string;
  secondary_domains?: string[];
  target_link_uri: string;
  custom_parameters?: Record<string, string>;
  description?: string;
  messages?: LtiMessageDescriptor[];
  /** Claims the tool wants: `iss`, `sub` and personal-data claims (MSG-004). */
  claims?: string[];
  /** In the response only: the deployment the platform created (DR-032). */
  deployment_id?: string;
  [member: string]: unknown;
}

/**
 * The client registration a tool POSTs to the platform's `registration_endpoint` (DR-020): OpenID
 * Connect Dynamic Client Registration metadata plus the LTI tool configuration. `client_name#<lang>`
 * and vendor members are kept.
 *
 * @example
 * ```ts
 * const request: ClientRegistrationRequest = {
 *   application_type: 'web', response_types: ['id_token'], grant_types: ['implicit', 'client_credentials'],
 *   initiate_login_uri: 'https://tool.example.com/lti/login', redirect_uris: ['https://tool.example.com/lti/launch'],
 *   client_name: 'Quiz tool', jwks_uri: 'https://tool.example.com/lti/jwks', token_endpoint_auth_method: 'private_key_jwt',
 *   scope: 'https://purl.imsglobal.org/spec/lti-ags/scope/score',
 *   'https://purl.imsglobal.org/spec/lti-tool-configuration': { domain: 'tool.example.com', target_link_uri: 'https://tool.example.com/lti/launch' },
 * };
 * ```
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0 (DR-020, DR-021)
 */
export interface ClientRegistrationRequest {
  application_type?: 'web';
  response_types: string[];
  grant_types: string[];
  initiate_login_uri: string;
  redirect_uris: string[];
  client_name: string;
  jwks_uri: string;
  token_endpoint_auth_method: 'private_key_jwt';
  /** Space-separated service scopes. */
  scope?: string;
  logo_uri?: string;
  client_uri?: string;
  policy_uri?: string;
  tos_uri?: string;
  contacts?: string[];
  [TOOL_CONFIGURATION]: LtiToolConfiguration;
  [member: string]: unknown;
}

/**
 * The platform's answer to a client registration (DR-032): the registered metadata with the new
 * `client_id`, and the deployment it created inside the tool configuration (DR-037: it may be
 * absent). `scope` and `claims` are what was granted (DR-034).
 *
 * @example
 * ```ts
 * const response = validateClientRegistrationResponse(json);
 * response.client_id; response['https://purl.imsglobal.org/spec/lti-tool-configuration']?.deployment_id;
 * ```
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0 (DR-032, DR-034, DR-037)
 */
export interface ClientRegistrationResponse {
  client_id: string;
  scope?: string;
  client_name?: string;
  [TOOL_CONFIGURATION]?: Partial<LtiToolConfiguration>;
  [member: string]: unknown;
}

// ---- validators

/**
 * Options of the Dynamic Registration validators.
 *
 * @example
 * ```ts
 * const options: RegistrationValidationOptions = { allowInsecureLoopback: process.env.NODE_ENV !== 'production' };
 * ```
 * @see CORE-004 in shared/spec/core-security.md
 */
export interface RegistrationValidationOptions {
  /** Accept `http:` URLs on loopback hosts (development and tests). Default false: https only (CORE-004). */
  allowInsecureLoopback?: boolean;
}

/**
 * How {@link validateClientRegistrationRequest} reads a document.
 * - `'registration'`: a client registration request at the registration endpoint (DR-031). Every
 *   REQUIRED member must be present and right; members it does not know are ignored (RFC 7591 §2);
 *   claims the platform cannot release and unknown message types are dropped; the target link URIs
 *   must be among the `redirect_uris`, whose hosts must be the tool's `domain` or `secondary_domains`.
 * - `'document'`: a registration document an administrator pastes. The OAuth members may be left
 *   out (their only values are assumed); a member it does not know is refused (a typo must not be
 *   ignored silently), and so is a claim or message type it cannot use.
 *
 * @example
 * ```ts
 * validateClientRegistrationRequest(pasted, { profile: 'document' });
 * ```
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0 (DR-031)
 */
export type ClientRegistrationProfile = 'registration' | 'document';

/**
 * A checked client registration, in the platform's terms: what a tool registration needs, what the
 * tool asked for, and the document as received (`raw`).
 *
 * @example
 * ```ts
 * const checked = validateClientRegistrationRequest(body, { profile: 'registration' });
 * await platform.registerTool({ name: checked.name, initiateLoginUri: checked.initiateLoginUri, redirectUris: checked.redirectUris });
 * ```
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0 (DR-031, DR-032)
 */
export interface CheckedClientRegistration {
  name: string;
  /** `client_name#<lang>` values, by language tag. */
  localizedNames: Record<string, string>;
  initiateLoginUri: string;
  redirectUris: string[];
  jwksUri: string | undefined;
  targetLinkUri: string;
  domain: string;
  secondaryDomains: string[];
  /** The requested service scopes (`scope`, split). */
  scopes: string[];
  /** The requested personal-data claims (`iss` and `sub` are always sent and not listed). */
  claims: OidcPersonalClaim[];
  customParameters: Record<string, string>;
  description: string | undefined;
  messages: LtiMessageDescriptor[];
  logoUri: string | undefined;
  clientUri: string | undefined;
  policyUri: string | undefined;
  tosUri: string | undefined;
  contacts: string[];
  /** The document as received. */
  raw: Record<string, unknown>;
}

const REQUEST_FIELDS = new Set([
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
  TOOL_CONFIGURATION,
]);
const TOOL_CONFIGURATION_FIELDS = new Set(['domain', 'secondary_domains', 'deployment_id', 'target_link_uri', 'custom_parameters', 'description', 'messages', 'claims']);
const MESSAGE_FIELDS = new Set(['type', 'target_link_uri', 'label', 'icon_uri', 'custom_parameters', 'placements', 'roles', 'supported_types']);
/** Message types a tool may offer: every request type of the vocabulary (responses and notices are not launched). */
const OFFERABLE_MESSAGE_TYPES = new Set<string>(Object.values(MESSAGE_TYPE).filter((type) => !type.endsWith('Response') && !type.endsWith('Notice')));
/** Localizable URI and name members (OIDC Dynamic Client Registration §2.1). */
const LOCALIZABLE = ['client_name', 'logo_uri', 'client_uri', 'policy_uri', 'tos_uri'] as const;
// `iss` and `sub` are always sent; listing them is allowed and changes nothing.
const ALWAYS_SENT_CLAIMS = new Set(['iss', 'sub']);
const PERSONAL_CLAIMS = new Set<string>(OIDC_PERSONAL_CLAIMS);
const MAX_TEXT = 2048;

const isExtension = (name: string): boolean => /^https?:\/\//.test(name);
const localizedBase = (name: string): string | undefined => {
  const index = name.indexOf('#');
  if (index <= 0) return undefined;
  const base = name.slice(0, index);
  return (LOCALIZABLE as readonly string[]).includes(base) && name.length > index + 1 ? base : undefined;
};

/** The field readers of one validator: every failure throws `code` naming the field. */
class FieldReader {
  constructor(
    readonly code: LtiErrorCode,
    readonly allowInsecureLoopback: boolean,
  ) {}

  fail(field: string, problem: string, code: LtiErrorCode = this.code): never {
    throw new LtiError(code, { message: `${field} ${problem}`, detail: { field } });
  }

  object(value: unknown, field: string): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(field, value === undefined ? 'is required.' : 'must be a JSON object.');
    return value as Record<string, unknown>;
  }

  text(value: unknown, field: string, maxLength = MAX_TEXT): string {
    if (value === undefined) this.fail(field, 'is required.');
    if (typeof value !== 'string' || value.trim() === '') this.fail(field, 'must be a non-empty string.');
    if (value.length > maxLength) this.fail(field, `is longer than ${maxLength.toLocaleString('en')} characters.`);
    return value.trim();
  }

  textList(value: unknown, field: string): string[] {
    if (value === undefined) this.fail(field, 'is required.');
    if (!Array.isArray(value)) this.fail(field, 'must be an array of strings.');
    if (value.length > 1000) this.fail(field, 'has more than 1,000 entries.');
    return value.map((entry, index) => this.text(entry, `${field}[${index}]`));
  }

  stringRecord(value: unknown, field: string): Record<string, string> {
    const record = this.object(value, field);
    const result: Record<string, string> = {};
    for (const [key, entry] of Object.entries(record)) {
      if (typeof entry !== 'string') this.fail(`${field}.${key}`, 'must be a string.');
      if (entry.length > MAX_TEXT) this.fail(`${field}.${key}`, `is longer than ${MAX_TEXT.toLocaleString('en')} characters.`);
      result[key] = entry;
    }
    return result;
  }

  /** CORE-004: an https URL (http on loopback hosts when allowed), without fragment or credentials. */
  url(value: unknown, field: string, code: LtiErrorCode = this.code): string {
    const raw = this.text(value, field);
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      this.fail(field, `is not a URL ("${raw.slice(0, 200)}").`, code);
    }
    if (parsed.hash !== '' || raw.includes('#')) this.fail(field, 'must not have a fragment.', code);
    if (parsed.username !== '' || parsed.password !== '') this.fail(field, 'must not carry credentials.', code);
    try {
      assertSecureUrl(raw, { allowInsecureLoopback: this.allowInsecureLoopback });
    } catch {
      this.fail(field, this.allowInsecureLoopback ? 'must be an https URL (http only for loopback hosts in development).' : 'must be an https URL.', code);
    }
    return raw;
  }

  refuseUnknown(value: Record<string, unknown>, known: Set<string>, prefix: string, allowed: (name: string) => boolean): void {
    for (const name of Object.keys(value)) {
      if (!known.has(name) && !allowed(name)) this.fail(`${prefix}${name}`, 'is not a known field.');
    }
  }
}

/**
 * Checks a client registration request or an administrator's registration document (DR-031):
 * types, https URLs (CORE-004), the fixed OAuth values (`response_types` with `id_token`,
 * `token_endpoint_auth_method` `private_key_jwt`, `application_type` `web`, `grant_types` with
 * `implicit` and `client_credentials`), and — for `profile: 'registration'` — the consistency of
 * the URLs with each other and with `domain`. Throws `ERR_LTI_DR_CLIENT_METADATA_INVALID`
 * (`invalid_client_metadata`) or `ERR_LTI_DR_REDIRECT_URI_INVALID` (`invalid_redirect_uri`) whose
 * `detail.field` names the member, e.g. `https://purl.imsglobal.org/spec/lti-tool-configuration.claims[0]`.
 *
 * @example
 * ```ts
 * try { validateClientRegistrationRequest(body, { profile: 'registration' }); }
 * catch (error) { if (isLtiError(error)) return Response.json({ error: error.oauthError, error_description: error.message }, { status: 400 }); }
 * ```
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0 (DR-020, DR-031)
 */
export function validateClientRegistrationRequest(input: unknown, options: RegistrationValidationOptions & { profile?: ClientRegistrationProfile } = {}): CheckedClientRegistration {
  const profile = options.profile ?? 'registration';
  const strict = profile === 'registration';
  const read: FieldReader = new FieldReader('ERR_LTI_DR_CLIENT_METADATA_INVALID', options.allowInsecureLoopback ?? false);
  const redirectCode: LtiErrorCode = 'ERR_LTI_DR_REDIRECT_URI_INVALID';
  const document = read.object(input, 'document');
  if (!strict) read.refuseUnknown(document, REQUEST_FIELDS, '', (name) => isExtension(name) || localizedBase(name) !== undefined);

  const name = read.text(document.client_name, 'client_name');
  const localizedNames: Record<string, string> = {};
  for (const [key, value] of Object.entries(document)) {
    const base = localizedBase(key);
    if (base === 'client_name') localizedNames[key.slice(key.indexOf('#') + 1)] = read.text(value, key);
    else if (base !== undefined) read.url(value, key);
  }
  if (document.application_type !== undefined && document.application_type !== 'web') read.fail('application_type', 'must be "web".');
  if (strict || document.response_types !== undefined) {
    const types = read.textList(document.response_types, 'response_types');
    if (!types.includes('id_token')) read.fail('response_types', 'must include "id_token".');
  }
  if (strict || document.grant_types !== undefined) {
    const grants = read.textList(document.grant_types, 'grant_types');
    for (const grant of ['implicit', 'client_credentials']) if (!grants.includes(grant)) read.fail('grant_types', `must include "${grant}".`);
  }
  if (strict && document.token_endpoint_auth_method === undefined) read.fail('token_endpoint_auth_method', 'is required.');
  if (document.token_endpoint_auth_method !== undefined && document.token_endpoint_auth_method !== 'private_key_jwt') {
    read.fail('token_endpoint_auth_method', 'must be "private_key_jwt".');
  }
  const initiateLoginUri = read.url(document.initiate_login_uri, 'initiate_login_uri');
  if (document.redirect_uris !== undefined && !Array.isArray(document.redirect_uris)) read.fail('redirect_uris', 'must be an array of URLs.', redirectCode);
  const redirectUris = read.textList(document.redirect_uris, 'redirect_uris').map((uri, index) => read.url(uri, `redirect_uris[${index}]`, redirectCode));
  if (redirectUris.length === 0) read.fail('redirect_uris', 'needs at least one URL.', redirectCode);
  const jwksUri = strict || document.jwks_uri !== undefined ? read.url(document.jwks_uri, 'jwks_uri') : undefined;
  const optionalUrl = (field: 'logo_uri' | 'client_uri' | 'policy_uri' | 'tos_uri'): string | undefined => (document[field] === undefined ? undefined : read.url(document[field], field));
  const logoUri = optionalUrl('logo_uri');
  const clientUri = optionalUrl('client_uri');
  const policyUri = optionalUrl('policy_uri');
  const tosUri = optionalUrl('tos_uri');
  const contacts = document.contacts === undefined ? [] : read.textList(document.contacts, 'contacts');
  const scopes = document.scope === undefined ? [] : [...new Set(read.text(document.scope, 'scope', 8192).split(/\s+/).filter(Boolean))];

  const configuration = read.object(document[TOOL_CONFIGURATION], TOOL_CONFIGURATION);
  const at = (field: string): string => `${TOOL_CONFIGURATION}.${field}`;
  if (!strict) read.refuseUnknown(configuration, TOOL_CONFIGURATION_FIELDS, `${TOOL_CONFIGURATION}.`, isExtension);
  const domain = read.text(configuration.domain, at('domain'), 255);
  if (!/^[a-z0-9.-]+(:\d+)?$/i.test(domain)) read.fail(at('domain'), 'must be a host name (with an optional port), not a URL.');
  const secondaryDomains = configuration.secondary_domains === undefined ? [] : read.textList(configuration.secondary_domains, at('secondary_domains'));
  for (const [index, secondary] of secondaryDomains.entries()) {
    if (!/^[a-z0-9.-]+(:\d+)?$/i.test(secondary)) read.fail(`${at('secondary_domains')}[${index}]`, 'must be a host name (with an optional port), not a URL.');
  }
  const targetLinkUri = read.url(configuration.target_link_uri, at('target_link_uri'));
  const customParameters = configuration.custom_parameters === undefined ? {} : read.stringRecord(configuration.custom_parameters, at('custom_parameters'));
  const description = configuration.description === undefined ? undefined : read.text(configuration.description, at('description'), 4096);
  const claims: OidcPersonalClaim[] = [];
  if (configuration.claims !== undefined) {
    for (const [index, claim] of read.textList(configuration.claims, at('claims')).entries()) {
      if (ALWAYS_SENT_CLAIMS.has(claim)) continue;
      if (PERSONAL_CLAIMS.has(claim)) {
        if (!claims.includes(claim as OidcPersonalClaim)) claims.push(claim as OidcPersonalClaim);
        continue;
      }
      // DR-021: a claim the platform cannot release is dropped from a registration, refused in a document.
      if (!strict) read.fail(`${at('claims')}[${index}]`, `is not a claim the platform can release ("${claim}"); use iss, sub, ${[...PERSONAL_CLAIMS].join(', ')}.`);
    }
  }
  const messages: LtiMessageDescriptor[] = [];
  if (configuration.messages !== undefined) {
    const entries: unknown = configuration.messages;
    if (!Array.isArray(entries)) read.fail(at('messages'), 'must be an array.');
    for (const [index, entry] of entries.entries()) {
      const field = `${at('messages')}[${index}]`;
      const message = read.object(entry, field);
      if (!strict) read.refuseUnknown(message, MESSAGE_FIELDS, `${field}.`, (key) => isExtension(key) || key.startsWith('label#'));
      const type = read.text(message.type, `${field}.type`);
      if (!OFFERABLE_MESSAGE_TYPES.has(type)) {
        if (strict) continue;
        read.fail(`${field}.type`, `is not an LTI message type ("${type}").`);
      }
      const checked: LtiMessageDescriptor = { type };
      if (message.target_link_uri !== undefined) checked.target_link_uri = read.url(message.target_link_uri, `${field}.target_link_uri`);
      if (message.label !== undefined) checked.label = read.text(message.label, `${field}.label`);
      for (const key of Object.keys(message)) if (key.startsWith('label#')) checked[key] = read.text(message[key], `${field}.${key}`);
      if (message.icon_uri !== undefined) checked.icon_uri = read.url(message.icon_uri, `${field}.icon_uri`);
      if (message.placements !== undefined) checked.placements = read.textList(message.placements, `${field}.placements`);
      if (message.roles !== undefined) checked.roles = read.textList(message.roles, `${field}.roles`);
      if (message.custom_parameters !== undefined) checked.custom_parameters = read.stringRecord(message.custom_parameters, `${field}.custom_parameters`);
      messages.push(checked);
    }
  }

  if (strict) {
    // DR-031: URLs that contradict each other or the tool's own domain are refused.
    const hosts = [domain, ...secondaryDomains].map((host) => host.toLowerCase());
    const onToolHost = (value: string): boolean => {
      const url = new URL(value);
      return hosts.some((host) => (host.includes(':') ? url.host === host : url.hostname === host));
    };
    if (!onToolHost(initiateLoginUri)) read.fail('initiate_login_uri', `must be on the tool's domain (${hosts.join(', ')}).`);
    for (const [index, uri] of redirectUris.entries()) {
      if (!onToolHost(uri)) read.fail(`redirect_uris[${index}]`, `must be on the tool's domain (${hosts.join(', ')}).`, redirectCode);
    }
    if (!redirectUris.includes(targetLinkUri)) read.fail(at('target_link_uri'), 'must be one of the redirect_uris.', redirectCode);
    for (const [index, message] of messages.entries()) {
      if (message.target_link_uri !== undefined && !redirectUris.includes(message.target_link_uri)) {
        read.fail(`${at('messages')}[${index}].target_link_uri`, 'must be one of the redirect_uris.', redirectCode);
      }
    }
  }

  return {
    name,
    localizedNames,
    initiateLoginUri,
    redirectUris,
    jwksUri,
    targetLinkUri,
    domain,
    secondaryDomains,
    scopes,
    claims,
    customParameters,
    description,
    messages,
    logoUri,
    clientUri,
    policyUri,
    tosUri,
    contacts,
    raw: document,
  };
}

/**
 * Checks a platform's OpenID configuration for Dynamic Registration (DR-012): every REQUIRED
 * member, https endpoints (CORE-004), `private_key_jwt` and `RS256` among the supported methods and
 * algorithms, `id_token` among the response types, and the LTI platform configuration. Both forms
 * of `messages_supported` are accepted (objects, or the older bare strings, returned as objects);
 * an `authorization_server` found inside the LTI member is moved to the top level. Unknown and
 * vendor members are kept. Throws `ERR_LTI_DR_PLATFORM_CONFIGURATION_INVALID` naming the member.
 *
 * @example
 * ```ts
 * const configuration = validatePlatformConfiguration(await response.json(), { allowInsecureLoopback: false });
 * const offersDeepLinking = configuration['https://purl.imsglobal.org/spec/lti-platform-configuration'].messages_supported
 *   .some((message) => message.type === 'LtiDeepLinkingRequest');
 * ```
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0 (DR-012)
 */
export function validatePlatformConfiguration(input: unknown, options: RegistrationValidationOptions = {}): PlatformConfiguration {
  const read: FieldReader = new FieldReader('ERR_LTI_DR_PLATFORM_CONFIGURATION_INVALID', options.allowInsecureLoopback ?? false);
  const document = read.object(input, 'configuration');
  const issuer = read.url(document.issuer, 'issuer');
  if (new URL(issuer).search !== '') read.fail('issuer', 'must have no query.');
  const endpoints = {
    authorization_endpoint: read.url(document.authorization_endpoint, 'authorization_endpoint'),
    registration_endpoint: read.url(document.registration_endpoint, 'registration_endpoint'),
    jwks_uri: read.url(document.jwks_uri, 'jwks_uri'),
    token_endpoint: read.url(document.token_endpoint, 'token_endpoint'),
  };
  const listIncluding = (field: string, required: string | undefined): string[] => {
    const values = read.textList(document[field], field);
    if (required !== undefined && !values.includes(required)) read.fail(field, `must include "${required}".`);
    return values;
  };
  const lists = {
    token_endpoint_auth_methods_supported: listIncluding('token_endpoint_auth_methods_supported', 'private_key_jwt'),
    token_endpoint_auth_signing_alg_values_supported: listIncluding('token_endpoint_auth_signing_alg_values_supported', 'RS256'),
    scopes_supported: listIncluding('scopes_supported', undefined),
    response_types_supported: listIncluding('response_types_supported', 'id_token'),
    subject_types_supported: listIncluding('subject_types_supported', undefined),
    id_token_signing_alg_values_supported: listIncluding('id_token_signing_alg_values_supported', 'RS256'),
    claims_supported: listIncluding('claims_supported', undefined),
  };
  const lti = read.object(document[PLATFORM_CONFIGURATION], PLATFORM_CONFIGURATION);
  const at = (field: string): string => `${PLATFORM_CONFIGURATION}.${field}`;
  const productFamilyCode = read.text(lti.product_family_code, at('product_family_code'), 255);
  const version = read.text(lti.version, at('version'), 255);
  const supportedEntries: unknown = lti.messages_supported;
  if (!Array.isArray(supportedEntries)) read.fail(at('messages_supported'), supportedEntries === undefined ? 'is required.' : 'must be an array.');
  const messagesSupported = supportedEntries.map((entry: unknown, index: number): MessageSupported => {
    const field = `${at('messages_supported')}[${index}]`;
    // The older form is an array of message type strings.
    if (typeof entry === 'string') return { type: read.text(entry, field) };
    const message = read.object(entry, field);
    const supported: MessageSupported = { ...message, type: read.text(message.type, `${field}.type`) };
    if (message.placements !== undefined) supported.placements = read.textList(message.placements, `${field}.placements`);
    return supported;
  });
  const variables = lti.variables === undefined ? undefined : read.textList(lti.variables, at('variables')).map((variable) => variable.replace(/^\$/, ''));
  const nestedServer = lti.authorization_server;
  const authorizationServer = document.authorization_server ?? nestedServer;
  const { authorization_server: _nested, ...ltiRest } = lti;
  return {
    ...document,
    issuer,
    ...endpoints,
    ...lists,
    ...(authorizationServer === undefined ? {} : { authorization_server: read.text(authorizationServer, document.authorization_server === undefined ? at('authorization_server') : 'authorization_server') }),
    [PLATFORM_CONFIGURATION]: {
      ...ltiRest,
      product_family_code: productFamilyCode,
      version,
      messages_supported: messagesSupported,
      ...(variables === undefined ? {} : { variables }),
    },
  } as PlatformConfiguration;
}

/**
 * Checks the platform's answer to a client registration (DR-032): a JSON object with a non-empty
 * `client_id` (at most 255 characters); when present, a `scope` string and a tool configuration
 * whose `deployment_id` is a non-empty string (DR-037: it may be absent). Throws
 * `ERR_LTI_DR_REGISTRATION_RESPONSE_INVALID` naming the member.
 *
 * @example
 * ```ts
 * const { client_id } = validateClientRegistrationResponse(await response.json());
 * ```
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0 (DR-032, DR-035)
 */
export function validateClientRegistrationResponse(input: unknown): ClientRegistrationResponse {
  const read: FieldReader = new FieldReader('ERR_LTI_DR_REGISTRATION_RESPONSE_INVALID', false);
  const document = read.object(input, 'response');
  const clientId = read.text(document.client_id, 'client_id', 255);
  if (document.scope !== undefined && typeof document.scope !== 'string') read.fail('scope', 'must be a space-separated string.');
  if (document[TOOL_CONFIGURATION] === undefined) return { ...document, client_id: clientId };
  const configuration = read.object(document[TOOL_CONFIGURATION], TOOL_CONFIGURATION);
  const checked: Partial<LtiToolConfiguration> = { ...configuration };
  if (configuration.deployment_id !== undefined) checked.deployment_id = read.text(configuration.deployment_id, `${TOOL_CONFIGURATION}.deployment_id`, 255);
  if (configuration.claims !== undefined) checked.claims = read.textList(configuration.claims, `${TOOL_CONFIGURATION}.claims`);
  return { ...document, client_id: clientId, [TOOL_CONFIGURATION]: checked };
}
