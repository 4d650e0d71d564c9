/**
 * In-memory implementations of every store interface, for tests, examples and one-process apps.
 * Not durable; use `@ltikit/store-sql` for SQLite or PostgreSQL.
 *
 * @example
 * ```ts
 * const stores = createMemoryStores();
 * await stores.singleUse.issue('state', 's1', '{}', now + 300);
 * ```
 */
import type {
  AgsStore,
  GradebookColumn,
  KeyStore,
  LatestScoreQuery,
  Lti11Credential,
  Lti11CredentialStore,
  LineItemQuery,
  PlatformRegistration,
  PlatformRegistrationStore,
  RecordScoreOutcome,
  SingleUseStore,
  StoredLineItem,
  StoredScore,
  StoredSigningKey,
  ToolRegistration,
  ToolRegistrationStore,
} from './types.js';
import { systemClock, type Clock } from '../lib/clock.js';
import { parseIsoDateTimeMicros } from '../lib/iso_date_time.js';

// Stored values are plain JSON data; a JSON round trip copies them at a third of structuredClone's cost.
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/**
 * A deep-frozen copy. Registrations are copied once when saved and handed out frozen: reads (one
 * per launch) cost nothing, and no caller can change the store through a returned object.
 */
function frozenCopy<T>(value: T): T {
  const freeze = (item: unknown): void => {
    if (typeof item !== 'object' || item === null) return;
    Object.freeze(item);
    for (const child of Object.values(item)) freeze(child);
  };
  const copy = clone(value);
  freeze(copy);
  return copy;
}

/**
 * In-memory {@link SingleUseStore}: atomic within one process because Map operations are
 * synchronous; state, nonces and message hints do not survive a restart or reach a second process
 * (OIDC-012, VAL-011).
 *
 * @example
 * ```ts
 * const singleUse = new MemorySingleUseStore(fixedClock(1767225600));
 * ```
 */
export class MemorySingleUseStore implements SingleUseStore {
  readonly #entries = new Map<string, { value: string; expiresAt: number }>();
  readonly #clock: Clock;
  #writes = 0;

  constructor(clock: Clock = systemClock) {
    this.#clock = clock;
  }

  async issue(kind: string, key: string, value: string, expiresAt: number): Promise<void> {
    this.#entries.set(`${kind}\u0000${key}`, { value, expiresAt });
    this.#afterWrite();
  }

  async peek(kind: string, key: string): Promise<string | undefined> {
    const entry = this.#entries.get(`${kind}\u0000${key}`);
    return entry === undefined || entry.expiresAt <= this.#clock.now() ? undefined : entry.value;
  }

