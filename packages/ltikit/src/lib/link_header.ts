/**
 * The HTTP `Link` header (RFC 8288) of paged service answers: `<url>; rel="next"` and
 * `rel="differences"` (NRPS-030, NRPS-031). Several links arrive either comma-joined in one header
 * or as separate headers, which `Headers.get` joins with `, ` (NRPS-033); URLs may hold commas.
 */

/**
 * One link of a `Link` header: its target as written and its relation types, lower-cased.
 *
 * @example
 * ```ts
 * const link: WebLink = { url: 'https://lms.example.edu/api/memberships?page=2', rel: ['next'] };
 * ```
 */
export interface WebLink {
  url: string;
  rel: string[];
}

/**
 * Parses a `Link` header value; malformed parts are skipped rather than guessed at (NRPS-033).
 *
 * @example
 * ```ts
 * parseLinkHeader('<https://lms.example.edu/m?p=2>; rel="next", <https://lms.example.edu/m?since=7>; rel=differences');
 * // [{ url: 'https://lms.example.edu/m?p=2', rel: ['next'] }, { url: 'https://lms.example.edu/m?since=7', rel: ['differences'] }]
 * ```
 */
export function parseLinkHeader(value: string | null): WebLink[] {
  const links: WebLink[] = [];
  if (value === null) return links;
  let index = 0;
  const length = value.length;
  const skipSpace = (): void => {
    // Spaces, tabs and (from an obsolete line fold, as the spec's example is written) line breaks.
    while (index < length && /[ \t\r\n]/.test(value[index]!)) index++;
  };
  /** Skips to just after the next comma outside a quoted string (the end of a malformed link). */
  const skipLink = (): void => {
    let quoted = false;
    while (index < length) {
      const char = value[index++];
      if (char === '"') quoted = !quoted;
      else if (char === '\\' && quoted) index++;
      else if (char === ',' && !quoted) return;
    }
  };
  while (index < length) {
    skipSpace();
    if (value[index] === ',') {
      index++;
      continue;
    }
    if (value[index] !== '<') {
      skipLink();
      continue;
    }
    const close = value.indexOf('>', index);
    if (close < 0) break;
    const url = value.slice(index + 1, close).trim();
    index = close + 1;
    const rel: string[] = [];
    for (;;) {
      skipSpace();
      if (value[index] !== ';') break;
      index++;
      skipSpace();
      const nameStart = index;
      while (index < length && /[!#$%&'*+.^_`|~0-9A-Za-z-]/.test(value[index]!)) index++;
      const name = value.slice(nameStart, index).toLowerCase();
      skipSpace();
      let parameter = '';
      if (value[index] === '=') {
        index++;
        skipSpace();
        if (value[index] === '"') {
          index++;
          while (index < length && value[index] !== '"') {
            if (value[index] === '\\') index++;
            parameter += value[index] ?? '';
            index++;
          }
          index++;
        } else {
          const start = index;
          while (index < length && value[index] !== ';' && value[index] !== ',') index++;
          parameter = value.slice(start, index).trim();
        }
      }
      // RFC 8288 §3.3: only the first `rel` counts.
      if (name === 'rel' && rel.length === 0) rel.push(...parameter.toLowerCase().split(/\s+/).filter(Boolean));
    }
    skipSpace();
    if (index < length && value[index] !== ',') skipLink();
    if (url !== '') links.push({ url, rel });
  }
  return links;
}

/**
 * Writes links as one `Link` header value, each target between angle brackets.
 *
 * @example
 * ```ts
 * formatLinkHeader([{ url: 'https://lms.example.edu/m?cursor=2', rel: ['next'] }]); // '<https://lms.example.edu/m?cursor=2>; rel="next"'
 * ```
 */
export function formatLinkHeader(links: readonly WebLink[]): string {
  return links.map((link) => `<${link.url}>; rel="${link.rel.join(' ')}"`).join(', ');
}
