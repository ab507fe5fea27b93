/**
 * RAPTOR (production) against the connection scan written for the tests (tests/support), on
 * random small feeds with every trap and on the real NASA feeds: earliest arrivals must agree
 * exactly, latest departures too (and re-running depart-after from them must arrive in time,
 * one second later must not), and every journey printed must be a real one in the raw feed.
 *
 * Production reads transfers.txt as GTFS says, also where the oracle by default does not
 * (same-stop type 3 forbids changing there, a type 3 pair removes even a generated walk); with
 * transfers.txt on, the oracle is asked to do the same (`type3Forbids`).
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFeeds, type FeedSet } from '../../src/feed/load-feeds.js';
import { RoutePlanner, type RouteResult } from '../../src/router/route-planner.js';
import {
  activeServiceIds,
  buildConnections,
  csaEarliestArrival,
  csaLatestDeparture,
  haversineMeters,
  parseGtfsTime,
  referenceTimeMs,
  walkSecondsForMeters,
  type CsaNetwork,
  type CsaQueryOptions,
} from '../support/connection-scan.js';
import { mulberry32, randomFeed, writeGtfsFolder, type RandomFeed } from '../support/random-feed.js';
import { hms, tinyFeed, trip } from '../support/tiny-feed.js';
import { readRawGtfs, type RawRecord, type RawTables } from '../support/raw-gtfs.js';
import { BOERDEBUS, MVB, sharedCacheDir, tempCacheDir } from '../helpers/paths.js';

/** What a journey is checked against: the raw tables of every feed (by label) and the query's rules. */
interface Check {
  raw: Map<string, RawTables>;
  date: string;
  options: Required<Pick<CsaQueryOptions, 'transferSlackSeconds' | 'walkRadiusMeters' | 'useTransfersTxt'>>;
}

/** Raw stop rows by id (the first feed's row wins) and the transfers.txt rows of all feeds. */
function indexRaw(raw: Map<string, RawTables>): { stops: Map<string, RawRecord>; transfers: RawRecord[] } {
  const stops = new Map<string, RawRecord>();
  const transfers: RawRecord[] = [];
  for (const tables of raw.values()) {
    for (const stop of tables.stops ?? []) if (!stops.has(stop.stop_id!)) stops.set(stop.stop_id!, stop);
    transfers.push(...(tables.transfers ?? []));
  }
  return { stops, transfers };
}
const rawIndexes = new WeakMap<Map<string, RawTables>, ReturnType<typeof indexRaw>>();
const stopTimesByTrip = new WeakMap<RawTables, Map<string, RawRecord[]>>();

/** stop_times of one trip of one feed, in stop_sequence order. */
function tripStopTimes(tables: RawTables, tripId: string): RawRecord[] {
  let byTrip = stopTimesByTrip.get(tables);
  if (!byTrip) {
    byTrip = new Map();
    for (const st of tables.stop_times ?? []) {
      const list = byTrip.get(st.trip_id!) ?? [];
      list.push(st);
      byTrip.set(st.trip_id!, list);
    }
    for (const list of byTrip.values()) list.sort((a, b) => Number(a.stop_sequence) - Number(b.stop_sequence));
    stopTimesByTrip.set(tables, byTrip);
  }
  return byTrip.get(tripId) ?? [];
}

/** Unscoped transfers.txt rows between two stops. */
function transferRows(transfers: RawRecord[], from: string, to: string): RawRecord[] {
  return transfers.filter(
    (t) =>
      t.from_stop_id === from &&
      t.to_stop_id === to &&
      !['from_trip_id', 'to_trip_id', 'from_route_id', 'to_route_id'].some((name) => (t[name] ?? '') !== ''),
  );
}

/**
 * Checks a journey against the raw feed: every ride is a trip of its feed running on its service
 * date, boarding and alighting at those stops at those times where allowed; every walk is a
 * footpath of the model (a transfers.txt pair or a generated walk within the radius; the feed row
 * is a minimum, so the longer of both) and never follows another walk; legs connect and changes
 * keep the change time, also a change with a walk (at least the slack).
 */
