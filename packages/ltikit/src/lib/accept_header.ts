/**
 * Content negotiation for the service endpoints: does a request's `Accept` header allow the one
 * media type an endpoint answers with (NRPS-002, NRPS-003, TOK-020)? And the bare media type of a
 * `Content-Type` value, for comparing received types without their parameters.
 */

/**
 * Whether `accept` (an `Accept` header value, RFC 9110 §12.5.1) allows `mediaType`: the most
 * specific matching range decides (the exact type, then its `type/` wildcard, then the full
 * wildcard), and a `q=0` refuses.
 * An absent or empty header allows anything.
 *
 * @example
 * ```ts
 * acceptsMediaType('application/vnd.ims.lti-nrps.v2.membershipcontainer+json', MEDIA_TYPE.membershipContainer); // true
 * acceptsMediaType('application/json', MEDIA_TYPE.membershipContainer); // false
 * ```
 */
export function acceptsMediaType(accept: string | null, mediaType: string): boolean {
  if (accept === null || accept.trim() === '') return true;
  const wanted = mediaType.toLowerCase();
  const slash = wanted.indexOf('/');
  const wantedType = wanted.slice(0, slash);
  let bestSpecificity = -1;
  let bestQuality = 0;
  for (const range of accept.split(',')) {
    const [rawType = '', ...parameters] = range.split(';');
    const type = rawType.trim().toLowerCase();
    let specificity: number;
    if (type === wanted) specificity = 2;
    else if (type === `${wantedType}/*`) specificity = 1;
    else if (type === '*/*') specificity = 0;
    else continue;
    if (specificity < bestSpecificity) continue;
    let quality = 1;
    for (const parameter of parameters) {
      const [name = '', value = ''] = parameter.split('=');
      if (name.trim().toLowerCase() !== 'q') continue;
      const parsed = Number(value.trim());
      quality = Number.isFinite(parsed) ? parsed : 0;
    }
    bestSpecificity = specificity;
    bestQuality = quality;
  }
  return bestSpecificity >= 0 && bestQuality > 0;
}

/**
 * The media type of a `Content-Type` value, lower-cased and without parameters (`charset` …).
 *
 * @example
 * ```ts
 * mediaTypeOf('application/json; charset=utf-8'); // 'application/json'
 * ```
 */
export function mediaTypeOf(contentType: string | null): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}
