/**
 * Checks what the application's memberships provider returned before any of it is sent: a page of
 * the queried context, no more members than the limit (so one answer never holds more than one
 * page, NRPS-030), every member with a `user_id` and `roles` (NRPS-020) and a known `status`, and
 * cursors the platform can carry in its links. A broken page is the application's bug:
 * `ERR_LTI_NRPS_PROVIDER_PAGE_INVALID` (500), with what is wrong in the detail.
 *
 * @example
 * ```ts
 * checkMembershipPage(await options.memberships(query), query, { differences: false });
 * ```
 * @see https://www.imsglobal.org/spec/lti-nrps/v2p0#membership-container-media-type
 */
import { LtiError } from '../../errors.js';
import type { MembershipQuery, MembershipPage } from './options.js';

const STATUSES: ReadonlySet<unknown> = new Set(['Active', 'Inactive', 'Deleted']);
const MAX_CURSOR_LENGTH = 1024;

export function checkMembershipPage(page: MembershipPage, query: MembershipQuery, options: { differences: boolean }): void {
  const invalid = (problem: string, detail: Record<string, unknown> = {}): never => {
    throw new LtiError('ERR_LTI_NRPS_PROVIDER_PAGE_INVALID', { message: `The memberships provider returned ${problem} (NRPS-020, NRPS-030).`, detail });
  };
  if (typeof page !== 'object' || page === null || !Array.isArray(page.members)) invalid('no `members` array');
  if (page.context?.id !== query.contextId) invalid('the page of another context', { context_id: query.contextId });
  if (page.members.length > query.limit) invalid('more members than the limit', { limit: query.limit, members: page.members.length });
  for (const [name, cursor] of [
    ['nextCursor', page.nextCursor],
    ['differencesCursor', page.differencesCursor],
  ] as const) {
    if (cursor !== undefined && (typeof cursor !== 'string' || cursor === '' || cursor.length > MAX_CURSOR_LENGTH)) {
      invalid(`a \`${name}\` that is not a string of 1 to ${MAX_CURSOR_LENGTH} characters`);
    }
  }
  if (page.differencesCursor !== undefined && !options.differences) invalid('a `differencesCursor` while `nrps.differences` is off');
  page.members.forEach((member, index) => {
    if (typeof member?.user_id !== 'string' || member.user_id === '') invalid('a member without `user_id`', { index });
    if (!Array.isArray(member.roles) || !member.roles.every((role) => typeof role === 'string')) invalid('a member without `roles`', { index });
    if (member.status !== undefined && !STATUSES.has(member.status)) invalid('a member with an unknown `status`', { index });
    if (member.message !== undefined && !Array.isArray(member.message)) invalid('a member whose `message` is not an array', { index });
  });
}
