/**
 * The platform side of LTI 1.3 as one web-standard handler. `platform.createLaunch()` starts a
 * launch; `platform.fetch(request)` serves the authorization endpoint, the return URL, the JWKS and
 * the OpenID configuration (see `routes.ts`).
 *
 * @example
 * ```ts
 * import { createPlatform } from 'ltikit/platform';
 * import { createMemoryStores } from 'ltikit/stores';
 *
 * const stores = createMemoryStores();
 * await stores.tools.saveTool({
 *   clientId: 'c-7731', name: 'Quiz tool', deploymentIds: ['dep-01'],
 *   initiateLoginUri: 'https://tool.example.com/lti/login',
 *   redirectUris: ['https://tool.example.com/lti/launch'],
 *   targetLinkUri: 'https://tool.example.com/lti/launch',
 *   jwksUri: 'https://tool.example.com/lti/jwks', claims: ['name', 'email'],
 * });
 * const platform = createPlatform({ issuer: 'https://lms.example.edu', stores, currentUser: (request) => sessionUserId(request) });
 * const { loginUrl } = await platform.createLaunch({ clientId: 'c-7731', deploymentId: 'dep-01',
 *   user: { id: 'u-1' }, roles: [CONTEXT_ROLE.Learner], resourceLink: { id: 'rl-1' } });
 * // Send the browser to loginUrl (in an iframe or a window).
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/
 */
import { LtiError, toLtiError } from '../errors.js';
import { type Clock, systemClock } from '../lib/clock.js';
import { assertSecureUrl } from '../lib/guarded_fetch.js';
import { jsonResponse, relativePath } from '../lib/http.js';
import { type LtiMessageEvent, notify } from '../lib/observe.js';
import { SigningKeySet } from '../keys/signing_key_set.js';
import { randomId } from '../lib/random.js';
import type { ToolRegistration } from '../stores/types.js';
import { MESSAGE_TYPE } from '../vocab/message_types.js';
import type { PlatformOptions, ResolvedPlatformConfig } from './config.js';
import { platformErrorResponse } from './error_response.js';
import type { LaunchRequest } from './launch/launch_request.js';
import { authorize } from './oidc/authorize.js';
import { type LoginInitiation, issueLoginInitiation } from './oidc/initiate_login.js';
import { buildOpenidConfiguration } from './openid_configuration.js';
import { type ToolRegistrationInput, checkDeploymentId, checkToolRegistration } from './registry.js';
import { handleReturn } from './return_url.js';
import { defaultDeepLinkingPage } from './deep_linking/deep_linking_page.js';
import { verifyDeepLinkingResponse } from './deep_linking/verify_deep_linking_response.js';
import { type RouteMatch, matchRoute, routePath } from './routes.js';
import { handleAgsRequest } from './ags/handle_ags_request.js';
import { handleMembershipsRequest } from './nrps/handle_memberships_request.js';
import { type ServiceContext, createServiceContext } from './services.js';
import type { AccessTokenGrant } from './token/access_tokens.js';
import { authorizeServiceRequest } from './token/authorize_service_request.js';
import { handleTokenRequest } from './token/issue_access_token.js';
import type { Lti11Launch, Lti11LaunchRequest } from './lti11/create_lti11_launch.js';
import { type Lti11PlatformTools, createLti11Part } from './lti11/lti11_platform.js';
import { handleRegistrationRequest } from './registration/register_tool.js';
import { type RegistrationToken, type RegistrationTokenOptions, buildRegistrationInitiationUrl, issueRegistrationToken } from './registration/registration_token.js';
import { type RegistrationGrants, approveToolRegistration, checkRegistrationPending } from './registration/review_registration.js';
import { RemoteJwksCache } from '../keys/remote_jwks.js';
import { SCOPE } from '../vocab/scopes.js';