function checkJourney(result: RouteResult, query: { from: string; to: string; depart?: number; arrive?: number }, check: Check): void {
  const { legs } = result;
  const context = `${check.date} ${query.from}→${query.to} ${query.depart !== undefined ? `depart ${query.depart}` : `arrive ${query.arrive}`}`;
  const { stops, transfers } = rawIndexes.get(check.raw) ?? rawIndexes.set(check.raw, indexRaw(check.raw)).get(check.raw)!;
  const useTxt = check.options.useTransfersTxt;
  expect(legs.length, context).toBeGreaterThan(0);
  expect(legs[0]!.fromStopId, context).toBe(query.from);
  expect(legs.at(-1)!.toStopId, context).toBe(query.to);
  expect(result.departure, context).toBe(legs[0]!.departure);
  expect(result.arrival, context).toBe(legs.at(-1)!.arrival);
  if (query.depart !== undefined) expect(legs[0]!.departure, context).toBeGreaterThanOrEqual(query.depart);
  if (query.arrive !== undefined) expect(legs.at(-1)!.arrival, context).toBeLessThanOrEqual(query.arrive);
  const rides = legs.filter((leg) => leg.mode === 'ride').length;
  expect(result.transfers, context).toBe(Math.max(0, rides - 1));

  // Seconds between the reference times of two service days (23 h or 25 h across a DST change).
  const ref = (date: string): number => referenceTimeMs(Number(date.replace(/-/g, '')), 'Europe/Berlin');
  const dayOffset = (serviceDate: string): number => Math.round((ref(serviceDate) - ref(check.date)) / 1000);
  /** Change time at a stop: the slack, or with transfers.txt its same-stop type 2 minimum if larger. */
  const changeSeconds = (stopId: string): number => {
    let seconds = check.options.transferSlackSeconds;
    if (useTxt) {
      for (const t of transferRows(transfers, stopId, stopId)) {
        if (t.transfer_type === '2' && (t.min_transfer_time ?? '') !== '') seconds = Math.max(seconds, Number(t.min_transfer_time));
      }
    }
    return seconds;
  };

  let previous: (typeof legs)[number] | undefined;
  let lastRide: (typeof legs)[number] | undefined;
  for (const leg of legs) {
    const where = `${context}: ${leg.mode} ${leg.fromStopId}→${leg.toStopId} ${leg.departure}–${leg.arrival}`;
    expect(leg.arrival, where).toBeGreaterThanOrEqual(leg.departure);
    if (previous) {
      expect(leg.fromStopId, where).toBe(previous.toStopId);
      expect(leg.departure, where).toBeGreaterThanOrEqual(previous.arrival);
      if (leg.mode === 'ride' && previous.mode === 'ride') {
        expect(leg.departure - previous.arrival, `${where}: change time`).toBeGreaterThanOrEqual(changeSeconds(leg.fromStopId));
        if (useTxt) {
          const forbidden = transferRows(transfers, leg.fromStopId, leg.fromStopId).some((t) => t.transfer_type === '3');
          expect(forbidden, `${where}: transfers.txt forbids changing here`).toBe(false);
        }
      }
      expect(leg.mode === 'walk' && previous.mode === 'walk', `${where}: walks never chain`).toBe(false);
      if (leg.mode === 'ride' && previous.mode === 'walk' && lastRide) {
        expect(leg.departure - lastRide.arrival, `${where}: change with a walk takes the slack`).toBeGreaterThanOrEqual(check.options.transferSlackSeconds);
      }
    }
    if (leg.mode === 'walk') {
      expect(leg.fromStopId).not.toBe(leg.toStopId);
      expect(leg.arrival - leg.departure, where).toBe(leg.durationSeconds);
      // The walk of the model: a generated walk, raised to the longest transfers.txt row of the pair.
      const candidates: number[] = [];
      const a = stops.get(leg.fromStopId!)!;
      const b = stops.get(leg.toStopId!)!;
      const meters = haversineMeters(Number(a.stop_lat), Number(a.stop_lon), Number(b.stop_lat), Number(b.stop_lon));
      if (meters <= check.options.walkRadiusMeters) candidates.push(walkSecondsForMeters(meters));
      let forbidden = false;
      const rows: number[] = [];
      if (useTxt) {
        for (const t of transferRows(transfers, leg.fromStopId!, leg.toStopId!)) {
          if (t.transfer_type === '3') forbidden = true;
          else if (['', '0', '1', '2'].includes(t.transfer_type ?? '')) rows.push(Number(t.min_transfer_time || 0));
        }
      }
      expect(forbidden, `${where}: transfers.txt forbids this walk`).toBe(false);
      expect(candidates.length + rows.length, `${where}: no such footpath`).toBeGreaterThan(0);
      expect(leg.durationSeconds, where).toBe(Math.max(...candidates, ...rows));
    } else {
      const tables = check.raw.get(leg.feed)!;
      expect(tables, `${where}: feed ${leg.feed}`).toBeTruthy();
      const trip = tables.trips!.find((t) => t.trip_id === leg.tripId);
      expect(trip, `${where}: trip ${leg.feed} ${leg.tripId}`).toBeTruthy();
      const serviceDay = Number(leg.serviceDate.replace(/-/g, ''));
      expect(activeServiceIds(tables, serviceDay).has(trip!.service_id!), `${where}: ${leg.tripId} runs on ${leg.serviceDate}`).toBe(true);
      const tripStops = tripStopTimes(tables, leg.tripId);
      // A frequency-based trip runs its stop times shifted to each start; compare the shape then.
      const frequencies = (tables.frequencies ?? []).filter((f) => f.trip_id === leg.tripId);
      const offset = dayOffset(leg.serviceDate);
      const board = tripStops.findIndex(
        (st) => st.stop_id === leg.fromStopId && (frequencies.length > 0 || parseGtfsTime(st.departure_time!) + offset === leg.departure),
      );
      expect(board, `${where}: ${leg.tripId} boards at ${leg.fromStopId}`).toBeGreaterThanOrEqual(0);
      if (frequencies.length > 0) {
        // The run's start lies in one of the trip's frequency windows, on the headway grid.
        const start = leg.departure - offset - (parseGtfsTime(tripStops[board]!.departure_time!) - parseGtfsTime(tripStops[0]!.departure_time!));
        const inWindow = frequencies.some((f) => {
          const from = parseGtfsTime(f.start_time!);
          return start >= from && start < parseGtfsTime(f.end_time!) && (start - from) % Number(f.headway_secs) === 0;
        });
        expect(inWindow, `${where}: a run of ${leg.tripId} starts at ${start}`).toBe(true);
      }
      const alight = tripStops.findIndex(
        (st, i) =>
          i > board &&
          st.stop_id === leg.toStopId &&
          (frequencies.length > 0
            ? parseGtfsTime(st.arrival_time!) - parseGtfsTime(tripStops[board]!.departure_time!) === leg.arrival - leg.departure
            : parseGtfsTime(st.arrival_time!) + offset === leg.arrival),
      );
      expect(alight, `${where}: ${leg.tripId} alights at ${leg.toStopId}`).toBeGreaterThan(board);
      expect(tripStops[board]!.pickup_type, `${where}: pickup allowed`).not.toBe('1');
      expect(tripStops[alight]!.drop_off_type, `${where}: drop-off allowed`).not.toBe('1');
      expect(leg.intermediateStops, where).toBe(alight - board - 1);
    }
    previous = leg;
    if (leg.mode === 'ride') lastRide = leg;
  }
}

