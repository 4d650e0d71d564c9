/**
 * Values of the `https://purl.imsglobal.org/spec/lti/claim/message_type` claim and of
 * `https://purl.imsglobal.org/spec/lti/claim/version`, plus the LTI 1.1 `lti_message_type` values.
 *
 * @see https://www.imsglobal.org/spec/lti/v1p3/
 */

/**
 * Every LTI 1.3 message type and notice type (CORE-025). Keys are the spec names themselves.
 *
 * @example
 * ```ts
 * if (payload[LTI_CLAIM.messageType] === MESSAGE_TYPE.LtiDeepLinkingRequest) showPicker();
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/ (core-security.md CORE-025, VAL-013)
 */
export const MESSAGE_TYPE = {
  // LTI Core (core-security.md §4)
  LtiResourceLinkRequest: 'LtiResourceLinkRequest',
  // Deep Linking 2.0 (deep-linking.md §1, §2)
  LtiDeepLinkingRequest: 'LtiDeepLinkingRequest',
  LtiDeepLinkingResponse: 'LtiDeepLinkingResponse',
  // Submission Review (SR-001)
  LtiSubmissionReviewRequest: 'LtiSubmissionReviewRequest',
  // Proctoring (other-services.md §2)
  LtiStartProctoring: 'LtiStartProctoring',
  LtiStartAssessment: 'LtiStartAssessment',
  LtiEndAssessment: 'LtiEndAssessment',
  // EULA and Asset Processor (AP-006, AP-007)
  LtiEulaRequest: 'LtiEulaRequest',
  LtiReportReviewRequest: 'LtiReportReviewRequest',
  LtiAssetProcessorSettingsRequest: 'LtiAssetProcessorSettingsRequest',
  // Platform Notification Service notices (other-services.md §3, PNS-003)
  LtiHelloWorldNotice: 'LtiHelloWorldNotice',
  LtiContextCopyNotice: 'LtiContextCopyNotice',
  LtiAssetProcessorSubmissionNotice: 'LtiAssetProcessorSubmissionNotice',
  // Tsugi data-privacy launch; seen in one implementation only, spec unverified (other-services.md §5)
  DataPrivacyLaunchRequest: 'DataPrivacyLaunchRequest',
} as const;

/**
 * Any LTI 1.3 message or notice type, e.g. `'LtiResourceLinkRequest'`.
 *
 * @example
 * ```ts
 * const supported: LtiMessageType[] = [MESSAGE_TYPE.LtiResourceLinkRequest, MESSAGE_TYPE.LtiDeepLinkingRequest];
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/ (CORE-025)
 */
export type LtiMessageType = (typeof MESSAGE_TYPE)[keyof typeof MESSAGE_TYPE];

/**
 * The Platform Notification Service notice types among {@link LtiMessageType}, e.g. `'LtiContextCopyNotice'`.
 *
 * @example
 * ```ts
 * const notice: LtiNoticeType = MESSAGE_TYPE.LtiContextCopyNotice;
 * ```
 * @see https://www.imsglobal.org/spec/lti-pns/v1p0/main (PNS-003)
 */
export type LtiNoticeType = Extract<LtiMessageType, `${string}Notice`>;

/**
 * The only accepted value of the `https://purl.imsglobal.org/spec/lti/claim/version` claim (VAL-012).
 *
 * @example
 * ```ts
 * if (payload[LTI_CLAIM.version] !== LTI_VERSION) reject('ERR_LTI_VERSION_UNSUPPORTED');
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/ (core-security.md VAL-012)
 */
export const LTI_VERSION = '1.3.0';

/**
 * LTI 1.0/1.1 `lti_message_type` values: the basic launch and the Content-Item 1.0 request/response.
 *
 * @example
 * ```ts
 * if (form.get('lti_message_type') !== LTI11_MESSAGE_TYPE.BasicLtiLaunchRequest) reject();
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (lti11.md §1.1, §4, L11-002)
 */
export const LTI11_MESSAGE_TYPE = {
  BasicLtiLaunchRequest: 'basic-lti-launch-request',
  ContentItemSelectionRequest: 'ContentItemSelectionRequest',
  ContentItemSelection: 'ContentItemSelection',
} as const;

/**
 * An LTI 1.1 `lti_message_type` value, e.g. `'basic-lti-launch-request'`.
 *
 * @example
 * ```ts
 * const legacy: Lti11MessageType = LTI11_MESSAGE_TYPE.BasicLtiLaunchRequest;
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html
 */
export type Lti11MessageType = (typeof LTI11_MESSAGE_TYPE)[keyof typeof LTI11_MESSAGE_TYPE];

/**
 * The `lti_version` value of LTI 1.0/1.1/1.1.1 launches and Content-Item messages (L11-002).
 *
 * @example
 * ```ts
 * if (form.get('lti_version') !== LTI11_VERSION) reject();
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (lti11.md §1.1)
 */
export const LTI11_VERSION = 'LTI-1p0';