/** The services a platform serves unless told otherwise: AGS and NRPS (TOK-013). */
const DEFAULT_SCOPES_SUPPORTED = [SCOPE.lineItem, SCOPE.lineItemReadonly, SCOPE.resultReadonly, SCOPE.score, SCOPE.contextMembershipReadonly];

/**
 * The platform side returned by {@link createPlatform}: one `fetch` handler for every route of
 * `PLATFORM_ROUTES`, `createLaunch` to start a launch (OIDC-002), and the tool registry with its
 * immutable deployment ids (CORE-001, CORE-024).
 *
 * @example
 * ```ts
 * const deploymentId = await platform.addDeployment('c-7731');
 * const { loginUrl } = await platform.createLaunch({ clientId: 'c-7731', deploymentId, user: { id: 'u-1' }, roles: [], resourceLink: { id: 'rl-1' } });
 * ```
 */
export interface LtiPlatform {
  /** Serves every platform endpoint of the route table. */
  fetch(request: Request): Promise<Response>;
  /** Starts a launch: stores it under a single-use message hint and returns the tool's login URL. */
  createLaunch(request: LaunchRequest): Promise<LoginInitiation>;
  /** Checks and stores a tool registration (generating its client id and first deployment when absent). */
  registerTool(input: ToolRegistrationInput): Promise<ToolRegistration>;
  /** Adds a deployment of a registered tool and returns its generated, immutable id (CORE-001). */
  addDeployment(clientId: string, deploymentId?: string): Promise<string>;
  /** Removes a deployment; launches already issued for it are refused at the authorization endpoint. */
  removeDeployment(clientId: string, deploymentId: string): Promise<void>;
  /**
   * LTI 1.0/1.1 tools (lti11.md): `registerTool` stores a consumer key and secret and reserves the
   * tool's 1.3 client id, under which its Basic Outcomes grades are stored (MIG-005).
   */
  readonly lti11: Lti11PlatformTools;
  /**
   * Builds and signs an LTI 1.1 basic launch (L11-001) for the browser to POST
   * (`lti11LaunchResponse(launch)` is the auto-submitting form); with `outcome: true` it carries
   * `lis_outcome_service_url` and `lis_result_sourcedid` (L11-005).
   */
  createLti11Launch(request: Lti11LaunchRequest): Promise<Lti11Launch>;
  /**
   * A single-use, short-lived registration token for one Dynamic Registration (DR-003), stored only
   * as a hash and bound to `requestedBy` and a registration session. With `replaces`, the tool
   * registers as the LTI 1.3 version of that LTI 1.1 tool, under its reserved client id and
   * deployment(s) (DR-050); throws `ERR_LTI11_TOOL_UNKNOWN`, `ERR_LTI_DR_REPLACED_TOOL_NOT_RESERVED`
   * or `ERR_LTI_DR_REPLACED_CLIENT_ID_TAKEN` when it cannot.
   */
  createRegistrationToken(options?: RegistrationTokenOptions): Promise<RegistrationToken>;
  /** The URL to open (iframe or window) to start a tool's Dynamic Registration (DR-001). */
  registrationInitiationUrl(toolRegistrationUrl: string, registrationToken?: string): string;
  /**
   * Approves a tool waiting for review (DR-033), granting every requested scope and claim or the
   * fewer given (DR-034). Throws `ERR_LTI_DR_REGISTRATION_NOT_PENDING`, `ERR_LTI_DR_GRANT_NOT_REQUESTED`.
   */
  approveRegistration(clientId: string, grants?: RegistrationGrants): Promise<ToolRegistration>;
  /** Removes a tool waiting for review (DR-033). Throws `ERR_LTI_DR_REGISTRATION_NOT_PENDING` for any other tool. */
  rejectRegistration(clientId: string): Promise<void>;
  /**
   * The first check of every service endpoint: a valid Bearer access token granted one of
   * `acceptedScopes`. Throws `ERR_LTI_ACCESS_TOKEN_*` (401, or 403 for a missing scope) (TOK-021).
   */
  authorizeServiceRequest(request: Request, acceptedScopes: readonly string[]): Promise<AccessTokenGrant>;
  /** The platform's signing keys (rotation: `keys.prepareNext()`, `keys.rotate()`). */
  readonly keys: SigningKeySet;
  readonly config: ResolvedPlatformConfig;
}

