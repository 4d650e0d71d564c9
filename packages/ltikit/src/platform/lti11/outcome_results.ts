/**
 * The three Basic Outcomes operations on the Assignment and Grade Services store (BO-005): a 1.1
 * grade is an AGS score on the line item of the resource link, owned by the tool's reserved 1.3
 * client id, so the gradebook, the AGS results and a later 1.3 version of the tool all see it.
 *
 * - replaceResult: a score `score × scoreMaximum` out of the line item's `scoreMaximum`, `Completed`
 *   and `FullyGraded`, stamped now (the line item is created on the first grade when the link has
 *   none).
 * - readResult: the latest counted score as a fraction of its maximum, or none.
 * - deleteResult: a score without `scoreGiven` (`Initialized`, `NotReady`), which is how AGS
 *   removes a result (AGS-043).
 *
 * @example
 * ```ts
 * await replaceOutcomeResult(target, 0.79, options);
 * await readOutcomeResult(target, options); // 0.79
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (BO-005), https://www.imsglobal.org/spec/lti-ags/v2p0/ (AGS-042..045)
 */
import { LtiError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import { parseIsoDateTimeMicros } from '../../lib/iso_date_time.js';
import type { AgsStore, Lti11Credential, StoredLineItem, StoredScore } from '../../stores/types.js';
import { ACTIVITY_PROGRESS, GRADING_PROGRESS } from '../../vocab/ags_progress.js';
import type { Lti11Options } from './options.js';
import type { ResultSourcedId } from './result_sourcedid.js';

/**
 * Whose result an operation reads or writes: the sourcedid's link and user, and the tool (its
 * reserved 1.3 client id owns the line item).
 *
 * @example
 * ```ts
 * const target: OutcomeTarget = { contextId: 'ctx-1', resourceLinkId: 'rl-1', userId: 'u-7', clientId: 'c-7731', tool: credential };
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (BO-005)
 */
export interface OutcomeTarget extends ResultSourcedId {
  clientId: string;
  tool: Lti11Credential;
}

/**
 * What the operations work with: the AGS store, the clock and the 1.1 options (line item label
 * and maximum for a first grade).
 *
 * @example
 * ```ts
 * const options: OutcomeResultOptions = { store: stores.ags, clock, lti11: {} };
 * ```
 * @see https://www.imsglobal.org/spec/lti-ags/v2p0/
 */
export interface OutcomeResultOptions {
  store: AgsStore;
  clock: Clock;
  lti11: Lti11Options;
}

/**
 * The line item 1.1 grades of a link go to: the tool's oldest line item bound to that resource
 * link (one the platform or the tool created, or the one a first 1.1 grade created); `undefined`
 * when there is none.
 *
 * @example
 * ```ts
 * const lineItem = await findResultLineItem(store, target);
 * ```
 * @see https://www.imsglobal.org/spec/lti-ags/v2p0/ (AGS-024)
 */
export async function findResultLineItem(store: AgsStore, target: Pick<OutcomeTarget, 'contextId' | 'resourceLinkId' | 'clientId'>): Promise<StoredLineItem | undefined> {
  const [lineItem] = await store.listLineItems({ contextId: target.contextId, clientId: target.clientId, resourceLinkId: target.resourceLinkId, limit: 1 });
  return lineItem;
}

/** One id per (tool, context, link), so two first grades arriving together create one line item. */
async function lineItemIdOf(target: OutcomeTarget): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${target.clientId}\n${target.contextId}\n${target.resourceLinkId}`)));
  let binary = '';
  for (const byte of digest) binary += String.fromCharCode(byte);
  return `lti11-${btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
}

async function findOrCreateLineItem(target: OutcomeTarget, options: OutcomeResultOptions): Promise<StoredLineItem> {
  const existing = await findResultLineItem(options.store, target);
  if (existing !== undefined) return existing;
  const lineItem: StoredLineItem = {
    id: await lineItemIdOf(target),
    contextId: target.contextId,
    clientId: target.clientId,
    label: (await options.lti11.lineItemLabel?.({ contextId: target.contextId, resourceLinkId: target.resourceLinkId }, target.tool)) ?? target.tool.name ?? 'Grade',
    scoreMaximum: options.lti11.scoreMaximum ?? 1,
    resourceLinkId: target.resourceLinkId,
    createdAt: options.clock.now(),
  };
  try {
    await options.store.createLineItem(lineItem);
    return lineItem;
  } catch (cause) {
    // Created meanwhile by a concurrent first grade (same id): use it.
    const raced = await options.store.getLineItem(lineItem.id);
    if (raced !== undefined && raced.clientId === target.clientId && raced.contextId === target.contextId) return raced;
    throw cause;
  }
}

const MICROS_PER_SECOND = 1_000_000;

/** An ISO 8601 UTC timestamp with microseconds (AGS-041). */
function formatMicros(micros: number): string {
  const seconds = Math.floor(micros / MICROS_PER_SECOND);
  const fraction = String(micros - seconds * MICROS_PER_SECOND).padStart(6, '0');
  return `${new Date(seconds * 1000).toISOString().slice(0, 19)}.${fraction}Z`;
}

/**
 * Records a score stamped now, or just after the latest stored score when that is not earlier
 * (two grades in one second, or an AGS score stamped ahead): a Basic Outcomes call has no
 * timestamp of its own, so the latest call wins (AGS-042 orders by timestamp).
 */
async function recordNow(lineItem: StoredLineItem, userId: string, fields: Omit<StoredScore, 'lineItemId' | 'userId' | 'timestamp' | 'receivedAt'>, options: OutcomeResultOptions): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const now = options.clock.now();
    const [latest] = await options.store.listLatestScores({ lineItemId: lineItem.id, userId, limit: 1 });
    const latestMicros = latest === undefined ? undefined : parseIsoDateTimeMicros(latest.timestamp);
    const micros = latestMicros !== undefined && latestMicros >= now * MICROS_PER_SECOND ? latestMicros + 1 : now * MICROS_PER_SECOND;
    const outcome = await options.store.recordScore({ lineItemId: lineItem.id, userId, timestamp: formatMicros(micros), ...fields, receivedAt: now });
    if (outcome === 'recorded') return;
    if (outcome === 'line_item_unknown') throw new LtiError('ERR_LTI_AGS_LINE_ITEM_UNKNOWN', { detail: { line_item_id: lineItem.id } });
    // 'stale': another score for this user landed between the read and the write; stamp after it.
  }
  throw new LtiError('ERR_LTI_AGS_SCORE_STALE', { detail: { userId } });
}

