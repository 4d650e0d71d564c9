import type { Kysely } from 'kysely';
import type { Lti11Credential, Lti11CredentialStore } from 'ltikit/stores';
import type { StoreTables } from './tables.js';

/**
 * {@link Lti11CredentialStore} on the `ltikit_lti11_credentials` table, keyed by consumer key
 * (OA-006). The credential, secret included, is stored as JSON: protect the database as you
 * protect signing keys.
 *
 * @example
 * ```ts
 * await new SqlLti11CredentialStore(database.db).saveCredential({ consumerKey: 'ck-123', secret: 's3cr3t', createdAt: 1767225600 });
 * ```
 */
export class SqlLti11CredentialStore implements Lti11CredentialStore {
  readonly #db: Kysely<StoreTables>;

  // biome-ignore lint/suspicious/noExplicitAny: the app's kysely instance, whatever tables it declares.
  constructor(db: Kysely<any>) {
    this.#db = db;
  }

  async getCredential(consumerKey: string): Promise<Lti11Credential | undefined> {
    const row = await this.#db.selectFrom('ltikit_lti11_credentials').select('data').where('consumer_key', '=', consumerKey).executeTakeFirst();
    return row === undefined ? undefined : (JSON.parse(row.data) as Lti11Credential);
  }

  async listCredentials(): Promise<Lti11Credential[]> {
    const rows = await this.#db.selectFrom('ltikit_lti11_credentials').select('data').orderBy('consumer_key').execute();
    return rows.map((row) => JSON.parse(row.data) as Lti11Credential);
  }

  async saveCredential(credential: Lti11Credential): Promise<void> {
    const data = JSON.stringify(credential);
    await this.#db
      .insertInto('ltikit_lti11_credentials')
      .values({ consumer_key: credential.consumerKey, data })
      .onConflict((conflict) => conflict.column('consumer_key').doUpdateSet({ data }))
      .execute();
  }

  async createCredential(credential: Lti11Credential): Promise<boolean> {
    // One statement: of two concurrent inserts of one key, the database lets exactly one in.
    const row = await this.#db
      .insertInto('ltikit_lti11_credentials')
      .values({ consumer_key: credential.consumerKey, data: JSON.stringify(credential) })
      .onConflict((conflict) => conflict.column('consumer_key').doNothing())
      .returning('consumer_key')
      .executeTakeFirst();
    return row !== undefined;
  }

  async deleteCredential(consumerKey: string): Promise<void> {
    await this.#db.deleteFrom('ltikit_lti11_credentials').where('consumer_key', '=', consumerKey).execute();
  }
}
