/**
 * The tool's Names and Role Provisioning Services client, `tool.nrps`: every member across pages
 * as an async iterator, or one page with its links. Both call the platform through
 * `tool.serviceFetch` (token cached, renewed on 401, `429` honoured; TOK-020..022), so a background
 * job can read a roster with only what the tool stored at launch time.
 *
 * @example
 * ```ts
 * const url = launch.claims[NRPS_CLAIM.namesRoleService].context_memberships_url;
 * for await (const member of tool.nrps.members(target, url, { role: 'Learner' })) console.log(member.user_id);
 * ```
 * @see https://www.imsglobal.org/spec/lti-nrps/v2p0
 */
import type { ServiceRequest, ServiceTarget } from '../token/access_token_client.js';
import { type MembershipContainerPage, type MembershipListOptions, fetchMembershipPage } from './fetch_membership_page.js';
import { type MemberIterator, listMemberships } from './list_memberships.js';

/**
 * `tool.nrps`: reads a context's memberships from the platform of `target` (NRPS-002). The URL is
 * the launch's `context_memberships_url` — filters are appended to it (NRPS-012) — or a `next` or
 * `differences` URL read earlier, used as it is (NRPS-032).
 *
 * @example
 * ```ts
 * const members = tool.nrps.members(target, contextMembershipsUrl, { role: CONTEXT_ROLE.Learner, limit: 500 });
 * for await (const member of members) await roster.upsert(member);
 * const changes = tool.nrps.members(target, members.differencesUrl!); // later: what changed
 * ```
 * @see NRPS-002, NRPS-012, NRPS-032 in shared/spec/nrps.md
 */
export interface NrpsClient {
  /** Every member across pages, each page fetched when the previous one is used up (NRPS-030). */
  members(target: ServiceTarget, contextMembershipsUrl: string, options?: MembershipListOptions): MemberIterator;
  /** One page and its `next`/`differences` URLs; pass `page.nextUrl` back in (without options) for the following one. */
  page(target: ServiceTarget, url: string, options?: MembershipListOptions): Promise<MembershipContainerPage>;
}

export function createNrpsClient(serviceFetch: (target: ServiceTarget, request: ServiceRequest) => Promise<Response>): NrpsClient {
  return {
    members: (target, contextMembershipsUrl, options) => listMemberships((request) => serviceFetch(target, request), contextMembershipsUrl, options),
    page: (target, url, options) => fetchMembershipPage((request) => serviceFetch(target, request), url, options),
  };
}
