/**
 * The tool side of LTI 1.3 as one web-standard handler: `tool.fetch(request)` serves login
 * initiation (`GET|POST {baseUrl}/login`) and the launch (`POST {baseUrl}/launch`).
 *
 * @example
 * ```ts
 * import { createTool } from 'ltikit/tool';
 * import { createMemoryStores } from 'ltikit/stores';
 *
 * const stores = createMemoryStores();
 * await stores.platforms.savePlatform({
 *   issuer: 'https://lms.example.edu', clientId: 'c-7731', deploymentIds: ['dep-01'],
 *   authorizationEndpoint: 'https://lms.example.edu/lti/authorize',
 *   jwksUri: 'https://lms.example.edu/.well-known/jwks.json',
 * });
 * const tool = createTool({
 *   baseUrl: 'https://tool.example.com/lti', stores,
 *   onLaunch: (launch) => new Response(`Hello ${launch.person.name ?? launch.userId}`),
 * });
 * // Any framework: export default { fetch: tool.fetch };
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/
 */
import { LtiError, toLtiError } from '../errors.js';
import { type Clock, systemClock } from '../lib/clock.js';
import { assertSecureUrl } from '../lib/guarded_fetch.js';
import { DEFAULT_MAX_BODY_BYTES, jsonResponse, parseCookies, readParameters, relativePath, singleParameter } from '../lib/http.js';
import { type LtiMessageEvent, type LtiMessageKind, notify } from '../lib/observe.js';
import { RemoteJwksCache } from '../keys/remote_jwks.js';
import { SigningKeySet } from '../keys/signing_key_set.js';
import type { Lti11Credential, PlatformRegistration } from '../stores/types.js';
import { MESSAGE_TYPE } from '../vocab/message_types.js';
import { checkPlatformRegistration } from './registry.js';
import type { ResolvedLti11Config, ResolvedToolConfig, ToolOptions } from './config.js';
import { toolErrorResponse } from './error_response.js';
import {
  confirmRegistration,
  prepareRegistrationConfirmation,
  readRegistrationInitiation,
  registerWithPlatform,
  registrationCompletePage,
  registrationErrorPage,
} from './registration/register_with_platform.js';
import { initiateLogin, stateCookie } from './login/initiate_login.js';
import { type LtiLaunch, validateLaunch, verifiedReturnUrlOf } from './launch/validate_launch.js';
import { findLinkedLti11Credential } from './launch/verify_lti1p1_migration.js';
import { type Lti11Tool, createLti11Tool } from './lti11/lti11_tool.js';
import { type DeepLinkingResponseOptions, createDeepLinkingResponse } from './deep_linking/create_deep_linking_response.js';
import type { ContentItem } from '../messages/deep_linking.js';
import { type AccessToken, AccessTokenClient, type ServiceRequest, type ServiceTarget } from './token/access_token_client.js';
import { type NrpsClient, createNrpsClient } from './nrps/nrps_client.js';
import { type AgsClient, createAgsClient } from './ags/ags_client.js';

/**
 * The tool side returned by {@link createTool}: one `fetch` handler for login initiation (OIDC-001)
 * and the launch POST at the redirect URI (CORE-020), or each handler alone for apps that own their
 * routing.
 *
 * @example
 * ```ts
 * app.post('/lti/launch', (c) => tool.handleLaunch(c.req.raw));
 * ```
 */
