/**
 * RAPTOR (production) against the connection scan written for the tests (tests/support), on
 * random small feeds with every trap and on the real NASA feeds: earliest arrivals must agree
 * exactly, latest departures too (and re-running depart-after from them must arrive in time,
 * one second later must not), and every journey printed must be a real one in the raw feed.
 */
import { describe, expect, it } from 'vitest';
import { loadFeeds, type FeedSet } from '../../src/feed/load-feeds.js';
import { RoutePlanner } from '../../src/router/route-planner.js';
import type { Leg } from '../../src/router/journey.js';
import { buildConnections, csaEarliestArrival, csaLatestDeparture, activeServiceIds, parseGtfsTime, referenceTimeMs, type CsaNetwork } from '../support/connection-scan.js';
import { mulberry32, randomFeed } from '../support/random-feed.js';
import { readRawGtfs, type RawTables } from '../support/raw-gtfs.js';
import { BOERDEBUS, MVB, sharedCacheDir, tempCacheDir } from '../helpers/paths.js';

/** Checks every leg of a journey against the raw tables of its feed. */
function checkJourney(legs: Leg[], raw: Map<string, RawTables>, queryDate: string, slack: number): void {
  // Seconds between the reference times of two service days (23 h or 25 h across a DST change).
  const ref = (date: string): number => referenceTimeMs(Number(date.replace(/-/g, '')), 'Europe/Berlin');
  const dayOffset = (serviceDate: string): number => Math.round((ref(serviceDate) - ref(queryDate)) / 1000);
  let previous: Leg | undefined;
  for (const leg of legs) {
    if (previous) {
      expect(leg.departure).toBeGreaterThanOrEqual(previous.arrival);
      if (leg.mode === 'ride' && previous.mode === 'ride') {
        expect(leg.fromStopId).toBe(previous.toStopId);
        expect(leg.departure - previous.arrival).toBeGreaterThanOrEqual(slack);
      } else {
        expect(leg.fromStopId ?? previous.toStopId).toBe(previous.toStopId);
      }
    }
    if (leg.mode === 'ride') {
      const tables = raw.get(leg.feed)!;
      const trip = tables.trips!.find((t) => t.trip_id === leg.tripId)!;
      expect(trip, `${leg.feed} ${leg.tripId}`).toBeTruthy();
      const serviceDay = Number(leg.serviceDate.replace(/-/g, ''));
      expect(activeServiceIds(tables, serviceDay).has(trip.service_id!), `${leg.tripId} runs on ${leg.serviceDate}`).toBe(true);
      const stops = tables.stop_times!.filter((st) => st.trip_id === leg.tripId).sort((a, b) => Number(a.stop_sequence) - Number(b.stop_sequence));
      // A frequency-based trip runs its stop times shifted to each start; compare the shape then.
      const frequencies = (tables.frequencies ?? []).filter((f) => f.trip_id === leg.tripId);
      const offset = dayOffset(leg.serviceDate);
      const board = stops.findIndex(
        (st) => st.stop_id === leg.fromStopId && (frequencies.length > 0 || parseGtfsTime(st.departure_time!) + offset === leg.departure),
      );
      expect(board, `${leg.tripId} boards at ${leg.fromStopId}`).toBeGreaterThanOrEqual(0);
      const alight = stops.findIndex(
        (st, i) =>
          i > board &&
          st.stop_id === leg.toStopId &&
          (frequencies.length > 0
            ? parseGtfsTime(st.arrival_time!) - parseGtfsTime(stops[board]!.departure_time!) === leg.arrival - leg.departure
            : parseGtfsTime(st.arrival_time!) + offset === leg.arrival),
      );
      expect(alight, `${leg.tripId} alights at ${leg.toStopId}`).toBeGreaterThan(board);
      expect(stops[board]!.pickup_type).not.toBe('1');
      expect(stops[alight]!.drop_off_type).not.toBe('1');
    }
    previous = leg;
  }
}

