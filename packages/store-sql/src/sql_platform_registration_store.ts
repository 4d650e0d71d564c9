import type { Kysely } from 'kysely';
import type { PlatformRegistration, PlatformRegistrationStore } from 'ltikit/stores';
import type { StoreTables } from './tables.js';

/**
 * {@link PlatformRegistrationStore} on the `ltikit_platforms` table, keyed by (issuer, client id)
 * so one issuer can hold several client ids (CORE-003). The registration is stored as JSON; every
 * read returns new objects, so a caller cannot change the store by editing one.
 *
 * @example
 * ```ts
 * const platforms = new SqlPlatformRegistrationStore(database.db);
 * await platforms.savePlatform({ issuer: 'https://lms.example.edu', clientId: 'c-7731', deploymentIds: ['dep-01'],
 *   authorizationEndpoint: 'https://lms.example.edu/lti/authorize', jwksUri: 'https://lms.example.edu/.well-known/jwks.json' });
 * ```
 */
export class SqlPlatformRegistrationStore implements PlatformRegistrationStore {
  readonly #db: Kysely<StoreTables>;

  // biome-ignore lint/suspicious/noExplicitAny: the app's kysely instance, whatever tables it declares.
  constructor(db: Kysely<any>) {
    this.#db = db;
  }

  async findPlatforms(issuer: string): Promise<PlatformRegistration[]> {
    const rows = await this.#db.selectFrom('ltikit_platforms').select('data').where('issuer', '=', issuer).orderBy('client_id').execute();
    return rows.map((row) => JSON.parse(row.data) as PlatformRegistration);
  }

  async savePlatform(registration: PlatformRegistration): Promise<void> {
    const data = JSON.stringify(registration);
    await this.#db
      .insertInto('ltikit_platforms')
      .values({ issuer: registration.issuer, client_id: registration.clientId, data })
      .onConflict((conflict) => conflict.columns(['issuer', 'client_id']).doUpdateSet({ data }))
      .execute();
  }

  async deletePlatform(issuer: string, clientId: string): Promise<void> {
    await this.#db.deleteFrom('ltikit_platforms').where('issuer', '=', issuer).where('client_id', '=', clientId).execute();
  }
}
