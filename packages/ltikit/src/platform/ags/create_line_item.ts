/**
 * `POST {lineitems}`: a tool adds a line item to a context (AGS-020, AGS-021). The body is a
 * `application/vnd.ims.lis.v2.lineitem+json` line item with a non-empty `label` and a
 * `scoreMaximum` above 0; the answer is `201 Created` with the stored line item, its new `id` URL
 * (also in `Location`) and every extension echoed (AGS-023).
 *
 * @example
 * ```ts
 * return createLineItem({ request, context, ags }); // 201 { id: 'https://lms.example.edu/lti/contexts/ctx-991/lineitems/…', … }
 * ```
 * @see https://www.imsglobal.org/spec/lti-ags/v2p0/#creating-a-new-line-item
 */
import { jsonResponse } from '../../lib/http.js';
import { randomId } from '../../lib/random.js';
import { validateLineItemFields } from '../../messages/ags.js';
import type { StoredLineItem } from '../../stores/types.js';
import { MEDIA_TYPE } from '../../vocab/media_types.js';
import { SCOPE } from '../../vocab/scopes.js';
import { type AgsOperation, checkAccept, checkContentType, checkResourceLink, checkTokenAndContext, readJsonObject } from './ags_checks.js';
import { storedFields, toWireLineItem } from './ags_wire.js';

export async function createLineItem(operation: AgsOperation): Promise<Response> {
  const { request, context, ags } = operation;
  const { grant, contextId } = await checkTokenAndContext(operation, [SCOPE.lineItem]);
  checkContentType(request, MEDIA_TYPE.lineItem);
  checkAccept(request, MEDIA_TYPE.lineItem);
  // An `id` in the body is ignored: the platform names the line item (AGS-021).
  const fields = validateLineItemFields(await readJsonObject(request, ags.maxBodyBytes));
  await checkResourceLink(operation, contextId, fields.resourceLinkId);
  const lineItem: StoredLineItem = {
    id: randomId(),
    contextId,
    clientId: grant.clientId,
    ...(grant.deploymentId === undefined ? {} : { deploymentId: grant.deploymentId }),
    ...storedFields(fields),
    createdAt: context.clock.now(),
  };
  await ags.store.createLineItem(lineItem);
  const answer = toWireLineItem(context.config, lineItem);
  return jsonResponse(answer, 201, { 'content-type': MEDIA_TYPE.lineItem, location: answer.id });
}
