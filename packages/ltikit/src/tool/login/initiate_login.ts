/**
 * Third-party initiated login, tool side (Security Framework step 1 → 2).
 *
 * @example
 * ```ts
 * const { redirectUrl, setCookie } = await initiateLogin(parameters, context);
 * ```
 * @see https://www.imsglobal.org/spec/security/v1p0/#step-1-third-party-initiated-login
 */
import { LtiError } from '../../errors.js';
import { serializeCookie, singleParameter } from '../../lib/http.js';
import { randomToken } from '../../lib/random.js';
import type { Clock } from '../../lib/clock.js';
import type { PlatformRegistration, PlatformRegistrationStore, SingleUseStore } from '../../stores/types.js';
import { STATE_COOKIE_PREFIX, type ResolvedToolConfig } from '../config.js';
import { acceptsFirstDeployment } from '../registration/record_first_deployment.js';

/**
 * What the tool remembers between login and launch, under the `state` (OIDC-012).
 *
 * @example
 * ```ts
 * const record: LoginState = { issuer: 'https://lms.example.edu', clientId: 'c-7731', nonce, targetLinkUri, issuedAt: clock.now() };
 * ```
 */
export interface LoginState {
  issuer: string;
  clientId: string;
  nonce: string;
  targetLinkUri: string;
  deploymentId?: string;
  issuedAt: number;
}

export interface LoginContext {
  config: ResolvedToolConfig;
  singleUse: SingleUseStore;
  platforms: PlatformRegistrationStore;
  clock: Clock;
}

/**
 * What {@link initiateLogin} answers with: the redirect to the platform's authorization endpoint
 * (OIDC-013) and the Set-Cookie that binds `state` to this browser (OIDC-011).
 *
 * @example
 * ```ts
 * const { redirectUrl, setCookie } = await initiateLogin(parameters, context);
 * return new Response(null, { status: 302, headers: { location: redirectUrl, 'set-cookie': setCookie } });
 * ```
 */
export interface LoginResult {
  /** The platform authorization endpoint with the OIDC authentication request (OIDC-013: GET). */
  redirectUrl: string;
  /** Set-Cookie binding the state to this browser (OIDC-011). */
  setCookie: string;
  state: string;
  registration: PlatformRegistration;
}

export const STATE_KIND = 'lti_state';

/**
 * Longest value accepted per login parameter. Hints are opaque but platforms keep them small (a
 * signed message hint is a few hundred bytes); the caps keep unauthenticated requests from
 * storing or forwarding large values.
 */
export const LOGIN_PARAMETER_LIMITS: Readonly<Record<string, number>> = {
  iss: 1024,
  login_hint: 4096,
  lti_message_hint: 8192,
  target_link_uri: 2048,
  client_id: 255,
  lti_deployment_id: 255,
  lti_storage_target: 255,
};

/** One login parameter, refused when longer than {@link LOGIN_PARAMETER_LIMITS}. */
function loginParameter(parameters: URLSearchParams, name: string): string | undefined {
  const value = singleParameter(parameters, name);
  const limit = LOGIN_PARAMETER_LIMITS[name] ?? 1024;
  if (value !== undefined && value.length > limit) {
    throw new LtiError('ERR_LTI_REQUEST_MALFORMED', {
      message: `The login parameter \`${name}\` is longer than ${limit} characters.`,
      detail: { parameter: name, limit },
    });
  }
  return value;
}

/** Finds the registration of (`iss`, `client_id`) (CORE-003). */
export async function findRegistration(
  platforms: PlatformRegistrationStore,
  issuer: string,
  clientId: string | undefined,
): Promise<PlatformRegistration> {
  const candidates = await platforms.findPlatforms(issuer);
  if (clientId !== undefined) {
    const match = candidates.find((registration) => registration.clientId === clientId);
    if (match === undefined) throw new LtiError('ERR_LTI_PLATFORM_UNKNOWN', { detail: { iss: issuer, client_id: clientId } });
    return match;
  }
  if (candidates.length === 0) throw new LtiError('ERR_LTI_PLATFORM_UNKNOWN', { detail: { iss: issuer } });
  if (candidates.length > 1) throw new LtiError('ERR_LTI_PLATFORM_AMBIGUOUS', { detail: { iss: issuer } });
  return candidates[0]!;
}

/**
 * True when `targetLinkUri` is one of the tool's own URLs (OIDC-005): exact, or under a `/`-ending prefix.
 *
 * @example
 * ```ts
 * isAllowedTargetLinkUri('https://tool.example.com/lti/launch', ['https://tool.example.com/']); // true
 * ```
 */
