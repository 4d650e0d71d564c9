/**
 * `POST {lineitem}/scores`: a tool publishes a learner's score (ags.md §4). The body is an
 * `application/vnd.ims.lis.v1.score+json` score; it is stored, durably, before the `204` answer.
 * A score whose `timestamp` is not later than the one stored for the same user and line item is
 * refused with `409 Conflict` (AGS-042), atomically even under concurrent posts; a score for a user
 * who is not a member of the context is refused when the application can tell (AGS-040).
 *
 * @example
 * ```ts
 * return postScore({ request, context, ags }); // 204, or 409 ERR_LTI_AGS_SCORE_STALE
 * ```
 * @see https://www.imsglobal.org/spec/lti-ags/v2p0/#score-publish-service
 */
import { LtiError } from '../../errors.js';
import { validateScore } from '../../messages/ags.js';
import type { StoredScore } from '../../stores/types.js';
import { MEDIA_TYPE } from '../../vocab/media_types.js';
import { SCOPE } from '../../vocab/scopes.js';
import { type AgsOperation, checkContentType, checkTokenAndContext, findLineItem, readJsonObject } from './ags_checks.js';

/** AGS-040: scores are for the context's members only, when the application can tell. */
async function checkMember(operation: AgsOperation, contextId: string, userId: string): Promise<void> {
  if (operation.ags.isMember === undefined) return;
  if (!(await operation.ags.isMember(contextId, userId))) {
    throw new LtiError('ERR_LTI_AGS_SCORE_USER_NOT_MEMBER', { detail: { field: 'userId', userId } });
  }
}

export async function postScore(operation: AgsOperation): Promise<Response> {
  const { request, context, ags } = operation;
  const { grant, contextId } = await checkTokenAndContext(operation, [SCOPE.score]);
  const lineItem = await findLineItem(operation, grant, contextId);
  checkContentType(request, MEDIA_TYPE.score);
  const score = validateScore(await readJsonObject(request, ags.maxBodyBytes));
  await checkMember(operation, contextId, score.userId);
  const { userId, timestamp, activityProgress, gradingProgress, scoreGiven, scoreMaximum, comment, scoringUserId, submission, ...extensions } = score;
  const stored: StoredScore = {
    lineItemId: lineItem.id,
    userId,
    timestamp,
    activityProgress,
    gradingProgress,
    ...(scoreGiven === undefined ? {} : { scoreGiven }),
    ...(scoreMaximum === undefined ? {} : { scoreMaximum }),
    ...(comment === undefined ? {} : { comment }),
    ...(scoringUserId === undefined ? {} : { scoringUserId }),
    ...(submission === undefined ? {} : { submission }),
    ...(Object.keys(extensions).length === 0 ? {} : { extensions }),
    receivedAt: context.clock.now(),
  };
  const outcome = await ags.store.recordScore(stored);
  if (outcome === 'stale') throw new LtiError('ERR_LTI_AGS_SCORE_STALE', { detail: { userId, timestamp } });
  if (outcome === 'line_item_unknown') throw new LtiError('ERR_LTI_AGS_LINE_ITEM_UNKNOWN', { detail: { line_item_id: lineItem.id } });
  return new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } });
}
