/**
 * `LtiResourceLinkRequest`: the typed wire model and its pure validator.
 *
 * @example
 * ```ts
 * import { validateResourceLinkClaims } from 'ltikit/messages';
 * const claims = validateResourceLinkClaims(payload); // throws LtiError with the failing check's code
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/#resource-link-launch-request-message
 */
import * as v from 'valibot';
import { LtiError, type LtiErrorCode } from '../errors.js';
import { LTI_CLAIM } from '../vocab/claims.js';
import { LTI_VERSION, MESSAGE_TYPE } from '../vocab/message_types.js';
import { contextRolesOf } from '../vocab/roles.js';

/**
 * `lti:resource_link` (§4.1): the placement launched. `id` is opaque, at most 255 characters, and
 * changes when the link is copied to another context (VAL-016, MSG-005).
 *
 * @example
 * ```ts
 * const link: ResourceLinkClaim = { id: 'rl-5c8e', title: 'Week 3 quiz' };
 * ```
 */
export interface ResourceLinkClaim {
  id: string;
  title?: string;
  description?: string;
}

/**
 * `lti:context` (§4.2): the course or group the launch happens in. `id` is stable within the
 * deployment (CTX-003); `type` holds context type URIs (CTX-001).
 *
 * @example
 * ```ts
 * const context: ContextClaim = { id: 'ctx-991', label: 'MATH101', title: 'Calculus I', type: [CONTEXT_TYPE.CourseOffering] };
 * ```
 */
export interface ContextClaim {
  id: string;
  type?: string[];
  label?: string;
  title?: string;
}

/**
 * `lti:tool_platform` (§4.2): the platform instance; `guid` is required when the claim is sent
 * (MSG-003).
 *
 * @example
 * ```ts
 * const platform: ToolPlatformClaim = { guid: 'lms.example.edu', name: 'Example LMS', product_family_code: 'examplelms', version: '5.2' };
 * ```
 */
export interface ToolPlatformClaim {
  guid: string;
  name?: string;
  version?: string;
  product_family_code?: string;
  url?: string;
  contact_email?: string;
  description?: string;
}

/**
 * `lti:launch_presentation` (PRES-001): where the tool is shown and where to send the user back
 * (RET-001).
 *
 * @example
 * ```ts
 * const presentation: LaunchPresentationClaim = { document_target: 'iframe', return_url: 'https://lms.example.edu/course/991/return', locale: 'en-GB' };
 * ```
 */
export interface LaunchPresentationClaim {
  document_target?: 'iframe' | 'frame' | 'window';
  height?: number;
  width?: number;
  return_url?: string;
  locale?: string;
}

/**
 * `lti:lis` (§4.2): SIS identifiers of the person and course, sent only where the privacy settings
 * allow (MSG-004). Outcome fields do not belong here in 1.3: use `BO_CLAIM` (BO-010).
 *
 * @example
 * ```ts
 * const lis: LisClaim = { person_sourcedid: 'sis-1906', course_section_sourcedid: 'MATH101-2026-A' };
 * ```
 */
export interface LisClaim {
  person_sourcedid?: string;
  course_offering_sourcedid?: string;
  course_section_sourcedid?: string;
}

/**
 * The OIDC claims of an id_token (§3), checked by the tool before any LTI claim: `iss` (VAL-006),
 * `aud`/`azp` (VAL-007, VAL-008), `exp`/`iat` (VAL-009, VAL-010), `nonce` (VAL-011). Personal
 * claims are optional (VAL-019).
 *
 * @example
 * ```ts
 * const oidc: IdTokenClaims = { iss: 'https://lms.example.edu', aud: 'c-7731', sub: 'u-8842', exp: 1767225900, iat: 1767225600, nonce: 'n-0S6_WzA2Mj' };
 * ```
 */
export interface IdTokenClaims {
  iss: string;
  aud: string | string[];
  azp?: string;
  sub?: string;
  exp: number;
  iat: number;
  nonce: string;
  name?: string;
  given_name?: string;
  family_name?: string;
  middle_name?: string;
  email?: string;
  picture?: string;
  locale?: string;
}

/**
 * The full wire payload of an `LtiResourceLinkRequest`, keyed as the spec spells it: the required
 * claims of §4.1 (MSG-001) plus the optional ones of §4.2. Unknown claims are allowed (VAL-020).
 *
 * @example
 * ```ts
 * const linkId = payload[LTI_CLAIM.resourceLink].id;
 * const roles = payload[LTI_CLAIM.roles]; // may be empty (ROLE-003)
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/#resource-link-launch-request-message
 */
export interface ResourceLinkRequestPayload extends IdTokenClaims {
  [LTI_CLAIM.messageType]: 'LtiResourceLinkRequest';
  [LTI_CLAIM.version]: '1.3.0';
  [LTI_CLAIM.deploymentId]: string;
  [LTI_CLAIM.targetLinkUri]: string;
  [LTI_CLAIM.resourceLink]: ResourceLinkClaim;
  [LTI_CLAIM.roles]: string[];
  [LTI_CLAIM.context]?: ContextClaim;
  [LTI_CLAIM.toolPlatform]?: ToolPlatformClaim;
  [LTI_CLAIM.roleScopeMentor]?: string[];
  [LTI_CLAIM.launchPresentation]?: LaunchPresentationClaim;
  [LTI_CLAIM.lis]?: LisClaim;
  [LTI_CLAIM.custom]?: Record<string, string>;
  [claim: string]: unknown;
}

