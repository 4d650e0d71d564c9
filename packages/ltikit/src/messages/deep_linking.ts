/**
 * Deep Linking 2.0: the typed wire models of `LtiDeepLinkingRequest` and `LtiDeepLinkingResponse`
 * (the spec's field names: `deep_link_return_url`, `scoreMaximum` …) and the pure checks both sides
 * share — the request's `deep_linking_settings` (DL-010) and the content items of a response
 * (deep-linking.md §3, DL-011, DL-012, DL-055, DL-060, DL-061).
 *
 * @example
 * ```ts
 * import { validateDeepLinkingRequestClaims, validateContentItems } from 'ltikit/messages';
 * const { deepLinking } = validateDeepLinkingRequestClaims(payload); // throws e.g. ERR_LTI_DL_RETURN_URL_MISSING
 * const items = validateContentItems(response[DL_CLAIM.contentItems], deepLinking);
 * ```
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0
 */
import { LtiError, type LtiErrorCode } from '../errors.js';
import { DL_CLAIM, LTI_CLAIM } from '../vocab/claims.js';
import { CONTENT_ITEM_TYPE, type ContentItemType, type DocumentTarget } from '../vocab/content_item_types.js';
import { MESSAGE_TYPE } from '../vocab/message_types.js';
import {
  type CommonLaunchClaims,
  type ContextClaim,
  type IdTokenClaims,
  type LaunchPresentationClaim,
  type ToolPlatformClaim,
  validateCommonLaunchClaims,
} from './resource_link.js';

// ---- the request (platform → tool)

/**
 * `dl:deep_linking_settings` (deep-linking.md §1.2): what the platform will accept back and where.
 * `deep_link_return_url`, `accept_types` and `accept_presentation_document_targets` are REQUIRED of
 * a platform (DL-001); a tool still accepts a request without the targets (then it cannot tell
 * which presentation is allowed). `accept_media_types` is one comma-separated string.
 *
 * @example
 * ```ts
 * const settings: DeepLinkingSettingsClaim = {
 *   deep_link_return_url: 'https://lms.example.edu/lti/deep-linking/return?launch=l-1',
 *   accept_types: ['ltiResourceLink', 'link'], accept_presentation_document_targets: ['iframe', 'window'],
 *   accept_multiple: true, data: 'opaque-7f2a91',
 * };
 * ```
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0#deep-linking-settings (DL-001, DL-010)
 */
export interface DeepLinkingSettingsClaim {
  deep_link_return_url: string;
  /** Item types the platform accepts (DL-011); extension types may appear besides the five of §3. */
  accept_types: string[];
  /** `embed`, `iframe`, `window` (DL-012). Absent only from platforms that break DL-001. */
  accept_presentation_document_targets?: string[];
  /** Comma-separated media types, wildcards allowed: `"image/*,text/html"` (DL-013). */
  accept_media_types?: string;
  /** More than one item may be returned only when this is true (DL-012). */
  accept_multiple?: boolean;
  /** Whether `lineItem`s of `ltiResourceLink` items are used (true) or ignored (false) (DL-058). */
  accept_lineitem?: boolean;
  /** Whether returned items are kept without further confirmation. Default false. */
  auto_create?: boolean;
  title?: string;
  text?: string;
  /** Opaque platform value the response must echo exactly (DL-054). */
  data?: string;
}

/**
 * The full wire payload of an `LtiDeepLinkingRequest` (deep-linking.md §1.1): the OIDC claims, the
 * required LTI claims and `deep_linking_settings`; no `resource_link` (the request is not tied to a
 * link), `target_link_uri` optional (the certification payload omits it).
 *
 * @example
 * ```ts
 * const returnUrl = payload[DL_CLAIM.deepLinkingSettings].deep_link_return_url;
 * ```
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0#deep-linking-request-message (DL-001)
 */
