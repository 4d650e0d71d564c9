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

/** `lti:resource_link` (§4.1). */
export interface ResourceLinkClaim {
  id: string;
  title?: string;
  description?: string;
}

/** `lti:context` (§4.2). */
export interface ContextClaim {
  id: string;
  type?: string[];
  label?: string;
  title?: string;
}

/** `lti:tool_platform` (§4.2). */
export interface ToolPlatformClaim {
  guid: string;
  name?: string;
  version?: string;
  product_family_code?: string;
  url?: string;
  contact_email?: string;
  description?: string;
}

/** `lti:launch_presentation` (PRES-001). */
export interface LaunchPresentationClaim {
  document_target?: 'iframe' | 'frame' | 'window';
  height?: number;
  width?: number;
  return_url?: string;
  locale?: string;
}

/** `lti:lis` (§4.2). */
export interface LisClaim {
  person_sourcedid?: string;
  course_offering_sourcedid?: string;
  course_section_sourcedid?: string;
}

/** The OIDC claims of an id_token (§3). */
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

/** The full wire payload of an `LtiResourceLinkRequest`, keyed as the spec spells it. */
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

/** The LTI claims common to every platform-originating message, after validation. */
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

/** A validated `LtiResourceLinkRequest`. */
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

/** VAL-016: the `resource_link` claim with a non-empty `id` (title and description optional). */
export function checkResourceLinkClaim(payload: Record<string, unknown>): ResourceLinkClaim {
  const link = payload[LTI_CLAIM.resourceLink];
  if (link === undefined || link === null || typeof link !== 'object' || !(link as { id?: unknown }).id) {
    fail('ERR_LTI_RESOURCE_LINK_MISSING');
  }
  return stripNulls(checkShape(ResourceLinkSchema, link, LTI_CLAIM.resourceLink)) as ResourceLinkClaim;
}

/**
 * Validates an `LtiResourceLinkRequest` payload whose signature and OIDC claims were already checked:
 * {@link validateCommonLaunchClaims}, the message type, then {@link checkResourceLinkClaim}.
 */
export function validateResourceLinkClaims(payload: Record<string, unknown>): ResourceLinkRequestClaims {
  const common = validateCommonLaunchClaims(payload);
  if (common.messageType !== MESSAGE_TYPE.LtiResourceLinkRequest) {
    fail('ERR_LTI_MESSAGE_TYPE_UNSUPPORTED', { messageType: common.messageType });
  }
  return { ...common, messageType: 'LtiResourceLinkRequest', resourceLink: checkResourceLinkClaim(payload) };
}
