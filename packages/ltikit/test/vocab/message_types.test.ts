import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LTI_VERSION, LTI11_MESSAGE_TYPE, LTI11_VERSION, type LtiNoticeType, MESSAGE_TYPE } from '../../src/vocab/index.js';

describe('MESSAGE_TYPE', () => {
  it('uses the spec name as key and value', () => {
    for (const [key, value] of Object.entries(MESSAGE_TYPE)) assert.equal(value, key);
  });

  it('holds every message and notice type of CORE-025', () => {
    const core025 = [
      'LtiResourceLinkRequest',
      'LtiDeepLinkingRequest',
      'LtiDeepLinkingResponse',
      'LtiSubmissionReviewRequest',
      'LtiStartProctoring',
      'LtiStartAssessment',
      'LtiEndAssessment',
      'LtiEulaRequest',
      'LtiReportReviewRequest',
      'LtiAssetProcessorSettingsRequest',
      'LtiHelloWorldNotice',
      'LtiContextCopyNotice',
      'LtiAssetProcessorSubmissionNotice',
    ];
    const values: readonly string[] = Object.values(MESSAGE_TYPE);
    for (const type of core025) assert.ok(values.includes(type), type);
  });

  it('has notice types that narrow to LtiNoticeType', () => {
    const notice: LtiNoticeType = MESSAGE_TYPE.LtiContextCopyNotice;
    assert.equal(notice, 'LtiContextCopyNotice');
  });
});

describe('versions', () => {
  it('is exactly 1.3.0 for LTI 1.3 (VAL-012) and LTI-1p0 for 1.1 (L11-002)', () => {
    assert.equal(LTI_VERSION, '1.3.0');
    assert.equal(LTI11_VERSION, 'LTI-1p0');
  });

  it('spells the LTI 1.1 message types', () => {
    assert.deepEqual(Object.values(LTI11_MESSAGE_TYPE), ['basic-lti-launch-request', 'ContentItemSelectionRequest', 'ContentItemSelection']);
  });
});
