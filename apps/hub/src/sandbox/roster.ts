/**
 * The course roster served through Names and Role Provisioning Services: one page of a course's
 * enrolments at a time, from the database, in a stable order (person id), with an opaque cursor.
 */
import { LTI_CLAIM, type NrpsMember, principalRoleOf } from 'ltikit';
import type { MembershipPage, MembershipQuery } from 'ltikit/platform';
import { LtiError } from 'ltikit';
import type { HubDb } from './directory.js';
import { findCourse, findLink } from './directory.js';

function encodeCursor(afterPersonId: string): string {
  return Buffer.from(JSON.stringify({ after: afterPersonId })).toString('base64url');
}

function decodeCursor(cursor: string): string {
  try {
    const { after } = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as { after?: unknown };
    if (typeof after === 'string') return after;
  } catch {
    // refused below
  }
  throw new LtiError('ERR_LTI_NRPS_CURSOR_INVALID');
}

export async function readRosterPage(db: HubDb, query: MembershipQuery): Promise<MembershipPage> {
  const course = await findCourse(db, query.contextId);
  if (course === undefined) throw new LtiError('ERR_LTI_SERVICE_CONTEXT_UNKNOWN');
  const link = query.resourceLinkId === undefined ? undefined : await findLink(db, course.id, query.resourceLinkId);
  if (query.resourceLinkId !== undefined && link === undefined) throw new LtiError('ERR_LTI_NRPS_RESOURCE_LINK_UNKNOWN');
  let select = db
    .selectFrom('hub_enrolments')
    .innerJoin('hub_people', 'hub_people.id', 'hub_enrolments.person_id')
    .select(['hub_people.id', 'hub_people.given_name', 'hub_people.family_name', 'hub_people.email', 'hub_people.username', 'hub_enrolments.roles'])
    .where('hub_enrolments.course_id', '=', course.id)
    .orderBy('hub_people.id');
  if (query.cursor !== undefined) select = select.where('hub_people.id', '>', decodeCursor(query.cursor));
  // A role filter is applied in the database query's result; courses are small enough to filter
  // page by page, reading one more row than the page to know whether another page follows.
  const members: NrpsMember[] = [];
  let last: string | undefined;
  let more = false;
  for (const row of await select.execute()) {
    const roles = JSON.parse(row.roles) as string[];
    if (query.role !== undefined && !roles.some((role) => role === query.role || principalRoleOf(role) === query.role)) continue;
    if (members.length === query.limit) {
      more = true;
      break;
    }
    members.push({
      user_id: row.id,
      roles,
      status: 'Active',
      name: `${row.given_name} ${row.family_name}`,
      given_name: row.given_name,
      family_name: row.family_name,
      email: row.email,
      ...(link === undefined ? {} : { message: [{ [LTI_CLAIM.messageType]: 'LtiResourceLinkRequest', [LTI_CLAIM.custom]: link.custom }] }),
    });
    last = row.id;
  }
  return {
    context: { id: course.id, label: course.label, title: course.title },
    members,
    ...(more && last !== undefined ? { nextCursor: encodeCursor(last) } : {}),
  };
}

