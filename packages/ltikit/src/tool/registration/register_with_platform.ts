/**
 * The tool's side of Dynamic Registration (`GET {baseUrl}/register`), as a sequence of named
 * checks: the initiation parameters (DR-002), the tool's own sign-in (DR-004), the platform's
 * OpenID configuration (DR-010, DR-012) and its issuer (DR-011), the client registration built
 * from the tool's own URLs (DR-020, DR-021), the platform's answer (DR-032), and the stored
 * platform registration (DR-035..DR-037). It ends with the page that tells the platform to close
 * the frame (DR-040); every failure is a page naming the failed check's code.
 *
 * @example
 * ```ts
 * const tool = createTool({ baseUrl: 'https://tool.example.com/lti', stores, onLaunch,
 *   registration: { clientName: 'Quiz tool', scopes: [SCOPE.score], claims: ['iss', 'sub', 'name'] } });
 * // Give platforms https://tool.example.com/lti/register
 * ```
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0
 */
import { LtiError, toLtiError } from '../../errors.js';
import { type FetchLike, guardedFetch } from '../../lib/guarded_fetch.js';
import { escapeHtml, htmlResponse, singleParameter } from '../../lib/http.js';
import { randomToken } from '../../lib/random.js';
import {
  type ClientRegistrationRequest,
  type ClientRegistrationResponse,
  type LtiMessageDescriptor,
  type PlatformConfiguration,
  validateClientRegistrationResponse,
  validatePlatformConfiguration,
} from '../../messages/registration.js';
import type { PlatformRegistration, PlatformRegistrationStore } from '../../stores/types.js';
import { DR_CONFIGURATION_KEY } from '../../vocab/claims.js';
import { MESSAGE_TYPE } from '../../vocab/message_types.js';
import { POST_MESSAGE_SUBJECT } from '../../vocab/post_messages.js';
import type { DynamicRegistrationOptions, DynamicRegistrationResult, ResolvedToolConfig } from '../config.js';
import { checkPlatformRegistration } from '../registry.js';

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024;

export interface RegistrationInitiationContext {
  config: ResolvedToolConfig;
  options: DynamicRegistrationOptions;
  platforms: PlatformRegistrationStore;
  fetch?: FetchLike;
}

/**
 * The initiation parameters (dynamic-registration.md §1).
 *
 * @example
 * ```ts
 * const initiation: RegistrationInitiation = { openidConfigurationUrl: 'https://lms.example.edu/.well-known/openid-configuration', registrationToken: 'eyJ…' };
 * ```
 */
export interface RegistrationInitiation {
  openidConfigurationUrl: string;
  registrationToken: string | undefined;
}

/**
 * DR-002: `openid_configuration` is required (400 `ERR_LTI_DR_OPENID_CONFIGURATION_MISSING`
 * without it); `registration_token` is optional. Each is bounded in length and given once.
 *
 * @example
 * ```ts
 * readRegistrationInitiation(new URL(request.url).searchParams); // throws when openid_configuration is absent
 * ```
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0 (DR-001, DR-002)
 */
export function readRegistrationInitiation(parameters: URLSearchParams): RegistrationInitiation {
  const openidConfigurationUrl = singleParameter(parameters, 'openid_configuration');
  if (openidConfigurationUrl === undefined) throw new LtiError('ERR_LTI_DR_OPENID_CONFIGURATION_MISSING');
  const registrationToken = singleParameter(parameters, 'registration_token');
  if (openidConfigurationUrl.length > 2048 || (registrationToken !== undefined && registrationToken.length > 4096)) {
    throw new LtiError('ERR_LTI_REQUEST_MALFORMED', { message: 'openid_configuration (at most 2048 characters) or registration_token (at most 4096) is too long.' });
  }
  return { openidConfigurationUrl, registrationToken };
}

/**
 * DR-010, DR-012: GETs the platform's OpenID configuration with `Accept: application/json` and the
 * registration token as a Bearer token when there is one, through the guarded fetch (https only,
 * no redirects, a deadline and a size cap), and checks it.
 *
 * @example
 * ```ts
 * const configuration = await fetchPlatformConfiguration(initiation, context); // throws ERR_LTI_FETCH_TIMEOUT, ERR_LTI_DR_PLATFORM_CONFIGURATION_INVALID …
 * ```
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0 (DR-010, DR-012)
 */