/**
 * The LTI claims common to every platform-originating message, after validation (VAL-012..017),
 * with camel-cased names for application code; the wire payload keeps the spec's names.
 *
 * @example
 * ```ts
 * const { deploymentId, contextRoles, custom } = validateCommonLaunchClaims(payload);
 * ```
 */
export interface CommonLaunchClaims {
  messageType: string;
  deploymentId: string;
  /** `sub`, absent for anonymous launches. */
  userId: string | undefined;
  /** Roles as sent (unknown and empty values kept, ROLE-002/003). */
  roles: string[];
  /** Normalised context roles, principals of sub-roles included (ROLE-004, ROLE-006). */
  contextRoles: string[];
  targetLinkUri: string | undefined;
  context: ContextClaim | undefined;
  toolPlatform: ToolPlatformClaim | undefined;
  launchPresentation: LaunchPresentationClaim | undefined;
  lis: LisClaim | undefined;
  custom: Record<string, string>;
  roleScopeMentor: string[] | undefined;
  /** Personal data, present only as far as the platform released it (VAL-019). */
  person: {
    name?: string;
    givenName?: string;
    familyName?: string;
    middleName?: string;
    email?: string;
    picture?: string;
    locale?: string;
  };
}

/**
 * A validated `LtiResourceLinkRequest`: the common claims plus its `resource_link` (VAL-016).
 *
 * @example
 * ```ts
 * const claims: ResourceLinkRequestClaims = validateResourceLinkClaims(payload);
 * claims.resourceLink.id; // 'rl-5c8e'
 * ```
 */
export interface ResourceLinkRequestClaims extends CommonLaunchClaims {
  messageType: 'LtiResourceLinkRequest';
  resourceLink: ResourceLinkClaim;
}

const optionalString = v.optional(v.string());

const ResourceLinkSchema = v.looseObject({
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(255)),
  title: v.optional(v.nullable(v.string())),
  description: v.optional(v.nullable(v.string())),
});

const ContextSchema = v.looseObject({
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(255)),
  type: v.optional(v.array(v.string())),
  label: optionalString,
  title: optionalString,
});

const ToolPlatformSchema = v.looseObject({
  guid: v.pipe(v.string(), v.minLength(1), v.maxLength(255)),
  name: optionalString,
  version: optionalString,
  product_family_code: optionalString,
  url: optionalString,
  contact_email: optionalString,
  description: optionalString,
});

const LaunchPresentationSchema = v.looseObject({
  document_target: v.optional(v.picklist(['iframe', 'frame', 'window'])),
  height: v.optional(v.number()),
  width: v.optional(v.number()),
  return_url: optionalString,
  locale: optionalString,
});

const LisSchema = v.looseObject({
  person_sourcedid: optionalString,
  course_offering_sourcedid: optionalString,
  course_section_sourcedid: optionalString,
});

// CUST-001: string values; numbers and booleans (seen from some platforms) are read as their text.
const CustomSchema = v.record(
  v.string(),
  v.pipe(
    v.union([v.string(), v.number(), v.boolean()]),
    v.transform((value) => String(value)),
  ),
);

const StringArraySchema = v.array(v.string());

