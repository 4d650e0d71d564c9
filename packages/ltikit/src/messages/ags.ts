/**
 * Assignment and Grade Services 2.0: the typed wire models of line items, scores and results, with
 * the spec's field names, and their pure validators. The platform checks what tools send with the
 * strict ones (`validateLineItemFields`, `validateScore`); the tool checks what platforms answer
 * with the tolerant ones (`validateLineItem`, `validateLineItemContainer`, `validateResultContainer`).
 *
 * @example
 * ```ts
 * import { validateScore } from 'ltikit/messages';
 * const score = validateScore(JSON.parse(body)); // throws ERR_LTI_AGS_SCORE_INVALID naming the field
 * ```
 * @see https://www.imsglobal.org/spec/lti-ags/v2p0/
 */
import * as v from 'valibot';
import { LtiError, type LtiErrorCode } from '../errors.js';
import { parseIsoDateTimeMicros } from '../lib/iso_date_time.js';
import { ACTIVITY_PROGRESS, type ActivityProgress, GRADING_PROGRESS, type GradingProgress } from '../vocab/ags_progress.js';

/**
 * The fields of a line item a tool sends to create or replace it (ags.md §3): `label` and
 * `scoreMaximum` are required (AGS-020); properties named by a URI are vendor extensions, which
 * platforms keep and echo (AGS-023).
 *
 * @example
 * ```ts
 * const fields: LineItemFields = { label: 'Chapter 5 test', scoreMaximum: 60, resourceLinkId: 'rl-5c8e', tag: 'grade',
 *   'https://canvas.instructure.com/lti/submission_type': { type: 'external_tool' } };
 * ```
 * @see https://www.imsglobal.org/spec/lti-ags/v2p0/#line-item-service (AGS-020, AGS-023)
 */
export interface LineItemFields {
  /** Shown in the gradebook; non-empty. */
  label: string;
  /** Above 0; decimals allowed. */
  scoreMaximum: number;
  /** Binds the line item to a resource link of the same context. */
  resourceLinkId?: string;
  /** The tool's own id for the activity. */
  resourceId?: string;
  /** A tool-defined qualifier, e.g. `"final"`. */
  tag?: string;
  /** ISO 8601: when submissions open. */
  startDateTime?: string;
  /** ISO 8601: the submission deadline. */
  endDateTime?: string;
  /** Whether learners may see their grades. */
  gradesReleased?: boolean;
  /** The Submission Review extension. */
  submissionReview?: Record<string, unknown>;
  /** Vendor extensions, e.g. `https://canvas.instructure.com/lti/submission_type`. */
  [extension: `${string}://${string}`]: unknown;
}

/**
 * A line item as the platform answers with it: the fields plus its own URL in `id` (AGS-021),
 * used as given for reads, updates, scores and results (AGS-004, AGS-010).
 *
 * @example
 * ```ts
 * const lineItem: LineItem = { id: 'https://lms.example.edu/lti/contexts/ctx-991/lineitems/77', label: 'Chapter 5 test', scoreMaximum: 60 };
 * await tool.ags.submitScore(target, lineItem.id, score);
 * ```
 * @see https://www.imsglobal.org/spec/lti-ags/v2p0/#line-item-service (AGS-021)
 */
export interface LineItem extends LineItemFields {
  id: string;
}

/**
 * A score a tool posts to `{lineitem}/scores` (`application/vnd.ims.lis.v1.score+json`, ags.md §4).
 * `timestamp` must increase for each (line item, user) (AGS-041); no `scoreGiven` removes the
 * user's score (AGS-043); `scoreMaximum` is required with `scoreGiven`.
 *
 * @example
 * ```ts
 * const score: Score = { userId: launch.userId!, timestamp: new Date().toISOString(), scoreGiven: 47.5, scoreMaximum: 60,
 *   activityProgress: 'Completed', gradingProgress: 'FullyGraded', comment: 'Good work on part B.' };
 * ```
 * @see https://www.imsglobal.org/spec/lti-ags/v2p0/#score-publish-service (AGS-040..046)
 */
export interface Score {
  /** The learner's LTI `sub` (AGS-040). */
  userId: string;
  /** ISO 8601 with an offset, sub-second precision recommended (AGS-041). */
  timestamp: string;
  activityProgress: ActivityProgress;
  gradingProgress: GradingProgress;
  /** At least 0; absent means no score (AGS-043). */
  scoreGiven?: number;
  /** Above 0; required when `scoreGiven` is given. */
  scoreMaximum?: number;
  /** Plain text shown to the learner; absent or empty clears the previous comment. */
  comment?: string;
  /** The `sub` of the person who graded. */
  scoringUserId?: string;
  submission?: { startedAt?: string; submittedAt?: string };
  /** Vendor extensions, named by URI. */
  [extension: `${string}://${string}`]: unknown;
}

