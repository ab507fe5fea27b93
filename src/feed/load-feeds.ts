/**
 * Opens one or more GTFS feeds (zip or folder), imports each into the SQLite cache through the
 * `gtfs` package (or finds it there), and reads them back with better-sqlite3 into one merged, columnar, in-memory
 * {@link FeedSet}: the input of every timetable.
 *
 * Merging: stops with the same `stop_id` are one stop (the NASA feeds share DHIDs); every other
 * id — trips, routes, services — stays scoped to its feed, because BördeBus and MVB both use
 * `service_id` 1…39 with different meanings.
 */
import Database from 'better-sqlite3';
import { DataError, UsageError } from '../errors.js';
import { addDays, isoWeekday, parseGtfsTime } from '../time/clock.js';
import { openFeedSource } from './feed-source.js';
import { importFeed } from './import-feed.js';
import type { FeedStop } from './types.js';
import type { FeedProblem } from './validate-feed.js';

/** When a service runs: calendar.txt row (if any) plus calendar_dates.txt exceptions. */
export interface ServiceCalendar {
  /** Index of the feed in {@link FeedSet.feeds}. */
  feed: number;
  /** `service_id` as written in the feed. */
  serviceId: string;
  /** Bit i set = runs on ISO weekday i+1 (bit 0 Monday … bit 6 Sunday) between start and end. */
  weekdayMask: number;
  /** First date of the calendar.txt range (GTFS `YYYYMMDD`), 0 if the service has no calendar.txt row. */
  startDate: number;
  /** Last date of the calendar.txt range, 0 if none. */
  endDate: number;
  /** Dates added by calendar_dates.txt (exception_type 1). */
  added: ReadonlySet<number>;
  /** Dates removed by calendar_dates.txt (exception_type 2); removal wins. */
  removed: ReadonlySet<number>;
}

/** One frequencies.txt row, times in clock seconds of the trip's service day. */
export interface FrequencyRow {
  /** Global trip index of the template trip. */
  trip: number;
  startSeconds: number;
  endSeconds: number;
  headwaySeconds: number;
  /** exact_times = 1: departures are exactly start + k × headway. Treated the same either way (see README). */
  exactTimes: boolean;
}

/** One usable transfers.txt row (unknown stops already dropped). */
export interface TransferRow {
  fromStop: number;
  toStop: number;
  /** GTFS transfer_type 0–3. */
  type: number;
  /** min_transfer_time in seconds, undefined when empty. */
  minTransferSeconds: number | undefined;
  /** Global trip indices when the row is trip-to-trip (from_trip_id/to_trip_id), else -1. */
  fromTrip: number;
  toTrip: number;
}

/** Summary of one feed for `erreichbar import`. */
export interface FeedSummary {
  label: string;
  path: string;
  agencies: string[];
  timeZone: string;
  stops: number;
  routes: number;
  trips: number;
  stopTimes: number;
  /** First and last date (YYYY-MM-DD) on which at least one trip runs; null if none. */
  firstServiceDate: string | null;
  lastServiceDate: string | null;
  /** The validity stated in feed_info.txt (may be longer than the real service: the NASA feeds say 2027-06-04 but run until 2026-12-31). */
  feedInfoStartDate: string | null;
  feedInfoEndDate: string | null;
  cacheHit: boolean;
  cacheKey: string;
}

/** Several feeds merged, columnar. Indices are stable for the lifetime of the object. */
export interface FeedSet {
  feeds: FeedSummary[];
  /** Merged stops; index = stop index everywhere else. */
  stops: FeedStop[];
  stopIndexById: ReadonlyMap<string, number>;
  routes: {
    feed: Uint16Array;
    routeId: string[];
    shortName: string[];
    longName: string[];
    /** GTFS route_type (3 = bus, 0 = tram, …). */
    type: Int16Array;
  };
  services: ServiceCalendar[];
  trips: {
    count: number;
    feed: Uint16Array;
    tripId: string[];
    route: Int32Array;
    service: Int32Array;
    headsign: string[];
    /** CSR offsets into {@link FeedSet.stopTimes}: trip t has rows stopTimeStart[t] … stopTimeStart[t+1]-1, in stop_sequence order. */
    stopTimeStart: Int32Array;
  };
  stopTimes: {
    stop: Int32Array;
    /** Clock seconds of the trip's service day. */
    arrival: Int32Array;
    departure: Int32Array;
    /** 1 = no pickup (cannot board). */
    noPickup: Uint8Array;
    /** 1 = no drop-off (cannot alight). */
    noDropOff: Uint8Array;
  };
  frequencies: FrequencyRow[];
  transfers: TransferRow[];
  /** Time zone of the first feed's agency (all feeds must agree). */
  timeZone: string;
  /** Problems found while validating the feeds (non-fatal). */
  problems: FeedProblem[];
}