export interface LtiTool {
  /** Serves every tool endpoint; answers 404 (as an LtiError response) outside `baseUrl`. */
  fetch(request: Request): Promise<Response>;
  /** Handles a login initiation request (GET or POST) and answers with the redirect to the platform. */
  handleLogin(request: Request): Promise<Response>;
  /** Handles the launch POST at the redirect URI. */
  handleLaunch(request: Request): Promise<Response>;
  /**
   * Handles a Dynamic Registration initiation (`GET ${baseUrl}/register?openid_configuration=…`,
   * DR-001..DR-040) with the `registration` option; a 404 page without it. With
   * `registration.confirm` the GET answers a confirmation page and its form's POST registers.
   */
  handleRegistration(request: Request): Promise<Response>;
  /**
   * Validates a launch without producing a response, for apps that own their routing. Add
   * `headers` (the state cookie's removal, VAL-021) to the response you send.
   */
  validateLaunch(request: Request): Promise<{ launch: LtiLaunch; headers: Headers }>;
  /** Checks and stores a platform registration (CORE-003). */
  registerPlatform(registration: PlatformRegistration): Promise<PlatformRegistration>;
  /**
   * The LTI 1.1 credential a verified migration linked to this registration, and to this
   * deployment when one is given (MIG-005): the consumer key to find 1.1 records by when a launch
   * carries no `lti1p1` claim. `undefined` when none is linked or the tool has no `stores.lti11`.
   */
  findLinkedLti11Credential(target: { issuer: string; clientId: string; deploymentId?: string }): Promise<Lti11Credential | undefined>;
  /**
   * An access token for `scopes` from the platform of `target` (cached, renewed before expiry;
   * TOK-001..005). Needs `stores.keys`.
   */
  getAccessToken(target: ServiceTarget, scopes: string[]): Promise<AccessToken>;
  /**
   * Calls a platform service with a token for `request.scopes` (TOK-020): retried once with a new
   * token on 401 (TOK-022), `429`/`Retry-After` honoured. Works from a background job: `target` is
   * what the tool stored at launch time. Needs `stores.keys`.
   */
  serviceFetch(target: ServiceTarget, request: ServiceRequest): Promise<Response>;
  /**
   * Names and Role Provisioning Services (NRPS-002): `nrps.members(target, url, options)` iterates
   * every member across pages, `nrps.page(...)` reads one page with its links. Needs `stores.keys`.
   */
  readonly nrps: NrpsClient;
  /**
   * Assignment and Grade Services (ags.md): line items, scores and results through
   * `tool.serviceFetch`, with the launch claim's URLs as given (AGS-004, AGS-010). Needs `stores.keys`.
   */
  readonly ags: AgsClient;
  /**
   * Answers an `LtiDeepLinkingRequest` launch (`launch.deepLinking` set) with the selected items:
   * the page that posts the signed `LtiDeepLinkingResponse` as `JWT` to `deep_link_return_url`
   * (DL-020, DL-021). Refuses item types the platform did not accept, several items without
   * `accept_multiple`, a `lineItem` under `accept_lineitem: false` (`ERR_LTI_DL_*`, DL-011,
   * DL-012). Pass no items and an `errormsg` on cancel (DL-031). Needs `stores.keys`.
   */
  createDeepLinkingResponse(launch: LtiLaunch, contentItems: readonly ContentItem[], options?: DeepLinkingResponseOptions): Promise<Response>;
  /** The tool's signing keys (with `stores.keys`): rotate with `keys.prepareNext()` and `keys.rotate()`. */
  readonly keys: SigningKeySet | undefined;
  /** The remote JWKS cache (fetch counts for monitoring). */
  readonly jwksCache: RemoteJwksCache;
  readonly config: ResolvedToolConfig;
  /**
   * LTI 1.0/1.1 (lti11.md §1–§3): `lti11.validateLaunch(request)` for apps that own their routing
   * (`tool.fetch` serves `POST ${baseUrl}/lti11/launch` with the `lti11` option), and
   * `lti11.outcomes` to send grades through Basic Outcomes. Needs `stores.lti11`.
   */
  readonly lti11: Lti11Tool;
}

/**
 * Applies defaults and checks the options once, at start-up: `baseUrl` must be https (CORE-004;
 * plain http only on loopback with `allowInsecureLoopback`).
 *
 * @example
 * ```ts
 * resolveToolConfig({ baseUrl: 'https://tool.example.com/lti', stores, onLaunch }).loginUrl; // 'https://tool.example.com/lti/login'
 * ```
 */
