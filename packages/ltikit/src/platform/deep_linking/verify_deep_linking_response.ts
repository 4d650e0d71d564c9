/**
 * The platform's Deep Linking return URL (deep-linking.md §4): the browser POSTs `JWT=<response>`
 * and the platform runs one named check per requirement, each failing with its own
 * `ERR_LTI_DL_*` code — JOSE (DL-051), issuer and keys (DL-051), audience and times (DL-052),
 * message type, version and deployment (DL-053), nonce once (DL-052), the pending request it
 * answers and its `data` (DL-054), and the content items against the offer (DL-055, DL-061).
 *
 * @example
 * ```ts
 * // POST /lti/deep-linking/return?launch=l-1   JWT=eyJhbGciOiJSUzI1NiIs…
 * const result = await verifyDeepLinkingResponse(request, { config, tools, singleUse, jwksCache, clock });
 * result.contentItems; // what the tool returned, each item checked
 * ```
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0#deep-linking-response-message
 */
import { decodeJwt, type JWTPayload, type ProtectedHeaderParameters } from 'jose';
import { LtiError, type LtiErrorCode } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import { readParameters, singleParameter } from '../../lib/http.js';
import type { RemoteJwksCache } from '../../keys/remote_jwks.js';
import { checkAlgorithmApproved, checkJwtWellFormed, checkKidPresent, checkSignature } from '../../keys/verify_jws.js';
import { type ContentItem, type DeepLinkingSettingsClaim, validateContentItems } from '../../messages/deep_linking.js';
import type { SingleUseStore, ToolRegistration, ToolRegistrationStore } from '../../stores/types.js';
import { DL_CLAIM, LTI_CLAIM } from '../../vocab/claims.js';
import { LTI_VERSION, MESSAGE_TYPE } from '../../vocab/message_types.js';
import type { ResolvedPlatformConfig } from '../config.js';
import { DEEP_LINKING_SESSION_KIND, type DeepLinkingSession } from '../launch/deep_linking_request.js';

/** A response may carry many items and HTML fragments: more room than a launch form. */
const MAX_RESPONSE_BYTES = 256 * 1024;
const CLOCK_TOLERANCE_SECONDS = 60;
/** deep-linking.md §2.2: a short lifetime (PB: 10 minutes); an hour at most. */
const MAX_RESPONSE_LIFETIME_SECONDS = 3600;
const NONCE_KIND = 'lti_dl_response_nonce';

/**
 * A verified Deep Linking response, as handed to `onDeepLinkingResponse`: who answered which request
 * (from the pending session, DL-054), the checked items (DL-055; `lineItem` removed when the request
 * said `accept_lineitem: false`, DL-058), and the tool's messages: `msg`/`errormsg` to show,
 * escaped (DL-056), `log`/`errorlog` for logs only. Every text is untrusted: sanitise `html` items
 * and `embed` markup by the platform's policy (DL-060); create new resource links with ids of the
 * platform's own (DL-057).
 *
 * @example
 * ```ts
 * onDeepLinkingResponse: async (result) => {
 *   for (const item of result.contentItems) if (item.type === 'ltiResourceLink') await course.addLink(result.contextId, item);
 *   return renderCourse(result.contextId, { notice: result.errormsg ?? result.msg });
 * },
 * ```
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0 (DL-056, DL-057, DL-060)
 */
export interface DeepLinkingResult {
  clientId: string;
  deploymentId: string;
  /** The context of the request, when it had one. */
  contextId: string | undefined;
  /** The user the request was issued for. */
  userId: string;
  launchId: string;
  /** Empty when nothing was selected (DL-061). */
  contentItems: ContentItem[];
  msg: string | undefined;
  errormsg: string | undefined;
  log: string | undefined;
  errorlog: string | undefined;
  /** What the request offered (`auto_create`, `data` …). */
  settings: DeepLinkingSettingsClaim;
}