/** Totals of one comparison run, for the log and for making sure the run meant something. */
interface Tally {
  compared: number;
  reached: number;
  nextDay: number;
  arriveBy: number;
}

/**
 * Compares one random feed (or two merged): depart-after against the oracle's earliest arrival,
 * arrive-by against its latest departure, and every journey against the raw feed.
 */
async function compareRandomFeed(
  seed: number,
  feedsToLoad: RandomFeed[],
  options: { walkRadiusMeters: number; transferSlackSeconds: number; maxTransfers: number; useTransfersFile: boolean },
  cacheDir: string,
  queries: number,
  tally: Tally,
): Promise<void> {
  const feeds = await loadFeeds(
    feedsToLoad.map((feed) => feed.dir),
    { cacheDir },
  );
  const random = mulberry32(seed * 7919);
  const planner = new RoutePlanner(feeds, options);
  const oracle: CsaQueryOptions = {
    walkRadiusMeters: options.walkRadiusMeters,
    transferSlackSeconds: options.transferSlackSeconds,
    maxTransfers: options.maxTransfers === 15 ? undefined : options.maxTransfers,
    useTransfersTxt: options.useTransfersFile,
    type3Forbids: true,
  };
  const raw = new Map(feeds.feeds.map((feed, i) => [feed.label, feedsToLoad[i]!.tables]));
  const check = (date: string): Check => ({
    raw,
    date,
    options: { walkRadiusMeters: options.walkRadiusMeters, transferSlackSeconds: options.transferSlackSeconds, useTransfersTxt: options.useTransfersFile },
  });
  const dates = feedsToLoad[0]!.dates;
  const stopIds = [...new Set(feedsToLoad.flatMap((feed) => feed.stopIds))];
  const tables = feedsToLoad.map((feed) => feed.tables);
  const nets = new Map<string, CsaNetwork>();
  for (let q = 0; q < queries; q++) {
    // Not the first or last calendar day, so yesterday's and tomorrow's trips matter too.
    const date = dates[1 + Math.floor(random() * (dates.length - 2))]!;
    let net = nets.get(date);
    if (!net) nets.set(date, (net = buildConnections(tables, date)));
    const from = stopIds[Math.floor(random() * stopIds.length)]!;
    const to = stopIds[Math.floor(random() * stopIds.length)]!;
    const depart = Math.floor(random() * 28 * 3600);
    const tag = `seed ${seed} ${JSON.stringify(options)} ${date} ${from}→${to}`;
    const expected = csaEarliestArrival(net, from, to, depart, oracle);
    const result = planner.route({ from, to, date, depart });
    expect(result.arrival, `${tag} depart ${depart}`).toBe(expected);
    tally.compared++;
    if (expected === null) continue;
    tally.reached++;
    if (expected >= 86_400) tally.nextDay++;
    if (from !== to) checkJourney(result, { from, to, depart }, check(date));

    // Arrive by: the latest departure, and it really arrives in time.
    const arriveBy = expected + Math.floor(random() * 3600);
    const latest = csaLatestDeparture(net, from, to, arriveBy, oracle);
    const back = planner.route({ from, to, date, arrive: arriveBy });
    expect(back.departure, `${tag} arrive by ${arriveBy}`).toBe(latest);
    tally.arriveBy++;
    if (back.departure !== null && from !== to) {
      checkJourney(back, { from, to, arrive: arriveBy }, check(date));
      const again = planner.route({ from, to, date, depart: back.departure });
      expect(again.arrival, `${tag} depart ${back.departure}`).not.toBeNull();
      expect(again.arrival!, `${tag} depart ${back.departure}`).toBeLessThanOrEqual(arriveBy);
      const later = planner.route({ from, to, date, depart: back.departure + 1 });
      expect(later.arrival === null || later.arrival > arriveBy, `${tag} depart ${back.departure + 1}`).toBe(true);
    }
  }
}