export function resolveToolConfig(options: ToolOptions): ResolvedToolConfig {
  let baseUrl: URL;
  try {
    baseUrl = assertSecureUrl(options.baseUrl, { allowInsecureLoopback: options.allowInsecureLoopback ?? false });
  } catch (cause) {
    throw new LtiError('ERR_LTI_PLATFORM_CONFIG_INVALID', { cause, message: `baseUrl must be an https URL (got ${options.baseUrl}).` });
  }
  const basePath = baseUrl.pathname.replace(/\/+$/, '');
  const root = `${baseUrl.origin}${basePath}`;
  const loopback = baseUrl.protocol === 'http:';
  return {
    baseUrl,
    basePath,
    loginUrl: `${root}/login`,
    launchUrl: `${root}/launch`,
    jwksUrl: `${root}/jwks`,
    registrationUrl: `${root}/register`,
    allowedTargetLinkUris: options.allowedTargetLinkUris ?? [`${baseUrl.origin}/`],
    messageTypes: options.messageTypes ?? [MESSAGE_TYPE.LtiResourceLinkRequest],
    trustedAudiences: options.trustedAudiences ?? [],
    allowAnonymous: options.allowAnonymous ?? false,
    lti1p1Migration: options.lti1p1Migration ?? 'report',
    lti11: resolveLti11Config(options, root),
    clockToleranceSeconds: options.clockToleranceSeconds ?? 60,
    maxTokenAgeSeconds: options.maxTokenAgeSeconds ?? 600,
    stateLifetimeSeconds: options.stateLifetimeSeconds ?? 600,
    partitionedCookies: options.partitionedCookies ?? true,
    // Browsers accept Secure cookies from http://localhost, so loopback development keeps SameSite=None.
    secureCookies: baseUrl.protocol === 'https:' || loopback,
    allowInsecureLoopback: options.allowInsecureLoopback ?? false,
  };
}

/**
 * Creates the tool side. See {@link ToolOptions} for every option.
 *
 * @example
 * ```ts
 * const tool = createTool({ baseUrl: 'https://tool.example.com/lti', stores: createMemoryStores(), onLaunch: (launch) => renderQuiz(launch) });
 * export default { fetch: tool.fetch };
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/
 */
