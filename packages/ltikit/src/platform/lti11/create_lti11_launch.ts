/**
 * An LTI 1.0/1.1 basic launch from the platform (lti11.md §1): the form fields of a
 * `basic-lti-launch-request`, signed with OAuth 1.0a HMAC-SHA1 by the tool's consumer key and
 * secret (L11-001, OA-001..OA-003), for the browser to POST to the tool's launch URL.
 *
 * @example
 * ```ts
 * const launch = await platform.createLti11Launch({ consumerKey: 'ck-123', user: { id: 'u-7', name: 'Ada Lovelace' },
 *   roles: [CONTEXT_ROLE.Learner], context: { id: 'ctx-1', title: 'Calculus I' }, resourceLink: { id: 'rl-1' }, outcome: true });
 * return lti11LaunchResponse(launch); // the auto-submitting form
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html
 */
import { LtiError } from '../../errors.js';
import { checkHttpsUrlField, fieldFailure } from '../../lib/check_field.js';
import type { Clock } from '../../lib/clock.js';
import { signOAuth1Request } from '../../lib/oauth1_request.js';
import { randomId } from '../../lib/random.js';
import type { Lti11CredentialStore, PersonalDataClaim } from '../../stores/types.js';
import { CONTEXT_TYPE, type ContextTypeName, LTI11_CONTEXT_TYPE, normalizeContextType } from '../../vocab/context_types.js';
import { LTI11_MESSAGE_TYPE, LTI11_VERSION } from '../../vocab/message_types.js';
import { lti11RoleToLti13, lti13RoleToLti11, normalizeRole, withPrincipalRoles } from '../../vocab/roles.js';
import type { ResolvedPlatformConfig } from '../config.js';
import type { LaunchUser } from '../launch/launch_request.js';
import { substituteLaunchVariables } from '../launch/substitute_launch_variables.js';
import { formatResultSourcedId } from './result_sourcedid.js';

/**
 * What the platform application passes to `platform.createLti11Launch()`: who launches which link
 * of which 1.1 tool (by consumer key), in which context and roles. Roles may be LTI 1.3 URIs or
 * LTI 1.1 values; they are sent as 1.1 URNs.
 *
 * @example
 * ```ts
 * const request: Lti11LaunchRequest = { consumerKey: 'ck-123', user: { id: 'u-7' }, roles: ['Learner'],
 *   context: { id: 'ctx-1' }, resourceLink: { id: 'rl-1', title: 'Week 3 quiz' }, outcome: true };
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (lti11.md §1)
 */
export interface Lti11LaunchRequest {
  consumerKey: string;
  /** `user_id` is always sent; the personal fields only as the tool's `claims` allow (MSG-004). */
  user: LaunchUser;
  /** LTI 1.3 role URIs or LTI 1.1 roles (short names or URNs). Roles without a 1.1 counterpart are left out. */
  roles: string[];
  /** Required when `outcome` is true: grades belong to a context. */
  context?: {
    id: string;
    label?: string;
    title?: string;
    /** Context types (1.3 URIs, 1.1 URNs or simple names). Default CourseOffering. */
    type?: string[];
    /** `lis_course_offering_sourcedid`. */
    sourcedId?: string;
  };
  resourceLink: {
    id: string;
    title?: string;
    description?: string;
    /** Link-level custom parameters; they win over the tool's. */
    custom?: Record<string, string>;
  };
  presentation?: {
    /** Default `iframe`. */
    documentTarget?: 'iframe' | 'frame' | 'window';
    /** Default: the platform's return endpoint for this launch (L11-020, L11-021). */
    returnUrl?: string;
    locale?: string;
    width?: number;
    height?: number;
    cssUrl?: string;
  };
  /** Message-level custom parameters; they win over link and tool values. */
  custom?: Record<string, string>;
  /** Values for further substitution variables. */
  variables?: Record<string, string>;
  /** `role_scope_mentor`: the user ids a mentor acts for. */
  roleScopeMentor?: string[];
  /**
   * Send `lis_outcome_service_url` and `lis_result_sourcedid`, so the tool can report this user's
   * grade on the link (L11-005): typically for learners only. Default false.
   */
  outcome?: boolean;
  /** Where the form is posted; default the tool's `launchUrl`. */
  launchUrl?: string;
}