describe('transfers.txt type 3, by hand (production and the oracle with type3Forbids)', () => {
  // A → B by t1; at B t2 (8:15) and t3 (9:00) go on to C; D is 111 m from B (a 116 s walk), t4 leaves D at 8:20.
  const rows = (extra: RawRecord[]): RawTables =>
    tinyFeed({
      stops: ['A', ['B', 52, 11], ['D', 52.001, 11], 'C'],
      trips: [
        trip('t1', ['A', '8:00:00'], ['B', '8:10:00']),
        trip('t2', ['B', '8:15:00'], ['C', '8:30:00']),
        trip('t3', ['B', '9:00:00'], ['C', '9:15:00']),
        trip('t4', ['D', '8:20:00'], ['C', '8:40:00']),
      ],
      transfers: extra,
    });
  const row = (from: string, to: string): RawRecord => ({ from_stop_id: from, to_stop_id: to, transfer_type: '3', min_transfer_time: '' });
  it.each([
    ['no type 3 rows', [], hms('8:30:00'), hms('8:00:00')],
    ['B–B type 3: no change at B, walk to D instead', [row('B', 'B')], hms('8:40:00'), hms('8:00:00')],
    ['B–B and B–D type 3: neither', [row('B', 'B'), row('B', 'D')], null, null],
  ] as const)('%s', async (_, extra, arrival, departure) => {
    const tables = rows([...extra]);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'erreichbar-type3-'));
    writeGtfsFolder(dir, tables, { transfers: ['from_stop_id', 'to_stop_id', 'transfer_type', 'min_transfer_time'] });
    const planner = new RoutePlanner(await loadFeeds([dir], { cacheDir: tempCacheDir() }), {
      walkRadiusMeters: 500,
      transferSlackSeconds: 0,
      maxTransfers: 15,
      useTransfersFile: true,
    });
    const net = buildConnections([tables], '2026-06-10');
    const oracle: CsaQueryOptions = { walkRadiusMeters: 500, useTransfersTxt: true, type3Forbids: true };
    expect(planner.route({ from: 'A', to: 'C', date: '2026-06-10', depart: hms('7:50:00') }).arrival).toBe(arrival);
    expect(csaEarliestArrival(net, 'A', 'C', hms('7:50:00'), oracle)).toBe(arrival);
    expect(planner.route({ from: 'A', to: 'C', date: '2026-06-10', arrive: hms('8:45:00') }).departure).toBe(departure);
    expect(csaLatestDeparture(net, 'A', 'C', hms('8:45:00'), oracle)).toBe(departure);
    // The oracle's default ignores type 3 rows.
    expect(csaEarliestArrival(net, 'A', 'C', hms('7:50:00'), { ...oracle, type3Forbids: false })).toBe(hms('8:30:00'));
  });
});

