/**
 * The hub's own tables, as numbered migrations kept apart from the store tables (their own
 * migration list, `hub_migration`). Every table is plain SQL that SQLite and PostgreSQL both run.
 */
import type { Kysely, Migration } from 'kysely';

export const hubMigrations: Record<string, Migration> = {
  '0001_sandbox': {
    // biome-ignore lint/suspicious/noExplicitAny: a migration runs before the typed schema exists (kysely's own convention).
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('hub_settings')
        .addColumn('key', 'varchar(100)', (column) => column.primaryKey())
        .addColumn('value', 'text', (column) => column.notNull())
        .execute();
      await db.schema
        .createTable('hub_institutions')
        .addColumn('id', 'varchar(100)', (column) => column.primaryKey())
        .addColumn('name', 'text', (column) => column.notNull())
        .execute();
      await db.schema
        .createTable('hub_people')
        .addColumn('id', 'varchar(100)', (column) => column.primaryKey())
        .addColumn('institution_id', 'varchar(100)', (column) => column.notNull().references('hub_institutions.id'))
        .addColumn('given_name', 'text', (column) => column.notNull())
        .addColumn('family_name', 'text', (column) => column.notNull())
        .addColumn('email', 'text', (column) => column.notNull())
        .addColumn('username', 'varchar(100)', (column) => column.notNull().unique())
        .execute();
      await db.schema
        .createTable('hub_courses')
        .addColumn('id', 'varchar(100)', (column) => column.primaryKey())
        .addColumn('institution_id', 'varchar(100)', (column) => column.notNull().references('hub_institutions.id'))
        .addColumn('label', 'text', (column) => column.notNull())
        .addColumn('title', 'text', (column) => column.notNull())
        .execute();
      await db.schema
        .createTable('hub_enrolments')
        .addColumn('course_id', 'varchar(100)', (column) => column.notNull().references('hub_courses.id'))
        .addColumn('person_id', 'varchar(100)', (column) => column.notNull().references('hub_people.id'))
        .addColumn('roles', 'text', (column) => column.notNull())
        .addPrimaryKeyConstraint('hub_enrolments_pk', ['course_id', 'person_id'])
        .execute();
      await db.schema
        .createTable('hub_links')
        .addColumn('id', 'varchar(100)', (column) => column.primaryKey())
        .addColumn('course_id', 'varchar(100)', (column) => column.notNull().references('hub_courses.id'))
        .addColumn('client_id', 'varchar(255)', (column) => column.notNull())
        .addColumn('deployment_id', 'varchar(255)', (column) => column.notNull())
        .addColumn('title', 'text', (column) => column.notNull())
        .addColumn('description', 'text')
        .addColumn('target_link_uri', 'text')
        .addColumn('custom', 'text', (column) => column.notNull())
        .addColumn('document_target', 'varchar(20)', (column) => column.notNull())
        .addColumn('position', 'integer', (column) => column.notNull())
        .execute();
      await db.schema.createIndex('hub_links_course').on('hub_links').columns(['course_id', 'position']).execute();
      await db.schema.createIndex('hub_links_client').on('hub_links').column('client_id').execute();
      // The registration document a tool was added with, as sent: the registry shows it, and
      // Deep Linking and the services read its messages and scopes.
      await db.schema
        .createTable('hub_tool_documents')
        .addColumn('client_id', 'varchar(255)', (column) => column.primaryKey())
        .addColumn('document', 'text', (column) => column.notNull())
        .addColumn('created_at', 'bigint', (column) => column.notNull())
        .addColumn('updated_at', 'bigint', (column) => column.notNull())
        .execute();
    },
  },
};

/** The rows of the hub's tables, as kysely sees them. */
export interface HubTables {
  hub_settings: { key: string; value: string };
  hub_institutions: { id: string; name: string };
  hub_people: { id: string; institution_id: string; given_name: string; family_name: string; email: string; username: string };
  hub_courses: { id: string; institution_id: string; label: string; title: string };
  hub_enrolments: { course_id: string; person_id: string; roles: string };
  hub_links: {
    id: string;
    course_id: string;
    client_id: string;
    deployment_id: string;
    title: string;
    description: string | null;
    target_link_uri: string | null;
    custom: string;
    document_target: string;
    position: number;
  };
  hub_tool_documents: { client_id: string; document: string; created_at: number | string; updated_at: number | string };
  /** The store table the registry lists platforms from (written by `@ltikit/store-sql`). */
  ltikit_platforms: { issuer: string; client_id: string; data: string };
}
