/**
 * A Connection Scan Algorithm router written as a test oracle (Dibbelt, Pajor, Strasser, Wagner:
 * "Intriguingly Simple and Fast Transit Routing", SEA 2013; "Connection Scan Algorithm", 2017).
 * It reads raw GTFS tables (see `raw-gtfs.ts`) and shares no code with `src/`, so the production
 * router can be compared with it query by query.
 *
 * Model (the production router must follow the same rules):
 * - Feeds are merged by stop_id; every other id (trip, service, route) is scoped to its feed.
 * - A search on date D uses the trips of service days D-1, D and D+1. Times are seconds relative
 *   to the GTFS reference of D ("local noon minus 12 h"); a trip of day X is shifted by
 *   ref(X) − ref(D), which is ±86 400 s except around DST changes (82 800 / 90 000 s in Europe/Berlin).
 * - pickup_type 1 forbids boarding, drop_off_type 1 forbids alighting; any other value allows it.
 * - frequencies.txt rows are expanded into trips starting at start_time, start_time + headway, …
 *   while < end_time (exact_times 0 and 1 alike); the template times are shifted so the first
 *   departure equals each start. A trip with frequency rows runs only as these copies.
 * - Boarding after arriving by another vehicle is a change: it needs arrival + slack ≤ departure at
 *   the same stop, and arrival + max(walk, slack) ≤ departure after a walk to another stop (a
 *   change takes at least the slack, whether or not it includes a walk). Staying seated and
 *   boarding at the origin (also after the walk from the origin) need no slack; arriving at the
 *   destination on foot after a ride needs only the walk.
 * - Footpaths are walked at most once after each ride and once at the origin (never chained):
 *   transfers.txt rows between different stops (types 0, 1, 2; min_transfer_time, empty = 0 s) when
 *   `useTransfersTxt`, and generated walks up to `walkRadiusMeters` (ceil(distance × 1.3 / 1.25) s,
 *   haversine on R = 6 371 008.8 m, distance ≤ radius). A feed row sets the minimum for its pair:
 *   when both exist the longer counts (of several rows for one pair, the longest). A walk from the
 *   origin straight to the destination is a valid journey.
 * - A same-stop transfers.txt row of type 2 with min_transfer_time is, with `useTransfersTxt`, the
 *   minimum change time at that stop (the larger of it and the slack).
 * - transfers.txt rows ignored: other same-stop rows, transfer_type 3 (it adds nothing, and it does
 *   not remove a generated walk), and rows scoped to trips or routes (from/to_trip_id, from/to_route_id set).
 *   With the query option `type3Forbids` (default off) transfer_type 3 rows are read as GTFS says
 *   ("transfers are not possible"): a same-stop row forbids changing vehicles at that stop (staying
 *   seated, boarding at the origin or after a walk stay allowed), a row between two stops removes
 *   the footpath between them, a generated walk too.
 * - Generated walks use stops with location_type empty or 0 that have coordinates; when two feeds
 *   list the same stop_id, the first feed's row gives the coordinates.
 *
 * Limits: stop times must have an arrival or a departure time (no interpolation of empty times);
 * times must not decrease along a trip (the oracle throws otherwise). Connections with equal
 * departure times are scanned repeatedly until nothing changes, so zero-duration rides and 0 s
 * walks are handled exactly regardless of the sort order inside such a group.
 */
import type { RawRecord, RawTables } from './raw-gtfs.js';

export type { RawTables } from './raw-gtfs.js';

/** One feed's tables, for callers that prefer a named wrapper. */
export interface CsaFeedInput {
  tables: RawTables;
}

/** Footpaths of one stop, as parallel lists. */
interface FootpathList {
  stops: number[];
  walkSeconds: number[];
}

/** Outgoing and incoming footpaths per stop index. */
interface Footpaths {
  outgoing: FootpathList[];
  incoming: FootpathList[];
}

