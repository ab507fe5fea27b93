/**
 * The oracle on the real BördeBus feed (../shared/data/nasa/, read in place, never copied).
 *
 * Active-trip counts were verified independently with a separate Python script (csv module:
 * calendar.txt weekday within start..end, plus calendar_dates type 1, minus type 2, then counting
 * trips.txt rows): 2026-06-09 → 1344, 2026-06-10 → 1339, 2026-06-11 → 1337, 2026-07-15 → 1017,
 * 2026-06-13 → 458, 2026-06-14 → 448, 2026-10-21 → 1352, 2027-01-13 → 0. This test also recounts
 * them with a second method (every service expanded into its set of dates), and checks
 * direct-ride queries against a brute-force search over stop_times that does not use the
 * connection scan. Timing is printed, never asserted.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildConnections,
  csaActiveTrips,
  csaEarliestArrival,
  csaLatestDeparture,
  formatGtfsTime,
  parseGtfsTime,
  type CsaNetwork,
} from '../support/connection-scan.js';
import { readRawGtfs, type RawTables } from '../support/raw-gtfs.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BOERDEBUS = join(ROOT, '..', 'shared', 'data', 'nasa', 'gtfs_boerdebus_std_kn.zip');

/** Every service's dates as `YYYYMMDD` strings, by walking calendar.txt ranges day by day. */
function serviceDates(tables: RawTables): Map<string, Set<string>> {
  const dates = new Map<string, Set<string>>();
  const setFor = (id: string): Set<string> => {
    let set = dates.get(id);
    if (!set) dates.set(id, (set = new Set()));
    return set;
  };
  const flags = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
  for (const row of tables.calendar ?? []) {
    const set = setFor(row.service_id!);
    const start = row.start_date!;
    const day = new Date(Date.UTC(Number(start.slice(0, 4)), Number(start.slice(4, 6)) - 1, Number(start.slice(6, 8))));
    for (;;) {
      const ymd = day.toISOString().slice(0, 10).replaceAll('-', '');
      if (ymd > row.end_date!) break;
      if (row[flags[day.getUTCDay()]!] === '1') set.add(ymd);
      day.setUTCDate(day.getUTCDate() + 1);
    }
  }
  for (const row of tables.calendar_dates ?? []) if (row.exception_type === '1') setFor(row.service_id!).add(row.date!);
  for (const row of tables.calendar_dates ?? []) if (row.exception_type === '2') setFor(row.service_id!).delete(row.date!);
  return dates;
}

function tripsOn(tables: RawTables, dates: Map<string, Set<string>>, ymd: string): string[] {
  return (tables.trips ?? []).filter((trip) => dates.get(trip.service_id!)?.has(ymd)).map((trip) => trip.trip_id!);
}

/**
 * Earliest arrival using exactly one trip and no walking, by brute force over stop_times
 * (June: neighbouring service days are exactly 86,400 s apart).
 */
function directRide(
  tables: RawTables,
  dates: Map<string, Set<string>>,
  date: string,
  from: string,
  to: string,
  depart: number,
): number | null {
  const byTrip = new Map<string, RawTables[string]>();
  for (const row of tables.stop_times ?? []) {
    const list = byTrip.get(row.trip_id!) ?? [];
    list.push(row);
    byTrip.set(row.trip_id!, list);
  }
  let best: number | null = null;
  const days: [string, number][] = [
    [String(Number(date) - 1), -86400],
    [date, 0],
    [String(Number(date) + 1), 86400],
  ];
  for (const [day, offset] of days) {
    for (const tripId of tripsOn(tables, dates, day)) {
      const stops = [...(byTrip.get(tripId) ?? [])].sort((a, b) => Number(a.stop_sequence) - Number(b.stop_sequence));
      for (let i = 0; i < stops.length; i++) {
        const board = stops[i]!;
        if (board.stop_id !== from || board.pickup_type === '1') continue;
        if (parseGtfsTime(board.departure_time!) + offset < depart) continue;
        for (let j = i + 1; j < stops.length; j++) {
          const alight = stops[j]!;
          if (alight.stop_id !== to || alight.drop_off_type === '1') continue;
          const arrival = parseGtfsTime(alight.arrival_time!) + offset;
          if (best === null || arrival < best) best = arrival;
        }
      }
    }
  }
  return best;
}

