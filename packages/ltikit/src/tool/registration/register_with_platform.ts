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
import { LtiError, type LtiErrorCode, toLtiError } from '../../errors.js';
import { mediaTypeOf } from '../../lib/accept_header.js';
import type { Clock } from '../../lib/clock.js';
import { type FetchLike, type GuardedResponse, guardedFetch } from '../../lib/guarded_fetch.js';
import { escapeHtml, htmlResponse, readParameters, singleParameter } from '../../lib/http.js';
import { randomToken } from '../../lib/random.js';
import {
  type ClientRegistrationRequest,
  type ClientRegistrationResponse,
  type LtiMessageDescriptor,
  type PlatformConfiguration,
  validateClientRegistrationResponse,
  validatePlatformConfiguration,
} from '../../messages/registration.js';
import type { PlatformRegistration, PlatformRegistrationStore, SingleUseStore } from '../../stores/types.js';
import { DR_CONFIGURATION_KEY } from '../../vocab/claims.js';
import { MESSAGE_TYPE } from '../../vocab/message_types.js';
import { POST_MESSAGE_SUBJECT } from '../../vocab/post_messages.js';
import type { DynamicRegistrationOptions, DynamicRegistrationResult, ResolvedToolConfig } from '../config.js';
import { checkPlatformRegistration } from '../registry.js';

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024;
const CONFIRMATION_KIND = 'lti_dr_confirmation';
/** As long as a platform's registration token usually lives. */
const CONFIRMATION_SECONDS = 600;

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
  // DR-012: the configuration is served as JSON; anything else (an HTML sign-in page, a proxy's
  // error page) is refused before its body is parsed.
  const document = readJsonBody(response, 'ERR_LTI_DR_PLATFORM_CONFIGURATION_INVALID', 'configuration');
  return validatePlatformConfiguration(document, { allowInsecureLoopback: context.config.allowInsecureLoopback });
}

