/**
 * The platform's token endpoint: OAuth 2.0 client credentials with a JWT client assertion
 * (TOK-010..016). Each step is a named check with its own error code; the answer is always JSON,
 * `{ error, error_description }` on failure (TOK-015).
 *
 * @example
 * ```ts
 * // POST /lti/token  grant_type=client_credentials&client_assertion_type=…&client_assertion=<JWT>&scope=…
 * const response = await platform.fetch(tokenRequest); // 200 { access_token, token_type: 'Bearer', expires_in: 3600, scope }
 * ```
 * @see https://www.imsglobal.org/spec/security/v1p0/#using-json-web-tokens-with-oauth-2-0-client-credentials-grant
 */
import { decodeJwt, type JWTPayload, type ProtectedHeaderParameters } from 'jose';
import { LtiError, type LtiErrorCode } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import { jsonResponse, readParameters, singleParameter } from '../../lib/http.js';
import type { RemoteJwksCache } from '../../keys/remote_jwks.js';
import { checkAlgorithmApproved, checkJwtWellFormed, checkKidPresent, checkSignature } from '../../keys/verify_jws.js';
import type { SingleUseStore, ToolRegistration, ToolRegistrationStore } from '../../stores/types.js';
import { LTI_CLAIM } from '../../vocab/claims.js';
import type { ResolvedPlatformConfig } from '../config.js';
import { type AccessTokenGrant, issueAccessToken } from './access_tokens.js';

export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const JTI_KIND = 'lti_client_assertion_jti';
const CLOCK_TOLERANCE_SECONDS = 60;
/** An assertion may live at most this long (TOK-001 asks for a short `exp`). */
const MAX_ASSERTION_LIFETIME_SECONDS = 3600;

export interface TokenEndpointContext {
  config: ResolvedPlatformConfig;
  tools: ToolRegistrationStore;
  singleUse: SingleUseStore;
  jwksCache: RemoteJwksCache;
  clock: Clock;
}

/** The outcome, for the platform's observer. */
export interface TokenRequestResult {
  response: Response;
  clientId?: string;
  grant?: AccessTokenGrant;
  error?: LtiError;
}

export async function handleTokenRequest(request: Request, context: TokenEndpointContext): Promise<TokenRequestResult> {
  let clientId: string | undefined;
  try {
    const parameters = await readParameters(request);
    const { assertion, scopes } = checkTokenRequestParameters(parameters);
    const header = checkAssertionHeader(assertion);
    clientId = checkAssertionSubject(assertion);
    const tool = await findAssertingTool(context.tools, clientId);
    checkToolApproved(tool);
    const payload = await checkAssertionSignature(assertion, header, tool, context);
    checkAssertionAudience(payload, context.config);
    checkAssertionTimes(payload, context.clock.now());
    await checkAssertionUnused(payload, tool, context);
    const deploymentId = checkAssertionDeployment(payload, tool);
    const granted = grantScopes(scopes, tool, context.config.scopesSupported);
    const lifetime = context.config.accessTokenLifetimeSeconds;
    const grant: AccessTokenGrant = { clientId, scopes: granted, expiresAt: context.clock.now() + lifetime, ...(deploymentId === undefined ? {} : { deploymentId }) };
    const accessToken = await issueAccessToken(context.singleUse, grant);
    const body = { access_token: accessToken, token_type: 'Bearer', expires_in: lifetime, scope: granted.join(' ') };
    return { response: jsonResponse(body, 200, { 'cache-control': 'no-store', pragma: 'no-cache' }), clientId, grant };
  } catch (thrown) {
    const error = thrown instanceof LtiError ? thrown : new LtiError('ERR_LTI_INTERNAL', { cause: thrown });
    // RFC 6749 §5.2: always JSON, whatever the client accepts.
    const response = jsonResponse(error.toJSON(), error.status, { 'cache-control': 'no-store', pragma: 'no-cache' });
    return { response, error, ...(clientId === undefined ? {} : { clientId }) };
  }
}

/**
 * TOK-010: `grant_type`, `client_assertion_type`, `client_assertion` and `scope`.
 *
 * @example
 * ```ts
 * checkTokenRequestParameters(new URLSearchParams('grant_type=password')); // throws ERR_LTI_TOKEN_GRANT_TYPE_UNSUPPORTED
 * ```
 */
export function checkTokenRequestParameters(parameters: URLSearchParams): { assertion: string; scopes: string[] } {
  if (singleParameter(parameters, 'grant_type') !== 'client_credentials') {
    throw new LtiError('ERR_LTI_TOKEN_GRANT_TYPE_UNSUPPORTED', { detail: { grant_type: parameters.get('grant_type') } });
  }
  if (singleParameter(parameters, 'client_assertion_type') !== CLIENT_ASSERTION_TYPE) throw new LtiError('ERR_LTI_TOKEN_ASSERTION_TYPE_INVALID');
  const assertion = singleParameter(parameters, 'client_assertion');
  if (assertion === undefined || assertion === '') throw new LtiError('ERR_LTI_TOKEN_ASSERTION_MISSING');
  const scope = singleParameter(parameters, 'scope');
  const scopes = [...new Set((scope ?? '').split(/\s+/).filter(Boolean))];
  if (scopes.length === 0) throw new LtiError('ERR_LTI_TOKEN_SCOPE_MISSING');
  return { assertion, scopes };
}

