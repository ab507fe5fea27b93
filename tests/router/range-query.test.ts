/**
 * rRAPTOR range queries give, for every departure in the window, the same earliest arrivals as
 * a separate search from that departure — forward (one-to-all over a departure window) and on
 * the mirrored timetable (all-to-one over an arrival window).
 */
import { describe, expect, it } from 'vitest';
import { loadFeeds } from '../../src/feed/load-feeds.js';
import { buildTimetable } from '../../src/timetable/build-timetable.js';
import { reverseTimetable } from '../../src/timetable/reverse-timetable.js';
import { earliestArrival, rangeQuery, RaptorScratch } from '../../src/router/raptor.js';
import { mulberry32 } from '../support/random-feed.js';
import { BOERDEBUS, sharedCacheDir } from '../helpers/paths.js';

describe('range queries on the BördeBus timetable', () => {
  it.each([
    ['one-to-all over a 2-hour departure window', false],
    ['all-to-one over a 2-hour arrival window (mirrored timetable)', true],
  ])('%s equal separate searches', async (_, mirrored) => {
    const feeds = await loadFeeds([BOERDEBUS], { cacheDir: sharedCacheDir });
    const forward = buildTimetable(feeds, 20261209, { walkRadiusMeters: 400 });
    const tt = mirrored ? reverseTimetable(forward) : forward;
    const range = new RaptorScratch(tt);
    const single = new RaptorScratch(tt);
    const options = { maxTransfers: 15, transferSlackSeconds: 120 };
    const random = mulberry32(mirrored ? 2 : 1);
    let departures = 0;
    for (let q = 0; q < 12; q++) {
      const stop = Math.floor(random() * tt.stopCount);
      const from = (mirrored ? -1 : 1) * (6 * 3600 + Math.floor(random() * 10 * 3600));
      const [windowStart, windowEnd] = mirrored ? [from - 7200, from] : [from, from + 7200];
      rangeQuery(range, [{ stop, accessSeconds: 0 }], windowStart, windowEnd, options, (departure) => {
        departures++;
        earliestArrival(single, [{ stop, time: departure }], options);
        expect(Array.from(range.arrival)).toEqual(Array.from(single.arrival));
      });
    }
    expect(departures).toBeGreaterThan(12);
  });
});