/** The connections of one search date, sorted once and reused by every query. */
export interface CsaNetwork {
  /** The search date, `YYYY-MM-DD`. */
  date: string;
  /** Time zone of the reference time of `date` (query and result times are relative to it). */
  timeZone: string;
  /** Seconds from ref(D) to ref(D-1) (negative) and to ref(D+1), in `timeZone`. */
  previousDayOffsetSeconds: number;
  nextDayOffsetSeconds: number;
  /** Stop id of each stop index. */
  stopIds: string[];
  stopIndex: Map<string, number>;
  /** Coordinates per stop index (NaN when unknown or not a boardable stop). */
  stopLat: Float64Array;
  stopLon: Float64Array;
  /** Connections sorted by departure (then arrival, trip, position): one ride between two consecutive stops. */
  connectionCount: number;
  depStop: Int32Array;
  arrStop: Int32Array;
  /** Departure and arrival in seconds relative to ref(date). */
  dep: Int32Array;
  arr: Int32Array;
  /** Trip instance (one per trip, service day and frequency start). */
  trip: Int32Array;
  /** Position of the connection within its trip instance (0 = from the first stop). */
  position: Int32Array;
  /** 1 when boarding at depStop is allowed (pickup_type ≠ 1), 1 when alighting at arrStop is allowed. */
  canBoard: Uint8Array;
  canAlight: Uint8Array;
  tripCount: number;
  /** `feedIndex/trip_id/YYYYMMDD[/start seconds]` per trip instance, for debugging. */
  tripLabels: string[];
  /** Usable transfers.txt footpaths (already filtered; see module comment). */
  transfersTxt: { from: number; to: number; walkSeconds: number }[];
  /** Same-stop transfers.txt rows (type 2): a minimum change time at that stop, used with useTransfersTxt. */
  stopMinChange: Map<number, number>;
  /** Same-stop transfers.txt rows of type 3: no change at that stop (used with useTransfersTxt and type3Forbids). */
  stopNoChange: Set<number>;
  /** Type 3 rows between different stops, keyed `fromIndex,toIndex` (used with useTransfersTxt and type3Forbids). */
  forbiddenWalks: Set<string>;
  /** Footpaths per option set, built on first use. */
  footpathCache: Map<string, Footpaths>;
}

/** Options of a single query. */
export interface CsaQueryOptions {
  /** Seconds needed between arriving by one vehicle and boarding another at the same stop. Default 0. */
  transferSlackSeconds?: number;
  /** Use transfers.txt stop-to-stop rows as footpaths. Default false. */
  useTransfersTxt?: boolean;
  /** Generate walks between different stops up to this straight-line distance. Default 0 (none). */
  walkRadiusMeters?: number;
  /** At most this many changes of vehicle (N + 1 rides). Default unlimited. */
  maxTransfers?: number;
  /**
   * With `useTransfersTxt`: transfer_type 3 forbids a change at a stop (same-stop row) or the walk
   * between two stops (generated walks too). Default false: type 3 rows are ignored.
   */
  type3Forbids?: boolean;
}

/** GTFS date `YYYYMMDD` (number) from `YYYY-MM-DD` or `YYYYMMDD`. */
export function gtfsDateNumber(date: string): number {
  const match = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(date);
  if (!match) throw new Error(`date "${date}" is not YYYY-MM-DD`);
  return Number(`${match[1]}${match[2]}${match[3]}`);
}

