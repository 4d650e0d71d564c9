/**
 * `GET {lineitem}`: one line item of the tool holding the token; 404 for a line item of another
 * context or tool (AGS-012, TOK-016). Tools with only the `lineitem` URL of a launch read it here
 * (AGS-025).
 *
 * @example
 * ```ts
 * return getLineItem({ request, context, ags }); // 200, application/vnd.ims.lis.v2.lineitem+json
 * ```
 * @see https://www.imsglobal.org/spec/lti-ags/v2p0/#line-item-service
 */
import { jsonResponse } from '../../lib/http.js';
import { MEDIA_TYPE } from '../../vocab/media_types.js';
import { SCOPE } from '../../vocab/scopes.js';
import { type AgsOperation, checkAccept, checkTokenAndContext, findLineItem } from './ags_checks.js';
import { toWireLineItem } from './ags_wire.js';

export async function getLineItem(operation: AgsOperation): Promise<Response> {
  const { grant, contextId } = await checkTokenAndContext(operation, [SCOPE.lineItem, SCOPE.lineItemReadonly]);
  const lineItem = await findLineItem(operation, grant, contextId);
  checkAccept(operation.request, MEDIA_TYPE.lineItem);
  return jsonResponse(toWireLineItem(operation.context.config, lineItem), 200, { 'content-type': MEDIA_TYPE.lineItem });
}