export interface DeepLinkingRequestPayload extends IdTokenClaims {
  [LTI_CLAIM.messageType]: 'LtiDeepLinkingRequest';
  [LTI_CLAIM.version]: '1.3.0';
  [LTI_CLAIM.deploymentId]: string;
  [LTI_CLAIM.roles]: string[];
  [DL_CLAIM.deepLinkingSettings]: DeepLinkingSettingsClaim;
  [LTI_CLAIM.targetLinkUri]?: string;
  [LTI_CLAIM.context]?: ContextClaim;
  [LTI_CLAIM.toolPlatform]?: ToolPlatformClaim;
  [LTI_CLAIM.launchPresentation]?: LaunchPresentationClaim;
  [LTI_CLAIM.custom]?: Record<string, string>;
  [claim: string]: unknown;
}

/**
 * A validated `LtiDeepLinkingRequest`: the common launch claims plus its settings (DL-010).
 *
 * @example
 * ```ts
 * const { deepLinking } = validateDeepLinkingRequestClaims(payload);
 * deepLinking.accept_types; // ['ltiResourceLink', 'link']
 * ```
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0 (DL-010)
 */
export interface DeepLinkingRequestClaims extends CommonLaunchClaims {
  messageType: 'LtiDeepLinkingRequest';
  deepLinking: DeepLinkingSettingsClaim;
}

// ---- content items (deep-linking.md §3)

/**
 * An `icon` or `thumbnail` of a content item: `url` REQUIRED, size in pixels (deep-linking.md §3).
 *
 * @example
 * ```ts
 * const icon: ContentItemImage = { url: 'https://tool.example.com/img/icon.png', width: 64, height: 64 };
 * ```
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0#content-item-types
 */
export interface ContentItemImage {
  url: string;
  width?: number;
  height?: number;
}

/**
 * `window`: open the item in a new window (deep-linking.md §3.1, §3.2); allowed only when the
 * platform accepts the `window` target (DL-012).
 *
 * @example
 * ```ts
 * const window: ContentItemWindow = { targetName: 'fractions', width: 1000, height: 800, windowFeatures: 'menubar=no' };
 * ```
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0#link (DL-012)
 */
export interface ContentItemWindow {
  targetName?: string;
  width?: number;
  height?: number;
  windowFeatures?: string;
}

/**
 * `iframe`: show the item in an iframe of this size; for a `link`, `src` is the URL to frame
 * (deep-linking.md §3.1). Allowed only when the platform accepts the `iframe` target (DL-012).
 *
 * @example
 * ```ts
 * const iframe: ContentItemIframe = { src: 'https://video.example.com/embed/42', width: 640, height: 360 };
 * ```
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0#link (DL-012)
 */
export interface ContentItemIframe {
  src?: string;
  width?: number;
  height?: number;
}

/**
 * `embed` of a `link`: markup to embed, kept as text for the platform to sanitise (DL-060).
 *
 * @example
 * ```ts
 * const embed: ContentItemEmbed = { html: '<iframe src="https://video.example.com/embed/42"></iframe>' };
 * ```
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0#link (DL-060)
 */
export interface ContentItemEmbed {
  html: string;
}

/**
 * `lineItem` of an `ltiResourceLink` item: the gradebook column the platform creates for the link
 * when it accepts line items; `scoreMaximum` REQUIRED and above 0 (DL-058).
 *
 * @example
 * ```ts
 * const lineItem: ContentItemLineItem = { label: 'Fractions practice', scoreMaximum: 10, resourceId: 'fr-10', tag: 'practice', gradesReleased: true };
 * ```
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0#lti-resource-link (DL-058)
 */
export interface ContentItemLineItem {
  scoreMaximum: number;
  label?: string;
  resourceId?: string;
  tag?: string;
  gradesReleased?: boolean;
}

/**
 * `available` / `submission` of an `ltiResourceLink` item: ISO 8601 date-times (DL-057).
 *
 * @example
 * ```ts
 * const available: ContentItemTimeSpan = { startDateTime: '2026-02-01T00:00:00Z', endDateTime: '2026-03-01T00:00:00Z' };
 * ```
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0#lti-resource-link (DL-057)
 */
export interface ContentItemTimeSpan {
  startDateTime?: string;
  endDateTime?: string;
}

/**
 * A `link` item: an external URL (deep-linking.md §3.1).
 *
 * @example
 * ```ts
 * const item: LinkContentItem = { type: 'link', url: 'https://video.example.com/v/42', title: 'Intro video',
 *   iframe: { src: 'https://video.example.com/embed/42', width: 640, height: 360 } };
 * ```
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0#link (DL-030)
 */