const JOSE_TO_ASSERTION: Partial<Record<LtiErrorCode, LtiErrorCode>> = {
  ERR_LTI_JWT_MALFORMED: 'ERR_LTI_CLIENT_ASSERTION_MALFORMED',
  ERR_LTI_JWT_ALG_NOT_ALLOWED: 'ERR_LTI_CLIENT_ASSERTION_ALG_NOT_ALLOWED',
  ERR_LTI_JWT_KID_MISSING: 'ERR_LTI_CLIENT_ASSERTION_KID_MISSING',
  ERR_LTI_JWT_KID_UNKNOWN: 'ERR_LTI_CLIENT_ASSERTION_KEY_UNKNOWN',
  ERR_LTI_JWT_ALG_KEY_MISMATCH: 'ERR_LTI_CLIENT_ASSERTION_SIGNATURE_INVALID',
  ERR_LTI_JWT_SIGNATURE_INVALID: 'ERR_LTI_CLIENT_ASSERTION_SIGNATURE_INVALID',
  ERR_LTI_TOKEN_EXPIRED: 'ERR_LTI_CLIENT_ASSERTION_EXPIRED',
  ERR_LTI_CLAIM_INVALID: 'ERR_LTI_CLIENT_ASSERTION_TIMES_INVALID',
};

/** The shared JOSE checks, answered as client-authentication failures (401 `invalid_client`). */
function asAssertionError(thrown: unknown): unknown {
  if (!(thrown instanceof LtiError)) return thrown;
  const code = JOSE_TO_ASSERTION[thrown.code];
  return code === undefined ? thrown : new LtiError(code, { cause: thrown, ...(thrown.detail === undefined ? {} : { detail: thrown.detail }) });
}

/**
 * SEC-002, SEC-004: a compact JWS with an approved `alg` and a `kid`.
 *
 * @example
 * ```ts
 * checkAssertionHeader('not-a-jwt'); // throws ERR_LTI_CLIENT_ASSERTION_MALFORMED
 * ```
 */
export function checkAssertionHeader(assertion: string): ProtectedHeaderParameters {
  try {
    const header = checkJwtWellFormed(assertion);
    checkAlgorithmApproved(header);
    checkKidPresent(header);
    return header;
  } catch (thrown) {
    throw asAssertionError(thrown);
  }
}

/**
 * TOK-011: `iss` and `sub` are both the client id. Read before the signature is checked, only to
 * find whose key to check it with.
 *
 * @example
 * ```ts
 * const clientId = checkAssertionSubject(assertion); // throws ERR_LTI_CLIENT_ASSERTION_SUBJECT_MISMATCH when iss ≠ sub
 * ```
 */
export function checkAssertionSubject(assertion: string): string {
  let payload: JWTPayload;
  try {
    payload = decodeJwt(assertion);
  } catch (cause) {
    throw new LtiError('ERR_LTI_CLIENT_ASSERTION_MALFORMED', { cause });
  }
  if (typeof payload.iss !== 'string' || payload.iss === '' || payload.sub !== payload.iss) {
    throw new LtiError('ERR_LTI_CLIENT_ASSERTION_SUBJECT_MISMATCH', { detail: { iss: payload.iss ?? null, sub: payload.sub ?? null } });
  }
  return payload.iss;
}

async function findAssertingTool(tools: ToolRegistrationStore, clientId: string): Promise<ToolRegistration> {
  const tool = await tools.getTool(clientId);
  if (tool === undefined) throw new LtiError('ERR_LTI_CLIENT_ASSERTION_CLIENT_UNKNOWN', { detail: { client_id: clientId } });
  if (tool.jwksUri === undefined && tool.publicJwk === undefined) throw new LtiError('ERR_LTI_CLIENT_ASSERTION_KEYS_MISSING', { detail: { client_id: clientId } });
  return tool;
}

async function checkAssertionSignature(assertion: string, header: ProtectedHeaderParameters, tool: ToolRegistration, context: TokenEndpointContext): Promise<JWTPayload> {
  try {
    return await checkSignature(assertion, header, { keys: tool, jwksCache: context.jwksCache, clock: context.clock, clockToleranceSeconds: CLOCK_TOLERANCE_SECONDS });
  } catch (thrown) {
    throw asAssertionError(thrown);
  }
}

/**
 * DR-033: a tool registered by Dynamic Registration gets no token until an administrator approved
 * it. Checked before the assertion's signature: verifying it may fetch the JWKS URL the tool
 * declared itself, which nobody has reviewed yet, and an unauthenticated caller must not make the
 * platform fetch it. (A client id is not a secret; its pending status is all that is learnt.)
 *
 * @example
 * ```ts
 * checkToolApproved({ ...tool, status: 'pending' }); // throws ERR_LTI_CLIENT_ASSERTION_CLIENT_PENDING
 * ```
 */
