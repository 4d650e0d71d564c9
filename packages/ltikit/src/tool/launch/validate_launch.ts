/**
 * Validates a launch POST at the tool's redirect URI (CORE-020) end to end: browser binding of the
 * state, the id_token (JOSE + OIDC), single use of the nonce, and the LTI claims of the message type.
 *
 * @example
 * ```ts
 * const launch = await validateLaunch({ idToken, state, cookies }, context);
 * launch.resourceLink?.id; launch.contextRoles;
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/#message-validation
 */
import type { JWTPayload } from 'jose';
import { LtiError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import { timingSafeEqualStrings } from '../../lib/timing_safe_equal.js';
import type { RemoteJwksCache } from '../../keys/remote_jwks.js';
import {
  type CommonLaunchClaims,
  type ResourceLinkClaim,
  validateCommonLaunchClaims,
  checkResourceLinkClaim,
} from '../../messages/resource_link.js';
import { type DeepLinkingSettingsClaim, checkDeepLinkingSettingsClaim } from '../../messages/deep_linking.js';
import type { Lti11CredentialStore, PlatformRegistration, PlatformRegistrationStore, SingleUseStore } from '../../stores/types.js';
import { LTI_CLAIM } from '../../vocab/claims.js';
import { MESSAGE_TYPE } from '../../vocab/message_types.js';
import type { ResolvedToolConfig } from '../config.js';
import { type LoginState, STATE_KIND, findRegistration, isAllowedTargetLinkUri, stateCookieName } from '../login/initiate_login.js';
import { checkNoncePresent, validateIdToken } from './validate_id_token.js';
import { acceptsFirstDeployment, recordFirstDeployment } from '../registration/record_first_deployment.js';
import { type Lti1p1Migration, linkLti1p1Migration, verifyLti1p1Migration } from './verify_lti1p1_migration.js';

/**
 * A validated launch: the typed view of the message plus the raw claims. Decide privileges from
 * `contextRoles` (ROLE-006); unknown claims are kept in `claims`, never refused (VAL-020).
 *
 * @example
 * ```ts
 * onLaunch: (launch) => (launch.contextRoles.includes(CONTEXT_ROLE.Instructor) ? teacherView(launch) : studentView(launch)),
 * ```
 */
export interface LtiLaunch extends CommonLaunchClaims {
  issuer: string;
  clientId: string;
  /** Present for `LtiResourceLinkRequest`. */
  resourceLink: ResourceLinkClaim | undefined;
  /**
   * Present for `LtiDeepLinkingRequest` (DL-010): what the platform accepts back and where; answer
   * with `tool.createDeepLinkingResponse(launch, items)`.
   */
  deepLinking: DeepLinkingSettingsClaim | undefined;
  /** The verified payload, for claims ltikit does not model. */
  claims: JWTPayload & Record<string, unknown>;
  /** The registration the launch came through (for services later). */
  registration: PlatformRegistration;
  /**
   * LTI 1.1 → 1.3 migration (MIG-004): the outcome of the launch's `lti1p1` claim, checked against
   * `stores.lti11` — `verified` with the consumer key and the 1.1 user, context and link ids (the
   * credential is then linked to this registration and deployment, MIG-005), or `refused` with
   * the failed check's code. `undefined` when the launch carries no such claim.
   */
  lti1p1: Lti1p1Migration | undefined;
}

export interface LaunchContext {
  config: ResolvedToolConfig;
  singleUse: SingleUseStore;
  platforms: PlatformRegistrationStore;
  jwksCache: RemoteJwksCache;
  clock: Clock;
  /** The tool's LTI 1.1 credentials, against which `lti1p1` claims are checked (MIG-004). */
  lti11?: Lti11CredentialStore;
}

/**
 * The launch POST's form fields (CORE-020) and the request's cookies. A platform that refused the
 * login posts `error` instead of an id_token (OIDC-024).
 *
 * @example
 * ```ts
 * const form = new URLSearchParams(await request.text());
 * const input: LaunchInput = { idToken: form.get('id_token') ?? undefined, state: form.get('state') ?? undefined, cookies };
 * ```
 */
export interface LaunchInput {
  idToken: string | undefined;
  state: string | undefined;
  /** OIDC-024: `error` and `error_description` posted by the platform instead of an id_token. */
  error?: string | undefined;
  errorDescription?: string | undefined;
  /** The request's cookies (name → value). */
  cookies: Map<string, string>;
}

const NONCE_USED_KIND = 'lti_nonce_used';

/** Return URLs read from verified tokens whose launch then failed, for RET-003 (never from unverified input). */
const verifiedReturnUrls = new WeakMap<LtiError, string>();

/** The platform's `return_url` of a launch that failed after its signature verified (RET-003). */
export function verifiedReturnUrlOf(error: unknown): string | undefined {
  return error instanceof LtiError ? verifiedReturnUrls.get(error) : undefined;
}

/**
 * VAL-002, OIDC-011: the state must come back in the cookie set at login, in this same browser.
 *
 * @example
 * ```ts
 * checkStateBoundToBrowser(state, cookies); // throws ERR_LTI_STATE_MISMATCH when the browser dropped the cookie
 * ```
 */
export function checkStateBoundToBrowser(state: string, cookies: Map<string, string>): void {
  const bound = cookies.get(stateCookieName(state));
  if (bound === undefined || !timingSafeEqualStrings(bound, state)) throw new LtiError('ERR_LTI_STATE_MISMATCH');
}

export { timingSafeEqualStrings } from '../../lib/timing_safe_equal.js';

function readState(raw: string | undefined): LoginState {
  if (raw === undefined) throw new LtiError('ERR_LTI_STATE_UNKNOWN');
  return JSON.parse(raw) as LoginState;
}

/**
 * Validates one launch POST (CORE-020): state, id_token, nonce and LTI claims (VAL-001..021).
 * Throws an {@link LtiError} naming the failed check.
 *
 * @example
 * ```ts
 * const launch = await validateLaunch({ idToken, state, cookies }, { config, singleUse, platforms, jwksCache, clock });
 * ```
 * @see https://www.imsglobal.org/spec/lti/v1p3/#message-validation
 */
export async function validateLaunch(input: LaunchInput, context: LaunchContext): Promise<LtiLaunch> {
  const { config, clock } = context;
  if (input.idToken === undefined && input.error !== undefined) {
    throw new LtiError('ERR_LTI_PLATFORM_REFUSED_LOGIN', {
      message: `The platform refused the login (${input.error}): ${(input.errorDescription ?? 'no description').slice(0, 300)}`,
      detail: { error: input.error },
    });
  }
  if (input.idToken === undefined) throw new LtiError('ERR_LTI_ID_TOKEN_MISSING');
  if (input.state === undefined) throw new LtiError('ERR_LTI_STATE_MISSING');
  checkStateBoundToBrowser(input.state, input.cookies);

  // The state is read, not yet spent: a forged or broken token posted with someone's state must not
  // be able to burn their login. It is consumed once the token is verified and its nonce matches.
  const login = readState(await context.singleUse.peek(STATE_KIND, input.state));
  const registration = await findRegistration(context.platforms, login.issuer, login.clientId);

  const payload = await validateIdToken(input.idToken, {
    registration,
    jwksCache: context.jwksCache,
    clock,
    clockToleranceSeconds: config.clockToleranceSeconds,
    maxTokenAgeSeconds: config.maxTokenAgeSeconds,
    trustedAudiences: config.trustedAudiences,
  });

  try {
    return await checkVerifiedLaunch(payload, input.state, login, registration, context);
  } catch (error) {
    const presentation = (payload as Record<string, unknown>)[LTI_CLAIM.launchPresentation] as { return_url?: unknown } | undefined;
    if (error instanceof LtiError && typeof presentation?.return_url === 'string') verifiedReturnUrls.set(error, presentation.return_url);
    throw error;
  }
}

/** The checks that follow a verified signature: nonce, LTI claims, deployment, target link. */
async function checkVerifiedLaunch(
  payload: JWTPayload,
  state: string,
  login: LoginState,
  registration: PlatformRegistration,
  context: LaunchContext,
): Promise<LtiLaunch> {
  const { config } = context;
  // VAL-011: the nonce is the one issued with this state, and is used once.
  // Compared before it is recorded, so a token posted with someone else's state cannot burn it.
  const nonce = checkNoncePresent(payload);
  if (!timingSafeEqualStrings(nonce, login.nonce)) throw new LtiError('ERR_LTI_NONCE_MISMATCH');
  // Spend the state now, atomically: of two concurrent posts of one launch, one alone gets past.
  if ((await context.singleUse.consume(STATE_KIND, state)) === undefined) throw new LtiError('ERR_LTI_STATE_UNKNOWN');
  // The state is single-use already; the used-nonce record also holds when a store hands a state
  // out twice (a replica lagging behind), until the token could no longer be accepted anyway.
  const firstUse = await context.singleUse.remember(
    NONCE_USED_KIND,
    nonce,
    (payload.exp as number) + config.clockToleranceSeconds + config.maxTokenAgeSeconds,
  );
  if (!firstUse) throw new LtiError('ERR_LTI_NONCE_REPLAYED');

  const record = payload as JWTPayload & Record<string, unknown>;
  const common = validateCommonLaunchClaims(record);
  if (!config.messageTypes.includes(common.messageType)) {
    throw new LtiError('ERR_LTI_MESSAGE_TYPE_UNSUPPORTED', { detail: { message_type: common.messageType } });
  }
  // VAL-014, CORE-005; DR-037: a registration without deployments may take the first launch's.
  const firstDeployment = !registration.deploymentIds.includes(common.deploymentId) && acceptsFirstDeployment(registration);
  if (!registration.deploymentIds.includes(common.deploymentId) && !firstDeployment) {
    throw new LtiError('ERR_LTI_DEPLOYMENT_UNKNOWN', { detail: { deployment_id: common.deploymentId } });
  }
  if (login.deploymentId !== undefined && login.deploymentId !== common.deploymentId) {
    throw new LtiError('ERR_LTI_DEPLOYMENT_MISMATCH', { detail: { deployment_id: common.deploymentId } });
  }
  if (common.userId === undefined && !config.allowAnonymous) throw new LtiError('ERR_LTI_SUBJECT_REQUIRED');

  let resourceLink: ResourceLinkClaim | undefined;
  if (common.messageType === MESSAGE_TYPE.LtiResourceLinkRequest) {
    resourceLink = checkResourceLinkClaim(record);
  }
  // DL-010: a Deep Linking request carries its settings with a return URL.
  let deepLinking: DeepLinkingSettingsClaim | undefined;
  if (common.messageType === MESSAGE_TYPE.LtiDeepLinkingRequest) {
    deepLinking = checkDeepLinkingSettingsClaim(record);
  }

  // §4.1: a resource link launch names where it ends (OIDC-006 lets other messages omit it).
  if (common.targetLinkUri === undefined && common.messageType === MESSAGE_TYPE.LtiResourceLinkRequest) {
    throw new LtiError('ERR_LTI_TARGET_LINK_URI_MISSING');
  }
  // VAL-018, OIDC-005: the launch ends where the login said, which is one of the tool's own URLs.
  if (common.targetLinkUri !== undefined) {
    if (common.targetLinkUri !== login.targetLinkUri) {
      throw new LtiError('ERR_LTI_TARGET_LINK_URI_MISMATCH', { detail: { target_link_uri: common.targetLinkUri } });
    }
    if (!isAllowedTargetLinkUri(common.targetLinkUri, config.allowedTargetLinkUris)) {
      throw new LtiError('ERR_LTI_TARGET_LINK_URI_NOT_ALLOWED', { detail: { target_link_uri: common.targetLinkUri } });
    }
  }

  // MIG-004: checked once the launch itself is valid. A failed check leaves a valid 1.3 launch valid
  // (the outcome says why nothing was linked) unless the tool requires migrations to succeed.
  const migrationIds = {
    issuer: registration.issuer,
    clientId: registration.clientId,
    deploymentId: common.deploymentId,
    userId: common.userId,
    contextId: common.context?.id,
    resourceLinkId: resourceLink?.id,
  };
  let lti1p1 = record[LTI_CLAIM.lti1p1] === undefined ? undefined : await verifyLti1p1Migration(record, migrationIds, context.lti11);
  if (lti1p1?.status === 'refused' && config.lti1p1Migration === 'enforce') throw new LtiError(lti1p1.code, { message: lti1p1.message });

  // DR-037: recorded once every other check passed, so a refused launch records nothing.
  const launchRegistration = firstDeployment ? await recordFirstDeployment(registration, common.deploymentId, context) : registration;

  // MIG-005: the link is the last write, once nothing can refuse the launch any more.
  if (lti1p1?.status === 'verified' && context.lti11 !== undefined) {
    lti1p1 = await linkLti1p1Migration(lti1p1, record, migrationIds, context.lti11);
    if (lti1p1.status === 'refused' && config.lti1p1Migration === 'enforce') throw new LtiError(lti1p1.code, { message: lti1p1.message });
  }

  // Every field spelled out, in one order: a spread that then overrides a key makes V8 build a
  // slow (dictionary) object, which cost more per launch than all the claim checks together.
  return {
    messageType: common.messageType,
    deploymentId: common.deploymentId,
    userId: common.userId,
    roles: common.roles,
    contextRoles: common.contextRoles,
    targetLinkUri: common.targetLinkUri ?? login.targetLinkUri,
    context: common.context,
    toolPlatform: common.toolPlatform,
    launchPresentation: common.launchPresentation,
    lis: common.lis,
    custom: common.custom,
    roleScopeMentor: common.roleScopeMentor,
    person: common.person,
    issuer: registration.issuer,
    clientId: registration.clientId,
    resourceLink,
    deepLinking,
    claims: record,
    registration: launchRegistration,
    lti1p1,
  };
}
