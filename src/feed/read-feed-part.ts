/**
 * One imported feed read back from its SQLite cache into columnar arrays with feed-local
 * indices (a "part"), and a binary snapshot of that part beside the database, so a cache hit
 * costs one file read instead of a few hundred thousand SQLite rows. The snapshot is derived
 * from the database, written atomically, and ignored when its format version differs.
 *
 * Integrity: the snapshot carries a SHA-256 of its payload, checked on every read; a snapshot
 * that does not match is discarded (and reported) and rebuilt from the database. The database
 * itself is checked (`PRAGMA quick_check` and the tables read) whenever it is read, i.e. only
 * when there is no valid snapshot. A database that fails throws {@link CacheCorruptError}; the
 * caller discards the cache entry and imports the feed again.
 */
import { createHash, randomUUID } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { deserialize, serialize } from 'node:v8';
import type Database from 'better-sqlite3';
import { ErreichbarError, type UserText } from '../errors.js';
import { parseGtfsTime } from '../time/clock.js';
import { damagedCacheFile } from './cache-file.js';

/**
 * Bumped when the layout of {@link FeedPart} or of the snapshot file changes. It is part of the
 * snapshot's file name (`<key>.v2.part`), so processes with another format never read it.
 */
export const SNAPSHOT_VERSION = 2;

/** First bytes of a snapshot file; followed by the SHA-256 of the payload (32 bytes) and the payload (v8-serialized). */
const SNAPSHOT_MAGIC = Buffer.from(`ERBSNAP${SNAPSHOT_VERSION}`, 'latin1');
const HASH_BYTES = 32;

/** A cache file (SQLite database) that cannot be read as it should: the caller re-imports. */
export class CacheCorruptError extends ErreichbarError {
  /** The damaged file. */
  readonly file: string;

  constructor(file: string, reason: string, options?: { cause?: unknown }) {
    super('CACHE_CORRUPT', { de: `Cache-Datei ${file} ist beschädigt (${reason})`, en: `cache file ${file} is damaged (${reason})` }, options);
    this.name = 'CacheCorruptError';
    this.file = file;
  }
}

/** Options for {@link readFeedPart}. */
export interface ReadFeedPartOptions {
  /** Receives one line when a damaged snapshot was discarded. */
  onWarning?: (message: UserText) => void;
}

/** The snapshot file that belongs to a cache database. */
export function snapshotPathFor(sqlitePath: string): string {
  return `${sqlitePath.replace(/\.sqlite$/, '')}.v${SNAPSHOT_VERSION}.part`;
}

/** Packs a part into snapshot bytes: magic, SHA-256 of the payload, payload. */
export function encodeSnapshot(part: FeedPart): Buffer {
  const payload = serialize(part);
  return Buffer.concat([SNAPSHOT_MAGIC, createHash('sha256').update(payload).digest(), payload]);
}

/** Unpacks snapshot bytes; undefined if the magic or the checksum does not match. */
export function decodeSnapshot(bytes: Buffer): FeedPart | undefined {
  const head = SNAPSHOT_MAGIC.length;
  if (bytes.length < head + HASH_BYTES || !bytes.subarray(0, head).equals(SNAPSHOT_MAGIC)) return undefined;
  const payload = bytes.subarray(head + HASH_BYTES);
  const expected = bytes.subarray(head, head + HASH_BYTES);
  if (!createHash('sha256').update(payload).digest().equals(expected)) return undefined;
  try {
    return deserialize(payload) as FeedPart;
  } catch {
    return undefined;
  }
}

/** A service of one feed (calendar row and exceptions). */
export interface PartService {
  serviceId: string;
  weekdayMask: number;
  startDate: number;
  endDate: number;
  added: number[];
  removed: number[];
}