/**
 * Applies defaults and checks the options once, at start-up: the issuer must be an https URL without
 * query or fragment, because tools compare it exactly (CORE-004, VAL-006).
 *
 * @example
 * ```ts
 * resolvePlatformConfig({ issuer: 'https://lms.example.edu', stores }).jwksUri; // 'https://lms.example.edu/.well-known/jwks.json'
 * ```
 */
export function resolvePlatformConfig(options: Omit<PlatformOptions, 'currentUser'>): ResolvedPlatformConfig {
  const allowInsecureLoopback = options.allowInsecureLoopback ?? false;
  let issuerUrl: URL;
  let baseUrl: URL;
  try {
    issuerUrl = assertSecureUrl(options.issuer, { allowInsecureLoopback });
    baseUrl = assertSecureUrl(options.baseUrl ?? options.issuer, { allowInsecureLoopback });
  } catch (cause) {
    throw new LtiError('ERR_LTI_PLATFORM_CONFIG_INVALID', { cause, message: 'issuer and baseUrl must be https URLs.' });
  }
  // URL parsing drops an empty `?` or `#`, but the issuer string (compared exactly, VAL-006) keeps it.
  if (issuerUrl.search !== '' || issuerUrl.hash !== '' || /[?#]/.test(options.issuer)) {
    throw new LtiError('ERR_LTI_PLATFORM_CONFIG_INVALID', { message: 'The issuer must have no query or fragment.' });
  }
  const basePath = baseUrl.pathname.replace(/\/+$/, '');
  const root = `${baseUrl.origin}${basePath}`;
  return {
    issuer: options.issuer,
    basePath,
    authorizationEndpoint: `${root}${routePath('authorize')}`,
    returnEndpoint: `${root}${routePath('return')}`,
    deepLinkingReturnEndpoint: `${root}${routePath('deep_linking_return')}`,
    deepLinkingLifetimeSeconds: options.deepLinkingLifetimeSeconds ?? 3600,
    tokenEndpoint: `${root}${routePath('token')}`,
    authorizationServer: options.authorizationServer ?? `${root}${routePath('token')}`,
    accessTokenLifetimeSeconds: options.accessTokenLifetimeSeconds ?? 3600,
    scopesSupported: Object.freeze([...(options.scopesSupported ?? DEFAULT_SCOPES_SUPPORTED)]),
    serviceRoot: root,
    services: { ags: options.ags !== undefined, nrps: options.nrps !== undefined },
    lti11OutcomesEndpoint: `${root}${routePath('lti11_outcomes')}`,
    jwksUri: `${root}${routePath('jwks')}`,
    openidConfigurationUrl: `${root}${routePath('openid_configuration')}`,
    registrationEndpoint: `${root}${routePath('registration')}`,
    registrationTokenLifetimeSeconds: options.registrationTokenLifetimeSeconds ?? 600,
    product: { ...options.product, guid: options.product?.guid ?? issuerUrl.host },
    idTokenLifetimeSeconds: options.idTokenLifetimeSeconds ?? 300,
    messageHintLifetimeSeconds: options.messageHintLifetimeSeconds ?? 300,
    allowInsecureLoopback,
  };
}

/**
 * Creates the platform side. See {@link PlatformOptions} for every option; a missing `currentUser`
 * fails at start-up rather than at the first launch (OIDC-023).
 *
 * @example
 * ```ts
 * const platform = createPlatform({ issuer: 'https://lms.example.edu', stores: createMemoryStores(), currentUser: (request) => sessionUserId(request) });
 * export default { fetch: platform.fetch };
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/
 */
export function createPlatform(options: PlatformOptions): LtiPlatform {
  const config = resolvePlatformConfig(options);
  if (typeof options.currentUser !== 'function' && options.currentUser !== 'message-hint-only') {
    // OIDC-023: a platform must say how it knows who is signed in.
    throw new LtiError('ERR_LTI_PLATFORM_CONFIG_INVALID', {
      message: "currentUser is required: a function returning the signed-in user's id, or 'message-hint-only'.",
    });
  }
  const clock: Clock = options.clock ?? systemClock;
  const { singleUse, tools, lti11 } = options.stores;
  const keys = new SigningKeySet({
    store: options.stores.keys,
    keySetId: 'platform',
    clock,
    algorithm: options.signingAlgorithm ?? 'RS256',
    // A retired key stays published while any id_token it signed can still be presented.
    retiredKeyLifetimeSeconds: config.idTokenLifetimeSeconds + 600,
  });

  // Tools' keys, for client assertions (TOK-011) and Deep Linking responses (DL-051).
  const toolJwks = new RemoteJwksCache({ clock, allowInsecureLoopback: config.allowInsecureLoopback, ...(options.fetch === undefined ? {} : { fetch: options.fetch }) });

  const observe = (event: Omit<LtiMessageEvent, 'side'>): void => notify(options.observer, { side: 'platform', ...event });
  // LTI 1.0/1.1 tools: registration, signed launches, Basic Outcomes (lti11.md).
  const lti11Part = createLti11Part({ config, options, singleUse, clock, observe, report: (error, request) => report(error, request) });

  async function createLaunch(request: LaunchRequest): Promise<LoginInitiation> {
    const started = performance.now();
    try {
      const initiation = await issueLoginInitiation(request, {
        config,
        tools,
        singleUse,
        clock,
        ...(options.ags === undefined ? {} : { ags: options.ags.store }),
        ...(lti11 === undefined ? {} : { lti11 }),
      });
      observe({
        kind: 'login_initiation',
        direction: 'sent',
        outcome: 'accepted',
        messageType: request.messageType ?? MESSAGE_TYPE.LtiResourceLinkRequest,
        clientId: request.clientId,
        deploymentId: request.deploymentId,
        durationMs: performance.now() - started,
      });
      return initiation;
    } catch (thrown) {
      const error = toLtiError(thrown);
      observe({
        kind: 'login_initiation',
        direction: 'sent',
        outcome: 'rejected',
        errorCode: error.code,
        clientId: request.clientId,
        durationMs: performance.now() - started,
      });
      throw error;
    }
  }

  function report(error: LtiError, request: Request): void {
    try {
      options.onError?.(error, request);
    } catch {
      // Reporting must never change the answer.
    }
  }

  async function handleAuthorize(request: Request): Promise<Response> {
    const started = performance.now();
    const result = await authorize(request, { config, tools, singleUse, keys, clock, currentUser: options.currentUser, ...(lti11 === undefined ? {} : { lti11 }) });
    if (result.error !== undefined) report(result.error, request);
    observe({
      kind: 'authentication_response',
      direction: 'sent',
      outcome: result.issued === undefined ? 'rejected' : 'accepted',
      durationMs: performance.now() - started,
      ...(result.clientId === undefined ? {} : { clientId: result.clientId }),
      ...(result.error === undefined ? {} : { errorCode: result.error.code }),
      ...(result.issued === undefined
        ? {}
        : {
            messageType: result.issued.pending.request.messageType ?? MESSAGE_TYPE.LtiResourceLinkRequest,
            deploymentId: result.issued.pending.request.deploymentId,
            claims: result.issued.claims,
          }),
    });
    return result.response;
  }

  /** DL-050..056: verify the tool's Deep Linking response, then let the application answer. */
  async function handleDeepLinkingReturn(request: Request): Promise<Response> {
    const started = performance.now();
    const event = { kind: 'deep_linking_response', direction: 'received', messageType: MESSAGE_TYPE.LtiDeepLinkingResponse } as const;
    let verified: Awaited<ReturnType<typeof verifyDeepLinkingResponse>>;
    try {
      verified = await verifyDeepLinkingResponse(request, { config, tools, singleUse, jwksCache: toolJwks, clock });
    } catch (thrown) {
      const error = toLtiError(thrown);
      observe({ ...event, outcome: 'rejected', errorCode: error.code, durationMs: performance.now() - started });
      throw error;
    }
    const { result, claims } = verified;
    observe({ ...event, outcome: 'accepted', clientId: result.clientId, deploymentId: result.deploymentId, claims, durationMs: performance.now() - started });
    return options.onDeepLinkingResponse === undefined ? defaultDeepLinkingPage(result) : options.onDeepLinkingResponse(result, request);
  }

  async function handleToken(request: Request): Promise<Response> {
    const started = performance.now();
    const result = await handleTokenRequest(request, { config, tools, singleUse, jwksCache: toolJwks, clock });
    if (result.error !== undefined) report(result.error, request);
    observe({
      kind: 'token_request',
      direction: 'received',
      outcome: result.error === undefined ? 'accepted' : 'rejected',
      durationMs: performance.now() - started,
      ...(result.clientId === undefined ? {} : { clientId: result.clientId }),
      ...(result.grant?.deploymentId === undefined ? {} : { deploymentId: result.grant.deploymentId }),
      ...(result.error === undefined ? {} : { errorCode: result.error.code }),
    });
    return result.response;
  }

  /** DR-030..DR-033: a tool registers itself; it waits for review (`status: 'pending'`). */
  async function handleRegistration(request: Request): Promise<Response> {
    const started = performance.now();
    const result = await handleRegistrationRequest(request, { config, tools, singleUse, clock, lti11 });
    if (result.error !== undefined) report(result.error, request);
    observe({
      kind: 'registration',
      direction: 'received',
      outcome: result.error === undefined ? 'accepted' : 'rejected',
      durationMs: performance.now() - started,
      ...(result.tool === undefined ? {} : { clientId: result.tool.clientId, deploymentId: result.tool.deploymentIds[0] }),
      ...(result.error === undefined ? {} : { errorCode: result.error.code }),
    });
    return result.response;
  }

  async function handleService(request: Request, route: RouteMatch, handler: (request: Request, context: ServiceContext) => Promise<Response>): Promise<Response> {
    const started = performance.now();
    const context = createServiceContext({ config, options, tools, singleUse, clock, route });
    try {
      const response = await handler(request, context);
      observe({ kind: 'service_request', direction: 'received', outcome: 'accepted', messageType: route.name, durationMs: performance.now() - started });
      return response;
    } catch (thrown) {
      const error = toLtiError(thrown);
      observe({ kind: 'service_request', direction: 'received', outcome: 'rejected', messageType: route.name, errorCode: error.code, durationMs: performance.now() - started });
      throw error;
    }
  }

  async function fetchHandler(request: Request): Promise<Response> {
    try {
      const path = relativePath(request, config.basePath);
      const route = path === undefined ? undefined : matchRoute(path, request.method);
      if (route === undefined) throw new LtiError('ERR_LTI_NOT_FOUND');
      if (route === 'method') throw new LtiError('ERR_LTI_METHOD_NOT_ALLOWED', { detail: { method: request.method } });
      switch (route.name) {
        case 'authorize':
          return await handleAuthorize(request);
        case 'return':
          return await handleReturn(request, options);
        case 'deep_linking_return':
          return await handleDeepLinkingReturn(request);
        case 'token':
          return await handleToken(request);
        case 'jwks':
          return jsonResponse(await keys.jwks(), 200, { 'cache-control': 'public, max-age=300' });
        case 'openid_configuration':
          return jsonResponse(buildOpenidConfiguration(config), 200, { 'cache-control': 'public, max-age=3600' });
        case 'registration':
          return await handleRegistration(request);
        case 'ags_line_items':
        case 'ags_line_item':
        case 'ags_scores':
        case 'ags_results':
          return await handleService(request, route, handleAgsRequest);
        case 'nrps_memberships':
          return await handleService(request, route, handleMembershipsRequest);
        case 'lti11_outcomes':
          return await lti11Part.handleOutcomes(request);
      }
    } catch (thrown) {
      const error = toLtiError(thrown);
      report(error, request);
      return platformErrorResponse(error, request);
    }
  }

  async function registerTool(input: ToolRegistrationInput): Promise<ToolRegistration> {
    const tool = checkToolRegistration(input, { allowInsecureLoopback: config.allowInsecureLoopback });
    if (input.clientId === undefined || (await tools.getTool(tool.clientId)) === undefined) {
      await tools.saveTool(tool);
      return tool;
    }
    // An update keeps the deployments already issued unless new ones are given.
    const existing = (await tools.getTool(tool.clientId))!;
    const updated: ToolRegistration = {
      ...tool,
      deploymentIds: input.deploymentIds === undefined ? existing.deploymentIds : tool.deploymentIds,
      // An edit is no review: a pending registration stays pending (DR-033).
      ...(existing.status === undefined ? {} : { status: existing.status }),
      ...(existing.registration === undefined ? {} : { registration: existing.registration }),
    };
    await tools.saveTool(updated);
    return updated;
  }

  async function requireTool(clientId: string): Promise<ToolRegistration> {
    const tool = await tools.getTool(clientId);
    if (tool === undefined) throw new LtiError('ERR_LTI_TOOL_UNKNOWN', { detail: { client_id: clientId } });
    return tool;
  }

  async function addDeployment(clientId: string, deploymentId: string = randomId()): Promise<string> {
    checkDeploymentId('deploymentId', deploymentId);
    const tool = await requireTool(clientId);
    if (!tool.deploymentIds.includes(deploymentId)) await tools.saveTool({ ...tool, deploymentIds: [...tool.deploymentIds, deploymentId] });
    return deploymentId;
  }

  async function removeDeployment(clientId: string, deploymentId: string): Promise<void> {
    const tool = await requireTool(clientId);
    await tools.saveTool({ ...tool, deploymentIds: tool.deploymentIds.filter((id) => id !== deploymentId) });
  }

  async function approveRegistration(clientId: string, grants: RegistrationGrants = {}): Promise<ToolRegistration> {
    const approved = approveToolRegistration(await requireTool(clientId), grants, clock.now());
    await tools.saveTool(approved);
    return approved;
  }

  async function rejectRegistration(clientId: string): Promise<void> {
    checkRegistrationPending(await requireTool(clientId));
    await tools.deleteTool(clientId);
  }

  return {
    fetch: fetchHandler,
    createLaunch,
    registerTool,
    addDeployment,
    removeDeployment,
    createRegistrationToken: (tokenOptions = {}) =>
      issueRegistrationToken(tokenOptions, { singleUse, tools, lti11, clock, defaultLifetimeSeconds: config.registrationTokenLifetimeSeconds }),
    registrationInitiationUrl: (toolRegistrationUrl, registrationToken) =>
      buildRegistrationInitiationUrl(toolRegistrationUrl, {
        openidConfiguration: config.openidConfigurationUrl,
        ...(registrationToken === undefined ? {} : { registrationToken }),
        allowInsecureLoopback: config.allowInsecureLoopback,
      }),
    approveRegistration,
    rejectRegistration,
    lti11: lti11Part.tools,
    createLti11Launch: lti11Part.createLaunch,
    authorizeServiceRequest: (request, acceptedScopes) => authorizeServiceRequest(request, singleUse, acceptedScopes),
    keys,
    config,
  };
}