/**
 * A signed LTI 1.1 launch: the URL to POST to and the form fields, `oauth_signature` last, in
 * order (names may repeat), every line break in a name or value written CR LF as a browser posts
 * it (the signature covers that form). `launchId` is what the return URL carries back.
 *
 * @example
 * ```ts
 * const { url, fields } = await platform.createLti11Launch(request);
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (L11-001)
 */
export interface Lti11Launch {
  url: string;
  fields: Array<[name: string, value: string]>;
  launchId: string;
  /** The 1.3 client id the tool's grades are stored under (`credential.lti13.clientId`). */
  clientId: string | undefined;
  /** The `lis_result_sourcedid` sent, when outcomes were. */
  resultSourcedId?: string;
}

/** What {@link createLti11Launch} works with. */
export interface Lti11LaunchOptions {
  config: ResolvedPlatformConfig;
  store: Lti11CredentialStore;
  clock: Clock;
  /** Whether Basic Outcomes can be served (AGS store and `lti11.resourceLinkAccess` configured). */
  outcomesAvailable: boolean;
}

const invalid: (field: string, message: string) => never = fieldFailure('ERR_LTI11_LAUNCH_INPUT_INVALID');

/**
 * The `custom_` parameter name of a custom parameter (L11-003): `custom_` + the name lower-cased,
 * every character outside `[a-z0-9]` replaced by `_`.
 *
 * @example
 * ```ts
 * lti11CustomParameterName('Chapter-No'); // 'custom_chapter_no'
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (L11-003)
 */
export function lti11CustomParameterName(name: string): string {
  return `custom_${name.toLowerCase().replace(/[^a-z0-9]/g, '_')}`;
}

/**
 * The 1.1 `roles` of a launch (lti11.md §1.3): each role as its 1.1 URN, from 1.3 URIs or 1.1
 * values alike; principal roles of sub-roles added (ROLE-005); roles with no 1.1 counterpart left out.
 *
 * @example
 * ```ts
 * lti11Roles([CONTEXT_SUB_ROLE.Instructor.TeachingAssistant]); // ['urn:lti:role:ims/lis/TeachingAssistant', 'urn:lti:role:ims/lis/Instructor']
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (L11-010, MIG-003)
 */
export function lti11Roles(roles: readonly string[]): string[] {
  const lti13 = roles.map((role) => lti11RoleToLti13(role) ?? normalizeRole(role));
  const mapped = withPrincipalRoles(lti13)
    .map((role) => lti13RoleToLti11(role))
    .filter((role): role is string => role !== undefined);
  return [...new Set(mapped)];
}

/** A context type as its 1.1 URN (CTX-002); unknown types are sent as given. */
function lti11ContextType(type: string): string {
  const uri = normalizeContextType(type);
  const name = (Object.keys(CONTEXT_TYPE) as ContextTypeName[]).find((candidate) => CONTEXT_TYPE[candidate] === uri);
  return name === undefined ? type.trim() : LTI11_CONTEXT_TYPE[name];
}

/**
 * A form field's name or value as a browser submits it: every line break (LF, CR or CR LF) as CR
 * LF (the HTML "normalize newlines" step of form submission), so the signature covers what the
 * tool receives.
 */
function formLineBreaks(text: string): string {
  return text.replace(/\r\n|\r|\n/g, '\r\n');
}

function checkCustom(field: string, custom: unknown): Record<string, string> {
  if (custom === undefined) return {};
  if (typeof custom !== 'object' || custom === null || Array.isArray(custom)) invalid(field, 'must be an object of strings.');
  for (const [key, value] of Object.entries(custom)) if (typeof value !== 'string') invalid(`${field}.${key}`, 'must be a string.');
  return custom as Record<string, string>;
}

