/**
 * Between stored line items and scores and what the AGS endpoints answer with: the service URLs
 * (AGS-010, AGS-021), the wire line item with its extensions (AGS-023), results on the line item's
 * scale (AGS-043..045, AGS-052) and the `Link` header of paged answers (AGS-031).
 */
import { formatLinkHeader, type WebLink } from '../../lib/link_header.js';
import type { LineItem, LineItemFields, Result } from '../../messages/ags.js';
import type { StoredLineItem, StoredScore } from '../../stores/types.js';
import { GRADING_PROGRESS, type GradingProgress } from '../../vocab/ags_progress.js';
import type { ResolvedPlatformConfig } from '../config.js';
import { servicePath } from '../routes.js';

/** The line-item container URL of a context (the launch claim's `lineitems`, AGS-003). */
export function lineItemsUrl(config: ResolvedPlatformConfig, contextId: string): string {
  return `${config.serviceRoot}${servicePath('ags_line_items', { contextId })}`;
}

/** A line item's own URL, its `id` (AGS-021). */
export function lineItemUrl(config: ResolvedPlatformConfig, lineItem: Pick<StoredLineItem, 'contextId' | 'id'>): string {
  return `${config.serviceRoot}${servicePath('ags_line_item', { contextId: lineItem.contextId, lineItemId: lineItem.id })}`;
}

/** The stored form of the fields a tool sent: known fields apart, every other property an extension (AGS-023). */
export function storedFields(fields: LineItemFields & { id?: string }): Omit<StoredLineItem, 'id' | 'contextId' | 'clientId' | 'deploymentId' | 'createdAt'> {
  const { id: _id, label, scoreMaximum, resourceLinkId, resourceId, tag, startDateTime, endDateTime, gradesReleased, ...extensions } = fields;
  return {
    label,
    scoreMaximum,
    ...(resourceLinkId === undefined ? {} : { resourceLinkId }),
    ...(resourceId === undefined ? {} : { resourceId }),
    ...(tag === undefined ? {} : { tag }),
    ...(startDateTime === undefined ? {} : { startDateTime }),
    ...(endDateTime === undefined ? {} : { endDateTime }),
    ...(gradesReleased === undefined ? {} : { gradesReleased }),
    ...(Object.keys(extensions).length === 0 ? {} : { extensions }),
  };
}

/** The line item as answered: its URL as `id`, the spec fields, and its extensions echoed (AGS-021, AGS-023). */
export function toWireLineItem(config: ResolvedPlatformConfig, lineItem: StoredLineItem): LineItem {
  return {
    ...lineItem.extensions,
    id: lineItemUrl(config, lineItem),
    label: lineItem.label,
    scoreMaximum: lineItem.scoreMaximum,
    ...(lineItem.resourceLinkId === undefined ? {} : { resourceLinkId: lineItem.resourceLinkId }),
    ...(lineItem.resourceId === undefined ? {} : { resourceId: lineItem.resourceId }),
    ...(lineItem.tag === undefined ? {} : { tag: lineItem.tag }),
    ...(lineItem.startDateTime === undefined ? {} : { startDateTime: lineItem.startDateTime }),
    ...(lineItem.endDateTime === undefined ? {} : { endDateTime: lineItem.endDateTime }),
    ...(lineItem.gradesReleased === undefined ? {} : { gradesReleased: lineItem.gradesReleased }),
  };
}

// AGS-044: with `Pending`, `Failed` or `NotReady` the grading is not done and `scoreGiven` does not
// count (as Canvas documents); `PendingManual` keeps the automatic part until a person grades.
const COUNTED_GRADING: ReadonlySet<GradingProgress> = new Set([GRADING_PROGRESS.FullyGraded, GRADING_PROGRESS.PendingManual]);

/** AGS-045: `scoreGiven / scoreMaximum × lineItem.scoreMaximum`, without floating-point dust. */
function onLineItemScale(scoreGiven: number, scoreMaximum: number, lineItemMaximum: number): number {
  if (scoreMaximum === lineItemMaximum) return scoreGiven;
  return Number(((scoreGiven / scoreMaximum) * lineItemMaximum).toPrecision(15));
}

/**
 * A user's result from their latest score, or `undefined` when there is nothing to show: no
 * counted score and no comment (AGS-043 a removed score, AGS-052 no nulls).
 */
export function toWireResult(config: ResolvedPlatformConfig, lineItem: StoredLineItem, score: StoredScore): Result | undefined {
  const counted = score.scoreGiven !== undefined && score.scoreMaximum !== undefined && COUNTED_GRADING.has(score.gradingProgress);
  const comment = score.comment === undefined || score.comment === '' ? undefined : score.comment;
  if (!counted && comment === undefined) return undefined;
  const scoreOf = lineItemUrl(config, lineItem);
  return {
    // The results URL filtered to this user: an id that answers with this result.
    id: `${scoreOf}/results?user_id=${encodeURIComponent(score.userId)}`,
    scoreOf,
    userId: score.userId,
    ...(counted ? { resultScore: onLineItemScale(score.scoreGiven!, score.scoreMaximum!, lineItem.scoreMaximum), resultMaximum: lineItem.scoreMaximum } : {}),
    ...(score.scoringUserId === undefined ? {} : { scoringUserId: score.scoringUserId }),
    ...(comment === undefined ? {} : { comment }),
  };
}

/**
 * The `Link` header of a paged answer (AGS-031): `next` while more remain, `first` whenever the
 * answer is one of several pages. Links keep the request's filters and `limit`.
 */
export function pagingLinks(baseUrl: string, requestUrl: URL, next: string | undefined): string | undefined {
  const links: WebLink[] = [];
  const page = (after: string | undefined): string => {
    const query = new URLSearchParams(requestUrl.searchParams);
    query.delete('after');
    if (after !== undefined) query.set('after', after);
    const search = query.toString();
    return search === '' ? baseUrl : `${baseUrl}?${search}`;
  };
  if (next !== undefined) links.push({ url: page(next), rel: ['next'] });
  if (next !== undefined || requestUrl.searchParams.has('after')) links.push({ url: page(undefined), rel: ['first'] });
  return links.length === 0 ? undefined : formatLinkHeader(links);
}