function checkShape<const TSchema extends v.GenericSchema>(
  schema: TSchema,
  value: unknown,
  claim: string,
): v.InferOutput<TSchema> {
  const result = v.safeParse(schema, value);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const path = issue?.path?.map((item) => String(item.key)).join('.') ?? '';
  throw new LtiError('ERR_LTI_CLAIM_INVALID', {
    message: `The claim ${claim}${path ? ` (at \`${path}\`)` : ''} is not well-formed: ${issue?.message ?? 'invalid value'}.`,
    detail: { claim, path },
  });
}

function optionalClaim<const TSchema extends v.GenericSchema>(
  payload: Record<string, unknown>,
  claim: string,
  schema: TSchema,
): v.InferOutput<TSchema> | undefined {
  const value = payload[claim];
  return value === undefined || value === null ? undefined : checkShape(schema, value, claim);
}

function fail(code: LtiErrorCode, detail?: Record<string, unknown>): never {
  throw new LtiError(code, detail === undefined ? {} : { detail });
}

function stripNulls<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== null && item !== undefined)) as T;
}

/**
 * Validates the LTI claims shared by every platform-originating message, in a fixed order so a
 * failure always names the same check: version (VAL-012), message type present (VAL-013),
 * deployment id (VAL-014), roles (VAL-015), subject (VAL-017), then the optional claims' shapes.
 *
 * @example
 * ```ts
 * const common = validateCommonLaunchClaims(payload); // throws e.g. ERR_LTI_VERSION_UNSUPPORTED
 * if (common.messageType === MESSAGE_TYPE.LtiDeepLinkingRequest) return handleDeepLinking(common);
 * ```
 */
export function validateCommonLaunchClaims(payload: Record<string, unknown>): CommonLaunchClaims {
  const version = payload[LTI_CLAIM.version];
  if (version === undefined || version === null || version === '') fail('ERR_LTI_VERSION_MISSING');
  if (version !== LTI_VERSION) fail('ERR_LTI_VERSION_UNSUPPORTED', { version: String(version) });

  const messageType = payload[LTI_CLAIM.messageType];
  if (messageType === undefined || messageType === null || messageType === '') fail('ERR_LTI_MESSAGE_TYPE_MISSING');
  if (typeof messageType !== 'string') fail('ERR_LTI_CLAIM_INVALID', { claim: LTI_CLAIM.messageType });

  const deploymentId = payload[LTI_CLAIM.deploymentId];
  if (deploymentId === undefined || deploymentId === null || deploymentId === '') fail('ERR_LTI_DEPLOYMENT_ID_MISSING');
  if (typeof deploymentId !== 'string') fail('ERR_LTI_CLAIM_INVALID', { claim: LTI_CLAIM.deploymentId });

  const roles = payload[LTI_CLAIM.roles];
  if (roles === undefined || roles === null) fail('ERR_LTI_ROLES_MISSING');
  const roleList = checkShape(StringArraySchema, roles, LTI_CLAIM.roles);

  const sub = payload.sub;
  if (sub === '' || sub === null) fail('ERR_LTI_SUBJECT_EMPTY');
  if (sub !== undefined && typeof sub !== 'string') fail('ERR_LTI_CLAIM_INVALID', { claim: 'sub' });

  const targetLinkUri = payload[LTI_CLAIM.targetLinkUri];
  if (targetLinkUri !== undefined && typeof targetLinkUri !== 'string') {
    throw new LtiError('ERR_LTI_CLAIM_INVALID', { detail: { claim: LTI_CLAIM.targetLinkUri } });
  }

  const person: CommonLaunchClaims['person'] = {};
  const personal = [
    ['name', 'name'],
    ['given_name', 'givenName'],
    ['family_name', 'familyName'],
    ['middle_name', 'middleName'],
    ['email', 'email'],
    ['picture', 'picture'],
    ['locale', 'locale'],
  ] as const;
  for (const [claim, field] of personal) {
    const value = payload[claim];
    if (typeof value === 'string' && value !== '') person[field] = value;
  }

  return {
    messageType,
    deploymentId,
    userId: sub as string | undefined,
    roles: roleList,
    contextRoles: contextRolesOf(roleList),
    targetLinkUri: targetLinkUri as string | undefined,
    context: optionalClaim(payload, LTI_CLAIM.context, ContextSchema),
    toolPlatform: optionalClaim(payload, LTI_CLAIM.toolPlatform, ToolPlatformSchema),
    launchPresentation: optionalClaim(payload, LTI_CLAIM.launchPresentation, LaunchPresentationSchema),
    lis: optionalClaim(payload, LTI_CLAIM.lis, LisSchema),
    custom: optionalClaim(payload, LTI_CLAIM.custom, CustomSchema) ?? {},
    roleScopeMentor: optionalClaim(payload, LTI_CLAIM.roleScopeMentor, StringArraySchema),
    person,
  };
}

/**
 * VAL-016: the `resource_link` claim with a non-empty `id` (title and description optional).
 *
 * @example
 * ```ts
 * const { id } = checkResourceLinkClaim(payload); // throws ERR_LTI_RESOURCE_LINK_MISSING
 * ```
 */
export function checkResourceLinkClaim(payload: Record<string, unknown>): ResourceLinkClaim {
  const link = payload[LTI_CLAIM.resourceLink];
  if (link === undefined || link === null || typeof link !== 'object' || !(link as { id?: unknown }).id) {
    fail('ERR_LTI_RESOURCE_LINK_MISSING');
  }
  return stripNulls(checkShape(ResourceLinkSchema, link, LTI_CLAIM.resourceLink)) as ResourceLinkClaim;
}

/**
 * Validates an `LtiResourceLinkRequest` payload whose signature and OIDC claims were already checked:
 * {@link validateCommonLaunchClaims}, the message type (VAL-013), then {@link checkResourceLinkClaim}
 * (VAL-016).
 *
 * @example
 * ```ts
 * const claims = validateResourceLinkClaims(await validateIdToken(idToken, context));
 * ```
 */
export function validateResourceLinkClaims(payload: Record<string, unknown>): ResourceLinkRequestClaims {
  const common = validateCommonLaunchClaims(payload);
  if (common.messageType !== MESSAGE_TYPE.LtiResourceLinkRequest) {
    fail('ERR_LTI_MESSAGE_TYPE_UNSUPPORTED', { messageType: common.messageType });
  }
  return { ...common, messageType: 'LtiResourceLinkRequest', resourceLink: checkResourceLinkClaim(payload) };
}