function checkLaunchRequest(request: Lti11LaunchRequest): void {
  if (typeof request !== 'object' || request === null) invalid('request', 'must be an object.');
  if (typeof request.consumerKey !== 'string' || request.consumerKey === '') invalid('consumerKey', 'is required.');
  if (typeof request.user?.id !== 'string' || request.user.id === '') invalid('user.id', 'is required.');
  if (typeof request.resourceLink?.id !== 'string' || request.resourceLink.id === '') invalid('resourceLink.id', 'is required (L11-001).');
  if (!Array.isArray(request.roles) || request.roles.some((role) => typeof role !== 'string')) invalid('roles', 'must be a list of roles.');
  if (request.context !== undefined && (typeof request.context.id !== 'string' || request.context.id === '')) invalid('context.id', 'is required with a context.');
  for (const [field, value] of [
    ['presentation.width', request.presentation?.width],
    ['presentation.height', request.presentation?.height],
  ] as const) {
    if (value !== undefined && (!Number.isFinite(value) || value <= 0)) invalid(field, 'must be a positive number.');
  }
}

/**
 * Builds and signs an LTI 1.1 basic launch (L11-001): the required parameters, the link, user,
 * context, presentation and consumer-info parameters, custom parameters named per L11-003 with
 * variables substituted, personal data only as the tool's `claims` allow (MSG-004), outcomes only
 * when asked (L11-005), then the OAuth parameters with `oauth_callback=about:blank`. Throws
 * `ERR_LTI11_TOOL_UNKNOWN`, `ERR_LTI11_LAUNCH_INPUT_INVALID`, or `ERR_LTI_PLATFORM_CONFIG_INVALID`
 * when outcomes are asked of a platform that cannot serve them.
 *
 * @example
 * ```ts
 * const launch = await createLti11Launch(request, { config, store: stores.lti11, clock, outcomesAvailable: true });
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (L11-001, L11-003, L11-005)
 */