/** One feed, columnar, with indices local to the feed. */
export interface FeedPart {
  agencies: string[];
  timeZone: string;
  feedInfoStartDate: number | null;
  feedInfoEndDate: number | null;
  stopId: string[];
  stopName: string[];
  stopLat: Float64Array;
  stopLon: Float64Array;
  routeId: string[];
  routeShort: string[];
  routeLong: string[];
  routeType: Int16Array;
  services: PartService[];
  tripId: string[];
  tripRoute: Int32Array;
  tripService: Int32Array;
  tripHeadsign: string[];
  /** CSR offsets of each trip's stop times (trips sorted by trip_id, rows by stop_sequence). */
  tripStopTimeStart: Int32Array;
  /** Local stop index per stop time. */
  stStop: Int32Array;
  stArrival: Int32Array;
  stDeparture: Int32Array;
  stNoPickup: Uint8Array;
  stNoDropOff: Uint8Array;
  /** stop_times rows in the feed (including rows without times, which are skipped). */
  stopTimeRows: number;
  frequencies: { trip: number; startSeconds: number; endSeconds: number; headwaySeconds: number; exactTimes: boolean }[];
  transfers: { fromStop: number; toStop: number; type: number; minTransferSeconds: number | undefined; fromTrip: number; toTrip: number }[];
}

type Row = unknown[];

/** Reads a feed part from the snapshot beside `sqlitePath`, or from the database (then writes the snapshot). */
export async function readFeedPart(sqlitePath: string, options: ReadFeedPartOptions = {}): Promise<FeedPart> {
  const snapshotPath = snapshotPathFor(sqlitePath);
  let bytes: Buffer | undefined;
  try {
    bytes = await readFile(snapshotPath);
  } catch {
    // No snapshot yet: read the database.
  }
  if (bytes) {
    const stored = decodeSnapshot(bytes);
    if (stored) return stored;
    options.onWarning?.(damagedCacheFile(snapshotPath));
    await rm(snapshotPath, { force: true }).catch(() => undefined);
  }
  // SQLite is loaded only here: a snapshot hit does not need it.
  const { default: SqliteDatabase } = await import('better-sqlite3');
  const part = readFromDatabase(sqlitePath, SqliteDatabase);
  // A read-only cache still works, only slower.
  await writeFeedPartSnapshot(sqlitePath, part).catch(() => undefined);
  return part;
}

/**
 * Writes the snapshot of a part beside `sqlitePath` (which need not exist: a feed imported
 * without its database has only the snapshot), atomically: under a temporary name, then renamed.
 * Rejects when the cache folder cannot be written.
 */
export async function writeFeedPartSnapshot(sqlitePath: string, part: FeedPart): Promise<void> {
  const snapshotPath = snapshotPathFor(sqlitePath);
  const partial = `${snapshotPath}.partial-${process.pid}-${randomUUID()}`;
  try {
    await writeSnapshotFile(partial, part);
    await rename(partial, snapshotPath);
  } catch (error) {
    await rm(partial, { force: true }).catch(() => undefined);
    throw error;
  }
}

/** Writes magic, checksum and payload without concatenating them (the payload may be half a gigabyte). */
async function writeSnapshotFile(file: string, part: FeedPart): Promise<void> {
  const payload = serialize(part);
  const handle = await open(file, 'w');
  try {
    for (const piece of [SNAPSHOT_MAGIC, createHash('sha256').update(payload).digest(), payload]) await handle.writeFile(piece);
  } finally {
    await handle.close();
  }
}

/** The tables read below; a database without one of them is not a complete import. */
const EXPECTED_TABLES = ['agency', 'stops', 'routes', 'calendar', 'calendar_dates', 'trips', 'stop_times', 'frequencies', 'transfers', 'feed_info'];

