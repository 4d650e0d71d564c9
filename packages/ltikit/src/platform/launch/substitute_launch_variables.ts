/**
 * Custom parameters of a launch with its substitution variables resolved (core-security.md §7),
 * the same for an LTI 1.3 launch and an LTI 1.1 basic launch: the user, person, context, link,
 * platform, membership and message variables, personal data only as the tool's claims allow
 * (CUST-006, MSG-004).
 *
 * @example
 * ```ts
 * const custom = substituteLaunchVariables({ uid: '$User.id' }, request, { config, returnUrl, roles, claims: tool.claims });
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/#customproperty
 */
import type { PersonalDataClaim } from '../../stores/types.js';
import type { ResolvedPlatformConfig } from '../config.js';
import type { LaunchUser } from './launch_request.js';
import { substituteVariables } from './substitute_variables.js';

/**
 * The part of a launch request the shared variables are read from: both `LaunchRequest` (1.3) and
 * `Lti11LaunchRequest` (1.1) have this shape.
 *
 * @example
 * ```ts
 * const source: LaunchVariableSource = { user: { id: 'u-7' }, resourceLink: { id: 'rl-1' } };
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/#customproperty (CUST-002)
 */
export interface LaunchVariableSource {
  user: LaunchUser;
  roleScopeMentor?: string[];
  context?: { id: string; label?: string; title?: string; sourcedId?: string };
  resourceLink?: { id: string; title?: string; description?: string };
  presentation?: { documentTarget?: string; height?: number; width?: number; locale?: string };
  /** Values for further substitution variables; they win over the computed ones. */
  variables?: Record<string, string>;
}

/**
 * What {@link substituteLaunchVariables} needs besides the request.
 *
 * @example
 * ```ts
 * const options: LaunchVariableOptions = { config, returnUrl, roles: withPrincipalRoles(request.roles), claims: tool.claims };
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/#customproperty (CUST-006)
 */
export interface LaunchVariableOptions {
  config: ResolvedPlatformConfig;
  /** The launch's return URL (`$Message.returnUrl`). */
  returnUrl: string;
  /** The roles as the launch sends them (`$Membership.role`). */
  roles: readonly string[];
  /** The personal-data claims the tool may receive. */
  claims: readonly PersonalDataClaim[];
  /** Variables only this kind of launch resolves; the request's `variables` still win. */
  more?: Readonly<Record<string, string | undefined>>;
}

// CUST-006: a variable that carries the value of a personal-data claim resolves only when the tool
// may receive that claim (MSG-004), so a custom parameter cannot reveal what the claims withhold.
const VARIABLE_CLAIM: Readonly<Record<string, PersonalDataClaim>> = {
  '$Person.name.full': 'name',
  '$Person.name.given': 'given_name',
  '$Person.name.family': 'family_name',
  '$Person.name.middle': 'middle_name',
  '$Person.email.primary': 'email',
  '$User.image': 'picture',
  '$ActualPerson.name.full': 'name',
  '$ActualPerson.name.given': 'given_name',
  '$ActualPerson.name.family': 'family_name',
  '$ActualPerson.name.middle': 'middle_name',
  '$ActualPerson.email.primary': 'email',
  '$ActualUser.image': 'picture',
};

function launchVariableValues(request: LaunchVariableSource, options: LaunchVariableOptions): Record<string, string | undefined> {
  const { user, context, resourceLink, presentation } = request;
  const { product } = options.config;
  const values: Record<string, string | undefined> = {
    '$User.id': user.id,
    '$User.username': user.username,
    '$User.image': user.picture,
    '$User.scope.mentor': request.roleScopeMentor?.join(','),
    '$Person.sourcedId': user.sourcedId,
    '$Person.name.full': user.name,
    '$Person.name.given': user.givenName,
    '$Person.name.family': user.familyName,
    '$Person.name.middle': user.middleName,
    '$Person.email.primary': user.email,
    '$Context.id': context?.id,
    '$Context.label': context?.label,
    '$Context.title': context?.title,
    '$Context.sourcedId': context?.sourcedId,
    '$ResourceLink.id': resourceLink?.id,
    '$ResourceLink.title': resourceLink?.title,
    '$ResourceLink.description': resourceLink?.description,
    '$ToolPlatform.productFamilyCode': product.productFamilyCode,
    '$ToolPlatform.version': product.version,
    '$ToolPlatformInstance.guid': product.guid,
    '$ToolPlatformInstance.name': product.name,
    '$ToolPlatformInstance.description': product.description,
    '$ToolPlatformInstance.url': product.url,
    '$ToolPlatformInstance.contactEmail': product.contactEmail,
    '$Membership.role': options.roles.join(','),
    '$Message.returnUrl': options.returnUrl,
    '$Message.documentTarget': presentation?.documentTarget,
    '$Message.height': presentation?.height === undefined ? undefined : String(presentation.height),
    '$Message.width': presentation?.width === undefined ? undefined : String(presentation.width),
    '$Message.locale': presentation?.locale ?? user.locale,
    ...options.more,
    ...request.variables,
  };
  for (const [variable, claim] of Object.entries(VARIABLE_CLAIM)) if (!options.claims.includes(claim)) values[variable] = undefined;
  return values;
}

/**
 * Resolves the substitution variables in a launch's custom parameters (CUST-002): the variables
 * every launch knows, the launch kind's `more`, then the request's own `variables`. Personal-data
 * variables stay literal unless the tool may receive the claim they carry, and all of them when
 * it may receive no personal data (CUST-006); unknown ones stay literal (CUST-003).
 *
 * @example
 * ```ts
 * substituteLaunchVariables({ who: '$Person.name.full' }, { user: { id: 'u-7', name: 'Ada' } }, { config, returnUrl, roles: [], claims: [] });
 * // → { who: '$Person.name.full' }
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/#customproperty (CUST-002, CUST-003, CUST-006)
 */
export function substituteLaunchVariables(custom: Record<string, string>, request: LaunchVariableSource, options: LaunchVariableOptions): Record<string, string> {
  const allowPersonalData = options.claims.some((claim) => claim !== 'locale');
  return substituteVariables(custom, launchVariableValues(request, options), { allowPersonalData });
}
