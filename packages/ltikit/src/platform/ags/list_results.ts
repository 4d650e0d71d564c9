/**
 * `GET {lineitem}/results`: each user's current result on the line item, from their latest score,
 * on the line item's scale (AGS-045), users without one left out (AGS-043, AGS-052); `user_id`
 * narrows it to one user, `limit` pages it with `Link: rel="next"` (AGS-050).
 *
 * @example
 * ```ts
 * return listResults({ request, context, ags }); // 200, application/vnd.ims.lis.v2.resultcontainer+json
 * ```
 * @see https://www.imsglobal.org/spec/lti-ags/v2p0/#result-service
 */
import { jsonResponse } from '../../lib/http.js';
import type { Result } from '../../messages/ags.js';
import { MEDIA_TYPE } from '../../vocab/media_types.js';
import { SCOPE } from '../../vocab/scopes.js';
import { servicePath } from '../routes.js';
import { type AgsOperation, checkAccept, checkTokenAndContext, findLineItem, queryParameter, readLimit } from './ags_checks.js';
import { pagingLinks, toWireResult } from './ags_wire.js';

export async function listResults(operation: AgsOperation): Promise<Response> {
  const { request, context, ags } = operation;
  const { grant, contextId } = await checkTokenAndContext(operation, [SCOPE.resultReadonly]);
  const lineItem = await findLineItem(operation, grant, contextId);
  checkAccept(request, MEDIA_TYPE.resultContainer);
  const url = new URL(request.url);
  const { pageSize } = readLimit(url, ags.maxPageSize);
  const userId = queryParameter(url, 'user_id');
  // The cursor is the last user of the page before (results are ordered by user).
  const afterUserId = queryParameter(url, 'after');
  const found = await ags.store.listLatestScores({
    lineItemId: lineItem.id,
    ...(userId === undefined ? {} : { userId }),
    limit: pageSize + 1,
    ...(afterUserId === undefined ? {} : { afterUserId }),
  });
  const page = found.slice(0, pageSize);
  const next = found.length > pageSize ? page.at(-1)!.userId : undefined;
  const results = page.map((score) => toWireResult(context.config, lineItem, score)).filter((result): result is Result => result !== undefined);
  const resultsUrl = `${context.config.serviceRoot}${servicePath('ags_results', { contextId, lineItemId: lineItem.id })}`;
  const link = pagingLinks(resultsUrl, url, next);
  return jsonResponse(results, 200, { 'content-type': MEDIA_TYPE.resultContainer, ...(link === undefined ? {} : { link }) });
}