describe('RAPTOR agrees with the connection scan on random feeds', () => {
  it('earliest arrival and latest departure, with and without walking, slack and transfer bounds', async () => {
    const cacheDir = tempCacheDir();
    const tally: Tally = { compared: 0, reached: 0, nextDay: 0, arriveBy: 0 };
    for (let seed = 1; seed <= 200; seed++) {
      const feed = randomFeed(seed, { frequencies: seed % 4 === 0, transfers: false });
      const random = mulberry32(seed * 104_729);
      const walkRadiusMeters = seed % 3 === 0 ? 200 + Math.floor(random() * 600) : 0;
      const transferSlackSeconds = seed % 2 === 0 ? 0 : 60 * Math.floor(random() * 4);
      const maxTransfers = seed % 5 === 0 ? Math.floor(random() * 3) : 15;
      await compareRandomFeed(seed, [feed], { walkRadiusMeters, transferSlackSeconds, maxTransfers, useTransfersFile: false }, cacheDir, 15, tally);
    }
    console.log(`random feeds: ${tally.compared} earliest arrivals (${tally.reached} reachable, ${tally.nextDay} the next day), ${tally.arriveBy} latest departures`);
    expect(tally.reached).toBeGreaterThan(1500);
    expect(tally.nextDay).toBeGreaterThan(200);
  });

  it('with transfers.txt (pairs, same-stop change times, type 3), across both DST changes, and two feeds merged', async () => {
    const cacheDir = tempCacheDir();
    const tally: Tally = { compared: 0, reached: 0, nextDay: 0, arriveBy: 0 };
    const startDates = ['20260326', '20261022', '20260610']; // spring DST change, autumn DST change, an ordinary week
    for (let seed = 1001; seed <= 1120; seed++) {
      const startDate = startDates[seed % 3]!;
      const feed = randomFeed(seed, { transfers: true, startDate, stops: 12 + (seed % 20) });
      // Every fourth seed: a second feed sharing stop ids (with other coordinates and transfers).
      const feeds = seed % 4 === 0 ? [feed, randomFeed(seed + 100_000, { transfers: true, startDate, stops: 10 })] : [feed];
      const random = mulberry32(seed * 104_729);
      const walkRadiusMeters = [0, 150, 400, 800][seed % 4]!;
      const transferSlackSeconds = [0, 60, 120, 45][Math.floor(random() * 4)]!;
      const maxTransfers = [15, 15, 0, 1, 2][Math.floor(random() * 5)]!;
      await compareRandomFeed(seed, feeds, { walkRadiusMeters, transferSlackSeconds, maxTransfers, useTransfersFile: true }, cacheDir, 15, tally);
    }
    console.log(`random feeds with transfers.txt: ${tally.compared} earliest arrivals (${tally.reached} reachable), ${tally.arriveBy} latest departures`);
    expect(tally.reached).toBeGreaterThan(700);
  });
});