describe.runIf(existsSync(BOERDEBUS))('oracle on the real BördeBus feed', () => {
  let tables: RawTables;
  let dates: Map<string, Set<string>>;
  let net: CsaNetwork;

  beforeAll(async () => {
    tables = await readRawGtfs(BOERDEBUS);
    dates = serviceDates(tables);
    net = buildConnections([tables], '2026-06-10');
  });

  it('reads the whole feed', () => {
    expect(tables.stops).toHaveLength(939);
    expect(tables.routes).toHaveLength(54);
    expect(tables.trips).toHaveLength(2850);
    expect(tables.stop_times).toHaveLength(37367);
    expect(tables.stop_times![0]!.departure_time).toBe('6:13:00');
  });

  it('counts active trips per day type as verified independently', () => {
    const counts: Record<string, number> = {
      '2026-06-10': 1339, // school Wednesday
      '2026-07-15': 1017, // summer holidays
      '2026-06-13': 458, // Saturday
      '2026-06-14': 448, // Sunday
      '2026-10-21': 1352, // autumn holidays, still school-day service in the feed
      '2027-01-13': 0, // every service is removed by calendar_dates from 2027 on
    };
    for (const [date, expected] of Object.entries(counts)) {
      const oracle = csaActiveTrips([tables], date);
      const recount = tripsOn(tables, dates, date.replaceAll('-', '')).length;
      console.log(`BördeBus active trips ${date}: oracle ${oracle}, recount ${recount}`);
      expect(oracle, date).toBe(expected);
      expect(recount, date).toBe(expected);
    }
  });

  it('builds the connections of 2026-06-09 … 06-11', () => {
    console.log(`BördeBus 2026-06-10: ${net.connectionCount} connections, ${net.tripCount} trip instances, ${net.stopIds.length} stops`);
    // Trips of 06-09, 06-10 and 06-11 (school days with 1344, 1339 and 1337 trips: counted with
    // the Python script too); every trip has ≥ 2 stop times, so each gives one instance.
    expect(csaActiveTrips([tables], '2026-06-09')).toBe(1344);
    expect(csaActiveTrips([tables], '2026-06-11')).toBe(1337);
    expect(net.tripCount).toBe(1344 + 1339 + 1337);
  });

  it('matches a brute-force direct-ride search, and routes with transfers at least as fast', () => {
    const active = tripsOn(tables, dates, '20260610').sort();
    const firstAndLast = new Map<string, [RawTables[string][number], RawTables[string][number]]>();
    for (const row of tables.stop_times ?? []) {
      const pair = firstAndLast.get(row.trip_id!);
      if (!pair) firstAndLast.set(row.trip_id!, [row, row]);
      else {
        if (Number(row.stop_sequence) < Number(pair[0].stop_sequence)) pair[0] = row;
        if (Number(row.stop_sequence) > Number(pair[1].stop_sequence)) pair[1] = row;
      }
    }
    let checked = 0;
    let millis = 0;
    for (let k = 0; k < active.length; k += 67) {
      const [first, last] = firstAndLast.get(active[k]!)!;
      const from = first.stop_id!;
      const to = last.stop_id!;
      const depart = parseGtfsTime(first.departure_time!) - 600;
      const direct = directRide(tables, dates, '20260610', from, to, depart);
      const started = performance.now();
      const oneRide = csaEarliestArrival(net, from, to, depart, { maxTransfers: 0 });
      const withTransfers = csaEarliestArrival(net, from, to, depart, { transferSlackSeconds: 60, walkRadiusMeters: 500, useTransfersTxt: true });
      millis += performance.now() - started;
      const label = `trip ${active[k]} ${from}→${to} from ${formatGtfsTime(depart)}`;
      expect(direct, label).not.toBeNull();
      expect(oneRide, label).toBe(direct);
      expect(withTransfers!, label).toBeLessThanOrEqual(direct!);
      const latest = csaLatestDeparture(net, from, to, withTransfers!, { transferSlackSeconds: 60, walkRadiusMeters: 500, useTransfersTxt: true });
      expect(latest!, label).toBeGreaterThanOrEqual(depart);
      checked++;
    }
    console.log(`BördeBus: ${checked} sampled trips, direct ride = oracle with maxTransfers 0; ${(millis / (2 * checked)).toFixed(1)} ms per query`);
    expect(checked).toBeGreaterThanOrEqual(19);
  });

  it('answers a Haldensleben ZOB → Wolmirstedt Bahnhof query', () => {
    const from = 'de:15083:1555::01'; // Haldensleben, ZOB, Steig 1
    const to = 'de:15083:1524::01'; // Wolmirstedt, Bahnhof (Bus)
    const options = { transferSlackSeconds: 60, walkRadiusMeters: 500, useTransfersTxt: true };
    const arrival = csaEarliestArrival(net, from, to, parseGtfsTime('7:00:00'), options);
    const latest = csaLatestDeparture(net, from, to, parseGtfsTime('9:00:00'), options);
    console.log(
      `BördeBus 2026-06-10 Haldensleben ZOB → Wolmirstedt Bahnhof: from 7:00 arrive ${arrival === null ? 'never' : formatGtfsTime(arrival)}; ` +
        `arrive by 9:00 leave ${latest === null ? 'never' : formatGtfsTime(latest)}`,
    );
    expect(arrival).not.toBeNull();
    expect(latest).not.toBeNull();
    expect(csaEarliestArrival(net, from, to, latest!, options)!).toBeLessThanOrEqual(parseGtfsTime('9:00:00'));
  });
});

