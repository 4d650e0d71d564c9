/**
 * The tool reads a line item's results from `{lineitem}/results` (ags.md §5): the line item URL's
 * path with `/results` added, its query string kept (AGS-010), `user_id` and `limit` appended, every
 * page followed (AGS-050), with a token for the `result.readonly` scope.
 *
 * @example
 * ```ts
 * const [mine] = await listResults(call, lineItemUrl, { userId: launch.userId });
 * ```
 * @see https://www.imsglobal.org/spec/lti-ags/v2p0/#result-service
 */
import { type Result, validateResultContainer } from '../../messages/ags.js';
import { MEDIA_TYPE } from '../../vocab/media_types.js';
import { SCOPE } from '../../vocab/scopes.js';
import { checkLimit } from './line_items.js';
import { type AgsCall, collect, readPages } from './read_pages.js';
import { appendQuery, lineItemServiceUrl } from './service_urls.js';

/**
 * Filters of a results read (AGS-050).
 *
 * @example
 * ```ts
 * const options: ResultListOptions = { userId: 'a3f0c2e1' };
 * ```
 * @see https://www.imsglobal.org/spec/lti-ags/v2p0/#result-service (AGS-050)
 */
export interface ResultListOptions {
  /** Only this learner's result (`user_id`): zero or one entries. */
  userId?: string;
  /** Page size asked for; every page is read anyway. */
  limit?: number;
}

export async function* iterateResults(call: AgsCall, lineItemUrl: string, options: ResultListOptions = {}): AsyncGenerator<Result, void, undefined> {
  checkLimit(options.limit);
  const parameters: Array<[string, string]> = [];
  if (options.userId !== undefined) parameters.push(['user_id', options.userId]);
  if (options.limit !== undefined) parameters.push(['limit', String(options.limit)]);
  const url = appendQuery(lineItemServiceUrl(lineItemUrl, 'results'), parameters);
  yield* readPages(call, url, { scopes: [SCOPE.resultReadonly], mediaType: MEDIA_TYPE.resultContainer }, validateResultContainer);
}

export function listResults(call: AgsCall, lineItemUrl: string, options: ResultListOptions = {}): Promise<Result[]> {
  return collect(iterateResults(call, lineItemUrl, options));
}
