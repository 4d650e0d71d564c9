/**
 * The keys one party signs its JWTs with, kept in a {@link KeyStore}: one active key signs, a
 * `next` key is published ahead of use, retired keys stay published until every token they signed
 * has expired (SEC-004, SEC-005, SEC-006).
 *
 * @example
 * ```ts
 * const keys = new SigningKeySet({ store, keySetId: 'platform', retiredKeyLifetimeSeconds: 3600 });
 * const idToken = await keys.sign({ iss, aud, iat, exp, nonce });
 * const body = JSON.stringify(await keys.jwks());
 * ```
 */
import { SignJWT, type CryptoKey, type JWK, type JWTHeaderParameters, type JWTPayload } from 'jose';
import { LtiError } from '../errors.js';
import { systemClock, type Clock } from '../lib/clock.js';
import type { KeyStore, StoredSigningKey } from '../stores/types.js';
import { isApprovedAlgorithm, type SigningAlgorithm } from './algorithms.js';
import { exportPublicJwk, generateSigningKey, importJwkAsCryptoKey } from './generate_signing_key.js';

/**
 * Options of {@link SigningKeySet}.
 *
 * @example
 * ```ts
 * const options: SigningKeySetOptions = { store, keySetId: 'platform', retiredKeyLifetimeSeconds: 3600 + 60 };
 * ```
 * @see SEC-006 in shared/spec/core-security.md
 */
export interface SigningKeySetOptions {
  store: KeyStore;
  /** Separates this set from others in the same store, e.g. `'platform'` or `'tool'`. */
  keySetId: string;
  clock?: Clock;
  /** Algorithm of keys this set creates. Default `'RS256'` (SEC-001). */
  algorithm?: SigningAlgorithm;
  /**
   * How long a retired key stays published: at least the longest lifetime of any token it signed
   * (plus the clock skew verifiers allow), so those tokens still verify until they expire (SEC-006).
   */
  retiredKeyLifetimeSeconds: number;
  /** How long a read of the store is reused; other processes see a rotation after at most this. Default 5. */
  cacheSeconds?: number;
}

/**
 * A stored key without its private part, for listings and admin screens.
 *
 * @example
 * ```ts
 * const retired: SigningKeyInfo[] = (await keys.list()).filter((key) => key.status === 'retired');
 * ```
 * @see SEC-005 in shared/spec/core-security.md
 */
export type SigningKeyInfo = Omit<StoredSigningKey, 'privateJwk'>;

/**
 * The key that signs now.
 *
 * @example
 * ```ts
 * const { kid, alg, key }: ActiveSigningKey = await keys.activeKey();
 * ```
 * @see SEC-004 in shared/spec/core-security.md
 */
export interface ActiveSigningKey {
  kid: string;
  alg: SigningAlgorithm;
  key: CryptoKey;
}

/**
 * What {@link SigningKeySet.rotate} changed.
 *
 * @example
 * ```ts
 * const { activated, retired }: SigningKeyRotation = await keys.rotate();
 * ```
 * @see SEC-006 in shared/spec/core-security.md
 */
export interface SigningKeyRotation {
  /** The key that signs from now on. */
  activated: SigningKeyInfo;
  /** The keys that signed until now (normally one; none on a set that had no active key). */
  retired: SigningKeyInfo[];
}

/**
 * One party's signing keys over a {@link KeyStore}. Several processes may share one store: each
 * re-reads it at most every `cacheSeconds`, and imported `CryptoKey`s are kept per `kid` so
 * signing never re-imports. Rotation is two-step: {@link SigningKeySet.prepareNext} publishes a
 * key early so peers can cache it, {@link SigningKeySet.rotate} starts signing with it. Every JWT
 * carries the `kid` of its key (SEC-004).
 *
 * @throws LtiError `ERR_LTI_KEY_UNSUPPORTED_ALG` for an unapproved `algorithm`;
 *   `ERR_LTI_PLATFORM_CONFIG_INVALID` for a negative or non-finite lifetime.
 * @example
 * ```ts
 * const keys = new SigningKeySet({ store: stores.keys, keySetId: 'platform', retiredKeyLifetimeSeconds: 3600 });
 * await keys.prepareNext();            // publish the coming key a cache lifetime ahead
 * const { activated, retired } = await keys.rotate();
 * await keys.prune();                  // later: drop retired keys past removeAfter
 * ```
 * @see SEC-001, SEC-004, SEC-005, SEC-006 in shared/spec/core-security.md
 */
