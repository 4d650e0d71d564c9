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
import type { ActivityProgress, GradingProgress } from '../vocab/ags_progress.js';
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
  /** Service scopes the platform granted at Dynamic Registration (DR-035); informational, the token endpoint decides. */
  scopes?: string[];
  /**
   * Set when Dynamic Registration returned no `deployment_id` (DR-037): the first launch of this
   * client is accepted with whatever deployment it names, and that deployment is recorded in
   * `deploymentIds` (the flag is then cleared). Later unknown deployments are refused as usual.
   */
  acceptFirstDeployment?: boolean;
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
  /** Where Deep Linking requests go (DL-003); default `targetLinkUri`. */
  deepLinkingUri?: string;
  /** The tool's JWKS URL; or give `publicJwk` (SEC-008). */
  jwksUri?: string;
  publicJwk?: JWK;
  /** Custom parameters of the registration (CUST-004), substituted at launch (CUST-002). */
  customParameters?: Record<string, string>;
  /** Personal-data claims the tool may receive (MSG-004); none when empty. */
  claims: PersonalDataClaim[];
  /** Service scopes granted to the tool. */
  scopes?: string[];
  /**
   * `'pending'`: registered by Dynamic Registration and waiting for an administrator's review
   * (DR-033); launches and service tokens are refused until it is `'active'`. Absent means active.
   */
  status?: 'pending' | 'active';
  /**
   * How the tool registered itself by Dynamic Registration, for the administrator's review
   * (DR-033, DR-034): what it asked for, and its registration request as received.
   */
  registration?: DynamicRegistrationRecord;
  /**
   * The LTI 1.1 consumer key this tool used before it moved to 1.3 (lti11.md §5): launches carry
   * the `lti1p1` claim signed with that key's secret from `stores.lti11` (MIG-001, MIG-002).
   */
  lti11ConsumerKey?: string;
}

/**
 * Platform side: what a Dynamic Registration left on the tool's registration for the
 * administrator: the scopes and personal-data claims the tool asked for (the registration's own
 * `scopes` and `claims` are what is granted, DR-034), its client registration request as received
 * (DR-032), who started the registration and when it was reviewed.
 *
 * @example
 * ```ts
 * const record: DynamicRegistrationRecord = { requestedScopes: [SCOPE.score], requestedClaims: ['name'],
 *   request: { client_name: 'Quiz tool' }, registeredAt: 1767225600, requestedBy: 'admin-7' };
 * ```
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0 (DR-032, DR-033, DR-034)
 */
export interface DynamicRegistrationRecord {
  /** The service scopes requested, among those the platform serves. */
  requestedScopes: string[];
  /** The personal-data claims requested (MSG-004). */
  requestedClaims: PersonalDataClaim[];
  /** The client registration request as the tool sent it (JSON). */
  request: Record<string, unknown>;
  /** Who created the registration token (an administrator's id), when given. */
  requestedBy?: string;
  /** The registration session the token was created for, when given. */
  sessionId?: string;
  registeredAt: number;
  /** When an administrator approved it (DR-033). */
  approvedAt?: number;
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
  /** Inserts or replaces the registration of its client id. */
  saveTool(tool: ToolRegistration): Promise<void>;
  /**
   * Inserts the registration only when its client id is free, atomically (of two concurrent
   * creations under one client id, even in two processes, exactly one succeeds and neither
   * replaces the other): `false` when taken. Dynamic Registration writes through it, so a
   * registration continuing an LTI 1.1 tool under its reserved client id never overwrites a tool
   * already there (DR-050, MIG-005).
   */
  createTool(tool: ToolRegistration): Promise<boolean>;
  deleteTool(clientId: string): Promise<void>;
}

/**
 * One LTI 1.0/1.1 OAuth consumer key and its shared secret (OA-006), kept by both sides: a platform
 * keeps one per 1.1 tool, a tool one per 1.1 platform. The secret must be readable (HMAC-SHA1
 * needs it), so protect the store as you protect signing keys. `lti13` links the key to the 1.3
 * registration it continues as after a migration (MIG-005).
 *
 * @example
 * ```ts
 * const credential: Lti11Credential = { consumerKey: 'ck-123', secret: 's3cr3t', name: 'Quiz tool',
 *   launchUrl: 'https://tool.example.com/lti11/launch', createdAt: 1767225600 };
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/migr (MIG-004, MIG-005)
 */
