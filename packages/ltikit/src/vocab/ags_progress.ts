/**
 * The two progress vocabularies of an Assignment and Grade Services score (ags.md §4.1, §4.2).
 *
 * @see https://www.imsglobal.org/spec/lti-ags/v2p0/#score-publish-service
 */

/**
 * `activityProgress` values, in the order a learner goes through them (ags.md §4.1): not started,
 * began, working, submitted (may resubmit), finished.
 *
 * @example
 * ```ts
 * const score = { userId, timestamp, activityProgress: ACTIVITY_PROGRESS.Completed, gradingProgress: GRADING_PROGRESS.FullyGraded };
 * ```
 * @see https://www.imsglobal.org/spec/lti-ags/v2p0/#activityprogress (ags.md §4.1, AGS-043)
 */
export const ACTIVITY_PROGRESS = {
  Initialized: 'Initialized',
  Started: 'Started',
  InProgress: 'InProgress',
  Submitted: 'Submitted',
  Completed: 'Completed',
} as const;

/**
 * One `activityProgress` value, e.g. `'Submitted'`.
 *
 * @example
 * ```ts
 * const progress: ActivityProgress = 'InProgress';
 * ```
 * @see https://www.imsglobal.org/spec/lti-ags/v2p0/#activityprogress (ags.md §4.1)
 */
export type ActivityProgress = (typeof ACTIVITY_PROGRESS)[keyof typeof ACTIVITY_PROGRESS];

/**
 * `gradingProgress` values (ags.md §4.2): final grade, automatic grading pending, needs a human,
 * grading failed, nothing to grade yet. Only `FullyGraded` is final (AGS-044).
 *
 * @example
 * ```ts
 * if (score.gradingProgress === GRADING_PROGRESS.PendingManual) flagForGrading(score);
 * ```
 * @see https://www.imsglobal.org/spec/lti-ags/v2p0/#gradingprogress (ags.md §4.2, AGS-044)
 */
export const GRADING_PROGRESS = {
  FullyGraded: 'FullyGraded',
  Pending: 'Pending',
  PendingManual: 'PendingManual',
  Failed: 'Failed',
  NotReady: 'NotReady',
} as const;

/**
 * One `gradingProgress` value, e.g. `'FullyGraded'`.
 *
 * @example
 * ```ts
 * const progress: GradingProgress = 'PendingManual';
 * ```
 * @see https://www.imsglobal.org/spec/lti-ags/v2p0/#gradingprogress (ags.md §4.2)
 */
export type GradingProgress = (typeof GRADING_PROGRESS)[keyof typeof GRADING_PROGRESS];
