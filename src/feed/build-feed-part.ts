/**
 * Builds the router's columnar {@link FeedPart} of one feed straight from what the streaming
 * validation collected, so the router never waits for (or reads back) the SQLite import. The
 * part equals, array for array, the one `read-feed-part.ts` reads from the feed's SQLite
 * database: stops, routes, agencies, frequencies and transfers in file order; services in the
 * order calendar.txt, calendar_dates.txt, then trips; trips sorted by trip_id in SQLite's
 * (binary, UTF-8 byte) order; each trip's stop times by stop_sequence. A test holds both
 * readings equal on the real feeds.
 *
 * Memory: stop times arrive as typed-array columns (about 25 bytes a row) and leave as the
 * part's typed arrays (14 bytes a row); no row is ever a JS object.
 *
 * Limits: at most 2^31 − 1 stop times and trips (Int32 indices).
 */
import type { FeedPart, PartService } from './read-feed-part.js';

/** Growable Int32 columns of stop_times.txt rows, in file order. */
export class StopTimeColumns {
  /** Rows held. */
  length = 0;
  /** File-order trip index per row. */
  trip = new Int32Array(1024);
  /** File-order stop index per row. */
  stop = new Int32Array(1024);
  /** stop_sequence per row. */
  sequence = new Int32Array(1024);
  /** Clock seconds, -1 when empty. */
  arrival = new Int32Array(1024);
  /** Clock seconds, -1 when empty. */
  departure = new Int32Array(1024);
  /** Physical line of the row in stop_times.txt (1-based, header = 1). */
  line = new Uint32Array(1024);
  /** Bit 0: pickup_type 1 (no pickup); bit 1: drop_off_type 1 (no drop-off). */
  flags = new Uint8Array(1024);

  /** Appends one row. */
  push(trip: number, stop: number, sequence: number, arrival: number, departure: number, line: number, flags: number): void {
    if (this.length === this.trip.length) this.grow();
    const i = this.length++;
    this.trip[i] = trip;
    this.stop[i] = stop;
    this.sequence[i] = sequence;
    this.arrival[i] = arrival;
    this.departure[i] = departure;
    this.line[i] = line;
    this.flags[i] = flags;
  }

  private grow(): void {
    // ×1.5, not ×2: at 35 M rows the copy made while growing is the peak of the whole import.
    const size = Math.ceil(this.trip.length * 1.5);
    const copy = <T extends Int32Array | Uint32Array | Uint8Array>(from: T, make: (n: number) => T): T => {
      const to = make(size);
      to.set(from);
      return to;
    };
    this.trip = copy(this.trip, (n) => new Int32Array(n));
    this.stop = copy(this.stop, (n) => new Int32Array(n));
    this.sequence = copy(this.sequence, (n) => new Int32Array(n));
    this.arrival = copy(this.arrival, (n) => new Int32Array(n));
    this.departure = copy(this.departure, (n) => new Int32Array(n));
    this.line = copy(this.line, (n) => new Uint32Array(n));
    this.flags = copy(this.flags, (n) => new Uint8Array(n));
  }
}

/**
 * The row indices of each trip's stop times in stop_sequence order (CSR over file-order trips):
 * trip t has rows `rows[start[t]] … rows[start[t+1]-1]`. Rows with the same stop_sequence keep
 * their file order (the validation names the later one as the duplicate).
 */
export function groupStopTimesByTrip(columns: StopTimeColumns, tripCount: number): { start: Int32Array; rows: Int32Array } {
  const start = new Int32Array(tripCount + 1);
  for (let i = 0; i < columns.length; i++) start[columns.trip[i]! + 1]!++;
  for (let t = 0; t < tripCount; t++) start[t + 1]! += start[t]!;
  const next = start.slice(0, tripCount);
  const rows = new Int32Array(columns.length);
  for (let i = 0; i < columns.length; i++) rows[next[columns.trip[i]!]!++] = i;
  const sequence = columns.sequence;
  for (let t = 0; t < tripCount; t++) {
    // Insertion sort: stable, and linear for the usual file already in stop_sequence order.
    for (let i = start[t]! + 1; i < start[t + 1]!; i++) {
      const row = rows[i]!;
      const key = sequence[row]!;
      let j = i - 1;
      while (j >= start[t]! && sequence[rows[j]!]! > key) {
        rows[j + 1] = rows[j]!;
        j--;
      }
      rows[j + 1] = row;
    }
  }
  return { start, rows };
}

/** A service as the validation collected it (calendar.txt row and calendar_dates.txt exceptions). */
export type CollectedService = PartService;

/** What the streaming validation keeps of a feed for the router. Trip indices are file order. */
export interface CollectedFeed {
  agencyNames: string[];
  agencyTimeZones: string[];
  stopId: string[];
  stopName: string[];
  stopLat: number[];
  stopLon: number[];
  routeId: string[];
  routeShort: string[];
  routeLong: string[];
  routeType: number[];
  /** Services of calendar.txt and calendar_dates.txt, in the order first met. */
  services: CollectedService[];
  tripId: string[];
  tripRoute: Int32Array;
  /** Index into {@link services}, or -1 − k for the k-th service_id known from trips.txt only. */
  tripService: Int32Array;
  /** The service_ids known only from trips.txt (UNKNOWN_SERVICE), by k. */
  tripOnlyServices: string[];
  tripHeadsign: string[];
  /** 1 = trip dropped (runs backwards): it is in neither the part nor the database. */
  dropped: Uint8Array;
  stopTimes: StopTimeColumns;
  /** {@link groupStopTimesByTrip} of the stop times. */
  grouped: { start: Int32Array; rows: Int32Array };
  frequencies: { trip: number; startSeconds: number; endSeconds: number; headwaySeconds: number; exactTimes: boolean }[];
  transfers: { fromStop: number; toStop: number; type: number; minTransferSeconds: number | undefined; fromTrip: number; toTrip: number }[];
  feedInfoStartDate: number | null;
  feedInfoEndDate: number | null;
}