export interface Lti11Credential {
  consumerKey: string;
  secret: string;
  /** Who holds the other end: the tool (platform side) or the platform (tool side). */
  name?: string;
  /** Platform side: the tool's 1.1 launch URL. */
  launchUrl?: string;
  /** Platform side: custom parameters sent on every 1.1 launch (L11-003). */
  customParameters?: Record<string, string>;
  /** Platform side: the personal data 1.1 launches release (MSG-004 applied to 1.1). */
  claims?: PersonalDataClaim[];
  /**
   * The 1.3 registration this key continues as (MIG-005). Platform side: the tool's `clientId`.
   * Tool side: the platform's `issuer`, `clientId` and the deployments linked so far.
   */
  lti13?: { issuer?: string; clientId: string; deploymentIds?: string[] };
  createdAt: number;
}

/**
 * Both sides: LTI 1.0/1.1 consumer keys and secrets, by consumer key (OA-006).
 *
 * @example
 * ```ts
 * const credential = await stores.lti11.getCredential(params.oauth_consumer_key);
 * if (credential === undefined) throw new LtiError('ERR_LTI11_CONSUMER_KEY_UNKNOWN');
 * ```
 */
export interface Lti11CredentialStore {
  getCredential(consumerKey: string): Promise<Lti11Credential | undefined>;
  listCredentials(): Promise<Lti11Credential[]>;
  /** Inserts or replaces the credential of its consumer key. */
  saveCredential(credential: Lti11Credential): Promise<void>;
  /**
   * Inserts the credential only when its consumer key is free, atomically (two registrations of
   * one key can never both succeed, nor one overwrite the other's secret): `false` when taken.
   */
  createCredential(credential: Lti11Credential): Promise<boolean>;
  deleteCredential(consumerKey: string): Promise<void>;
}

/**
 * Platform side: one Assignment and Grade Services line item (a gradebook column, ags.md §3) as
 * stored. It belongs to one context and one tool: only that tool's tokens see it (AGS-012,
 * TOK-016). The wire form adds the `id` URL and spreads `extensions` back (AGS-021, AGS-023).
 *
 * @example
 * ```ts
 * const lineItem: StoredLineItem = { id: 'li-77', contextId: 'ctx-991', clientId: 'c-7731', label: 'Chapter 5 test',
 *   scoreMaximum: 60, resourceLinkId: 'rl-5c8e', tag: 'grade', createdAt: 1767225600 };
 * ```
 * @see https://www.imsglobal.org/spec/lti-ags/v2p0/#line-item-service (AGS-020..024)
 */
export interface StoredLineItem {
  /** Opaque id chosen by the platform; the line item URL ends with it. */
  id: string;
  contextId: string;
  /** The tool that owns the line item (TOK-016). */
  clientId: string;
  /** The deployment the line item was created through, when the token named one. */
  deploymentId?: string;
  label: string;
  /** Above 0 (AGS-020). */
  scoreMaximum: number;
  resourceLinkId?: string;
  resourceId?: string;
  tag?: string;
  /** ISO 8601, as the tool sent it. */
  startDateTime?: string;
  endDateTime?: string;
  gradesReleased?: boolean;
  /** Every other property the tool sent (`submissionReview`, vendor URIs), echoed back (AGS-023). */
  extensions?: Record<string, unknown>;
  /** When the line item was created, seconds since the epoch; listings are ordered by (`createdAt`, `id`). */
  createdAt: number;
}

/**
 * Platform side: one score a tool posted (ags.md §4), kept as history; the latest per (line item,
 * user) is that user's result (AGS-042, AGS-051). `timestamp` is kept as sent and compared as an
 * instant (see `parseIsoDateTimeMicros`).
 *
 * @example
 * ```ts
 * const score: StoredScore = { lineItemId: 'li-77', userId: 'a3f0c2e1', timestamp: '2026-03-05T14:03:22.519+00:00',
 *   activityProgress: 'Completed', gradingProgress: 'FullyGraded', scoreGiven: 47.5, scoreMaximum: 60, receivedAt: 1772719403 };
 * ```
 * @see https://www.imsglobal.org/spec/lti-ags/v2p0/#score-publish-service (AGS-042..046)
 */
export interface StoredScore {
  lineItemId: string;
  /** The learner's LTI `sub` (AGS-040). */
  userId: string;
  /** ISO 8601 with an offset, as the tool sent it (AGS-041). */
  timestamp: string;
  activityProgress: ActivityProgress;
  gradingProgress: GradingProgress;
  /** Absent: no score, or the score removed (AGS-043). */
  scoreGiven?: number;
  scoreMaximum?: number;
  comment?: string;
  scoringUserId?: string;
  /** When the learner started and submitted (AGS-046). */
  submission?: { startedAt?: string; submittedAt?: string };
  /** Vendor properties the tool sent, kept as given. */
  extensions?: Record<string, unknown>;
  /** When the platform accepted it, seconds since the epoch. */
  receivedAt: number;
}

