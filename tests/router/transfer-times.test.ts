/**
 * Change times on the real BördeBus + MVB timetable (issue 14, item 7): a transfers.txt row for a
 * stop pair sets the minimum for that pair, and every change of vehicle takes at least the
 * transfer slack, with or without a walk.
 *
 * Worked out from the raw feed: "Wolmirstedt, Bahnhof (Bus)" (de:15083:1524::01 … ::05) has
 * platforms at identical coordinates, so the generated walk between two of them is 0 s, while
 * BördeBus' transfers.txt asks 240 s (type 2) for every pair of them, the same platform included.
 * On Sunday 2026-12-13, 610 arrives there 19:58 and 623 leaves 20:01 for Zielitz: 3 minutes,
 * which the feed does not allow.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFeeds, type FeedSet } from '../../src/feed/load-feeds.js';
import { ReachabilityEngine, type NamedPoint } from '../../src/analysis/reachability.js';
import { RoutePlanner, DEFAULT_ROUTING } from '../../src/router/route-planner.js';
import type { Leg } from '../../src/router/journey.js';
import { readRawGtfs, type RawRecord } from '../support/raw-gtfs.js';
import { BOERDEBUS, MVB, sharedCacheDir } from '../helpers/paths.js';

let feeds: FeedSet;
let transfers: RawRecord[];
beforeAll(async () => {
  feeds = await loadFeeds([BOERDEBUS, MVB], { cacheDir: sharedCacheDir });
  transfers = [];
  for (const file of [BOERDEBUS, MVB]) transfers.push(...((await readRawGtfs(file)).transfers ?? []));
});

/** The largest min_transfer_time of unscoped transfers.txt rows from one stop to another (0 if none). */
function feedMinimum(from: string, to: string): number {
  let seconds = 0;
  for (const row of transfers) {
    if (row.from_stop_id !== from || row.to_stop_id !== to || row.transfer_type === '3') continue;
    if (['from_trip_id', 'to_trip_id', 'from_route_id', 'to_route_id'].some((name) => (row[name] ?? '') !== '')) continue;
    if (from === to && row.transfer_type !== '2') continue;
    seconds = Math.max(seconds, Number(row.min_transfer_time || 0));
  }
  return seconds;
}

/** Every change between two rides: [alighting stop, boarding stop, seconds between]. */
function changes(legs: readonly Leg[]): [string, string, number][] {
  const result: [string, string, number][] = [];
  let lastRide: Leg | undefined;
  for (const leg of legs) {
    if (leg.mode !== 'ride') continue;
    if (lastRide) result.push([lastRide.toStopId!, leg.fromStopId!, leg.departure - lastRide.arrival]);
    lastRide = leg;
  }
  return result;
}

function expectChangesKeepTheRules(journey: { legs: readonly Leg[] } | null, slack: number): void {
  expect(journey).not.toBeNull();
  for (const [from, to, seconds] of changes(journey!.legs)) {
    expect(seconds, `change ${from} → ${to}`).toBeGreaterThanOrEqual(Math.max(slack, feedMinimum(from, to)));
  }
}

describe('change times from transfers.txt on the real feed', () => {
  it('the feed asks 240 s between every pair of platforms of Wolmirstedt, Bahnhof (Bus)', () => {
    for (const a of ['01', '02', '03', '04', '05']) {
      for (const b of ['01', '02', '03', '04', '05']) expect(feedMinimum(`de:15083:1524::${a}`, `de:15083:1524::${b}`)).toBe(240);
    }
  });

  it('Wolmirstedt → K+S, night shift on Sunday 2026-12-13: no 3-minute change at Wolmirstedt, Bahnhof (Bus)', () => {
    const place = (name: string): NamedPoint => {
      const stop = feeds.stops.find((candidate) => candidate.name === name)!;
      return { name, lat: stop.lat, lon: stop.lon };
    };
    const engine = new ReachabilityEngine(feeds, {});
    const day = engine.assess(place('Wolmirstedt, Bahnhofstr.'), place('Zielitz, Schricker Str.'), { startMinutes: 22 * 60, endMinutes: 6 * 60 }, '2026-12-13');
    expectChangesKeepTheRules(day.outbound, DEFAULT_ROUTING.transferSlackSeconds);
    expectChangesKeepTheRules(day.return, DEFAULT_ROUTING.transferSlackSeconds);
  });

  it('stop to stop, both directions: 610 at 19:58 and 623 at 20:01 do not connect', () => {
    const planner = new RoutePlanner(feeds);
    const hm = (h: number, m: number): number => h * 3600 + m * 60;
    const out = planner.route({ from: 'Wolmirstedt, Bahnhofstr.', to: 'Zielitz, Schricker Str.', date: '2026-12-13', depart: hm(19, 50) });
    expectChangesKeepTheRules(out, DEFAULT_ROUTING.transferSlackSeconds);
    expect(out.arrival).not.toBeNull();
    const back = planner.route({ from: 'Wolmirstedt, Bahnhofstr.', to: 'Zielitz, Schricker Str.', date: '2026-12-13', arrive: hm(20, 15) });
    expectChangesKeepTheRules(back, DEFAULT_ROUTING.transferSlackSeconds);
  });

  it('with the walk radius at 0 and the slack at 0, the feed row alone still holds', () => {
    const planner = new RoutePlanner(feeds, { walkRadiusMeters: 0, transferSlackSeconds: 0 });
    for (let minute = 17 * 60; minute < 21 * 60; minute += 7) {
      const result = planner.route({ from: 'Wolmirstedt, Bahnhofstr.', to: 'Zielitz, Schricker Str.', date: '2026-12-13', depart: minute * 60 });
      if (result.arrival !== null) expectChangesKeepTheRules(result, 0);
    }
  });
});
