/**
 * Target pruning (`RaptorOptions.targets`): once every target is reached, labels later than the
 * latest target arrival are not kept. For every target the arrival (ride label + seconds to its
 * door, the best over its stops) must be that of the search without targets, and so must the
 * journeys unfolded at the stops that give it — in plain searches and after every departure of a
 * range query, forward and on the mirrored timetable, on random feeds with every trap and on the
 * real BördeBus + MVB timetable. Property-based (fast-check). At the engine: a home's answers do
 * not depend on the other homes asked with it (alone, the search for it prunes hard; among all
 * Ortsteile, some of them unreached, hardly at all).
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { loadFeeds } from '../../src/feed/load-feeds.js';
import { buildTimetable, type Timetable } from '../../src/timetable/build-timetable.js';
import { reverseTimetable } from '../../src/timetable/reverse-timetable.js';
import { earliestArrival, rangeQuery, RaptorScratch, UNREACHED, type RaptorOptions, type RaptorTarget } from '../../src/router/raptor.js';
import { unfoldJourney } from '../../src/router/journey.js';
import { ReachabilityEngine } from '../../src/analysis/reachability.js';
import { loadPlaces } from '../../src/places/load-places.js';
import { loadDestinations } from '../../src/places/load-destinations.js';
import { mulberry32, randomFeed } from '../support/random-feed.js';
import { BOERDEBUS, MVB, repoRoot, sharedCacheDir, tempCacheDir } from '../helpers/paths.js';

/** Per target: its arrival and the journeys (legs) at the stops that give it. */
function targetAnswers(scratch: RaptorScratch, targets: readonly RaptorTarget[], original?: Timetable): unknown[] {
  return targets.map(({ stops, seconds }) => {
    let best = UNREACHED;
    for (let i = 0; i < stops.length; i++) {
      const label = scratch.bestRide[stops[i]!]!;
      if (label !== UNREACHED && label + seconds[i]! < best) best = label + seconds[i]!;
    }
    if (best === UNREACHED) return null;
    const journeys = [];
    for (let i = 0; i < stops.length; i++) {
      const label = scratch.bestRide[stops[i]!]!;
      if (label !== UNREACHED && label + seconds[i]! === best) journeys.push(unfoldJourney(scratch, stops[i]!, original, true)!.legs);
    }
    return { best, journeys };
  });
}

/** Plain searches in which the targets cut something off (fewer stops reached than without). */
let cut = 0;
const reachedStops = (scratch: RaptorScratch): number => scratch.bestRide.reduce((n, label) => n + (label === UNREACHED ? 0 : 1), 0);

/** Compares searches with and without targets (plain and range); returns the number of targets reached. */
function compare(tt: Timetable, sources: { stop: number; time: number }[], targets: RaptorTarget[], options: RaptorOptions, windowSeconds: number, original?: Timetable): number {
  const pruned = new RaptorScratch(tt);
  const full = new RaptorScratch(tt);
  const where = `sources ${JSON.stringify(sources)}, targets ${JSON.stringify(targets.map((t) => [Array.from(t.stops), Array.from(t.seconds)]))}`;
  earliestArrival(full, sources, options);
  earliestArrival(pruned, sources, { ...options, targets });
  const expected = targetAnswers(full, targets, original);
  expect(targetAnswers(pruned, targets, original), where).toEqual(expected);
  if (reachedStops(pruned) < reachedStops(full)) cut++;

  const start = Math.min(...sources.map((source) => source.time));
  const rangeSources = sources.map((source) => ({ stop: source.stop, accessSeconds: source.time - start }));
  const seen: unknown[][] = [[], []];
  [full, pruned].forEach((scratch, i) =>
    rangeQuery(scratch, rangeSources, start, start + windowSeconds, i === 0 ? options : { ...options, targets }, (departure) => seen[i]!.push([departure, targetAnswers(scratch, targets, original)])),
  );
  expect(seen[1], `range query, ${where}`).toEqual(seen[0]);
  return expected.filter((answer) => answer !== null).length;
}

const sourcesArbitrary = (tt: Timetable, from: number, to: number): fc.Arbitrary<{ stop: number; time: number }[]> =>
  fc.array(fc.record({ stop: fc.integer({ min: 0, max: tt.stopCount - 1 }), time: fc.integer({ min: from, max: to }) }), { minLength: 1, maxLength: 3 });

const targetsArbitrary = (tt: Timetable): fc.Arbitrary<RaptorTarget[]> =>
  fc.array(
    fc.array(fc.record({ stop: fc.integer({ min: 0, max: tt.stopCount - 1 }), seconds: fc.integer({ min: 0, max: 900 }) }), { minLength: 1, maxLength: 4 }).map((list) => ({
      stops: Int32Array.from(list.map((entry) => entry.stop)),
      seconds: Int32Array.from(list.map((entry) => entry.seconds)),
    })),
    { minLength: 1, maxLength: 3 },
  );