/**
 * One result of `GET {lineitem}/results` (ags.md §5): the user's current score on the line item's
 * scale. `resultMaximum` defaults to 1 when a platform omits it; the validator fills it in.
 *
 * @example
 * ```ts
 * const result: Result = { id: 'https://lms.example.edu/lti/contexts/ctx-991/lineitems/77/results/a3f0c2e1',
 *   scoreOf: 'https://lms.example.edu/lti/contexts/ctx-991/lineitems/77', userId: 'a3f0c2e1', resultScore: 47.5, resultMaximum: 60 };
 * ```
 * @see https://www.imsglobal.org/spec/lti-ags/v2p0/#result-service (AGS-050..052)
 */
export interface Result {
  id: string;
  /** The line item's `id`. */
  scoreOf: string;
  userId: string;
  resultScore?: number;
  /** Above 0; 1 when the platform omitted it. */
  resultMaximum?: number;
  scoringUserId?: string;
  comment?: string;
  [extension: `${string}://${string}`]: unknown;
}

const isoDateTime = v.pipe(
  v.string(),
  v.check((value) => parseIsoDateTimeMicros(value) !== undefined, 'Expected an ISO 8601 date-time with a time zone offset'),
);
const finiteNumber = v.pipe(v.number(), v.finite());
const optionalText = v.nullish(v.string());

const LineItemFieldsSchema = v.looseObject({
  id: v.nullish(v.string()),
  label: v.pipe(
    v.string(),
    v.check((value) => value.trim() !== '', 'Expected a non-empty label'),
  ),
  scoreMaximum: v.pipe(finiteNumber, v.gtValue(0, 'Expected a number above 0')),
  resourceLinkId: optionalText,
  resourceId: optionalText,
  tag: optionalText,
  startDateTime: v.nullish(isoDateTime),
  endDateTime: v.nullish(isoDateTime),
  gradesReleased: v.nullish(v.boolean()),
  submissionReview: v.nullish(v.looseObject({})),
});

const ScoreSchema = v.looseObject({
  userId: v.pipe(v.string(), v.minLength(1, 'Expected a non-empty userId')),
  timestamp: isoDateTime,
  activityProgress: v.picklist(Object.values(ACTIVITY_PROGRESS)),
  gradingProgress: v.picklist(Object.values(GRADING_PROGRESS)),
  scoreGiven: v.nullish(v.pipe(finiteNumber, v.minValue(0, 'Expected a number of at least 0'))),
  scoreMaximum: v.nullish(v.pipe(finiteNumber, v.gtValue(0, 'Expected a number above 0'))),
  comment: optionalText,
  scoringUserId: optionalText,
  submission: v.nullish(
    v.looseObject({
      startedAt: v.nullish(isoDateTime),
      submittedAt: v.nullish(isoDateTime),
    }),
  ),
});

// What platforms answer with: the required members present and typed, nothing refused for format.
const LineItemAnswerSchema = v.looseObject({
  id: v.pipe(v.string(), v.minLength(1)),
  label: v.string(),
  scoreMaximum: finiteNumber,
  resourceLinkId: optionalText,
  resourceId: optionalText,
  tag: optionalText,
  startDateTime: optionalText,
  endDateTime: optionalText,
  gradesReleased: v.nullish(v.boolean()),
});

const ResultAnswerSchema = v.looseObject({
  id: v.string(),
  scoreOf: v.string(),
  userId: v.pipe(v.string(), v.minLength(1)),
  resultScore: v.nullish(finiteNumber),
  resultMaximum: v.nullish(finiteNumber),
  scoringUserId: optionalText,
  comment: optionalText,
});