/** The GTFS date `days` after `date` (both `YYYYMMDD` numbers). */
export function addDaysGtfs(date: number, days: number): number {
  const utc = new Date(Date.UTC(Math.floor(date / 10000), (Math.floor(date / 100) % 100) - 1, date % 100 + days));
  return utc.getUTCFullYear() * 10000 + (utc.getUTCMonth() + 1) * 100 + utc.getUTCDate();
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** UTC offset in seconds of `timeZone` at an instant, read from Intl's "GMT+02:00" style name. */
function utcOffsetSecondsAt(instantMs: number, timeZone: string): number {
  let formatter = offsetFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetFormatters.set(timeZone, formatter);
  }
  const name = formatter.formatToParts(new Date(instantMs)).find((part) => part.type === 'timeZoneName')?.value;
  if (name === 'GMT' || name === undefined) return 0;
  const match = /^GMT([+-])(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(name);
  if (!match) throw new Error(`unexpected time zone name "${name}"`);
  const seconds = Number(match[2]) * 3600 + Number(match[3]) * 60 + Number(match[4] ?? 0);
  return match[1] === '-' ? -seconds : seconds;
}

/** Epoch ms of the GTFS reference time of a service date: local noon minus 12 hours. */
export function referenceTimeMs(date: number, timeZone: string): number {
  const noonIfUtc = Date.UTC(Math.floor(date / 10000), (Math.floor(date / 100) % 100) - 1, date % 100, 12);
  // Guess with the offset at UTC noon, then correct once with the offset at the guessed instant.
  let noon = noonIfUtc - utcOffsetSecondsAt(noonIfUtc, timeZone) * 1000;
  noon = noonIfUtc - utcOffsetSecondsAt(noon, timeZone) * 1000;
  return noon - 12 * 3600 * 1000;
}

/** Parses `H:MM:SS` (hours may be unpadded and ≥ 24) to seconds. Throws on anything else. */
export function parseGtfsTime(value: string): number {
  const match = /^(\d+):(\d{2}):(\d{2})$/.exec(value.trim());
  if (!match) throw new Error(`time "${value}" is not H:MM:SS`);
  const minutes = Number(match[2]);
  const seconds = Number(match[3]);
  if (minutes > 59 || seconds > 59) throw new Error(`time "${value}" is not H:MM:SS`);
  return Number(match[1]) * 3600 + minutes * 60 + seconds;
}

/** Formats seconds as `H:MM:SS` (hours unpadded, may be ≥ 24; negative values get a minus sign). */
export function formatGtfsTime(seconds: number): string {
  const sign = seconds < 0 ? '-' : '';
  const abs = Math.abs(seconds);
  const h = Math.floor(abs / 3600);
  const m = Math.floor((abs % 3600) / 60);
  const s = abs % 60;
  return `${sign}${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

function rowsOf(tables: RawTables, name: string): RawRecord[] {
  return tables[name] ?? [];
}

function field(row: RawRecord, name: string): string {
  return (row[name] ?? '').trim();
}

/**
 * The service_ids of one feed that run on `date` (`YYYYMMDD`): calendar.txt weekday flag within
 * start_date..end_date, plus calendar_dates.txt type 1, minus type 2 (a removal always wins).
 */
export function activeServiceIds(tables: RawTables, date: number): Set<string> {
  const weekdayNames = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
  const weekday = weekdayNames[
    new Date(Date.UTC(Math.floor(date / 10000), (Math.floor(date / 100) % 100) - 1, date % 100)).getUTCDay()
  ]!;
  const active = new Set<string>();
  for (const row of rowsOf(tables, 'calendar')) {
    const start = Number(field(row, 'start_date'));
    const end = Number(field(row, 'end_date'));
    if (start <= date && date <= end && field(row, weekday) === '1') active.add(field(row, 'service_id'));
  }
  const removed = new Set<string>();
  for (const row of rowsOf(tables, 'calendar_dates')) {
    if (Number(field(row, 'date')) !== date) continue;
    const type = field(row, 'exception_type');
    if (type === '1') active.add(field(row, 'service_id'));
    else if (type === '2') removed.add(field(row, 'service_id'));
  }
  for (const id of removed) active.delete(id);
  return active;
}

/**
 * Number of trips.txt rows whose service runs on `date` (`YYYY-MM-DD`), summed over feeds. Only
 * the service day `date` itself counts (not the neighbours), and a trip with frequencies.txt rows
 * counts once per trip_id, however many copies it is expanded into.
 */
export function csaActiveTrips(feeds: RawTables[], date: string): number {
  const day = gtfsDateNumber(date);
  let count = 0;
  for (const tables of feeds) {
    const active = activeServiceIds(tables, day);
    for (const trip of rowsOf(tables, 'trips')) if (active.has(field(trip, 'service_id'))) count++;
  }
  return count;
}

interface StopTime {
  stopId: string;
  sequence: number;
  arrival: number;
  departure: number;
  canBoard: boolean;
  canAlight: boolean;
}

/** stop_times of one feed grouped by trip_id and sorted by stop_sequence (numerically). */
function stopTimesByTrip(tables: RawTables): Map<string, StopTime[]> {
  const byTrip = new Map<string, StopTime[]>();
  for (const row of rowsOf(tables, 'stop_times')) {
    const arrivalText = field(row, 'arrival_time');
    const departureText = field(row, 'departure_time');
    if (arrivalText === '' && departureText === '') {
      throw new Error(`oracle: trip ${field(row, 'trip_id')} has a stop time without times (no interpolation)`);
    }
    const arrival = parseGtfsTime(arrivalText === '' ? departureText : arrivalText);
    const departure = parseGtfsTime(departureText === '' ? arrivalText : departureText);
    const tripId = field(row, 'trip_id');
    let list = byTrip.get(tripId);
    if (!list) byTrip.set(tripId, (list = []));
    list.push({
      stopId: field(row, 'stop_id'),
      sequence: Number(field(row, 'stop_sequence')),
      arrival,
      departure,
      canBoard: field(row, 'pickup_type') !== '1',
      canAlight: field(row, 'drop_off_type') !== '1',
    });
  }
  for (const [tripId, list] of byTrip) {
    list.sort((a, b) => a.sequence - b.sequence);
    for (let i = 0; i < list.length; i++) {
      const here = list[i]!;
      const next = list[i + 1];
      if (here.departure < here.arrival || (next && next.arrival < here.departure)) {
        throw new Error(`oracle: times of trip ${tripId} decrease at stop_sequence ${here.sequence}`);
      }
    }
  }
  return byTrip;
}

/**
 * Builds all connections of the trips that can be used in a search on `date` (`YYYY-MM-DD`):
 * trips of service days date-1, date and date+1, shifted to times relative to ref(date).
 *
 * @param opts.timeZone overrides every feed's agency_timezone (default: each feed's first
 *   agency_timezone, else Europe/Berlin); the query reference is ref(date) in the override, else
 *   in the first feed's zone.
 */
export function buildConnections(feeds: RawTables[], date: string, opts: { timeZone?: string } = {}): CsaNetwork {
  const day = gtfsDateNumber(date);
  const zoneOf = (tables: RawTables): string =>
    opts.timeZone ?? (field(rowsOf(tables, 'agency')[0] ?? {}, 'agency_timezone') || 'Europe/Berlin');
  const timeZone = opts.timeZone ?? (feeds[0] ? zoneOf(feeds[0]) : 'Europe/Berlin');
  const referenceMs = referenceTimeMs(day, timeZone);

  const stopIds: string[] = [];
  const stopIndex = new Map<string, number>();
  const lats: number[] = [];
  const lons: number[] = [];
  const indexOf = (stopId: string): number => {
    let index = stopIndex.get(stopId);
    if (index === undefined) {
      index = stopIds.length;
      stopIndex.set(stopId, index);
      stopIds.push(stopId);
      lats.push(Number.NaN);
      lons.push(Number.NaN);
    }
    return index;
  };
  for (const tables of feeds) {
    for (const row of rowsOf(tables, 'stops')) {
      const fresh = !stopIndex.has(field(row, 'stop_id'));
      const index = indexOf(field(row, 'stop_id'));
      const locationType = field(row, 'location_type');
      const lat = Number.parseFloat(field(row, 'stop_lat'));
      const lon = Number.parseFloat(field(row, 'stop_lon'));
      if (fresh && (locationType === '' || locationType === '0') && Number.isFinite(lat) && Number.isFinite(lon)) {
        lats[index] = lat;
        lons[index] = lon;
      }
    }
  }

  const depStop: number[] = [];
  const arrStop: number[] = [];
  const dep: number[] = [];
  const arr: number[] = [];
  const trip: number[] = [];
  const position: number[] = [];
  const canBoard: number[] = [];
  const canAlight: number[] = [];
  const tripLabels: string[] = [];

  feeds.forEach((tables, feedIndex) => {
    const zone = zoneOf(tables);
    const byTrip = stopTimesByTrip(tables);
    const frequencies = new Map<string, RawRecord[]>();
    for (const row of rowsOf(tables, 'frequencies')) {
      const list = frequencies.get(field(row, 'trip_id')) ?? [];
      list.push(row);
      frequencies.set(field(row, 'trip_id'), list);
    }
    for (const serviceDay of [addDaysGtfs(day, -1), day, addDaysGtfs(day, 1)]) {
      const offset = Math.round((referenceTimeMs(serviceDay, zone) - referenceMs) / 1000);
      const active = activeServiceIds(tables, serviceDay);
      for (const tripRow of rowsOf(tables, 'trips')) {
        if (!active.has(field(tripRow, 'service_id'))) continue;
        const tripId = field(tripRow, 'trip_id');
        const stopTimes = byTrip.get(tripId) ?? [];
        if (stopTimes.length < 2) continue;
        const emit = (shift: number, label: string): void => {
          const instance = tripLabels.length;
          tripLabels.push(label);
          for (let i = 0; i + 1 < stopTimes.length; i++) {
            const from = stopTimes[i]!;
            const to = stopTimes[i + 1]!;
            depStop.push(indexOf(from.stopId));
            arrStop.push(indexOf(to.stopId));
            dep.push(from.departure + shift + offset);
            arr.push(to.arrival + shift + offset);
            trip.push(instance);
            position.push(i);
            canBoard.push(from.canBoard ? 1 : 0);
            canAlight.push(to.canAlight ? 1 : 0);
          }
        };
        const frequencyRows = frequencies.get(tripId);
        if (!frequencyRows) {
          emit(0, `${feedIndex}/${tripId}/${serviceDay}`);
          continue;
        }
        const firstDeparture = stopTimes[0]!.departure;
        for (const row of frequencyRows) {
          const start = parseGtfsTime(field(row, 'start_time'));
          const end = parseGtfsTime(field(row, 'end_time'));
          const headway = Number(field(row, 'headway_secs'));
          if (!(headway > 0)) throw new Error(`oracle: headway_secs "${field(row, 'headway_secs')}" of trip ${tripId}`);
          for (let t = start; t < end; t += headway) {
            emit(t - firstDeparture, `${feedIndex}/${tripId}/${serviceDay}/${t}`);
          }
        }
      }
    }
  });

  const order = Array.from(dep.keys());
  order.sort(
    (a, b) =>
      dep[a]! - dep[b]! || arr[a]! - arr[b]! || trip[a]! - trip[b]! || position[a]! - position[b]!,
  );
  const pick = (values: number[]): Int32Array => Int32Array.from(order, (i) => values[i]!);

  const transfersTxt: CsaNetwork['transfersTxt'] = [];
  const stopMinChange = new Map<number, number>();
  const stopNoChange = new Set<number>();
  const forbiddenWalks = new Set<string>();
  for (const tables of feeds) {
    for (const row of rowsOf(tables, 'transfers')) {
      const from = field(row, 'from_stop_id');
      const to = field(row, 'to_stop_id');
      const type = field(row, 'transfer_type') || '0';
      const scoped = ['from_route_id', 'to_route_id', 'from_trip_id', 'to_trip_id'].some((name) => field(row, name) !== '');
      if (from !== '' && from === to && !scoped && type === '2' && field(row, 'min_transfer_time') !== '' && stopIndex.has(from)) {
        const stop = indexOf(from);
        stopMinChange.set(stop, Math.max(stopMinChange.get(stop) ?? 0, Number(field(row, 'min_transfer_time'))));
      }
      if (from !== '' && to !== '' && !scoped && type === '3' && stopIndex.has(from) && stopIndex.has(to)) {
        if (from === to) stopNoChange.add(indexOf(from));
        else forbiddenWalks.add(`${indexOf(from)},${indexOf(to)}`);
      }
      if (from === '' || to === '' || from === to || scoped || !['0', '1', '2'].includes(type)) continue;
      const minTime = field(row, 'min_transfer_time');
      transfersTxt.push({ from: indexOf(from), to: indexOf(to), walkSeconds: minTime === '' ? 0 : Number(minTime) });
    }
  }

  return {
    date,
    timeZone,
    previousDayOffsetSeconds: Math.round((referenceTimeMs(addDaysGtfs(day, -1), timeZone) - referenceMs) / 1000),
    nextDayOffsetSeconds: Math.round((referenceTimeMs(addDaysGtfs(day, 1), timeZone) - referenceMs) / 1000),
    stopIds,
    stopIndex,
    stopLat: Float64Array.from(lats),
    stopLon: Float64Array.from(lons),
    connectionCount: order.length,
    depStop: pick(depStop),
    arrStop: pick(arrStop),
    dep: pick(dep),
    arr: pick(arr),
    trip: pick(trip),
    position: pick(position),
    canBoard: Uint8Array.from(order, (i) => canBoard[i]!),
    canAlight: Uint8Array.from(order, (i) => canAlight[i]!),
    tripCount: tripLabels.length,
    tripLabels,
    transfersTxt,
    stopMinChange,
    stopNoChange,
    forbiddenWalks,
    footpathCache: new Map(),
  };
}

const EARTH_RADIUS_METERS = 6_371_008.8;

/** Great-circle distance in metres (haversine, atan2 form). */
export function haversineMeters(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return EARTH_RADIUS_METERS * 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
}

/** Walking seconds for a straight-line distance: detour 1.3, 1.25 m/s, rounded up. */
export function walkSecondsForMeters(distanceMeters: number): number {
  return Math.ceil((distanceMeters * 1.3) / 1.25);
}

/**
 * Footpaths for one option set. Generated walks: the shortest; transfers.txt rows: the longest row
 * of a pair; when both exist the feed row is a minimum, so the longer of the two counts.
 */
function footpathsFor(net: CsaNetwork, useTransfersTxt: boolean, walkRadiusMeters: number, type3Forbids = false): Footpaths {
  const forbid = useTransfersTxt && type3Forbids;
  const key = `${useTransfersTxt}|${walkRadiusMeters}|${forbid}`;
  const cached = net.footpathCache.get(key);
  if (cached) return cached;
  const best = new Map<number, number>(); // from * stopCount + to → generated walk seconds
  const required = new Map<number, number>(); // from * stopCount + to → longest transfers.txt row
  const n = net.stopIds.length;
  const offer = (from: number, to: number, walkSeconds: number): void => {
    const pair = from * n + to;
    const known = best.get(pair);
    if (known === undefined || walkSeconds < known) best.set(pair, walkSeconds);
  };
  if (useTransfersTxt) {
    for (const t of net.transfersTxt) {
      const pair = t.from * n + t.to;
      required.set(pair, Math.max(required.get(pair) ?? 0, t.walkSeconds));
    }
  }
  if (walkRadiusMeters > 0) {
    // Bucket stops into cells at least radius × radius large (one longitude width for all, taken
    // at the stop farthest from the equator), so only the 3 × 3 neighbouring cells are compared.
    let maxAbsLat = 0;
    for (let s = 0; s < n; s++) if (Number.isFinite(net.stopLat[s]!)) maxAbsLat = Math.max(maxAbsLat, Math.abs(net.stopLat[s]!));
    const latCell = walkRadiusMeters / 111_000; // a degree of latitude is ~111 195 m, so this errs large
    const lonCell = latCell / Math.max(0.01, Math.cos((maxAbsLat * Math.PI) / 180));
    const buckets = new Map<string, number[]>();
    const cellKey = (s: number, dLat: number, dLon: number): string =>
      `${Math.floor(net.stopLat[s]! / latCell) + dLat},${Math.floor(net.stopLon[s]! / lonCell) + dLon}`;
    for (let s = 0; s < n; s++) {
      if (!Number.isFinite(net.stopLat[s]!)) continue;
      const list = buckets.get(cellKey(s, 0, 0)) ?? [];
      list.push(s);
      buckets.set(cellKey(s, 0, 0), list);
    }
    for (let s = 0; s < n; s++) {
      if (!Number.isFinite(net.stopLat[s]!)) continue;
      for (let dLat = -1; dLat <= 1; dLat++) {
        for (let dLon = -1; dLon <= 1; dLon++) {
          for (const t of buckets.get(cellKey(s, dLat, dLon)) ?? []) {
            if (t === s) continue;
            const meters = haversineMeters(net.stopLat[s]!, net.stopLon[s]!, net.stopLat[t]!, net.stopLon[t]!);
            if (meters <= walkRadiusMeters) offer(s, t, walkSecondsForMeters(meters));
          }
        }
      }
    }
  }
  for (const [pair, seconds] of required) best.set(pair, Math.max(best.get(pair) ?? 0, seconds));
  const outgoing: FootpathList[] = Array.from({ length: n }, () => ({ stops: [], walkSeconds: [] }));
  const incoming: FootpathList[] = Array.from({ length: n }, () => ({ stops: [], walkSeconds: [] }));
  for (const [pair, walkSeconds] of best) {
    const from = Math.floor(pair / n);
    const to = pair % n;
    if (forbid && net.forbiddenWalks.has(`${from},${to}`)) continue;
    outgoing[from]!.stops.push(to);
    outgoing[from]!.walkSeconds.push(walkSeconds);
    incoming[to]!.stops.push(from);
    incoming[to]!.walkSeconds.push(walkSeconds);
  }
  const footpaths = { outgoing, incoming };
  net.footpathCache.set(key, footpaths);
  return footpaths;
}

/** Smallest connection index whose departure is ≥ time (binary search). */
function firstDepartingAtOrAfter(net: CsaNetwork, time: number): number {
  let lo = 0;
  let hi = net.connectionCount;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (net.dep[mid]! < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Label levels: with unlimited transfers one level; with maxTransfers N, levels 0..N+1 where level
 * k means "at most k rides used (forward) / still to use (reverse)". Labels are kept monotone in k
 * (a label for ≤ k rides is also one for ≤ k+1 rides), so the smallest usable level is the best.
 */
function levelSetup(opts: CsaQueryOptions): { levels: number; afterRide: (k: number) => number } {
  if (opts.maxTransfers === undefined) return { levels: 1, afterRide: () => 0 };
  const levels = opts.maxTransfers + 2;
  return { levels, afterRide: (k) => k + 1 };
}

/**
 * Earliest arrival at `toStopId` when leaving `fromStopId` at `departSeconds` (seconds relative to
 * ref(date), may exceed 86 400 and the result too), or null when unreachable with the trips of
 * date-1, date and date+1. Returns departSeconds when from == to.
 */
export function csaEarliestArrival(
  net: CsaNetwork,
  fromStopId: string,
  toStopId: string,
  departSeconds: number,
  opts: CsaQueryOptions = {},
): number | null {
  if (fromStopId === toStopId) return departSeconds;
  const from = net.stopIndex.get(fromStopId);
  const target = net.stopIndex.get(toStopId);
  if (from === undefined || target === undefined) return null;
  const baseSlack = opts.transferSlackSeconds ?? 0;
  /** Change time at a stop: the slack, or the stop's own minimum from transfers.txt when used. */
  const slackAt = (stop: number): number => (opts.useTransfersTxt ? Math.max(baseSlack, net.stopMinChange.get(stop) ?? 0) : baseSlack);
  /** False where transfers.txt forbids changing vehicles (same-stop type 3, with type3Forbids). */
  const canChangeAt = (stop: number): boolean => !(opts.useTransfersTxt && opts.type3Forbids && net.stopNoChange.has(stop));
  const footpaths = footpathsFor(net, opts.useTransfersTxt ?? false, opts.walkRadiusMeters ?? 0, opts.type3Forbids);
  const { levels, afterRide } = levelSetup(opts);
  const n = net.stopIds.length;
  // UNREACHED is +Infinity: comparisons stay correct and nothing is ever added to it unchecked.
  const UNREACHED = Number.POSITIVE_INFINITY;
  /** Earliest time one may board at a stop (origin: departSeconds; by vehicle: arrival + slack; by walk: walk end). */
  const ready = new Float64Array(levels * n).fill(UNREACHED);
  /** Earliest arrival at a stop by any means (answers the query). */
  const arrival = new Float64Array(levels * n).fill(UNREACHED);
  /** Earliest arrival at a stop by vehicle (only these start footpaths, so walks never chain). */
  const vehicleArrival = new Float64Array(levels * n).fill(UNREACHED);
  /**
   * Per level and trip instance, the first position at which the trip has been boarded with at
   * most that many rides (NOT_BOARDED = not at all). A position, not a flag: equal-time groups
   * are scanned repeatedly, and a later stop of a trip must not make its earlier stops reachable.
   */
  const NOT_BOARDED = 0x7fffffff;
  const boardedAt = new Int32Array(levels * net.tripCount).fill(NOT_BOARDED);
  let changed = false;

  const improve = (labels: Float64Array, level: number, stop: number, time: number): boolean => {
    let improved = false;
    for (let l = level; l < levels; l++) {
      if (time < labels[l * n + stop]!) {
        labels[l * n + stop] = time;
        improved = true;
      }
    }
    if (improved) changed = true;
    return improved;
  };

  improve(ready, 0, from, departSeconds);
  improve(arrival, 0, from, departSeconds);
  const out = footpaths.outgoing[from]!;
  for (let i = 0; i < out.stops.length; i++) {
    improve(ready, 0, out.stops[i]!, departSeconds + out.walkSeconds[i]!);
    improve(arrival, 0, out.stops[i]!, departSeconds + out.walkSeconds[i]!);
  }

  const scanConnection = (c: number): void => {
    const t = net.trip[c]!;
    const p = net.position[c]!;
    if (net.canBoard[c]) {
      const s = net.depStop[c]!;
      for (let k = 0; k < levels; k++) {
        if (ready[k * n + s]! <= net.dep[c]!) {
          for (let l = afterRide(k); l < levels; l++) {
            if (p < boardedAt[l * net.tripCount + t]!) {
              boardedAt[l * net.tripCount + t] = p;
              changed = true;
            }
          }
          break;
        }
      }
    }
    let level = 0;
    while (level < levels && boardedAt[level * net.tripCount + t]! > p) level++;
    if (level < levels && net.canAlight[c]) {
      const s = net.arrStop[c]!;
      const time = net.arr[c]!;
      if (improve(vehicleArrival, level, s, time)) {
        improve(arrival, level, s, time);
        if (canChangeAt(s)) improve(ready, level, s, time + slackAt(s));
        const walks = footpaths.outgoing[s]!;
        for (let i = 0; i < walks.stops.length; i++) {
          improve(arrival, level, walks.stops[i]!, time + walks.walkSeconds[i]!);
          // Boarding after this walk is a change of vehicle: at least the slack.
          improve(ready, level, walks.stops[i]!, time + Math.max(walks.walkSeconds[i]!, baseSlack));
        }
      }
    }
  };

  const best = (): number => arrival[(levels - 1) * n + target]!;
  let c = firstDepartingAtOrAfter(net, departSeconds);
  while (c < net.connectionCount && net.dep[c]! <= best()) {
    let groupEnd = c;
    while (groupEnd < net.connectionCount && net.dep[groupEnd] === net.dep[c]) groupEnd++;
    // Repeat the group of equal departures until nothing changes (zero-duration rides, 0 s walks).
    do {
      changed = false;
      for (let g = c; g < groupEnd; g++) scanConnection(g);
    } while (changed);
    c = groupEnd;
  }
  const answer = best();
  return answer === UNREACHED ? null : answer;
}

/**
 * Latest departure from `fromStopId` (seconds relative to ref(date)) such that the earliest
 * arrival at `toStopId` is ≤ `arriveBySeconds`, or null when there is none. Computed by a
 * reverse connection scan with the same rules as {@link csaEarliestArrival}; the departure is
 * that of the first vehicle, or the start of the first walk. Returns arriveBySeconds when from == to.
 */
export function csaLatestDeparture(
  net: CsaNetwork,
  fromStopId: string,
  toStopId: string,
  arriveBySeconds: number,
  opts: CsaQueryOptions = {},
): number | null {
  if (fromStopId === toStopId) return arriveBySeconds;
  const origin = net.stopIndex.get(fromStopId);
  const target = net.stopIndex.get(toStopId);
  if (origin === undefined || target === undefined) return null;
  const baseSlack = opts.transferSlackSeconds ?? 0;
  /** Change time at a stop: the slack, or the stop's own minimum from transfers.txt when used. */
  const slackAt = (stop: number): number => (opts.useTransfersTxt ? Math.max(baseSlack, net.stopMinChange.get(stop) ?? 0) : baseSlack);
  /** False where transfers.txt forbids changing vehicles (same-stop type 3, with type3Forbids). */
  const canChangeAt = (stop: number): boolean => !(opts.useTransfersTxt && opts.type3Forbids && net.stopNoChange.has(stop));
  const footpaths = footpathsFor(net, opts.useTransfersTxt ?? false, opts.walkRadiusMeters ?? 0, opts.type3Forbids);
  const { levels, afterRide } = levelSetup(opts);
  const n = net.stopIds.length;
  // UNREACHED is −Infinity: comparisons stay correct and nothing is ever subtracted from it unchecked.
  const UNREACHED = Number.NEGATIVE_INFINITY;
  /** Latest time one may be ready to board at a stop (on foot) and still arrive in time, with ≤ level rides left. */
  const ready = new Float64Array(levels * n).fill(UNREACHED);
  /** Latest time one may arrive at a stop by vehicle and still arrive in time, with ≤ level rides left. */
  const alight = new Float64Array(levels * n).fill(UNREACHED);
  /**
   * Per level and trip instance, the last position from which the trip leads to the target with
   * at most that many rides left, this one included (NO_USE = none). A position, not a flag, for
   * the same reason as in the forward scan.
   */
  const NO_USE = -1;
  const usefulUpTo = new Int32Array(levels * net.tripCount).fill(NO_USE);
  let changed = false;

  const raise = (labels: Float64Array, level: number, stop: number, time: number): boolean => {
    let raised = false;
    for (let l = level; l < levels; l++) {
      if (time > labels[l * n + stop]!) {
        labels[l * n + stop] = time;
        raised = true;
      }
    }
    if (raised) changed = true;
    return raised;
  };
  /**
   * Ready on foot at `stop` by `time` to board a vehicle there: then arriving there by vehicle by
   * time − slack, or by vehicle at a neighbour by time − max(walk, slack) (a change), also works.
   */
  const setReady = (level: number, stop: number, time: number): void => {
    if (!raise(ready, level, stop, time)) return;
    if (canChangeAt(stop)) raise(alight, level, stop, time - slackAt(stop));
    const walks = footpaths.incoming[stop]!;
    for (let i = 0; i < walks.stops.length; i++) raise(alight, level, walks.stops[i]!, time - Math.max(walks.walkSeconds[i]!, baseSlack));
  };

  // At the target no vehicle follows: arriving there by vehicle, or on foot after a ride, needs
  // no slack, only the walk.
  raise(ready, 0, target, arriveBySeconds);
  raise(alight, 0, target, arriveBySeconds);
  const finalWalks = footpaths.incoming[target]!;
  for (let i = 0; i < finalWalks.stops.length; i++) raise(alight, 0, finalWalks.stops[i]!, arriveBySeconds - finalWalks.walkSeconds[i]!);

  const scanConnection = (c: number): void => {
    const t = net.trip[c]!;
    const p = net.position[c]!;
    if (net.canAlight[c]) {
      const s = net.arrStop[c]!;
      for (let k = 0; k < levels; k++) {
        if (alight[k * n + s]! >= net.arr[c]!) {
          for (let l = afterRide(k); l < levels; l++) {
            if (p > usefulUpTo[l * net.tripCount + t]!) {
              usefulUpTo[l * net.tripCount + t] = p;
              changed = true;
            }
          }
          break;
        }
      }
    }
    let level = 0;
    while (level < levels && usefulUpTo[level * net.tripCount + t]! < p) level++;
    if (level < levels && net.canBoard[c]) setReady(level, net.depStop[c]!, net.dep[c]!);
  };

  const answer = (): number => {
    let latest = ready[(levels - 1) * n + origin]!;
    const walks = footpaths.outgoing[origin]!;
    for (let i = 0; i < walks.stops.length; i++) {
      latest = Math.max(latest, ready[(levels - 1) * n + walks.stops[i]!]! - walks.walkSeconds[i]!);
    }
    return latest;
  };

  // Last connection departing ≤ arriveBy; later ones cannot arrive in time.
  let c = firstDepartingAtOrAfter(net, arriveBySeconds + 1) - 1;
  while (c >= 0 && net.dep[c]! >= answer()) {
    let groupStart = c;
    while (groupStart > 0 && net.dep[groupStart - 1] === net.dep[c]) groupStart--;
    do {
      changed = false;
      for (let g = c; g >= groupStart; g--) scanConnection(g);
    } while (changed);
    c = groupStart - 1;
  }
  const latest = answer();
  return latest === UNREACHED ? null : latest;
}