/** `application/json` or a structured `+json` type (RFC 6839), whatever its parameters. */
function isJsonMediaType(contentType: string | null): boolean {
  const mediaType = mediaTypeOf(contentType);
  return mediaType === 'application/json' || /^application\/[!#$&^_.+\-0-9a-z]+\+json$/.test(mediaType);
}

/** The body of a JSON answer: its `Content-Type` says JSON and it parses; `code` otherwise, naming `field`. */
function readJsonBody(response: GuardedResponse, code: LtiErrorCode, field: string): unknown {
  const contentType = response.headers.get('content-type');
  if (!isJsonMediaType(contentType)) {
    throw new LtiError(code, {
      message: `${field} is not JSON: its Content-Type is ${contentType === null ? 'missing' : `\`${mediaTypeOf(contentType).slice(0, 100)}\``}.`,
      detail: { field: 'content-type', status: response.status },
    });
  }
  try {
    return JSON.parse(response.text()) as unknown;
  } catch (cause) {
    throw new LtiError(code, { message: `${field} is not JSON.`, detail: { field, status: response.status }, cause });
  }
}

/**
 * DR-011: the configuration's `issuer` is on the host its URL was fetched from (host and port), so
 * a configuration served elsewhere cannot claim to be another platform. Throws
 * `ERR_LTI_DR_ISSUER_MISMATCH`. Only the issuer is compared: the endpoints (authorization, token,
 * JWKS, registration) may be on other hosts, as they are for platforms behind a separate identity
 * service. Whoever serves the configuration chooses them; `registration.confirm` shows them.
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
    const answer = readRefusal(response);
    const text = (value: unknown): string | null => (typeof value === 'string' ? value.slice(0, 500) : null);
    throw new LtiError('ERR_LTI_DR_REGISTRATION_REFUSED', {
      detail: { status: response.status, error: text(answer.error), error_description: text(answer.error_description) },
    });
  }
  // DR-032: a JSON object; `validateClientRegistrationResponse` refuses `null`, arrays and scalars.
  return validateClientRegistrationResponse(readJsonBody(response, 'ERR_LTI_DR_REGISTRATION_RESPONSE_INVALID', 'response'));
}

/**
 * The RFC 7591 §3.2.2 error object of a refusal, when the platform sent one. A refusal whose body
 * is not JSON, or is JSON but not an object (`null`, an array, a string), is still a refusal.
 */
function readRefusal(response: GuardedResponse): Record<string, unknown> {
  if (!isJsonMediaType(response.headers.get('content-type'))) return {};
  let answer: unknown;
  try {
    answer = JSON.parse(response.text()) as unknown;
  } catch {
    return {};
  }
  return typeof answer === 'object' && answer !== null && !Array.isArray(answer) ? (answer as Record<string, unknown>) : {};
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
  return completeRegistration(configuration, initiation, context);
}

/** DR-020..DR-037: the registration posted and its answer stored, for a configuration already checked. */
async function completeRegistration(
  configuration: PlatformConfiguration,
  initiation: RegistrationInitiation,
  context: RegistrationInitiationContext,
): Promise<DynamicRegistrationResult> {
  const clientRegistration = buildClientRegistrationRequest(configuration, context);
  const response = await postClientRegistration(configuration, clientRegistration, initiation, context);
  const registration = await storePlatformRegistration(configuration, response, context);
  return { registration, configuration, response };
}

/**
 * What the confirmation step (`registration.confirm`) needs besides the initiation's context: a
 * single-use store for the confirmation token and a clock for its expiry.
 *
 * @example
 * ```ts
 * const context: RegistrationConfirmationContext = { config, options, platforms, singleUse: stores.singleUse, clock: systemClock };
 * ```
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0 (DR-004)
 */
export interface RegistrationConfirmationContext extends RegistrationInitiationContext {
  singleUse: SingleUseStore;
  clock: Clock;
}

/** What a confirmation token stands for: the checked configuration, and where and with what it was fetched. */
interface PendingConfirmation {
  openidConfigurationUrl: string;
  registrationToken?: string;
  configuration: PlatformConfiguration;
}

/**
 * DR-004, with `registration.confirm`: the initiation runs up to the issuer check (DR-002..DR-012)
 * and nothing is registered yet. The answer is a page showing the platform — issuer, product, and
 * the host of every endpoint, those not on the issuer's host marked — with a POST form carrying a
 * single-use confirmation token (10 minutes) bound server-side to that configuration and the
 * registration token. A cross-site navigation to the registration URL therefore registers
 * nothing: only the administrator's own submit of that form does ({@link confirmRegistration}).
 *
 * @example
 * ```ts
 * if (request.method === 'GET') return await prepareRegistrationConfirmation(request, context);
 * ```
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0 (DR-004, DR-011)
 */
export async function prepareRegistrationConfirmation(request: Request, context: RegistrationConfirmationContext): Promise<Response> {
  const initiation = readRegistrationInitiation(new URL(request.url).searchParams);
  const configuration = await fetchPlatformConfiguration(initiation, context);
  checkIssuerMatchesConfigurationUrl(configuration, initiation.openidConfigurationUrl);
  const pending: PendingConfirmation = {
    openidConfigurationUrl: initiation.openidConfigurationUrl,
    ...(initiation.registrationToken === undefined ? {} : { registrationToken: initiation.registrationToken }),
    configuration,
  };
  const token = randomToken(32);
  await context.singleUse.issue(CONFIRMATION_KIND, token, JSON.stringify(pending), context.clock.now() + CONFIRMATION_SECONDS);
  return registrationConfirmationPage(configuration, initiation, buildClientRegistrationRequest(configuration, context), token, context.options);
}

/**
 * DR-004, with `registration.confirm`: the administrator's POST of the confirmation form. Its
 * `confirmation` token is spent (`ERR_LTI_DR_CONFIRMATION_INVALID` when unknown, expired or used),
 * then the registration goes on with the configuration shown (it is not fetched again, so what
 * the administrator confirmed is what is registered): DR-020..DR-037.
 *
 * @example
 * ```ts
 * if (request.method === 'POST') return registrationCompletePage(await confirmRegistration(request, context), options);
 * ```
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0 (DR-004, DR-020..DR-037)
 */
export async function confirmRegistration(request: Request, context: RegistrationConfirmationContext): Promise<DynamicRegistrationResult> {
  const form = await readParameters(request, 4096);
  const token = singleParameter(form, 'confirmation');
  const raw = token === undefined || token.length > 128 ? undefined : await context.singleUse.consume(CONFIRMATION_KIND, token);
  if (raw === undefined) throw new LtiError('ERR_LTI_DR_CONFIRMATION_INVALID');
  const pending = JSON.parse(raw) as PendingConfirmation;
  return completeRegistration(pending.configuration, { openidConfigurationUrl: pending.openidConfigurationUrl, registrationToken: pending.registrationToken }, context);
}

/** The confirmation page: who the platform says it is, where its endpoints are, what will be asked. */
function registrationConfirmationPage(
  configuration: PlatformConfiguration,
  initiation: RegistrationInitiation,
  request: ClientRegistrationRequest,
  token: string,
  options: DynamicRegistrationOptions,
): Response {
  const issuerHost = new URL(configuration.issuer).host;
  const lti = configuration[DR_CONFIGURATION_KEY.platformConfiguration];
  const endpoint = (label: string, url: string | undefined): string => {
    if (url === undefined) return '';
    const host = new URL(url).host;
    const elsewhere = host !== issuerHost;
    return `<tr${elsewhere ? ' class="other-host"' : ''}><th scope="row">${escapeHtml(label)}</th><td><code>${escapeHtml(host)}</code>${elsewhere ? ' <strong>(not the issuer\u2019s host)</strong>' : ''}</td><td><code>${escapeHtml(url)}</code></td></tr>`;
  };
  const list = (values: readonly string[]): string => (values.length === 0 ? 'none' : values.map((value) => `<code>${escapeHtml(value)}</code>`).join(', '));
  const toolConfiguration = request[DR_CONFIGURATION_KEY.toolConfiguration];
  const scopes = typeof request.scope === 'string' ? request.scope.split(' ') : [];
  const body = [
    '<h1>Register with this platform?</h1>',
    `<p>${escapeHtml(options.clientName)} is about to register itself with the platform below and trust it to launch users into it. Go on only if you opened this from that platform\u2019s administration.</p>`,
    '<table>',
    `<tr><th scope="row">Issuer</th><td colspan="2"><code id="platform-issuer">${escapeHtml(configuration.issuer)}</code></td></tr>`,
    `<tr><th scope="row">Product</th><td colspan="2">${escapeHtml(lti.product_family_code)} ${escapeHtml(lti.version)}</td></tr>`,
    endpoint('Configuration', initiation.openidConfigurationUrl),
    endpoint('Authorization endpoint', configuration.authorization_endpoint),
    endpoint('Token endpoint', configuration.token_endpoint),
    endpoint('Token audience', configuration.authorization_server),
    endpoint('Key set (JWKS)', configuration.jwks_uri),
    endpoint('Registration endpoint', configuration.registration_endpoint),
    '</table>',
    `<p>Requested: scopes ${list(scopes)}; claims ${list(toolConfiguration.claims ?? [])}; messages ${list(toolConfiguration.messages?.map((message) => message.type) ?? [])}.</p>`,
    `<form method="post"><input type="hidden" name="confirmation" value="${escapeHtml(token)}"><button type="submit" id="ltikit-confirm">Register</button></form>`,
  ].join('');
  return pageWithScript('Confirm the registration', body, 200, false, true);
}

function closeButton(nonce: string, automatic: boolean): string {
  const post = `(window.opener || window.parent).postMessage({ subject: ${JSON.stringify(POST_MESSAGE_SUBJECT.close)} }, '*');`;
  return `<p><button type="button" id="ltikit-close">Close</button></p><script nonce="${nonce}">document.getElementById('ltikit-close').addEventListener('click', function () { ${post} });${automatic ? ` ${post}` : ''}</script>`;
}

function pageWithScript(title: string, body: string, status: number, automaticClose: boolean, postsForm = false): Response {
  const nonce = randomToken(16);
  // No frame-ancestors: the platform shows this page in its own frame (DR-001).
  return htmlResponse(title, `${body}${closeButton(nonce, automaticClose)}`, status, {
    'content-security-policy': `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'unsafe-inline'; img-src https: data:; base-uri 'none'; form-action ${postsForm ? "'self'" : "'none'"}`,
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