export function isAllowedTargetLinkUri(targetLinkUri: string, allowed: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(targetLinkUri);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '') return false;
  const normalized = url.href;
  return allowed.some((entry) => (entry.endsWith('/') ? normalized.startsWith(entry) : normalized === entry));
}

/**
 * Handles the login initiation parameters (GET query or POST form, OIDC-001): checks them
 * (OIDC-003..005), creates a single-use state and nonce from the CSPRNG (OIDC-010), remembers them
 * server-side (OIDC-012) and answers with the authentication request and the state cookie.
 *
 * @example
 * ```ts
 * const { redirectUrl, setCookie } = await initiateLogin(new URL(request.url).searchParams, { config, singleUse, platforms, clock });
 * ```
 * @see https://www.imsglobal.org/spec/security/v1p0/#step-1-third-party-initiated-login
 */
export async function initiateLogin(parameters: URLSearchParams, context: LoginContext): Promise<LoginResult> {
  const { config } = context;
  const issuer = loginParameter(parameters, 'iss');
  if (issuer === undefined) throw new LtiError('ERR_LTI_LOGIN_ISS_MISSING');
  const loginHint = loginParameter(parameters, 'login_hint');
  if (loginHint === undefined) throw new LtiError('ERR_LTI_LOGIN_HINT_MISSING');
  const targetLinkUri = loginParameter(parameters, 'target_link_uri');
  if (targetLinkUri === undefined) throw new LtiError('ERR_LTI_LOGIN_TARGET_LINK_URI_MISSING');
  const clientId = loginParameter(parameters, 'client_id');
  const deploymentId = loginParameter(parameters, 'lti_deployment_id');
  const messageHint = loginParameter(parameters, 'lti_message_hint');

  const registration = await findRegistration(context.platforms, issuer, clientId);
  // OIDC-004: refuse an unknown deployment before involving the platform again (DR-037: unless
  // the registration still waits for its first deployment).
  if (deploymentId !== undefined && !registration.deploymentIds.includes(deploymentId) && !acceptsFirstDeployment(registration)) {
    throw new LtiError('ERR_LTI_DEPLOYMENT_UNKNOWN', { detail: { deployment_id: deploymentId } });
  }
  if (!isAllowedTargetLinkUri(targetLinkUri, config.allowedTargetLinkUris)) {
    throw new LtiError('ERR_LTI_TARGET_LINK_URI_NOT_ALLOWED', { detail: { target_link_uri: targetLinkUri } });
  }

  const state = randomToken(32);
  const nonce = randomToken(32);
  const now = context.clock.now();
  const record: LoginState = {
    issuer,
    clientId: registration.clientId,
    nonce,
    targetLinkUri,
    issuedAt: now,
    ...(deploymentId === undefined ? {} : { deploymentId }),
  };
  await context.singleUse.issue(STATE_KIND, state, JSON.stringify(record), now + config.stateLifetimeSeconds);

  const authorization = new URL(registration.authorizationEndpoint);
  const request: Record<string, string> = {
    scope: 'openid',
    response_type: 'id_token',
    response_mode: 'form_post',
    prompt: 'none',
    client_id: registration.clientId,
    redirect_uri: config.launchUrl,
    login_hint: loginHint,
    state,
    nonce,
  };
  if (messageHint !== undefined) request.lti_message_hint = messageHint;
  for (const [name, value] of Object.entries(request)) authorization.searchParams.set(name, value);

  return {
    redirectUrl: authorization.href,
    setCookie: stateCookie(state, state, config.stateLifetimeSeconds, config),
    state,
    registration,
  };
}

/**
 * The Set-Cookie value binding `state` to the browser (OIDC-011): `SameSite=None; Secure` so it
 * comes back from inside the platform's iframe, `Partitioned` for browsers that block third-party
 * cookies, `__Host-` with `Path=/`. `maxAge` 0 removes it.
 */
export function stateCookie(state: string, value: string, maxAge: number, config: ResolvedToolConfig): string {
  return serializeCookie(stateCookieName(state), value, {
    maxAge,
    path: '/',
    secure: config.secureCookies,
    sameSite: config.secureCookies ? 'None' : 'Lax',
    partitioned: config.partitionedCookies,
  });
}

/**
 * The cookie that binds one state to the browser (OIDC-011). The name carries part of the state so
 * that several launches in one browser (several iframes) never overwrite each other's binding.
 *
 * @example
 * ```ts
 * const bound = cookies.get(stateCookieName(state)); // '__Host-ltikit_state_' + the first 16 characters
 * ```
 */
export function stateCookieName(state: string): string {
  return `${STATE_COOKIE_PREFIX}${state.slice(0, 16)}`;
}
