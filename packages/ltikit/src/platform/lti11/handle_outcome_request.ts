/**
 * The Basic Outcomes endpoint (`POST {baseUrl}/lti/lti11/outcomes`, lti11.md §3) as a sequence of
 * named checks: the body read under its cap (413), the `Authorization: OAuth` header verified with
 * the body hash, timestamp, signature and single-use nonce (BO-003, 401 on failure, BO-009) — or,
 * for an upgraded 1.3 tool, a Bearer token with the `basicoutcome` scope (BO-010) —, the
 * POX envelope read by the strict XML reader (a DTD or entity is refused unread), the sourcedid
 * authorised like an AGS score (the link is the calling tool's, the user a member of the context),
 * then replaceResult, readResult or deleteResult on the AGS store. Every answer is a POX envelope;
 * logical failures are HTTP 200 with `imsx_codeMajor` `failure` or `unsupported` (BO-008, BO-009)
 * and the failing check's code in `imsx_codeMinor`.
 *
 * @example
 * ```ts
 * const { response } = await handleOutcomeRequest(request, { config, credentials: stores.lti11, ags, lti11: {}, singleUse, clock });
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (BO-003..BO-009)
 */
import { LtiError, type LtiErrorCode, toLtiError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import { decodeUtf8, readBodyBytes } from '../../lib/http.js';
import { verifyOAuth1Request } from '../../lib/oauth1_request.js';
import { parseOAuthAuthorizationHeader } from '../../lib/oauth1_signature.js';
import { randomId } from '../../lib/random.js';
import { type OutcomeCodeMajor, buildOutcomeResponse, formatOutcomeScore, parseOutcomeRequest, parseOutcomeScore } from '../../messages/basic_outcomes.js';
import type { AgsStore, Lti11Credential, Lti11CredentialStore, SingleUseStore, ToolRegistrationStore } from '../../stores/types.js';
import { SCOPE } from '../../vocab/scopes.js';
import type { ResolvedPlatformConfig } from '../config.js';
import { authorizeServiceRequest } from '../token/authorize_service_request.js';
import type { Lti11Options } from './options.js';
import { type OutcomeTarget, deleteOutcomeResult, readOutcomeResult, replaceOutcomeResult } from './outcome_results.js';
import { parseResultSourcedId } from './result_sourcedid.js';

/**
 * What {@link handleOutcomeRequest} works with.
 *
 * @example
 * ```ts
 * const context: OutcomeRequestContext = { config, credentials: stores.lti11, ags: { store: stores.ags }, lti11: {}, singleUse: stores.singleUse, clock };
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (BO-003)
 */
export interface OutcomeRequestContext {
  config: ResolvedPlatformConfig;
  credentials: Lti11CredentialStore;
  /** The 1.3 registrations, for Bearer calls of upgraded tools (BO-010). */
  tools: ToolRegistrationStore;
  /** The AGS store grades go to, and the membership check of AGS-040. */
  ags: { store: AgsStore; isMember?: ((contextId: string, userId: string) => boolean | Promise<boolean>) | undefined };
  lti11: Lti11Options;
  singleUse: SingleUseStore;
  clock: Clock;
}

/**
 * How a Basic Outcomes request was answered, for the observer and `onError`: the response, the
 * operation, the calling tool's reserved client id once its signature is proven, and the error of
 * a refused request.
 *
 * @example
 * ```ts
 * const { response, error, clientId } = await handleOutcomeRequest(request, context);
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (BO-008)
 */
export interface HandledOutcomeRequest {
  response: Response;
  codeMajor: OutcomeCodeMajor;
  operation?: string;
  consumerKey?: string;
  clientId?: string;
  error?: LtiError;
}

/** The `imsx_codeMinor` field name carrying ltikit's code of a failed check. */
const CODE_MINOR_FIELD = 'ltikit';

function poxResponse(
  status: number,
  input: { codeMajor: OutcomeCodeMajor; description: string; messageRefIdentifier?: string; operation?: string; scoreText?: string; code?: LtiErrorCode },
  headers: Record<string, string> = {},
): Response {
  const body = buildOutcomeResponse({
    messageIdentifier: randomId(),
    codeMajor: input.codeMajor,
    description: input.description,
    ...(input.messageRefIdentifier === undefined ? {} : { messageRefIdentifier: input.messageRefIdentifier }),
    ...(input.operation === undefined ? {} : { operation: input.operation }),
    ...(input.scoreText === undefined ? {} : { scoreText: input.scoreText }),
    ...(input.code === undefined ? {} : { codeMinor: { [CODE_MINOR_FIELD]: input.code } }),
  });
  return new Response(body, {
    status,
    headers: { 'content-type': 'application/xml; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers },
  });
}

/** The check that authenticates the caller (BO-003): the tool's credential, or a 401 error. */
async function checkSignedRequest(request: Request, body: Uint8Array, context: OutcomeRequestContext): Promise<Lti11Credential> {
  const header = request.headers.get('authorization');
  if (header === null) throw new LtiError('ERR_LTI11_OAUTH_HEADER_MALFORMED', { message: 'The Basic Outcomes request has no `Authorization: OAuth …` header (BO-001).' });
  const parameters = parseOAuthAuthorizationHeader(header);
  let credential: Lti11Credential | undefined;
  // OA-004: the URL the tool was given (and signed), not the one behind a proxy; query parameters are signed too.
  const url = `${context.config.lti11OutcomesEndpoint}${new URL(request.url).search}`;
  await verifyOAuth1Request({
    method: request.method,
    url,
    parameters,
    secretFor: async (consumerKey) => {
      credential = await context.credentials.getCredential(consumerKey);
      return credential?.secret;
    },
    singleUse: context.singleUse,
    clock: context.clock,
    ...(context.lti11.timestampWindowSeconds === undefined ? {} : { timestampWindowSeconds: context.lti11.timestampWindowSeconds }),
    body,
  });
  return credential!;
}

/**
 * BO-010, MIG-007: an upgraded tool calls with a Bearer access token granted the `basicoutcome`
 * scope; its 1.3 registration names the 1.1 consumer key whose results it continues.
 */
async function checkBearerRequest(request: Request, context: OutcomeRequestContext): Promise<Lti11Credential> {
  const grant = await authorizeServiceRequest(request, context.singleUse, [SCOPE.basicOutcome]);
  const consumerKey = (await context.tools.getTool(grant.clientId))?.lti11ConsumerKey;
  const credential = consumerKey === undefined ? undefined : await context.credentials.getCredential(consumerKey);
  if (credential === undefined) throw new LtiError('ERR_LTI11_OUTCOME_TOOL_NOT_LINKED', { detail: { client_id: grant.clientId } });
  return credential;
}

/** L11-005, AGS-040: the sourcedid's link is one of this tool's and its user a member of the context. */
async function checkResultAccess(sourcedId: string, tool: Lti11Credential, context: OutcomeRequestContext): Promise<OutcomeTarget> {
  const named = parseResultSourcedId(sourcedId);
  if (named === undefined) throw new LtiError('ERR_LTI11_OUTCOME_SOURCEDID_UNKNOWN', { detail: { sourcedId: sourcedId.slice(0, 200) } });
  const clientId = tool.lti13?.clientId;
  const access = context.lti11.resourceLinkAccess;
  const linkAllowed = clientId !== undefined && access !== undefined && (await access({ contextId: named.contextId, resourceLinkId: named.resourceLinkId }, tool));
  if (!linkAllowed) throw new LtiError('ERR_LTI11_OUTCOME_FORBIDDEN', { detail: { sourcedId: sourcedId.slice(0, 200), check: 'resource_link' } });
  const link = { contextId: named.contextId, resourceLinkId: named.resourceLinkId };
  // MIG-003: grades are kept under the user's AGS id (their 1.3 `sub`) when it differs from the 1.1 `user_id`.
  const userId = context.lti11.agsUserId === undefined ? named.userId : await context.lti11.agsUserId(named.userId, link);
  if (typeof userId !== 'string' || userId === '') throw new LtiError('ERR_LTI11_OUTCOME_FORBIDDEN', { detail: { sourcedId: sourcedId.slice(0, 200), check: 'user' } });
  if (context.ags.isMember !== undefined && !(await context.ags.isMember(named.contextId, userId))) {
    throw new LtiError('ERR_LTI11_OUTCOME_FORBIDDEN', { detail: { sourcedId: sourcedId.slice(0, 200), check: 'member' } });
  }
  return { ...link, userId, clientId: clientId!, tool };
}

/**
 * Serves one Basic Outcomes request (BO-003..BO-009); never throws. A `success` for replaceResult
 * or deleteResult is answered only after the AGS store has committed the grade.
 *
 * @example
 * ```ts
 * const { response } = await handleOutcomeRequest(request, context);
 * return response;
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (BO-003..BO-009)
 */
export async function handleOutcomeRequest(request: Request, context: OutcomeRequestContext): Promise<HandledOutcomeRequest> {
  const bearer = /^Bearer\s/i.test(request.headers.get('authorization') ?? '');
  let body: Uint8Array;
  let tool: Lti11Credential;
  try {
    body = await readBodyBytes(request, context.lti11.maxBodyBytes ?? 64 * 1024);
    tool = bearer ? await checkBearerRequest(request, context) : await checkSignedRequest(request, body, context);
  } catch (thrown) {
    const error = toLtiError(thrown);
    // BO-009: 401/403 for a failed authentication (413 for a body over the cap), with a POX body all the same.
    const status = [401, 403, 413].includes(error.status) ? error.status : error.status >= 500 ? 500 : 400;
    const challenge = bearer ? `Bearer error="${error.oauthError ?? 'invalid_token'}"` : `OAuth realm="${context.config.lti11OutcomesEndpoint}"`;
    const headers: Record<string, string> = status === 401 || status === 403 ? { 'www-authenticate': challenge } : {};
    return { response: poxResponse(status, { codeMajor: 'failure', description: error.message, code: error.code }, headers), codeMajor: 'failure', error };
  }
  const clientId = tool.lti13?.clientId;
  const caller = { consumerKey: tool.consumerKey, ...(clientId === undefined ? {} : { clientId }) };
  let messageIdentifier: string | undefined;
  let operation: string | undefined;
  try {
    const parsed = parseOutcomeRequest(decodeUtf8(body));
    messageIdentifier = parsed.messageIdentifier;
    if (parsed.operation === 'unsupported') {
      operation = parsed.requested.replace(/Request$/, '');
      const error = new LtiError('ERR_LTI11_OUTCOME_OPERATION_UNSUPPORTED', { detail: { operation: parsed.requested.slice(0, 100) } });
      const response = poxResponse(200, { codeMajor: 'unsupported', description: `${parsed.requested} is not supported.`, messageRefIdentifier: messageIdentifier, operation, code: error.code });
      return { response, codeMajor: 'unsupported', operation, ...caller, error };
    }
    operation = parsed.operation;
    const target = await checkResultAccess(parsed.sourcedId, tool, context);
    const options = { store: context.ags.store, clock: context.clock, lti11: context.lti11 };
    const reply = (description: string, scoreText?: string): HandledOutcomeRequest => ({
      response: poxResponse(200, { codeMajor: 'success', description, messageRefIdentifier: messageIdentifier, operation, ...(scoreText === undefined ? {} : { scoreText }) }),
      codeMajor: 'success',
      operation,
      ...caller,
    });
    switch (parsed.operation) {
      case 'replaceResult': {
        // BO-006, BO-007: a plain decimal in [0, 1], else failure and nothing written.
        const score = parsed.scoreText === undefined ? undefined : parseOutcomeScore(parsed.scoreText);
        if (score === undefined) throw new LtiError('ERR_LTI11_OUTCOME_SCORE_INVALID', { detail: { textString: (parsed.scoreText ?? '').slice(0, 50) } });
        await replaceOutcomeResult(target, score, options);
        return reply(`Score for ${parsed.sourcedId} is now ${formatOutcomeScore(score)}.`);
      }
      case 'readResult': {
        const score = await readOutcomeResult(target, options);
        return reply(score === undefined ? `No score for ${parsed.sourcedId}.` : `Score for ${parsed.sourcedId} is ${formatOutcomeScore(score)}.`, score === undefined ? '' : formatOutcomeScore(score));
      }
      case 'deleteResult':
        await deleteOutcomeResult(target, options);
        return reply(`Score for ${parsed.sourcedId} deleted.`);
    }
  } catch (thrown) {
    const error = toLtiError(thrown);
    const refersTo = messageIdentifier ?? (typeof error.detail?.messageIdentifier === 'string' ? error.detail.messageIdentifier : undefined);
    // BO-009: a logical failure is HTTP 200 with the status in the envelope; only a failure of the
    // platform itself (a store down) is a 500, so that the tool may try again.
    const response = poxResponse(error.status >= 500 ? 500 : 200, {
      codeMajor: 'failure',
      description: error.message,
      ...(refersTo === undefined ? {} : { messageRefIdentifier: refersTo }),
      ...(operation === undefined ? {} : { operation }),
      code: error.code,
    });
    return { response, codeMajor: 'failure', ...(operation === undefined ? {} : { operation }), ...caller, error };
  }
}