export async function createLti11Launch(request: Lti11LaunchRequest, options: Lti11LaunchOptions): Promise<Lti11Launch> {
  checkLaunchRequest(request);
  const { config, clock } = options;
  const credential = await options.store.getCredential(request.consumerKey);
  if (credential === undefined) throw new LtiError('ERR_LTI11_TOOL_UNKNOWN', { detail: { consumerKey: request.consumerKey } });
  const launchUrl = checkHttpsUrlField(invalid, 'launchUrl', request.launchUrl ?? credential.launchUrl, config.allowInsecureLoopback);
  const launchId = randomId();
  const { user, context, resourceLink, presentation } = request;
  const claims = credential.claims ?? [];
  const has = (claim: PersonalDataClaim): boolean => claims.includes(claim);
  const allowPersonalData = claims.some((claim) => claim !== 'locale');
  const returnUrl = presentation?.returnUrl ?? `${config.returnEndpoint}?launch=${encodeURIComponent(launchId)}`;

  const fields: Array<[string, string]> = [];
  const add = (name: string, value: string | undefined): void => {
    if (value !== undefined && value !== '') fields.push([name, value]);
  };
  add('lti_message_type', LTI11_MESSAGE_TYPE.BasicLtiLaunchRequest);
  add('lti_version', LTI11_VERSION);
  add('resource_link_id', resourceLink.id);
  add('resource_link_title', resourceLink.title);
  add('resource_link_description', resourceLink.description);

  add('user_id', user.id);
  add('roles', lti11Roles(request.roles).join(','));
  if (request.roleScopeMentor !== undefined && request.roleScopeMentor.length > 0) add('role_scope_mentor', request.roleScopeMentor.map(encodeURIComponent).join(','));
  // MSG-004 applied to 1.1: each personal field only when the tool may receive it.
  if (has('name')) add('lis_person_name_full', user.name);
  if (has('given_name')) add('lis_person_name_given', user.givenName);
  if (has('family_name')) add('lis_person_name_family', user.familyName);
  if (has('email')) add('lis_person_contact_email_primary', user.email);
  if (has('picture')) add('user_image', user.picture);
  if (allowPersonalData) add('lis_person_sourcedid', user.sourcedId);

  if (context !== undefined) {
    add('context_id', context.id);
    add('context_type', (context.type ?? [CONTEXT_TYPE.CourseOffering]).map(lti11ContextType).join(','));
    add('context_title', context.title);
    add('context_label', context.label);
    add('lis_course_offering_sourcedid', context.sourcedId);
  }

  const locale = presentation?.locale ?? user.locale;
  add('launch_presentation_locale', locale);
  add('launch_presentation_document_target', presentation?.documentTarget ?? 'iframe');
  add('launch_presentation_return_url', returnUrl);
  add('launch_presentation_css_url', presentation?.cssUrl);
  add('launch_presentation_width', presentation?.width === undefined ? undefined : String(presentation.width));
  add('launch_presentation_height', presentation?.height === undefined ? undefined : String(presentation.height));

  const { product } = config;
  add('tool_consumer_info_product_family_code', product.productFamilyCode);
  add('tool_consumer_info_version', product.version);
  add('tool_consumer_instance_guid', product.guid);
  add('tool_consumer_instance_name', product.name);
  add('tool_consumer_instance_description', product.description);
  add('tool_consumer_instance_url', product.url);
  add('tool_consumer_instance_contact_email', product.contactEmail);

  let resultSourcedId: string | undefined;
  if (request.outcome === true) {
    if (context === undefined) invalid('context', 'is required for outcomes: grades belong to a context (L11-005).');
    if (!options.outcomesAvailable) {
      throw new LtiError('ERR_LTI_PLATFORM_CONFIG_INVALID', { message: 'LTI 1.1 outcomes need the `ags` option (its store keeps the grades) and `lti11.resourceLinkAccess`.' });
    }
    if (credential.lti13?.clientId === undefined) {
      throw new LtiError('ERR_LTI11_TOOL_REGISTRATION_INVALID', { message: 'The LTI 1.1 tool has no reserved client id (`lti13.clientId`) to store its grades under.', detail: { field: 'lti13.clientId' } });
    }
    resultSourcedId = formatResultSourcedId({ contextId: context.id, resourceLinkId: resourceLink.id, userId: user.id });
    add('lis_outcome_service_url', config.lti11OutcomesEndpoint);
    add('lis_result_sourcedid', resultSourcedId);
  }

  // L11-003: names normalised first, so the most specific value wins even when spelled differently.
  const configured: Record<string, string> = {};
  for (const [field, custom] of [
    ['credential.customParameters', credential.customParameters],
    ['resourceLink.custom', resourceLink.custom],
    ['custom', request.custom],
  ] as const) {
    for (const [name, value] of Object.entries(checkCustom(field, custom))) configured[lti11CustomParameterName(name)] = value;
  }
  const substituted = substituteLaunchVariables(configured, request, { config, returnUrl, roles: lti11Roles(request.roles), claims });
  for (const [name, value] of Object.entries(substituted)) fields.push([name, value]);

  // What the browser will post is signed: it sends every line break of a form field as CR LF.
  const posted = fields.map(([name, value]): [string, string] => [formLineBreaks(name), formLineBreaks(value)]);
  const oauth = await signOAuth1Request({
    method: 'POST',
    url: launchUrl,
    parameters: posted,
    consumerKey: credential.consumerKey,
    consumerSecret: credential.secret,
    timestamp: clock.now(),
    callback: 'about:blank',
  });
  return {
    url: launchUrl,
    fields: [...posted, ...oauth.map(([name, value]): [string, string] => [name, value])],
    launchId,
    clientId: credential.lti13?.clientId,
    ...(resultSourcedId === undefined ? {} : { resultSourcedId }),
  };
}