describe('RAPTOR agrees with the connection scan on random feeds', () => {
  it('earliest arrival and latest departure, with and without walking, slack and transfer bounds', async () => {
    const cacheDir = tempCacheDir();
    let compared = 0;
    let reached = 0;
    let nextDay = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const feed = randomFeed(seed, { frequencies: seed % 4 === 0, transfers: false });
      const feeds = await loadFeeds([feed.dir], { cacheDir });
      const random = mulberry32(seed * 7919);
      const walkRadiusMeters = seed % 3 === 0 ? 200 + Math.floor(random() * 600) : 0;
      const transferSlackSeconds = seed % 2 === 0 ? 0 : 60 * Math.floor(random() * 4);
      const maxTransfers = seed % 5 === 0 ? Math.floor(random() * 3) : 15;
      const planner = new RoutePlanner(feeds, { walkRadiusMeters, transferSlackSeconds, maxTransfers, useTransfersFile: false });
      const options = { walkRadiusMeters, transferSlackSeconds, maxTransfers: maxTransfers === 15 ? undefined : maxTransfers };
      const nets = new Map<string, CsaNetwork>();
      const raw = new Map([[feeds.feeds[0]!.label, feed.tables]]);
      for (let q = 0; q < 15; q++) {
        const date = feed.dates[1 + Math.floor(random() * (feed.dates.length - 2))]!;
        let net = nets.get(date);
        if (!net) nets.set(date, (net = buildConnections([feed.tables], date)));
        const from = feed.stopIds[Math.floor(random() * feed.stopIds.length)]!;
        const to = feed.stopIds[Math.floor(random() * feed.stopIds.length)]!;
        const depart = Math.floor(random() * 28 * 3600);
        const expected = csaEarliestArrival(net, from, to, depart, options);
        const result = planner.route({ from, to, date, depart });
        expect(result.arrival, `seed ${seed} ${date} ${from}→${to} depart ${depart}`).toBe(expected);
        compared++;
        if (expected === null) continue;
        reached++;
        if (expected >= 86_400) nextDay++;
        checkJourney(result.legs, raw, date, transferSlackSeconds);

        // Arrive by: the latest departure, and it really arrives in time.
        const arriveBy = expected + Math.floor(random() * 3600);
        const latest = csaLatestDeparture(net, from, to, arriveBy, options);
        const back = planner.route({ from, to, date, arrive: arriveBy });
        expect(back.departure, `seed ${seed} ${date} ${from}→${to} arrive by ${arriveBy}`).toBe(latest);
        if (back.departure !== null && from !== to) {
          const again = planner.route({ from, to, date, depart: back.departure });
          expect(again.arrival).not.toBeNull();
          expect(again.arrival!).toBeLessThanOrEqual(arriveBy);
          const later = planner.route({ from, to, date, depart: back.departure + 1 });
          expect(later.arrival === null || later.arrival > arriveBy).toBe(true);
          checkJourney(back.legs, raw, date, transferSlackSeconds);
        }
      }
    }
    console.log(`random feeds: ${compared} queries compared, ${reached} reachable, ${nextDay} arriving the next day`);
    expect(reached).toBeGreaterThan(500);
    expect(nextDay).toBeGreaterThan(20);
  });
});

describe('RAPTOR agrees with the connection scan on the real NASA feeds', () => {
  const dates = ['2026-12-09', '2026-07-15', '2026-12-12', '2026-12-13']; // school day, holiday weekday, Saturday, Sunday
  it.each([
    ['BördeBus, walk radius 0, slack 0, no transfers.txt', [BOERDEBUS], { walkRadiusMeters: 0, transferSlackSeconds: 0, useTransfersTxt: false }],
    ['BördeBus + MVB, walk radius 0, slack 0, no transfers.txt', [BOERDEBUS, MVB], { walkRadiusMeters: 0, transferSlackSeconds: 0, useTransfersTxt: false }],
    ['BördeBus + MVB, walks up to 500 m, slack 120 s, with transfers.txt', [BOERDEBUS, MVB], { walkRadiusMeters: 500, transferSlackSeconds: 120, useTransfersTxt: true }],
  ] as const)('%s: exactly the same earliest arrival', async (_, paths, options) => {
    const feeds: FeedSet = await loadFeeds([...paths], { cacheDir: sharedCacheDir });
    const tables = await Promise.all(paths.map((p) => readRawGtfs(p)));
    const raw = new Map(feeds.feeds.map((feed, i) => [feed.label, tables[i]!]));
    const planner = new RoutePlanner(feeds, {
      walkRadiusMeters: options.walkRadiusMeters,
      transferSlackSeconds: options.transferSlackSeconds,
      maxTransfers: 15,
      useTransfersFile: options.useTransfersTxt,
    });
    const random = mulberry32(paths.length);
    const stopIds = feeds.stops.map((stop) => stop.stopId);
    let compared = 0;
    let reached = 0;
    for (const date of dates) {
      const net = buildConnections(tables, date);
      for (let q = 0; q < 150; q++) {
        const from = stopIds[Math.floor(random() * stopIds.length)]!;
        const to = stopIds[Math.floor(random() * stopIds.length)]!;
        const depart = 4 * 3600 + Math.floor(random() * 18 * 3600);
        const expected = csaEarliestArrival(net, from, to, depart, options);
        const result = planner.route({ from, to, date, depart });
        expect(result.arrival, `${date} ${from}→${to} ${depart}`).toBe(expected);
        compared++;
        if (expected !== null) {
          reached++;
          if (q % 10 === 0) checkJourney(result.legs, raw, date, options.useTransfersTxt ? 0 : options.transferSlackSeconds);
        }
      }
    }
    console.log(`${paths.length} feed(s): ${compared} queries, ${reached} reachable`);
    expect(reached).toBeGreaterThan(compared / 10);
  });
});
