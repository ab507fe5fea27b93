/**
 * The monitor's first and last connections of a day come from short searches (a plain search,
 * widened from 6 h only where needed, then a range search narrowed to where the answers lie).
 * They must equal one range search over the whole day, journey for journey: every Ortsteil to
 * Haldensleben and back, on a school day and a Sunday (BördeBus + MVB).
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFeeds, type FeedSet } from '../../src/feed/load-feeds.js';
import { loadPlaces, type Place } from '../../src/places/load-places.js';
import { ReachabilityEngine } from '../../src/analysis/reachability.js';
import { firstLeavingFrom, lastArrivingBy } from '../../src/analysis/monitor.js';
import { BOERDEBUS, MVB, repoRoot, sharedCacheDir } from '../helpers/paths.js';

let feeds: FeedSet;
let places: Place[];
beforeAll(async () => {
  feeds = await loadFeeds([BOERDEBUS, MVB], { cacheDir: sharedCacheDir });
  places = (await loadPlaces(path.join(repoRoot, 'data', 'ortsteile.csv'))).places;
}, 600_000);

describe('monitor: first and last connections of a day', () => {
  it('equal a range search over the whole day, for every Ortsteil to Haldensleben and back', () => {
    const engine = new ReachabilityEngine(feeds);
    const centre = places.find((place) => place.name === 'Haldensleben')!;
    const homes = places.filter((place) => place !== centre);
    let found = 0;
    for (const date of ['2026-12-09', '2026-12-13']) {
      // To the centre from 0:00 (the first arrival), and back arriving by 26:00 (the last bus home).
      const first = firstLeavingFrom(engine, [centre], homes[0]!, date, 0, 24 * 3600);
      expect(first).toEqual(engine.leaveWithin([centre], homes[0]!, date, 0, 24 * 3600));
      const last = lastArrivingBy(engine, homes, centre, date, 26 * 3600, 24 * 3600);
      const lastAll = engine.arriveWithin(homes, centre, date, 26 * 3600, 24 * 3600);
      expect(last).toEqual(lastAll);
      found += last.filter((journey) => journey !== null).length;
      for (const home of homes.slice(0, 60)) {
        expect(firstLeavingFrom(engine, [centre], home, date, 0, 24 * 3600)).toEqual(engine.leaveWithin([centre], home, date, 0, 24 * 3600));
        expect(lastArrivingBy(engine, [centre], home, date, 26 * 3600, 24 * 3600)).toEqual(engine.arriveWithin([centre], home, date, 26 * 3600, 24 * 3600));
      }
    }
    expect(found).toBeGreaterThan(100);
  }, 600_000);
});
