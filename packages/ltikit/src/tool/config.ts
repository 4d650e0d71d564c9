/**
 * Every option of the tool side, with its default and meaning, in one place.
 *
 * @example
 * ```ts
 * const tool = createTool({
 *   baseUrl: 'https://tool.example.com/lti',
 *   stores: createMemoryStores(),
 *   onLaunch: (launch) => new Response(`Hello ${launch.person.name ?? launch.userId}`),
 * });
 * ```
 */
import type { LtiError } from '../errors.js';
import type { Clock } from '../lib/clock.js';
import type { LtiMessageObserver } from '../lib/observe.js';
import type { KeyStore, Lti11CredentialStore, PlatformRegistrationStore, SingleUseStore } from '../stores/types.js';
import type { LtiLaunch } from './launch/validate_launch.js';
import type { ClientRegistrationResponse, LtiMessageDescriptor, PlatformConfiguration } from '../messages/registration.js';
import type { PlatformRegistration } from '../stores/types.js';
import type { OAuthSignatureMethod } from '../lib/oauth1_signature.js';
import type { Lti11Launch } from './lti11/validate_lti11_launch.js';

/**
 * Options of {@link createTool}; each member states its default and the requirement it serves,
 * e.g. `allowedTargetLinkUris` (OIDC-005) or `clockToleranceSeconds` (VAL-009).
 *
 * @example
 * ```ts
 * const options: ToolOptions = { baseUrl: 'https://tool.example.com/lti', stores: createMemoryStores(), onLaunch: (launch) => renderQuiz(launch) };
 * ```
 */
export interface ToolOptions {
  /**
   * Public URL where the tool's LTI endpoints are mounted, e.g. `https://tool.example.com/lti`.
   * Login is served at `${baseUrl}/login`, the launch (redirect URI) at `${baseUrl}/launch`.
   */
  baseUrl: string;
  stores: {
    /** State, nonce and replay records (OIDC-010..012, VAL-011). */
    singleUse: SingleUseStore;
    /** The platforms this tool trusts (CORE-003). */
    platforms: PlatformRegistrationStore;
    /**
     * The tool's signing keys, for client assertions (TOK-001) and Deep Linking responses; its
     * JWKS is then served at `${baseUrl}/jwks`. Without it the tool only receives launches.
     */
    keys?: KeyStore;
    /**
     * The tool's LTI 1.1 consumer keys and secrets (lti11.md §5). A launch carrying the `lti1p1`
     * claim is checked against them (MIG-004) and, when verified, its registration and deployment
     * are linked to the credential (`lti13`, MIG-005); see `launch.lti1p1`. Without it no claim
     * can be verified. LTI 1.1 launches (the `lti11` option) and the Basic Outcomes client
     * (`tool.lti11.outcomes`) find the shared secret of a consumer key here too (OA-006, BO-001).
     */
    lti11?: Lti11CredentialStore;
  };
  /** Which key set of `stores.keys` is the tool's. Default `'tool'`. */
  keySetId?: string;
  /** Tuning of service calls (timeouts, rate limits). */
  services?: { timeoutMs?: number; renewBeforeSeconds?: number; maxRetryAfterSeconds?: number; maxAttempts?: number };
  /** Called with the validated launch; its Response is sent to the browser. */
  onLaunch: (launch: LtiLaunch, request: Request) => Response | Promise<Response>;
  /**
   * URLs a launch may end at (OIDC-005): an entry matches a `target_link_uri` exactly, or as a prefix
   * when it ends with `/`. Default: anything under the origin of `baseUrl`.
   */
  allowedTargetLinkUris?: string[];
  /**
   * Message types the launch endpoint accepts (VAL-013). Default `['LtiResourceLinkRequest']`; add
   * `'LtiDeepLinkingRequest'` to receive Deep Linking requests (`launch.deepLinking`, DL-010) and
   * answer them with `tool.createDeepLinkingResponse` (needs `stores.keys`).
   */
  messageTypes?: string[];
  /**
   * Dynamic Registration (dynamic-registration.md): serve `GET ${baseUrl}/register`, the URL an
   * administrator pastes into a platform. The tool then fetches the platform's configuration,
   * registers itself and stores the platform (DR-010..DR-040). Needs `stores.keys` (the
   * registration names the tool's JWKS). Off when absent.
   */
  registration?: DynamicRegistrationOptions;
  /**
   * Audiences besides the tool's client id that may appear in a multi-valued `aud` (VAL-007);
   * any other audience is refused. Default none.
   */
  trustedAudiences?: string[];
  /**
   * What a launch whose `lti1p1` claim fails its check becomes (MIG-004): `'report'` (default)
   * accepts the launch, a valid 1.3 launch, with `launch.lti1p1.status` `'refused'` and the failed
   * check's code; `'enforce'` refuses it with that code (`ERR_LTI_LTI1P1_*`). Launches without the
   * claim are accepted either way.
   */
  lti1p1Migration?: 'report' | 'enforce';
  /**
   * Serve LTI 1.0/1.1 launches (OAuth 1.0a signed form posts) at `${baseUrl}/lti11/launch`
   * (lti11.md §1–§2). Needs `stores.lti11`. `tool.lti11.validateLaunch` and
   * `tool.lti11.outcomes` work without it, with its defaults.
   */
  lti11?: Lti11ToolOptions;
  /** Accept launches without `sub` (anonymous) (VAL-017). Default false. */
  allowAnonymous?: boolean;
  /** Allowed clock skew for `exp`/`iat`, seconds (VAL-009). Default 60. */
  clockToleranceSeconds?: number;
  /** Oldest `iat` accepted, seconds (VAL-010). Default 600. */
  maxTokenAgeSeconds?: number;
  /** How long a login's state and nonce stay valid, seconds. Default 600. */
  stateLifetimeSeconds?: number;
  /** Set the state cookie `Partitioned` (CHIPS) so it survives third-party-cookie blocking in iframes. Default true. */
  partitionedCookies?: boolean;
  /** Allow `http:` URLs on loopback addresses (development and tests only). Default false. */
  allowInsecureLoopback?: boolean;
  /** Outbound fetch (JWKS); injectable for tests. Default `globalThis.fetch`. */
  fetch?: typeof fetch;
  /** JWKS cache tuning (SEC-006). */
  jwks?: { timeoutMs?: number; maxBytes?: number; refetchCooldownSeconds?: number };
  clock?: Clock;
  /** Sees every message received or sent (inspector, metrics). */
  observer?: LtiMessageObserver;
  /**
   * Called with every error answered, before the response is sent, with its `cause` intact: log
   * `ERR_LTI_INTERNAL` (a bug or a failing store) and upstream failures (`ERR_LTI_FETCH_*`) here.
   * Must not throw.
   */
  onError?: (error: LtiError, request: Request) => void;
}

