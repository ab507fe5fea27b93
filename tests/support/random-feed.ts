/**
 * Seeded random small GTFS feeds for property tests (RAPTOR against the connection scan oracle).
 *
 * Every feed has the traps of the real feeds of Sachsen-Anhalt, on purpose: unpadded and ≥ 24:00
 * times, stop_sequence starting at 0 with gaps and rows out of order, a service that exists only
 * in calendar_dates.txt, additions and removals, pickup_type/drop_off_type 1, stops within walking
 * distance of each other, zero-duration rides, trips that overtake each other on the same route,
 * and optionally frequencies.txt and transfers.txt. Times never decrease along a trip.
 *
 * Limits: one agency (Europe/Berlin), one route per stop sequence, at most a few hundred trips.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RawRecord, RawTables } from './raw-gtfs.js';

/** mulberry32: a tiny seeded PRNG returning floats in [0, 1). Same seed, same sequence. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Options of {@link randomFeed}. All have defaults. */
export interface RandomFeedOptions {
  /** Number of stops (default 24). */
  stops?: number;
  /** Number of routes (default 8). */
  routes?: number;
  /** Trips per route (default 10). */
  tripsPerRoute?: number;
  /** First date of the calendar, `YYYYMMDD` (default 20260326: the range spans the spring DST change). */
  startDate?: string;
  /** Number of days the calendar covers (default 7). */
  days?: number;
  /** Write frequencies.txt (default: decided by the seed). */
  frequencies?: boolean;
  /** Write transfers.txt (default: decided by the seed). */
  transfers?: boolean;
  /** Folder to write to (default: a fresh folder under the OS temp dir). */
  dir?: string;
}

/** A generated feed: where it was written and the tables as written (all values strings). */
export interface RandomFeed {
  dir: string;
  tables: RawTables;
  /** The calendar range as `YYYY-MM-DD` dates, for picking query dates. */
  dates: string[];
  /** All stop ids, for picking query stops. */
  stopIds: string[];
}

const COLUMNS: Record<string, string[]> = {
  agency: ['agency_id', 'agency_name', 'agency_url', 'agency_timezone'],
  stops: ['stop_id', 'stop_name', 'stop_lat', 'stop_lon', 'location_type'],
  routes: ['route_id', 'agency_id', 'route_short_name', 'route_type'],
  trips: ['route_id', 'service_id', 'trip_id'],
  stop_times: ['trip_id', 'stop_id', 'stop_sequence', 'pickup_type', 'drop_off_type', 'arrival_time', 'departure_time'],
  calendar: ['service_id', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'start_date', 'end_date'],
  calendar_dates: ['service_id', 'date', 'exception_type'],
  frequencies: ['trip_id', 'start_time', 'end_time', 'headway_secs', 'exact_times'],
  transfers: ['from_stop_id', 'to_stop_id', 'transfer_type', 'min_transfer_time', 'from_trip_id', 'to_trip_id'],
};

function csvValue(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Writes tables as GTFS CSV files into `dir` (created if needed). Columns come from the first
 * record of each table unless `columns` names them; a table with no rows gets only its header.
 */
export function writeGtfsFolder(dir: string, tables: RawTables, columns: Record<string, string[]> = {}): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, records] of Object.entries(tables)) {
    const header = columns[name] ?? COLUMNS[name] ?? Object.keys(records[0] ?? {});
    const lines = [header.map(csvValue).join(',')];
    for (const record of records) lines.push(header.map((column) => csvValue(record[column] ?? '')).join(','));
    writeFileSync(join(dir, `${name}.txt`), `${lines.join('\n')}\n`);
  }
}

