/**
 * The horizon-bounded search (`maxArrival`) gives the same answers as the unbounded one for every
 * stop reached within the horizon — the same arrival (latest departure when mirrored) and number
 * of rides, also of the journey unfolded from it (of equally good predecessors either may be
 * kept) — and nothing
 * beyond it; forward (one-to-all) and on the mirrored timetable (all-to-one), on random feeds
 * with every trap and on the real BördeBus + MVB timetable. Property-based (fast-check).
 */
import { rmSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { loadFeeds } from '../../src/feed/load-feeds.js';
import { buildTimetable, type Timetable } from '../../src/timetable/build-timetable.js';
import { reverseTimetable } from '../../src/timetable/reverse-timetable.js';
import { earliestArrival, RaptorScratch, UNREACHED, type RaptorOptions } from '../../src/router/raptor.js';
import { unfoldJourney } from '../../src/router/journey.js';
import { randomFeed } from '../support/random-feed.js';
import { BOERDEBUS, MVB, sharedCacheDir, tempCacheDir } from '../helpers/paths.js';

/**
 * What a journey answers: where it ends in time (the arrival, or for a mirrored search the latest
 * departure) and how many rides it takes. Which of two equally good predecessors a search keeps
 * depends on the order it scans stops in, so the stops of a tie may differ.
 */
function answer(raw: ReturnType<typeof unfoldJourney>, mirrored: boolean): unknown {
  if (!raw) return null;
  const end = mirrored ? raw.legs[0]?.departure : raw.legs.at(-1)?.arrival;
  return { end, rides: raw.legs.filter((leg) => leg.instance !== -1).length };
}

/** Compares a bounded with an unbounded search from the same sources; returns the stops reached within the horizon. */
function compare(tt: Timetable, sources: { stop: number; time: number }[], options: RaptorOptions, horizonSeconds: number, original?: Timetable, unfoldEvery = 1): number {
  const full = new RaptorScratch(tt);
  const bounded = new RaptorScratch(tt);
  const start = Math.min(...sources.map((source) => source.time));
  const limit = start + horizonSeconds;
  earliestArrival(full, sources, options);
  earliestArrival(bounded, sources, { ...options, maxArrival: limit });
  let within = 0;
  for (let s = 0; s < tt.stopCount; s++) {
    const where = `stop ${s}, sources ${JSON.stringify(sources)}, horizon ${horizonSeconds}`;
    if (full.arrival[s]! <= limit) {
      within++;
      expect(bounded.arrival[s], where).toBe(full.arrival[s]);
      expect(bounded.arrivalRound[s], where).toBe(full.arrivalRound[s]);
      expect(bounded.arrivalWalkFrom[s]! >= 0, where).toBe(full.arrivalWalkFrom[s]! >= 0);
      if (s % unfoldEvery === 0) expect(answer(unfoldJourney(bounded, s, original), !!original), where).toEqual(answer(unfoldJourney(full, s, original), !!original));
    } else {
      expect(bounded.arrival[s], where).toBe(UNREACHED);
    }
    if (full.bestRide[s]! <= limit) {
      expect(bounded.bestRide[s], where).toBe(full.bestRide[s]);
      expect(bounded.bestRideRound[s], where).toBe(full.bestRideRound[s]);
      if (s % unfoldEvery === 0) expect(answer(unfoldJourney(bounded, s, original, true), !!original), where).toEqual(answer(unfoldJourney(full, s, original, true), !!original));
    } else {
      expect(bounded.bestRide[s], where).toBe(UNREACHED);
    }
  }
  return within;
}

const sourcesArbitrary = (tt: Timetable, from: number, to: number): fc.Arbitrary<{ stop: number; time: number }[]> =>
  fc.array(fc.record({ stop: fc.integer({ min: 0, max: tt.stopCount - 1 }), time: fc.integer({ min: from, max: to }) }), { minLength: 1, maxLength: 4 });

describe('horizon-bounded search equals the unbounded one within the horizon', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('on random feeds (frequencies, transfers.txt, overtaking trips, times after midnight), both directions', async () => {
    const cacheDir = tempCacheDir();
    dirs.push(cacheDir);
    let within = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const feed = randomFeed(seed, { stops: 30 });
      dirs.push(feed.dir);
      const feeds = await loadFeeds([feed.dir], { cacheDir });
      const date = Number(feed.dates[Math.min(2, feed.dates.length - 1)]!.replace(/-/g, ''));
      const tt = buildTimetable(feeds, date, { walkRadiusMeters: seed % 3 === 0 ? 0 : 600, useTransfersFile: seed % 2 === 0 });
      const mirror = reverseTimetable(tt);
      fc.assert(
        fc.property(
          sourcesArbitrary(tt, 0, 28 * 3600),
          fc.integer({ min: 0, max: 6 * 3600 }),
          fc.integer({ min: 0, max: 4 }),
          fc.integer({ min: 0, max: 300 }),
          (sources, horizon, maxTransfers, slack) => {
            within += compare(tt, sources, { maxTransfers, transferSlackSeconds: slack }, horizon);
            const mirrored = sources.map((source) => ({ stop: source.stop, time: -source.time }));
            within += compare(mirror, mirrored, { maxTransfers, transferSlackSeconds: slack, maxInitialWaitSeconds: 3600 }, horizon, tt);
          },
        ),
        { numRuns: 25, seed },
      );
    }
    expect(within).toBeGreaterThan(500);
  });

  it('on the real BördeBus + MVB timetable of 2026-12-09 (walks up to 1,000 m, transfers.txt)', async () => {
    const feeds = await loadFeeds([BOERDEBUS, MVB], { cacheDir: sharedCacheDir });
    const tt = buildTimetable(feeds, 20261209, { walkRadiusMeters: 1000 });
    const mirror = reverseTimetable(tt);
    let within = 0;
    fc.assert(
      fc.property(sourcesArbitrary(tt, 4 * 3600, 22 * 3600), fc.integer({ min: 600, max: 4 * 3600 }), (sources, horizon) => {
        // Labels at every stop; journeys unfolded at every 10th stop (the labels decide them).
        within += compare(tt, sources, { maxTransfers: 15, transferSlackSeconds: 120 }, horizon, undefined, 10);
        const mirrored = sources.map((source) => ({ stop: source.stop, time: -source.time }));
        within += compare(mirror, mirrored, { maxTransfers: 15, transferSlackSeconds: 120 }, horizon, tt, 10);
      }),
      { numRuns: 20, seed: 2026 },
    );
    expect(within).toBeGreaterThan(1000);
  });
});
