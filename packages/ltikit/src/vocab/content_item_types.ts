/**
 * Deep Linking 2.0 vocabulary: the content item types a platform accepts (`accept_types`) and the
 * presentation document targets (`accept_presentation_document_targets`), spelled as the spec does.
 *
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0
 */

/**
 * The content item types of Deep Linking 2.0 (deep-linking.md §3): the values of `type` in
 * `content_items` and of `accept_types` (DL-001, DL-011). Keys are the spec names themselves.
 *
 * @example
 * ```ts
 * if (launch.deepLinking?.accept_types.includes(CONTENT_ITEM_TYPE.ltiResourceLink)) offerActivities();
 * ```
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0#content-item-types (DL-011, DL-040)
 */
export const CONTENT_ITEM_TYPE = {
  link: 'link',
  ltiResourceLink: 'ltiResourceLink',
  file: 'file',
  html: 'html',
  image: 'image',
} as const;

/**
 * One of the five content item types of {@link CONTENT_ITEM_TYPE}, e.g. `'ltiResourceLink'`.
 *
 * @example
 * ```ts
 * const offered: ContentItemType[] = [CONTENT_ITEM_TYPE.ltiResourceLink, CONTENT_ITEM_TYPE.link];
 * ```
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0 (DL-001)
 */
export type ContentItemType = (typeof CONTENT_ITEM_TYPE)[keyof typeof CONTENT_ITEM_TYPE];

/**
 * The presentation document targets of `accept_presentation_document_targets` (DL-001, DL-012):
 * how the platform may show what the tool returns.
 *
 * @example
 * ```ts
 * const targets: DocumentTarget[] = [DOCUMENT_TARGET.iframe, DOCUMENT_TARGET.window];
 * ```
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0#deep-linking-settings (DL-012)
 */
export const DOCUMENT_TARGET = {
  embed: 'embed',
  iframe: 'iframe',
  window: 'window',
} as const;

/**
 * One of the presentation document targets of {@link DOCUMENT_TARGET}, e.g. `'iframe'`.
 *
 * @example
 * ```ts
 * const target: DocumentTarget = DOCUMENT_TARGET.window;
 * ```
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0 (DL-012)
 */
export type DocumentTarget = (typeof DOCUMENT_TARGET)[keyof typeof DOCUMENT_TARGET];
