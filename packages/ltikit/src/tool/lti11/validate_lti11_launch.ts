/**
 * An LTI 1.0/1.1 launch (`basic-lti-launch-request`) as a sequence of named checks: a POST of an
 * `application/x-www-form-urlencoded` form within the size cap, its OAuth 1.0a signature over the
 * tool's public launch URL (OA-004), timestamp and single-use nonce (OA-005), a known consumer key
 * (OA-006); then, from the signed parameters only (L11-004), no repeated LTI parameter, the
 * message type, version and `resource_link_id` (L11-002). Every failure has its own code.
 *
 * @example
 * ```ts
 * const launch = await validateLti11Launch(request, { config: tool.config.lti11, credentials: stores.lti11,
 *   singleUse: stores.singleUse, clock: systemClock });
 * launch.lti13Roles; // ['http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor']
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (L11-001..L11-010, OA-001..OA-006)
 */
import { LtiError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import { readBodyText } from '../../lib/http.js';
import type { OAuthParameter, OAuthSignatureMethod } from '../../lib/oauth1_signature.js';
import { verifyOAuth1Request } from '../../lib/oauth1_request.js';
import type { Lti11CredentialStore, SingleUseStore } from '../../stores/types.js';
import { normalizeContextType } from '../../vocab/context_types.js';
import { LTI11_MESSAGE_TYPE, LTI11_VERSION } from '../../vocab/message_types.js';
import { lti11RoleToLti13 } from '../../vocab/roles.js';
import type { ResolvedLti11Config } from '../config.js';

/**
 * A verified LTI 1.0/1.1 basic launch. Every value comes from the signed parameters (L11-004).
 * `consumerKey`, `userId`, `contextId` and `resourceLinkId` carry the same names as the ids of a
 * migrated 1.3 launch (`launch.lti1p1`, MIG-005), so records keyed by them serve both.
 *
 * @example
 * ```ts
 * onLaunch: (launch: Lti11Launch) => new Response(`${launch.user.name ?? launch.userId} in ${launch.context?.title ?? launch.contextId}`),
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (L11-001, L11-010)
 */
export interface Lti11Launch {
  messageType: 'basic-lti-launch-request';
  /** `lti_version`: `LTI-1p0` (L11-002). */
  version: string;
  /** `oauth_consumer_key`: whose secret signed the launch (OA-006). */
  consumerKey: string;
  /** `user_id`; absent for anonymous launches. */
  userId: string | undefined;
  /** `context_id`. */
  contextId: string | undefined;
  /** `resource_link_id` (L11-002). */
  resourceLinkId: string;
  /** `roles` as sent: comma-separated values, trimmed, empty ones left out (short names and URNs, L11-010). */
  roles: string[];
  /**
   * The same roles as LTI 1.3 role URIs (`membership#Instructor`, `institution/person#Student`, …),
   * de-duplicated; unknown roles are left out (they stay in `roles`). Works with `isInstructor`.
   */
  lti13Roles: string[];
  /**
   * `role_scope_mentor`: the user ids a mentor may see, each URL-decoded (LTI 1.1 URL-encodes
   * every id so one may contain a comma).
   */
  roleScopeMentor: string[] | undefined;
  /** Personal data, as far as the platform released it. */
  user: { name?: string; givenName?: string; familyName?: string; email?: string; image?: string; sourcedId?: string };
  /** Present when `context_id` is; `type` normalised to LIS v2 URIs (CTX-002). */
  context:
    | {
        id: string;
        label?: string;
        title?: string;
        type: string[];
        courseOfferingSourcedId?: string;
        courseSectionSourcedId?: string;
      }
    | undefined;
  resourceLink: { id: string; title?: string; description?: string };
  /**
   * `custom_*` parameters, by name without the prefix. Every name is an own property, even
   * `__proto__` or `constructor` (as in a parsed JSON object): read them with `Object.hasOwn`,
   * `Object.entries` or `Object.keys`, not with `in`.
   */
  custom: Record<string, string>;
  /** `ext_*` parameters, by name without the prefix; own properties like `custom`. */
  ext: Record<string, string>;
  /** `launch_presentation_*`; `returnUrl` only when it is an http(s) URL. */
  presentation: { locale?: string; documentTarget?: string; returnUrl?: string; width?: number; height?: number; cssUrl?: string };
  /** `tool_consumer_info_*` and `tool_consumer_instance_*`. */
  toolConsumer: {
    productFamilyCode?: string;
    version?: string;
    instanceGuid?: string;
    instanceName?: string;
    instanceDescription?: string;
    instanceUrl?: string;
    instanceContactEmail?: string;
  };
  /** Basic Outcomes (L11-005): where and under which id to send this user's grade for this link. */
  outcome?: { serviceUrl: string; sourcedId: string };
  /** Every signed parameter (form and query) in order received, `oauth_signature` left out. */
  parameters: OAuthParameter[];
  /** The signature's method, timestamp and nonce. */
  oauth: { signatureMethod: OAuthSignatureMethod; timestamp: number; nonce: string };
}

/**
 * What {@link validateLti11Launch} needs: the resolved `lti11` settings and the stores.
 *
 * @example
 * ```ts
 * const context: Lti11LaunchContext = { config: tool.config.lti11, credentials: stores.lti11, singleUse: stores.singleUse, clock };
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (OA-005, OA-006)
 */
export interface Lti11LaunchContext {
  config: ResolvedLti11Config;
  credentials: Lti11CredentialStore;
  singleUse: SingleUseStore;
  clock: Clock;
}

/**
 * Options of one validation.
 *
 * @example
 * ```ts
 * await tool.lti11.validateLaunch(request, { launchUrl: 'https://tool.example.com/courses/lti11' });
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (OA-004)
 */
export interface Lti11LaunchValidationOptions {
  /**
   * The public URL the platform posted to (what it signed), when the app serves the launch
   * somewhere else than `config.launchUrl`. Its query is ignored: the request's query is signed.
   */
  launchUrl?: string;
}

/** Return URLs read from verified launches that then failed (L11-020); never from unverified input. */
const verifiedReturnUrls = new WeakMap<LtiError, string>();

/**
 * The `launch_presentation_return_url` of a launch that failed after its signature verified
 * (L11-020), to send the user back with `lti_errormsg`; `undefined` for every other error (L11-004).
 *
 * @example
 * ```ts
 * const returnUrl = verifiedLti11ReturnUrlOf(error);
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (L11-004, L11-020)
 */
export function verifiedLti11ReturnUrlOf(error: unknown): string | undefined {
  return error instanceof LtiError ? verifiedReturnUrls.get(error) : undefined;
}

/**
 * Validates an LTI 1.0/1.1 basic launch request, check by check, and returns it read from the
 * signed parameters. Throws `ERR_LTI_METHOD_NOT_ALLOWED`, `ERR_LTI11_LAUNCH_CONTENT_TYPE_UNSUPPORTED`,
 * `ERR_LTI_REQUEST_TOO_LARGE`, `ERR_LTI_REQUEST_MALFORMED`, the `ERR_LTI11_*` OAuth codes of
 * `verifyOAuth1Request`, then `ERR_LTI11_PARAMETER_REPEATED`, `ERR_LTI11_MESSAGE_TYPE_*`,
 * `ERR_LTI11_VERSION_*`, `ERR_LTI11_RESOURCE_LINK_ID_MISSING`.
 *
 * @example
 * ```ts
 * const launch = await validateLti11Launch(request, context);
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (L11-002, L11-004, OA-004..OA-006)
 */
export async function validateLti11Launch(request: Request, context: Lti11LaunchContext, options: Lti11LaunchValidationOptions = {}): Promise<Lti11Launch> {
  checkLaunchMethod(request);
  checkFormContentType(request);
  const parameters = readLaunchParameters(request, await readBodyText(request, context.config.maxBodyBytes));
  const verified = await verifyOAuth1Request({
    method: 'POST',
    url: signedLaunchUrl(options.launchUrl ?? context.config.launchUrl),
    parameters,
    secretFor: async (consumerKey) => (await context.credentials.getCredential(consumerKey))?.secret,
    singleUse: context.singleUse,
    clock: context.clock,
    timestampWindowSeconds: context.config.timestampWindowSeconds,
    signatureMethods: context.config.signatureMethods,
  });
  // From here on the parameters are the platform's own (L11-004).
  const signed = parameters.filter(([name]) => name !== 'oauth_signature');
  const returnUrl = httpUrlOrUndefined(onlyValue(signed, 'launch_presentation_return_url'));
  try {
    const values = checkLtiParametersNotRepeated(signed);
    checkMessageType(values.get('lti_message_type'));
    const version = checkVersion(values.get('lti_version'));
    const resourceLinkId = checkResourceLinkId(values.get('resource_link_id'));
    return readLaunch(values, signed, {
      version,
      resourceLinkId,
      consumerKey: verified.consumerKey,
      returnUrl,
      oauth: { signatureMethod: verified.signatureMethod, timestamp: verified.timestamp, nonce: verified.nonce },
    });
  } catch (error) {
    if (error instanceof LtiError && returnUrl !== undefined) verifiedReturnUrls.set(error, returnUrl);
    throw error;
  }
}

/** L11-001: the platform's form is POSTed. */
function checkLaunchMethod(request: Request): void {
  if (request.method !== 'POST') throw new LtiError('ERR_LTI_METHOD_NOT_ALLOWED', { detail: { method: request.method } });
}

/** L11-001: as `application/x-www-form-urlencoded` (the only body OAuth 1.0a signs parameter by parameter). */
function checkFormContentType(request: Request): void {
  const contentType = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (contentType !== 'application/x-www-form-urlencoded') {
    throw new LtiError('ERR_LTI11_LAUNCH_CONTENT_TYPE_UNSUPPORTED', { detail: { contentType: contentType || null } });
  }
}

/**
 * OA-002: the signed parameters are the query's and the form's together. Both are read as
 * `application/x-www-form-urlencoded` (`+` is a space), in order, repeated names kept. A bad
 * percent-encoding (`%zz`, a lone `%`, bytes that are not UTF-8) is refused as malformed rather
 * than read leniently into a value nobody signed.
 */
function readLaunchParameters(request: Request, body: string): OAuthParameter[] {
  return [...decodeForm(new URL(request.url).search.slice(1), 'query'), ...decodeForm(body, 'form')];
}

function decodeForm(text: string, where: 'query' | 'form'): OAuthParameter[] {
  const pairs: OAuthParameter[] = [];
  for (const part of text.split('&')) {
    if (part === '') continue;
    const separator = part.indexOf('=');
    const name = separator < 0 ? part : part.slice(0, separator);
    const value = separator < 0 ? '' : part.slice(separator + 1);
    pairs.push([decodeFormComponent(name, where), decodeFormComponent(value, where)]);
  }
  return pairs;
}

function decodeFormComponent(encoded: string, where: 'query' | 'form'): string {
  try {
    return decodeURIComponent(encoded.replace(/\+/g, ' '));
  } catch (cause) {
    throw new LtiError('ERR_LTI_REQUEST_MALFORMED', { message: `The launch ${where} has a badly percent-encoded name or value.`, detail: { in: where }, cause });
  }
}

/**
 * OA-004: the URL the platform signed is the tool's public launch URL, not the URL this process
 * sees behind a proxy. Only its scheme, host, port and path count: the query is signed through
 * the request's own query parameters.
 */
function signedLaunchUrl(launchUrl: string): string {
  const url = new URL(launchUrl);
  url.search = '';
  url.hash = '';
  return url.href;
}

/**
 * L11-004: a parameter the LTI 1.1 specification defines (or a `custom_`/`ext_` one) carries one
 * value; lists are comma-separated within it. A repeated one is refused rather than guessed
 * between. Other names (a tool's own query parameters) may repeat and stay in `parameters`.
 */
function checkLtiParametersNotRepeated(parameters: readonly OAuthParameter[]): Map<string, string> {
  const values = new Map<string, string>();
  for (const [name, value] of parameters) {
    if (!isLtiParameter(name)) continue;
    if (values.has(name)) throw new LtiError('ERR_LTI11_PARAMETER_REPEATED', { message: `The LTI parameter \`${name}\` appears more than once.`, detail: { parameter: name } });
    values.set(name, value);
  }
  return values;
}

const LTI_PARAMETER_PREFIXES = ['lti_', 'oauth_', 'custom_', 'ext_', 'lis_', 'context_', 'resource_link_', 'launch_presentation_', 'tool_consumer_', 'user_'];
const LTI_PARAMETER_NAMES = new Set(['roles', 'role_scope_mentor']);

function isLtiParameter(name: string): boolean {
  return LTI_PARAMETER_NAMES.has(name) || LTI_PARAMETER_PREFIXES.some((prefix) => name.startsWith(prefix));
}

/** L11-002: `basic-lti-launch-request`; a Content-Item selection request is not served here. */
function checkMessageType(value: string | undefined): void {
  if (value === undefined || value === '') throw new LtiError('ERR_LTI11_MESSAGE_TYPE_MISSING');
  if (value !== LTI11_MESSAGE_TYPE.BasicLtiLaunchRequest) {
    throw new LtiError('ERR_LTI11_MESSAGE_TYPE_UNSUPPORTED', { detail: { lti_message_type: value, accepted: [LTI11_MESSAGE_TYPE.BasicLtiLaunchRequest] } });
  }
}

/** L11-002: `LTI-1p0`, which 1.0, 1.1 and 1.1.1 launches all carry. */
function checkVersion(value: string | undefined): string {
  if (value === undefined || value === '') throw new LtiError('ERR_LTI11_VERSION_MISSING');
  if (value !== LTI11_VERSION) throw new LtiError('ERR_LTI11_VERSION_UNSUPPORTED', { detail: { lti_version: value, accepted: [LTI11_VERSION] } });
  return value;
}

/** L11-002: every launch names its placement. */
function checkResourceLinkId(value: string | undefined): string {
  if (value === undefined || value === '') throw new LtiError('ERR_LTI11_RESOURCE_LINK_ID_MISSING');
  return value;
}

interface CheckedValues {
  version: string;
  resourceLinkId: string;
  consumerKey: string;
  returnUrl: string | undefined;
  oauth: Lti11Launch['oauth'];
}

function readLaunch(values: Map<string, string>, signed: OAuthParameter[], checked: CheckedValues): Lti11Launch {
  const text = (name: string): string | undefined => {
    const value = values.get(name);
    return value === undefined || value === '' ? undefined : value;
  };
  const roles = commaList(text('roles')) ?? [];
  const contextId = text('context_id');
  const serviceUrl = text('lis_outcome_service_url');
  const sourcedId = text('lis_result_sourcedid');
  return {
    messageType: LTI11_MESSAGE_TYPE.BasicLtiLaunchRequest,
    version: checked.version,
    consumerKey: checked.consumerKey,
    userId: text('user_id'),
    contextId,
    resourceLinkId: checked.resourceLinkId,
    roles,
    lti13Roles: lti13RolesOf(roles),
    roleScopeMentor: mentoredUserIds(text('role_scope_mentor')),
    user: defined({
      name: text('lis_person_name_full'),
      givenName: text('lis_person_name_given'),
      familyName: text('lis_person_name_family'),
      email: text('lis_person_contact_email_primary'),
      image: text('user_image'),
      sourcedId: text('lis_person_sourcedid'),
    }),
    context:
      contextId === undefined
        ? undefined
        : {
            id: contextId,
            type: (commaList(text('context_type')) ?? []).map(normalizeContextType),
            ...defined({
              label: text('context_label'),
              title: text('context_title'),
              courseOfferingSourcedId: text('lis_course_offering_sourcedid'),
              courseSectionSourcedId: text('lis_course_section_sourcedid'),
            }),
          },
    resourceLink: { id: checked.resourceLinkId, ...defined({ title: text('resource_link_title'), description: text('resource_link_description') }) },
    custom: withoutPrefix(values, 'custom_'),
    ext: withoutPrefix(values, 'ext_'),
    presentation: defined({
      locale: text('launch_presentation_locale'),
      documentTarget: text('launch_presentation_document_target'),
      returnUrl: checked.returnUrl,
      width: dimension(text('launch_presentation_width')),
      height: dimension(text('launch_presentation_height')),
      cssUrl: text('launch_presentation_css_url'),
    }),
    toolConsumer: defined({
      productFamilyCode: text('tool_consumer_info_product_family_code'),
      version: text('tool_consumer_info_version'),
      instanceGuid: text('tool_consumer_instance_guid'),
      instanceName: text('tool_consumer_instance_name'),
      instanceDescription: text('tool_consumer_instance_description'),
      instanceUrl: text('tool_consumer_instance_url'),
      instanceContactEmail: text('tool_consumer_instance_contact_email'),
    }),
    // L11-005: both or nothing; one without the other cannot address a grade.
    ...(serviceUrl !== undefined && sourcedId !== undefined ? { outcome: { serviceUrl, sourcedId } } : {}),
    parameters: signed,
    oauth: checked.oauth,
  };
}

/** L11-010: short names and URNs (context, sub-role, institution, system) to LTI 1.3 URIs. */
function lti13RolesOf(roles: readonly string[]): string[] {
  const uris = new Set<string>();
  for (const role of roles) {
    const uri = lti11RoleToLti13(role);
    if (uri !== undefined) uris.add(uri);
  }
  return [...uris];
}

function commaList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/**
 * `role_scope_mentor`: comma-separated user ids, each URL-encoded (LTI 1.1 launch parameters: "each user_id
 * should be url-encoded"), so `%2C` is a comma inside an id and `+` a space. A bad encoding is
 * refused rather than guessed at.
 */
function mentoredUserIds(value: string | undefined): string[] | undefined {
  return commaList(value)?.map((entry) => {
    try {
      return decodeURIComponent(entry.replace(/\+/g, ' '));
    } catch (cause) {
      throw new LtiError('ERR_LTI_REQUEST_MALFORMED', { message: 'An entry of `role_scope_mentor` is badly URL-encoded.', detail: { parameter: 'role_scope_mentor' }, cause });
    }
  });
}

/**
 * The parameters named `prefix` + name, by name. Defined as own data properties (as `JSON.parse`
 * does), so a name such as `__proto__` is kept like any other and never reaches a prototype.
 */
function withoutPrefix(values: Map<string, string>, prefix: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of values) {
    if (name.startsWith(prefix) && name.length > prefix.length) {
      Object.defineProperty(result, name.slice(prefix.length), { value, enumerable: true, writable: true, configurable: true });
    }
  }
  return result;
}

/** A width or height in pixels: a positive number, else nothing. */
function dimension(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+(\.\d+)?$/.test(value.trim())) return undefined;
  const number = Number(value.trim());
  return number > 0 ? number : undefined;
}

function onlyValue(parameters: readonly OAuthParameter[], name: string): string | undefined {
  const values = parameters.filter(([candidate]) => candidate === name);
  return values.length === 1 ? values[0]![1] : undefined;
}

/** Only an http(s) URL is a place to send a browser back to (never `javascript:`). */
function httpUrlOrUndefined(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? value : undefined;
  } catch {
    return undefined;
  }
}

function defined<T extends Record<string, unknown>>(record: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (value !== undefined) result[key] = value;
  return result as { [K in keyof T]?: Exclude<T[K], undefined> };
}
