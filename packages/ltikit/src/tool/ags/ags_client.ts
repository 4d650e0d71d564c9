/**
 * The tool's Assignment and Grade Services client, `tool.ags`: line items (list across pages,
 * create, read, replace, delete), scores and results. Every call goes through `tool.serviceFetch`
 * (token cached per scope set, renewed on 401, `429` honoured; TOK-020..022), so a background job
 * can grade with only what the tool stored at launch time: the target and the claim's URLs.
 *
 * @example
 * ```ts
 * const endpoint = launch.claims[AGS_CLAIM.endpoint] as { lineitems?: string; lineitem?: string };
 * await tool.ags.submitScore(target, endpoint.lineitem!, { userId: launch.userId!, timestamp: new Date().toISOString(),
 *   scoreGiven: 8, scoreMaximum: 10, activityProgress: 'Completed', gradingProgress: 'FullyGraded' });
 * ```
 * @see https://www.imsglobal.org/spec/lti-ags/v2p0/
 */
import type { LineItem, LineItemFields, Result, Score } from '../../messages/ags.js';
import type { ServiceRequest, ServiceTarget } from '../token/access_token_client.js';
import {
  type LineItemListOptions,
  type LineItemReadOptions,
  createLineItem,
  deleteLineItem,
  getLineItem,
  iterateLineItems,
  listLineItems,
  updateLineItem,
} from './line_items.js';
import { type ResultListOptions, iterateResults, listResults } from './results.js';
import { submitScore } from './scores.js';

/**
 * `tool.ags`: calls the AGS endpoints of the platform of `target` with the URLs of the launch's
 * endpoint claim, used as given (AGS-004): `lineitems` for the container, `lineitem` (or a line
 * item's `id`) for one line item, its scores and its results (AGS-010). Failures are `LtiError`s:
 * `ERR_LTI_SERVICE_REQUEST_FAILED` with the platform's status in `detail.status` (409 for a stale
 * score, AGS-042), `ERR_LTI_AGS_RESPONSE_INVALID` for an answer that is not AGS, and the
 * `ERR_LTI_AGS_*_INVALID` of the body checks before anything is sent.
 *
 * @example
 * ```ts
 * const items = await tool.ags.listLineItems(target, endpoint.lineitems!, { resourceLinkId: launch.resourceLink!.id });
 * const lineItem = items[0] ?? (await tool.ags.createLineItem(target, endpoint.lineitems!, { label: 'Quiz 1', scoreMaximum: 10 }));
 * const results = await tool.ags.listResults(target, lineItem.id);
 * ```
 * @see https://www.imsglobal.org/spec/lti-ags/v2p0/ (AGS-004, AGS-010, AGS-032, AGS-048)
 */
export interface AgsClient {
  /** Every line item of the container, across pages (AGS-030, AGS-032). */
  listLineItems(target: ServiceTarget, lineItemsUrl: string, options?: LineItemListOptions): Promise<LineItem[]>;
  /** The same, one page fetched at a time as the iteration needs it. */
  iterateLineItems(target: ServiceTarget, lineItemsUrl: string, options?: LineItemListOptions): AsyncIterable<LineItem>;
  /** `POST {lineitems}`: the created line item, with its `id` URL (AGS-021). Needs the `lineitem` scope. */
  createLineItem(target: ServiceTarget, lineItemsUrl: string, lineItem: LineItemFields): Promise<LineItem>;
  getLineItem(target: ServiceTarget, lineItemUrl: string, options?: LineItemReadOptions): Promise<LineItem>;
  /** `PUT {lineitem}`: replaces the line item's fields (AGS-022). Needs the `lineitem` scope. */
  updateLineItem(target: ServiceTarget, lineItemUrl: string, lineItem: LineItemFields & { id?: string }): Promise<LineItem>;
  deleteLineItem(target: ServiceTarget, lineItemUrl: string): Promise<void>;
  /** `POST {lineitem}/scores` (AGS-010); `timestamp` must grow per user (AGS-041). Needs the `score` scope. */
  submitScore(target: ServiceTarget, lineItemUrl: string, score: Score): Promise<void>;
  /** Every result of the line item, across pages (AGS-050). Needs the `result.readonly` scope. */
  listResults(target: ServiceTarget, lineItemUrl: string, options?: ResultListOptions): Promise<Result[]>;
  iterateResults(target: ServiceTarget, lineItemUrl: string, options?: ResultListOptions): AsyncIterable<Result>;
}

export function createAgsClient(serviceFetch: (target: ServiceTarget, request: ServiceRequest) => Promise<Response>): AgsClient {
  const bind = (target: ServiceTarget) => (request: ServiceRequest) => serviceFetch(target, request);
  return {
    listLineItems: (target, url, options) => listLineItems(bind(target), url, options),
    iterateLineItems: (target, url, options) => iterateLineItems(bind(target), url, options),
    createLineItem: (target, url, lineItem) => createLineItem(bind(target), url, lineItem),
    getLineItem: (target, url, options) => getLineItem(bind(target), url, options),
    updateLineItem: (target, url, lineItem) => updateLineItem(bind(target), url, lineItem),
    deleteLineItem: (target, url) => deleteLineItem(bind(target), url),
    submitScore: (target, url, score) => submitScore(bind(target), url, score),
    listResults: (target, url, options) => listResults(bind(target), url, options),
    iterateResults: (target, url, options) => iterateResults(bind(target), url, options),
  };
}
