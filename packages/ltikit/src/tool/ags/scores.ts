/**
 * The tool posts a learner's score to `{lineitem}/scores` (ags.md §4): the path of the line item URL
 * with `/scores` added, its query string kept (AGS-010), the body checked first (AGS-049) and sent
 * as `application/vnd.ims.lis.v1.score+json` with a token for the `score` scope. Any 2xx answer is
 * success, whatever its body (AGS-048).
 *
 * @example
 * ```ts
 * await submitScore(call, lineItemUrl, { userId: launch.userId!, timestamp: new Date().toISOString(), scoreGiven: 8, scoreMaximum: 10,
 *   activityProgress: 'Completed', gradingProgress: 'FullyGraded' });
 * ```
 * @see https://www.imsglobal.org/spec/lti-ags/v2p0/#score-publish-service
 */
import { type Score, validateScore } from '../../messages/ags.js';
import { MEDIA_TYPE } from '../../vocab/media_types.js';
import { SCOPE } from '../../vocab/scopes.js';
import type { AgsCall } from './read_pages.js';
import { lineItemServiceUrl } from './service_urls.js';

export async function submitScore(call: AgsCall, lineItemUrl: string, score: Score): Promise<void> {
  const checked = validateScore(score);
  const response = await call({
    url: lineItemServiceUrl(lineItemUrl, 'scores'),
    method: 'POST',
    scopes: [SCOPE.score],
    headers: { 'content-type': MEDIA_TYPE.score },
    body: JSON.stringify(checked),
  });
  await response.body?.cancel();
}
