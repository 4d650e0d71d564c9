import type { Kysely } from 'kysely';
import type { KeyStore, StoredSigningKey } from 'ltikit/stores';
import type { StoreTables } from './tables.js';

/**
 * {@link KeyStore} on the `ltikit_signing_keys` table: one row per (`keySetId`, `kid`), the whole
 * key as JSON, so every process signs with and publishes the same keys through a rotation
 * (SEC-004, SEC-005, SEC-006).
 *
 * The private JWK is stored as is, in plain JSON: protecting it at rest (disk encryption, database
 * access control, encrypted backups) is the database's job. This store never logs it.
 *
 * @example
 * ```ts
 * const keys = new SigningKeySet({ store: new SqlKeyStore(database.db), keySetId: 'platform', retiredKeyLifetimeSeconds: 900 });
 * ```
 */
export class SqlKeyStore implements KeyStore {
  readonly #db: Kysely<StoreTables>;

  // biome-ignore lint/suspicious/noExplicitAny: the app's kysely instance, whatever tables it declares.
  constructor(db: Kysely<any>) {
    this.#db = db;
  }

  async listKeys(keySetId: string): Promise<StoredSigningKey[]> {
    const rows = await this.#db.selectFrom('ltikit_signing_keys').select('data').where('key_set_id', '=', keySetId).orderBy('kid').execute();
    return rows.map((row) => JSON.parse(row.data) as StoredSigningKey);
  }

  async saveKey(keySetId: string, key: StoredSigningKey): Promise<void> {
    const data = JSON.stringify(key);
    await this.#db
      .insertInto('ltikit_signing_keys')
      .values({ key_set_id: keySetId, kid: key.kid, data })
      .onConflict((conflict) => conflict.columns(['key_set_id', 'kid']).doUpdateSet({ data }))
      .execute();
  }

  async deleteKey(keySetId: string, kid: string): Promise<void> {
    await this.#db.deleteFrom('ltikit_signing_keys').where('key_set_id', '=', keySetId).where('kid', '=', kid).execute();
  }
}