/** Builds the part (see the module comment for the order it must have). */
export function buildFeedPart(feed: CollectedFeed): FeedPart {
  const tripCount = feed.tripId.length;
  const kept: number[] = [];
  for (let t = 0; t < tripCount; t++) if (feed.dropped[t] === 0) kept.push(t);
  const ids = feed.tripId;
  const plain = kept.every((t) => !/[\uD800-\uDFFF]/.test(ids[t]!));
  // UTF-16 order equals SQLite's UTF-8 byte order unless a string has surrogate pairs.
  kept.sort(plain ? (a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0) : (a, b) => Buffer.compare(Buffer.from(ids[a]!), Buffer.from(ids[b]!)));
  const sortedIndex = new Int32Array(tripCount).fill(-1);
  kept.forEach((t, i) => (sortedIndex[t] = i));

  const services = feed.services.map((service) => ({ ...service, added: [...service.added], removed: [...service.removed] }));
  const tripOnly = new Int32Array(feed.tripOnlyServices.length).fill(-1);
  const tripService = new Int32Array(kept.length);
  kept.forEach((t, i) => {
    const service = feed.tripService[t]!;
    if (service >= 0) {
      tripService[i] = service;
      return;
    }
    const k = -1 - service;
    if (tripOnly[k] === -1) {
      tripOnly[k] = services.length;
      services.push({ serviceId: feed.tripOnlyServices[k]!, weekdayMask: 0, startDate: 0, endDate: 0, added: [], removed: [] });
    }
    tripService[i] = tripOnly[k]!;
  });

  // Rows without any time are counted (stopTimeRows) but never routed.
  const { stopTimes, grouped } = feed;
  let routed = 0;
  let rowsOfKeptTrips = 0;
  for (const t of kept) {
    for (let i = grouped.start[t]!; i < grouped.start[t + 1]!; i++) {
      const row = grouped.rows[i]!;
      rowsOfKeptTrips++;
      if (stopTimes.arrival[row]! >= 0 || stopTimes.departure[row]! >= 0) routed++;
    }
  }
  const tripStopTimeStart = new Int32Array(kept.length + 1);
  const stStop = new Int32Array(routed);
  const stArrival = new Int32Array(routed);
  const stDeparture = new Int32Array(routed);
  const stNoPickup = new Uint8Array(routed);
  const stNoDropOff = new Uint8Array(routed);
  let n = 0;
  kept.forEach((t, i) => {
    for (let k = grouped.start[t]!; k < grouped.start[t + 1]!; k++) {
      const row = grouped.rows[k]!;
      const arrival = stopTimes.arrival[row]!;
      const departure = stopTimes.departure[row]!;
      if (arrival < 0 && departure < 0) continue;
      stStop[n] = stopTimes.stop[row]!;
      stArrival[n] = arrival >= 0 ? arrival : departure;
      stDeparture[n] = departure >= 0 ? departure : arrival;
      stNoPickup[n] = stopTimes.flags[row]! & 1;
      stNoDropOff[n] = (stopTimes.flags[row]! >> 1) & 1;
      n++;
    }
    tripStopTimeStart[i + 1] = n;
  });

  const trip = (t: number): number => (t < 0 ? -1 : sortedIndex[t]!);
  return {
    agencies: feed.agencyNames,
    timeZone: feed.agencyTimeZones[0] ?? 'Europe/Berlin',
    feedInfoStartDate: feed.feedInfoStartDate,
    feedInfoEndDate: feed.feedInfoEndDate,
    stopId: feed.stopId,
    stopName: feed.stopName,
    stopLat: Float64Array.from(feed.stopLat),
    stopLon: Float64Array.from(feed.stopLon),
    routeId: feed.routeId,
    routeShort: feed.routeShort,
    routeLong: feed.routeLong,
    routeType: Int16Array.from(feed.routeType),
    services,
    tripId: kept.map((t) => ids[t]!),
    tripRoute: Int32Array.from(kept, (t) => feed.tripRoute[t]!),
    tripService,
    tripHeadsign: kept.map((t) => feed.tripHeadsign[t]!),
    tripStopTimeStart,
    stStop,
    stArrival,
    stDeparture,
    stNoPickup,
    stNoDropOff,
    stopTimeRows: rowsOfKeptTrips,
    // Dropped trips left frequencies.txt; a transfer naming one names no trip (-1).
    frequencies: feed.frequencies.filter((row) => feed.dropped[row.trip] === 0).map((row) => ({ ...row, trip: trip(row.trip) })),
    transfers: feed.transfers.map((row) => ({ ...row, fromTrip: trip(row.fromTrip), toTrip: trip(row.toTrip) })),
  };
}
