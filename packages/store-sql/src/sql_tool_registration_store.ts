import type { Kysely } from 'kysely';
import type { ToolRegistration, ToolRegistrationStore } from 'ltikit/stores';
import type { StoreTables } from './tables.js';

/**
 * {@link ToolRegistrationStore} on the `ltikit_tools` table, keyed by client id: the authorization
 * endpoint reads a tool here to check `client_id` and `redirect_uri` (OIDC-021, OIDC-022). The
 * registration is stored as JSON; every read returns new objects.
 *
 * @example
 * ```ts
 * // A tool and the app's own rows for it, in one transaction:
 * await database.db.transaction().execute(async (trx) => {
 *   await new SqlToolRegistrationStore(trx).saveTool(tool);
 *   await trx.insertInto('hub_tool_owner').values({ client_id: tool.clientId, owner }).execute();
 * });
 * ```
 */
export class SqlToolRegistrationStore implements ToolRegistrationStore {
  readonly #db: Kysely<StoreTables>;

  // biome-ignore lint/suspicious/noExplicitAny: the app's kysely instance, whatever tables it declares.
  constructor(db: Kysely<any>) {
    this.#db = db;
  }

  async getTool(clientId: string): Promise<ToolRegistration | undefined> {
    const row = await this.#db.selectFrom('ltikit_tools').select('data').where('client_id', '=', clientId).executeTakeFirst();
    return row === undefined ? undefined : (JSON.parse(row.data) as ToolRegistration);
  }

  async listTools(): Promise<ToolRegistration[]> {
    const rows = await this.#db.selectFrom('ltikit_tools').select('data').orderBy('client_id').execute();
    return rows.map((row) => JSON.parse(row.data) as ToolRegistration);
  }

  async saveTool(tool: ToolRegistration): Promise<void> {
    const data = JSON.stringify(tool);
    await this.#db
      .insertInto('ltikit_tools')
      .values({ client_id: tool.clientId, data })
      .onConflict((conflict) => conflict.column('client_id').doUpdateSet({ data }))
      .execute();
  }

  async createTool(tool: ToolRegistration): Promise<boolean> {
    // One statement: of two concurrent inserts under one client id, the database lets exactly one in.
    const row = await this.#db
      .insertInto('ltikit_tools')
      .values({ client_id: tool.clientId, data: JSON.stringify(tool) })
      .onConflict((conflict) => conflict.column('client_id').doNothing())
      .returning('client_id')
      .executeTakeFirst();
    return row !== undefined;
  }

  async deleteTool(clientId: string): Promise<void> {
    await this.#db.deleteFrom('ltikit_tools').where('client_id', '=', clientId).execute();
  }
}
