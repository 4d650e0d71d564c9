/**
 * The Assignment and Grade Services endpoints of the platform: line-item container, line item,
 * scores and results (ags.md).
 *
 * @example
 * ```ts
 * const response = await handleAgsRequest(request, serviceContext);
 * ```
 * @see https://www.imsglobal.org/spec/lti-ags/v2p0/
 */
import { LtiError } from '../../errors.js';
import type { ServiceContext } from '../services.js';

export async function handleAgsRequest(_request: Request, context: ServiceContext): Promise<Response> {
  if (context.options.ags === undefined) throw new LtiError('ERR_LTI_NOT_FOUND');
  throw new LtiError('ERR_LTI_NOT_FOUND');
}