const ALL_FEEDS = ['boerdebus', 'mvb', 'kvg', 'njl', 'pvgs'].map((name) => join(ROOT, '..', 'shared', 'data', 'nasa', `gtfs_${name}_std_kn.zip`));

describe.runIf(ALL_FEEDS.every((path) => existsSync(path)))('oracle on all five NASA feeds merged', () => {
  it('merges by stop_id and routes from a BördeBus stop to an MVB-only stop', async () => {
    const feeds = await Promise.all(ALL_FEEDS.map((path) => readRawGtfs(path)));
    // Per feed on 2026-06-10 (Python count): 1339 + 4239 + 1099 + 964 + 3797.
    expect(csaActiveTrips(feeds, '2026-06-10')).toBe(11438);
    let started = performance.now();
    const net = buildConnections(feeds, '2026-06-10');
    console.log(
      `5 feeds 2026-06-10: ${net.connectionCount} connections (3 service days), ${net.tripCount} trip instances, ` +
        `${net.stopIds.length} distinct stops, built in ${Math.round(performance.now() - started)} ms`,
    );
    // 4,443 stop rows, 4,361 distinct stop_ids: 82 shared between feeds (e.g. 36 BördeBus/MVB).
    expect(net.stopIds.length).toBe(4361);
    const from = 'de:15083:1555::01'; // Haldensleben, ZOB (BördeBus)
    const to = 'de:15003:7393::01'; // Magdeburg, Hauptbahnhof/Willy-Brandt-Platz (MVB only)
    const options = { transferSlackSeconds: 60, walkRadiusMeters: 500, useTransfersTxt: true };
    csaEarliestArrival(net, from, to, parseGtfsTime('7:00:00'), options); // builds the footpaths once
    started = performance.now();
    const arrival = csaEarliestArrival(net, from, to, parseGtfsTime('7:00:00'), options);
    const latest = csaLatestDeparture(net, from, to, parseGtfsTime('10:00:00'), options);
    console.log(
      `5 feeds: Haldensleben ZOB → Magdeburg Hbf from 7:00 arrive ${arrival === null ? 'never' : formatGtfsTime(arrival)}, ` +
        `arrive by 10:00 leave ${latest === null ? 'never' : formatGtfsTime(latest)} (${(performance.now() - started).toFixed(1)} ms for both)`,
    );
    expect(arrival).not.toBeNull();
    expect(latest).not.toBeNull();
    expect(csaEarliestArrival(net, from, to, latest!, options)!).toBeLessThanOrEqual(parseGtfsTime('10:00:00'));
    // BördeBus alone does not know the MVB stop.
    expect(csaEarliestArrival(buildConnections([feeds[0]!], '2026-06-10'), from, to, parseGtfsTime('7:00:00'), options)).toBeNull();
  });
});