function parse<const TSchema extends v.GenericSchema>(schema: TSchema, value: unknown, code: LtiErrorCode, what: string, requirement: string): v.InferOutput<TSchema> {
  const result = v.safeParse(schema, value);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const field = issue?.path?.map((item) => String(item.key)).join('.') ?? '';
  throw new LtiError(code, {
    message: `The ${what} is not valid${field ? ` at \`${field}\`` : ''}: ${issue?.message ?? 'invalid value'} (${requirement}).`,
    detail: { field },
  });
}

function withoutNulls<T extends Record<string, unknown>>(value: T): T {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) if (value[key] !== null && value[key] !== undefined) copy[key] = value[key];
  return copy as T;
}

/**
 * Checks the line item a tool sends to create or replace one (AGS-020): `label` non-empty,
 * `scoreMaximum` a number above 0, the optional fields of their types, dates ISO 8601 with an
 * offset. `null` optional fields are dropped; other properties (extensions) are kept (AGS-023); an
 * `id` is returned as given (the platform decides what to do with it).
 *
 * @throws LtiError `ERR_LTI_AGS_LINE_ITEM_INVALID`, the failing field in `detail.field`.
 * @example
 * ```ts
 * const fields = validateLineItemFields(JSON.parse(body)); // { label, scoreMaximum, … }
 * ```
 * @see https://www.imsglobal.org/spec/lti-ags/v2p0/#line-item-service (AGS-020, AGS-023)
 */
export function validateLineItemFields(value: unknown): LineItemFields & { id?: string } {
  const output = parse(LineItemFieldsSchema, value, 'ERR_LTI_AGS_LINE_ITEM_INVALID', 'line item', 'AGS-020');
  return withoutNulls(output) as LineItemFields & { id?: string };
}

/**
 * Checks a score before it is stored or sent (ags.md §4): `userId`, an ISO 8601 `timestamp` with an
 * offset, known `activityProgress` and `gradingProgress` values, `scoreGiven` at least 0 and then a
 * `scoreMaximum` above 0 (AGS-049). `null` optional fields are dropped; extensions are kept.
 *
 * @throws LtiError `ERR_LTI_AGS_SCORE_INVALID`, the failing field in `detail.field`.
 * @example
 * ```ts
 * validateScore({ userId: 'u-1', timestamp: '2026-03-05T14:03:22.519Z', activityProgress: 'Completed',
 *   gradingProgress: 'FullyGraded', scoreGiven: 7 }); // throws: scoreGiven without scoreMaximum (field 'scoreMaximum')
 * ```
 * @see https://www.imsglobal.org/spec/lti-ags/v2p0/#score-publish-service (AGS-043, AGS-049)
 */
export function validateScore(value: unknown): Score {
  const output = parse(ScoreSchema, value, 'ERR_LTI_AGS_SCORE_INVALID', 'score', 'AGS-049');
  if (output.scoreGiven !== undefined && output.scoreGiven !== null && (output.scoreMaximum === undefined || output.scoreMaximum === null)) {
    throw new LtiError('ERR_LTI_AGS_SCORE_INVALID', {
      message: 'The score is not valid at `scoreMaximum`: it is required with `scoreGiven` (AGS-049).',
      detail: { field: 'scoreMaximum' },
    });
  }
  const score = withoutNulls(output) as Score;
  if (output.submission !== undefined && output.submission !== null) score.submission = withoutNulls(output.submission) as Score['submission'];
  return score;
}

/**
 * Checks a line item a platform answered with: `id`, `label` and `scoreMaximum` present and typed
 * (AGS-021); `null` optional fields dropped; unknown properties kept (AGS-023).
 *
 * @throws LtiError `ERR_LTI_AGS_RESPONSE_INVALID`, the failing path in `detail.field`.
 * @example
 * ```ts
 * const lineItem = validateLineItem(await response.json());
 * ```
 * @see https://www.imsglobal.org/spec/lti-ags/v2p0/#line-item-service (AGS-021)
 */
export function validateLineItem(value: unknown): LineItem {
  return withoutNulls(parse(LineItemAnswerSchema, value, 'ERR_LTI_AGS_RESPONSE_INVALID', 'line item answered', 'AGS-021')) as LineItem;
}

/**
 * Checks a line-item container a platform answered with: a JSON array of line items (ags.md §2).
 *
 * @throws LtiError `ERR_LTI_AGS_RESPONSE_INVALID`.
 * @example
 * ```ts
 * const lineItems = validateLineItemContainer(await response.json());
 * ```
 * @see https://www.imsglobal.org/spec/lti-ags/v2p0/#line-item-container (AGS-021, AGS-031)
 */
export function validateLineItemContainer(value: unknown): LineItem[] {
  const items = parse(v.array(LineItemAnswerSchema), value, 'ERR_LTI_AGS_RESPONSE_INVALID', 'line item container answered', 'AGS-021');
  return items.map((item) => withoutNulls(item) as LineItem);
}

/**
 * Checks a result container a platform answered with: a JSON array of results, each with `id`,
 * `scoreOf` and `userId` (AGS-050). A missing `resultMaximum` becomes 1, its default.
 *
 * @throws LtiError `ERR_LTI_AGS_RESPONSE_INVALID`.
 * @example
 * ```ts
 * for (const result of validateResultContainer(await response.json())) console.log(result.userId, result.resultScore, result.resultMaximum);
 * ```
 * @see https://www.imsglobal.org/spec/lti-ags/v2p0/#result-service (AGS-050)
 */
export function validateResultContainer(value: unknown): Result[] {
  const results = parse(v.array(ResultAnswerSchema), value, 'ERR_LTI_AGS_RESPONSE_INVALID', 'result container answered', 'AGS-050');
  return results.map((result) => ({ ...(withoutNulls(result) as Result), resultMaximum: result.resultMaximum ?? 1 }));
}
