/**
 * The platform's OIDC authorization endpoint (Security Framework steps 2 → 3): checks the
 * authentication request (OIDC-020..023) and answers with the auto-submitting form that posts the
 * signed id_token to the tool's redirect URI (OIDC-030).
 *
 * Errors before the redirect URI is proven registered are shown as a page (never redirected,
 * OIDC-022); errors after it are posted back to the tool with `error`, `error_description` and
 * `state` (OIDC-024).
 *
 * @see https://www.imsglobal.org/spec/security/v1p0/#step-3-authentication-response
 */
import { LtiError, toLtiError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import { autoSubmitFormResponse, readParameters, singleParameter } from '../../lib/http.js';
import type { SigningKeySet } from '../../keys/signing_key_set.js';
import type { Lti11CredentialStore, SingleUseStore, ToolRegistration, ToolRegistrationStore } from '../../stores/types.js';
import { LTI_CLAIM } from '../../vocab/claims.js';
import type { PlatformOptions, ResolvedPlatformConfig } from '../config.js';
import { platformErrorResponse } from '../error_response.js';
import { type PendingLaunch, buildResourceLinkPayload } from '../launch/launch_request.js';
import { isDeepLinkingLaunch, issueDeepLinkingRequest } from '../launch/deep_linking_request.js';
import { buildLti1p1Claim, findLti1p1Credential } from '../launch/build_lti1p1_claim.js';
import { MESSAGE_HINT_KIND } from './initiate_login.js';

export interface AuthorizeContext {
  config: ResolvedPlatformConfig;
  tools: ToolRegistrationStore;
  singleUse: SingleUseStore;
  keys: SigningKeySet;
  clock: Clock;
  currentUser: PlatformOptions['currentUser'];
  /** LTI 1.1 credentials, for the `lti1p1` claim of tools registered with `lti11ConsumerKey` (MIG-001). */
  lti11?: Lti11CredentialStore;
}

export interface AuthorizeResult {
  response: Response;
  /** Set when an id_token was issued. */
  issued?: { tool: ToolRegistration; pending: PendingLaunch; claims: Record<string, unknown> };
  error?: LtiError;
  clientId?: string;
}

/** OIDC-021: a known client; DR-033: not waiting for review. */
async function checkClient(parameters: URLSearchParams, tools: ToolRegistrationStore): Promise<ToolRegistration> {
  const clientId = singleParameter(parameters, 'client_id');
  if (clientId === undefined) throw new LtiError('ERR_LTI_AUTH_CLIENT_ID_MISSING');
  const tool = await tools.getTool(clientId);
  if (tool === undefined) throw new LtiError('ERR_LTI_AUTH_CLIENT_UNKNOWN', { detail: { client_id: clientId } });
  // DR-033: a tool that registered itself is launched only once an administrator approved it.
  if (tool.status === 'pending') throw new LtiError('ERR_LTI_AUTH_CLIENT_PENDING', { detail: { client_id: clientId } });
  return tool;
}

/** OIDC-022: the redirect URI is exactly one the tool registered. */
function checkRedirectUri(parameters: URLSearchParams, tool: ToolRegistration): string {
  const redirectUri = singleParameter(parameters, 'redirect_uri');
  if (redirectUri === undefined) throw new LtiError('ERR_LTI_AUTH_REDIRECT_URI_MISSING');
  if (!tool.redirectUris.includes(redirectUri)) {
    throw new LtiError('ERR_LTI_AUTH_REDIRECT_URI_NOT_REGISTERED', { detail: { redirect_uri: redirectUri } });
  }
  return redirectUri;
}

/** OIDC-020: the fixed parameters of an LTI authentication request. */
function checkFixedParameters(parameters: URLSearchParams): void {
  if (singleParameter(parameters, 'scope') !== 'openid') throw new LtiError('ERR_LTI_AUTH_SCOPE_INVALID');
  if (singleParameter(parameters, 'response_type') !== 'id_token') throw new LtiError('ERR_LTI_AUTH_RESPONSE_TYPE_INVALID');
  if (singleParameter(parameters, 'response_mode') !== 'form_post') throw new LtiError('ERR_LTI_AUTH_RESPONSE_MODE_INVALID');
  if (singleParameter(parameters, 'prompt') !== 'none') throw new LtiError('ERR_LTI_AUTH_PROMPT_INVALID');
}

/** OIDC-023, CORE-023: the message hint is one we issued, unused, unexpired, for this client and user. */
async function checkHints(
  parameters: URLSearchParams,
  tool: ToolRegistration,
  request: Request,
  context: AuthorizeContext,
): Promise<PendingLaunch> {
  const loginHint = singleParameter(parameters, 'login_hint');
  if (loginHint === undefined) throw new LtiError('ERR_LTI_AUTH_LOGIN_HINT_MISSING');
  const messageHint = singleParameter(parameters, 'lti_message_hint');
  if (messageHint === undefined) throw new LtiError('ERR_LTI_AUTH_MESSAGE_HINT_MISSING');
  // The signed-in user is checked before the hint is spent, so a stranger holding the hint can
  // neither use it nor burn it.
  if (context.currentUser !== 'message-hint-only') {
    const current = await context.currentUser(request);
    if (current === undefined || current !== loginHint) throw new LtiError('ERR_LTI_AUTH_USER_MISMATCH');
  }
  // Read first, spend last: a request for another client or user cannot burn the hint either.
  const raw = await context.singleUse.peek(MESSAGE_HINT_KIND, messageHint);
  if (raw === undefined) throw new LtiError('ERR_LTI_AUTH_MESSAGE_HINT_INVALID');
  const pending = JSON.parse(raw) as PendingLaunch;
  if (pending.request.clientId !== tool.clientId) throw new LtiError('ERR_LTI_AUTH_MESSAGE_HINT_CLIENT_MISMATCH');
  if (pending.request.user.id !== loginHint) throw new LtiError('ERR_LTI_AUTH_LOGIN_HINT_MISMATCH');
  if (!tool.deploymentIds.includes(pending.request.deploymentId)) {
    throw new LtiError('ERR_LTI_AUTH_DEPLOYMENT_INACTIVE', { detail: { deployment_id: pending.request.deploymentId } });
  }
  // Atomic: of two concurrent requests with one hint, one alone gets an id_token.
  if ((await context.singleUse.consume(MESSAGE_HINT_KIND, messageHint)) === undefined) {
    throw new LtiError('ERR_LTI_AUTH_MESSAGE_HINT_INVALID');
  }
  return pending;
}

/**
 * Handles GET and POST authentication requests (OIDC-014). Errors before the redirect URI is proven
 * registered are answered as a page (OIDC-022); later ones are posted back to the tool (OIDC-024).
 *
 * @example
 * ```ts
 * const { response, error } = await authorize(request, { config, tools, singleUse, keys, clock, currentUser });
 * ```
 */
export async function authorize(request: Request, context: AuthorizeContext): Promise<AuthorizeResult> {
  let parameters: URLSearchParams;
  let tool: ToolRegistration;
  let redirectUri: string;
  try {
    parameters = await readParameters(request);
    tool = await checkClient(parameters, context.tools);
    redirectUri = checkRedirectUri(parameters, tool);
  } catch (thrown) {
    const error = toLtiError(thrown);
    return { response: platformErrorResponse(error, request), error };
  }

  const state = parameters.get('state') ?? undefined;
  try {
    checkFixedParameters(parameters);
    const nonce = singleParameter(parameters, 'nonce');
    if (nonce === undefined) throw new LtiError('ERR_LTI_AUTH_NONCE_MISSING');
    // The nonce goes into the signed id_token and the state back through the browser: bound them.
    if (nonce.length > 1024 || (state !== undefined && state.length > 2048)) {
      throw new LtiError('ERR_LTI_REQUEST_MALFORMED', { message: 'The nonce (at most 1024 characters) or state (at most 2048) is too long.' });
    }
    const pending = await checkHints(parameters, tool, request, context);
    const payloadOptions = { nonce, now: context.clock.now(), config: context.config };
    // DL-001: a Deep Linking request also remembers what it offered, for the response (DL-054).
    const claims = isDeepLinkingLaunch(pending.request)
      ? await issueDeepLinkingRequest(pending, tool, payloadOptions, context.singleUse)
      : buildResourceLinkPayload(pending, tool, payloadOptions);
    // MIG-001, MIG-002: signed over this token's own values, so added once every other claim is set.
    const lti11Credential = await findLti1p1Credential(tool, context.lti11);
    if (lti11Credential !== undefined) {
      (claims as Record<string, unknown>)[LTI_CLAIM.lti1p1] = await buildLti1p1Claim(claims, pending.request, lti11Credential);
    }
    const idToken = await context.keys.sign(claims);
    const fields: Record<string, string> = { id_token: idToken };
    if (state !== undefined) fields.state = state;
    return {
      response: autoSubmitFormResponse(redirectUri, fields, 'Launching…'),
      issued: { tool, pending, claims },
      clientId: tool.clientId,
    };
  } catch (thrown) {
    const error = toLtiError(thrown);
    // OIDC-024: the redirect URI is registered, so the tool hears of the failure.
    const fields: Record<string, string> = {
      error: error.oauthError ?? 'invalid_request',
      error_description: `${error.code}: ${error.message}`,
    };
    if (state !== undefined) fields.state = state;
    const response = autoSubmitFormResponse(redirectUri, fields, 'Returning to the tool…');
    return { response, error, clientId: tool.clientId };
  }
}