/** What {@link verifyDeepLinkingResponse} needs from the platform. */
export interface DeepLinkingReturnContext {
  config: ResolvedPlatformConfig;
  tools: ToolRegistrationStore;
  singleUse: SingleUseStore;
  jwksCache: RemoteJwksCache;
  clock: Clock;
}

const JOSE_TO_DEEP_LINKING: Partial<Record<LtiErrorCode, LtiErrorCode>> = {
  ERR_LTI_JWT_MALFORMED: 'ERR_LTI_DL_JWT_MALFORMED',
  ERR_LTI_JWT_ALG_NOT_ALLOWED: 'ERR_LTI_DL_JWT_ALG_NOT_ALLOWED',
  ERR_LTI_JWT_KID_MISSING: 'ERR_LTI_DL_JWT_KID_MISSING',
  ERR_LTI_JWT_KID_UNKNOWN: 'ERR_LTI_DL_JWT_KID_UNKNOWN',
  ERR_LTI_JWT_ALG_KEY_MISMATCH: 'ERR_LTI_DL_JWT_SIGNATURE_INVALID',
  ERR_LTI_JWT_SIGNATURE_INVALID: 'ERR_LTI_DL_JWT_SIGNATURE_INVALID',
  ERR_LTI_TOKEN_EXPIRED: 'ERR_LTI_DL_TOKEN_EXPIRED',
  ERR_LTI_CLAIM_INVALID: 'ERR_LTI_DL_TOKEN_TIMES_INVALID',
};

/** The shared JOSE checks (`verify_jws.ts`), answered with the Deep Linking codes. */
function asDeepLinkingError(thrown: unknown): unknown {
  if (!(thrown instanceof LtiError)) return thrown;
  const code = JOSE_TO_DEEP_LINKING[thrown.code];
  return code === undefined ? thrown : new LtiError(code, { cause: thrown, ...(thrown.detail === undefined ? {} : { detail: thrown.detail }) });
}

/**
 * DL-050: the POST's `JWT` form field (`application/x-www-form-urlencoded`, DL-020).
 *
 * @example
 * ```ts
 * const jwt = await readDeepLinkingResponseJwt(request); // throws ERR_LTI_DL_JWT_MISSING
 * ```
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0 (DL-050)
 */
export async function readDeepLinkingResponseJwt(request: Request): Promise<string> {
  const parameters = await readParameters(request, MAX_RESPONSE_BYTES);
  const jwt = singleParameter(parameters, 'JWT');
  if (jwt === undefined) throw new LtiError('ERR_LTI_DL_JWT_MISSING');
  return jwt;
}

/**
 * DL-021, DL-051: a compact JWS with an approved asymmetric `alg` and a `kid`.
 *
 * @example
 * ```ts
 * checkResponseHeader('a.b'); // throws ERR_LTI_DL_JWT_MALFORMED
 * ```
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0 (DL-021, DL-051)
 */
export function checkResponseHeader(jwt: string): ProtectedHeaderParameters {
  try {
    const header = checkJwtWellFormed(jwt);
    checkAlgorithmApproved(header);
    checkKidPresent(header);
    return header;
  } catch (thrown) {
    throw asDeepLinkingError(thrown);
  }
}

/**
 * DL-051: the `iss` names the tool (its client id). Read before the signature is checked, only to
 * find whose key to check it with.
 *
 * @example
 * ```ts
 * const clientId = checkResponseIssuerPresent(jwt); // throws ERR_LTI_DL_ISSUER_UNKNOWN without an `iss`
 * ```
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0 (DL-051)
 */
export function checkResponseIssuerPresent(jwt: string): string {
  let payload: JWTPayload;
  try {
    payload = decodeJwt(jwt);
  } catch (cause) {
    throw new LtiError('ERR_LTI_DL_JWT_MALFORMED', { cause, detail: { reason: 'payload is not a JSON object' } });
  }
  if (typeof payload.iss !== 'string' || payload.iss === '') throw new LtiError('ERR_LTI_DL_ISSUER_UNKNOWN', { detail: { iss: null } });
  return payload.iss;
}

