/**
 * Opens one or more GTFS feeds (zip or folder), imports each into the cache (or finds it there:
 * the router's binary snapshot built by the streaming validation, and the `gtfs` package's SQLite
 * database, see `import-feed.ts`), and merges them into one columnar, in-memory {@link FeedSet}:
 * the input of every timetable. Stop times stay typed arrays all the way (no object per row).
 *
 * Merging: stops with the same `stop_id` are one stop (the NASA feeds share DHIDs); every other
 * id — trips, routes, services — stays scoped to its feed, because BördeBus and MVB both use
 * `service_id` 1…39 with different meanings.
 */
import { DataError, UsageError, type UserText } from '../errors.js';
import { addDays, isoWeekday } from '../time/clock.js';
import { CacheCorruptError, readFeedPart, snapshotPathFor, type FeedPart } from './read-feed-part.js';
import { feedSetSnapshotPath, readFeedSetSnapshot, writeFeedSetSnapshot } from './feed-set-snapshot.js';
import { useTimetableCache } from '../timetable/timetable-cache.js';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { ImportFeedOptions } from './import-feed.js';
import type { FeedStop } from './types.js';
import type { FeedProblem } from './validate-feed.js';
import { DEFAULT_FEED_LIMITS, type FeedLimits } from './feed-limits.js';

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

