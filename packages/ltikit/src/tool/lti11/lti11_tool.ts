/**
 * `tool.lti11`: the LTI 1.0/1.1 side of a tool — the launch endpoint (`POST {baseUrl}/lti11/launch`
 * through `tool.fetch`), launch validation for apps that own their routing, and the Basic Outcomes
 * client.
 *
 * @example
 * ```ts
 * app.post('/courses/lti11', async (c) => {
 *   const launch = await tool.lti11.validateLaunch(c.req.raw, { launchUrl: 'https://tool.example.com/courses/lti11' });
 *   return c.html(renderActivity(launch));
 * });
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (L11-001, BO-001)
 */
import { LtiError, toLtiError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import type { FetchLike } from '../../lib/guarded_fetch.js';
import { wantsJson } from '../../lib/http.js';
import { type LtiMessageObserver, notify } from '../../lib/observe.js';
import type { Lti11CredentialStore, SingleUseStore } from '../../stores/types.js';
import type { Lti11ToolOptions, ResolvedLti11Config } from '../config.js';
import { toolErrorResponse } from '../error_response.js';
import { type Lti11OutcomesClient, createLti11OutcomesClient } from './outcomes_client.js';
import { appendLti11ReturnMessages } from './return_url.js';
import { type Lti11Launch, type Lti11LaunchValidationOptions, validateLti11Launch, verifiedLti11ReturnUrlOf } from './validate_lti11_launch.js';

/**
 * The LTI 1.0/1.1 side of a tool, `tool.lti11`. Everything here needs `stores.lti11`
 * (`ERR_LTI11_NOT_CONFIGURED` otherwise).
 *
 * @example
 * ```ts
 * const launch = await tool.lti11.validateLaunch(request);
 * await tool.lti11.outcomes.replaceResult(launch, 0.9);
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (L11-001..L11-020, BO-001..BO-006)
 */
export interface Lti11Tool {
  /**
   * Validates a launch POST (L11-002, L11-004, OA-004..OA-006) and returns it; throws an
   * `LtiError`. `launchUrl` is the public URL the platform posted to, when it is not
   * `tool.config.lti11.launchUrl`.
   */
  validateLaunch(request: Request, options?: Lti11LaunchValidationOptions): Promise<Lti11Launch>;
  /**
   * Handles a launch POST as `tool.fetch` does: `lti11.onLaunch`'s response, or the error page
   * (JSON when asked), or — for a launch that failed after its signature verified — a redirect
   * to the platform's return URL with `lti_errormsg` and `lti_errorlog` (L11-020).
   */
  handleLaunch(request: Request): Promise<Response>;
  /** Basic Outcomes (BO-001..BO-006): replaceResult, readResult, deleteResult. */
  readonly outcomes: Lti11OutcomesClient;
}

/** What `tool.lti11` is built from. */
export interface Lti11ToolContext {
  config: ResolvedLti11Config;
  options: Lti11ToolOptions | undefined;
  credentials: Lti11CredentialStore | undefined;
  singleUse: SingleUseStore;
  clock: Clock;
  allowInsecureLoopback: boolean;
  fetch?: FetchLike;
  observer?: LtiMessageObserver;
  /** Called with every error answered (the tool's `onError`). */
  report: (error: LtiError, request: Request) => void;
}

/**
 * Builds `tool.lti11`.
 *
 * @example
 * ```ts
 * const lti11 = createLti11Tool({ config: config.lti11, options: options.lti11, credentials: stores.lti11, singleUse, clock,
 *   allowInsecureLoopback: false, report: () => undefined });
 * ```
 * @see http://www.imsglobal.org/LTI/v1p1p1/ltiIMGv1p1p1.html (L11-001)
 */
export function createLti11Tool(context: Lti11ToolContext): Lti11Tool {
  const validateLaunch = (request: Request, options: Lti11LaunchValidationOptions = {}): Promise<Lti11Launch> => {
    const credentials = context.credentials;
    if (credentials === undefined) return Promise.reject(new LtiError('ERR_LTI11_NOT_CONFIGURED'));
    return validateLti11Launch(request, { config: context.config, credentials, singleUse: context.singleUse, clock: context.clock }, options);
  };

  async function handleLaunch(request: Request): Promise<Response> {
    const started = performance.now();
    let launch: Lti11Launch;
    try {
      if (context.options === undefined) throw new LtiError('ERR_LTI11_NOT_CONFIGURED', { message: 'The tool serves no LTI 1.1 launches: give it the `lti11` option.' });
      launch = await validateLaunch(request);
    } catch (thrown) {
      const error = toLtiError(thrown);
      notify(context.observer, { side: 'tool', kind: 'launch', direction: 'received', outcome: 'rejected', errorCode: error.code, durationMs: performance.now() - started });
      context.report(error, request);
      return lti11LaunchErrorResponse(error, request);
    }
    notify(context.observer, {
      side: 'tool',
      kind: 'launch',
      direction: 'received',
      outcome: 'accepted',
      messageType: launch.messageType,
      durationMs: performance.now() - started,
    });
    return context.options.onLaunch(launch, request);
  }

  return {
    validateLaunch,
    handleLaunch,
    outcomes: createLti11OutcomesClient({
      credentials: context.credentials,
      clock: context.clock,
      allowInsecureLoopback: context.allowInsecureLoopback,
      timeoutMs: context.config.outcomesTimeoutMs,
      maxResponseBytes: context.config.outcomesMaxResponseBytes,
      ...(context.fetch === undefined ? {} : { fetch: context.fetch }),
      ...(context.observer === undefined ? {} : { observer: context.observer }),
    }),
  };
}

/**
 * A failed launch: back to the platform's verified return URL with `lti_errormsg` (the sentence)
 * and `lti_errorlog` (the code) when there is one (L11-020) — never to an unverified one
 * (L11-004) — else the error page, or JSON for API clients.
 */
function lti11LaunchErrorResponse(error: LtiError, request: Request): Response {
  const returnUrl = verifiedLti11ReturnUrlOf(error);
  if (returnUrl === undefined || wantsJson(request)) return toolErrorResponse(error, request);
  const location = appendLti11ReturnMessages(returnUrl, { errormsg: error.message, errorlog: error.code });
  return new Response(null, { status: 302, headers: { location, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' } });
}