/**
 * Resolved options with defaults applied, and the login and launch URLs derived from `baseUrl`:
 * `launchUrl` is the redirect URI to register with the platform (OIDC-022).
 *
 * @example
 * ```ts
 * tool.config.launchUrl; // 'https://tool.example.com/lti/launch'
 * ```
 */
export interface ResolvedToolConfig {
  baseUrl: URL;
  basePath: string;
  loginUrl: string;
  launchUrl: string;
  /** Where the tool's JWKS is served (with `stores.keys`). */
  jwksUrl: string;
  /** Where Dynamic Registration starts (`GET`, with the `registration` option): the URL to give platforms (DR-001). */
  registrationUrl: string;
  allowedTargetLinkUris: string[];
  messageTypes: string[];
  trustedAudiences: string[];
  allowAnonymous: boolean;
  lti1p1Migration: 'report' | 'enforce';
  /** LTI 1.1 launches and outcomes, defaults applied; `launchUrl` is the URL to give the platform. */
  lti11: ResolvedLti11Config;
  clockToleranceSeconds: number;
  maxTokenAgeSeconds: number;
  stateLifetimeSeconds: number;
  partitionedCookies: boolean;
  secureCookies: boolean;
  allowInsecureLoopback: boolean;
}

/**
 * The `lti11` option of {@link ToolOptions}: LTI 1.0/1.1 launches signed with OAuth 1.0a
 * (L11-001..L11-004, OA-001..OA-006) and the Basic Outcomes client (BO-001..BO-006).
 *
 * @example
 * ```ts
 * const lti11: Lti11ToolOptions = { onLaunch: (launch) => new Response(`Hello ${launch.user.name ?? launch.userId}`) };
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (L11-001, OA-005)
 */
export interface Lti11ToolOptions {
  /** Called with the verified launch; its Response is sent to the browser. */
  onLaunch: (launch: Lti11Launch, request: Request) => Response | Promise<Response>;
  /** Where the launch is served, below `baseUrl`. Default `'/lti11/launch'`. */
  path?: string;
  /**
   * How far `oauth_timestamp` may be from now, seconds (OA-005). Default 300; nonces are kept as
   * long as their timestamp would be accepted, so a longer window keeps them longer.
   */
  timestampWindowSeconds?: number;
  /** Accepted `oauth_signature_method`s (OA-001). Default `['HMAC-SHA1']`. */
  signatureMethods?: OAuthSignatureMethod[];
  /** Largest launch form accepted, bytes (413 above). Default 64 KiB. */
  maxBodyBytes?: number;
  /** Basic Outcomes calls: deadline (default `services.timeoutMs`, else 10 s) and largest answer read (default 256 KiB). */
  outcomes?: { timeoutMs?: number; maxResponseBytes?: number };
}

/**
 * The `lti11` option with defaults applied (`tool.config.lti11`).
 *
 * @example
 * ```ts
 * tool.config.lti11.launchUrl; // 'https://tool.example.com/lti/lti11/launch'
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (OA-004)
 */
