/**
 * The sandbox LMS's people, courses, enrolments and links, read and written through kysely so the
 * same code runs on SQLite and PostgreSQL.
 */
import type { Kysely } from 'kysely';
import type { HubTables } from '../db/migrations.js';

export type HubDb = Kysely<HubTables>;

export interface Person {
  id: string;
  givenName: string;
  familyName: string;
  name: string;
  email: string;
  username: string;
}

export interface Course {
  id: string;
  label: string;
  title: string;
}

export interface Member extends Person {
  roles: string[];
}

export interface Link {
  id: string;
  courseId: string;
  clientId: string;
  deploymentId: string;
  title: string;
  description: string | undefined;
  targetLinkUri: string | undefined;
  custom: Record<string, string>;
  documentTarget: 'iframe' | 'window';
}

const toPerson = (row: HubTables['hub_people']): Person => ({
  id: row.id,
  givenName: row.given_name,
  familyName: row.family_name,
  name: `${row.given_name} ${row.family_name}`,
  email: row.email,
  username: row.username,
});

const toLink = (row: HubTables['hub_links']): Link => ({
  id: row.id,
  courseId: row.course_id,
  clientId: row.client_id,
  deploymentId: row.deployment_id,
  title: row.title,
  description: row.description ?? undefined,
  targetLinkUri: row.target_link_uri ?? undefined,
  custom: JSON.parse(row.custom) as Record<string, string>,
  documentTarget: row.document_target === 'window' ? 'window' : 'iframe',
});

export async function listPeople(db: HubDb): Promise<Person[]> {
  const rows = await db.selectFrom('hub_people').selectAll().orderBy('family_name').orderBy('given_name').execute();
  return rows.map(toPerson);
}

/** A person by id or by username. */
export async function findPerson(db: HubDb, idOrUsername: string): Promise<Person | undefined> {
  const row = await db
    .selectFrom('hub_people')
    .selectAll()
    .where((where) => where.or([where('id', '=', idOrUsername), where('username', '=', idOrUsername)]))
    .executeTakeFirst();
  return row === undefined ? undefined : toPerson(row);
}

export async function listCourses(db: HubDb): Promise<Course[]> {
  return db.selectFrom('hub_courses').select(['id', 'label', 'title']).orderBy('label').execute();
}

export async function findCourse(db: HubDb, idOrLabel: string): Promise<Course | undefined> {
  return db
    .selectFrom('hub_courses')
    .select(['id', 'label', 'title'])
    .where((where) => where.or([where('id', '=', idOrLabel), where('label', '=', idOrLabel)]))
    .executeTakeFirst();
}

export async function listMembers(db: HubDb, courseId: string): Promise<Member[]> {
  const rows = await db
    .selectFrom('hub_enrolments')
    .innerJoin('hub_people', 'hub_people.id', 'hub_enrolments.person_id')
    .selectAll('hub_people')
    .select('hub_enrolments.roles')
    .where('hub_enrolments.course_id', '=', courseId)
    .orderBy('hub_people.family_name')
    .execute();
  return rows.map((row) => ({ ...toPerson(row), roles: JSON.parse(row.roles) as string[] }));
}

export async function findMember(db: HubDb, courseId: string, personId: string): Promise<Member | undefined> {
  return (await listMembers(db, courseId)).find((member) => member.id === personId);
}

export async function listLinks(db: HubDb, courseId: string): Promise<Link[]> {
  const rows = await db.selectFrom('hub_links').selectAll().where('course_id', '=', courseId).orderBy('position').execute();
  return rows.map(toLink);
}

export async function findLink(db: HubDb, courseId: string, linkId: string): Promise<Link | undefined> {
  const row = await db.selectFrom('hub_links').selectAll().where('course_id', '=', courseId).where('id', '=', linkId).executeTakeFirst();
  return row === undefined ? undefined : toLink(row);
}

export async function linksOfTool(db: HubDb, clientId: string): Promise<Link[]> {
  const rows = await db.selectFrom('hub_links').selectAll().where('client_id', '=', clientId).orderBy('position').execute();
  return rows.map(toLink);
}

export async function addLink(db: HubDb, link: Link): Promise<void> {
  const last = await db
    .selectFrom('hub_links')
    .select((select) => select.fn.max<number | string | null>('position').as('position'))
    .where('course_id', '=', link.courseId)
    .executeTakeFirst();
  await db
    .insertInto('hub_links')
    .values({
      id: link.id,
      course_id: link.courseId,
      client_id: link.clientId,
      deployment_id: link.deploymentId,
      title: link.title,
      description: link.description ?? null,
      target_link_uri: link.targetLinkUri ?? null,
      custom: JSON.stringify(link.custom),
      document_target: link.documentTarget,
      position: Number(last?.position ?? 0) + 1,
    })
    .execute();
}

export async function readSetting(db: HubDb, key: string): Promise<string | undefined> {
  return (await db.selectFrom('hub_settings').select('value').where('key', '=', key).executeTakeFirst())?.value;
}

/**
 * TOK-016: a tool may use a course's services when it has a link there, through the deployment its
 * token names (when it names one).
 */
export async function toolServesCourse(db: HubDb, courseId: string, clientId: string, deploymentId: string | undefined): Promise<boolean> {
  let query = db.selectFrom('hub_links').select('id').where('course_id', '=', courseId).where('client_id', '=', clientId);
  if (deploymentId !== undefined) query = query.where('deployment_id', '=', deploymentId);
  return (await query.executeTakeFirst()) !== undefined;
}

/** DL-004: the roles that may add content to a course (sub-roles of these included). */
export function canEditCourse(role: string): boolean {
  return /membership(\/(Instructor|ContentDeveloper|Administrator))?#(Instructor|ContentDeveloper|Administrator)$/.test(role) && !role.endsWith('#TeachingAssistant');
}
