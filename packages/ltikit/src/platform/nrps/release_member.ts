/**
 * One member as the tool may see it (NRPS-020): `status`, `user_id` and `roles` always; the
 * personal fields only as far as the tool's registration `claims` allow, under the same rule as
 * launches (MSG-004); `message` only for a request with `rlid` (NRPS-023).
 *
 * @example
 * ```ts
 * const released = releaseMember(member, tool, query); // undefined for a Deleted member outside a differences answer
 * ```
 * @see https://www.imsglobal.org/spec/lti-nrps/v2p0#membership-container-media-type
 */
import type { NrpsMember } from '../../messages/nrps.js';
import type { ToolRegistration } from '../../stores/types.js';
import { LTI_CLAIM } from '../../vocab/claims.js';
import { MESSAGE_TYPE } from '../../vocab/message_types.js';
import { withPrincipalRoles } from '../../vocab/roles.js';
import type { MembershipQuery } from './options.js';

/** The personal fields of a member, each released when the tool's `claims` names it (MSG-004). */
const PERSONAL_FIELDS = ['name', 'given_name', 'family_name', 'middle_name', 'email', 'picture'] as const;

/** What one tool may receive, worked out once per request rather than per member. */
export interface ReleasePolicy {
  fields: ReadonlyArray<(typeof PERSONAL_FIELDS)[number]>;
  /** `lis_person_sourcedid` goes wherever the launch `lis` claim would: with any personal claim but `locale`. */
  sourcedId: boolean;
  messages: boolean;
  differences: boolean;
}

export function releasePolicy(tool: ToolRegistration, query: MembershipQuery): ReleasePolicy {
  return {
    fields: PERSONAL_FIELDS.filter((field) => tool.claims.includes(field)),
    sourcedId: tool.claims.some((claim) => claim !== 'locale'),
    messages: query.resourceLinkId !== undefined,
    differences: query.since !== undefined,
  };
}

export function releaseMember(member: NrpsMember, policy: ReleasePolicy): NrpsMember | undefined {
  const status = member.status ?? 'Active';
  // `Deleted` belongs to differences answers only (NRPS-031): a full listing simply leaves them out.
  if (status === 'Deleted' && !policy.differences) return undefined;
  // ROLE-005, as in launches: every sub-role comes with its principal role.
  const released: NrpsMember = { status, user_id: member.user_id, roles: withPrincipalRoles(member.roles) };
  for (const field of policy.fields) {
    const value = member[field];
    if (typeof value === 'string' && value !== '') released[field] = value;
  }
  if (policy.sourcedId && typeof member.lis_person_sourcedid === 'string' && member.lis_person_sourcedid !== '') {
    released.lis_person_sourcedid = member.lis_person_sourcedid;
  }
  // MIG-006: the 1.1 user id, for members whose id changed with the upgrade (not personal data: the
  // same id the tool received in 1.1 launches).
  const legacyUserId = member.lti11_legacy_user_id;
  if (typeof legacyUserId === 'string' && legacyUserId !== '' && legacyUserId !== member.user_id) released.lti11_legacy_user_id = legacyUserId;
  if (policy.messages && member.message !== undefined && member.message.length > 0) {
    // NRPS-023: each entry names its message type; a resource link's launches are LtiResourceLinkRequest.
    released.message = member.message.map((message) => ({ [LTI_CLAIM.messageType]: MESSAGE_TYPE.LtiResourceLinkRequest, ...message }));
  }
  return released;
}
