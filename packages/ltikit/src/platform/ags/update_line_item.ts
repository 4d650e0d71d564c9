/**
 * `PUT {lineitem}`: replaces the mutable fields of a line item (AGS-022) and answers with the
 * result. Its `resourceLinkId` cannot change (kept when the body omits it), and an `id` in the
 * body must be the URL's own.
 *
 * @example
 * ```ts
 * return updateLineItem({ request, context, ags }); // 200 with the replaced line item
 * ```
 * @see https://www.imsglobal.org/spec/lti-ags/v2p0/#updating-a-line-item
 */
import { LtiError } from '../../errors.js';
import { jsonResponse } from '../../lib/http.js';
import { validateLineItemFields } from '../../messages/ags.js';
import type { StoredLineItem } from '../../stores/types.js';
import { MEDIA_TYPE } from '../../vocab/media_types.js';
import { SCOPE } from '../../vocab/scopes.js';
import { type AgsOperation, checkAccept, checkContentType, checkTokenAndContext, findLineItem, readJsonObject } from './ags_checks.js';
import { lineItemUrl, storedFields, toWireLineItem } from './ags_wire.js';

export async function updateLineItem(operation: AgsOperation): Promise<Response> {
  const { request, context, ags } = operation;
  const { grant, contextId } = await checkTokenAndContext(operation, [SCOPE.lineItem]);
  const existing = await findLineItem(operation, grant, contextId);
  checkContentType(request, MEDIA_TYPE.lineItem);
  checkAccept(request, MEDIA_TYPE.lineItem);
  const fields = validateLineItemFields(await readJsonObject(request, ags.maxBodyBytes));
  if (fields.id !== undefined && fields.id !== lineItemUrl(context.config, existing)) {
    throw new LtiError('ERR_LTI_AGS_LINE_ITEM_INVALID', { message: 'The line item\u2019s `id` is not the URL it was sent to (AGS-022).', detail: { field: 'id' } });
  }
  // AGS-022: the binding to a resource link is fixed at creation.
  const resourceLinkId = fields.resourceLinkId ?? existing.resourceLinkId;
  if (resourceLinkId !== existing.resourceLinkId) {
    throw new LtiError('ERR_LTI_AGS_RESOURCE_LINK_IMMUTABLE', { detail: { field: 'resourceLinkId' } });
  }
  const updated: StoredLineItem = {
    id: existing.id,
    contextId: existing.contextId,
    clientId: existing.clientId,
    ...(existing.deploymentId === undefined ? {} : { deploymentId: existing.deploymentId }),
    ...storedFields({ ...fields, ...(resourceLinkId === undefined ? {} : { resourceLinkId }) }),
    createdAt: existing.createdAt,
  };
  // Deleted meanwhile: as unknown as if it had been gone before.
  if (!(await ags.store.updateLineItem(updated))) throw new LtiError('ERR_LTI_AGS_LINE_ITEM_UNKNOWN', { detail: { line_item_id: existing.id } });
  return jsonResponse(toWireLineItem(context.config, updated), 200, { 'content-type': MEDIA_TYPE.lineItem });
}
