/**
 * The tool's LTI 1.1 Basic Outcomes client (BO-001..BO-006): `replaceResult`, `readResult` and
 * `deleteResult` as POX envelopes POSTed to the launch's `lis_outcome_service_url`, signed with
 * OAuth 1.0a in the `Authorization` header with `oauth_body_hash`, through the guarded fetch
 * (https, deadline, size cap, no redirects).
 *
 * @example
 * ```ts
 * await tool.lti11.outcomes.replaceResult(launch, 0.85);
 * const score = await tool.lti11.outcomes.readResult(launch); // 0.85
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (BO-001..BO-006)
 */
import { LtiError, toLtiError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import { type FetchLike, guardedFetch } from '../../lib/guarded_fetch.js';
import { formatOAuthAuthorizationHeader } from '../../lib/oauth1_signature.js';
import { signOAuth1Request } from '../../lib/oauth1_request.js';
import { type LtiMessageObserver, notify } from '../../lib/observe.js';
import { randomId } from '../../lib/random.js';
import { type OutcomeOperation, type OutcomeResponse, buildOutcomeRequest, parseOutcomeResponse } from '../../messages/basic_outcomes.js';
import type { Lti11CredentialStore } from '../../stores/types.js';
import type { Lti11Launch } from './validate_lti11_launch.js';

/**
 * Where one user's grade for one link lives (L11-005): the launch's `lis_outcome_service_url`,
 * `lis_result_sourcedid` and the consumer key whose secret signs the call (BO-001). Store these at
 * launch time to send grades later, from a background job.
 *
 * @example
 * ```ts
 * const target: Lti11OutcomeTarget = { consumerKey: launch.consumerKey, ...launch.outcome! };
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (BO-001, BO-005)
 */
export interface Lti11OutcomeTarget {
  consumerKey: string;
  serviceUrl: string;
  sourcedId: string;
}

/**
 * A score to send (BO-006): a number from 0 to 1, and optionally the `resultData` extension
 * (text or a URL) for platforms that accept it.
 *
 * @example
 * ```ts
 * const result: Lti11ResultInput = { score: 0.79, resultData: { text: 'Seven of nine correct' } };
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (BO-006)
 */
export interface Lti11ResultInput {
  score: number;
  resultData?: { text?: string; url?: string };
  /** `resultScore/language`. Default `en`. */
  language?: string;
}

/**
 * `tool.lti11.outcomes`: the three Basic Outcomes operations (BO-005), for a stored target or
 * straight from an {@link Lti11Launch}. A `success` answer resolves; anything else throws
 * `ERR_LTI11_OUTCOME_FAILED` (the platform's description in `detail`), `ERR_LTI11_OUTCOME_UNAUTHORIZED`
 * (HTTP 401/403), `ERR_LTI11_OUTCOME_RESPONSE_INVALID` (not a POX answer), `ERR_LTI11_CONSUMER_KEY_UNKNOWN`,
 * `ERR_LTI11_OUTCOME_SERVICE_MISSING` (a launch without outcome parameters) or `ERR_LTI_FETCH_*`.
 *
 * @example
 * ```ts
 * await tool.lti11.outcomes.replaceResult({ consumerKey: 'ck-123', serviceUrl, sourcedId, score: 0.9 });
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (BO-001..BO-006, BO-008)
 */
export interface Lti11OutcomesClient {
  /** Sets the grade (`replaceResultRequest`, BO-006). */
  replaceResult(input: Lti11OutcomeTarget & Lti11ResultInput): Promise<void>;
  replaceResult(launch: Lti11Launch, score: number, options?: Omit<Lti11ResultInput, 'score'>): Promise<void>;
  /** Reads the grade: a number from 0 to 1, or `null` when there is none (`readResultRequest`). */
  readResult(target: Lti11OutcomeTarget | Lti11Launch): Promise<number | null>;
  /** Removes the grade (`deleteResultRequest`). */
  deleteResult(target: Lti11OutcomeTarget | Lti11Launch): Promise<void>;
}

/** What the client needs from the tool. */
export interface Lti11OutcomesClientContext {
  credentials: Lti11CredentialStore | undefined;
  clock: Clock;
  allowInsecureLoopback: boolean;
  fetch?: FetchLike;
  timeoutMs: number;
  maxResponseBytes: number;
  observer?: LtiMessageObserver;
}

const BODY_START_LENGTH = 200;

/**
 * Creates the Basic Outcomes client of a tool (`tool.lti11.outcomes`).
 *
 * @example
 * ```ts
 * const outcomes = createLti11OutcomesClient({ credentials: stores.lti11, clock, allowInsecureLoopback: false, timeoutMs: 10_000, maxResponseBytes: 262_144 });
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (BO-001)
 */
export function createLti11OutcomesClient(context: Lti11OutcomesClientContext): Lti11OutcomesClient {
  async function call(target: Lti11OutcomeTarget, operation: OutcomeOperation, result?: Lti11ResultInput): Promise<OutcomeResponse> {
    const started = performance.now();
    try {
      const response = await sendOutcomeRequest(context, target, operation, result);
      notify(context.observer, { side: 'tool', kind: 'service_request', direction: 'sent', outcome: 'accepted', messageType: `${operation}Request`, durationMs: performance.now() - started });
      return response;
    } catch (thrown) {
      const error = toLtiError(thrown);
      notify(context.observer, {
        side: 'tool',
        kind: 'service_request',
        direction: 'sent',
        outcome: 'rejected',
        messageType: `${operation}Request`,
        errorCode: error.code,
        durationMs: performance.now() - started,
      });
      throw error;
    }
  }

  return {
    replaceResult: async (first: (Lti11OutcomeTarget & Lti11ResultInput) | Lti11Launch, score?: number, options: Omit<Lti11ResultInput, 'score'> = {}) => {
      if (isTarget(first)) {
        await call(first, 'replaceResult', first);
      } else {
        await call(targetOfLaunch(first), 'replaceResult', { ...options, score: score as number });
      }
    },
    readResult: async (target) => {
      const response = await call(isTarget(target) ? target : targetOfLaunch(target), 'readResult');
      if (response.score === undefined) {
        throw new LtiError('ERR_LTI11_OUTCOME_RESPONSE_INVALID', {
          message: 'The readResult answer has no readResultResponse element (BO-008).',
          detail: { field: 'readResultResponse' },
        });
      }
      return response.score;
    },
    deleteResult: async (target) => {
      await call(isTarget(target) ? target : targetOfLaunch(target), 'deleteResult');
    },
  } as Lti11OutcomesClient;
}

function isTarget(value: Lti11OutcomeTarget | Lti11Launch): value is Lti11OutcomeTarget {
  return typeof (value as Partial<Lti11OutcomeTarget>).serviceUrl === 'string';
}

/** L11-005: only launches that carried both outcome parameters can take a grade. */
function targetOfLaunch(launch: Lti11Launch): Lti11OutcomeTarget {
  if (launch.outcome === undefined) throw new LtiError('ERR_LTI11_OUTCOME_SERVICE_MISSING', { detail: { resourceLinkId: launch.resourceLinkId } });
  return { consumerKey: launch.consumerKey, serviceUrl: launch.outcome.serviceUrl, sourcedId: launch.outcome.sourcedId };
}

/**
 * One call: the envelope (BO-004..BO-006), signed in the `Authorization` header with the body
 * hash (BO-001, BO-002), POSTed through the guarded fetch, and the answer read (BO-008).
 */
async function sendOutcomeRequest(context: Lti11OutcomesClientContext, target: Lti11OutcomeTarget, operation: OutcomeOperation, result?: Lti11ResultInput): Promise<OutcomeResponse> {
  if (context.credentials === undefined) throw new LtiError('ERR_LTI11_NOT_CONFIGURED');
  const body = buildOutcomeRequest({
    messageIdentifier: randomId(),
    operation,
    sourcedId: target.sourcedId,
    ...(result === undefined ? {} : { score: result.score }),
    ...(result?.language === undefined ? {} : { language: result.language }),
    ...(result?.resultData === undefined ? {} : { resultData: result.resultData }),
  });
  const credential = await context.credentials.getCredential(target.consumerKey);
  if (credential === undefined) throw new LtiError('ERR_LTI11_CONSUMER_KEY_UNKNOWN', { detail: { consumerKey: target.consumerKey } });
  const oauth = await signOAuth1Request({
    method: 'POST',
    // The service URL's own query parameters are signed with it (OA-002).
    url: target.serviceUrl,
    parameters: [],
    consumerKey: credential.consumerKey,
    consumerSecret: credential.secret,
    timestamp: context.clock.now(),
    body,
  });
  const response = await guardedFetch(target.serviceUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/xml', accept: 'application/xml', authorization: formatOAuthAuthorizationHeader(oauth) },
    body,
    timeoutMs: context.timeoutMs,
    maxBytes: context.maxResponseBytes,
    allowInsecureLoopback: context.allowInsecureLoopback,
    ...(context.fetch === undefined ? {} : { fetch: context.fetch }),
  });
  const text = response.text();
  const bodyStart = text.slice(0, BODY_START_LENGTH);
  if (response.status === 401 || response.status === 403) {
    throw new LtiError('ERR_LTI11_OUTCOME_UNAUTHORIZED', { detail: { url: target.serviceUrl, status: response.status, bodyStart } });
  }
  let answer: OutcomeResponse;
  try {
    answer = parseOutcomeResponse(text);
  } catch (cause) {
    const reason = cause instanceof LtiError ? cause.code : 'ERR_LTI_INTERNAL';
    throw new LtiError('ERR_LTI11_OUTCOME_RESPONSE_INVALID', { detail: { url: target.serviceUrl, status: response.status, reason, bodyStart }, cause });
  }
  // BO-008: a POX answer carries its outcome in imsx_codeMajor, whatever the HTTP status (BO-009).
  if (answer.codeMajor !== 'success') {
    throw new LtiError('ERR_LTI11_OUTCOME_FAILED', {
      message: `The platform answered ${operation} with ${answer.codeMajor}${answer.description === '' ? '' : `: ${answer.description}`}`,
      detail: {
        operation,
        status: response.status,
        codeMajor: answer.codeMajor,
        severity: answer.severity,
        description: answer.description,
        ...(answer.codeMinor === undefined ? {} : { codeMinor: answer.codeMinor }),
      },
    });
  }
  if (response.status < 200 || response.status > 299) {
    throw new LtiError('ERR_LTI11_OUTCOME_RESPONSE_INVALID', {
      message: `The platform answered ${operation} with success in the XML but HTTP ${response.status}.`,
      detail: { url: target.serviceUrl, status: response.status, bodyStart },
    });
  }
  return answer;
}
