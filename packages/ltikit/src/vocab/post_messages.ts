/**
 * `subject` values of the window messages (`window.postMessage`) LTI pages exchange with the
 * platform page that framed or opened them.
 *
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0
 */

/**
 * Every window-message `subject` ltikit sends or listens for. `close`: the tool's Dynamic
 * Registration page is done (DR-040); the platform removes the frame or window (DR-041).
 *
 * @example
 * ```ts
 * (window.opener || window.parent).postMessage({ subject: POST_MESSAGE_SUBJECT.close }, '*');
 * ```
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0 (dynamic-registration.md §5, DR-040, DR-041)
 */
export const POST_MESSAGE_SUBJECT = {
  close: 'org.imsglobal.lti.close',
} as const;

/**
 * A window-message subject, e.g. `'org.imsglobal.lti.close'`.
 *
 * @example
 * ```ts
 * const subject: PostMessageSubject = POST_MESSAGE_SUBJECT.close;
 * ```
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0 (DR-040)
 */
export type PostMessageSubject = (typeof POST_MESSAGE_SUBJECT)[keyof typeof POST_MESSAGE_SUBJECT];