/** DL-051: a registered tool with keys to verify its response. */
async function findRespondingTool(tools: ToolRegistrationStore, clientId: string): Promise<ToolRegistration> {
  const tool = await tools.getTool(clientId);
  if (tool === undefined) throw new LtiError('ERR_LTI_DL_ISSUER_UNKNOWN', { detail: { iss: clientId.slice(0, 255) } });
  if (tool.jwksUri === undefined && tool.publicJwk === undefined) throw new LtiError('ERR_LTI_DL_TOOL_KEYS_MISSING', { detail: { client_id: clientId } });
  return tool;
}

/** DL-021, DL-051: the signature, with the key the `kid` names in the tool's key set. */
async function checkResponseSignature(jwt: string, header: ProtectedHeaderParameters, tool: ToolRegistration, context: DeepLinkingReturnContext): Promise<JWTPayload> {
  try {
    return await checkSignature(jwt, header, { keys: tool, jwksCache: context.jwksCache, clock: context.clock, clockToleranceSeconds: CLOCK_TOLERANCE_SECONDS });
  } catch (thrown) {
    throw asDeepLinkingError(thrown);
  }
}

/**
 * DL-052: `aud` (a string or an array) contains the platform's issuer; an `azp`, when sent, is the
 * tool's client id (deep-linking.md §2.2).
 *
 * @example
 * ```ts
 * checkResponseAudience({ aud: 'https://other.example' }, config, 'c-7731'); // throws ERR_LTI_DL_AUDIENCE_MISMATCH
 * ```
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0 (DL-052)
 */
export function checkResponseAudience(payload: JWTPayload, config: ResolvedPlatformConfig, clientId: string): void {
  const audiences = typeof payload.aud === 'string' ? [payload.aud] : Array.isArray(payload.aud) ? payload.aud : [];
  if (!audiences.includes(config.issuer)) throw new LtiError('ERR_LTI_DL_AUDIENCE_MISMATCH', { detail: { expected: config.issuer } });
  if (payload.azp !== undefined && payload.azp !== clientId) throw new LtiError('ERR_LTI_DL_AZP_MISMATCH');
}

/**
 * DL-052: numeric `iat` and `exp`, not expired, `iat` not in the future, a lifetime of at most an
 * hour (60 s of clock skew allowed).
 *
 * @example
 * ```ts
 * checkResponseTimes({ iat: now, exp: now + 86_400 }, now); // throws ERR_LTI_DL_TOKEN_TIMES_INVALID
 * ```
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0 (DL-052)
 */
export function checkResponseTimes(payload: JWTPayload, now: number): void {
  const { iat, exp } = payload;
  if (typeof iat !== 'number' || typeof exp !== 'number') throw new LtiError('ERR_LTI_DL_TOKEN_TIMES_INVALID', { detail: { reason: 'iat and exp must be numbers' } });
  if (exp + CLOCK_TOLERANCE_SECONDS <= now) throw new LtiError('ERR_LTI_DL_TOKEN_EXPIRED');
  if (iat - CLOCK_TOLERANCE_SECONDS > now) throw new LtiError('ERR_LTI_DL_TOKEN_TIMES_INVALID', { detail: { reason: 'iat is in the future' } });
  if (exp - iat > MAX_RESPONSE_LIFETIME_SECONDS) throw new LtiError('ERR_LTI_DL_TOKEN_TIMES_INVALID', { detail: { reason: 'lifetime longer than an hour' } });
}

/**
 * DL-053: `message_type` is `LtiDeepLinkingResponse` and `version` is `1.3.0`.
 *
 * @example
 * ```ts
 * checkResponseMessage({ [LTI_CLAIM.messageType]: 'LtiResourceLinkRequest' }); // throws ERR_LTI_DL_MESSAGE_TYPE_INVALID
 * ```
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0 (DL-053)
 */
