/**
 * The Names and Role Provisioning Services endpoint of the platform,
 * `GET {baseUrl}/lti/contexts/:contextId/memberships` (nrps.md): a sequence of named checks, then
 * one page read from the application's provider and rendered as a membership container.
 *
 * 1. `checkNrpsServed`: the platform was given `nrps` options (else 404).
 * 2. `context.authorize`: a Bearer token with the `contextmembership.readonly` scope (TOK-021: 401, 403).
 * 3. `context.checkContextAccess`: the token's tool may use this context (TOK-016: 404), before
 *    anything about the context is read.
 * 4. `checkAcceptsMembershipContainer`: the `Accept` header allows the container (NRPS-002: 406).
 * 5. `readMembershipQuery`: `role`, `limit`, `rlid`, cursors (NRPS-010: 400).
 * 6. the provider's page, `checkMembershipPage` (500 for a broken page), then the personal data the
 *    tool may receive (MSG-004, NRPS-020) and the links (NRPS-030, NRPS-031).
 *
 * @example
 * ```ts
 * const response = await handleMembershipsRequest(request, serviceContext);
 * ```
 * @see https://www.imsglobal.org/spec/lti-nrps/v2p0
 */
import { LtiError } from '../../errors.js';
import { acceptsMediaType } from '../../lib/accept_header.js';
import { MEDIA_TYPE } from '../../vocab/media_types.js';
import { SCOPE } from '../../vocab/scopes.js';
import { servicePath } from '../routes.js';
import type { ServiceContext } from '../services.js';
import { checkMembershipPage } from './check_membership_page.js';
import type { NrpsOptions } from './options.js';
import { membershipLimits, readMembershipQuery } from './read_membership_query.js';
import { releasePolicy } from './release_member.js';
import { renderMembershipContainer } from './render_membership_container.js';

export async function handleMembershipsRequest(request: Request, context: ServiceContext): Promise<Response> {
  const nrps = checkNrpsServed(context.options.nrps);
  const grant = await context.authorize(request, [SCOPE.contextMembershipReadonly]);
  const contextId = context.route.params.contextId ?? '';
  await context.checkContextAccess(contextId, grant);
  checkAcceptsMembershipContainer(request);

  const url = new URL(request.url);
  const differences = nrps.differences ?? false;
  const query = readMembershipQuery(url.searchParams, { contextId, grant, limits: membershipLimits(nrps), differences });
  const tool = await context.tools.getTool(grant.clientId);
  // The token outlived its tool's registration: it no longer speaks for anyone (TOK-021).
  if (tool === undefined) throw new LtiError('ERR_LTI_ACCESS_TOKEN_INVALID');

  const page = await nrps.memberships(query);
  checkMembershipPage(page, query, { differences });
  return renderMembershipContainer({
    page,
    query,
    parameters: url.searchParams,
    endpoint: `${context.config.serviceRoot}${servicePath('nrps_memberships', { contextId })}`,
    policy: releasePolicy(tool, query),
  });
}

function checkNrpsServed(options: NrpsOptions | undefined): NrpsOptions {
  if (options === undefined) throw new LtiError('ERR_LTI_NOT_FOUND');
  return options;
}

/** NRPS-002, NRPS-003: the answer is a membership container, so the tool must accept one. */
function checkAcceptsMembershipContainer(request: Request): void {
  const accept = request.headers.get('accept');
  if (!acceptsMediaType(accept, MEDIA_TYPE.membershipContainer)) {
    throw new LtiError('ERR_LTI_NRPS_ACCEPT_UNSUPPORTED', { detail: { accept: (accept ?? '').slice(0, 200), expected: MEDIA_TYPE.membershipContainer } });
  }
}
