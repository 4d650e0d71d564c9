/**
 * The launch return URL (RET-001, RET-002): reads `lti_msg`, `lti_errormsg`, `lti_log` and
 * `lti_errorlog` as untrusted text, logs the logs, and shows the messages HTML-escaped.
 */
import { escapeHtml, htmlResponse } from '../lib/http.js';
import type { PlatformOptions, ReturnMessage } from './config.js';

const LIMIT = 2000;

function text(parameters: URLSearchParams, name: string): string | undefined {
  const value = parameters.get(name);
  return value === null || value === '' ? undefined : value.slice(0, LIMIT);
}

/**
 * Reads the return parameters of a request (RET-001) as untrusted text, each cut at 2000
 * characters; escape them before display (RET-002).
 *
 * @example
 * ```ts
 * const { lti_errormsg, launchId } = readReturnMessage(request);
 * ```
 */
export function readReturnMessage(request: Request): ReturnMessage {
  const parameters = new URL(request.url).searchParams;
  const message: ReturnMessage = {};
  const fields = ['lti_msg', 'lti_errormsg', 'lti_log', 'lti_errorlog'] as const;
  for (const field of fields) {
    const value = text(parameters, field);
    if (value !== undefined) message[field] = value;
  }
  const launchId = text(parameters, 'launch');
  if (launchId !== undefined) message.launchId = launchId;
  return message;
}

/**
 * The default return page: the tool's messages, HTML-escaped; the logs are never shown (RET-002).
 *
 * @example
 * ```ts
 * onReturn: async (message) => { await audit(message.launchId); return defaultReturnPage(message); },
 * ```
 */
export function defaultReturnPage(message: ReturnMessage): Response {
  const parts: string[] = ['<h1>Back from the tool</h1>'];
  if (message.lti_msg !== undefined) parts.push(`<p class="lti-msg">${escapeHtml(message.lti_msg)}</p>`);
  if (message.lti_errormsg !== undefined) parts.push(`<div class="error"><p class="lti-errormsg">${escapeHtml(message.lti_errormsg)}</p></div>`);
  if (parts.length === 1) parts.push('<p>The tool sent no message.</p>');
  return htmlResponse('Returned from tool', parts.join(''));
}

export async function handleReturn(request: Request, options: Pick<PlatformOptions, 'onReturn' | 'onReturnLog'>): Promise<Response> {
  const message = readReturnMessage(request);
  if ((message.lti_log !== undefined || message.lti_errorlog !== undefined) && options.onReturnLog !== undefined) {
    options.onReturnLog({
      ...(message.lti_log === undefined ? {} : { lti_log: message.lti_log }),
      ...(message.lti_errorlog === undefined ? {} : { lti_errorlog: message.lti_errorlog }),
      ...(message.launchId === undefined ? {} : { launchId: message.launchId }),
    });
  }
  // RET-002: logs go to onReturnLog only, never to the page or its renderer.
  const { lti_log: _log, lti_errorlog: _errorLog, ...shown } = message;
  return options.onReturn === undefined ? defaultReturnPage(shown) : options.onReturn(shown, request);
}