export function createTool(options: ToolOptions): LtiTool {
  const config = resolveToolConfig(options);
  const clock: Clock = options.clock ?? systemClock;
  const jwksCache = new RemoteJwksCache({
    clock,
    allowInsecureLoopback: config.allowInsecureLoopback,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    ...(options.jwks ?? {}),
  });
  const { singleUse, platforms, lti11 } = options.stores;
  if (options.lti11 !== undefined && lti11 === undefined) {
    throw new LtiError('ERR_LTI_PLATFORM_CONFIG_INVALID', { message: 'LTI 1.1 launches (the lti11 option) need stores.lti11: the consumer keys and their secrets (OA-006).' });
  }
  if (options.registration !== undefined && options.stores.keys === undefined) {
    // DR-020: the registration names the tool's JWKS, which only a key store can serve.
    throw new LtiError('ERR_LTI_TOOL_KEYS_MISSING', { message: 'Dynamic Registration (the registration option) needs stores.keys: the registration names the tool\u2019s JWKS.' });
  }
  const keys =
    options.stores.keys === undefined
      ? undefined
      : new SigningKeySet({ store: options.stores.keys, keySetId: options.keySetId ?? 'tool', clock, retiredKeyLifetimeSeconds: 3600 });
  const tokenClient =
    keys === undefined
      ? undefined
      : new AccessTokenClient({
          keys,
          clock,
          allowInsecureLoopback: config.allowInsecureLoopback,
          ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
          ...(options.services ?? {}),
        });

  async function serviceAccess(target: ServiceTarget): Promise<{ client: AccessTokenClient; registration: PlatformRegistration }> {
    if (tokenClient === undefined) throw new LtiError('ERR_LTI_TOOL_KEYS_MISSING');
    const registration = (await platforms.findPlatforms(target.issuer)).find((candidate) => candidate.clientId === target.clientId);
    if (registration === undefined) throw new LtiError('ERR_LTI_PLATFORM_UNKNOWN', { detail: { issuer: target.issuer, client_id: target.clientId } });
    if (target.deploymentId !== undefined && !registration.deploymentIds.includes(target.deploymentId)) {
      throw new LtiError('ERR_LTI_DEPLOYMENT_UNKNOWN', { detail: { deployment_id: target.deploymentId } });
    }
    return { client: tokenClient, registration };
  }

  const observe = (kind: LtiMessageKind, started: number, rest: Partial<LtiMessageEvent> & Pick<LtiMessageEvent, 'outcome' | 'direction'>): void =>
    notify(options.observer, { side: 'tool', kind, durationMs: performance.now() - started, ...rest });

  async function handleLogin(request: Request): Promise<Response> {
    const started = performance.now();
    let parameters: URLSearchParams | undefined;
    try {
      parameters = await readParameters(request);
      const result = await initiateLogin(parameters, { config, singleUse, platforms, clock });
      observe('login_initiation', started, {
        direction: 'received',
        outcome: 'accepted',
        issuer: result.registration.issuer,
        clientId: result.registration.clientId,
      });
      return new Response(null, {
        status: 302,
        headers: { location: result.redirectUrl, 'set-cookie': result.setCookie, 'cache-control': 'no-store' },
      });
    } catch (thrown) {
      const error = toLtiError(thrown);
      observe('login_initiation', started, {
        direction: 'received',
        outcome: 'rejected',
        errorCode: error.code,
        ...(parameters?.get('iss') ? { issuer: parameters.get('iss') as string } : {}),
      });
      report(error, request);
      return toolErrorResponse(error, request);
    }
  }

  function report(error: LtiError, request: Request): void {
    try {
      options.onError?.(error, request);
    } catch {
      // Reporting must never change the answer.
    }
  }

  async function readLaunchForm(request: Request): Promise<URLSearchParams> {
    if (request.method !== 'POST') throw new LtiError('ERR_LTI_METHOD_NOT_ALLOWED', { detail: { method: request.method } });
    return readParameters(request);
  }

  function validateForm(form: URLSearchParams, request: Request): Promise<LtiLaunch> {
    return validateLaunch(
      {
        idToken: singleParameter(form, 'id_token'),
        state: singleParameter(form, 'state'),
        error: singleParameter(form, 'error'),
        errorDescription: singleParameter(form, 'error_description'),
        cookies: parseCookies(request.headers.get('cookie')),
      },
      { config, singleUse, platforms, jwksCache, clock, ...(lti11 === undefined ? {} : { lti11 }) },
    );
  }

  async function validateRequest(request: Request): Promise<{ launch: LtiLaunch; state: string }> {
    const form = await readLaunchForm(request);
    return { launch: await validateForm(form, request), state: form.get('state') as string };
  }

  async function handleLaunch(request: Request): Promise<Response> {
    const started = performance.now();
    let launch: LtiLaunch;
    let state: string | undefined;
    try {
      const form = await readLaunchForm(request);
      state = form.get('state') ?? undefined;
      launch = await validateForm(form, request);
    } catch (thrown) {
      const error = toLtiError(thrown);
      observe('launch', started, { direction: 'received', outcome: 'rejected', errorCode: error.code });
      const returnUrl = verifiedReturnUrlOf(error);
      // A failed launch leaves no state cookie behind either (they would pile up in busy courses).
      // Only a state shaped like ours names a cookie: anything else could not be a header value.
      const headers = state !== undefined && /^[A-Za-z0-9_-]{16,512}$/.test(state) ? { 'set-cookie': clearStateCookie(state) } : undefined;
      report(error, request);
      return toolErrorResponse(error, request, { ...(returnUrl === undefined ? {} : { returnUrl }), ...(headers === undefined ? {} : { headers }) });
    }
    observe('launch', started, {
      direction: 'received',
      outcome: 'accepted',
      messageType: launch.messageType,
      issuer: launch.issuer,
      clientId: launch.clientId,
      deploymentId: launch.deploymentId,
      claims: launch.claims,
    });
    const response = await options.onLaunch(launch, request);
    // VAL-021: the state cookie has done its work.
    return withHeader(response, 'set-cookie', clearStateCookie(state as string));
  }

  function clearStateCookie(state: string): string {
    return stateCookie(state, '', 0, config);
  }

  /** DR-001..DR-040: the tool registers itself with the platform that opened this URL. */
  async function handleRegistration(request: Request): Promise<Response> {
    const started = performance.now();
    const registration = options.registration;
    try {
      if (registration === undefined) throw new LtiError('ERR_LTI_NOT_FOUND');
      const confirming = registration.confirm === true;
      // DR-001: the platform opens the URL with GET; with `confirm`, the administrator's form POSTs.
      if (request.method !== 'GET' && !(confirming && request.method === 'POST')) throw new LtiError('ERR_LTI_METHOD_NOT_ALLOWED', { detail: { method: request.method } });
      if (request.method === 'GET') readRegistrationInitiation(new URL(request.url).searchParams);
      if (registration.authorize !== undefined) {
        // The hook may read the body: it gets its own copy of a POST.
        const allowed = await registration.authorize(request.method === 'POST' ? request.clone() : request);
        if (allowed instanceof Response) return allowed;
        if (allowed !== true) throw new LtiError('ERR_LTI_DR_NOT_AUTHORIZED');
      }
      const context = { config, options: registration, platforms, singleUse, clock, ...(options.fetch === undefined ? {} : { fetch: options.fetch }) };
      if (confirming && request.method === 'GET') return await prepareRegistrationConfirmation(request, context);
      const result = confirming ? await confirmRegistration(request, context) : await registerWithPlatform(request, context);
      observe('registration', started, {
        direction: 'sent',
        outcome: 'accepted',
        issuer: result.registration.issuer,
        clientId: result.registration.clientId,
        ...(result.registration.deploymentIds[0] === undefined ? {} : { deploymentId: result.registration.deploymentIds[0] }),
      });
      try {
        await registration.onRegistered?.(result, request);
      } catch (thrown) {
        // The registration is stored: a failing hook is reported, not shown as a failed registration.
        report(toLtiError(thrown), request);
      }
      return registrationCompletePage(result, registration);
    } catch (thrown) {
      const error = toLtiError(thrown);
      observe('registration', started, { direction: 'sent', outcome: 'rejected', errorCode: error.code });
      report(error, request);
      return registrationErrorPage(error);
    }
  }

  const lti11Tool = createLti11Tool({
    config: config.lti11,
    options: options.lti11,
    credentials: lti11,
    singleUse,
    clock,
    allowInsecureLoopback: config.allowInsecureLoopback,
    report,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    ...(options.observer === undefined ? {} : { observer: options.observer }),
  });

  async function fetchHandler(request: Request): Promise<Response> {
    const path = relativePath(request, config.basePath);
    try {
      if (path === '/login') return await handleLogin(request);
      if (path === '/launch') return await handleLaunch(request);
      if (path === config.lti11.path && config.lti11.enabled) return await lti11Tool.handleLaunch(request);
      if (path === '/register' && options.registration !== undefined) return await handleRegistration(request);
      if (path === '/jwks' && keys !== undefined) {
        if (request.method !== 'GET' && request.method !== 'HEAD') throw new LtiError('ERR_LTI_METHOD_NOT_ALLOWED', { detail: { method: request.method } });
        return jsonResponse(await keys.jwks(), 200, { 'cache-control': 'public, max-age=300' });
      }
      throw new LtiError('ERR_LTI_NOT_FOUND');
    } catch (thrown) {
      const error = toLtiError(thrown);
      report(error, request);
      return toolErrorResponse(error, request);
    }
  }

  return {
    fetch: fetchHandler,
    handleLogin,
    handleLaunch,
    handleRegistration,
    validateLaunch: async (request) => {
      const { launch, state } = await validateRequest(request);
      return { launch, headers: new Headers([['set-cookie', clearStateCookie(state)]]) };
    },
    registerPlatform: async (registration) => {
      const checked = checkPlatformRegistration(registration, { allowInsecureLoopback: config.allowInsecureLoopback });
      await platforms.savePlatform(checked);
      return checked;
    },
    findLinkedLti11Credential: async (target) => (lti11 === undefined ? undefined : findLinkedLti11Credential(lti11, target)),
    lti11: lti11Tool,
    getAccessToken: async (target, scopes) => {
      const { client, registration } = await serviceAccess(target);
      return client.getToken(registration, scopes, target.deploymentId);
    },
    serviceFetch: async (target, request) => {
      const { client, registration } = await serviceAccess(target);
      return client.serviceFetch(registration, request, target.deploymentId);
    },
    nrps: createNrpsClient(async (target, request) => {
      const { client, registration } = await serviceAccess(target);
      return client.serviceFetch(registration, request, target.deploymentId);
    }),
    ags: createAgsClient(async (target, request) => {
      const { client, registration } = await serviceAccess(target);
      return client.serviceFetch(registration, request, target.deploymentId);
    }),
    createDeepLinkingResponse: (launch, contentItems, responseOptions = {}) =>
      createDeepLinkingResponse(launch, contentItems, responseOptions, { keys, clock, observer: options.observer }),
    keys,
    jwksCache,
    config,
  };
}

