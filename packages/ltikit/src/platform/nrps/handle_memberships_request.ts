/**
 * The Names and Role Provisioning Services endpoint of the platform: a context's memberships
 * (nrps.md).
 *
 * @example
 * ```ts
 * const response = await handleMembershipsRequest(request, serviceContext);
 * ```
 * @see https://www.imsglobal.org/spec/lti-nrps/v2p0
 */
import { LtiError } from '../../errors.js';
import type { ServiceContext } from '../services.js';

export async function handleMembershipsRequest(_request: Request, context: ServiceContext): Promise<Response> {
  if (context.options.nrps === undefined) throw new LtiError('ERR_LTI_NOT_FOUND');
  throw new LtiError('ERR_LTI_NOT_FOUND');
}
