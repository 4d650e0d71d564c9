/**
 * How an application turns on Names and Role Provisioning Services on the platform side: a
 * provider that reads one page of a context's members at a time, so a course of any size is served
 * with the memory of one page (nrps.md §4).
 *
 * @example
 * ```ts
 * createPlatform({ ..., nrps: { memberships: (query) => roster.page(query) }, serviceContextAccess });
 * ```
 * @see https://www.imsglobal.org/spec/lti-nrps/v2p0
 */
import type { NrpsMember } from '../../messages/nrps.js';

/**
 * What the memberships provider is asked for: one page of one context's members, for one tool.
 * The platform has already checked the access token and the context (TOK-016) and parsed the query
 * (NRPS-010); filters combine with AND. `cursor` and `since` come back from the tool exactly as the
 * provider issued them (`nextCursor`, `differencesCursor`) — but they travel through the tool, so
 * treat them as untrusted input (and throw `ERR_LTI_NRPS_CURSOR_INVALID` for one you do not know).
 *
 * @example
 * ```ts
 * async function memberships(query: MembershipQuery): Promise<MembershipPage> {
 *   const after = query.cursor ?? '';
 *   const rows = await db.members(query.contextId, { role: query.role, after, limit: query.limit + 1 });
 *   const page = rows.slice(0, query.limit);
 *   return { context: { id: query.contextId }, members: page.map(toMember), nextCursor: rows.length > query.limit ? page.at(-1)!.userId : undefined };
 * }
 * ```
 * @see NRPS-010, NRPS-011, NRPS-030, NRPS-031 in shared/spec/nrps.md
 */
export interface MembershipQuery {
  contextId: string;
  /** The tool the access token was issued to. */
  clientId: string;
  /** The deployment the token is bound to, when the tool named one (TOK-002, TOK-016): `user_id` must match its launches' `sub` (NRPS-021). */
  deploymentId?: string;
  /** Only members with this role: a full role URI (short context role names such as `Learner` are expanded). */
  role?: string;
  /** At most this many members in the page (the tool's `limit`, or the default, capped at the maximum). */
  limit: number;
  /** Where the page starts: a `nextCursor` this provider returned before. Absent for the first page. */
  cursor?: string;
  /**
   * `rlid`: only members who can access this resource link, each with its `message` section
   * (NRPS-011, NRPS-023). Throw `ERR_LTI_NRPS_RESOURCE_LINK_UNKNOWN` when the link is not in the context.
   */
  resourceLinkId?: string;
  /**
   * A differences query (NRPS-031; only with `nrps.differences`): the `differencesCursor` of an earlier
   * answer. Return the members changed since then, removed ones with `status: 'Deleted'`.
   */
  since?: string;
}

/**
 * One page of members, as the provider returns it. `members` holds at most `query.limit` members:
 * read them from the database a page at a time, never the whole course. `nextCursor` says there
 * is more (NRPS-030); `differencesCursor` offers a later differences query (NRPS-031). Members
 * carry the spec's fields; the platform releases only the personal ones the tool may receive
 * (MSG-004) and `message` only for a request with `rlid`. `message` entries are sent as given, so
 * resolve their custom parameters under the same privacy rules as launches (CUST-006).
 *
 * @example
 * ```ts
 * const page: MembershipPage = {
 *   context: { id: 'ctx-991', label: 'MATH101', title: 'Calculus I' },
 *   members: [{ user_id: 'u-1', roles: [CONTEXT_ROLE.Learner], status: 'Active', name: 'Grace Hopper' }],
 *   nextCursor: 'u-1',
 *   differencesCursor: '2026-11-27T10:00:00Z',
 * };
 * ```
 * @see NRPS-020, NRPS-030, NRPS-031 in shared/spec/nrps.md
 */
export interface MembershipPage {
  /** The context answered; `id` must be the queried context id. */
  context: { id: string; label?: string; title?: string };
  members: readonly NrpsMember[];
  /** Present when more members follow: becomes `query.cursor` of the next page (`Link: rel="next"`). */
  nextCursor?: string;
  /** Present to offer differences (with `nrps.differences`): becomes `query.since` (`Link: rel="differences"`). */
  differencesCursor?: string;
}

/**
 * The Names and Role Provisioning Services options of {@link PlatformOptions} (nrps.md). The
 * endpoint is `GET {baseUrl}/lti/contexts/:contextId/memberships`; launches carry its URL in the
 * NRPS claim when the tool was granted the scope (NRPS-001).
 *
 * @example
 * ```ts
 * const nrps: NrpsOptions = {
 *   memberships: (query) => roster.page(query), // one page, at most query.limit members
 *   defaultLimit: 100,
 *   maxLimit: 1000,
 *   differences: true,
 * };
 * ```
 * @see https://www.imsglobal.org/spec/lti-nrps/v2p0
 */
export interface NrpsOptions {
  /** Reads one page of a context's members (see {@link MembershipQuery} and {@link MembershipPage}). */
  memberships(query: MembershipQuery): Promise<MembershipPage>;
  /** Page size when the tool gives no `limit`. Default 100. */
  defaultLimit?: number;
  /** The largest page served: a larger `limit` is lowered to it (the tool may get fewer, NRPS-010). Default 1000. */
  maxLimit?: number;
  /**
   * Whether the provider answers differences queries (`since`, NRPS-031). Default false: a request
   * with `since` is refused with `ERR_LTI_NRPS_DIFFERENCES_UNSUPPORTED` before the provider is asked.
   */
  differences?: boolean;
}
