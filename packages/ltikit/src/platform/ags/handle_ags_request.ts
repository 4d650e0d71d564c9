/**
 * The Assignment and Grade Services endpoints of the platform (ags.md): one operation per route
 * and method of `PLATFORM_ROUTES` — the line-item container (list, create), a line item (get,
 * replace, delete), its scores (post) and its results (list). Each runs its named checks in order:
 * token and scope (AGS-011, 401/403), context (TOK-016, 404), line item (AGS-012, 404), media types
 * (AGS-013, 415/406), body (413/400), fields (400).
 *
 * @example
 * ```ts
 * const response = await handleAgsRequest(request, serviceContext);
 * ```
 * @see https://www.imsglobal.org/spec/lti-ags/v2p0/
 */
import { LtiError } from '../../errors.js';
import type { ServiceContext } from '../services.js';
import { type AgsOperation, resolveAgsOptions } from './ags_checks.js';
import { createLineItem } from './create_line_item.js';
import { deleteLineItem } from './delete_line_item.js';
import { getLineItem } from './get_line_item.js';
import { listLineItems } from './list_line_items.js';
import { listResults } from './list_results.js';
import { postScore } from './post_score.js';
import { updateLineItem } from './update_line_item.js';

const OPERATIONS: Readonly<Record<string, (operation: AgsOperation) => Promise<Response>>> = {
  'ags_line_items GET': listLineItems,
  'ags_line_items POST': createLineItem,
  'ags_line_item GET': getLineItem,
  'ags_line_item PUT': updateLineItem,
  'ags_line_item DELETE': deleteLineItem,
  'ags_scores POST': postScore,
  'ags_results GET': listResults,
};

export async function handleAgsRequest(request: Request, context: ServiceContext): Promise<Response> {
  if (context.options.ags === undefined) throw new LtiError('ERR_LTI_NOT_FOUND');
  // HEAD reads like GET (the route table allows it where GET has no effect).
  const method = request.method === 'HEAD' ? 'GET' : request.method;
  const operation = OPERATIONS[`${context.route.name} ${method}`];
  if (operation === undefined) throw new LtiError('ERR_LTI_METHOD_NOT_ALLOWED', { detail: { method: request.method } });
  return operation({ request, context, ags: resolveAgsOptions(context.options.ags) });
}
