/**
 * Every option of the platform side, with its default and meaning, in one place (STYLE habit 6).
 *
 * @example
 * ```ts
 * const platform = createPlatform({
 *   issuer: 'https://lms.example.edu',
 *   stores: createMemoryStores(),
 *   currentUser: (request) => sessionUserId(request),
 *   product: { guid: 'lms.example.edu', name: 'Example LMS', productFamilyCode: 'examplelms', version: '5.2' },
 * });
 * ```
 */
import type { LtiError } from '../errors.js';
import type { Clock } from '../lib/clock.js';
import type { LtiMessageObserver } from '../lib/observe.js';
import type { AgsOptions } from './ags/options.js';
import type { DeepLinkingResult } from './deep_linking/verify_deep_linking_response.js';
import type { NrpsOptions } from './nrps/options.js';
import type { Lti11Options } from './lti11/options.js';
import type { AccessTokenGrant } from './token/access_tokens.js';
import type { SigningAlgorithm } from '../keys/algorithms.js';
import type { KeyStore, Lti11CredentialStore, SingleUseStore, ToolRegistrationStore } from '../stores/types.js';

/**
 * Options of {@link createPlatform}; each member states its default and the requirement it serves.
 * `issuer` is what tools compare exactly (VAL-006); `currentUser` is the signed-in-user check of
 * OIDC-023.
 *
 * @example
 * ```ts
 * const options: PlatformOptions = { issuer: 'https://lms.example.edu', stores: createMemoryStores(), currentUser: (request) => sessionUserId(request) };
 * ```
 */
export interface PlatformOptions {
  /** The platform's issuer: an https URL without query or fragment (§0). */
  issuer: string;
  /**
   * Public URL where the platform endpoints are mounted. Default: the issuer. Endpoints:
   * `{baseUrl}/lti/authorize`, `{baseUrl}/lti/return`, `{baseUrl}/.well-known/jwks.json`,
   * `{baseUrl}/.well-known/openid-configuration`, `{baseUrl}/lti/register` (see `PLATFORM_ROUTES`).
   */
  baseUrl?: string;
  stores: {
    singleUse: SingleUseStore;
    tools: ToolRegistrationStore;
    keys: KeyStore;
    /**
     * LTI 1.1 consumer keys and secrets (lti11.md §5). A tool registered with `lti11ConsumerKey`
     * gets the `lti1p1` claim, signed with that key's secret, on every launch (MIG-001, MIG-002);
     * `createLaunch` refuses with `ERR_LTI_LTI1P1_CREDENTIAL_UNKNOWN` when the key is not here.
     * The same store holds the 1.1 tools of `platform.lti11.registerTool` and verifies their
     * signed Basic Outcomes calls (OA-006, BO-003); needed by `createLti11Launch`.
     */
    lti11?: Lti11CredentialStore;
  };
  /** `lti:tool_platform` (MSG-003). `guid` defaults to the issuer host. */
  product?: {
    guid?: string;
    name?: string;
    productFamilyCode?: string;
    version?: string;
    url?: string;
    contactEmail?: string;
    description?: string;
  };
  /** Signing algorithm of new platform keys (SEC-001). Default RS256. */
  signingAlgorithm?: SigningAlgorithm;
  /** id_token lifetime, seconds (OIDC-032). Default 300. */
  idTokenLifetimeSeconds?: number;
  /** How long an issued launch (its `lti_message_hint`) may wait for the authentication request, seconds (CORE-023). Default 300. */
  messageHintLifetimeSeconds?: number;
  /**
   * The user signed in to the platform for this browser request (OIDC-023, a MUST): the
   * authorization endpoint refuses the launch unless it equals `login_hint`, before the single-use
   * message hint is spent. Return `undefined` when nobody is signed in.
   *
   * `'message-hint-only'` skips the check and relies on the message hint alone (bound to one user,
   * single-use, short-lived). Anyone who obtains an unused hint can then complete that launch from
   * any browser: use it only where the platform has no session (tests, demos, signed deep links).
   */
  /**
   * Lifetime of service access tokens in seconds (TOK-014). Default 3600.
   */
  accessTokenLifetimeSeconds?: number;
  /**
   * The service scopes this platform serves; the token endpoint grants only these, and only those
   * each tool's registration lists in `scopes` (TOK-013). Default: Assignment and Grade Services and
   * Names and Role Provisioning.
   */
  scopesSupported?: string[];
  /**
   * The `aud` tools may put in client assertions besides the token endpoint URL, advertised as
   * `authorization_server` (TOK-001, TOK-011). Default: the token endpoint URL.
   */
  authorizationServer?: string;
  /**
   * Assignment and Grade Services: line items, scores and results (ags.md). Off when absent.
   */
  ags?: AgsOptions;
  /**
   * Names and Role Provisioning Services: context memberships (nrps.md). Off when absent.
   */
  nrps?: NrpsOptions;
  /**
   * LTI 1.0/1.1 tools (lti11.md §1–§3): signed launches (`createLti11Launch`) and the Basic
   * Outcomes endpoint `{baseUrl}/lti/lti11/outcomes`, which writes to `ags.store` under each tool's
   * reserved 1.3 client id. Needs `stores.lti11`; outcomes also need `ags` and
   * `lti11.resourceLinkAccess`.
   */
  lti11?: Lti11Options;
  /**
   * Whether the tool holding `grant` may use the services of context `contextId` (TOK-016): e.g.
   * the tool is deployed in that course. Required for AGS and NRPS; without it every service
   * request is refused.
   */
  serviceContextAccess?: (contextId: string, grant: AccessTokenGrant) => boolean | Promise<boolean>;
  currentUser: ((request: Request) => string | undefined | Promise<string | undefined>) | 'message-hint-only';
  /**
   * Renders the return URL page (RET-002). Receives untrusted text; the default escapes it. Logs
   * (`lti_log`, `lti_errorlog`) go to `onReturnLog` only.
   */
  onReturn?: (message: ReturnMessage, request: Request) => Response | Promise<Response>;
  onReturnLog?: (log: { lti_log?: string; lti_errorlog?: string; launchId?: string }) => void;
  /**
   * Receives a verified Deep Linking response at `{baseUrl}/lti/deep-linking/return` (DL-050..055)
   * and answers the browser: store the items (new resource links with ids of your own, DL-057; line
   * items when you accepted them, DL-058), sanitise `html` (DL-060), show `msg`/`errormsg`
   * escaped and log `log`/`errorlog` (DL-056). Default: a page listing the items. The request is
   * a cross-site POST from the tool's page, so same-site session cookies may be missing: rely on
   * `result.userId` and `result.contextId`, which come from the platform's own record.
   */
  onDeepLinkingResponse?: (result: DeepLinkingResult, request: Request) => Response | Promise<Response>;
  /**
   * How long a tool may take to answer a Deep Linking request, from the id_token's issue, seconds
   * (the user picks content meanwhile) (DL-054). Default 3600.
   */
  deepLinkingLifetimeSeconds?: number;
  /**
   * Lifetime of registration tokens from `platform.createRegistrationToken()`, seconds (DR-003):
   * the tool must POST its registration within it. Default 600.
   */
  registrationTokenLifetimeSeconds?: number;
  /** Allow `http:` tool URLs on loopback addresses (development and tests only). Default false. */
  allowInsecureLoopback?: boolean;
  /** Outbound fetch (tool JWKS, later); injectable for tests. */
  fetch?: typeof fetch;
  clock?: Clock;
  /** Sees every message sent or received (inspector, metrics). */
  observer?: LtiMessageObserver;
  /**
   * Called with every error answered, before the response is sent, with its `cause` intact: log
   * `ERR_LTI_INTERNAL` (a bug or a failing store) here. Must not throw.
   */
  onError?: (error: LtiError, request: Request) => void;
}