export class SigningKeySet {
  readonly keySetId: string;
  readonly #store: KeyStore;
  readonly #clock: Clock;
  readonly #algorithm: SigningAlgorithm;
  readonly #retiredKeyLifetimeSeconds: number;
  readonly #cacheSeconds: number;
  #snapshot: { keys: StoredSigningKey[]; readAt: number } | undefined;
  readonly #cryptoKeys = new Map<string, Promise<CryptoKey>>();
  /** Serialises this instance's writes, so two calls in one process never interleave. */
  #writes: Promise<unknown> = Promise.resolve();

  constructor(options: SigningKeySetOptions) {
    const algorithm = options.algorithm ?? 'RS256';
    if (!isApprovedAlgorithm(algorithm)) throw new LtiError('ERR_LTI_KEY_UNSUPPORTED_ALG', { detail: { alg: algorithm } });
    const cacheSeconds = options.cacheSeconds ?? 5;
    for (const [name, value] of [['retiredKeyLifetimeSeconds', options.retiredKeyLifetimeSeconds], ['cacheSeconds', cacheSeconds]] as const) {
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        throw new LtiError('ERR_LTI_PLATFORM_CONFIG_INVALID', { message: `SigningKeySet option ${name} must be a number of seconds ≥ 0.`, detail: { option: name } });
      }
    }
    if (typeof options.keySetId !== 'string' || options.keySetId === '') {
      throw new LtiError('ERR_LTI_PLATFORM_CONFIG_INVALID', { message: 'SigningKeySet needs a keySetId.', detail: { option: 'keySetId' } });
    }
    this.keySetId = options.keySetId;
    this.#store = options.store;
    this.#clock = options.clock ?? systemClock;
    this.#algorithm = algorithm;
    this.#retiredKeyLifetimeSeconds = options.retiredKeyLifetimeSeconds;
    this.#cacheSeconds = cacheSeconds;
  }

  /**
   * The key to sign with now. On a set with no keys at all, creates and activates a first key.
   *
   * @throws LtiError `ERR_LTI_NO_ACTIVE_KEY` when the set holds keys but none is active (rotate first);
   *   `ERR_LTI_KEY_INVALID` / `ERR_LTI_KEY_UNSUPPORTED_ALG` when the stored active key is unusable.
   * @example
   * ```ts
   * const { kid, alg, key } = await keys.activeKey();
   * ```
   * @see SEC-004 in shared/spec/core-security.md
   */
  async activeKey(): Promise<ActiveSigningKey> {
    let active = pickActive(await this.#keys(false));
    // The cached read may predate a rotation elsewhere; look once more before deciding.
    if (active === undefined) active = pickActive(await this.#keys(true));
    if (active === undefined) active = await this.#createFirstKey();
    if (!isApprovedAlgorithm(active.alg)) throw new LtiError('ERR_LTI_KEY_UNSUPPORTED_ALG', { detail: { alg: active.alg, kid: active.kid } });
    return { kid: active.kid, alg: active.alg, key: await this.#cryptoKey(active, active.alg) };
  }

  /**
   * Signs `payload` as a JWT with the active key; the header holds `alg`, `kid` (SEC-004) and
   * `typ` when given. Timestamps (`iat`, `exp`, …) are the caller's: nothing is added.
   *
   * @example
   * ```ts
   * const now = clock.now();
   * const jwt = await keys.sign({ iss: clientId, sub: clientId, aud: tokenUrl, iat: now, exp: now + 300, jti: randomId() });
   * ```
   * @see SEC-001, SEC-004 in shared/spec/core-security.md
   */
  async sign(payload: JWTPayload, options: { typ?: string } = {}): Promise<string> {
    const { kid, alg, key } = await this.activeKey();
    const header: JWTHeaderParameters = { alg, kid };
    if (options.typ !== undefined) header.typ = options.typ;
    return new SignJWT(payload).setProtectedHeader(header).sign(key);
  }

  /**
   * The JSON Web Key Set to publish: public parts of the `next` and `active` keys and of retired
   * keys whose `removeAfter` has not passed (SEC-005, SEC-006). Creates the first key on an empty
   * set, so the published set is never empty.
   *
   * @example
   * ```ts
   * app.get('/.well-known/jwks.json', async () => Response.json(await keys.jwks()));
   * ```
   * @see SEC-005, SEC-006 in shared/spec/core-security.md
   */
  async jwks(): Promise<{ keys: JWK[] }> {
    let keys = await this.#keys(false);
    if (keys.length === 0) {
      await this.activeKey();
      keys = await this.#keys(false);
    }
    const now = this.#clock.now();
    const order = { active: 0, next: 1, retired: 2 } as const;
    return {
      keys: keys
        .filter((key) => key.status !== 'retired' || key.removeAfter === undefined || key.removeAfter > now)
        .sort((a, b) => order[a.status] - order[b.status])
        .map((key) => exportPublicJwk({ ...key.publicJwk, kid: key.kid, alg: key.alg, use: key.publicJwk.use ?? 'sig' })),
    };
  }

  /**
   * Adds a `next` key: published in {@link SigningKeySet.jwks} but not yet used, so peers cache
   * it before {@link SigningKeySet.rotate} makes it active. Returns the existing `next` key of
   * that algorithm when there is one.
   *
   * @example
   * ```ts
   * await keys.prepareNext();          // a JWKS cache lifetime before rotating
   * ```
   * @see SEC-006 in shared/spec/core-security.md
   */
  async prepareNext(options: { alg?: SigningAlgorithm } = {}): Promise<SigningKeyInfo> {
    const alg = this.#checkAlgorithm(options.alg);
    return this.#exclusive(async () => {
      const existing = pickNext(await this.#keys(true), alg);
      if (existing !== undefined) return toInfo(existing);
      const key = await generateSigningKey({ alg, now: this.#clock.now() });
      await this.#store.saveKey(this.keySetId, key);
      await this.#keys(true);
      return toInfo(key);
    });
  }

  /**
   * Makes the newest `next` key of the algorithm (or a newly generated one) active, and retires
   * the previously active key with `retiredAt = now` and
   * `removeAfter = now + retiredKeyLifetimeSeconds`. Only one key is active afterwards.
   *
   * @example
   * ```ts
   * const { activated, retired } = await keys.rotate();
   * log.info({ activated: activated.kid, retired: retired.map((key) => key.kid) }, 'signing key rotated');
   * ```
   * @see SEC-006 in shared/spec/core-security.md
   */
  async rotate(options: { alg?: SigningAlgorithm } = {}): Promise<SigningKeyRotation> {
    const alg = this.#checkAlgorithm(options.alg);
    return this.#exclusive(async () => {
      const keys = await this.#keys(true);
      const now = this.#clock.now();
      const candidate = pickNext(keys, alg) ?? (await generateSigningKey({ alg, now }));
      const activated: StoredSigningKey = { ...candidate, status: 'active', activatedAt: now };
      // Activate before retiring: readers may briefly see two active keys, never none.
      await this.#store.saveKey(this.keySetId, activated);
      const retired: StoredSigningKey[] = [];
      for (const key of keys) {
        if (key.status !== 'active' || key.kid === activated.kid) continue;
        const retiredKey: StoredSigningKey = { ...key, status: 'retired', retiredAt: now, removeAfter: now + this.#retiredKeyLifetimeSeconds };
        await this.#store.saveKey(this.keySetId, retiredKey);
        retired.push(retiredKey);
      }
      await this.#keys(true);
      return { activated: toInfo(activated), retired: retired.map(toInfo) };
    });
  }

  /**
   * Deletes retired keys whose `removeAfter` has passed: every token they signed has expired
   * (SEC-006). Returns the deleted `kid`s.
   *
   * @example
   * ```ts
   * setInterval(() => void keys.prune(), 3600_000);
   * ```
   * @see SEC-006 in shared/spec/core-security.md
   */
  async prune(): Promise<string[]> {
    return this.#exclusive(async () => {
      const now = this.#clock.now();
      const removed: string[] = [];
      for (const key of await this.#keys(true)) {
        if (key.status !== 'retired' || key.removeAfter === undefined || key.removeAfter > now) continue;
        await this.#store.deleteKey(this.keySetId, key.kid);
        this.#cryptoKeys.delete(key.kid);
        removed.push(key.kid);
      }
      if (removed.length > 0) await this.#keys(true);
      return removed;
    });
  }

  /**
   * Every key of the set as stored now, without private parts.
   *
   * @example
   * ```ts
   * for (const key of await keys.list()) console.log(key.kid, key.status, key.removeAfter);
   * ```
   * @see SEC-005 in shared/spec/core-security.md
   */
  async list(): Promise<SigningKeyInfo[]> {
    return (await this.#keys(true)).map(toInfo);
  }

  async #keys(fresh: boolean): Promise<StoredSigningKey[]> {
    const now = this.#clock.now();
    if (!fresh && this.#snapshot !== undefined && now - this.#snapshot.readAt < this.#cacheSeconds) return this.#snapshot.keys;
    const keys = await this.#store.listKeys(this.keySetId);
    this.#snapshot = { keys, readAt: now };
    return keys;
  }

  async #createFirstKey(): Promise<StoredSigningKey> {
    return this.#exclusive(async () => {
      const keys = await this.#keys(true);
      const already = pickActive(keys);
      if (already !== undefined) return already;
      if (keys.length > 0) throw new LtiError('ERR_LTI_NO_ACTIVE_KEY', { detail: { keySetId: this.keySetId } });
      const now = this.#clock.now();
      const key: StoredSigningKey = { ...(await generateSigningKey({ alg: this.#algorithm, now })), status: 'active', activatedAt: now };
      await this.#store.saveKey(this.keySetId, key);
      // Another process may have created one at the same moment; every instance picks the same winner.
      return pickActive(await this.#keys(true)) ?? key;
    });
  }

  #cryptoKey(stored: StoredSigningKey, alg: SigningAlgorithm): Promise<CryptoKey> {
    const cached = this.#cryptoKeys.get(stored.kid);
    if (cached !== undefined) return cached;
    const imported = importJwkAsCryptoKey(stored.privateJwk, alg, { extractable: false }).catch((error: unknown) => {
      this.#cryptoKeys.delete(stored.kid);
      throw new LtiError('ERR_LTI_KEY_INVALID', { message: 'The stored private key could not be imported.', detail: { kid: stored.kid, alg }, cause: error });
    });
    this.#cryptoKeys.set(stored.kid, imported);
    return imported;
  }

  #checkAlgorithm(alg: SigningAlgorithm | undefined): SigningAlgorithm {
    const chosen = alg ?? this.#algorithm;
    if (!isApprovedAlgorithm(chosen)) throw new LtiError('ERR_LTI_KEY_UNSUPPORTED_ALG', { detail: { alg: chosen } });
    return chosen;
  }

  #exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#writes.then(work, work);
    this.#writes = run.catch(() => undefined);
    return run;
  }
}

/** The active key; if a race left several, the latest activated (then the greatest kid), so every process agrees. */
function pickActive(keys: StoredSigningKey[]): StoredSigningKey | undefined {
  return newest(keys.filter((key) => key.status === 'active'), (key) => key.activatedAt ?? key.createdAt);
}

function pickNext(keys: StoredSigningKey[], alg: SigningAlgorithm): StoredSigningKey | undefined {
  return newest(keys.filter((key) => key.status === 'next' && key.alg === alg), (key) => key.createdAt);
}

function newest(keys: StoredSigningKey[], time: (key: StoredSigningKey) => number): StoredSigningKey | undefined {
  let best: StoredSigningKey | undefined;
  for (const key of keys) {
    if (best === undefined || time(key) > time(best) || (time(key) === time(best) && key.kid > best.kid)) best = key;
  }
  return best;
}

function toInfo(key: StoredSigningKey): SigningKeyInfo {
  const { privateJwk: _secret, ...info } = key;
  return structuredClone(info);
}