export async function fetchPlatformConfiguration(initiation: RegistrationInitiation, context: RegistrationInitiationContext): Promise<PlatformConfiguration> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (initiation.registrationToken !== undefined) headers.authorization = `Bearer ${initiation.registrationToken}`;
  const response = await guardedFetch(initiation.openidConfigurationUrl, {
    ...(context.fetch === undefined ? {} : { fetch: context.fetch }),
    timeoutMs: context.options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxBytes: context.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    headers,
    expectOk: true,
    allowInsecureLoopback: context.config.allowInsecureLoopback,
  });
  return validatePlatformConfiguration(response.json(), { allowInsecureLoopback: context.config.allowInsecureLoopback });
}

/**
 * DR-011: the configuration's `issuer` is on the host its URL was fetched from (host and port), so
 * a configuration served elsewhere cannot claim to be another platform. Throws
 * `ERR_LTI_DR_ISSUER_MISMATCH`.
 *
 * @example
 * ```ts
 * checkIssuerMatchesConfigurationUrl({ ...configuration, issuer: 'https://other.example' }, url); // throws
 * ```
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0 (DR-011)
 */
export function checkIssuerMatchesConfigurationUrl(configuration: PlatformConfiguration, openidConfigurationUrl: string): void {
  const issuerHost = new URL(configuration.issuer).host;
  const configurationHost = new URL(openidConfigurationUrl).host;
  if (issuerHost !== configurationHost) {
    throw new LtiError('ERR_LTI_DR_ISSUER_MISMATCH', { detail: { issuer: configuration.issuer, openid_configuration: openidConfigurationUrl } });
  }
}

/**
 * DR-020, DR-021: the client registration, built from the tool's own URLs (login, launch, JWKS)
 * and asking only for what the platform advertises: scopes among `scopes_supported`, claims among
 * `claims_supported`, messages among `messages_supported` (`LtiResourceLinkRequest` is implied).
 *
 * @example
 * ```ts
 * const request = buildClientRegistrationRequest(configuration, context);
 * request.redirect_uris; // ['https://tool.example.com/lti/launch']
 * ```
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0 (DR-020, DR-021)
 */
export function buildClientRegistrationRequest(configuration: PlatformConfiguration, context: Pick<RegistrationInitiationContext, 'config' | 'options'>): ClientRegistrationRequest {
  const { config, options } = context;
  const advertised = new Set(configuration[DR_CONFIGURATION_KEY.platformConfiguration].messages_supported.map((message) => message.type));
  advertised.add(MESSAGE_TYPE.LtiResourceLinkRequest);
  const wanted: LtiMessageDescriptor[] = options.messages ?? [
    { type: MESSAGE_TYPE.LtiResourceLinkRequest, target_link_uri: config.launchUrl },
    ...(config.messageTypes.includes(MESSAGE_TYPE.LtiDeepLinkingRequest) ? [{ type: MESSAGE_TYPE.LtiDeepLinkingRequest, target_link_uri: config.launchUrl }] : []),
  ];
  const messages = wanted.filter((message) => advertised.has(message.type));
  const targetLinkUri = options.targetLinkUri ?? config.launchUrl;
  // The platform requires every target among the redirect URIs (its exact-match list, OIDC-022).
  const redirectUris = [...new Set([config.launchUrl, targetLinkUri, ...messages.flatMap((message) => (message.target_link_uri === undefined ? [] : [message.target_link_uri]))])];
  const domain = config.baseUrl.host;
  const secondaryDomains = [...new Set(redirectUris.map((uri) => new URL(uri).host).filter((host) => host !== domain))];
  const scopes = (options.scopes ?? []).filter((scope) => configuration.scopes_supported.includes(scope));
  const claims = (options.claims ?? ['iss', 'sub']).filter((claim) => configuration.claims_supported.includes(claim));
  const localized = Object.fromEntries(Object.entries(options.localizedClientNames ?? {}).map(([language, name]) => [`client_name#${language}`, name]));
  const optional = (name: string, value: string | undefined): Record<string, string> => (value === undefined ? {} : { [name]: value });
  return {
    application_type: 'web',
    response_types: ['id_token'],
    grant_types: ['implicit', 'client_credentials'],
    initiate_login_uri: config.loginUrl,
    redirect_uris: redirectUris,
    client_name: options.clientName,
    ...localized,
    jwks_uri: config.jwksUrl,
    ...optional('logo_uri', options.logoUri),
    ...optional('client_uri', options.clientUri),
    ...optional('policy_uri', options.policyUri),
    ...optional('tos_uri', options.tosUri),
    ...(options.contacts === undefined ? {} : { contacts: [...options.contacts] }),
    token_endpoint_auth_method: 'private_key_jwt',
    ...(scopes.length === 0 ? {} : { scope: scopes.join(' ') }),
    [DR_CONFIGURATION_KEY.toolConfiguration]: {
      domain,
      ...(secondaryDomains.length === 0 ? {} : { secondary_domains: secondaryDomains }),
      target_link_uri: targetLinkUri,
      ...(options.customParameters === undefined ? {} : { custom_parameters: { ...options.customParameters } }),
      ...optional('description', options.description),
      claims,
      messages,
    },
  };
}

