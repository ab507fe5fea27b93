/**
 * `serviceDays` (which services run on which date, walked per service) agrees with asking
 * `isServiceActive` about every service and date: on the five real feeds (a year of calendar.txt
 * ranges and calendar_dates.txt rows) and on the fixtures with only calendar_dates.txt and with
 * added and removed dates; and no service with trips runs outside its range.
 */
import { describe, expect, it } from 'vitest';
import { isServiceActive, loadFeeds, type FeedSet } from '../../src/feed/load-feeds.js';
import { serviceDays } from '../../src/feed/service-days.js';
import { addDays } from '../../src/time/clock.js';
import { ALL_FEEDS, fixture, sharedCacheDir, tempCacheDir } from '../helpers/paths.js';

/** Every service with trips asked about every date from a month before the range to a month after. */
function expectSameAsAsking(feeds: FeedSet): number {
  const days = serviceDays(feeds);
  const tripsPerService = new Int32Array(feeds.services.length);
  for (let t = 0; t < feeds.trips.count; t++) tripsPerService[feeds.trips.service[t]!]!++;
  expect(days.dates.length).toBeGreaterThan(0);
  let activeDays = 0;
  for (let date = addDays(days.dates[0]!, -31); date <= addDays(days.dates.at(-1)!, 31); date = addDays(date, 1)) {
    const active: number[] = [];
    const perFeed = feeds.feeds.map(() => 0);
    feeds.services.forEach((service, s) => {
      if (tripsPerService[s]! > 0 && isServiceActive(service, date)) {
        active.push(s);
        perFeed[service.feed]! += tripsPerService[s]!;
      }
    });
    const i = days.indexOf(date);
    if (i < 0) {
      expect(active, `${date} lies outside the range`).toEqual([]);
      continue;
    }
    expect(days.dates[i]).toBe(date);
    expect(days.activeServices[i], String(date)).toEqual(active);
    expect(days.tripsPerFeed.map((trips) => trips[i]), String(date)).toEqual(perFeed);
    expect(days.trips[i]).toBe(perFeed.reduce((a, b) => a + b, 0));
    activeDays += active.length;
  }
  return activeDays;
}

describe('serviceDays', () => {
  it('agrees with isServiceActive on the five real feeds', async () => {
    const feeds = await loadFeeds(ALL_FEEDS, { cacheDir: sharedCacheDir });
    expect(expectSameAsAsking(feeds)).toBeGreaterThan(10_000);
  });

  it('agrees on feeds with only calendar_dates.txt and with added and removed dates', async () => {
    const cacheDir = tempCacheDir();
    for (const name of ['calendar-dates-only', 'calendar-exceptions', 'missing-optional-files']) {
      const feeds = await loadFeeds([fixture('gtfs', name)], { cacheDir });
      expect(expectSameAsAsking(feeds), name).toBeGreaterThan(0);
    }
  });

  it('is computed once per feed set', async () => {
    const feeds = await loadFeeds([fixture('gtfs', 'calendar-exceptions')], { cacheDir: tempCacheDir() });
    expect(serviceDays(feeds)).toBe(serviceDays(feeds));
  });
});
