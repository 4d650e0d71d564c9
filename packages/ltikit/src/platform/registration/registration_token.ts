/**
 * Registration tokens (DR-003): short-lived, single-use bearer tokens that authorise one Dynamic
 * Registration. Only a SHA-256 hash of the token is stored (in `stores.singleUse`), so a copy of
 * the store cannot register a tool; the token is spent atomically by the first registration request
 * that presents it, whatever that request's fate.
 *
 * @example
 * ```ts
 * const { token } = await platform.createRegistrationToken({ requestedBy: adminId });
 * const url = platform.registrationInitiationUrl('https://tool.example.com/lti/register', token);
 * // Open `url` in an iframe or a window (DR-001).
 * ```
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0 (DR-001, DR-003, DR-030)
 */
import { LtiError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import { assertSecureUrl } from '../../lib/guarded_fetch.js';
import { randomId, randomToken } from '../../lib/random.js';
import type { Lti11CredentialStore, SingleUseStore, ToolRegistrationStore } from '../../stores/types.js';
import { type ReplacedLti11Tool, type ReplacesLti11Tool, checkReplacedLti11Tool } from './check_replaced_lti11_tool.js';

export const REGISTRATION_TOKEN_KIND = 'lti_dr_registration_token';
/** Longest lifetime accepted for a registration token: a day. */
const MAX_LIFETIME_SECONDS = 86_400;

/**
 * Options of `platform.createRegistrationToken()` (DR-003): whom the token is bound to, how long
 * it lives, and what the registration it authorises must become (`replaces`, DR-050).
 *
 * @example
 * ```ts
 * const options: RegistrationTokenOptions = { requestedBy: 'admin-7', sessionId: 'reg-3f2a', lifetimeSeconds: 300 };
 * const upgrade: RegistrationTokenOptions = { requestedBy: 'admin-7', replaces: { consumerKey: 'ck-quiz' } };
 * ```
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0 (DR-003, DR-050)
 */
export interface RegistrationTokenOptions {
  /** Who asked for the registration (an administrator's id); kept on the registered tool. */
  requestedBy?: string;
  /** Your id for this registration session; generated when absent. The registered tool carries it. */
  sessionId?: string;
  /** Default: the platform's `registrationTokenLifetimeSeconds` (600). At most a day. */
  lifetimeSeconds?: number;
  /**
   * The registration replaces this LTI 1.1 tool (DR-050, MIG-008): the tool is registered under
   * the client id and deployment(s) reserved for the 1.1 tool, with `lti11ConsumerKey`, still
   * pending review, so its links, grades and `lti1p1` claim continue. Checked now: the key is in
   * `stores.lti11` (`ERR_LTI11_TOOL_UNKNOWN`), reserved a client id
   * (`ERR_LTI_DR_REPLACED_TOOL_NOT_RESERVED`) that no active tool holds
   * (`ERR_LTI_DR_REPLACED_CLIENT_ID_TAKEN`).
   */
  replaces?: ReplacesLti11Tool;
}

/**
 * A registration token as created (DR-003). `token` is the secret to hand to the tool (once, in the
 * initiation URL); `sessionId` finds the registration it produced (`registration.sessionId` of the
 * registered tool).
 *
 * @example
 * ```ts
 * const { token, sessionId, expiresAt } = await platform.createRegistrationToken({ requestedBy: adminId });
 * ```
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0 (DR-003)
 */
export interface RegistrationToken {
  token: string;
  sessionId: string;
  /** Seconds since the epoch. */
  expiresAt: number;
  /** With `replaces`: the LTI 1.1 tool and the client id the registration will be made under (DR-050). */
  replaces?: ReplacedLti11Tool;
}

/** What the store keeps under the token's hash. */
export interface RegistrationTokenGrant {
  sessionId: string;
  requestedBy?: string;
  issuedAt: number;
  /** The LTI 1.1 tool the registration replaces (DR-050). */
  replaces?: ReplacesLti11Tool;
}

/** SHA-256 of the token, base64url: the only form of the token the platform stores. */
async function hashToken(token: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token)));
  let binary = '';
  for (const byte of digest) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * Creates a registration token (DR-003): 256 random bits, stored only as a hash, single-use,
 * expiring after `lifetimeSeconds`, bound to `requestedBy`, a registration session and, with
 * `replaces`, the LTI 1.1 tool the registration continues (DR-050, checked here).
 *
 * @example
 * ```ts
 * const issued = await issueRegistrationToken({ requestedBy: 'admin-7' }, { singleUse, tools, lti11, clock, defaultLifetimeSeconds: 600 });
 * ```
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0 (DR-003, DR-050)
 */