function readFromDatabase(sqlitePath: string, SqliteDatabase: typeof Database): FeedPart {
  // Reading needs only SQLite itself: the gtfs package (slow to load) is used for importing.
  let db: Database.Database;
  try {
    db = new SqliteDatabase(sqlitePath, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new CacheCorruptError(sqlitePath, firstLine(error), { cause: error });
  }
  try {
    checkDatabase(db, sqlitePath);
    return readTables(db);
  } catch (error) {
    if (error instanceof CacheCorruptError) throw error;
    throw new CacheCorruptError(sqlitePath, firstLine(error), { cause: error });
  } finally {
    db.close();
  }
}

/** Cheap structural check: SQLite's own quick_check and the tables this reader needs. */
function checkDatabase(db: Database.Database, sqlitePath: string): void {
  const result = db.prepare('PRAGMA quick_check(1)').pluck().get();
  if (result !== 'ok') throw new CacheCorruptError(sqlitePath, `quick_check: ${String(result)}`);
  const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
  const missing = EXPECTED_TABLES.filter((name) => !tables.has(name));
  if (missing.length > 0) throw new CacheCorruptError(sqlitePath, `Tabelle ${missing.join(', ')} fehlt`);
}

function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error).split('\n')[0] ?? 'unknown error';
}

function readTables(db: Database.Database): FeedPart {
  {
    const all = (sql: string): Row[] => db.prepare(sql).raw(true).all() as Row[];
    const agencies = all('SELECT agency_name, agency_timezone FROM agency');

    const stops = all('SELECT stop_id, stop_name, stop_lat, stop_lon FROM stops');
    const stopIndex = new Map<string, number>();
    stops.forEach(([id], i) => stopIndex.set(String(id), i));

    const routes = all('SELECT route_id, route_short_name, route_long_name, route_type FROM routes');
    const routeIndex = new Map<string, number>();
    routes.forEach(([id], i) => routeIndex.set(String(id), i));

    const services: PartService[] = [];
    const serviceIndex = new Map<string, number>();
    const serviceFor = (id: string): number => {
      let index = serviceIndex.get(id);
      if (index === undefined) {
        index = services.length;
        serviceIndex.set(id, index);
        services.push({ serviceId: id, weekdayMask: 0, startDate: 0, endDate: 0, added: [], removed: [] });
      }
      return index;
    };
    for (const [id, mo, tu, we, th, fr, sa, su, start, end] of all(
      'SELECT service_id, monday, tuesday, wednesday, thursday, friday, saturday, sunday, start_date, end_date FROM calendar',
    )) {
      const service = services[serviceFor(String(id))]!;
      service.weekdayMask = [mo, tu, we, th, fr, sa, su].reduce<number>((mask, flag, i) => (Number(flag) === 1 ? mask | (1 << i) : mask), 0);
      service.startDate = Number(start);
      service.endDate = Number(end);
    }
    for (const [id, date, type] of all('SELECT service_id, date, exception_type FROM calendar_dates')) {
      const service = services[serviceFor(String(id))]!;
      (Number(type) === 1 ? service.added : service.removed).push(Number(date));
    }

    const trips = all('SELECT trip_id, route_id, service_id, trip_headsign FROM trips ORDER BY trip_id');
    const tripIndex = new Map<string, number>();
    trips.forEach(([id], i) => tripIndex.set(String(id), i));
    const tripService = Int32Array.from(trips, ([, , service]) => serviceFor(String(service)));

    // Rows come sorted by trip_id then stop_sequence, the order of the trips above, so the CSR
    // offsets fill in one pass; typed arrays of the row count, never a JS value per row.
    const rowCount = Number(db.prepare('SELECT count(*) FROM stop_times').pluck().get());
    const stopTimeStart = new Int32Array(trips.length + 1);
    const stStop = new Int32Array(rowCount);
    const stArrival = new Int32Array(rowCount);
    const stDeparture = new Int32Array(rowCount);
    const stNoPickup = new Uint8Array(rowCount);
    const stNoDropOff = new Uint8Array(rowCount);
    let current = 0;
    let rows = 0;
    let n = 0;
    const stopTimeRows = db
      .prepare(
        `SELECT trip_id, stop_id, arrival_timestamp, departure_timestamp, pickup_type, drop_off_type
         FROM stop_times ORDER BY trip_id, stop_sequence`,
      )
      .raw(true)
      .iterate() as IterableIterator<Row>;
    for (const [trip, stop, arrival, departure, pickup, dropOff] of stopTimeRows) {
      rows++;
      const t = tripIndex.get(String(trip));
      if (t === undefined) continue;
      while (current < t) stopTimeStart[++current] = n;
      if (arrival === null && departure === null) continue;
      stStop[n] = stopIndex.get(String(stop)) ?? -1;
      stArrival[n] = Number(arrival ?? departure);
      stDeparture[n] = Number(departure ?? arrival);
      stNoPickup[n] = Number(pickup) === 1 ? 1 : 0;
      stNoDropOff[n] = Number(dropOff) === 1 ? 1 : 0;
      n++;
    }
    while (current < trips.length) stopTimeStart[++current] = n;

    const frequencies: FeedPart['frequencies'] = [];
    for (const [trip, start, end, headway, exact] of all('SELECT trip_id, start_time, end_time, headway_secs, exact_times FROM frequencies')) {
      const t = tripIndex.get(String(trip));
      const startSeconds = parseGtfsTime(String(start));
      const endSeconds = parseGtfsTime(String(end));
      if (t === undefined || startSeconds === undefined || endSeconds === undefined) continue;
      frequencies.push({ trip: t, startSeconds, endSeconds, headwaySeconds: Number(headway), exactTimes: Number(exact) === 1 });
    }

    const transfers: FeedPart['transfers'] = [];
    for (const [from, to, type, minTime, fromTrip, toTrip] of all(
      // Route-scoped rows (from_route_id/to_route_id) are not modelled, like trip-scoped ones.
      `SELECT from_stop_id, to_stop_id, transfer_type, min_transfer_time, from_trip_id, to_trip_id FROM transfers
       WHERE (from_route_id IS NULL OR from_route_id = '') AND (to_route_id IS NULL OR to_route_id = '')`,
    )) {
      const fromStop = stopIndex.get(String(from));
      const toStop = stopIndex.get(String(to));
      const transferType = Number(type ?? 0);
      if (fromStop === undefined || toStop === undefined || transferType > 3) continue;
      transfers.push({
        fromStop,
        toStop,
        type: transferType,
        minTransferSeconds: minTime === null || minTime === undefined || minTime === '' ? undefined : Number(minTime),
        fromTrip: fromTrip ? (tripIndex.get(String(fromTrip)) ?? -1) : -1,
        toTrip: toTrip ? (tripIndex.get(String(toTrip)) ?? -1) : -1,
      });
    }

    const feedInfo = all('SELECT feed_start_date, feed_end_date FROM feed_info')[0];
    return {
      agencies: agencies.map((row) => String(row[0])),
      timeZone: String(agencies[0]?.[1] ?? 'Europe/Berlin'),
      feedInfoStartDate: feedInfo?.[0] ? Number(feedInfo[0]) : null,
      feedInfoEndDate: feedInfo?.[1] ? Number(feedInfo[1]) : null,
      stopId: stops.map((row) => String(row[0])),
      stopName: stops.map((row) => String(row[1] ?? row[0])),
      stopLat: Float64Array.from(stops, (row) => Number(row[2])),
      stopLon: Float64Array.from(stops, (row) => Number(row[3])),
      routeId: routes.map((row) => String(row[0])),
      routeShort: routes.map((row) => String(row[1] ?? '')),
      routeLong: routes.map((row) => String(row[2] ?? '')),
      routeType: Int16Array.from(routes, (row) => Number(row[3] ?? 3)),
      services,
      tripId: trips.map((row) => String(row[0])),
      tripRoute: Int32Array.from(trips, (row) => routeIndex.get(String(row[1])) ?? -1),
      tripService,
      tripHeadsign: trips.map((row) => String(row[3] ?? '')),
      tripStopTimeStart: stopTimeStart,
      stStop: stStop.slice(0, n),
      stArrival: stArrival.slice(0, n),
      stDeparture: stDeparture.slice(0, n),
      stNoPickup: stNoPickup.slice(0, n),
      stNoDropOff: stNoDropOff.slice(0, n),
      stopTimeRows: rows,
      frequencies,
      transfers,
    };
  }
}
