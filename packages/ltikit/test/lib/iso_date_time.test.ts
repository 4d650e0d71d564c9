// The ordering key of AGS timestamps (AGS-041, AGS-042): one instant, whatever the offset or precision.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseIsoDateTimeMicros } from '../../src/lib/iso_date_time.js';

const base = Date.parse('2026-03-05T14:03:22.519Z') * 1000;

describe('parseIsoDateTimeMicros', () => {
  it('reads the same instant from every offset spelling and precision', () => {
    for (const value of ['2026-03-05T14:03:22.519Z', '2026-03-05T14:03:22.519+00:00', '2026-03-05t14:03:22.519z', '2026-03-05T15:03:22.519+01:00', '2026-03-05T13:03:22.519-0100', '2026-03-05T16:03:22.519+02', '2026-03-05T14:03:22,519Z', '2026-03-05T14:03:22.519000000Z']) {
      assert.equal(parseIsoDateTimeMicros(value), base, value);
    }
    assert.equal(parseIsoDateTimeMicros('2026-03-05T14:03:22.519001Z'), base + 1);
    assert.equal(parseIsoDateTimeMicros('2026-03-05T14:03:22.5191239Z'), base + 123, 'digits past the microsecond are dropped');
    assert.equal(parseIsoDateTimeMicros('2026-03-05T14:03:22Z'), base - 519_000);
    assert.equal(parseIsoDateTimeMicros('0099-01-01T00:00:00Z'), Date.parse('0099-01-01T00:00:00Z') * 1000, 'years below 100 are not 19xx');
  });

  it('refuses what is not a date-time with an offset', () => {
    for (const value of ['2026-03-05T14:03:22', '2026-03-05', '2026-02-29T00:00:00Z', '2026-13-01T00:00:00Z', '2026-03-05T24:00:00Z', '2026-03-05T14:60:00Z', '2026-03-05T14:03:60Z', '2026-03-05T14:03:22+24:00', '2026-03-05 14:03:22Z', 'yesterday', '']) {
      assert.equal(parseIsoDateTimeMicros(value), undefined, value);
    }
    assert.notEqual(parseIsoDateTimeMicros('2028-02-29T00:00:00Z'), undefined, 'a leap day');
  });
});