/**
 * DR-020, DR-032: POSTs the registration as JSON to the `registration_endpoint`, with the
 * registration token as a Bearer token when there is one, and checks the answer. A refusal
 * becomes `ERR_LTI_DR_REGISTRATION_REFUSED` with the platform's `error` and `error_description`
 * in the detail.
 *
 * @example
 * ```ts
 * const response = await postClientRegistration(configuration, request, initiation, context);
 * response.client_id;
 * ```
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0 (DR-020, DR-030, DR-031, DR-032)
 */
export async function postClientRegistration(
  configuration: PlatformConfiguration,
  request: ClientRegistrationRequest,
  initiation: RegistrationInitiation,
  context: RegistrationInitiationContext,
): Promise<ClientRegistrationResponse> {
  const headers: Record<string, string> = { accept: 'application/json', 'content-type': 'application/json' };
  if (initiation.registrationToken !== undefined) headers.authorization = `Bearer ${initiation.registrationToken}`;
  const response = await guardedFetch(configuration.registration_endpoint, {
    ...(context.fetch === undefined ? {} : { fetch: context.fetch }),
    method: 'POST',
    headers,
    body: JSON.stringify(request),
    timeoutMs: context.options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxBytes: context.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    allowInsecureLoopback: context.config.allowInsecureLoopback,
  });
  if (response.status < 200 || response.status > 299) {
    let answer: { error?: unknown; error_description?: unknown } = {};
    try {
      answer = response.json() as typeof answer;
    } catch {
      // A refusal without a JSON body is still a refusal.
    }
    const text = (value: unknown): string | null => (typeof value === 'string' ? value.slice(0, 500) : null);
    throw new LtiError('ERR_LTI_DR_REGISTRATION_REFUSED', {
      detail: { status: response.status, error: text(answer.error), error_description: text(answer.error_description) },
    });
  }
  let body: unknown;
  try {
    body = JSON.parse(response.text()) as unknown;
  } catch (cause) {
    throw new LtiError('ERR_LTI_DR_REGISTRATION_RESPONSE_INVALID', { message: 'response is not JSON.', detail: { field: 'response' }, cause });
  }
  return validateClientRegistrationResponse(body);
}

/**
 * DR-035..DR-037: stores what the tool needs of the platform — issuer, client id, authorization
 * and token endpoints, `authorization_server` as the client-assertion audience, JWKS URL, the
 * granted scopes and the deployment. Without a `deployment_id` the registration accepts the first
 * launch's deployment (`acceptFirstDeployment`, DR-037). A registration already held for the same
 * (issuer, client id) is not replaced: `ERR_LTI_DR_PLATFORM_ALREADY_REGISTERED` (DR-036).
 *
 * @example
 * ```ts
 * const registration = await storePlatformRegistration(configuration, response, context);
 * ```
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0 (DR-035, DR-036, DR-037)
 */
export async function storePlatformRegistration(
  configuration: PlatformConfiguration,
  response: ClientRegistrationResponse,
  context: Pick<RegistrationInitiationContext, 'config' | 'platforms'>,
): Promise<PlatformRegistration> {
  const existing = await context.platforms.findPlatforms(configuration.issuer);
  if (existing.some((registration) => registration.clientId === response.client_id)) {
    throw new LtiError('ERR_LTI_DR_PLATFORM_ALREADY_REGISTERED', { detail: { issuer: configuration.issuer, client_id: response.client_id } });
  }
  const deploymentId = response[DR_CONFIGURATION_KEY.toolConfiguration]?.deployment_id;
  const scopes = typeof response.scope === 'string' ? response.scope.split(/\s+/).filter(Boolean) : [];
  const lti = configuration[DR_CONFIGURATION_KEY.platformConfiguration];
  const registration = checkPlatformRegistration(
    {
      issuer: configuration.issuer,
      clientId: response.client_id,
      deploymentIds: deploymentId === undefined ? [] : [deploymentId],
      authorizationEndpoint: configuration.authorization_endpoint,
      tokenEndpoint: configuration.token_endpoint,
      ...(configuration.authorization_server === undefined ? {} : { tokenAudience: configuration.authorization_server }),
      jwksUri: configuration.jwks_uri,
      name: `${lti.product_family_code} (${new URL(configuration.issuer).host})`,
      scopes,
      ...(deploymentId === undefined ? { acceptFirstDeployment: true } : {}),
    },
    { allowInsecureLoopback: context.config.allowInsecureLoopback },
  );
  await context.platforms.savePlatform(registration);
  return registration;
}

