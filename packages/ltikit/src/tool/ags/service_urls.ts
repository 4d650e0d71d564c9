/**
 * AGS URLs on the tool side are used as the platform gave them (AGS-004): the scores and results
 * URLs are the line item URL with `/scores` or `/results` added to its path, its query string kept
 * (AGS-010), and filters are appended to a URL's own query string, which stays byte for byte.
 */

function splitUrl(url: string): { path: string; query: string } {
  const hashAt = url.indexOf('#');
  const withoutFragment = hashAt < 0 ? url : url.slice(0, hashAt);
  const queryAt = withoutFragment.indexOf('?');
  return queryAt < 0 ? { path: withoutFragment, query: '' } : { path: withoutFragment.slice(0, queryAt), query: withoutFragment.slice(queryAt) };
}

/**
 * AGS-010: `.../lineitems/77?dep=01` → `.../lineitems/77/scores?dep=01` (or `/results`).
 *
 * @example
 * ```ts
 * lineItemServiceUrl('https://lms.example.edu/api/lti/ctx-991/lineitems/77?dep=01', 'scores');
 * // 'https://lms.example.edu/api/lti/ctx-991/lineitems/77/scores?dep=01'
 * ```
 */
export function lineItemServiceUrl(lineItemUrl: string, service: 'scores' | 'results'): string {
  const { path, query } = splitUrl(lineItemUrl);
  return `${path.replace(/\/+$/, '')}/${service}${query}`;
}

/** `url` with `parameters` appended to its query string (which is kept as it is), without any fragment. */
export function appendQuery(url: string, parameters: ReadonlyArray<readonly [string, string]>): string {
  const { path, query } = splitUrl(url);
  if (parameters.length === 0) return `${path}${query}`;
  const added = parameters.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&');
  const separator = query === '' ? '?' : query === '?' || query.endsWith('&') ? '' : '&';
  return `${path}${query}${separator}${added}`;
}
