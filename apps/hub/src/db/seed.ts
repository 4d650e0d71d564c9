/**
 * The first start's sandbox: an institution, a course with an instructor, a teaching assistant and
 * students, and the demo tool deployed in it with one link. Seeding runs once, in one transaction,
 * under a lock on PostgreSQL, so two processes starting together seed it once.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { CONTEXT_ROLE, CONTEXT_SUB_ROLE } from 'ltikit/vocab';
import type { AgsStore } from 'ltikit';
import type { HubDb } from '../sandbox/directory.js';
import type { HubTables } from './migrations.js';

export const SANDBOX_COURSE_ID = 'course-lti101';
export const SANDBOX_INSTITUTION_ID = 'inst-sandbox';

const PEOPLE = [
  { id: 'person-ada', given_name: 'Ada', family_name: 'Lovelace', username: 'ada', roles: [CONTEXT_ROLE.Instructor] },
  { id: 'person-grace', given_name: 'Grace', family_name: 'Hopper', username: 'grace', roles: [CONTEXT_SUB_ROLE.Instructor.TeachingAssistant] },
  { id: 'person-alan', given_name: 'Alan', family_name: 'Turing', username: 'alan', roles: [CONTEXT_ROLE.Learner] },
  { id: 'person-katherine', given_name: 'Katherine', family_name: 'Johnson', username: 'katherine', roles: [CONTEXT_ROLE.Learner] },
  { id: 'person-edsger', given_name: 'Edsger', family_name: 'Dijkstra', username: 'edsger', roles: [CONTEXT_ROLE.Learner] },
  { id: 'person-barbara', given_name: 'Barbara', family_name: 'Liskov', username: 'barbara', roles: [CONTEXT_ROLE.Learner] },
];

/** What the rest of the hub reads from the seed. */
export interface SandboxSettings {
  sessionSecret: string;
  demoClientId: string;
  demoDeploymentId: string;
}

/** Seeds the sandbox when it has not been seeded; returns the settings either way. */
export async function seedSandbox(db: HubDb, dialect: 'sqlite' | 'postgres'): Promise<SandboxSettings> {
  await db.transaction().execute(async (trx) => {
    // Two processes starting on one PostgreSQL: the second waits here, then sees the seed.
    if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(4711001)`.execute(trx);
    const seeded = await trx.selectFrom('hub_settings').select('value').where('key', '=', 'sandbox_seeded').executeTakeFirst();
    if (seeded !== undefined) return;
    await insertSandbox(trx);
  });
  const rows = await db.selectFrom('hub_settings').selectAll().execute();
  const settings = new Map(rows.map((row) => [row.key, row.value]));
  return {
    sessionSecret: settings.get('session_secret')!,
    demoClientId: settings.get('demo_client_id')!,
    demoDeploymentId: settings.get('demo_deployment_id')!,
  };
}

async function insertSandbox(trx: Kysely<HubTables>): Promise<void> {
  const demoClientId = `demo-${randomUUID()}`;
  const demoDeploymentId = `dep-${randomUUID()}`;
  await trx
    .insertInto('hub_settings')
    .values([
      { key: 'session_secret', value: randomBytes(32).toString('base64url') },
      { key: 'demo_client_id', value: demoClientId },
      { key: 'demo_deployment_id', value: demoDeploymentId },
      { key: 'sandbox_seeded', value: new Date().toISOString() },
    ])
    .execute();
  await trx.insertInto('hub_institutions').values({ id: SANDBOX_INSTITUTION_ID, name: 'Sandbox University' }).execute();
  await trx
    .insertInto('hub_people')
    .values(
      PEOPLE.map(({ roles: _roles, ...person }) => ({
        ...person,
        institution_id: SANDBOX_INSTITUTION_ID,
        email: `${person.username}@sandbox.example.edu`,
      })),
    )
    .execute();
  await trx.insertInto('hub_courses').values({ id: SANDBOX_COURSE_ID, institution_id: SANDBOX_INSTITUTION_ID, label: 'LTI101', title: 'Introduction to LTI' }).execute();
  await trx
    .insertInto('hub_enrolments')
    .values(PEOPLE.map((person) => ({ course_id: SANDBOX_COURSE_ID, person_id: person.id, roles: JSON.stringify(person.roles) })))
    .execute();
  await trx
    .insertInto('hub_links')
    .values({
      id: 'link-demo-quiz',
      course_id: SANDBOX_COURSE_ID,
      client_id: demoClientId,
      deployment_id: demoDeploymentId,
      title: 'Demo quiz',
      description: 'The built-in demo tool: who launched, with which roles, and a short quiz.',
      target_link_uri: null,
      custom: JSON.stringify({ quiz: 'lti-basics' }),
      document_target: 'iframe',
      position: 1,
    })
    .execute();
  await trx
    .insertInto('hub_links')
    .values({
      id: 'link-demo-window',
      course_id: SANDBOX_COURSE_ID,
      client_id: demoClientId,
      deployment_id: demoDeploymentId,
      title: 'Demo quiz (new window)',
      description: 'The same tool, opened in a window of its own.',
      target_link_uri: null,
      custom: JSON.stringify({ quiz: 'lti-basics' }),
      document_target: 'window',
      position: 2,
    })
    .execute();
}

/**
 * The demo links' line items (one each, so their launches carry `lineitem`, AGS-002), created at
 * start when missing. Two processes starting together may both try: the second insert fails on
 * the fixed id and is ignored.
 */
export async function ensureDemoLineItems(store: AgsStore, settings: SandboxSettings): Promise<void> {
  for (const [id, resourceLinkId, label] of [
    ['li-demo-quiz', 'link-demo-quiz', 'Demo quiz'],
    ['li-demo-window', 'link-demo-window', 'Demo quiz (new window)'],
  ] as const) {
    if ((await store.getLineItem(id)) !== undefined) continue;
    try {
      await store.createLineItem({
        id,
        contextId: SANDBOX_COURSE_ID,
        clientId: settings.demoClientId,
        deploymentId: settings.demoDeploymentId,
        label,
        scoreMaximum: 3,
        resourceLinkId,
        tag: 'quiz',
        createdAt: Math.floor(Date.now() / 1000),
      });
    } catch (error) {
      if ((await store.getLineItem(id)) === undefined) throw error;
    }
  }
}

/**
 * Runs `work` while holding the hub's start-up lock on PostgreSQL (an advisory lock held by a
 * transaction on its own connection), so processes starting together do their first-start work
 * one after the other: e.g. only one of them creates the first signing key, and the others find
 * it. `work` uses the database normally. Nothing to lock for SQLite (one process).
 */
export async function withStartupLock<T>(db: HubDb, dialect: 'sqlite' | 'postgres', work: () => Promise<T>): Promise<T> {
  if (dialect !== 'postgres') return work();
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(4711002)`.execute(trx);
    return work();
  });
}