function addDays(yyyymmdd: string, days: number): string {
  const d = new Date(Date.UTC(Number(yyyymmdd.slice(0, 4)), Number(yyyymmdd.slice(4, 6)) - 1, Number(yyyymmdd.slice(6, 8)) + days));
  return `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
}

/**
 * Generates and writes a random feed. The same seed and options always give the same files.
 *
 * @example
 * const feed = randomFeed(42, { stops: 20 });
 * const tables = await readRawGtfs(feed.dir); // equal to feed.tables
 */
export function randomFeed(seed: number, opts: RandomFeedOptions = {}): RandomFeed {
  const random = mulberry32(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
  const chance = (p: number): boolean => random() < p;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

  const stopCount = opts.stops ?? 24;
  const routeCount = opts.routes ?? 8;
  const tripsPerRoute = opts.tripsPerRoute ?? 10;
  const startDate = opts.startDate ?? '20260326';
  const dayCount = opts.days ?? 7;
  const endDate = addDays(startDate, dayCount - 1);
  const withFrequencies = opts.frequencies ?? chance(0.5);
  const withTransfers = opts.transfers ?? chance(0.7);

  /** Unpadded (`6:13:00`) or padded (`06:13:00`) at random; hours ≥ 24 as they are. */
  const time = (seconds: number): string => {
    const h = Math.floor(seconds / 3600);
    const rest = `${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
    return `${chance(0.5) ? h : String(h).padStart(2, '0')}:${rest}`;
  };

  // Stops in clusters of 1–3 within ~250 m, clusters spread over ~4 km × 4 km near Haldensleben.
  const stops: RawRecord[] = [];
  const stopIds: string[] = [];
  while (stops.length < stopCount) {
    const lat = 52.28 + random() * 0.036;
    const lon = 11.38 + random() * 0.058;
    const size = Math.min(int(1, 3), stopCount - stops.length);
    for (let i = 0; i < size; i++) {
      const k = stops.length;
      const id = k % 5 === 4 ? String(k).padStart(12, '0') : `de:15083:${1000 + Math.floor(k / 2)}::0${(k % 2) + 1}`;
      stopIds.push(id);
      stops.push({
        stop_id: id,
        stop_name: `Ort ${k}, Halt "${k}"`,
        stop_lat: (lat + (random() - 0.5) * 0.003).toFixed(6),
        stop_lon: (lon + (random() - 0.5) * 0.004).toFixed(6),
        location_type: chance(0.5) ? '0' : '',
      });
    }
  }

  // Services: weekdays by calendar.txt, weekend, daily with removals, and one only in calendar_dates.txt.
  const calendar: RawRecord[] = [
    { service_id: '1', monday: '1', tuesday: '1', wednesday: '1', thursday: '1', friday: '1', saturday: '0', sunday: '0', start_date: startDate, end_date: endDate },
    { service_id: '2', monday: '0', tuesday: '0', wednesday: '0', thursday: '0', friday: '0', saturday: '1', sunday: '1', start_date: startDate, end_date: endDate },
    { service_id: '3', monday: '1', tuesday: '1', wednesday: '1', thursday: '1', friday: '1', saturday: '1', sunday: '1', start_date: startDate, end_date: endDate },
  ];
  const calendarDates: RawRecord[] = [];
  const dates: string[] = [];
  for (let d = 0; d < dayCount; d++) {
    const date = addDays(startDate, d);
    dates.push(`${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`);
    if (chance(0.3)) calendarDates.push({ service_id: '3', date, exception_type: '2' });
    if (chance(0.2)) calendarDates.push({ service_id: '1', date, exception_type: '1' });
    if (chance(0.2)) calendarDates.push({ service_id: '2', date, exception_type: '2' });
    if (chance(0.6)) calendarDates.push({ service_id: 'S', date, exception_type: '1' });
  }
  const serviceIds = ['1', '2', '3', 'S'];

  const routes: RawRecord[] = [];
  const trips: RawRecord[] = [];
  const stopTimes: RawRecord[] = [];
  const frequencies: RawRecord[] = [];
  let tripNumber = 0;
  for (let r = 0; r < routeCount; r++) {
    const routeId = `R${r}`;
    routes.push({ route_id: routeId, agency_id: 'A', route_short_name: String(600 + r), route_type: '3' });
    const length = int(3, Math.min(8, stopCount));
    const sequence: string[] = [];
    while (sequence.length < length) {
      const id = pick(stopIds);
      if (!sequence.includes(id)) sequence.push(id);
    }
    const firstSequence = int(0, 1);
    const step = pick([1, 1, 5, 10]);
    const baseRunSeconds = sequence.slice(1).map(() => pick([0, 60, 120, 180, 300, 420, 600]));
    let previousStart = 0;
    for (let k = 0; k < tripsPerRoute; k++) {
      const tripId = String(++tripNumber);
      trips.push({ route_id: routeId, service_id: pick(serviceIds), trip_id: tripId });
      // Start 3:00–27:30; sometimes a fast trip (half the run times) leaving 1–5 min after the
      // previous one, so that it overtakes it on the same stop sequence.
      const fast = k > 0 && chance(0.2);
      let clock = fast ? previousStart + int(1, 5) * 60 : int(3 * 60, 27 * 60 + 30) * 60 + pick([0, 0, 0, 30]);
      previousStart = clock;
      const rows: RawRecord[] = [];
      sequence.forEach((stopId, i) => {
        if (i > 0) clock += fast ? Math.floor(baseRunSeconds[i - 1]! / 2) : baseRunSeconds[i - 1]! + pick([0, 0, 60]);
        const arrival = clock;
        if (i > 0 && i < sequence.length - 1) clock += pick([0, 0, 0, 30, 60]);
        rows.push({
          trip_id: tripId,
          stop_id: stopId,
          stop_sequence: String(firstSequence + i * step),
          pickup_type: i < sequence.length - 1 && chance(0.07) ? '1' : pick(['0', '0', '']),
          drop_off_type: i > 0 && chance(0.07) ? '1' : pick(['0', '0', '']),
          arrival_time: time(arrival),
          departure_time: time(clock),
        });
      });
      // Rows out of order in the file, as some exporters write them.
      if (chance(0.3)) rows.reverse();
      stopTimes.push(...rows);
      if (withFrequencies && chance(0.12)) {
        const start = int(5 * 60, 23 * 60) * 60;
        frequencies.push({
          trip_id: tripId,
          start_time: time(start),
          end_time: time(start + int(30, 150) * 60),
          headway_secs: String(pick([600, 900, 1200, 1800])),
          exact_times: pick(['0', '1', '']),
        });
      }
    }
  }

  const transfers: RawRecord[] = [];
  if (withTransfers) {
    for (let i = 0; i < Math.max(3, Math.floor(stopCount / 3)); i++) {
      const from = pick(stopIds);
      const to = chance(0.15) ? from : pick(stopIds);
      transfers.push({
        from_stop_id: from,
        to_stop_id: to,
        transfer_type: pick(['0', '1', '2', '2', '3', '']),
        min_transfer_time: chance(0.3) ? '' : String(int(0, 10) * 30),
        from_trip_id: '',
        to_trip_id: '',
      });
    }
    // A trip-to-trip row: ignored by the oracle.
    transfers.push({ from_stop_id: pick(stopIds), to_stop_id: pick(stopIds), transfer_type: '1', min_transfer_time: '0', from_trip_id: '1', to_trip_id: '2' });
  }

  const tables: RawTables = {
    agency: [{ agency_id: 'A', agency_name: 'Zufallsbus', agency_url: 'https://example.org', agency_timezone: 'Europe/Berlin' }],
    stops,
    routes,
    trips,
    stop_times: stopTimes,
    calendar,
    calendar_dates: calendarDates,
  };
  if (withFrequencies) tables.frequencies = frequencies;
  if (withTransfers) tables.transfers = transfers;

  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), `erreichbar-random-${seed}-`));
  writeGtfsFolder(dir, tables);
  return { dir, tables, dates, stopIds };
}
