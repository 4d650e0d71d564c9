/**
 * The page a platform shows after a verified Deep Linking response when the application gives no
 * `onDeepLinkingResponse`: the placed items and the tool's messages, all escaped (DL-056).
 */
import { escapeHtml, htmlResponse } from '../../lib/http.js';
import type { ContentItem } from '../../messages/deep_linking.js';
import type { DeepLinkingResult } from './verify_deep_linking_response.js';

function describe(item: ContentItem): string {
  const title = item.title === undefined ? '' : `<b>${escapeHtml(item.title)}</b> `;
  const type = `<code>${escapeHtml(item.type)}</code>`;
  switch (item.type) {
    case 'html':
      // DL-060: the markup is the application's to sanitise; here it is shown as text only.
      return `${title}${type}<pre>${escapeHtml(item.html)}</pre>`;
    case 'ltiResourceLink':
      return `${title}${type}${item.url === undefined ? ' (the tool\u2019s default launch URL)' : ` ${escapeHtml(item.url)}`}`;
    default:
      return `${title}${type} ${escapeHtml(item.url)}`;
  }
}

/**
 * The default page of the Deep Linking return URL: the received items (types, titles, URLs; `html`
 * shown as text, never rendered) and the tool's `msg`/`errormsg`, escaped; `log`/`errorlog` are
 * never shown (DL-056).
 *
 * @example
 * ```ts
 * onDeepLinkingResponse: async (result) => { await saveItems(result); return defaultDeepLinkingPage(result); },
 * ```
 * @see https://www.imsglobal.org/spec/lti-dl/v2p0 (DL-056, DL-061)
 */
export function defaultDeepLinkingPage(result: DeepLinkingResult): Response {
  const parts: string[] = ['<h1>Content from the tool</h1>'];
  if (result.msg !== undefined) parts.push(`<p class="lti-msg">${escapeHtml(result.msg)}</p>`);
  if (result.errormsg !== undefined) parts.push(`<div class="error"><p class="lti-errormsg">${escapeHtml(result.errormsg)}</p></div>`);
  if (result.contentItems.length === 0) parts.push('<p>Nothing was selected.</p>');
  else parts.push(`<ul class="lti-content-items">${result.contentItems.map((item) => `<li>${describe(item)}</li>`).join('')}</ul>`);
  return htmlResponse('Content from the tool', parts.join(''));
}
