/**
 * Writes one memberships answer (NRPS-003): `200` with the exact membership container media type,
 * the container (`id` = the URL answered, `context`, `members`), and a `Link` header with
 * `rel="next"` when the page is truncated (NRPS-030) and `rel="differences"` when the provider
 * offers differences (NRPS-031). The links keep the request's own filters (`role`, `rlid`,
 * `limit`, NRPS-010) and carry the provider's cursor, which the tool treats as opaque (NRPS-032).
 *
 * @example
 * ```ts
 * return renderMembershipContainer({ page, query, parameters: url.searchParams, endpoint, policy });
 * ```
 * @see https://www.imsglobal.org/spec/lti-nrps/v2p0#membership-container-media-type
 */
import { type WebLink, formatLinkHeader } from '../../lib/link_header.js';
import type { MembershipContainer, NrpsMember } from '../../messages/nrps.js';
import { MEDIA_TYPE } from '../../vocab/media_types.js';
import type { MembershipPage, MembershipQuery } from './options.js';
import { MEMBERSHIP_PARAMETER } from './read_membership_query.js';
import { type ReleasePolicy, releaseMember } from './release_member.js';

export interface MembershipAnswer {
  page: MembershipPage;
  query: MembershipQuery;
  /** The request's query parameters, as sent. */
  parameters: URLSearchParams;
  /** The absolute URL of this context's memberships endpoint, without a query. */
  endpoint: string;
  policy: ReleasePolicy;
}

export function renderMembershipContainer(answer: MembershipAnswer): Response {
  const { page, query, parameters, endpoint, policy } = answer;
  const members: NrpsMember[] = [];
  for (const member of page.members) {
    const released = releaseMember(member, policy);
    if (released !== undefined) members.push(released);
  }
  const search = parameters.toString();
  const container: MembershipContainer = {
    id: search === '' ? endpoint : `${endpoint}?${search}`,
    context: {
      id: page.context.id,
      ...(page.context.label === undefined ? {} : { label: page.context.label }),
      ...(page.context.title === undefined ? {} : { title: page.context.title }),
    },
    members,
  };
  const headers: Record<string, string> = { 'content-type': MEDIA_TYPE.membershipContainer, 'cache-control': 'no-store' };
  const links = membershipLinks(page, query, parameters, endpoint);
  if (links.length > 0) headers.link = formatLinkHeader(links);
  return new Response(JSON.stringify(container), { status: 200, headers });
}

/**
 * The `next` link (NRPS-030) continues this very query — same `role`, `rlid`, `limit` and, for a
 * differences answer, the same `since` — from the provider's `nextCursor`. The `differences` link
 * (NRPS-031) asks for the changes since this answer, with the same filters.
 */
function membershipLinks(page: MembershipPage, query: MembershipQuery, parameters: URLSearchParams, endpoint: string): WebLink[] {
  const filters: Array<[string, string]> = [];
  if (query.role !== undefined) filters.push([MEMBERSHIP_PARAMETER.role, query.role]);
  if (query.resourceLinkId !== undefined) filters.push([MEMBERSHIP_PARAMETER.resourceLinkId, query.resourceLinkId]);
  const requestedLimit = parameters.get(MEMBERSHIP_PARAMETER.limit);
  if (requestedLimit !== null && requestedLimit !== '') filters.push([MEMBERSHIP_PARAMETER.limit, requestedLimit]);
  const url = (extra: Array<[string, string]>): string => `${endpoint}?${new URLSearchParams([...filters, ...extra]).toString()}`;
  const links: WebLink[] = [];
  if (page.nextCursor !== undefined) {
    const since: Array<[string, string]> = query.since === undefined ? [] : [[MEMBERSHIP_PARAMETER.since, query.since]];
    links.push({ url: url([...since, [MEMBERSHIP_PARAMETER.cursor, page.nextCursor]]), rel: ['next'] });
  }
  if (page.differencesCursor !== undefined) links.push({ url: url([[MEMBERSHIP_PARAMETER.since, page.differencesCursor]]), rel: ['differences'] });
  return links;
}
