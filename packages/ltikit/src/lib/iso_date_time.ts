/**
 * ISO 8601 date-times as AGS writes them (`timestamp`, `startDateTime`, `submission.submittedAt`):
 * checked, and turned into one comparable number, so that scores are ordered by the instant they
 * were produced whatever offset or precision the tool wrote (AGS-041, AGS-042).
 */

// RFC 3339 profile of ISO 8601: a date, `T`, a time with optional fraction, and a mandatory offset
// (without one the instant is unknown). `±hh`, `±hhmm` and `±hh:mm` offsets are all ISO 8601.
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)$/;

/**
 * The instant of an ISO 8601 date-time with a time zone offset, in microseconds since the epoch;
 * `undefined` when `value` is not one (no offset, day 31 of a 30-day month, hour 24 …). Sub-
 * microsecond digits are dropped. This is the ordering key of scores: a score is newer than the
 * stored one only when its key is greater (AGS-042), so `2026-03-05T14:03:22.519+01:00` and
 * `2026-03-05T13:03:22.519Z` are the same instant.
 *
 * @example
 * ```ts
 * parseIsoDateTimeMicros('2026-03-05T14:03:22.519+00:00'); // 1772719402519000
 * parseIsoDateTimeMicros('2026-03-05T14:03:22'); // undefined: no offset
 * ```
 * @see AGS-041, AGS-042 in shared/spec/ags.md
 */
export function parseIsoDateTimeMicros(value: string): number | undefined {
  const match = ISO_DATE_TIME.exec(value);
  if (match === null) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCDate() !== day) return undefined;
  date.setUTCHours(hour, minute, second, 0);
  let offsetMinutes = 0;
  if (match[8] === undefined) {
    const offsetHours = Number(match[10]);
    const offsetRest = Number(match[11] ?? '0');
    if (offsetHours > 23 || offsetRest > 59) return undefined;
    offsetMinutes = (match[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetRest);
  }
  const micros = Number((match[7] ?? '').padEnd(6, '0').slice(0, 6));
  return (date.getTime() - offsetMinutes * 60_000) * 1000 + micros;
}
