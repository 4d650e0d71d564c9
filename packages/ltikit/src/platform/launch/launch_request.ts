/**
 * What a platform application asks for when it launches a tool, and the id_token built from it.
 *
 * @example
 * ```ts
 * const { loginUrl } = await platform.createLaunch({
 *   clientId: 'c-7731', deploymentId: 'dep-01',
 *   user: { id: 'u-8842', name: 'Ada Lovelace', email: 'ada@example.edu' },
 *   roles: [CONTEXT_ROLE.Instructor],
 *   context: { id: 'ctx-991', label: 'MATH101', title: 'Calculus I' },
 *   resourceLink: { id: 'rl-5c8e', title: 'Week 3 quiz' },
 * });
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/#resource-link-launch-request-message
 */
import { LtiError } from '../../errors.js';
import type { LisClaim, ResourceLinkRequestPayload } from '../../messages/resource_link.js';
import type { ToolRegistration } from '../../stores/types.js';
import { DL_CLAIM, LTI_CLAIM, OIDC_PERSONAL_CLAIMS } from '../../vocab/claims.js';
import { CONTEXT_TYPE } from '../../vocab/context_types.js';
import { LTI_VERSION, MESSAGE_TYPE } from '../../vocab/message_types.js';
import { withPrincipalRoles } from '../../vocab/roles.js';
import type { ResolvedPlatformConfig } from '../config.js';
import type { DeepLinkingRequestSettings } from './deep_linking_request.js';
import { serviceClaims } from './service_claims.js';
import { substituteLaunchVariables } from './substitute_launch_variables.js';

/**
 * The user a launch is for. `id` becomes `sub` and the `login_hint` (OIDC-023); the personal fields
 * are sent only as the tool's registration allows (MSG-004).
 *
 * @example
 * ```ts
 * const user: LaunchUser = { id: 'u-8842', name: 'Ada Lovelace', email: 'ada@example.edu', locale: 'en-GB' };
 * ```
 */
export interface LaunchUser {
  /** Becomes `sub`: stable, opaque, never reassigned (§4.1). Also the `login_hint`. */
  id: string;
  name?: string;
  givenName?: string;
  familyName?: string;
  middleName?: string;
  email?: string;
  picture?: string;
  locale?: string;
  username?: string;
  sourcedId?: string;
}

/**
 * What the platform application passes to `platform.createLaunch()`: who launches which link of
 * which deployment, in which context and roles. The platform adds the claims it owns (`iss`,
 * `nonce`, `tool_platform` …) and merges custom parameters, the most specific winning (CUST-004).
 *
 * @example
 * ```ts
 * const request: LaunchRequest = { clientId: 'c-7731', deploymentId: 'dep-01', user: { id: 'u-8842' },
 *   roles: [CONTEXT_ROLE.Instructor], context: { id: 'ctx-991', title: 'Calculus I' }, resourceLink: { id: 'rl-5c8e' } };
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/#resource-link-launch-request-message
 */
