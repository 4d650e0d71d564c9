/**
 * The one LtiError → Response mapping of the platform side (STYLE habit 3): the status and OAuth
 * `error` value from the code's registry entry; a page for browsers (Accept: text/html), RFC 6749
 * §5.2 JSON for everyone else.
 */
import { toLtiError } from '../errors.js';
import { escapeHtml, htmlResponse, jsonResponse } from '../lib/http.js';

/**
 * Answers anything a platform handler threw: an HTML page for browsers, the RFC 6749 §5.2 JSON body
 * (`error`, `error_description`, `code`) for everyone else, with the code's status (TOK-015). It
 * never redirects, so an error before the redirect URI is proven stays on the platform (OIDC-022).
 *
 * @example
 * ```ts
 * try { return await handle(request); } catch (thrown) { return platformErrorResponse(thrown, request); }
 * ```
 */
export function platformErrorResponse(thrown: unknown, request: Request): Response {
  const error = toLtiError(thrown);
  // Service calls (RFC 6750 §3): JSON with a WWW-Authenticate challenge naming the error.
  if (error.oauthError === 'invalid_token' || error.oauthError === 'insufficient_scope') {
    return jsonResponse(error.toJSON(), error.status, { 'www-authenticate': `Bearer error="${error.oauthError}"` });
  }
  const accept = request.headers.get('accept') ?? '';
  if (!accept.includes('text/html')) return jsonResponse(error.toJSON(), error.status);
  const body = `<div class="error"><h1>This LTI request could not be completed</h1><p>${escapeHtml(error.message)}</p><p>Error: <code>${escapeHtml(error.oauthError ?? 'invalid_request')}</code> · code <code>${escapeHtml(error.code)}</code></p></div>`;
  return htmlResponse('LTI error', body, error.status);
}