export function checkResponseMessage(payload: JWTPayload): void {
  const messageType = payload[LTI_CLAIM.messageType];
  if (messageType !== MESSAGE_TYPE.LtiDeepLinkingResponse) {
    throw new LtiError('ERR_LTI_DL_MESSAGE_TYPE_INVALID', { detail: { message_type: typeof messageType === 'string' ? messageType.slice(0, 100) : null } });
  }
  const version = payload[LTI_CLAIM.version];
  if (version !== LTI_VERSION) throw new LtiError('ERR_LTI_DL_VERSION_INVALID', { detail: { version: typeof version === 'string' ? version.slice(0, 100) : null } });
}

/**
 * DL-053: `deployment_id` is present and one of the tool's deployments.
 *
 * @example
 * ```ts
 * const deploymentId = checkResponseDeployment(payload, tool); // throws ERR_LTI_DL_DEPLOYMENT_UNKNOWN
 * ```
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0 (DL-053)
 */
export function checkResponseDeployment(payload: JWTPayload, tool: ToolRegistration): string {
  const deploymentId = payload[LTI_CLAIM.deploymentId];
  if (typeof deploymentId !== 'string' || !tool.deploymentIds.includes(deploymentId)) {
    throw new LtiError('ERR_LTI_DL_DEPLOYMENT_UNKNOWN', { detail: { deployment_id: typeof deploymentId === 'string' ? deploymentId.slice(0, 255) : null } });
  }
  return deploymentId;
}

/**
 * DL-052: a `nonce`, used once while the response is valid.
 *
 * @example
 * ```ts
 * await checkResponseNonceUnused(payload, singleUse); // throws ERR_LTI_DL_NONCE_MISSING or ERR_LTI_DL_NONCE_REPLAYED
 * ```
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0 (DL-052)
 */
export async function checkResponseNonceUnused(payload: JWTPayload, singleUse: SingleUseStore): Promise<void> {
  const { nonce } = payload;
  if (typeof nonce !== 'string' || nonce === '') throw new LtiError('ERR_LTI_DL_NONCE_MISSING');
  if (nonce.length > 1024) throw new LtiError('ERR_LTI_DL_JWT_MALFORMED', { detail: { reason: 'nonce longer than 1024 characters' } });
  // Kept past the response's own lifetime, so a replay is refused for as long as it could be accepted.
  if (!(await singleUse.remember(NONCE_KIND, nonce, (payload.exp as number) + CLOCK_TOLERANCE_SECONDS))) {
    throw new LtiError('ERR_LTI_DL_NONCE_REPLAYED');
  }
}

/** DL-054: the pending request named by the return URL's `launch`, read but not yet spent. */
async function findDeepLinkingSession(request: Request, singleUse: SingleUseStore): Promise<DeepLinkingSession> {
  const launchId = new URL(request.url).searchParams.get('launch');
  const raw = launchId === null || launchId === '' || launchId.length > 256 ? undefined : await singleUse.peek(DEEP_LINKING_SESSION_KIND, launchId);
  if (raw === undefined) throw new LtiError('ERR_LTI_DL_SESSION_UNKNOWN');
  return JSON.parse(raw) as DeepLinkingSession;
}

/**
 * DL-051, DL-053: the response comes from the tool and the deployment the request was sent to.
 *
 * @example
 * ```ts
 * checkResponseAnswersSession('other-client', 'dep-01', session); // throws ERR_LTI_DL_SESSION_CLIENT_MISMATCH
 * ```
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0 (DL-053, DL-054)
 */
export function checkResponseAnswersSession(clientId: string, deploymentId: string, session: DeepLinkingSession): void {
  if (clientId !== session.clientId) throw new LtiError('ERR_LTI_DL_SESSION_CLIENT_MISMATCH');
  if (deploymentId !== session.deploymentId) throw new LtiError('ERR_LTI_DL_DEPLOYMENT_MISMATCH', { detail: { deployment_id: deploymentId } });
}