/**
 * Several feeds merged, columnar. Indices are stable for the lifetime of the object. Read only:
 * a feed set loaded from the cache has its typed arrays as views on one buffer (the file's), so
 * an array's `buffer` holds more than that array and must not be transferred or detached.
 */
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
  /** One line per damaged cache file that was discarded (the feed is then imported again). */
  onWarning?: (message: UserText) => void;
  /** Size limits for reading a feed (default {@link DEFAULT_FEED_LIMITS}). */
  limits?: FeedLimits;
  /** The queryable SQLite database of a feed imported now: see {@link ImportFeedOptions.sqlite} (default `write`). */
  sqlite?: ImportFeedOptions['sqlite'];
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
  if (paths.length === 0) throw new UsageError({ de: '--gtfs: mindestens ein Fahrplan (Zip oder Ordner) ist nötig', en: '--gtfs: at least one feed (zip or folder) is needed' }, '--gtfs');
  // The same feeds as last time: one file instead of opening, hashing and merging every feed.
  const setSnapshot = await feedSetSnapshotPath(paths, options.cacheDir);
  if (setSnapshot) {
    const stored = await readFeedSetSnapshot(setSnapshot, options.onWarning);
    // `complete`: a feed whose entry was imported without its database gets it now.
    const complete = async (feeds: FeedSet): Promise<boolean> => {
      for (const feed of feeds.feeds) if (!(await exists(path.join(options.cacheDir, `${feed.cacheKey}.sqlite`)))) return false;
      return true;
    };
    if (stored && (options.sqlite !== 'complete' || (await complete(stored)))) return useTimetableCache(stored, options.cacheDir, options.onWarning);
  }
  // Loaded only when the feeds are not in the snapshot: opening zips needs node-stream-zip, the
  // importer SQLite and the CSV reader.
  const { openFeedSource } = await import('./feed-source.js');
  const { importFeed } = await import('./import-feed.js');
  const builder = new FeedSetBuilder();
  const cacheFiles: string[] = [];
  for (const feedPath of paths) {
    const source = await openFeedSource(feedPath, options.limits ?? DEFAULT_FEED_LIMITS);
    try {
      let imported = await importFeed(source, { ...options, nameFeed: paths.length > 1 });
      let part: FeedPart;
      try {
        part = imported.part ?? (await readFeedPart(imported.sqlitePath, options));
      } catch (error) {
        if (!(error instanceof CacheCorruptError)) throw error;
        options.onWarning?.({ de: `${error.message} – wird verworfen und neu importiert`, en: `${error.messageEn} – discarded and imported again` });
        imported = await importFeed(source, { ...options, nameFeed: paths.length > 1, discardCached: true });
        part = await readFeedPart(imported.sqlitePath, options);
      }
      builder.addFeed(source.label, source.path, part, imported.cacheHit, imported.key, imported.validation.problems);
      cacheFiles.push(snapshotPathFor(imported.sqlitePath));
      if (await exists(imported.sqlitePath)) cacheFiles.push(imported.sqlitePath);
    } finally {
      await source.close();
    }
  }
  const feeds = builder.finish();
  if (setSnapshot) await writeFeedSetSnapshot(setSnapshot, feeds, cacheFiles);
  return useTimetableCache(feeds, options.cacheDir, options.onWarning);
}

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
  /** Parts whose stop times are copied into the merged typed arrays by {@link finish}, with their stop index map. */
  private readonly stopTimeParts: { part: FeedPart; stopMap: Int32Array }[] = [];
  private readonly frequencies: FrequencyRow[] = [];
  private readonly transfers: TransferRow[] = [];
  private readonly problems: FeedProblem[] = [];
  private timeZone: string | undefined;

  /** Adds one feed: its stops merge by stop_id, every other id gets indices of its own. */
  addFeed(label: string, feedPath: string, part: FeedPart, cacheHit: boolean, cacheKey: string, problems: FeedProblem[]): void {
    const feed = this.feeds.length;
    if (this.timeZone === undefined) this.timeZone = part.timeZone;
    else if (this.timeZone !== part.timeZone) {
      throw new DataError('TIME_ZONE_MISMATCH', { file: `${label}/agency.txt`, field: 'agency_timezone', value: part.timeZone }, { de: `weicht von der des ersten Fahrplans ab (${this.timeZone})`, en: `differs from the first feed's ${this.timeZone}` });
    }
    this.problems.push(...problems);

    const stopMap = new Int32Array(part.stopId.length);
    for (let i = 0; i < part.stopId.length; i++) {
      const stopId = part.stopId[i]!;
      let index = this.stopIndexById.get(stopId);
      if (index === undefined) {
        index = this.stops.length;
        this.stopIndexById.set(stopId, index);
        this.stops.push({ stopId, name: cleanStopName(part.stopName[i]!), lat: part.stopLat[i]!, lon: part.stopLon[i]! });
      }
      stopMap[i] = index;
    }

    const routeBase = this.routeId.length;
    part.routeId.forEach((id, i) => {
      this.routeFeed.push(feed);
      this.routeId.push(id);
      this.routeShort.push(part.routeShort[i]!);
      this.routeLong.push(part.routeLong[i]!);
      this.routeType.push(part.routeType[i]!);
    });

    const serviceBase = this.services.length;
    for (const service of part.services) {
      this.services.push({
        feed,
        serviceId: service.serviceId,
        weekdayMask: service.weekdayMask,
        startDate: service.startDate,
        endDate: service.endDate,
        added: new Set(service.added),
        removed: new Set(service.removed),
      });
    }

    const tripBase = this.tripId.length;
    for (let t = 0; t < part.tripId.length; t++) {
      this.tripFeed.push(feed);
      this.tripId.push(part.tripId[t]!);
      this.tripRoute.push(part.tripRoute[t]! === -1 ? -1 : routeBase + part.tripRoute[t]!);
      this.tripService.push(serviceBase + part.tripService[t]!);
      this.tripHeadsign.push(part.tripHeadsign[t]!);
    }
    // Stop times are copied once, into typed arrays of the final size, by finish().
    this.stopTimeParts.push({ part, stopMap });
    for (const row of part.frequencies) this.frequencies.push({ ...row, trip: tripBase + row.trip });
    for (const row of part.transfers) {
      this.transfers.push({
        ...row,
        fromStop: stopMap[row.fromStop]!,
        toStop: stopMap[row.toStop]!,
        fromTrip: row.fromTrip === -1 ? -1 : tripBase + row.fromTrip,
        toTrip: row.toTrip === -1 ? -1 : tripBase + row.toTrip,
      });
    }

    const range = this.serviceRange(feed, tripBase);
    this.feeds.push({
      label,
      path: feedPath,
      agencies: part.agencies,
      timeZone: part.timeZone,
      stops: part.stopId.length,
      routes: part.routeId.length,
      trips: part.tripId.length,
      stopTimes: part.stopTimeRows,
      firstServiceDate: range ? isoFromGtfs(range.first) : null,
      lastServiceDate: range ? isoFromGtfs(range.last) : null,
      feedInfoStartDate: part.feedInfoStartDate ? isoFromGtfs(part.feedInfoStartDate) : null,
      feedInfoEndDate: part.feedInfoEndDate ? isoFromGtfs(part.feedInfoEndDate) : null,
      cacheHit,
      cacheKey,
    });
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
      const bounds = serviceBounds(service);
      if (!bounds) continue;
      if (bounds.first < first) first = bounds.first;
      if (bounds.last > last) last = bounds.last;
    }
    return Number.isFinite(first) ? { first, last } : undefined;
  }

  /** The merged stop times: one typed array per column, filled part by part (stop indices mapped to the merged stops). */
  private mergeStopTimes(): { tripStart: Int32Array; stop: Int32Array; arrival: Int32Array; departure: Int32Array; noPickup: Uint8Array; noDropOff: Uint8Array } {
    let rows = 0;
    for (const { part } of this.stopTimeParts) rows += part.stStop.length;
    const tripStart = new Int32Array(this.tripId.length + 1);
    const stop = new Int32Array(rows);
    const arrival = new Int32Array(rows);
    const departure = new Int32Array(rows);
    const noPickup = new Uint8Array(rows);
    const noDropOff = new Uint8Array(rows);
    let rowBase = 0;
    let tripBase = 0;
    for (const { part, stopMap } of this.stopTimeParts) {
      const count = part.stStop.length;
      const trips = part.tripId.length;
      for (let t = 1; t <= trips; t++) tripStart[tripBase + t] = rowBase + part.tripStopTimeStart[t]!;
      for (let i = 0; i < count; i++) {
        const local = part.stStop[i]!;
        stop[rowBase + i] = local === -1 ? -1 : stopMap[local]!;
      }
      arrival.set(part.stArrival.subarray(0, count), rowBase);
      departure.set(part.stDeparture.subarray(0, count), rowBase);
      noPickup.set(part.stNoPickup.subarray(0, count), rowBase);
      noDropOff.set(part.stNoDropOff.subarray(0, count), rowBase);
      rowBase += count;
      tripBase += trips;
    }
    return { tripStart, stop, arrival, departure, noPickup, noDropOff };
  }

  finish(): FeedSet {
    const stopTimes = this.mergeStopTimes();
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
        stopTimeStart: stopTimes.tripStart,
      },
      stopTimes: {
        stop: stopTimes.stop,
        arrival: stopTimes.arrival,
        departure: stopTimes.departure,
        noPickup: stopTimes.noPickup,
        noDropOff: stopTimes.noDropOff,
      },
      frequencies: this.frequencies,
      transfers: this.transfers,
      timeZone: this.timeZone ?? DEFAULT_TIME_ZONE,
      problems: this.problems,
    };
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** True if the service runs on the GTFS date. */
export function isServiceActive(service: ServiceCalendar, gtfsDate: number): boolean {
  if (service.removed.has(gtfsDate)) return false;
  if (service.added.has(gtfsDate)) return true;
  if (service.startDate === 0 || gtfsDate < service.startDate || gtfsDate > service.endDate) return false;
  return (service.weekdayMask & (1 << (isoWeekday(gtfsDate) - 1))) !== 0;
}

/**
 * First and last date on which the service runs, without listing every date: from each end of
 * the calendar.txt range at most a week (plus removed dates) is tried, then the added dates.
 */
export function serviceBounds(service: ServiceCalendar): { first: number; last: number } | undefined {
  let first = Infinity;
  let last = -Infinity;
  if (service.startDate !== 0 && service.weekdayMask !== 0) {
    for (let date = service.startDate; date <= service.endDate; date = addDays(date, 1)) {
      if (isServiceActive(service, date)) {
        first = date;
        break;
      }
    }
    for (let date = service.endDate; date >= service.startDate && date > first - 1; date = addDays(date, -1)) {
      if (isServiceActive(service, date)) {
        last = date;
        break;
      }
    }
  }
  for (const date of service.added) {
    if (service.removed.has(date)) continue;
    if (date < first) first = date;
    if (date > last) last = date;
  }
  return Number.isFinite(first) ? { first, last } : undefined;
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
