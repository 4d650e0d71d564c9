/**
 * The tool's line-item calls (ags.md §2, §3): list a context's line items across pages, create,
 * read, replace and delete one. Each sends the exact media type (AGS-014) with a token for the
 * operation's scope (AGS-011) and uses the platform's URLs as given (AGS-004).
 *
 * @example
 * ```ts
 * const lineItem = await createLineItem(call, lineItemsUrl, { label: 'Quiz 1', scoreMaximum: 10, resourceLinkId: 'rl-1' });
 * ```
 * @see https://www.imsglobal.org/spec/lti-ags/v2p0/#line-item-service
 */
import { LtiError } from '../../errors.js';
import { type LineItem, type LineItemFields, validateLineItem, validateLineItemContainer, validateLineItemFields } from '../../messages/ags.js';
import { MEDIA_TYPE } from '../../vocab/media_types.js';
import { SCOPE } from '../../vocab/scopes.js';
import { type AgsCall, collect, readJsonAnswer, readPages } from './read_pages.js';
import { appendQuery } from './service_urls.js';

/**
 * Filters of a line-item listing, combined (AGS-030), and the scope to read with.
 *
 * @example
 * ```ts
 * const options: LineItemListOptions = { resourceLinkId: launch.resourceLink.id, tag: 'final', limit: 50 };
 * ```
 * @see https://www.imsglobal.org/spec/lti-ags/v2p0/#container-request-filters (AGS-030)
 */
export interface LineItemListOptions {
  /** Only line items bound to this resource link (`resource_link_id`). */
  resourceLinkId?: string;
  /** Only line items with this `resourceId` (`resource_id`). */
  resourceId?: string;
  /** Only line items with this `tag`. */
  tag?: string;
  /** Page size asked for; every page is read anyway. */
  limit?: number;
  /**
   * The scope the token is asked for: `SCOPE.lineItemReadonly` (the default) or `SCOPE.lineItem`,
   * whichever the platform granted the tool (AGS-011).
   */
  scope?: string;
}

/**
 * Options of a single line-item read: the scope to read with (AGS-011, AGS-025).
 *
 * @example
 * ```ts
 * const lineItem = await tool.ags.getLineItem(target, endpoint.lineitem!, { scope: SCOPE.lineItem } satisfies LineItemReadOptions);
 * ```
 * @see https://www.imsglobal.org/spec/lti-ags/v2p0/#line-item-service (AGS-011)
 */
export interface LineItemReadOptions {
  /** `SCOPE.lineItemReadonly` (the default) or `SCOPE.lineItem` (AGS-011). */
  scope?: string;
}

export function checkLimit(limit: number | undefined): void {
  if (limit !== undefined && (!Number.isSafeInteger(limit) || limit < 1)) throw new LtiError('ERR_LTI_AGS_LIMIT_INVALID', { detail: { limit: String(limit) } });
}

export async function* iterateLineItems(call: AgsCall, lineItemsUrl: string, options: LineItemListOptions = {}): AsyncGenerator<LineItem, void, undefined> {
  checkLimit(options.limit);
  const parameters: Array<[string, string]> = [];
  if (options.resourceLinkId !== undefined) parameters.push(['resource_link_id', options.resourceLinkId]);
  if (options.resourceId !== undefined) parameters.push(['resource_id', options.resourceId]);
  if (options.tag !== undefined) parameters.push(['tag', options.tag]);
  if (options.limit !== undefined) parameters.push(['limit', String(options.limit)]);
  yield* readPages(call, appendQuery(lineItemsUrl, parameters), { scopes: [options.scope ?? SCOPE.lineItemReadonly], mediaType: MEDIA_TYPE.lineItemContainer }, validateLineItemContainer);
}

export function listLineItems(call: AgsCall, lineItemsUrl: string, options: LineItemListOptions = {}): Promise<LineItem[]> {
  return collect(iterateLineItems(call, lineItemsUrl, options));
}

export async function createLineItem(call: AgsCall, lineItemsUrl: string, lineItem: LineItemFields): Promise<LineItem> {
  // AGS-020 checked before sending; the platform names the line item, so no `id` goes out (AGS-021).
  const { id: _id, ...fields } = validateLineItemFields(lineItem);
  const response = await call({
    url: lineItemsUrl,
    method: 'POST',
    scopes: [SCOPE.lineItem],
    headers: { 'content-type': MEDIA_TYPE.lineItem, accept: MEDIA_TYPE.lineItem },
    body: JSON.stringify(fields),
  });
  return validateLineItem(await readJsonAnswer(response, MEDIA_TYPE.lineItem));
}

export async function getLineItem(call: AgsCall, lineItemUrl: string, options: LineItemReadOptions = {}): Promise<LineItem> {
  const response = await call({ url: lineItemUrl, method: 'GET', scopes: [options.scope ?? SCOPE.lineItemReadonly], headers: { accept: MEDIA_TYPE.lineItem } });
  return validateLineItem(await readJsonAnswer(response, MEDIA_TYPE.lineItem));
}

export async function updateLineItem(call: AgsCall, lineItemUrl: string, lineItem: LineItemFields & { id?: string }): Promise<LineItem> {
  const fields = validateLineItemFields(lineItem);
  const response = await call({
    url: lineItemUrl,
    method: 'PUT',
    scopes: [SCOPE.lineItem],
    headers: { 'content-type': MEDIA_TYPE.lineItem, accept: MEDIA_TYPE.lineItem },
    body: JSON.stringify(fields),
  });
  return validateLineItem(await readJsonAnswer(response, MEDIA_TYPE.lineItem));
}

export async function deleteLineItem(call: AgsCall, lineItemUrl: string): Promise<void> {
  const response = await call({ url: lineItemUrl, method: 'DELETE', scopes: [SCOPE.lineItem] });
  await response.body?.cancel();
}