/** Options for {@link loadFeeds}. */
export interface LoadFeedsOptions {
  /** Folder of the import cache. */
  cacheDir: string;
  /** Progress messages for long imports. */
  onProgress?: (message: string) => void;
}

const DEFAULT_TIME_ZONE = 'Europe/Berlin';

/**
 * Imports (or finds in the cache) and merges feeds.
 *
 * @example
 * ```ts
 * const feeds = await loadFeeds(['../shared/data/nasa/gtfs_boerdebus_std_kn.zip'], { cacheDir: '.cache' });
 * console.log(feeds.feeds[0]?.trips); // 2850
 * ```
 */
export async function loadFeeds(paths: readonly string[], options: LoadFeedsOptions): Promise<FeedSet> {
  if (paths.length === 0) throw new UsageError('--gtfs: at least one feed (zip or folder) is needed', '--gtfs');
  const builder = new FeedSetBuilder();
  for (const feedPath of paths) {
    const source = await openFeedSource(feedPath);
    try {
      const imported = await importFeed(source, options);
      builder.addFeed(source.label, source.path, imported.sqlitePath, imported.cacheHit, imported.key, imported.validation.problems);
    } finally {
      await source.close();
    }
  }
  return builder.finish();
}

type Row = unknown[];

class FeedSetBuilder {
  private readonly feeds: FeedSummary[] = [];
  private readonly stops: FeedStop[] = [];
  private readonly stopIndexById = new Map<string, number>();
  private readonly routeFeed: number[] = [];
  private readonly routeId: string[] = [];
  private readonly routeShort: string[] = [];
  private readonly routeLong: string[] = [];
  private readonly routeType: number[] = [];
  private readonly services: ServiceCalendar[] = [];
  private readonly tripFeed: number[] = [];
  private readonly tripId: string[] = [];
  private readonly tripRoute: number[] = [];
  private readonly tripService: number[] = [];
  private readonly tripHeadsign: string[] = [];
  private readonly tripStart: number[] = [0];
  private readonly stStop: number[] = [];
  private readonly stArrival: number[] = [];
  private readonly stDeparture: number[] = [];
  private readonly stNoPickup: number[] = [];
  private readonly stNoDropOff: number[] = [];
  private readonly frequencies: FrequencyRow[] = [];
  private readonly transfers: TransferRow[] = [];
  private readonly problems: FeedProblem[] = [];
  private timeZone: string | undefined;

