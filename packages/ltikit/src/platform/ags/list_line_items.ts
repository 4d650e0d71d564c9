/**
 * `GET {lineitems}`: the tool's line items of a context, filtered by `resource_link_id`,
 * `resource_id` and `tag` together (AGS-030), a page at a time with a `Link: rel="next"` while more
 * remain (AGS-031). Only the line items of the tool holding the token are listed (AGS-012, TOK-016).
 *
 * @example
 * ```ts
 * return listLineItems({ request, context, ags }); // 200, application/vnd.ims.lis.v2.lineitemcontainer+json
 * ```
 * @see https://www.imsglobal.org/spec/lti-ags/v2p0/#container-request-filters
 */
import { LtiError } from '../../errors.js';
import { jsonResponse } from '../../lib/http.js';
import type { StoredLineItem } from '../../stores/types.js';
import { MEDIA_TYPE } from '../../vocab/media_types.js';
import { SCOPE } from '../../vocab/scopes.js';
import { type AgsOperation, checkAccept, checkTokenAndContext, queryParameter, readLimit } from './ags_checks.js';
import { lineItemsUrl, pagingLinks, toWireLineItem } from './ags_wire.js';

/** The paging cursor: the (`createdAt`, `id`) of the last line item of the page before. */
function encodeCursor(lineItem: StoredLineItem): string {
  return `${lineItem.createdAt}.${lineItem.id}`;
}

function readCursor(url: URL): { createdAt: number; id: string } | undefined {
  const raw = queryParameter(url, 'after');
  if (raw === undefined) return undefined;
  const match = /^(\d{1,15})\.(.+)$/s.exec(raw);
  if (match === null) throw new LtiError('ERR_LTI_AGS_CURSOR_INVALID');
  return { createdAt: Number(match[1]), id: match[2]! };
}

export async function listLineItems(operation: AgsOperation): Promise<Response> {
  // AGS-011: either line-item scope may read.
  const { grant, contextId } = await checkTokenAndContext(operation, [SCOPE.lineItem, SCOPE.lineItemReadonly]);
  checkAccept(operation.request, MEDIA_TYPE.lineItemContainer);
  const url = new URL(operation.request.url);
  const { pageSize } = readLimit(url, operation.ags.maxPageSize);
  const after = readCursor(url);
  const resourceLinkId = queryParameter(url, 'resource_link_id');
  const resourceId = queryParameter(url, 'resource_id');
  const tag = queryParameter(url, 'tag');
  // One more than the page holds tells whether a next page exists.
  const found = await operation.ags.store.listLineItems({
    contextId,
    clientId: grant.clientId,
    ...(grant.deploymentId === undefined ? {} : { deploymentId: grant.deploymentId }),
    ...(resourceLinkId === undefined ? {} : { resourceLinkId }),
    ...(resourceId === undefined ? {} : { resourceId }),
    ...(tag === undefined ? {} : { tag }),
    limit: pageSize + 1,
    ...(after === undefined ? {} : { after }),
  });
  const page = found.slice(0, pageSize);
  const next = found.length > pageSize ? encodeCursor(page.at(-1)!) : undefined;
  const link = pagingLinks(lineItemsUrl(operation.context.config, contextId), url, next);
  return jsonResponse(
    page.map((lineItem) => toWireLineItem(operation.context.config, lineItem)),
    200,
    { 'content-type': MEDIA_TYPE.lineItemContainer, ...(link === undefined ? {} : { link }) },
  );
}
