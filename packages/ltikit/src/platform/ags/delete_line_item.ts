/**
 * `DELETE {lineitem}`: removes a line item of the tool holding the token, with its scores and
 * results; `204 No Content` (ags.md §2). Another tool's line item is 404 (AGS-012, TOK-016).
 *
 * @example
 * ```ts
 * return deleteLineItem({ request, context, ags }); // 204
 * ```
 * @see https://www.imsglobal.org/spec/lti-ags/v2p0/#line-item-service
 */
import { LtiError } from '../../errors.js';
import { SCOPE } from '../../vocab/scopes.js';
import { type AgsOperation, checkTokenAndContext, findLineItem } from './ags_checks.js';

export async function deleteLineItem(operation: AgsOperation): Promise<Response> {
  const { grant, contextId } = await checkTokenAndContext(operation, [SCOPE.lineItem]);
  const lineItem = await findLineItem(operation, grant, contextId);
  if (!(await operation.ags.store.deleteLineItem(lineItem.id))) throw new LtiError('ERR_LTI_AGS_LINE_ITEM_UNKNOWN', { detail: { line_item_id: lineItem.id } });
  return new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } });
}
