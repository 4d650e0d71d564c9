/**
 * Reads one page of a context's memberships from the platform (NRPS-002): `GET` with the exact
 * `Accept` media type and a token for the `contextmembership.readonly` scope; the answer validated
 * as a membership container (NRPS-003, NRPS-020, NRPS-022), and its `next` and `differences` links
 * read from the `Link` header, comma-joined or repeated (NRPS-032, NRPS-033).
 *
 * @example
 * ```ts
 * const page = await fetchMembershipPage(call, launch.services.nrps.contextMembershipsUrl, { role: 'Learner', limit: 50 });
 * if (page.nextUrl !== undefined) await fetchMembershipPage(call, page.nextUrl);
 * ```
 * @see https://www.imsglobal.org/spec/lti-nrps/v2p0
 */
import { LtiError } from '../../errors.js';
import { mediaTypeOf } from '../../lib/accept_header.js';
import { parseLinkHeader } from '../../lib/link_header.js';
import { type MembershipContainer, type NrpsMember, validateMembershipContainer } from '../../messages/nrps.js';
import { MEDIA_TYPE } from '../../vocab/media_types.js';
import { normalizeRole } from '../../vocab/roles.js';
import { SCOPE } from '../../vocab/scopes.js';
import type { ServiceRequest } from '../token/access_token_client.js';

/**
 * The filters of a memberships request (NRPS-010), appended to the `context_memberships_url`
 * without disturbing its own query string (NRPS-012).
 *
 * @example
 * ```ts
 * const options: MembershipListOptions = { role: CONTEXT_ROLE.Learner, limit: 100, resourceLinkId: launch.resourceLink.id };
 * ```
 * @see NRPS-010, NRPS-012 in shared/spec/nrps.md
 */
export interface MembershipListOptions {
  /** Only members with this role: a role URI, or a short context role name (`Learner`), sent as its URI. */
  role?: string;
  /** Page size asked for (`limit`); the platform may return fewer. */
  limit?: number;
  /** `rlid`: members who can access this resource link, each with its `message` section (NRPS-011, NRPS-023). */
  resourceLinkId?: string;
}

/**
 * One page of memberships as the tool read it: the validated container (members' `status` filled
 * in, NRPS-022) and the absolute `next` and `differences` URLs, to be used as they are (NRPS-032).
 *
 * @example
 * ```ts
 * const page: MembershipContainerPage = await tool.nrps.page(target, membershipsUrl, { limit: 100 });
 * await saveForLater(page.differencesUrl);
 * ```
 * @see NRPS-030, NRPS-031, NRPS-032 in shared/spec/nrps.md
 */
export interface MembershipContainerPage {
  /** The URL this page was read from (the memberships URL with the filters appended). */
  url: string;
  container: MembershipContainer;
  context: MembershipContainer['context'];
  members: NrpsMember[];
  /** `Link: rel="next"`: more members follow (NRPS-030). */
  nextUrl?: string;
  /** `Link: rel="differences"`: where to ask later for what changed since (NRPS-031). */
  differencesUrl?: string;
}

/** Calls a platform service with a token for the request's scopes: `tool.serviceFetch` bound to a target. */
export type ServiceCall = (request: ServiceRequest) => Promise<Response>;

/** What the platform may answer with: the container's media type, or plain JSON from lenient platforms. */
const CONTAINER_MEDIA_TYPES: ReadonlySet<string> = new Set([MEDIA_TYPE.membershipContainer, MEDIA_TYPE.json]);

export async function fetchMembershipPage(call: ServiceCall, url: string, options?: MembershipListOptions): Promise<MembershipContainerPage> {
  const requestUrl = options === undefined ? url : withMembershipQuery(url, options);
  const response = await call({
    url: requestUrl,
    method: 'GET',
    scopes: [SCOPE.contextMembershipReadonly],
    // NRPS-002, TOK-020: the exact media type, nothing else.
    headers: { accept: MEDIA_TYPE.membershipContainer },
  });
  const mediaType = mediaTypeOf(response.headers.get('content-type'));
  if (!CONTAINER_MEDIA_TYPES.has(mediaType)) {
    await response.body?.cancel();
    throw new LtiError('ERR_LTI_NRPS_CONTAINER_INVALID', {
      message: `The platform answered the memberships request with \`${mediaType || 'no content type'}\`, not a membership container (NRPS-003).`,
      detail: { content_type: mediaType },
    });
  }
  let body: unknown;
  try {
    body = JSON.parse(await response.text());
  } catch (cause) {
    throw new LtiError('ERR_LTI_NRPS_CONTAINER_INVALID', { message: 'The memberships answer is not JSON (NRPS-003).', cause });
  }
  const container = validateMembershipContainer(body);
  const page: MembershipContainerPage = { url: requestUrl, container, context: container.context, members: container.members };
  for (const link of parseLinkHeader(response.headers.get('link'))) {
    if (link.rel.includes('next') && page.nextUrl === undefined) page.nextUrl = trustedLink(link.url, requestUrl);
    if (link.rel.includes('differences') && page.differencesUrl === undefined) page.differencesUrl = trustedLink(link.url, requestUrl);
  }
  return page;
}

/**
 * NRPS-012: the filters appended to `url`, its own query string kept byte for byte (a platform may
 * have signed or encoded it its own way), before any fragment.
 */
export function withMembershipQuery(url: string, options: MembershipListOptions): string {
  const parameters: string[] = [];
  if (options.role !== undefined) {
    const role = normalizeRole(options.role);
    if (role === '') throw new LtiError('ERR_LTI_NRPS_QUERY_INVALID', { detail: { parameter: 'role' } });
    parameters.push(`role=${encodeURIComponent(role)}`);
  }
  if (options.limit !== undefined) {
    if (!Number.isSafeInteger(options.limit) || options.limit < 1) throw new LtiError('ERR_LTI_NRPS_LIMIT_INVALID', { detail: { limit: String(options.limit) } });
    parameters.push(`limit=${options.limit}`);
  }
  if (options.resourceLinkId !== undefined) {
    if (options.resourceLinkId === '') throw new LtiError('ERR_LTI_NRPS_QUERY_INVALID', { detail: { parameter: 'rlid' } });
    parameters.push(`rlid=${encodeURIComponent(options.resourceLinkId)}`);
  }
  if (parameters.length === 0) return url;
  const hashAt = url.indexOf('#');
  const base = hashAt < 0 ? url : url.slice(0, hashAt);
  const separator = !base.includes('?') ? '?' : base.endsWith('?') || base.endsWith('&') ? '' : '&';
  return `${base}${separator}${parameters.join('&')}`;
}

/**
 * A link is resolved against the page it came with and followed only on that page's origin: the
 * tool sends its access token with every request, and a link to another host would hand it over
 * (NRPS-032, TOK-020).
 */
function trustedLink(target: string, base: string): string {
  let resolved: URL;
  try {
    resolved = new URL(target, base);
  } catch (cause) {
    throw new LtiError('ERR_LTI_NRPS_CONTAINER_INVALID', { message: 'A `Link` header URL of the memberships answer cannot be parsed (NRPS-032).', cause });
  }
  const origin = new URL(base).origin;
  if (resolved.origin !== origin) throw new LtiError('ERR_LTI_NRPS_LINK_UNTRUSTED', { detail: { origin: resolved.origin, expected: origin } });
  resolved.hash = '';
  return resolved.href;
}