export interface ResolvedLti11Config {
  /** Whether `tool.fetch` serves the launch (the `lti11` option was given). */
  enabled: boolean;
  path: string;
  /** The public launch URL, the one the platform signs (OA-004). */
  launchUrl: string;
  timestampWindowSeconds: number;
  signatureMethods: OAuthSignatureMethod[];
  maxBodyBytes: number;
  outcomesTimeoutMs: number;
  outcomesMaxResponseBytes: number;
}

/**
 * The `registration` option of {@link ToolOptions}: what the tool asks a platform for in Dynamic
 * Registration, and the hooks around it. Only the scopes, claims and message types the platform
 * advertises are requested (DR-021); `LtiResourceLinkRequest` is always offered.
 *
 * @example
 * ```ts
 * const registration: DynamicRegistrationOptions = {
 *   clientName: 'Quiz tool', logoUri: 'https://tool.example.com/logo.png',
 *   scopes: [SCOPE.lineItem, SCOPE.score], claims: ['iss', 'sub', 'name', 'email'],
 *   authorize: (request) => isToolAdmin(request),
 * };
 * ```
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0 (DR-004, DR-020, DR-021, DR-040)
 */
export interface DynamicRegistrationOptions {
  /** `client_name`: the tool's name as the platform's administrators see it. */
  clientName: string;
  /** Localised names by language tag, sent as `client_name#<lang>`: `{ fr: 'Quiz' }`. */
  localizedClientNames?: Record<string, string>;
  logoUri?: string;
  clientUri?: string;
  policyUri?: string;
  tosUri?: string;
  contacts?: string[];
  /** The tool configuration's `description`. */
  description?: string;
  /** Service scopes wanted (e.g. `SCOPE.score`). Default none. */
  scopes?: string[];
  /** Claims wanted: `iss`, `sub` and personal-data claims (`name`, `email`, …; MSG-004). Default `['iss', 'sub']`. */
  claims?: string[];
  /**
   * The messages offered, in the wire form. Default: `LtiResourceLinkRequest`, and
   * `LtiDeepLinkingRequest` when `messageTypes` includes it, both at the launch URL. Their
   * `target_link_uri`s are added to the `redirect_uris`.
   */
  messages?: LtiMessageDescriptor[];
  /** Custom parameters sent on every launch (CUST-004). */
  customParameters?: Record<string, string>;
  /** The default launch URL (`target_link_uri`). Default: the launch URL. */
  targetLinkUri?: string;
  /**
   * DR-004: who may register the tool. Set it in production: without it anyone who can reach the
   * URL can make the tool trust a platform of their choosing (a configuration they serve, on their
   * host). `true` goes on; `false` answers a 403 page (`ERR_LTI_DR_NOT_AUTHORIZED`); a Response
   * (e.g. a redirect to your sign-in) is sent as is. It sees the GET the platform opens and, with
   * `confirm`, the confirmation POST too. Default: anyone who has the URL.
   */
  authorize?: (request: Request) => boolean | Response | Promise<boolean | Response>;
  /**
   * DR-004: ask the administrator before registering. The platform's GET then only fetches and
   * checks its configuration and answers a page showing the issuer, the product and the host of
   * every endpoint, with a Register button; the registration happens on that form's POST, which
   * carries a single-use token (10 minutes, `stores.singleUse`; `ERR_LTI_DR_CONFIRMATION_INVALID`
   * otherwise). Turn it on when `authorize` relies on cookies: a link on another site could
   * otherwise open the URL in a signed-in administrator's browser and register a platform
   * unnoticed (cross-site request forgery). Default false: the GET registers at once, as most
   * platforms' administrators expect.
   */
  confirm?: boolean;
  /** Called once the platform registration is stored (before the final page). */
  onRegistered?: (result: DynamicRegistrationResult, request: Request) => void | Promise<void>;
  /**
   * The body of the final page (safe HTML you built). The page always posts
   * `{ subject: 'org.imsglobal.lti.close' }` to the platform's window (DR-040).
   */
  completionPage?: (result: DynamicRegistrationResult) => { title?: string; html: string };
  /** Deadline of each call to the platform (configuration, registration), ms. Default 10000. */
  timeoutMs?: number;
  /** Largest configuration or registration answer read, bytes. Default 64 KiB. */
  maxResponseBytes?: number;
}

/**
 * What a completed Dynamic Registration produced (DR-035): the stored platform registration, the
 * platform's configuration and its answer.
 *
 * @example
 * ```ts
 * onRegistered: ({ registration }) => logger.info({ issuer: registration.issuer, clientId: registration.clientId }, 'registered'),
 * ```
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0 (DR-035)
 */
export interface DynamicRegistrationResult {
  registration: PlatformRegistration;
  configuration: PlatformConfiguration;
  response: ClientRegistrationResponse;
}

/**
 * State cookies are `__Host-` cookies: Secure, `Path=/`, no `Domain`, so a sibling subdomain can
 * neither set nor overwrite one (login CSRF through cookie tossing).
 */
export const STATE_COOKIE_PREFIX = '__Host-ltikit_state_';
