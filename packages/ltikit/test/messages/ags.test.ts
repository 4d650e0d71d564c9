// The AGS wire models' validators: strict for what tools send (AGS-020, AGS-049), tolerant for what
// platforms answer (AGS-014, AGS-021, AGS-050). Failures name the field in `detail.field`.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateLineItem, validateLineItemContainer, validateLineItemFields, validateResultContainer, validateScore } from '../../src/messages/ags.js';
import { throwsLtiError } from '../support/assert_lti_error.js';

const score = { userId: 'u-1', timestamp: '2026-03-05T14:03:22.519+00:00', activityProgress: 'Completed', gradingProgress: 'FullyGraded', scoreGiven: 47.5, scoreMaximum: 60 };

describe('validateLineItemFields (AGS-020, AGS-023)', () => {
  it('keeps the spec fields and extensions, and drops nulls', () => {
    const fields = { label: 'Quiz', scoreMaximum: 0.5, resourceLinkId: 'rl-1', resourceId: 'q-1', tag: 't', startDateTime: '2026-03-01T08:00:00Z', endDateTime: '2026-03-08T23:59:59+01:00', gradesReleased: false, submissionReview: { url: 'https://tool.example.com/review' }, 'https://example.com/x': [1] };
    assert.deepEqual(validateLineItemFields(fields), fields);
    assert.deepEqual(validateLineItemFields({ label: 'Quiz', scoreMaximum: 1, tag: null, resourceId: null }), { label: 'Quiz', scoreMaximum: 1 });
  });

  it('names the failing field', () => {
    for (const [value, field] of [
      [{ scoreMaximum: 1 }, 'label'],
      [{ label: '', scoreMaximum: 1 }, 'label'],
      [{ label: 'Quiz', scoreMaximum: Number.POSITIVE_INFINITY }, 'scoreMaximum'],
      [{ label: 'Quiz', scoreMaximum: 1, startDateTime: '2026-03-01' }, 'startDateTime'],
      [{ label: 'Quiz', scoreMaximum: 1, submissionReview: 'yes' }, 'submissionReview'],
      [{ label: 'Quiz', scoreMaximum: 1, id: 5 }, 'id'],
    ] as const) {
      const error = throwsLtiError(() => validateLineItemFields(value), 'ERR_LTI_AGS_LINE_ITEM_INVALID');
      assert.equal(error.detail?.field, field);
    }
  });
});

describe('validateScore (AGS-043, AGS-049)', () => {
  it('accepts a full score and a clearing one, dropping nulls', () => {
    const full = { ...score, comment: '', scoringUserId: 't-1', submission: { startedAt: '2026-03-05T13:10:00Z', submittedAt: null }, 'https://example.com/x': 1 };
    assert.deepEqual(validateScore(full), { ...full, submission: { startedAt: '2026-03-05T13:10:00Z' } });
    assert.deepEqual(validateScore({ userId: 'u-1', timestamp: '2026-03-06T09:00:00.000Z', activityProgress: 'Initialized', gradingProgress: 'NotReady', scoreGiven: null, scoreMaximum: null }), {
      userId: 'u-1',
      timestamp: '2026-03-06T09:00:00.000Z',
      activityProgress: 'Initialized',
      gradingProgress: 'NotReady',
    });
    assert.equal(validateScore({ ...score, scoreGiven: 0 }).scoreGiven, 0);
    assert.equal(validateScore({ ...score, scoreGiven: 70 }).scoreGiven, 70, 'extra credit above scoreMaximum is allowed');
    assert.equal(validateScore({ ...score, scoreGiven: undefined }).scoreMaximum, 60, 'scoreMaximum alone is allowed');
  });

  it('names the failing field', () => {
    for (const [value, field] of [
      [{ ...score, userId: undefined }, 'userId'],
      [{ ...score, timestamp: 1767225600 }, 'timestamp'],
      [{ ...score, activityProgress: 'completed' }, 'activityProgress'],
      [{ ...score, gradingProgress: 'FullyGraded ' }, 'gradingProgress'],
      [{ ...score, scoreGiven: -0.5 }, 'scoreGiven'],
      [{ ...score, scoreGiven: Number.NaN }, 'scoreGiven'],
      [{ ...score, scoreMaximum: undefined }, 'scoreMaximum'],
      [{ ...score, scoreMaximum: -1 }, 'scoreMaximum'],
      [{ ...score, scoringUserId: 7 }, 'scoringUserId'],
      [{ ...score, submission: { startedAt: 'soon' } }, 'submission.startedAt'],
    ] as const) {
      const error = throwsLtiError(() => validateScore(value), 'ERR_LTI_AGS_SCORE_INVALID');
      assert.equal(error.detail?.field, field, JSON.stringify(value));
    }
  });
});

describe('validators of platform answers (AGS-014, AGS-021, AGS-050)', () => {
  it('takes line items with id, label and scoreMaximum, without checking formats', () => {
    const item = { id: 'https://lms.example.edu/li/1', label: '', scoreMaximum: 0, startDateTime: 'whenever', tag: null, 'https://example.com/x': 1 };
    assert.deepEqual(validateLineItem(item), { id: item.id, label: '', scoreMaximum: 0, startDateTime: 'whenever', 'https://example.com/x': 1 });
    assert.deepEqual(validateLineItemContainer([item, item]).length, 2);
    throwsLtiError(() => validateLineItem({ label: 'x', scoreMaximum: 1 }), 'ERR_LTI_AGS_RESPONSE_INVALID');
    throwsLtiError(() => validateLineItemContainer({ items: [] }), 'ERR_LTI_AGS_RESPONSE_INVALID');
  });

  it('takes results with id, scoreOf and userId, resultMaximum defaulting to 1', () => {
    const result = { id: 'https://lms.example.edu/li/1/results/u-1', scoreOf: 'https://lms.example.edu/li/1', userId: 'u-1' };
    assert.deepEqual(validateResultContainer([{ ...result, resultScore: 0.75, comment: null }]), [{ ...result, resultScore: 0.75, resultMaximum: 1 }]);
    assert.deepEqual(validateResultContainer([{ ...result, resultScore: 30, resultMaximum: 60 }]), [{ ...result, resultScore: 30, resultMaximum: 60 }]);
    throwsLtiError(() => validateResultContainer([{ ...result, scoreOf: undefined }]), 'ERR_LTI_AGS_RESPONSE_INVALID');
    throwsLtiError(() => validateResultContainer([{ ...result, resultScore: '1' }]), 'ERR_LTI_AGS_RESPONSE_INVALID');
  });
});
