// A course roster for Names and Role Provisioning tests, generated member by member (never held as
// a whole), and a memberships provider over it that reads one page per call, the way a platform
// pages through its database with a keyset cursor. It records every query it is asked.
import { LtiError } from '../../src/errors.js';
import type { NrpsMember } from '../../src/messages/nrps.js';
import type { MembershipPage, MembershipQuery, NrpsOptions } from '../../src/platform/nrps/options.js';
import { LTI_CLAIM } from '../../src/vocab/claims.js';
import { CONTEXT_ROLE, CONTEXT_SUB_ROLE, withPrincipalRoles } from '../../src/vocab/roles.js';

export const COURSE = { id: 'ctx-991', label: 'MATH101', title: 'Calculus I' } as const;
export const RESOURCE_LINK_ID = 'rl-5c8e';
/** The differences cursor the provider issues, and the one change set it knows. */
export const DIFFERENCES_CURSOR = 'v-2026-11-27';

/** Member `index` of the course: every 25th an instructor (every 50th a teaching assistant), every 10th inactive. */
export function courseMember(index: number): NrpsMember {
  const id = `u-${String(index).padStart(6, '0')}`;
  const instructor = index % 25 === 0;
  return {
    user_id: id,
    roles: instructor ? [index % 50 === 0 ? CONTEXT_SUB_ROLE.Instructor.TeachingAssistant : CONTEXT_ROLE.Instructor] : [CONTEXT_ROLE.Learner],
    status: index % 10 === 9 ? 'Inactive' : 'Active',
    name: `Person ${index}`,
    given_name: 'Person',
    family_name: `${index}`,
    email: `${id}@example.edu`,
    picture: `https://lms.example.edu/avatars/${id}.png`,
    lis_person_sourcedid: `sis-${index}`,
    message: [{ [LTI_CLAIM.custom]: { extra_time: String(index % 30) } }],
  };
}

/** Members from `start` on, with their index, one at a time. */
export function* courseMembers(size: number, start = 0): Generator<[index: number, member: NrpsMember]> {
  for (let index = start; index < size; index++) yield [index, courseMember(index)];
}

export interface RosterProvider extends NrpsOptions {
  /** Every query the platform asked, in order. */
  queries: MembershipQuery[];
}

/**
 * A provider over a course of `size` members (`cursor` = the index of the next member, `role`
 * filtered while reading). Differences since {@link DIFFERENCES_CURSOR}: member 1 changed its name,
 * member 2 was removed, a new member joined.
 */
export function rosterProvider(size: number, options: Partial<NrpsOptions> = {}): RosterProvider {
  const queries: MembershipQuery[] = [];
  return {
    differences: true,
    ...options,
    queries,
    async memberships(query): Promise<MembershipPage> {
      queries.push(query);
      if (query.resourceLinkId !== undefined && query.resourceLinkId !== RESOURCE_LINK_ID) throw new LtiError('ERR_LTI_NRPS_RESOURCE_LINK_UNKNOWN');
      if (query.since !== undefined) {
        if (query.since !== DIFFERENCES_CURSOR) throw new LtiError('ERR_LTI_NRPS_CURSOR_INVALID');
        const changes: NrpsMember[] = [
          { ...courseMember(1), name: 'Person One' },
          { ...courseMember(2), status: 'Deleted' },
          { ...courseMember(size), roles: [CONTEXT_ROLE.Learner] },
        ];
        return { context: { ...COURSE }, members: changes, differencesCursor: `${DIFFERENCES_CURSOR}-next` };
      }
      const start = query.cursor === undefined ? 0 : Number(query.cursor);
      if (!Number.isSafeInteger(start) || start < 0) throw new LtiError('ERR_LTI_NRPS_CURSOR_INVALID');
      const members: NrpsMember[] = [];
      let nextCursor: string | undefined;
      for (const [index, member] of courseMembers(size, start)) {
        if (query.role !== undefined && !withPrincipalRoles(member.roles).includes(query.role)) continue;
        if (members.length === query.limit) {
          nextCursor = String(index);
          break;
        }
        members.push(member);
      }
      return {
        context: { ...COURSE },
        members,
        ...(nextCursor === undefined ? {} : { nextCursor }),
        ...(start === 0 && (options.differences ?? true) ? { differencesCursor: DIFFERENCES_CURSOR } : {}),
      };
    },
  };
}