export interface LinkContentItem {
  type: 'link';
  url: string;
  title?: string;
  text?: string;
  icon?: ContentItemImage;
  thumbnail?: ContentItemImage;
  embed?: ContentItemEmbed;
  window?: ContentItemWindow;
  iframe?: ContentItemIframe;
}

/**
 * An `ltiResourceLink` item: a launchable LTI link; without `url` the platform launches the tool's
 * default URL (deep-linking.md §3.2, DL-057, DL-059).
 *
 * @example
 * ```ts
 * const item: LtiResourceLinkContentItem = { type: 'ltiResourceLink', title: 'Fractions practice',
 *   url: 'https://tool.example.com/lti/launch/fractions', custom: { activity_id: 'fr-10' },
 *   lineItem: { scoreMaximum: 10, label: 'Fractions practice' } };
 * ```
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0#lti-resource-link (DL-057)
 */
export interface LtiResourceLinkContentItem {
  type: 'ltiResourceLink';
  url?: string;
  title?: string;
  text?: string;
  icon?: ContentItemImage;
  thumbnail?: ContentItemImage;
  /** Custom parameters of the created link (CUST-004); values may use `$` variables. */
  custom?: Record<string, string>;
  lineItem?: ContentItemLineItem;
  available?: ContentItemTimeSpan;
  submission?: ContentItemTimeSpan;
  iframe?: ContentItemIframe;
  window?: ContentItemWindow;
}

/**
 * A `file` item: a download URL, possibly short-lived (`expiresAt`): copy it before then (DL-060).
 *
 * @example
 * ```ts
 * const item: FileContentItem = { type: 'file', url: 'https://tool.example.com/dl/worksheet.pdf?sig=abc', title: 'Worksheet', expiresAt: '2026-02-01T12:00:00Z' };
 * ```
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0#file (DL-060)
 */
export interface FileContentItem {
  type: 'file';
  url: string;
  title?: string;
  text?: string;
  icon?: ContentItemImage;
  thumbnail?: ContentItemImage;
  expiresAt?: string;
}

/**
 * An `html` item: a fragment of markup, handed over as text — the platform sanitises it by its own
 * policy before showing it (DL-060).
 *
 * @example
 * ```ts
 * const item: HtmlContentItem = { type: 'html', html: '<p>Read <b>chapter 2</b> before class.</p>', title: 'Reading note' };
 * ```
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0#html-fragment (DL-060)
 */
export interface HtmlContentItem {
  type: 'html';
  html: string;
  title?: string;
  text?: string;
}

/**
 * An `image` item: an image URL with an optional display size (deep-linking.md §3.5).
 *
 * @example
 * ```ts
 * const item: ImageContentItem = { type: 'image', url: 'https://tool.example.com/img/diagram.png', width: 800, height: 600 };
 * ```
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0#image (DL-030)
 */
export interface ImageContentItem {
  type: 'image';
  url: string;
  title?: string;
  text?: string;
  icon?: ContentItemImage;
  thumbnail?: ContentItemImage;
  width?: number;
  height?: number;
}

/**
 * One content item of a Deep Linking response: the five types of deep-linking.md §3, narrowed by
 * `type`.
 *
 * @example
 * ```ts
 * for (const item of result.contentItems) if (item.type === 'ltiResourceLink') createLink(item.url, item.custom);
 * ```
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0#content-item-types (DL-030)
 */
export type ContentItem = LinkContentItem | LtiResourceLinkContentItem | FileContentItem | HtmlContentItem | ImageContentItem;

// ---- the response (tool → platform)

/**
 * The full wire payload of an `LtiDeepLinkingResponse` (deep-linking.md §2.2): `iss` is the tool's
 * client id, `aud` the platform issuer, `data` the request's, echoed exactly (DL-030, DL-054).
 *
 * @example
 * ```ts
 * const items = payload[DL_CLAIM.contentItems] ?? []; // empty or absent: nothing selected (DL-061)
 * ```
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0#deep-linking-response-message (DL-030)
 */
