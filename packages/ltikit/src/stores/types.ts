/**
 * The storage interfaces both sides use. Each declares only what ltikit calls, so a new backend is
 * one folder and one run of the contract suite. Times are seconds since the epoch.
 *
 * @example
 * ```ts
 * import { createMemoryStores } from 'ltikit/stores';
 * const stores = createMemoryStores();
 * ```
 */
import type { JWK } from 'jose';
import type { OidcPersonalClaim } from '../vocab/claims.js';

/**
 * Short-lived values that may be used once: OIDC `state` and `nonce` (OIDC-012, VAL-011),
 * `lti_message_hint`s (CORE-023), JWT `jti`s (TOK-012).
 * Implementations MUST make {@link SingleUseStore.consume} and {@link SingleUseStore.remember} atomic:
 * two concurrent callers (even in two processes) never both succeed for one key.
 *
 * @example
 * ```ts
 * if (!(await singleUse.remember('lti_nonce_used', nonce, exp))) throw new LtiError('ERR_LTI_NONCE_REPLAYED');
 * ```
 */
export interface SingleUseStore {
  /** Saves `value` under (`kind`, `key`) until `expiresAt`. A later `issue` of the same key replaces it. */
  issue(kind: string, key: string, value: string, expiresAt: number): Promise<void>;
  /** Returns the value when present and not expired, without removing it. */
  peek(kind: string, key: string): Promise<string | undefined>;
  /** Removes and returns the value when present and not expired; `undefined` otherwise. */
  consume(kind: string, key: string): Promise<string | undefined>;
  /**
   * Records that (`kind`, `key`) has been seen until `expiresAt`. Resolves `true` the first time,
   * `false` when it was already recorded and has not expired (a replay).
   */
  remember(kind: string, key: string, expiresAt: number): Promise<boolean>;
}

/**
 * Lifecycle of a signing key: published early as `next`, signs while `active`, stays published while
 * `retired`, so verifiers that cache the key set never meet an unknown `kid` (SEC-006).
 *
 * @example
 * ```ts
 * const upcoming = (await keyStore.listKeys('platform')).filter((key) => key.status === 'next');
 * ```
 */
export type SigningKeyStatus = 'next' | 'active' | 'retired';

/**
 * A signing key as stored. `privateJwk` is secret material: stores must protect it at rest. The
 * `kid` goes into every JWT header it signs (SEC-004).
 *
 * @example
 * ```ts
 * const active = (await keyStore.listKeys('platform')).find((key) => key.status === 'active');
 * ```
 */
export interface StoredSigningKey {
  kid: string;
  alg: string;
  status: SigningKeyStatus;
  privateJwk: JWK;
  publicJwk: JWK;
  createdAt: number;
  activatedAt?: number;
  retiredAt?: number;
  /** When a retired key may be removed: every token it signed has expired by then. */
  removeAfter?: number;
}

/**
 * Keys of one or more key sets; `keySetId` separates e.g. the platform's keys from a tool's. Three
 * methods are all `SigningKeySet` needs to rotate and publish keys (SEC-005, SEC-006).
 *
 * @example
 * ```ts
 * const keys = new SigningKeySet({ store: stores.keys, keySetId: 'platform', retiredKeyLifetimeSeconds: 900 });
 * ```
 */
export interface KeyStore {
  listKeys(keySetId: string): Promise<StoredSigningKey[]>;
  saveKey(keySetId: string, key: StoredSigningKey): Promise<void>;
  deleteKey(keySetId: string, kid: string): Promise<void>;
}

/**
 * Tool side: what the tool knows of one platform registration, keyed by (issuer, client id) (CORE-003).
 *
 * @example
 * ```ts
 * await stores.platforms.savePlatform({ issuer: 'https://lms.example.edu', clientId: 'c-7731', deploymentIds: ['dep-01'],
 *   authorizationEndpoint: 'https://lms.example.edu/lti/authorize', jwksUri: 'https://lms.example.edu/.well-known/jwks.json' });
 * ```
 */
export interface PlatformRegistration {
  issuer: string;
  clientId: string;
  /** Deployment ids this registration accepts (CORE-005). */
  deploymentIds: string[];
  /** The platform's OIDC authorization endpoint. */
  authorizationEndpoint: string;
  /** The platform's OAuth 2 token endpoint (services). */
  tokenEndpoint?: string;
  /** `aud` for client assertions when it differs from the token endpoint (`authorization_server`). */
  tokenAudience?: string;
  /** The platform's JWKS URL; or give `publicJwk` (SEC-008). */
  jwksUri?: string;
  publicJwk?: JWK;
  name?: string;
}

/**
 * Tool side: the platforms the tool trusts. `findPlatforms` returns every client id of an issuer so
 * an ambiguous login can be refused rather than guessed (CORE-003).
 *
 * @example
 * ```ts
 * const [registration] = await stores.platforms.findPlatforms('https://lms.example.edu');
 * ```
 */
export interface PlatformRegistrationStore {
  /** Every registration of `issuer` (one issuer can hold many client ids). */
  findPlatforms(issuer: string): Promise<PlatformRegistration[]>;
  savePlatform(registration: PlatformRegistration): Promise<void>;
  deletePlatform(issuer: string, clientId: string): Promise<void>;
}

/**
 * Personal-data claims a platform may release to a tool (MSG-004).
 *
 * @example
 * ```ts
 * const claims: PersonalDataClaim[] = ['name', 'email'];
 * ```
 */
export type PersonalDataClaim = OidcPersonalClaim;

/**
 * Platform side: one registered tool, keyed by client id, with its deployments (CORE-001), exact
 * redirect URIs (OIDC-022) and the personal data it may receive (MSG-004).
 *
 * @example
 * ```ts
 * const tool: ToolRegistration | undefined = await stores.tools.getTool('c-7731');
 * ```
 */
export interface ToolRegistration {
  clientId: string;
  name: string;
  /** Deployments of this tool (CORE-001, CORE-024). */
  deploymentIds: string[];
  /** The tool's third-party login initiation URL. */
  initiateLoginUri: string;
  /** Exactly matched at the authorization endpoint (OIDC-022). */
  redirectUris: string[];
  /** Where a launch ends when the link names no URL of its own. */
  targetLinkUri: string;
  /** The tool's JWKS URL; or give `publicJwk` (SEC-008). */
  jwksUri?: string;
  publicJwk?: JWK;
  /** Custom parameters of the registration (CUST-004), substituted at launch (CUST-002). */
  customParameters?: Record<string, string>;
  /** Personal-data claims the tool may receive (MSG-004); none when empty. */
  claims: PersonalDataClaim[];
  /** Service scopes granted to the tool. */
  scopes?: string[];
}

/**
 * Platform side: the registered tools, by client id. The authorization endpoint reads a tool here
 * to check `client_id` and `redirect_uri` (OIDC-021, OIDC-022).
 *
 * @example
 * ```ts
 * const tool = await stores.tools.getTool(clientId);
 * if (tool === undefined) throw new LtiError('ERR_LTI_AUTH_CLIENT_UNKNOWN');
 * ```
 */
export interface ToolRegistrationStore {
  getTool(clientId: string): Promise<ToolRegistration | undefined>;
  listTools(): Promise<ToolRegistration[]>;
  saveTool(tool: ToolRegistration): Promise<void>;
  deleteTool(clientId: string): Promise<void>;
}