export interface LaunchRequest {
  clientId: string;
  deploymentId: string;
  /**
   * Default `LtiResourceLinkRequest`. `LtiDeepLinkingRequest` asks the tool for content: give
   * `deepLinking` and no `resourceLink` (DL-001, DL-003).
   */
  messageType?: 'LtiResourceLinkRequest' | 'LtiDeepLinkingRequest';
  user: LaunchUser;
  /** Role URIs (ROLE-001); principals of sub-roles are added (ROLE-005). */
  roles: string[];
  context?: {
    id: string;
    label?: string;
    title?: string;
    /** Context type URIs (CTX-001). Default CourseOffering. */
    type?: string[];
    sourcedId?: string;
    /** Ids of the contexts this one was copied from, most recent first (MSG-005). */
    idHistory?: string[];
  };
  /** Required for `LtiResourceLinkRequest`; absent for `LtiDeepLinkingRequest`, which no link is tied to. */
  resourceLink?: {
    id: string;
    title?: string;
    description?: string;
    /** Link-level custom parameters; they win over the registration's (CUST-004). */
    custom?: Record<string, string>;
    idHistory?: string[];
  };
  /**
   * What an `LtiDeepLinkingRequest` offers (DL-001): the platform adds `deep_link_return_url`, its
   * own return route, and remembers `data` and the offer to check the response (DL-054, DL-055).
   */
  deepLinking?: DeepLinkingRequestSettings;
  /** Where the launch ends; default the link's or the tool's `targetLinkUri`. */
  targetLinkUri?: string;
  presentation?: {
    documentTarget?: 'iframe' | 'frame' | 'window';
    height?: number;
    width?: number;
    locale?: string;
  };
  roleScopeMentor?: string[];
  lis?: LisClaim;
  /** Message-level custom parameters; they win over link and registration values. */
  custom?: Record<string, string>;
  /** Values for further substitution variables (e.g. `$CourseSection.timeFrame.end`). */
  variables?: Record<string, string>;
  /**
   * The id of the one line item bound to this resource link, if there is exactly one (AGS-002):
   * the launch's AGS claim then carries its URL as `lineitem`.
   */
  lineItemId?: string;
  /**
   * The LTI 1.1 ids of this launch where they differ from the 1.3 ones (MIG-003): the 1.1 `user_id`,
   * `context_id` and `resource_link_id` the tool knew before the upgrade. Sent in the `lti1p1` claim
   * of tools whose registration names an `lti11ConsumerKey`, each only when it differs from `sub`,
   * `context.id` or `resource_link.id`; ignored for other tools.
   */
  lti1p1?: { userId?: string; contextId?: string; resourceLinkId?: string };
  /** Further claims, added as given. */
  claims?: Record<string, unknown>;
}

/**
 * A launch waiting for its authentication request, stored under its single-use, short-lived
 * `lti_message_hint` (CORE-023).
 *
 * @example
 * ```ts
 * const claims = buildResourceLinkPayload(pending, tool, { nonce, now: clock.now(), config });
 * ```
 */
export interface PendingLaunch {
  launchId: string;
  request: LaunchRequest;
  targetLinkUri: string;
  issuedAt: number;
}

/**
 * Checks the fields a launch cannot go without, naming the missing one, and refuses extra `claims`
 * that would replace what the platform computes (`iss`, `nonce`, the LTI message claims), so the
 * required claims are always its own (MSG-001).
 *
 * @example
 * ```ts
 * checkLaunchRequest({ ...request, claims: { nonce: 'n-1' } }); // throws ERR_LTI_LAUNCH_INPUT_INVALID
 * ```
 */
export function checkLaunchRequest(request: LaunchRequest): void {
  const missing = (field: string): never => {
    throw new LtiError('ERR_LTI_LAUNCH_INPUT_INVALID', { message: `The launch request has no \`${field}\`.`, detail: { field } });
  };
  if (!request.clientId) missing('clientId');
  if (!request.deploymentId) missing('deploymentId');
  if (!request.user?.id) missing('user.id');
  if (request.messageType !== undefined && request.messageType !== 'LtiResourceLinkRequest' && request.messageType !== 'LtiDeepLinkingRequest') {
    throw new LtiError('ERR_LTI_LAUNCH_INPUT_INVALID', { message: 'The launch `messageType` must be LtiResourceLinkRequest or LtiDeepLinkingRequest.', detail: { field: 'messageType' } });
  }
  // A Deep Linking request is not tied to a link (deep-linking.md §1.1); its own input is checked by checkDeepLinkingLaunchRequest.
  if (request.messageType !== 'LtiDeepLinkingRequest' && !request.resourceLink?.id) missing('resourceLink.id');
  if (!Array.isArray(request.roles)) missing('roles');
  if (request.context !== undefined && !request.context.id) missing('context.id');
  checkLegacyIds(request.lti1p1);
  for (const claim of Object.keys(request.claims ?? {})) {
    if (RESERVED_CLAIMS.has(claim) || OIDC_PERSONAL_CLAIMS.includes(claim as (typeof OIDC_PERSONAL_CLAIMS)[number])) {
      throw new LtiError('ERR_LTI_LAUNCH_INPUT_INVALID', {
        message: `The claim \`${claim}\` is set by the platform itself and cannot be given in \`claims\`.`,
        detail: { field: `claims.${claim}` },
      });
    }
  }
}

