/**
 * Reads the query of a memberships request (NRPS-010): `role`, `limit`, `rlid`, and the paging and
 * differences cursors the platform itself put into its `next` and `differences` links
 * (NRPS-030, NRPS-031). Each check names its own failure code.
 *
 * @example
 * ```ts
 * const query = readMembershipQuery(new URL(request.url).searchParams, { contextId, grant, limits, differences: false });
 * ```
 * @see https://www.imsglobal.org/spec/lti-nrps/v2p0#query-parameters
 */
import { LtiError } from '../../errors.js';
import { normalizeRole } from '../../vocab/roles.js';
import type { AccessTokenGrant } from '../token/access_tokens.js';
import type { MembershipQuery, NrpsOptions } from './options.js';

/** The query parameter names: the spec's (`role`, `limit`, `rlid`) and the platform's own link parameters. */
export const MEMBERSHIP_PARAMETER = {
  role: 'role',
  limit: 'limit',
  resourceLinkId: 'rlid',
  cursor: 'cursor',
  since: 'since',
} as const;

/** Resource link ids are at most 255 characters (VAL-016); roles are URIs of reasonable length. */
const MAX_ROLE_LENGTH = 1024;
const MAX_RESOURCE_LINK_ID_LENGTH = 255;
const MAX_CURSOR_LENGTH = 1024;

export interface MembershipLimits {
  defaultLimit: number;
  maxLimit: number;
}

/**
 * The page sizes of `options`, checked once per request: positive whole numbers, the default not
 * above the maximum (a misconfiguration is `ERR_LTI_PLATFORM_CONFIG_INVALID`).
 */
export function membershipLimits(options: NrpsOptions): MembershipLimits {
  const defaultLimit = options.defaultLimit ?? 100;
  const maxLimit = options.maxLimit ?? 1000;
  if (!Number.isSafeInteger(defaultLimit) || !Number.isSafeInteger(maxLimit) || defaultLimit < 1 || maxLimit < defaultLimit) {
    throw new LtiError('ERR_LTI_PLATFORM_CONFIG_INVALID', {
      message: 'nrps.defaultLimit and nrps.maxLimit must be positive whole numbers, the default not above the maximum.',
    });
  }
  return { defaultLimit, maxLimit };
}

export function readMembershipQuery(
  parameters: URLSearchParams,
  context: { contextId: string; grant: AccessTokenGrant; limits: MembershipLimits; differences: boolean },
): MembershipQuery {
  const { contextId, grant, limits } = context;
  const role = checkRole(single(parameters, MEMBERSHIP_PARAMETER.role, 'ERR_LTI_NRPS_QUERY_INVALID'));
  const limit = checkLimit(single(parameters, MEMBERSHIP_PARAMETER.limit, 'ERR_LTI_NRPS_LIMIT_INVALID'), limits);
  const resourceLinkId = checkResourceLinkId(single(parameters, MEMBERSHIP_PARAMETER.resourceLinkId, 'ERR_LTI_NRPS_QUERY_INVALID'));
  const cursor = checkCursor(single(parameters, MEMBERSHIP_PARAMETER.cursor, 'ERR_LTI_NRPS_CURSOR_INVALID'), MEMBERSHIP_PARAMETER.cursor);
  const since = checkSince(single(parameters, MEMBERSHIP_PARAMETER.since, 'ERR_LTI_NRPS_CURSOR_INVALID'), context.differences);
  return {
    contextId,
    clientId: grant.clientId,
    ...(grant.deploymentId === undefined ? {} : { deploymentId: grant.deploymentId }),
    ...(role === undefined ? {} : { role }),
    limit,
    ...(cursor === undefined ? {} : { cursor }),
    ...(resourceLinkId === undefined ? {} : { resourceLinkId }),
    ...(since === undefined ? {} : { since }),
  };
}

/** The one value of a parameter (empty counts as absent); a repeated parameter is refused, not guessed between. */
function single(parameters: URLSearchParams, name: string, code: 'ERR_LTI_NRPS_QUERY_INVALID' | 'ERR_LTI_NRPS_LIMIT_INVALID' | 'ERR_LTI_NRPS_CURSOR_INVALID'): string | undefined {
  const values = parameters.getAll(name);
  if (values.length > 1) throw new LtiError(code, { message: `The parameter \`${name}\` is repeated (NRPS-010).`, detail: { parameter: name } });
  const value = values[0];
  return value === undefined || value === '' ? undefined : value;
}

/** NRPS-010: a full role URI; short context role names (`Learner`, `Instructor`) are expanded (ROLE-004). */
function checkRole(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value.length > MAX_ROLE_LENGTH) throw new LtiError('ERR_LTI_NRPS_QUERY_INVALID', { detail: { parameter: MEMBERSHIP_PARAMETER.role } });
  const role = normalizeRole(value);
  return role === '' ? undefined : role;
}

/** NRPS-010: a positive whole number; above the maximum it is lowered (the platform may return fewer). */
function checkLimit(value: string | undefined, limits: MembershipLimits): number {
  if (value === undefined) return limits.defaultLimit;
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1) {
    throw new LtiError('ERR_LTI_NRPS_LIMIT_INVALID', { detail: { limit: value.slice(0, 32) } });
  }
  return Math.min(Number(value), limits.maxLimit);
}

function checkResourceLinkId(value: string | undefined): string | undefined {
  if (value !== undefined && value.length > MAX_RESOURCE_LINK_ID_LENGTH) {
    throw new LtiError('ERR_LTI_NRPS_QUERY_INVALID', { detail: { parameter: MEMBERSHIP_PARAMETER.resourceLinkId } });
  }
  return value;
}

/** The cursors are the platform's own (NRPS-030): a length the platform never issues is refused here. */
function checkCursor(value: string | undefined, parameter: string): string | undefined {
  if (value !== undefined && value.length > MAX_CURSOR_LENGTH) throw new LtiError('ERR_LTI_NRPS_CURSOR_INVALID', { detail: { parameter } });
  return value;
}

/** NRPS-031: `since` only where differences are offered. */
function checkSince(value: string | undefined, differences: boolean): string | undefined {
  if (value === undefined) return undefined;
  if (!differences) throw new LtiError('ERR_LTI_NRPS_DIFFERENCES_UNSUPPORTED');
  return checkCursor(value, MEMBERSHIP_PARAMETER.since);
}