describe('RAPTOR agrees with the connection scan on the real NASA feeds', () => {
  const dates = ['2026-12-09', '2026-07-15', '2026-12-12', '2026-12-13']; // school day, holiday weekday, Saturday, Sunday
  it.each([
    ['BördeBus, walk radius 0, slack 0, no transfers.txt', [BOERDEBUS], { walkRadiusMeters: 0, transferSlackSeconds: 0, useTransfersTxt: false }],
    ['BördeBus + MVB, walk radius 0, slack 0, no transfers.txt', [BOERDEBUS, MVB], { walkRadiusMeters: 0, transferSlackSeconds: 0, useTransfersTxt: false }],
    ['BördeBus + MVB, walks up to 500 m, slack 120 s, with transfers.txt', [BOERDEBUS, MVB], { walkRadiusMeters: 500, transferSlackSeconds: 120, useTransfersTxt: true }],
  ] as const)('%s: exactly the same earliest arrival and latest departure', async (_, paths, options) => {
    const feeds: FeedSet = await loadFeeds([...paths], { cacheDir: sharedCacheDir });
    const tables = await Promise.all(paths.map((p) => readRawGtfs(p)));
    const raw = new Map(feeds.feeds.map((feed, i) => [feed.label, tables[i]!]));
    const planner = new RoutePlanner(feeds, {
      walkRadiusMeters: options.walkRadiusMeters,
      transferSlackSeconds: options.transferSlackSeconds,
      maxTransfers: 15,
      useTransfersFile: options.useTransfersTxt,
    });
    const oracle: CsaQueryOptions = { ...options, type3Forbids: true };
    const random = mulberry32(paths.length);
    const stopIds = feeds.stops.map((stop) => stop.stopId);
    let compared = 0;
    let reached = 0;
    let arriveBy = 0;
    let checked = 0;
    for (const date of dates) {
      const net = buildConnections(tables, date);
      const check: Check = { raw, date, options };
      for (let q = 0; q < 150; q++) {
        const from = stopIds[Math.floor(random() * stopIds.length)]!;
        const to = stopIds[Math.floor(random() * stopIds.length)]!;
        const depart = 4 * 3600 + Math.floor(random() * 18 * 3600);
        const expected = csaEarliestArrival(net, from, to, depart, oracle);
        const result = planner.route({ from, to, date, depart });
        expect(result.arrival, `${date} ${from}→${to} ${depart}`).toBe(expected);
        compared++;
        if (expected !== null && from !== to) {
          reached++;
          if (q % 5 === 0) {
            checkJourney(result, { from, to, depart }, check);
            checked++;
          }
        }
        // Arrive by a time of the same day range, reachable or not.
        const by = 5 * 3600 + Math.floor(random() * 19 * 3600);
        const latest = csaLatestDeparture(net, from, to, by, oracle);
        const back = planner.route({ from, to, date, arrive: by });
        expect(back.departure, `${date} ${from}→${to} arrive by ${by}`).toBe(latest);
        arriveBy++;
        if (latest !== null && from !== to && q % 5 === 0) {
          checkJourney(back, { from, to, arrive: by }, check);
          checked++;
        }
      }
    }
    console.log(`${paths.length} feed(s): ${compared} earliest arrivals (${reached} reachable), ${arriveBy} latest departures, ${checked} journeys checked`);
    expect(reached).toBeGreaterThan(compared / 10);
  });
});