/**
 * DL-054: the request's `data`, echoed exactly. (A response to a request without `data` may carry
 * none or any: there is nothing to restore.)
 *
 * @example
 * ```ts
 * checkResponseData({ [DL_CLAIM.data]: 'tampered' }, session); // throws ERR_LTI_DL_DATA_MISMATCH when session.settings.data = 'opaque-7f2a91'
 * ```
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0 (DL-054)
 */
export function checkResponseData(payload: JWTPayload, session: DeepLinkingSession): void {
  const sent = session.settings.data;
  if (sent !== undefined && payload[DL_CLAIM.data] !== sent) throw new LtiError('ERR_LTI_DL_DATA_MISMATCH');
}

/**
 * DL-055, DL-061: the items against what was offered (types, how many, each well-formed, URLs
 * http(s) only); a `lineItem` is dropped when the request said `accept_lineitem: false` — "ignored",
 * as the settings promise (DL-058).
 *
 * @example
 * ```ts
 * const items = checkResponseContentItems(payload, session); // throws ERR_LTI_DL_CONTENT_ITEM_TYPE_NOT_ACCEPTED …
 * ```
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0 (DL-055, DL-058, DL-061)
 */
export function checkResponseContentItems(payload: JWTPayload, session: DeepLinkingSession): ContentItem[] {
  const items = validateContentItems(payload[DL_CLAIM.contentItems], session.settings);
  if (session.settings.accept_lineitem !== false) return items;
  return items.map((item) => {
    if (item.type !== 'ltiResourceLink' || item.lineItem === undefined) return item;
    const { lineItem: _ignored, ...rest } = item;
    return rest;
  });
}

function messageOf(payload: JWTPayload, claim: string): string | undefined {
  const value = payload[claim];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Verifies a Deep Linking response POSTed to the return URL, check by check (DL-050..055), and
 * spends the pending request it answers, so the same response is accepted once. Throws an
 * {@link LtiError} naming the failed check.
 *
 * @example
 * ```ts
 * const result = await verifyDeepLinkingResponse(request, { config, tools, singleUse, jwksCache, clock });
 * ```
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0#deep-linking-response-message (DL-050..DL-055)
 */
export async function verifyDeepLinkingResponse(request: Request, context: DeepLinkingReturnContext): Promise<{ result: DeepLinkingResult; claims: JWTPayload }> {
  const jwt = await readDeepLinkingResponseJwt(request);
  const header = checkResponseHeader(jwt);
  const clientId = checkResponseIssuerPresent(jwt);
  const tool = await findRespondingTool(context.tools, clientId);
  const payload = await checkResponseSignature(jwt, header, tool, context);
  checkResponseAudience(payload, context.config, clientId);
  checkResponseTimes(payload, context.clock.now());
  checkResponseMessage(payload);
  const deploymentId = checkResponseDeployment(payload, tool);
  await checkResponseNonceUnused(payload, context.singleUse);
  const session = await findDeepLinkingSession(request, context.singleUse);
  checkResponseAnswersSession(clientId, deploymentId, session);
  checkResponseData(payload, session);
  const contentItems = checkResponseContentItems(payload, session);
  // Atomic: of two concurrent responses to one request, one alone is accepted.
  if ((await context.singleUse.consume(DEEP_LINKING_SESSION_KIND, session.launchId)) === undefined) throw new LtiError('ERR_LTI_DL_SESSION_UNKNOWN');
  return {
    result: {
      clientId,
      deploymentId,
      contextId: session.contextId,
      userId: session.userId,
      launchId: session.launchId,
      contentItems,
      msg: messageOf(payload, DL_CLAIM.msg),
      errormsg: messageOf(payload, DL_CLAIM.errorMsg),
      log: messageOf(payload, DL_CLAIM.log),
      errorlog: messageOf(payload, DL_CLAIM.errorLog),
      settings: session.settings,
    },
    claims: payload,
  };
}