/** MIG-003: the 1.1 ids, when given, are non-empty strings. */
function checkLegacyIds(legacy: LaunchRequest['lti1p1']): void {
  if (legacy === undefined) return;
  if (typeof legacy !== 'object' || legacy === null || Array.isArray(legacy)) {
    throw new LtiError('ERR_LTI_LAUNCH_INPUT_INVALID', { message: 'The launch `lti1p1` must be an object of 1.1 ids.', detail: { field: 'lti1p1' } });
  }
  for (const member of ['userId', 'contextId', 'resourceLinkId'] as const) {
    const value: unknown = legacy[member];
    if (value !== undefined && (typeof value !== 'string' || value === '')) {
      throw new LtiError('ERR_LTI_LAUNCH_INPUT_INVALID', { message: `The launch \`lti1p1.${member}\` must be a non-empty string.`, detail: { field: `lti1p1.${member}` } });
    }
  }
}

/**
 * Claims the platform computes: extra `claims` may add service endpoints and extensions, never
 * replace who, for whom, when or what (`iss`, `aud`, `nonce`, the LTI message claims …).
 */
const RESERVED_CLAIMS: ReadonlySet<string> = new Set([
  'iss',
  'aud',
  'azp',
  'sub',
  'exp',
  'iat',
  'nbf',
  'jti',
  'nonce',
  LTI_CLAIM.messageType,
  LTI_CLAIM.version,
  LTI_CLAIM.deploymentId,
  LTI_CLAIM.targetLinkUri,
  LTI_CLAIM.resourceLink,
  LTI_CLAIM.roles,
  LTI_CLAIM.context,
  LTI_CLAIM.toolPlatform,
  LTI_CLAIM.launchPresentation,
  LTI_CLAIM.custom,
  LTI_CLAIM.lis,
  LTI_CLAIM.roleScopeMentor,
  DL_CLAIM.deepLinkingSettings,
  // MIG-001: signed over this very token by the platform, from the tool's registration.
  LTI_CLAIM.lti1p1,
]);

const has = (tool: ToolRegistration, claim: ToolRegistration['claims'][number]): boolean => tool.claims.includes(claim);

/**
 * Builds the id_token payload of a resource-link launch (MSG-001..004, OIDC-031).
 *
 * @example
 * ```ts
 * const claims = buildResourceLinkPayload(pending, tool, { nonce, now: clock.now(), config });
 * const idToken = await keys.sign(claims);
 * ```
 */