/**
 * One page of a context's line items for one tool, filtered with AND semantics (AGS-030), ordered
 * by (`createdAt`, `id`).
 *
 * @example
 * ```ts
 * const page = await stores.ags.listLineItems({ contextId: 'ctx-991', clientId: 'c-7731', tag: 'grade', limit: 11 });
 * ```
 * @see https://www.imsglobal.org/spec/lti-ags/v2p0/#container-request-filters (AGS-030, AGS-031)
 */
export interface LineItemQuery {
  contextId: string;
  /** Only this tool's line items (TOK-016). */
  clientId: string;
  /** Only line items of this deployment or of none. */
  deploymentId?: string;
  resourceLinkId?: string;
  resourceId?: string;
  tag?: string;
  /** At most this many line items. */
  limit: number;
  /** Only line items after this one in (`createdAt`, `id`) order: the last of the previous page. */
  after?: { createdAt: number; id: string };
}

/**
 * One page of the latest scores of a line item, one per user, ordered by `userId` (AGS-050).
 *
 * @example
 * ```ts
 * const [latest] = await stores.ags.listLatestScores({ lineItemId: 'li-77', userId: 'a3f0c2e1', limit: 1 });
 * ```
 * @see https://www.imsglobal.org/spec/lti-ags/v2p0/#result-service (AGS-050)
 */
export interface LatestScoreQuery {
  lineItemId: string;
  /** Only this user's latest score. */
  userId?: string;
  /** At most this many scores. */
  limit: number;
  /** Only users after this `userId`: the last of the previous page. */
  afterUserId?: string;
}

/**
 * What {@link AgsStore.recordScore} did: stored it, refused it because a score with the same or a
 * later timestamp is already stored for that user (AGS-042), or found no such line item.
 *
 * @example
 * ```ts
 * if ((await stores.ags.recordScore(score)) === 'stale') throw new LtiError('ERR_LTI_AGS_SCORE_STALE');
 * ```
 * @see AGS-042 in shared/spec/ags.md
 */
export type RecordScoreOutcome = 'recorded' | 'stale' | 'line_item_unknown';

/**
 * One column of a context's gradebook: a line item and the latest score of every user who has one
 * (ordered by `userId`), for the platform's own gradebook pages (AGS-024, AGS-051).
 *
 * @example
 * ```ts
 * for (const { lineItem, latestScores } of await stores.ags.readGradebook('ctx-991')) render(lineItem.label, latestScores);
 * ```
 * @see AGS-024, AGS-051 in shared/spec/ags.md
 */
export interface GradebookColumn {
  lineItem: StoredLineItem;
  latestScores: StoredScore[];
}

/**
 * Platform side: Assignment and Grade Services storage. Line items (AGS-020..024), scores kept as
 * history, and the latest score per (line item, user), which is the result (AGS-050).
 *
 * {@link AgsStore.recordScore} MUST be atomic: of concurrent scores for one (line item, user), a
 * score is stored only when its `timestamp` is later than every score stored before it, so an older
 * score never replaces a newer one, even across processes (AGS-042). It resolves only once the
 * score is durable, so a 2xx answer never loses a grade. Deleting a line item deletes its scores.
 *
 * @example
 * ```ts
 * const platform = createPlatform({ ..., ags: { store: stores.ags }, serviceContextAccess });
 * const history = await stores.ags.scoreHistory('li-77', 'a3f0c2e1');
 * ```
 * @see https://www.imsglobal.org/spec/lti-ags/v2p0/ (AGS-012, AGS-042, AGS-050)
 */
export interface AgsStore {
  /** Stores a new line item (its `id` is new). */
  createLineItem(lineItem: StoredLineItem): Promise<void>;
  getLineItem(id: string): Promise<StoredLineItem | undefined>;
  /** Replaces a line item; `false` when none has its `id`. */
  updateLineItem(lineItem: StoredLineItem): Promise<boolean>;
  /** Deletes a line item and its scores; `false` when none has that id. */
  deleteLineItem(id: string): Promise<boolean>;
  listLineItems(query: LineItemQuery): Promise<StoredLineItem[]>;
  /** Stores a score unless it is stale (AGS-042); atomic, durable before it resolves. */
  recordScore(score: StoredScore): Promise<RecordScoreOutcome>;
  /** The latest score of each user of a line item (the results, AGS-050). */
  listLatestScores(query: LatestScoreQuery): Promise<StoredScore[]>;
  /** Every score stored for one user and line item, oldest first. */
  scoreHistory(lineItemId: string, userId: string): Promise<StoredScore[]>;
  /** A context's line items (of one tool when `clientId` is given) with their latest scores. */
  readGradebook(contextId: string, options?: { clientId?: string }): Promise<GradebookColumn[]>;
}
