/**
 * Third-party initiated login, platform side (Security Framework step 1; OIDC-002): stores the
 * launch under a single-use, short-lived `lti_message_hint` bound to the user and the tool
 * (CORE-023), and builds the tool's login initiation URL.
 *
 * @example
 * ```ts
 * const { loginUrl, parameters } = await issueLoginInitiation(request, context);
 * ```
 */
import { LtiError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import { randomToken } from '../../lib/random.js';
import type { AgsStore, Lti11CredentialStore, SingleUseStore, ToolRegistration, ToolRegistrationStore } from '../../stores/types.js';
import { findLaunchLineItem } from '../ags/find_launch_line_item.js';
import type { ResolvedPlatformConfig } from '../config.js';
import { type LaunchRequest, type PendingLaunch, checkLaunchRequest } from '../launch/launch_request.js';
import { checkDeepLinkingLaunchRequest, isDeepLinkingLaunch } from '../launch/deep_linking_request.js';
import { findLti1p1Credential } from '../launch/build_lti1p1_claim.js';

export const MESSAGE_HINT_KIND = 'lti_message_hint';

/**
 * A launch issued by the platform (OIDC-002): the tool's login initiation URL carrying `iss`,
 * `login_hint`, `target_link_uri`, `lti_message_hint`, `client_id` and `lti_deployment_id`, for a
 * GET redirect or an auto-submitted POST form (OIDC-001).
 *
 * @example
 * ```ts
 * const { loginUrl } = await platform.createLaunch(request);
 * return Response.redirect(loginUrl, 302);
 * ```
 */
export interface LoginInitiation {
  /** The tool's login initiation URL with every parameter in the query (GET). */
  loginUrl: string;
  /** The same parameters, for an auto-submitted POST form instead. */
  parameters: Record<string, string>;
  /** The tool's login initiation URL without parameters. */
  initiateLoginUri: string;
  launchId: string;
  tool: ToolRegistration;
}

export interface InitiationContext {
  config: ResolvedPlatformConfig;
  tools: ToolRegistrationStore;
  singleUse: SingleUseStore;
  clock: Clock;
  /** The AGS store, when the platform serves AGS: a launch then names its link's one line item (AGS-002). */
  ags?: AgsStore;
  /** LTI 1.1 credentials: a tool registered with `lti11ConsumerKey` needs its key here (MIG-001). */
  lti11?: Lti11CredentialStore;
}

/**
 * Issues a launch: the first step the platform takes, before the browser reaches the tool (OIDC-002).
 * The `lti_message_hint` is single-use and expires after `messageHintLifetimeSeconds` (CORE-023).
 * A tool still waiting for review is refused (`ERR_LTI_AUTH_CLIENT_PENDING`, DR-033).
 *
 * @example
 * ```ts
 * const { loginUrl, parameters } = await issueLoginInitiation(request, { config, tools, singleUse, clock });
 * ```
 */
export async function issueLoginInitiation(request: LaunchRequest, context: InitiationContext): Promise<LoginInitiation> {
  checkLaunchRequest(request);
  const deepLinking = isDeepLinkingLaunch(request);
  if (deepLinking) checkDeepLinkingLaunchRequest(request);
  const tool = await context.tools.getTool(request.clientId);
  if (tool === undefined) throw new LtiError('ERR_LTI_TOOL_UNKNOWN', { detail: { client_id: request.clientId } });
  // DR-033: a tool waiting for review is not launched, so the browser is never sent to the login
  // URL it declared itself (the authorization endpoint refuses it again).
  if (tool.status === 'pending') throw new LtiError('ERR_LTI_AUTH_CLIENT_PENDING', { detail: { client_id: tool.clientId } });
  if (!tool.deploymentIds.includes(request.deploymentId)) {
    throw new LtiError('ERR_LTI_TOOL_DEPLOYMENT_UNKNOWN', { detail: { deployment_id: request.deploymentId } });
  }
  // MIG-001: a key the platform cannot sign with is a configuration error, reported here rather
  // than as a broken launch at the authorization endpoint.
  await findLti1p1Credential(tool, context.lti11);
  const now = context.clock.now();
  const launchId = randomToken(16);
  const messageHint = randomToken(32);
  // AGS-002: the `lineitem` URL of the launch, when the link has exactly one line item.
  const lineItemId = request.lineItemId ?? (await findLaunchLineItem(request, context.ags));
  const pending: PendingLaunch = {
    launchId,
    request: lineItemId === undefined ? request : { ...request, lineItemId },
    // DL-003: a Deep Linking request goes to the tool's deep-linking URL when it registered one.
    targetLinkUri: request.targetLinkUri ?? (deepLinking ? (tool.deepLinkingUri ?? tool.targetLinkUri) : tool.targetLinkUri),
    issuedAt: now,
  };
  await context.singleUse.issue(MESSAGE_HINT_KIND, messageHint, JSON.stringify(pending), now + context.config.messageHintLifetimeSeconds);

  const parameters: Record<string, string> = {
    iss: context.config.issuer,
    login_hint: request.user.id,
    target_link_uri: pending.targetLinkUri,
    lti_message_hint: messageHint,
    client_id: tool.clientId,
    lti_deployment_id: request.deploymentId,
  };
  const url = new URL(tool.initiateLoginUri);
  for (const [name, value] of Object.entries(parameters)) url.searchParams.set(name, value);
  return { loginUrl: url.href, parameters, initiateLoginUri: tool.initiateLoginUri, launchId, tool };
}