export function buildResourceLinkPayload(
  pending: PendingLaunch,
  tool: ToolRegistration,
  options: { nonce: string; now: number; config: ResolvedPlatformConfig },
): ResourceLinkRequestPayload {
  const { request } = pending;
  const { config, now } = options;
  const { user } = request;
  const returnUrl = `${config.returnEndpoint}?launch=${encodeURIComponent(pending.launchId)}`;
  const allowPersonalData = tool.claims.some((claim) => claim !== 'locale');

  const payload: ResourceLinkRequestPayload = {
    iss: config.issuer,
    aud: tool.clientId,
    azp: tool.clientId,
    sub: user.id,
    exp: now + config.idTokenLifetimeSeconds,
    iat: now,
    nonce: options.nonce,
    [LTI_CLAIM.messageType]: MESSAGE_TYPE.LtiResourceLinkRequest,
    [LTI_CLAIM.version]: LTI_VERSION,
    [LTI_CLAIM.deploymentId]: request.deploymentId,
    [LTI_CLAIM.targetLinkUri]: pending.targetLinkUri,
    // (An LtiDeepLinkingRequest has no link: buildDeepLinkingRequestPayload removes this claim.)
    [LTI_CLAIM.resourceLink]: {
      id: request.resourceLink?.id ?? '',
      ...(request.resourceLink?.title === undefined ? {} : { title: request.resourceLink.title }),
      ...(request.resourceLink?.description === undefined ? {} : { description: request.resourceLink.description }),
    },
    [LTI_CLAIM.roles]: withPrincipalRoles(request.roles),
  };

  // MSG-004: personal data only as the tool's privacy setting allows.
  if (has(tool, 'name') && user.name !== undefined) payload.name = user.name;
  if (has(tool, 'given_name') && user.givenName !== undefined) payload.given_name = user.givenName;
  if (has(tool, 'family_name') && user.familyName !== undefined) payload.family_name = user.familyName;
  if (has(tool, 'middle_name') && user.middleName !== undefined) payload.middle_name = user.middleName;
  if (has(tool, 'email') && user.email !== undefined) payload.email = user.email;
  if (has(tool, 'picture') && user.picture !== undefined) payload.picture = user.picture;
  const locale = request.presentation?.locale ?? user.locale;
  if (has(tool, 'locale') && locale !== undefined) payload.locale = locale;

  if (request.context !== undefined) {
    const { context } = request;
    payload[LTI_CLAIM.context] = {
      id: context.id,
      type: context.type ?? [CONTEXT_TYPE.CourseOffering],
      ...(context.label === undefined ? {} : { label: context.label }),
      ...(context.title === undefined ? {} : { title: context.title }),
    };
  }

  const { product } = config;
  payload[LTI_CLAIM.toolPlatform] = {
    guid: product.guid,
    ...(product.name === undefined ? {} : { name: product.name }),
    ...(product.version === undefined ? {} : { version: product.version }),
    ...(product.productFamilyCode === undefined ? {} : { product_family_code: product.productFamilyCode }),
    ...(product.url === undefined ? {} : { url: product.url }),
    ...(product.contactEmail === undefined ? {} : { contact_email: product.contactEmail }),
    ...(product.description === undefined ? {} : { description: product.description }),
  };

  payload[LTI_CLAIM.launchPresentation] = {
    document_target: request.presentation?.documentTarget ?? 'iframe',
    return_url: returnUrl,
    ...(request.presentation?.height === undefined ? {} : { height: request.presentation.height }),
    ...(request.presentation?.width === undefined ? {} : { width: request.presentation.width }),
    ...(locale === undefined ? {} : { locale }),
  };

  if (request.lis !== undefined && allowPersonalData) payload[LTI_CLAIM.lis] = request.lis;
  if (request.roleScopeMentor !== undefined && request.roleScopeMentor.length > 0) {
    payload[LTI_CLAIM.roleScopeMentor] = request.roleScopeMentor; // ROLE-007
  }

  const configured = { ...tool.customParameters, ...request.resourceLink?.custom, ...request.custom };
  if (Object.keys(configured).length > 0) {
    payload[LTI_CLAIM.custom] = substituteLaunchVariables(configured, request, {
      config,
      returnUrl,
      roles: withPrincipalRoles(request.roles),
      claims: tool.claims,
      // Variables a 1.3 launch has beyond those of a 1.1 launch: context types and id histories (MSG-005).
      more: {
        '$Context.type': request.context === undefined ? undefined : (request.context.type ?? [CONTEXT_TYPE.CourseOffering]).join(','),
        '$Context.id.history': request.context === undefined ? undefined : (request.context.idHistory ?? []).map(encodeURIComponent).join(','),
        '$ResourceLink.id.history': request.resourceLink === undefined ? undefined : (request.resourceLink.idHistory ?? []).map(encodeURIComponent).join(','),
      },
    });
  }

  Object.assign(payload, serviceClaims(request, tool, config));

  for (const [claim, value] of Object.entries(request.claims ?? {})) {
    if (value !== undefined && value !== null) payload[claim] = value;
  }
  return payload;
}
