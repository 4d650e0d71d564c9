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
import type { KeyStore, PlatformRegistrationStore, SingleUseStore } from '../stores/types.js';
import type { LtiLaunch } from './launch/validate_launch.js';

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
   * Audiences besides the tool's client id that may appear in a multi-valued `aud` (VAL-007);
   * any other audience is refused. Default none.
   */
  trustedAudiences?: string[];
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
  allowedTargetLinkUris: string[];
  messageTypes: string[];
  trustedAudiences: string[];
  allowAnonymous: boolean;
  clockToleranceSeconds: number;
  maxTokenAgeSeconds: number;
  stateLifetimeSeconds: number;
  partitionedCookies: boolean;
  secureCookies: boolean;
  allowInsecureLoopback: boolean;
}

/**
 * State cookies are `__Host-` cookies: Secure, `Path=/`, no `Domain`, so a sibling subdomain can
 * neither set nor overwrite one (login CSRF through cookie tossing).
 */
export const STATE_COOKIE_PREFIX = '__Host-ltikit_state_';
