/**
 * The one LtiError → Response mapping of the tool side (STYLE habit 3). Browsers get a page that
 * says which check failed and what to do; API clients (Accept: application/json) get JSON.
 * Launch failures are always 4xx (never 200, never a stack trace).
 */
import { type LtiError, toLtiError } from '../errors.js';
import { escapeHtml, htmlResponse, jsonResponse, wantsJson } from '../lib/http.js';

/**
 * Options of {@link toolErrorResponse} (RET-003: a way back to the platform after a failure).
 *
 * @example
 * ```ts
 * return toolErrorResponse(error, request, { headers: { 'set-cookie': clearedSession } });
 * ```
 */
export interface ToolErrorResponseOptions {
  /** A `launch_presentation.return_url` read from the (verified) token, to offer a way back (RET-003). */
  returnUrl?: string;
  /** Extra headers for the error response (e.g. a cookie to clear). */
  headers?: HeadersInit;
}

/** Status for an error answered by the tool: upstream failures (JWKS fetch) become 4xx too; only internal bugs are 500. */
function statusOf(error: LtiError): number {
  if (error.code === 'ERR_LTI_INTERNAL') return 500;
  return error.status >= 500 ? 400 : error.status;
}

/**
 * Maps anything thrown by a tool handler to its response: a page naming the failed check's code,
 * with a way back through a verified `return_url` when there is one (CORE-022, RET-003), or JSON
 * for API clients. Upstream failures answer 4xx; only internal errors answer 500.
 *
 * @example
 * ```ts
 * catch (thrown) { return toolErrorResponse(thrown, request); }
 * ```
 */
export function toolErrorResponse(thrown: unknown, request: Request, options: ToolErrorResponseOptions = {}): Response {
  const error = toLtiError(thrown);
  const status = statusOf(error);
  if (wantsJson(request)) return jsonResponse(error.toJSON(), status, options.headers);
  let back = '';
  if (options.returnUrl !== undefined) {
    try {
      const url = new URL(options.returnUrl);
      if (url.protocol === 'https:' || url.protocol === 'http:') {
        url.searchParams.set('lti_errormsg', error.message);
        url.searchParams.set('lti_errorlog', error.code);
        back = `<p><a href="${escapeHtml(url.href)}" target="_top">Return to the course</a></p>`;
      }
    } catch {
      // An unusable return URL is simply not offered.
    }
  }
  const body = `<div class="error"><h1>The LTI launch could not be completed</h1><p>${escapeHtml(error.message)}</p><p>Error code: <code>${escapeHtml(error.code)}</code></p></div>${back}<p>If this keeps happening, give the error code to your course administrator.</p>`;
  return htmlResponse('LTI launch error', body, status, options.headers);
}