export interface DeepLinkingResponsePayload {
  iss: string;
  aud: string | string[];
  azp?: string;
  iat: number;
  exp: number;
  nonce: string;
  [LTI_CLAIM.messageType]: 'LtiDeepLinkingResponse';
  [LTI_CLAIM.version]: '1.3.0';
  [LTI_CLAIM.deploymentId]: string;
  [DL_CLAIM.data]?: string;
  [DL_CLAIM.contentItems]?: ContentItem[];
  [DL_CLAIM.msg]?: string;
  [DL_CLAIM.errorMsg]?: string;
  [DL_CLAIM.log]?: string;
  [DL_CLAIM.errorLog]?: string;
  [claim: string]: unknown;
}

// ---- checks

function fail(code: LtiErrorCode, detail?: Record<string, unknown>, message?: string): never {
  throw new LtiError(code, { ...(detail === undefined ? {} : { detail }), ...(message === undefined ? {} : { message }) });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((entry) => typeof entry === 'string');
}

/** An absolute http(s) URL, the only schemes a browser may be sent to or a platform may fetch (DL-020, DL-060). */
function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

function settingsMember<T>(settings: Record<string, unknown>, member: string, accept: (value: unknown) => value is T): T | undefined {
  const value = settings[member];
  if (value === undefined || value === null) return undefined;
  if (!accept(value)) {
    fail('ERR_LTI_CLAIM_INVALID', { claim: DL_CLAIM.deepLinkingSettings, path: member }, `The deep_linking_settings member \`${member}\` has the wrong type.`);
  }
  return value;
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';

/**
 * DL-010: the `deep_linking_settings` claim, with a non-empty http(s) `deep_link_return_url`
 * (DL-020) and an `accept_types` array (DL-001); the optional members must have their spec types.
 * Returns the known members only.
 *
 * @example
 * ```ts
 * const settings = checkDeepLinkingSettingsClaim(payload); // throws ERR_LTI_DL_SETTINGS_MISSING, ERR_LTI_DL_RETURN_URL_MISSING …
 * ```
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0#deep-linking-settings (DL-010)
 */
export function checkDeepLinkingSettingsClaim(payload: Record<string, unknown>): DeepLinkingSettingsClaim {
  const settings = payload[DL_CLAIM.deepLinkingSettings];
  if (!isRecord(settings)) fail('ERR_LTI_DL_SETTINGS_MISSING');
  const returnUrl = settings.deep_link_return_url;
  if (typeof returnUrl !== 'string' || returnUrl === '') fail('ERR_LTI_DL_RETURN_URL_MISSING');
  if (!isHttpUrl(returnUrl)) fail('ERR_LTI_DL_RETURN_URL_INVALID');
  const acceptTypes = settings.accept_types;
  if (!isStringArray(acceptTypes)) fail('ERR_LTI_DL_ACCEPT_TYPES_MISSING');

  const checked: DeepLinkingSettingsClaim = { deep_link_return_url: returnUrl, accept_types: [...acceptTypes] };
  const targets = settingsMember(settings, 'accept_presentation_document_targets', isStringArray);
  if (targets !== undefined) checked.accept_presentation_document_targets = [...targets];
  // deep-linking.md §1.2: a comma-separated string; a list (seen from some platforms) is read as one.
  const mediaTypes = settingsMember(settings, 'accept_media_types', (value): value is string | string[] => isString(value) || isStringArray(value));
  if (mediaTypes !== undefined) checked.accept_media_types = Array.isArray(mediaTypes) ? mediaTypes.join(',') : mediaTypes;
  for (const member of ['accept_multiple', 'accept_lineitem', 'auto_create'] as const) {
    const value = settingsMember(settings, member, isBoolean);
    if (value !== undefined) checked[member] = value;
  }
  for (const member of ['title', 'text', 'data'] as const) {
    const value = settingsMember(settings, member, isString);
    if (value !== undefined) checked[member] = value;
  }
  return checked;
}

/**
 * Validates an `LtiDeepLinkingRequest` payload whose signature and OIDC claims were already
 * checked: the common claims (VAL-012..017), the message type (VAL-013), then the settings (DL-010).
 *
 * @example
 * ```ts
 * const claims = validateDeepLinkingRequestClaims(await validateIdToken(idToken, context));
 * claims.deepLinking.deep_link_return_url;
 * ```
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0#deep-linking-request-message (DL-010)
 */
export function validateDeepLinkingRequestClaims(payload: Record<string, unknown>): DeepLinkingRequestClaims {
  const common = validateCommonLaunchClaims(payload);
  if (common.messageType !== MESSAGE_TYPE.LtiDeepLinkingRequest) {
    fail('ERR_LTI_MESSAGE_TYPE_UNSUPPORTED', { messageType: common.messageType });
  }
  return { ...common, messageType: 'LtiDeepLinkingRequest', deepLinking: checkDeepLinkingSettingsClaim(payload) };
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;
const KNOWN_TYPES: ReadonlySet<string> = new Set(Object.values(CONTENT_ITEM_TYPE));

/** Reads one content item's members, each failure naming the item and the member. */
class ItemReader {
  constructor(
    readonly item: Record<string, unknown>,
    readonly index: number,
  ) {}

  invalid(path: string, reason: string): never {
    fail('ERR_LTI_DL_CONTENT_ITEM_INVALID', { index: this.index, path, reason }, `Content item ${this.index}: \`${path}\` ${reason}.`);
  }

  string(source: Record<string, unknown>, member: string, path = member): string | undefined {
    const value = source[member];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') this.invalid(path, 'must be a string');
    return value;
  }

  requiredString(source: Record<string, unknown>, member: string, path = member): string {
    const value = this.string(source, member, path);
    if (value === undefined || value === '') this.invalid(path, 'is required');
    return value;
  }

  /** DL-060: http(s) only, so no `javascript:` or `data:` URL reaches a page or a fetch. */
  url(source: Record<string, unknown>, member: string, path = member, required = false): string | undefined {
    const value = required ? this.requiredString(source, member, path) : this.string(source, member, path);
    if (value === undefined) return undefined;
    if (!isHttpUrl(value)) fail('ERR_LTI_DL_CONTENT_ITEM_URL_INVALID', { index: this.index, path });
    return value;
  }

  size(source: Record<string, unknown>, member: string, path: string): number | undefined {
    const value = source[member];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) this.invalid(path, 'must be a number of pixels, 0 or more');
    return value;
  }

  dateTime(source: Record<string, unknown>, member: string, path: string): string | undefined {
    const value = this.string(source, member, path);
    if (value === undefined) return undefined;
    if (!ISO_DATE_TIME.test(value) || Number.isNaN(Date.parse(value))) this.invalid(path, 'must be an ISO 8601 date-time');
    return value;
  }

  object(member: string): Record<string, unknown> | undefined {
    const value = this.item[member];
    if (value === undefined || value === null) return undefined;
    if (!isRecord(value)) this.invalid(member, 'must be an object');
    return value;
  }

  image(member: 'icon' | 'thumbnail'): ContentItemImage | undefined {
    const source = this.object(member);
    if (source === undefined) return undefined;
    const image: ContentItemImage = { url: this.url(source, 'url', `${member}.url`, true) as string };
    const width = this.size(source, 'width', `${member}.width`);
    const height = this.size(source, 'height', `${member}.height`);
    if (width !== undefined) image.width = width;
    if (height !== undefined) image.height = height;
    return image;
  }

  window(): ContentItemWindow | undefined {
    const source = this.object('window');
    if (source === undefined) return undefined;
    const window: ContentItemWindow = {};
    const targetName = this.string(source, 'targetName', 'window.targetName');
    const width = this.size(source, 'width', 'window.width');
    const height = this.size(source, 'height', 'window.height');
    const windowFeatures = this.string(source, 'windowFeatures', 'window.windowFeatures');
    if (targetName !== undefined) window.targetName = targetName;
    if (width !== undefined) window.width = width;
    if (height !== undefined) window.height = height;
    if (windowFeatures !== undefined) window.windowFeatures = windowFeatures;
    return window;
  }

  iframe(): ContentItemIframe | undefined {
    const source = this.object('iframe');
    if (source === undefined) return undefined;
    const iframe: ContentItemIframe = {};
    const src = this.url(source, 'src', 'iframe.src');
    const width = this.size(source, 'width', 'iframe.width');
    const height = this.size(source, 'height', 'iframe.height');
    if (src !== undefined) iframe.src = src;
    if (width !== undefined) iframe.width = width;
    if (height !== undefined) iframe.height = height;
    return iframe;
  }

  timeSpan(member: 'available' | 'submission'): ContentItemTimeSpan | undefined {
    const source = this.object(member);
    if (source === undefined) return undefined;
    const span: ContentItemTimeSpan = {};
    const start = this.dateTime(source, 'startDateTime', `${member}.startDateTime`);
    const end = this.dateTime(source, 'endDateTime', `${member}.endDateTime`);
    if (start !== undefined) span.startDateTime = start;
    if (end !== undefined) span.endDateTime = end;
    return span;
  }

  lineItem(): ContentItemLineItem | undefined {
    const source = this.object('lineItem');
    if (source === undefined) return undefined;
    const scoreMaximum = source.scoreMaximum;
    if (typeof scoreMaximum !== 'number' || !Number.isFinite(scoreMaximum) || scoreMaximum <= 0) {
      this.invalid('lineItem.scoreMaximum', 'is required and must be a number above 0');
    }
    const lineItem: ContentItemLineItem = { scoreMaximum };
    for (const member of ['label', 'resourceId', 'tag'] as const) {
      const value = this.string(source, member, `lineItem.${member}`);
      if (value !== undefined) lineItem[member] = value;
    }
    const released = source.gradesReleased;
    if (released !== undefined && released !== null) {
      if (typeof released !== 'boolean') this.invalid('lineItem.gradesReleased', 'must be a boolean');
      lineItem.gradesReleased = released;
    }
    return lineItem;
  }

  custom(): Record<string, string> | undefined {
    const source = this.object('custom');
    if (source === undefined) return undefined;
    const custom: Record<string, string> = {};
    for (const [name, value] of Object.entries(source)) {
      // CUST-001: string values; numbers and booleans are read as their text.
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') custom[name] = String(value);
      else this.invalid(`custom.${name}`, 'must be a string');
    }
    return custom;
  }

  /** `title` and `text`, common to every type. */
  described<T extends { title?: string; text?: string }>(target: T): T {
    const title = this.string(this.item, 'title');
    const text = this.string(this.item, 'text');
    if (title !== undefined) target.title = title;
    if (text !== undefined) target.text = text;
    return target;
  }

  pictured<T extends { icon?: ContentItemImage; thumbnail?: ContentItemImage }>(target: T): T {
    const icon = this.image('icon');
    const thumbnail = this.image('thumbnail');
    if (icon !== undefined) target.icon = icon;
    if (thumbnail !== undefined) target.thumbnail = thumbnail;
    return target;
  }
}

function assign<T extends object, K extends keyof T>(target: T, member: K, value: T[K] | undefined): void {
  if (value !== undefined) target[member] = value;
}

/**
 * The shape of one content item (deep-linking.md §3): its required members, the types of the
 * optional ones, URLs http(s) only (DL-060), `html` kept as text. Returns a copy holding the
 * members of its type only.
 *
 * @example
 * ```ts
 * checkContentItem({ type: 'link', url: 'javascript:alert(1)' }); // throws ERR_LTI_DL_CONTENT_ITEM_URL_INVALID
 * ```
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0#content-item-types (DL-030, DL-060)
 */
export function checkContentItem(value: unknown, index = 0): ContentItem {
  if (!isRecord(value)) fail('ERR_LTI_DL_CONTENT_ITEM_INVALID', { index, path: '' }, `Content item ${index} is not an object.`);
  const read = new ItemReader(value, index);
  const type = read.requiredString(value, 'type');
  switch (type) {
    case CONTENT_ITEM_TYPE.link: {
      const item = read.pictured(read.described<LinkContentItem>({ type, url: read.url(value, 'url', 'url', true) as string }));
      const embed = read.object('embed');
      if (embed !== undefined) item.embed = { html: read.requiredString(embed, 'html', 'embed.html') };
      assign(item, 'window', read.window());
      assign(item, 'iframe', read.iframe());
      return item;
    }
    case CONTENT_ITEM_TYPE.ltiResourceLink: {
      const item = read.described<LtiResourceLinkContentItem>({ type });
      assign(item, 'url', read.url(value, 'url'));
      read.pictured(item);
      assign(item, 'custom', read.custom());
      assign(item, 'lineItem', read.lineItem());
      assign(item, 'available', read.timeSpan('available'));
      assign(item, 'submission', read.timeSpan('submission'));
      assign(item, 'iframe', read.iframe());
      assign(item, 'window', read.window());
      return item;
    }
    case CONTENT_ITEM_TYPE.file: {
      const item = read.pictured(read.described<FileContentItem>({ type, url: read.url(value, 'url', 'url', true) as string }));
      assign(item, 'expiresAt', read.dateTime(value, 'expiresAt', 'expiresAt'));
      return item;
    }
    case CONTENT_ITEM_TYPE.html:
      // DL-060: kept as text; the platform sanitises it by its own policy before showing it.
      return read.described<HtmlContentItem>({ type, html: read.requiredString(value, 'html') });
    case CONTENT_ITEM_TYPE.image: {
      const item = read.pictured(read.described<ImageContentItem>({ type, url: read.url(value, 'url', 'url', true) as string }));
      assign(item, 'width', read.size(value, 'width', 'width'));
      assign(item, 'height', read.size(value, 'height', 'height'));
      return item;
    }
    default:
      return read.invalid('type', `is "${type.slice(0, 100)}", not one of ${[...KNOWN_TYPES].join(', ')}`);
  }
}

/**
 * What a Deep Linking request offered that both sides hold a response to: the item types
 * (`accept_types`, DL-011) and whether several items may come back (`accept_multiple`, DL-012).
 *
 * @example
 * ```ts
 * const offer: ContentItemOffer = { accept_types: ['ltiResourceLink'], accept_multiple: false };
 * ```
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0#deep-linking-settings (DL-055)
 */
export interface ContentItemOffer {
  accept_types: readonly string[];
  accept_multiple?: boolean | undefined;
}

/**
 * The `content_items` of a response against what the request offered: absent or empty is "nothing
 * selected" (DL-061); otherwise an array, at most one item unless `accept_multiple` is true
 * (DL-012), each of a type in `accept_types` (DL-011, DL-040) and well-formed ({@link checkContentItem}).
 *
 * @example
 * ```ts
 * validateContentItems([{ type: 'html', html: '<p>Hi</p>' }], { accept_types: ['link'] }); // throws ERR_LTI_DL_CONTENT_ITEM_TYPE_NOT_ACCEPTED
 * ```
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0 (DL-055, DL-061)
 */
export function validateContentItems(value: unknown, offer: ContentItemOffer): ContentItem[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) fail('ERR_LTI_DL_CONTENT_ITEMS_INVALID');
  // DL-012: a platform that did not say `accept_multiple: true` gets one item at most.
  if (value.length > 1 && offer.accept_multiple !== true) fail('ERR_LTI_DL_MULTIPLE_NOT_ACCEPTED', { count: value.length });
  return value.map((item: unknown, index) => {
    const type = isRecord(item) ? item.type : undefined;
    if (typeof type === 'string' && !offer.accept_types.includes(type)) {
      fail('ERR_LTI_DL_CONTENT_ITEM_TYPE_NOT_ACCEPTED', { index, type: type.slice(0, 100), accept_types: [...offer.accept_types] });
    }
    return checkContentItem(item, index);
  });
}

/**
 * Whether a content item type is one of the five of deep-linking.md §3 that ltikit models.
 *
 * @example
 * ```ts
 * isContentItemType('ltiAssetProcessor'); // false: an extension type (DL-040)
 * ```
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0#content-item-types (DL-040)
 */
export function isContentItemType(value: string): value is ContentItemType {
  return KNOWN_TYPES.has(value);
}

/**
 * The presentation targets an item asks for (`iframe`, `window`), to compare with
 * `accept_presentation_document_targets` (DL-012).
 *
 * @example
 * ```ts
 * requestedDocumentTargets({ type: 'link', url, window: { targetName: 'x' } }); // ['window']
 * ```
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0#deep-linking-settings (DL-012)
 */
export function requestedDocumentTargets(item: ContentItem): DocumentTarget[] {
  const targets: DocumentTarget[] = [];
  if ('iframe' in item && item.iframe !== undefined) targets.push('iframe');
  if ('window' in item && item.window !== undefined) targets.push('window');
  if ('embed' in item && item.embed !== undefined) targets.push('embed');
  return targets;
}