/**
 * replaceResult (BO-005, BO-006): stores `score` (in [0, 1]) as `score × scoreMaximum` of the link's
 * line item, creating the line item on the first grade. Resolves once the store has committed it.
 *
 * @example
 * ```ts
 * await replaceOutcomeResult(target, 0.79, options);
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (BO-005, BO-006)
 */
export async function replaceOutcomeResult(target: OutcomeTarget, score: number, options: OutcomeResultOptions): Promise<StoredLineItem> {
  const lineItem = await findOrCreateLineItem(target, options);
  const scoreGiven = Number((score * lineItem.scoreMaximum).toPrecision(15));
  await recordNow(
    lineItem,
    target.userId,
    { activityProgress: ACTIVITY_PROGRESS.Completed, gradingProgress: GRADING_PROGRESS.FullyGraded, scoreGiven, scoreMaximum: lineItem.scoreMaximum },
    options,
  );
  return lineItem;
}

/**
 * readResult (BO-005, BO-008): the user's current grade on the link as a fraction in [0, 1] of the
 * score's maximum (extra credit is capped at 1), or `undefined` when there is none: no line item,
 * no score, a removed score, or grading not done (AGS-044).
 *
 * @example
 * ```ts
 * const score = await readOutcomeResult(target, options); // 0.79 or undefined
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (BO-008)
 */
export async function readOutcomeResult(target: OutcomeTarget, options: OutcomeResultOptions): Promise<number | undefined> {
  const lineItem = await findResultLineItem(options.store, target);
  if (lineItem === undefined) return undefined;
  const [latest] = await options.store.listLatestScores({ lineItemId: lineItem.id, userId: target.userId, limit: 1 });
  if (latest?.scoreGiven === undefined || latest.scoreMaximum === undefined || latest.scoreMaximum <= 0) return undefined;
  // AGS-044: only a finished grading counts (as the AGS results show it).
  if (latest.gradingProgress !== GRADING_PROGRESS.FullyGraded && latest.gradingProgress !== GRADING_PROGRESS.PendingManual) return undefined;
  const fraction = Number((latest.scoreGiven / latest.scoreMaximum).toPrecision(15));
  return Math.min(1, Math.max(0, fraction));
}

/**
 * deleteResult (BO-005): removes the user's grade on the link by recording a score without
 * `scoreGiven`, `Initialized` and `NotReady` (AGS-043); the history keeps what was there. Nothing
 * is written when there is no grade to remove.
 *
 * @example
 * ```ts
 * await deleteOutcomeResult(target, options);
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (BO-005), https://www.imsglobal.org/spec/lti-ags/v2p0/ (AGS-043)
 */
export async function deleteOutcomeResult(target: OutcomeTarget, options: OutcomeResultOptions): Promise<void> {
  const lineItem = await findResultLineItem(options.store, target);
  if (lineItem === undefined) return;
  const [latest] = await options.store.listLatestScores({ lineItemId: lineItem.id, userId: target.userId, limit: 1 });
  if (latest === undefined || latest.scoreGiven === undefined) return;
  await recordNow(lineItem, target.userId, { activityProgress: ACTIVITY_PROGRESS.Initialized, gradingProgress: GRADING_PROGRESS.NotReady }, options);
}