  addFeed(label: string, feedPath: string, sqlitePath: string, cacheHit: boolean, cacheKey: string, problems: FeedProblem[]): void {
    const feed = this.feeds.length;
    // Reading needs only SQLite itself: the gtfs package (slow to load) is used for importing.
    const db = new Database(sqlitePath, { readonly: true, fileMustExist: true });
    try {
      const all = (sql: string): Row[] => db.prepare(sql).raw(true).all() as Row[];
      const agencies = all('SELECT agency_name, agency_timezone FROM agency');
      const timeZone = String(agencies[0]?.[1] ?? DEFAULT_TIME_ZONE);
      if (this.timeZone === undefined) this.timeZone = timeZone;
      else if (this.timeZone !== timeZone) {
        throw new DataError('TIME_ZONE_MISMATCH', { file: `${label}/agency.txt`, field: 'agency_timezone', value: timeZone }, `differs from the first feed's ${this.timeZone}`);
      }
      this.problems.push(...problems);

      const stopRows = all('SELECT stop_id, stop_name, stop_lat, stop_lon FROM stops');
      for (const [id, name, lat, lon] of stopRows) {
        const stopId = String(id);
        if (this.stopIndexById.has(stopId)) continue;
        this.stopIndexById.set(stopId, this.stops.length);
        this.stops.push({ stopId, name: cleanStopName(String(name ?? stopId)), lat: Number(lat), lon: Number(lon) });
      }

      const routeIndex = new Map<string, number>();
      const routeRows = all('SELECT route_id, route_short_name, route_long_name, route_type FROM routes');
      for (const [id, shortName, longName, type] of routeRows) {
        routeIndex.set(String(id), this.routeId.length);
        this.routeFeed.push(feed);
        this.routeId.push(String(id));
        this.routeShort.push(String(shortName ?? ''));
        this.routeLong.push(String(longName ?? ''));
        this.routeType.push(Number(type ?? 3));
      }

      const serviceIndex = new Map<string, number>();
      const serviceIndexFor = (id: string): number => {
        let index = serviceIndex.get(id);
        if (index === undefined) {
          index = this.services.length;
          serviceIndex.set(id, index);
          this.services.push({ feed, serviceId: id, weekdayMask: 0, startDate: 0, endDate: 0, added: new Set(), removed: new Set() });
        }
        return index;
      };
      const serviceFor = (id: string): ServiceCalendar => this.services[serviceIndexFor(id)]!;
      for (const [id, mo, tu, we, th, fr, sa, su, start, end] of all(
        'SELECT service_id, monday, tuesday, wednesday, thursday, friday, saturday, sunday, start_date, end_date FROM calendar',
      )) {
        const service = serviceFor(String(id));
        service.weekdayMask = [mo, tu, we, th, fr, sa, su].reduce<number>((mask, flag, i) => (Number(flag) === 1 ? mask | (1 << i) : mask), 0);
        service.startDate = Number(start);
        service.endDate = Number(end);
      }
      for (const [id, date, type] of all('SELECT service_id, date, exception_type FROM calendar_dates')) {
        const service = serviceFor(String(id));
        ((Number(type) === 1 ? service.added : service.removed) as Set<number>).add(Number(date));
      }

      const tripIndex = new Map<string, number>();
      const tripRows = all('SELECT trip_id, route_id, service_id, trip_headsign FROM trips ORDER BY trip_id');
      const firstTrip = this.tripId.length;
      for (const [id, route, service, headsign] of tripRows) {
        tripIndex.set(String(id), this.tripId.length);
        this.tripFeed.push(feed);
        this.tripId.push(String(id));
        this.tripRoute.push(routeIndex.get(String(route)) ?? -1);
        this.tripService.push(serviceIndexFor(String(service)));
        this.tripHeadsign.push(String(headsign ?? ''));
      }

      // Rows come sorted by trip_id then stop_sequence, the same order as the trips above, so
      // the CSR offsets can be filled in one pass.
      const stopTimeRows = db
        .prepare(
          `SELECT trip_id, stop_id, arrival_timestamp, departure_timestamp, pickup_type, drop_off_type
           FROM stop_times ORDER BY trip_id, stop_sequence`,
        )
        .raw(true)
        .iterate() as IterableIterator<Row>;
      let current = firstTrip;
      let rowCount = 0;
      for (const [trip, stop, arrival, departure, pickup, dropOff] of stopTimeRows) {
        rowCount++;
        const t = tripIndex.get(String(trip));
        if (t === undefined) continue;
        while (current < t) {
          current++;
          this.tripStart[current] = this.stStop.length;
        }
        if (arrival === null && departure === null) continue;
        this.stStop.push(this.stopIndexById.get(String(stop)) ?? -1);
        this.stArrival.push(Number(arrival ?? departure));
        this.stDeparture.push(Number(departure ?? arrival));
        this.stNoPickup.push(Number(pickup) === 1 ? 1 : 0);
        this.stNoDropOff.push(Number(dropOff) === 1 ? 1 : 0);
      }
      while (current < this.tripId.length) {
        current++;
        this.tripStart[current] = this.stStop.length;
      }

      for (const [trip, start, end, headway, exact] of all('SELECT trip_id, start_time, end_time, headway_secs, exact_times FROM frequencies')) {
        const t = tripIndex.get(String(trip));
        const startSeconds = parseGtfsTime(String(start));
        const endSeconds = parseGtfsTime(String(end));
        if (t === undefined || startSeconds === undefined || endSeconds === undefined) continue;
        this.frequencies.push({ trip: t, startSeconds, endSeconds, headwaySeconds: Number(headway), exactTimes: Number(exact) === 1 });
      }

      for (const [from, to, type, minTime, fromTrip, toTrip] of all(
        // Route-scoped rows (from_route_id/to_route_id) are not modelled, like trip-scoped ones.
        `SELECT from_stop_id, to_stop_id, transfer_type, min_transfer_time, from_trip_id, to_trip_id FROM transfers
         WHERE (from_route_id IS NULL OR from_route_id = '') AND (to_route_id IS NULL OR to_route_id = '')`,
      )) {
        const fromStop = this.stopIndexById.get(String(from));
        const toStop = this.stopIndexById.get(String(to));
        const transferType = Number(type ?? 0);
        if (fromStop === undefined || toStop === undefined || transferType > 3) continue;
        this.transfers.push({
          fromStop,
          toStop,
          type: transferType,
          minTransferSeconds: minTime === null || minTime === undefined || minTime === '' ? undefined : Number(minTime),
          fromTrip: fromTrip ? (tripIndex.get(String(fromTrip)) ?? -1) : -1,
          toTrip: toTrip ? (tripIndex.get(String(toTrip)) ?? -1) : -1,
        });
      }

      const feedInfo = all('SELECT feed_start_date, feed_end_date FROM feed_info')[0];
      const range = this.serviceRange(feed, firstTrip);
      this.feeds.push({
        label,
        path: feedPath,
        agencies: agencies.map((row) => String(row[0])),
        timeZone,
        stops: stopRows.length,
        routes: routeRows.length,
        trips: tripRows.length,
        stopTimes: rowCount,
        firstServiceDate: range ? isoFromGtfs(range.first) : null,
        lastServiceDate: range ? isoFromGtfs(range.last) : null,
        feedInfoStartDate: feedInfo?.[0] ? isoFromGtfs(Number(feedInfo[0])) : null,
        feedInfoEndDate: feedInfo?.[1] ? isoFromGtfs(Number(feedInfo[1])) : null,
        cacheHit,
        cacheKey,
      });
    } finally {
      db.close();
    }
  }

