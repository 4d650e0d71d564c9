/**
 * Every member of a context across all pages, as an async iterator: each `next` link is followed
 * only when the members already read are used up (NRPS-030, NRPS-032), so the tool holds one page
 * at a time however large the course. A `next` link back to a page already read stops the walk
 * with `ERR_LTI_NRPS_PAGING_LOOP`.
 *
 * @example
 * ```ts
 * const members = listMemberships(call, contextMembershipsUrl, { role: CONTEXT_ROLE.Learner });
 * for await (const member of members) await roster.upsert(member);
 * await saveForLater(members.differencesUrl);
 * ```
 * @see https://www.imsglobal.org/spec/lti-nrps/v2p0
 */
import { LtiError } from '../../errors.js';
import type { MembershipContainer, NrpsMember } from '../../messages/nrps.js';
import { type MembershipContainerPage, type MembershipListOptions, type ServiceCall, fetchMembershipPage } from './fetch_membership_page.js';

/**
 * The members of a context, page by page: an async iterator that also tells what it has seen —
 * the context and the `differences` link (the last one read) to store for a later differences
 * query (NRPS-032).
 *
 * @example
 * ```ts
 * const members: MemberIterator = tool.nrps.members(target, membershipsUrl);
 * for await (const member of members) if (member.status === 'Active') active.push(member.user_id);
 * console.log(members.pagesRead, members.differencesUrl);
 * ```
 * @see NRPS-030, NRPS-032 in shared/spec/nrps.md
 */
export interface MemberIterator extends AsyncIterableIterator<NrpsMember> {
  /** The container's context, once the first page is read. */
  readonly context: MembershipContainer['context'] | undefined;
  /** The last `differences` link read (NRPS-031, NRPS-032); undefined until a page carried one. */
  readonly differencesUrl: string | undefined;
  /** How many pages were fetched so far. */
  readonly pagesRead: number;
}

export function listMemberships(call: ServiceCall, url: string, options?: MembershipListOptions): MemberIterator {
  let page: MembershipContainerPage | undefined;
  let index = 0;
  let nextUrl: string | undefined = url;
  let first = true;
  let done = false;
  let pagesRead = 0;
  let context: MembershipContainer['context'] | undefined;
  let differencesUrl: string | undefined;
  const visited = new Set<string>();

  async function nextPage(): Promise<void> {
    const target = nextUrl as string;
    page = await fetchMembershipPage(call, target, first ? options : undefined);
    first = false;
    pagesRead += 1;
    index = 0;
    visited.add(page.url);
    context ??= page.context;
    if (page.differencesUrl !== undefined) differencesUrl = page.differencesUrl;
    nextUrl = page.nextUrl;
    if (nextUrl !== undefined && visited.has(nextUrl)) {
      throw new LtiError('ERR_LTI_NRPS_PAGING_LOOP', { detail: { url: nextUrl, pages_read: pagesRead } });
    }
  }

  const iterator: MemberIterator = {
    get context() {
      return context;
    },
    get differencesUrl() {
      return differencesUrl;
    },
    get pagesRead() {
      return pagesRead;
    },
    async next(): Promise<IteratorResult<NrpsMember>> {
      try {
        while (!done) {
          if (page !== undefined && index < page.members.length) return { done: false, value: page.members[index++]! };
          if (nextUrl === undefined) break;
          await nextPage();
        }
      } catch (error) {
        done = true;
        throw error;
      }
      done = true;
      page = undefined;
      return { done: true, value: undefined };
    },
    async return(): Promise<IteratorResult<NrpsMember>> {
      done = true;
      page = undefined;
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