/** The `lti11` option with its defaults; a path that would shadow another endpoint is refused at start-up. */
function resolveLti11Config(options: ToolOptions, root: string): ResolvedLti11Config {
  const lti11 = options.lti11;
  const path = lti11?.path ?? '/lti11/launch';
  const invalid = (message: string): never => {
    throw new LtiError('ERR_LTI_PLATFORM_CONFIG_INVALID', { message });
  };
  if (!/^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/.test(path) || ['/login', '/launch', '/jwks', '/register'].includes(path)) {
    invalid(`lti11.path must be a path of its own below baseUrl, starting with / (got ${path}).`);
  }
  const timestampWindowSeconds = lti11?.timestampWindowSeconds ?? 300;
  if (!Number.isSafeInteger(timestampWindowSeconds) || timestampWindowSeconds <= 0) invalid('lti11.timestampWindowSeconds must be a positive whole number of seconds (OA-005).');
  const signatureMethods = lti11?.signatureMethods ?? ['HMAC-SHA1'];
  if (signatureMethods.length === 0 || signatureMethods.some((method) => method !== 'HMAC-SHA1' && method !== 'HMAC-SHA256')) {
    invalid('lti11.signatureMethods must list HMAC-SHA1 and/or HMAC-SHA256 (OA-001).');
  }
  return {
    enabled: lti11 !== undefined,
    path,
    launchUrl: `${root}${path}`,
    timestampWindowSeconds,
    signatureMethods: [...signatureMethods],
    maxBodyBytes: lti11?.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    outcomesTimeoutMs: lti11?.outcomes?.timeoutMs ?? options.services?.timeoutMs ?? 10_000,
    outcomesMaxResponseBytes: lti11?.outcomes?.maxResponseBytes ?? 256 * 1024,
  };
}

function withHeader(response: Response, name: string, value: string): Response {
  try {
    response.headers.append(name, value);
    return response;
  } catch {
    // Immutable headers (e.g. a fetched Response): copy.
    const copy = new Response(response.body, response);
    copy.headers.append(name, value);
    return copy;
  }
}