  /** First and last date on which a trip of this feed runs. */
  private serviceRange(feed: number, firstTrip: number): { first: number; last: number } | undefined {
    const used = new Set<number>();
    for (let t = firstTrip; t < this.tripId.length; t++) used.add(this.tripService[t]!);
    let first = Infinity;
    let last = -Infinity;
    for (const index of used) {
      const service = this.services[index];
      if (!service || service.feed !== feed) continue;
      for (const date of serviceDates(service)) {
        if (date < first) first = date;
        if (date > last) last = date;
      }
    }
    return Number.isFinite(first) ? { first, last } : undefined;
  }

  finish(): FeedSet {
    return {
      feeds: this.feeds,
      stops: this.stops,
      stopIndexById: this.stopIndexById,
      routes: {
        feed: Uint16Array.from(this.routeFeed),
        routeId: this.routeId,
        shortName: this.routeShort,
        longName: this.routeLong,
        type: Int16Array.from(this.routeType),
      },
      services: this.services,
      trips: {
        count: this.tripId.length,
        feed: Uint16Array.from(this.tripFeed),
        tripId: this.tripId,
        route: Int32Array.from(this.tripRoute),
        service: Int32Array.from(this.tripService),
        headsign: this.tripHeadsign,
        stopTimeStart: Int32Array.from(this.tripStart),
      },
      stopTimes: {
        stop: Int32Array.from(this.stStop),
        arrival: Int32Array.from(this.stArrival),
        departure: Int32Array.from(this.stDeparture),
        noPickup: Uint8Array.from(this.stNoPickup),
        noDropOff: Uint8Array.from(this.stNoDropOff),
      },
      frequencies: this.frequencies,
      transfers: this.transfers,
      timeZone: this.timeZone ?? DEFAULT_TIME_ZONE,
      problems: this.problems,
    };
  }
}

/** True if the service runs on the GTFS date. */
export function isServiceActive(service: ServiceCalendar, gtfsDate: number): boolean {
  if (service.removed.has(gtfsDate)) return false;
  if (service.added.has(gtfsDate)) return true;
  if (service.startDate === 0 || gtfsDate < service.startDate || gtfsDate > service.endDate) return false;
  return (service.weekdayMask & (1 << (isoWeekday(gtfsDate) - 1))) !== 0;
}

/** All dates on which the service runs, ascending. */
export function serviceDates(service: ServiceCalendar): number[] {
  const dates = new Set<number>();
  if (service.startDate !== 0 && service.weekdayMask !== 0) {
    for (let date = service.startDate; date <= service.endDate; date = addDays(date, 1)) {
      if (isServiceActive(service, date)) dates.add(date);
    }
  }
  for (const date of service.added) if (!service.removed.has(date)) dates.add(date);
  return [...dates].sort((a, b) => a - b);
}

function isoFromGtfs(date: number): string {
  const text = String(date);
  return `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`;
}

/** Removes feed artefacts from stop names: `[INSA-Version 20250312]`, doubled spaces. */
export function cleanStopName(name: string): string {
  return name.replace(/\s*\[INSA-Version[^\]]*\]/gi, '').replace(/\s+/g, ' ').trim();
}
