/**
 * An administrator's review of a tool registered by Dynamic Registration (DR-033, DR-034): approve
 * it (with every requested scope and claim, or fewer) or reject it. Pure functions over a
 * `ToolRegistration`, so an application can apply them inside its own database transaction.
 *
 * @example
 * ```ts
 * const approved = approveToolRegistration(tool, { scopes: [SCOPE.score], claims: ['name'] }, clock.now());
 * await stores.tools.saveTool(approved);
 * ```
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0 (DR-033, DR-034)
 */
import { LtiError } from '../../errors.js';
import type { PersonalDataClaim, ToolRegistration } from '../../stores/types.js';

/**
 * What an administrator grants when approving a registration (DR-034): a subset of what the tool
 * requested. An absent member grants everything requested.
 *
 * @example
 * ```ts
 * await platform.approveRegistration(clientId, { scopes: [], claims: ['name'] }); // no services, names only
 * ```
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0 (DR-034)
 */
export interface RegistrationGrants {
  scopes?: string[];
  claims?: PersonalDataClaim[];
}

/**
 * DR-033: the tool was registered by Dynamic Registration and waits for review. Throws
 * `ERR_LTI_DR_REGISTRATION_NOT_PENDING` (409) otherwise.
 *
 * @example
 * ```ts
 * checkRegistrationPending(tool); // before approving or rejecting
 * ```
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0 (DR-033)
 */
export function checkRegistrationPending(tool: ToolRegistration): asserts tool is ToolRegistration & { registration: NonNullable<ToolRegistration['registration']> } {
  if (tool.status !== 'pending' || tool.registration === undefined) {
    throw new LtiError('ERR_LTI_DR_REGISTRATION_NOT_PENDING', { detail: { client_id: tool.clientId } });
  }
}

/**
 * Approves a pending registration (DR-033): `status` becomes `'active'`, and the tool's scopes and
 * personal-data claims become the grants, each of which must have been requested (DR-034; throws
 * `ERR_LTI_DR_GRANT_NOT_REQUESTED` naming e.g. `scopes[1]`).
 *
 * @example
 * ```ts
 * const approved = approveToolRegistration(tool, { claims: ['name'] }, clock.now()); // every requested scope, names only
 * ```
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0 (DR-033, DR-034)
 */
export function approveToolRegistration(tool: ToolRegistration, grants: RegistrationGrants, now: number): ToolRegistration {
  checkRegistrationPending(tool);
  const { requestedScopes, requestedClaims } = tool.registration;
  const scopes = grants.scopes ?? requestedScopes;
  const claims = grants.claims ?? requestedClaims;
  if (!Array.isArray(scopes)) throw new LtiError('ERR_LTI_DR_GRANT_NOT_REQUESTED', { message: 'scopes must be a list.', detail: { field: 'scopes' } });
  if (!Array.isArray(claims)) throw new LtiError('ERR_LTI_DR_GRANT_NOT_REQUESTED', { message: 'claims must be a list.', detail: { field: 'claims' } });
  for (const [index, scope] of scopes.entries()) {
    if (!requestedScopes.includes(scope)) throw new LtiError('ERR_LTI_DR_GRANT_NOT_REQUESTED', { message: `scopes[${index}] was not requested by the tool.`, detail: { field: `scopes[${index}]` } });
  }
  for (const [index, claim] of claims.entries()) {
    if (!requestedClaims.includes(claim)) throw new LtiError('ERR_LTI_DR_GRANT_NOT_REQUESTED', { message: `claims[${index}] was not requested by the tool.`, detail: { field: `claims[${index}]` } });
  }
  return {
    ...tool,
    status: 'active',
    scopes: [...new Set(scopes)],
    claims: [...new Set(claims)],
    registration: { ...tool.registration, approvedAt: now },
  };
}