export function checkToolApproved(tool: ToolRegistration): void {
  if (tool.status === 'pending') throw new LtiError('ERR_LTI_CLIENT_ASSERTION_CLIENT_PENDING', { detail: { client_id: tool.clientId } });
}

/**
 * TOK-011: `aud` names the token endpoint (or the advertised `authorization_server`).
 *
 * @example
 * ```ts
 * checkAssertionAudience({ aud: 'https://elsewhere.example/token' }, config); // throws ERR_LTI_CLIENT_ASSERTION_AUDIENCE_INVALID
 * ```
 */
export function checkAssertionAudience(payload: JWTPayload, config: ResolvedPlatformConfig): void {
  const audiences = typeof payload.aud === 'string' ? [payload.aud] : Array.isArray(payload.aud) ? payload.aud : [];
  const accepted = [config.tokenEndpoint, config.authorizationServer];
  if (!audiences.some((audience) => accepted.includes(audience))) {
    throw new LtiError('ERR_LTI_CLIENT_ASSERTION_AUDIENCE_INVALID', { detail: { expected: config.tokenEndpoint } });
  }
}

/**
 * TOK-011: numeric `iat` and `exp`, `iat` not in the future, a lifetime of at most an hour. (An
 * expired `exp` is refused with the signature.)
 *
 * @example
 * ```ts
 * checkAssertionTimes({ iat: now, exp: now + 86400 }, now); // throws ERR_LTI_CLIENT_ASSERTION_TIMES_INVALID
 * ```
 */
export function checkAssertionTimes(payload: JWTPayload, now: number): void {
  const { iat, exp } = payload;
  if (typeof iat !== 'number' || typeof exp !== 'number') throw new LtiError('ERR_LTI_CLIENT_ASSERTION_TIMES_INVALID', { detail: { reason: 'iat and exp must be numbers' } });
  if (exp + CLOCK_TOLERANCE_SECONDS <= now) throw new LtiError('ERR_LTI_CLIENT_ASSERTION_EXPIRED');
  if (iat - CLOCK_TOLERANCE_SECONDS > now) throw new LtiError('ERR_LTI_CLIENT_ASSERTION_TIMES_INVALID', { detail: { reason: 'iat is in the future' } });
  if (exp - iat > MAX_ASSERTION_LIFETIME_SECONDS || exp - now > MAX_ASSERTION_LIFETIME_SECONDS + CLOCK_TOLERANCE_SECONDS) {
    throw new LtiError('ERR_LTI_CLIENT_ASSERTION_TIMES_INVALID', { detail: { reason: 'lifetime longer than an hour' } });
  }
}

/** TOK-012: a `jti`, used once while the assertion is valid. */
async function checkAssertionUnused(payload: JWTPayload, tool: ToolRegistration, context: TokenEndpointContext): Promise<void> {
  if (typeof payload.jti !== 'string' || payload.jti === '') throw new LtiError('ERR_LTI_CLIENT_ASSERTION_JTI_MISSING');
  if (payload.jti.length > 256) throw new LtiError('ERR_LTI_CLIENT_ASSERTION_MALFORMED', { detail: { reason: 'jti longer than 256 characters' } });
  const rememberUntil = (payload.exp as number) + CLOCK_TOLERANCE_SECONDS;
  if (!(await context.singleUse.remember(JTI_KIND, `${tool.clientId}\u0000${payload.jti}`, rememberUntil))) {
    throw new LtiError('ERR_LTI_CLIENT_ASSERTION_REPLAYED');
  }
}

/** TOK-002, TOK-016: a deployment named in the assertion must be one of the tool's. */
function checkAssertionDeployment(payload: JWTPayload, tool: ToolRegistration): string | undefined {
  const deploymentId = payload[LTI_CLAIM.deploymentId];
  if (deploymentId === undefined) return undefined;
  if (typeof deploymentId !== 'string' || !tool.deploymentIds.includes(deploymentId)) {
    throw new LtiError('ERR_LTI_CLIENT_ASSERTION_DEPLOYMENT_UNKNOWN', { detail: { deployment_id: typeof deploymentId === 'string' ? deploymentId : null } });
  }
  return deploymentId;
}

/**
 * TOK-013: the scopes both requested and granted to the tool's registration, among those this
 * platform serves; none at all is `invalid_scope`.
 *
 * @example
 * ```ts
 * grantScopes([SCOPE.score, SCOPE.lineItem], { ...tool, scopes: [SCOPE.score] }, supported); // [SCOPE.score]
 * ```
 */
export function grantScopes(requested: string[], tool: ToolRegistration, supported: readonly string[]): string[] {
  const allowed = new Set(tool.scopes ?? []);
  const granted = requested.filter((scope) => allowed.has(scope) && supported.includes(scope));
  if (granted.length === 0) throw new LtiError('ERR_LTI_TOKEN_SCOPE_NOT_GRANTED', { detail: { requested, granted_to_tool: [...allowed] } });
  return granted;
}