/**
 * The whole initiation (DR-002..DR-040): every check in order, the registration stored, and the
 * page that posts the close message. Throws the failed check's `LtiError`; {@link registrationErrorPage}
 * turns it into a page.
 *
 * @example
 * ```ts
 * const result = await registerWithPlatform(request, context);
 * ```
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0
 */
export async function registerWithPlatform(request: Request, context: RegistrationInitiationContext): Promise<DynamicRegistrationResult> {
  const initiation = readRegistrationInitiation(new URL(request.url).searchParams);
  const configuration = await fetchPlatformConfiguration(initiation, context);
  checkIssuerMatchesConfigurationUrl(configuration, initiation.openidConfigurationUrl);
  const clientRegistration = buildClientRegistrationRequest(configuration, context);
  const response = await postClientRegistration(configuration, clientRegistration, initiation, context);
  const registration = await storePlatformRegistration(configuration, response, context);
  return { registration, configuration, response };
}

function closeButton(nonce: string, automatic: boolean): string {
  const post = `(window.opener || window.parent).postMessage({ subject: ${JSON.stringify(POST_MESSAGE_SUBJECT.close)} }, '*');`;
  return `<p><button type="button" id="ltikit-close">Close</button></p><script nonce="${nonce}">document.getElementById('ltikit-close').addEventListener('click', function () { ${post} });${automatic ? ` ${post}` : ''}</script>`;
}

function pageWithScript(title: string, body: string, status: number, automaticClose: boolean): Response {
  const nonce = randomToken(16);
  // No frame-ancestors: the platform shows this page in its own frame (DR-001).
  return htmlResponse(title, `${body}${closeButton(nonce, automaticClose)}`, status, {
    'content-security-policy': `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'unsafe-inline'; img-src https: data:; base-uri 'none'; form-action 'none'`,
  });
}

/**
 * DR-040: the final page. It posts `{ subject: 'org.imsglobal.lti.close' }` to
 * `window.opener || window.parent` as soon as it loads, so the platform closes the frame, and
 * offers a Close button for windows that stay open.
 *
 * @example
 * ```ts
 * return registrationCompletePage(result, options);
 * ```
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0 (DR-040)
 */
export function registrationCompletePage(result: DynamicRegistrationResult, options: DynamicRegistrationOptions): Response {
  const custom = options.completionPage?.(result);
  const issuer = escapeHtml(result.registration.issuer);
  const body = custom?.html ?? `<h1>Registered</h1><p>${escapeHtml(options.clientName)} is now registered with <code>${issuer}</code> (client id <code id="client-id">${escapeHtml(result.registration.clientId)}</code>). The platform's administrator may still need to approve it.</p>`;
  return pageWithScript(custom?.title ?? 'Registration complete', body, 200, true);
}

/**
 * A refused registration as a page: the failed check's code and sentence (no stack trace), a 4xx
 * status (upstream failures too; 500 only for an internal error, as on every tool page), and a
 * Close button that posts the close message (DR-040) so the administrator can go back to the platform.
 *
 * @example
 * ```ts
 * catch (thrown) { return registrationErrorPage(thrown); }
 * ```
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0 (DR-002, DR-040)
 */
export function registrationErrorPage(thrown: unknown): Response {
  const error = toLtiError(thrown);
  const refusal = error.code === 'ERR_LTI_DR_REGISTRATION_REFUSED' ? error.detail : undefined;
  const said =
    refusal === undefined
      ? ''
      : `<p>The platform answered <code>${escapeHtml(String(refusal.status))}</code>${typeof refusal.error === 'string' ? ` <code>${escapeHtml(refusal.error)}</code>` : ''}${typeof refusal.error_description === 'string' ? `: ${escapeHtml(refusal.error_description)}` : ''}</p>`;
  const body = `<div class="error"><h1>The registration could not be completed</h1><p>${escapeHtml(error.message)}</p>${said}<p>Error code: <code>${escapeHtml(error.code)}</code></p></div>`;
  // As on every tool page: upstream failures (the platform's) answer 4xx; only internal errors 500.
  const status = error.code === 'ERR_LTI_INTERNAL' ? 500 : error.status >= 500 ? 400 : error.status;
  return pageWithScript('Registration error', body, status, false);
}
