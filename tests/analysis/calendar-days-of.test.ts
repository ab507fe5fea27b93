/**
 * `calendarDaysOf` (the calendar of just the dates a `check` looks at) gives the same days as the
 * whole-range calendar, but for the pattern letters; and the data warnings built from it are the
 * same — on the real BördeBus + MVB feeds, for weeks over the whole year (Christmas and school
 * holidays included) and for dates outside the feeds' range.
 */
import { describe, expect, it } from 'vitest';
import { loadFeeds } from '../../src/feed/load-feeds.js';
import { calendarDaysOf, fullServiceCalendar } from '../../src/analysis/service-calendar.js';
import { dataWarnings } from '../../src/analysis/data-notices.js';
import { addDays, formatIsoDate, parseIsoDate } from '../../src/time/clock.js';
import { BOERDEBUS, MVB, sharedCacheDir } from '../helpers/paths.js';

const week = (monday: string): string[] => Array.from({ length: 7 }, (_, i) => formatIsoDate(addDays(parseIsoDate(monday)!, i)));
const withoutPattern = ({ pattern: _pattern, ...day }: { pattern: string }): object => day;

describe('calendarDaysOf', () => {
  it('gives the days of the whole-range calendar, and the same data warnings', async () => {
    const feeds = await loadFeeds([BOERDEBUS, MVB], { cacheDir: sharedCacheDir });
    const mondays = Array.from({ length: 60 }, (_, i) => formatIsoDate(addDays(20251201, 7 * i)));
    // The days first, from a copy of the feed set (no whole-range calendar computed for it yet).
    const copy = { ...feeds };
    const ranged = mondays.map((monday) => calendarDaysOf(copy, week(monday)));
    const warningsRanged = mondays.map((monday) => dataWarnings({ ...feeds }, week(monday)));
    const full = new Map(fullServiceCalendar(feeds).map((day) => [day.date, day]));
    let compared = 0;
    let disagreeing = 0;
    mondays.forEach((monday, i) => {
      for (const date of week(monday)) {
        const day = full.get(date);
        const mine = ranged[i]!.get(date);
        if (!day) {
          expect(mine?.agrees ?? null, date).toBeNull();
          continue;
        }
        expect(withoutPattern(mine!), date).toEqual(withoutPattern(day));
        compared++;
        if (day.agrees === false) disagreeing++;
      }
      expect(warningsRanged[i], monday).toEqual(dataWarnings(feeds, week(monday)));
    });
    expect(compared).toBeGreaterThan(200);
    expect(disagreeing).toBeGreaterThan(0);
    // Once the whole-range calendar exists, it is used.
    expect(calendarDaysOf(feeds, ['2026-12-25']).get('2026-12-25')).toBe(full.get('2026-12-25'));
  });
});
