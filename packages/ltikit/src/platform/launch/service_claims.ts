/**
 * The service claims of a launch: the Assignment and Grade Services endpoint claim (AGS-001..003)
 * and the Names and Role Provisioning Services claim (NRPS-001), present only when the platform
 * serves the service, the launch has a context and the tool was granted a scope of it.
 *
 * @example
 * ```ts
 * Object.assign(payload, serviceClaims(request, tool, config));
 * ```
 * @see https://www.imsglobal.org/spec/lti-ags/v2p0/#assignment-and-grade-service-claim
 */
import type { ToolRegistration } from '../../stores/types.js';
import { AGS_CLAIM, NRPS_CLAIM } from '../../vocab/claims.js';
import { SCOPE } from '../../vocab/scopes.js';
import type { ResolvedPlatformConfig } from '../config.js';
import { servicePath } from '../routes.js';
import type { LaunchRequest } from './launch_request.js';

const AGS_SCOPES: readonly string[] = [SCOPE.lineItem, SCOPE.lineItemReadonly, SCOPE.resultReadonly, SCOPE.score];

export function serviceClaims(request: LaunchRequest, tool: ToolRegistration, config: ResolvedPlatformConfig): Record<string, unknown> {
  const claims: Record<string, unknown> = {};
  const contextId = request.context?.id;
  if (contextId === undefined) return claims;
  const granted = (tool.scopes ?? []).filter((scope) => config.scopesSupported.includes(scope));
  if (config.services.ags) {
    const agsScopes = granted.filter((scope) => AGS_SCOPES.includes(scope));
    if (agsScopes.length > 0) {
      const endpoint: Record<string, unknown> = { scope: agsScopes };
      // AGS-003: the container whenever the tool may read or manage line items.
      if (agsScopes.includes(SCOPE.lineItem) || agsScopes.includes(SCOPE.lineItemReadonly)) {
        endpoint.lineitems = `${config.serviceRoot}${servicePath('ags_line_items', { contextId })}`;
      }
      // AGS-002: the one line item bound to this resource link, when there is exactly one.
      if (request.lineItemId !== undefined) {
        endpoint.lineitem = `${config.serviceRoot}${servicePath('ags_line_item', { contextId, lineItemId: request.lineItemId })}`;
      }
      claims[AGS_CLAIM.endpoint] = endpoint;
    }
  }
  if (config.services.nrps && granted.includes(SCOPE.contextMembershipReadonly)) {
    claims[NRPS_CLAIM.namesRoleService] = {
      context_memberships_url: `${config.serviceRoot}${servicePath('nrps_memberships', { contextId })}`,
      service_versions: ['2.0'],
    };
  }
  return claims;
}