export async function issueRegistrationToken(
  options: RegistrationTokenOptions,
  context: { singleUse: SingleUseStore; tools: ToolRegistrationStore; lti11: Lti11CredentialStore | undefined; clock: Clock; defaultLifetimeSeconds: number },
): Promise<RegistrationToken> {
  const lifetime = options.lifetimeSeconds ?? context.defaultLifetimeSeconds;
  if (!Number.isInteger(lifetime) || lifetime <= 0 || lifetime > MAX_LIFETIME_SECONDS) {
    throw new LtiError('ERR_LTI_PLATFORM_CONFIG_INVALID', { message: `A registration token lives 1 to ${MAX_LIFETIME_SECONDS} seconds (got ${lifetime}).` });
  }
  const sessionId = options.sessionId ?? randomId();
  if (sessionId === '' || sessionId.length > 255) throw new LtiError('ERR_LTI_PLATFORM_CONFIG_INVALID', { message: 'sessionId must be 1 to 255 characters.' });
  const replaced = options.replaces === undefined ? undefined : await checkReplacedLti11Tool(options.replaces, context);
  const token = randomToken(32);
  const now = context.clock.now();
  const grant: RegistrationTokenGrant = {
    sessionId,
    issuedAt: now,
    ...(options.requestedBy === undefined ? {} : { requestedBy: options.requestedBy }),
    ...(replaced === undefined ? {} : { replaces: { consumerKey: replaced.consumerKey } }),
  };
  const expiresAt = now + lifetime;
  await context.singleUse.issue(REGISTRATION_TOKEN_KIND, await hashToken(token), JSON.stringify(grant), expiresAt);
  return { token, sessionId, expiresAt, ...(replaced === undefined ? {} : { replaces: replaced }) };
}

/**
 * DR-030: the request's `Authorization: Bearer` registration token, spent at once. It is spent
 * before the body is read, so a token can never serve twice: not after a refused body, and not for
 * two requests racing with it (the store's `consume` is atomic). Throws `ERR_LTI_DR_TOKEN_MISSING`
 * or `ERR_LTI_DR_TOKEN_INVALID` (401, `invalid_token`).
 *
 * @example
 * ```ts
 * const grant = await spendRegistrationToken(request, singleUse); // { sessionId, requestedBy, issuedAt }
 * ```
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0 (DR-003, DR-030)
 */
export async function spendRegistrationToken(request: Request, singleUse: SingleUseStore): Promise<RegistrationTokenGrant> {
  const header = request.headers.get('authorization');
  const match = header === null ? null : /^Bearer +([A-Za-z0-9._~+/=-]+) *$/i.exec(header);
  if (match === null) throw new LtiError('ERR_LTI_DR_TOKEN_MISSING');
  const token = match[1]!;
  if (token.length > 512) throw new LtiError('ERR_LTI_DR_TOKEN_INVALID');
  const raw = await singleUse.consume(REGISTRATION_TOKEN_KIND, await hashToken(token));
  if (raw === undefined) throw new LtiError('ERR_LTI_DR_TOKEN_INVALID');
  return JSON.parse(raw) as RegistrationTokenGrant;
}

/**
 * DR-001: the tool's registration URL with `openid_configuration` and, when given,
 * `registration_token` added as URL-encoded query parameters (other query parameters of the tool's
 * URL are kept). The URL must be https (CORE-004; http on loopback hosts when allowed).
 *
 * @throws LtiError `ERR_LTI_FETCH_INSECURE_URL` for a URL that is not https or cannot be parsed.
 * @example
 * ```ts
 * buildRegistrationInitiationUrl('https://tool.example.com/lti/register', {
 *   openidConfiguration: 'https://lms.example.edu/.well-known/openid-configuration', registrationToken: token,
 * }); // 'https://tool.example.com/lti/register?openid_configuration=https%3A%2F%2Flms…&registration_token=…'
 * ```
 * @see https://www.imsglobal.org/spec/lti-dr/v1p0 (DR-001)
 */
export function buildRegistrationInitiationUrl(
  toolRegistrationUrl: string,
  parameters: { openidConfiguration: string; registrationToken?: string; allowInsecureLoopback?: boolean },
): string {
  const url = assertSecureUrl(toolRegistrationUrl, { allowInsecureLoopback: parameters.allowInsecureLoopback ?? false });
  url.searchParams.set('openid_configuration', parameters.openidConfiguration);
  if (parameters.registrationToken !== undefined) url.searchParams.set('registration_token', parameters.registrationToken);
  return url.href;
}