  async consume(kind: string, key: string): Promise<string | undefined> {
    const id = `${kind}\u0000${key}`;
    const entry = this.#entries.get(id);
    // Map operations are synchronous, so get+delete cannot interleave with another caller.
    this.#entries.delete(id);
    if (entry === undefined || entry.expiresAt <= this.#clock.now()) return undefined;
    return entry.value;
  }

  async remember(kind: string, key: string, expiresAt: number): Promise<boolean> {
    const id = `${kind}\u0000${key}`;
    const entry = this.#entries.get(id);
    if (entry !== undefined && entry.expiresAt > this.#clock.now()) return false;
    this.#entries.set(id, { value: '', expiresAt });
    this.#afterWrite();
    return true;
  }

  /**
   * Expired entries are swept once the writes since the last sweep reach the map's size (and at
   * least 1,000): each sweep is paid for by as many writes as it visits, so a write costs O(1)
   * amortised however many values are live.
   */
  #afterWrite(): void {
    if (++this.#writes < Math.max(1000, this.#entries.size)) return;
    this.#writes = 0;
    this.#sweep();
  }

  #sweep(): void {
    const now = this.#clock.now();
    for (const [id, entry] of this.#entries) if (entry.expiresAt <= now) this.#entries.delete(id);
  }
}

/**
 * In-memory {@link KeyStore}. Keys are lost on restart, so a tool's cached key set then meets an
 * unknown `kid` and refetches (SEC-006); use a durable store in production.
 *
 * @example
 * ```ts
 * const keys = new SigningKeySet({ store: new MemoryKeyStore(), keySetId: 'platform', retiredKeyLifetimeSeconds: 900 });
 * ```
 */
export class MemoryKeyStore implements KeyStore {
  readonly #sets = new Map<string, Map<string, StoredSigningKey>>();

  async listKeys(keySetId: string): Promise<StoredSigningKey[]> {
    return [...(this.#sets.get(keySetId)?.values() ?? [])].map(clone);
  }

  async saveKey(keySetId: string, key: StoredSigningKey): Promise<void> {
    const set = this.#sets.get(keySetId) ?? new Map<string, StoredSigningKey>();
    this.#sets.set(keySetId, set);
    set.set(key.kid, clone(key));
  }

  async deleteKey(keySetId: string, kid: string): Promise<void> {
    this.#sets.get(keySetId)?.delete(kid);
  }
}

/**
 * In-memory {@link PlatformRegistrationStore}, keyed by (issuer, client id) (CORE-003).
 *
 * @example
 * ```ts
 * const platforms = new MemoryPlatformRegistrationStore([{ issuer: 'https://lms.example.edu', clientId: 'c-7731',
 *   deploymentIds: ['dep-01'], authorizationEndpoint: 'https://lms.example.edu/lti/authorize', jwksUri: 'https://lms.example.edu/.well-known/jwks.json' }]);
 * ```
 */
export class MemoryPlatformRegistrationStore implements PlatformRegistrationStore {
  readonly #byId = new Map<string, PlatformRegistration>();

  constructor(initial: PlatformRegistration[] = []) {
    for (const registration of initial) this.#byId.set(`${registration.issuer}\u0000${registration.clientId}`, frozenCopy(registration));
  }

  async findPlatforms(issuer: string): Promise<PlatformRegistration[]> {
    return [...this.#byId.values()].filter((registration) => registration.issuer === issuer);
  }

  async savePlatform(registration: PlatformRegistration): Promise<void> {
    this.#byId.set(`${registration.issuer}\u0000${registration.clientId}`, frozenCopy(registration));
  }

  async deletePlatform(issuer: string, clientId: string): Promise<void> {
    this.#byId.delete(`${issuer}\u0000${clientId}`);
  }
}

/**
 * In-memory {@link ToolRegistrationStore}, keyed by client id (OIDC-021).
 *
 * @example
 * ```ts
 * const tools = new MemoryToolRegistrationStore([quizTool]);
 * ```
 */
export class MemoryToolRegistrationStore implements ToolRegistrationStore {
  readonly #byClientId = new Map<string, ToolRegistration>();

  constructor(initial: ToolRegistration[] = []) {
    for (const tool of initial) this.#byClientId.set(tool.clientId, frozenCopy(tool));
  }

  async getTool(clientId: string): Promise<ToolRegistration | undefined> {
    return this.#byClientId.get(clientId);
  }

  async listTools(): Promise<ToolRegistration[]> {
    return [...this.#byClientId.values()];
  }

  async saveTool(tool: ToolRegistration): Promise<void> {
    this.#byClientId.set(tool.clientId, frozenCopy(tool));
  }

  async createTool(tool: ToolRegistration): Promise<boolean> {
    // Check and insert with no await between them: atomic within the process.
    if (this.#byClientId.has(tool.clientId)) return false;
    this.#byClientId.set(tool.clientId, frozenCopy(tool));
    return true;
  }

  async deleteTool(clientId: string): Promise<void> {
    this.#byClientId.delete(clientId);
  }
}

/**
 * {@link Lti11CredentialStore} in memory: LTI 1.1 consumer keys and secrets (OA-006).
 *
 * @example
 * ```ts
 * const lti11 = new MemoryLti11CredentialStore();
 * await lti11.saveCredential({ consumerKey: 'ck-123', secret: 's3cr3t', createdAt: 1767225600 });
 * ```
 */
export class MemoryLti11CredentialStore implements Lti11CredentialStore {
  readonly #byKey = new Map<string, Lti11Credential>();

  async getCredential(consumerKey: string): Promise<Lti11Credential | undefined> {
    const found = this.#byKey.get(consumerKey);
    return found === undefined ? undefined : clone(found);
  }

  async listCredentials(): Promise<Lti11Credential[]> {
    return [...this.#byKey.values()].map(clone).sort((a, b) => (a.consumerKey < b.consumerKey ? -1 : a.consumerKey > b.consumerKey ? 1 : 0));
  }

  async saveCredential(credential: Lti11Credential): Promise<void> {
    this.#byKey.set(credential.consumerKey, clone(credential));
  }

  async createCredential(credential: Lti11Credential): Promise<boolean> {
    if (this.#byKey.has(credential.consumerKey)) return false;
    this.#byKey.set(credential.consumerKey, clone(credential));
    return true;
  }

  async deleteCredential(consumerKey: string): Promise<void> {
    this.#byKey.delete(consumerKey);
  }
}

/** The ordering key of a score's timestamp (AGS-042); stored scores always have a valid one. */
function timestampKey(score: StoredScore): number {
  const micros = parseIsoDateTimeMicros(score.timestamp);
  if (micros === undefined) throw new TypeError('A score timestamp must be an ISO 8601 date-time with an offset.');
  return micros;
}

const byCreation = (a: StoredLineItem, b: StoredLineItem): number =>
  a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * In-memory {@link AgsStore}: line items, score history and the latest score per (line item, user).
 * `recordScore` compares and writes without awaiting in between, so within one process an older
 * score never replaces a newer one (AGS-042). Not durable: use `@ltikit/store-sql` in production.
 *
 * @example
 * ```ts
 * const platform = createPlatform({ ..., ags: { store: new MemoryAgsStore() }, serviceContextAccess });
 * ```
 * @see https://www.imsglobal.org/spec/lti-ags/v2p0/ (AGS-042, AGS-050)
 */
export class MemoryAgsStore implements AgsStore {
  readonly #lineItems = new Map<string, StoredLineItem>();
  /** Per line item, per user: the scores stored, oldest first (the last one is the result). */
  readonly #scores = new Map<string, Map<string, { key: number; score: StoredScore }[]>>();

  async createLineItem(lineItem: StoredLineItem): Promise<void> {
    if (this.#lineItems.has(lineItem.id)) throw new TypeError(`A line item with id ${lineItem.id} already exists.`);
    this.#lineItems.set(lineItem.id, clone(lineItem));
  }

  async getLineItem(id: string): Promise<StoredLineItem | undefined> {
    const lineItem = this.#lineItems.get(id);
    return lineItem === undefined ? undefined : clone(lineItem);
  }

  async updateLineItem(lineItem: StoredLineItem): Promise<boolean> {
    if (!this.#lineItems.has(lineItem.id)) return false;
    this.#lineItems.set(lineItem.id, clone(lineItem));
    return true;
  }

  async deleteLineItem(id: string): Promise<boolean> {
    this.#scores.delete(id);
    return this.#lineItems.delete(id);
  }

  async listLineItems(query: LineItemQuery): Promise<StoredLineItem[]> {
    const { after } = query;
    return [...this.#lineItems.values()]
      .filter(
        (item) =>
          item.contextId === query.contextId &&
          item.clientId === query.clientId &&
          (query.deploymentId === undefined || item.deploymentId === undefined || item.deploymentId === query.deploymentId) &&
          (query.resourceLinkId === undefined || item.resourceLinkId === query.resourceLinkId) &&
          (query.resourceId === undefined || item.resourceId === query.resourceId) &&
          (query.tag === undefined || item.tag === query.tag) &&
          (after === undefined || item.createdAt > after.createdAt || (item.createdAt === after.createdAt && item.id > after.id)),
      )
      .sort(byCreation)
      .slice(0, query.limit)
      .map(clone);
  }

  async recordScore(score: StoredScore): Promise<RecordScoreOutcome> {
    const key = timestampKey(score);
    // From here to the write nothing awaits, so no other call can interleave (AGS-042).
    if (!this.#lineItems.has(score.lineItemId)) return 'line_item_unknown';
    let users = this.#scores.get(score.lineItemId);
    if (users === undefined) {
      users = new Map();
      this.#scores.set(score.lineItemId, users);
    }
    const history = users.get(score.userId) ?? [];
    const latest = history.at(-1);
    if (latest !== undefined && latest.key >= key) return 'stale';
    history.push({ key, score: clone(score) });
    users.set(score.userId, history);
    return 'recorded';
  }

  async listLatestScores(query: LatestScoreQuery): Promise<StoredScore[]> {
    const users = this.#scores.get(query.lineItemId);
    if (users === undefined) return [];
    return [...users.keys()]
      .filter((userId) => (query.userId === undefined || userId === query.userId) && (query.afterUserId === undefined || userId > query.afterUserId))
      .sort()
      .slice(0, query.limit)
      .map((userId) => clone(users.get(userId)!.at(-1)!.score));
  }

  async scoreHistory(lineItemId: string, userId: string): Promise<StoredScore[]> {
    return (this.#scores.get(lineItemId)?.get(userId) ?? []).map((entry) => clone(entry.score));
  }

  async readGradebook(contextId: string, options: { clientId?: string } = {}): Promise<GradebookColumn[]> {
    const lineItems = [...this.#lineItems.values()]
      .filter((item) => item.contextId === contextId && (options.clientId === undefined || item.clientId === options.clientId))
      .sort(byCreation);
    return Promise.all(
      lineItems.map(async (lineItem) => ({
        lineItem: clone(lineItem),
        latestScores: await this.listLatestScores({ lineItemId: lineItem.id, limit: Number.MAX_SAFE_INTEGER }),
      })),
    );
  }
}

/**
 * Every store, in memory, sharing one clock for expiries (OIDC-012, CORE-023): for tests, examples
 * and one-process apps.
 *
 * @example
 * ```ts
 * const stores = createMemoryStores(fixedClock(1767225600));
 * const tool = createTool({ baseUrl: 'https://tool.example.com/lti', stores, onLaunch });
 * ```
 */
export function createMemoryStores(clock: Clock = systemClock): {
  singleUse: MemorySingleUseStore;
  keys: MemoryKeyStore;
  platforms: MemoryPlatformRegistrationStore;
  tools: MemoryToolRegistrationStore;
  ags: MemoryAgsStore;
  lti11: MemoryLti11CredentialStore;
} {
  return {
    singleUse: new MemorySingleUseStore(clock),
    keys: new MemoryKeyStore(),
    platforms: new MemoryPlatformRegistrationStore(),
    tools: new MemoryToolRegistrationStore(),
    ags: new MemoryAgsStore(),
    lti11: new MemoryLti11CredentialStore(),
  };
}