/**
 * What a tool sends back through the return URL (RET-001). All fields are untrusted text: escape
 * before showing them, and keep the logs out of the page (RET-002).
 *
 * @example
 * ```ts
 * onReturn: (message) => renderCoursePage({ notice: message.lti_errormsg ?? message.lti_msg }),
 * ```
 */
export interface ReturnMessage {
  lti_msg?: string;
  lti_errormsg?: string;
  lti_log?: string;
  lti_errorlog?: string;
  /** The launch the user returns from, when the return URL carried it. */
  launchId?: string;
}

/**
 * The options after {@link resolvePlatformConfig}: defaults applied and the absolute endpoint URLs
 * derived from `baseUrl`, as published in the OpenID configuration (DR-012).
 *
 * @example
 * ```ts
 * platform.config.authorizationEndpoint; // 'https://lms.example.edu/lti/authorize'
 * ```
 */
export interface ResolvedPlatformConfig {
  issuer: string;
  basePath: string;
  authorizationEndpoint: string;
  returnEndpoint: string;
  /** The Deep Linking return URL, without its `launch` parameter (DL-001). */
  deepLinkingReturnEndpoint: string;
  deepLinkingLifetimeSeconds: number;
  /** The OAuth 2 token endpoint for services (TOK-010). */
  tokenEndpoint: string;
  /** The other `aud` accepted in client assertions (TOK-011). */
  authorizationServer: string;
  accessTokenLifetimeSeconds: number;
  scopesSupported: readonly string[];
  /** The origin and base path service URLs start with. */
  serviceRoot: string;
  /** Which services are served. */
  services: { ags: boolean; nrps: boolean };
  /** The LTI 1.1 Basic Outcomes endpoint, sent as `lis_outcome_service_url` (BO-001). */
  lti11OutcomesEndpoint: string;
  jwksUri: string;
  openidConfigurationUrl: string;
  /** Where tools POST their client registration (DR-020). */
  registrationEndpoint: string;
  registrationTokenLifetimeSeconds: number;
  product: Required<Pick<NonNullable<PlatformOptions['product']>, 'guid'>> & NonNullable<PlatformOptions['product']>;
  idTokenLifetimeSeconds: number;
  messageHintLifetimeSeconds: number;
  allowInsecureLoopback: boolean;
}