describe('target pruning gives every target the answer of the search without targets', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('on random feeds (frequencies, transfers.txt, overtaking trips, times after midnight), both directions', async () => {
    const cacheDir = tempCacheDir();
    dirs.push(cacheDir);
    let reached = 0;
    cut = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const feed = randomFeed(seed, { stops: 30 });
      dirs.push(feed.dir);
      const feeds = await loadFeeds([feed.dir], { cacheDir });
      const date = Number(feed.dates[Math.min(2, feed.dates.length - 1)]!.replace(/-/g, ''));
      const tt = buildTimetable(feeds, date, { walkRadiusMeters: seed % 3 === 0 ? 0 : 600, useTransfersFile: seed % 2 === 0 });
      const mirror = reverseTimetable(tt);
      fc.assert(
        fc.property(
          sourcesArbitrary(tt, 0, 28 * 3600),
          targetsArbitrary(tt),
          fc.integer({ min: 0, max: 4 }),
          fc.integer({ min: 0, max: 300 }),
          fc.option(fc.integer({ min: 600, max: 8 * 3600 })),
          (sources, targets, maxTransfers, slack, horizon) => {
            const start = Math.min(...sources.map((source) => source.time));
            const options = { maxTransfers, transferSlackSeconds: slack, maxArrival: horizon === null ? undefined : start + horizon };
            reached += compare(tt, sources, targets, options, 3600);
            const mirrored = sources.map((source) => ({ stop: source.stop, time: -source.time }));
            const mirroredStart = Math.min(...mirrored.map((source) => source.time));
            const mirroredOptions = { ...options, maxArrival: horizon === null ? undefined : mirroredStart + horizon, maxInitialWaitSeconds: 3600 };
            reached += compare(mirror, mirrored, targets, mirroredOptions, 3600, tt);
          },
        ),
        { numRuns: 30, seed },
      );
    }
    expect(reached).toBeGreaterThan(150);
    expect(cut).toBeGreaterThan(30);
  });

  it('on the real BördeBus + MVB timetable of 2026-12-09 (walks up to 1,000 m, transfers.txt)', async () => {
    const feeds = await loadFeeds([BOERDEBUS, MVB], { cacheDir: sharedCacheDir });
    const tt = buildTimetable(feeds, 20261209, { walkRadiusMeters: 1000 });
    const mirror = reverseTimetable(tt);
    let reached = 0;
    cut = 0;
    fc.assert(
      fc.property(sourcesArbitrary(tt, 4 * 3600, 22 * 3600), targetsArbitrary(tt), (sources, targets) => {
        const options = { maxTransfers: 15, transferSlackSeconds: 120 };
        reached += compare(tt, sources, targets, options, 1800);
        const mirrored = sources.map((source) => ({ stop: source.stop, time: -source.time }));
        reached += compare(mirror, mirrored, targets, { ...options, maxInitialWaitSeconds: 7200 }, 1800, tt);
      }),
      { numRuns: 25, seed: 2026 },
    );
    expect(reached).toBeGreaterThan(50);
    expect(cut).toBeGreaterThan(10);
  });

  it('at the engine: each home alone gets the answers it gets among all Ortsteile (every destination, a school day and a Sunday)', async () => {
    const feeds = await loadFeeds([BOERDEBUS, MVB], { cacheDir: sharedCacheDir });
    const { places } = await loadPlaces(path.join(repoRoot, 'data', 'ortsteile.csv'));
    const { destinations } = await loadDestinations(path.join(repoRoot, 'data', 'destinations.csv'));
    const engine = new ReachabilityEngine(feeds);
    const random = mulberry32(7);
    let compared = 0;
    for (const date of ['2026-12-09', '2026-12-13']) {
      for (const destination of destinations) {
        for (const slot of destination.schedule) {
          const all = engine.journeysForSlot(places, destination, date, slot);
          for (let k = 0; k < 3; k++) {
            const h = Math.floor(random() * places.length);
            const alone = engine.journeysForSlot([places[h]!], destination, date, slot);
            const where = `${places[h]!.name} → ${destination.name} ${slot.label} ${date}`;
            expect(JSON.stringify(alone.outbound[0]), where).toBe(JSON.stringify(all.outbound[h]));
            expect(JSON.stringify(alone.back[0]), where).toBe(JSON.stringify(all.back[h]));
            if (alone.outbound[0] || alone.back[0]) compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(100);
  }, 600_000);
});
