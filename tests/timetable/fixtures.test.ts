/**
 * Every GTFS edge case of fixtures/gtfs/ through the production code (import through the gtfs
 * package, timetable, RAPTOR): active trips per date and each hand-worked question of the
 * fixture's expected.json (its README shows the hand calculation).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFeeds } from '../../src/feed/load-feeds.js';
import { serviceCalendar } from '../../src/analysis/service-calendar.js';
import { buildTimetable } from '../../src/timetable/build-timetable.js';
import { RoutePlanner } from '../../src/router/route-planner.js';
import { parseIsoDate } from '../../src/time/clock.js';
import { fixture, tempCacheDir } from '../helpers/paths.js';

interface Query {
  date: string;
  from: string;
  to: string;
  departAt?: string;
  arriveBy?: string;
  expectedArrival?: string | null;
  expectedDeparture?: string | null;
  options?: { useTransfersTxt?: boolean };
}
interface Expected {
  feeds: string[];
  activeTrips: Record<string, number>;
  tripInstances?: Record<string, number>;
  queries: Query[];
}

/** `H:MM:SS`, possibly ≥ 24 h or negative, to seconds. */
function seconds(text: string): number {
  const negative = text.startsWith('-');
  const [h, m, s] = text.replace('-', '').split(':').map(Number);
  const value = h! * 3600 + m! * 60 + s!;
  return negative ? -value : value;
}

const cacheDir = tempCacheDir();
const cases = readdirSync(fixture('gtfs')).filter((name) => !name.includes('.'));

describe.each(cases)('fixture %s', (name) => {
  const expected = JSON.parse(readFileSync(fixture('gtfs', name, 'expected.json'), 'utf8')) as Expected;
  const paths = expected.feeds.map((feed) => path.join(fixture('gtfs', name), feed));

  it.each(Object.entries(expected.activeTrips))('on %s: %s active trips, per the calendar and the timetable', async (date, trips) => {
    const feeds = await loadFeeds(paths, { cacheDir });
    expect(serviceCalendar(feeds, { from: date, to: date })[0]?.activeTrips ?? 0).toBe(trips);
    expect(buildTimetable(feeds, parseIsoDate(date)!, { walkRadiusMeters: 0 }).activeTripCount).toBe(trips);
  });

  if (expected.tripInstances) {
    it.each(Object.entries(expected.tripInstances))('on %s: %s trip instances', async (date, runs) => {
      const feeds = await loadFeeds(paths, { cacheDir });
      const tt = buildTimetable(feeds, parseIsoDate(date)!, { walkRadiusMeters: 0 });
      expect(Array.from(tt.instanceDay).filter((day) => day === 0).length).toBe(runs);
    });
  }

  it.each(expected.queries.map((q) => [`${q.date} ${q.from}→${q.to} ${q.departAt ? `from ${q.departAt}` : `by ${q.arriveBy}`}${q.options?.useTransfersTxt ? ' (transfers.txt)' : ''}`, q] as const))(
    '%s',
    async (_, query) => {
      const feeds = await loadFeeds(paths, { cacheDir });
      const planner = new RoutePlanner(feeds, {
        walkRadiusMeters: 0,
        transferSlackSeconds: 0,
        maxTransfers: 15,
        useTransfersFile: query.options?.useTransfersTxt ?? false,
      });
      if (query.departAt !== undefined) {
        const result = planner.route({ from: query.from, to: query.to, date: query.date, depart: seconds(query.departAt) });
        expect(result.arrival).toBe(query.expectedArrival == null ? null : seconds(query.expectedArrival));
      } else {
        const result = planner.route({ from: query.from, to: query.to, date: query.date, arrive: seconds(query.arriveBy!) });
        expect(result.departure).toBe(query.expectedDeparture == null ? null : seconds(query.expectedDeparture));
      }
    },
  );
});
