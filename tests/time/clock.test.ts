/** Calendar arithmetic without Date objects, checked against Date for every day of three centuries. */
import { describe, expect, it } from 'vitest';
import { addDays, isoWeekday } from '../../src/time/clock.js';

describe('isoWeekday', () => {
  it('agrees with Date for every day from 1900 to 2199, leap days and century years included', () => {
    let mismatches = 0;
    for (let t = Date.UTC(1900, 0, 1); t < Date.UTC(2200, 0, 1); t += 86_400_000) {
      const d = new Date(t);
      const gtfs = d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
      if (isoWeekday(gtfs) !== (d.getUTCDay() || 7)) mismatches++;
    }
    expect(mismatches).toBe(0);
    expect([20261202, 20261206, 20261207, 20000229, 21000301].map(isoWeekday)).toEqual([3, 7, 1, 2, 1]);
    expect(isoWeekday(addDays(20261231, 1))).toBe(5);
  });
});
