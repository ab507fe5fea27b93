/**
 * A snapshot of a whole merged {@link FeedSet} in the cache, so that loading the same feeds again
 * (the CLI does it on every start) is one file read instead of opening and hashing every zip,
 * reading a snapshot per feed and merging them.
 *
 * Key: the feeds' paths with size, modification and change time and inode (of a folder: of each
 * of its `.txt` files), and the cache format versions. Any change to a feed file changes its
 * ctime, which cannot be set back, so a stale snapshot is never read; the per-feed cache (keyed by
 * content) still decides what is imported. The snapshot also lists the per-feed cache files it
 * was made from (size and modification time): when one of them changed or is gone, the snapshot
 * is stale and the feeds are loaded the normal way, which checks those files.
 *
 * Layout: the feed set column by column, so that a load is one read, a checksum and views on the
 * file's buffer — not a deserialisation of every object. The typed arrays (stop times, trips,
 * routes) are stored as they are, each at a multiple of 8 bytes from the file's start, and read
 * back as views without a copy; stops, services and transfers, which are objects in a FeedSet,
 * are stored as columns and made into objects again; every string is stored once, in one table,
 * and the string columns are indices into it (a thousand trips share a headsign). The few small
 * parts (feed summaries, frequencies, problems, the files it was made from) are `v8.serialize`d.
 *
 * Integrity: the file carries a CRC-32 of everything after it (SHA-256 where Node.js has no
 * `zlib.crc32`, before 20.15); a mismatch discards it with one warning. A file with a CRC-32 read
 * by a Node.js without `zlib.crc32` is passed over silently (the normal load writes it anew).
 * The version is part of the file name and of its first bytes, so a file of another layout is
 * never read; writing a snapshot removes those of other versions and keeps the
 * {@link MAX_FEED_SET_SNAPSHOTS} newest of its own (one per combination of feed paths).
 */
import { createHash, randomUUID } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { UserText } from '../errors.js';
import { CACHE_FORMAT_VERSION } from './cache-format.js';
import { align8, crc32, damagedCacheFile, pruneCacheFiles } from './cache-file.js';
import { SNAPSHOT_VERSION } from './read-feed-part.js';
import type { FeedSet, FeedSummary, FrequencyRow, ServiceCalendar, TransferRow } from './load-feeds.js';
import type { FeedStop } from './types.js';
import type { FeedProblem } from './validate-feed.js';

/** Bumped when the layout of FeedSet or of the file changes; part of the file name and of the magic. */
const FEED_SET_VERSION = 3;
/** First bytes of the file; the byte after them names the checksum ({@link CRC32} or {@link SHA256}). */
const MAGIC = Buffer.from(`ERBSET${FEED_SET_VERSION}`, 'latin1');
const CRC32 = 0x43; // 'C': CRC-32, 4 bytes
const SHA256 = 0x53; // 'S': SHA-256, 32 bytes

/** The element types a section may have. */
const TYPES = { Int32Array, Float64Array, Uint8Array, Uint16Array, Int16Array } as const;
type TypeName = keyof typeof TYPES;
type Column = Int32Array | Float64Array | Uint8Array | Uint16Array | Int16Array;

/** How the string table is written: its strings joined by a separator that none of them contains. */
interface TextLayout {
  encoding: 'latin1' | 'utf16le';
  /** The separator's UTF-16 code unit. */
  separator: number;
  /** Strings in the table. */
  count: number;
}

/** The file's header: the string table's layout and each section's name, element type and length (in elements). */
interface Header {
  text: TextLayout;
  sections: [name: string, type: TypeName, length: number][];
}

/** A cache file a snapshot was made from (its name in the cache folder), with the size and modification time it had then. */
type Dependency = [name: string, size: number, mtimeMs: number];

/** The parts of a FeedSet kept with `v8.serialize` (few rows, or rarely many), and the snapshot's dependencies. */
interface SmallParts {
  dependencies: Dependency[];
  feeds: FeedSummary[];
  tripCount: number;
  frequencies: FrequencyRow[];
  timeZone: string;
  problems: FeedProblem[];
}

/** The snapshot file for these feed paths, or undefined when a path cannot be read (the normal load reports it). */
export async function feedSetSnapshotPath(paths: readonly string[], cacheDir: string): Promise<string | undefined> {
  const identity: unknown[] = [FEED_SET_VERSION, CACHE_FORMAT_VERSION, SNAPSHOT_VERSION];
  // Synchronous: a handful of stats, each far cheaper than a trip through the thread pool (whose
  // first use starts its threads).
  try {
    for (const feedPath of paths) {
      const resolved = path.resolve(feedPath);
      const info = statSync(resolved);
      if (info.isDirectory()) {
        const files = readdirSync(resolved).filter((name) => name.toLowerCase().endsWith('.txt')).sort();
        const stats = files.map((name) => statSync(path.join(resolved, name)));
        identity.push([resolved, files.map((name, i) => [name, stats[i]!.size, stats[i]!.mtimeMs, stats[i]!.ctimeMs, stats[i]!.ino])]);
      } else {
        identity.push([resolved, info.size, info.mtimeMs, info.ctimeMs, info.ino, info.dev]);
      }
    }
  } catch {
    return undefined;
  }
  const key = createHash('sha256').update(JSON.stringify(identity)).digest('hex').slice(0, 32);
  return path.join(cacheDir, `set-${key}.v${FEED_SET_VERSION}.feedset`);
}

/**
 * Reads a feed-set snapshot; undefined when there is none, when a cache file it was made from has
 * changed, or when it is damaged (then removed, with a warning).
 */
export async function readFeedSetSnapshot(file: string, onWarning?: (message: UserText) => void): Promise<FeedSet | undefined> {
  let bytes: Buffer;
  try {
    bytes = readWhole(file);
  } catch {
    return undefined;
  }
  const stored = decode(bytes, path.dirname(file));
  if (stored === 'unverifiable' || stored === 'stale') return undefined;
  if (!stored) {
    onWarning?.(damagedCacheFile(file));
    try {
      rmSync(file, { force: true });
    } catch {
      // A read-only cache: the normal load works all the same.
    }
    return undefined;
  }
  return stored;
}

/** Bytes read at a time by {@link readWhole}. */
const READ_CHUNK_BYTES = 64 * 1024;

/**
 * The whole file in one buffer of its own (so 8-aligned; the typed arrays stay views on it),
 * read through a small buffer and copied. Reading straight into fresh memory was slower on the
 * project's Linux VM: each page was faulted in by the read and again at its first use (about 5 ms
 * per MB in all), while copying from a small buffer that stays mapped faults each page once
 * (25–30 % less for the 6.6 MB of the five NASA feeds). A file that shrinks while it is read comes
 * back short, and its checksum fails.
 */
function readWhole(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const bytes = Buffer.allocUnsafeSlow(size);
    const chunk = Buffer.allocUnsafeSlow(Math.min(size, READ_CHUNK_BYTES));
    let done = 0;
    while (done < size) {
      const read = readSync(fd, chunk, 0, Math.min(chunk.length, size - done), done);
      if (read === 0) break;
      chunk.copy(bytes, done, 0, read);
      done += read;
    }
    return bytes.subarray(0, done);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes a feed-set snapshot atomically (temporary name, then rename), listing the per-feed cache
 * files it was made from; a read-only cache is no error.
 */
export async function writeFeedSetSnapshot(file: string, feeds: FeedSet, madeFrom: readonly string[]): Promise<void> {
  // The stops are stored without their index, which the reader makes again from them.
  if (feeds.stopIndexById.size !== feeds.stops.length || feeds.stops.some((stop, i) => feeds.stopIndexById.get(stop.stopId) !== i)) return;
  const partial = `${file}.partial-${process.pid}-${randomUUID()}`;
  let handle: number | undefined;
  try {
    const dependencies: Dependency[] = [];
    for (const dependency of madeFrom) {
      const info = statSync(dependency);
      dependencies.push([path.relative(path.dirname(file), dependency), info.size, info.mtimeMs]);
    }
    const { header, sections } = encode(feeds, dependencies);
    const kind = crc32 ? CRC32 : SHA256;
    const headerBytes = Buffer.from(JSON.stringify(header));
    const headerLength = Buffer.alloc(4);
    headerLength.writeUInt32LE(headerBytes.length);
    // Piece by piece, never concatenated: the stop times of a big feed set are hundreds of megabytes.
    const pieces: Uint8Array[] = [headerLength, headerBytes];
    let offset = MAGIC.length + 1 + checksumBytes(kind) + 4 + headerBytes.length;
    for (const [, array] of sections) {
      pieces.push(Buffer.alloc(align8(offset) - offset));
      pieces.push(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
      offset = align8(offset) + array.byteLength;
    }
    handle = openSync(partial, 'w');
    for (const piece of [MAGIC, Buffer.of(kind), checksum(kind, pieces), ...pieces]) writeAll(handle, piece);
    closeSync(handle);
    handle = undefined;
    renameSync(partial, file);
    pruneFeedSetSnapshots(path.dirname(file));
  } catch {
    if (handle !== undefined) closeSync(handle);
    rmSync(partial, { force: true });
  }
}

/** Feed-set snapshots kept in a cache folder (one per combination of `--gtfs` paths; the newest stay). */
export const MAX_FEED_SET_SNAPSHOTS = 8;

/**
 * Removes feed-set snapshots of other format versions (never read again) and all but the
 * {@link MAX_FEED_SET_SNAPSHOTS} newest of this version. A file that cannot be removed stays.
 */
function pruneFeedSetSnapshots(dir: string): void {
  const current = `.v${FEED_SET_VERSION}.feedset`;
  pruneCacheFiles(dir, (name) => /^set-[0-9a-f]+\.v\d+\.feedset$/.test(name), MAX_FEED_SET_SNAPSHOTS, (name) => !name.endsWith(current));
}

function writeAll(handle: number, piece: Uint8Array): void {
  for (let done = 0; done < piece.length; ) done += writeSync(handle, piece, done, piece.length - done);
}

function checksumBytes(kind: number): number {
  return kind === CRC32 ? 4 : 32;
}

function checksum(kind: number, pieces: readonly Uint8Array[]): Buffer {
  if (kind === CRC32) {
    let value = 0;
    // Empty pieces skipped: zlib's crc32 of an array without memory (an empty typed array's) is 0, not the value passed in.
    for (const piece of pieces) if (piece.length > 0) value = crc32!(piece, value);
    const out = Buffer.alloc(4);
    out.writeUInt32LE(value);
    return out;
  }
  const hash = createHash('sha256');
  for (const piece of pieces) hash.update(piece);
  return hash.digest();
}

/** Every string once: the columns hold indices into the table. */
class StringTable {
  private readonly index = new Map<string, number>();
  private readonly strings: string[] = [];

  column(values: readonly string[]): Int32Array {
    const out = new Int32Array(values.length);
    for (let i = 0; i < values.length; i++) {
      const value = values[i]!;
      let at = this.index.get(value);
      if (at === undefined) {
        at = this.strings.length;
        this.index.set(value, at);
        this.strings.push(value);
      }
      out[i] = at;
    }
    return out;
  }

  /**
   * The table as one text, the strings joined by a code unit that none of them contains, so that
   * the reader splits it in one native call. Latin-1 when every character and the separator fit
   * (German names do), else UTF-16, which keeps any string exactly. Throws when every one of the
   * 65,536 code units occurs (then there is no snapshot).
   */
  finish(): { layout: TextLayout; text: Uint8Array } {
    const joined = this.strings.join('');
    const used = new Uint8Array(65_536);
    let latin1 = true;
    for (let i = 0; i < joined.length; i++) {
      const unit = joined.charCodeAt(i);
      used[unit] = 1;
      if (unit > 0xff) latin1 = false;
    }
    let separator = used.indexOf(0, 1);
    if (separator === -1) separator = used.indexOf(0);
    if (separator === -1) throw new RangeError('no code unit is left to separate the strings');
    const encoding = latin1 && separator <= 0xff ? 'latin1' : 'utf16le';
    const text = Buffer.from(this.strings.join(String.fromCharCode(separator)), encoding);
    return { layout: { encoding, separator, count: this.strings.length }, text };
  }
}

/** Numbers as Int32 when every one is a 32-bit integer (not -0), else as Float64: either way exactly. */
function numbers(values: ArrayLike<number>): Int32Array | Float64Array {
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if ((value | 0) !== value || Object.is(value, -0)) return Float64Array.from(values);
  }
  return Int32Array.from(values);
}

/** The name of an array's element type in {@link TYPES} (a Buffer is a Uint8Array). */
function typeName(array: Column): TypeName {
  const name = (Object.keys(TYPES) as TypeName[]).find((type) => array instanceof TYPES[type]);
  if (!name) throw new TypeError('not a typed array of the snapshot');
  return name;
}

/** The sections of a feed set, in file order. */
function encode(feeds: FeedSet, dependencies: Dependency[]): { header: Header; sections: [string, Column][] } {
  const strings = new StringTable();
  const { stops, routes, services, trips, stopTimes, transfers } = feeds;
  const small: SmallParts = { dependencies, feeds: feeds.feeds, tripCount: trips.count, frequencies: feeds.frequencies, timeZone: feeds.timeZone, problems: feeds.problems };
  const added = services.flatMap((service) => [...service.added]);
  const removed = services.flatMap((service) => [...service.removed]);
  const sections: [string, Column][] = [
    ['small', new Uint8Array(serialize(small))],
    ['stopId', strings.column(stops.map((stop) => stop.stopId))],
    ['stopName', strings.column(stops.map((stop) => stop.name))],
    ['stopLat', Float64Array.from(stops, (stop) => stop.lat)],
    ['stopLon', Float64Array.from(stops, (stop) => stop.lon)],
    ['routeFeed', routes.feed],
    ['routeId', strings.column(routes.routeId)],
    ['routeShortName', strings.column(routes.shortName)],
    ['routeLongName', strings.column(routes.longName)],
    ['routeType', routes.type],
    ['serviceFeed', numbers(services.map((service) => service.feed))],
    ['serviceId', strings.column(services.map((service) => service.serviceId))],
    ['serviceWeekdayMask', numbers(services.map((service) => service.weekdayMask))],
    ['serviceStartDate', numbers(services.map((service) => service.startDate))],
    ['serviceEndDate', numbers(services.map((service) => service.endDate))],
    ['serviceAddedCount', Int32Array.from(services, (service) => service.added.size)],
    ['serviceAdded', numbers(added)],
    ['serviceRemovedCount', Int32Array.from(services, (service) => service.removed.size)],
    ['serviceRemoved', numbers(removed)],
    ['tripFeed', trips.feed],
    ['tripId', strings.column(trips.tripId)],
    ['tripRoute', trips.route],
    ['tripService', trips.service],
    ['tripHeadsign', strings.column(trips.headsign)],
    ['tripStopTimeStart', trips.stopTimeStart],
    ['stopTimeStop', stopTimes.stop],
    ['stopTimeArrival', stopTimes.arrival],
    ['stopTimeDeparture', stopTimes.departure],
    ['stopTimeNoPickup', stopTimes.noPickup],
    ['stopTimeNoDropOff', stopTimes.noDropOff],
    ['transferFromStop', numbers(transfers.map((row) => row.fromStop))],
    ['transferToStop', numbers(transfers.map((row) => row.toStop))],
    ['transferType', numbers(transfers.map((row) => row.type))],
    ['transferHasMinSeconds', Uint8Array.from(transfers, (row) => (row.minTransferSeconds === undefined ? 0 : 1))],
    ['transferMinSeconds', numbers(transfers.map((row) => row.minTransferSeconds ?? 0))],
    ['transferFromTrip', numbers(transfers.map((row) => row.fromTrip))],
    ['transferToTrip', numbers(transfers.map((row) => row.toTrip))],
  ];
  const table = strings.finish();
  sections.push(['stringText', table.text]);
  const header: Header = { text: table.layout, sections: sections.map(([name, array]) => [name, typeName(array), array.length]) };
  return { header, sections };
}

/**
 * The feed set in a file's bytes: undefined when the file is damaged, `unverifiable` when its
 * checksum is a CRC-32 and this Node.js has none, `stale` when a file it was made from (in
 * `dir`) has changed.
 */
function decode(bytes: Buffer, dir: string): FeedSet | 'unverifiable' | 'stale' | undefined {
  const kind = bytes[MAGIC.length];
  if (bytes.length < MAGIC.length + 1 || !bytes.subarray(0, MAGIC.length).equals(MAGIC) || (kind !== CRC32 && kind !== SHA256)) return undefined;
  if (kind === CRC32 && !crc32) return 'unverifiable';
  const start = MAGIC.length + 1 + checksumBytes(kind);
  if (bytes.length < start + 4) return undefined;
  if (!checksum(kind, [bytes.subarray(start)]).equals(bytes.subarray(MAGIC.length + 1, start))) return undefined;
  try {
    const headerLength = bytes.readUInt32LE(start);
    const header = JSON.parse(bytes.toString('utf8', start + 4, start + 4 + headerLength)) as Header;
    // `readWhole` puts the file at offset 0 of a buffer of its own: every section is 8-byte aligned.
    const buffer = bytes;
    const sections = new Map<string, Column>();
    let offset = start + 4 + headerLength;
    for (const [name, type, length] of header.sections) {
      if (!Object.hasOwn(TYPES, type) || !Number.isSafeInteger(length) || length < 0) return undefined;
      const Type = TYPES[type];
      offset = align8(offset);
      if (offset + length * Type.BYTES_PER_ELEMENT > buffer.length) return undefined;
      sections.set(name, new Type(buffer.buffer as ArrayBuffer, buffer.byteOffset + offset, length));
      offset += length * Type.BYTES_PER_ELEMENT;
    }
    if (offset !== buffer.length) return undefined;
    return fromSections(sections, header.text, dir);
  } catch {
    return undefined;
  }
}

/** The feed set of a file's sections (see {@link encode}); throws when one is missing. */
function fromSections(sections: ReadonlyMap<string, Column>, layout: TextLayout, dir: string): FeedSet | 'stale' {
  const section = (name: string): Column => {
    const array = sections.get(name);
    if (!array) throw new Error(`no section ${name}`);
    return array;
  };
  /** A section that must have the element type of the FeedSet's field. */
  const view = <T extends Column>(name: string, Type: new (...args: never[]) => T): T => {
    const array = section(name);
    if (!(array instanceof Type)) throw new Error(`section ${name} is not a ${Type.name}`);
    return array;
  };
  const small = deserialize(section('small')) as SmallParts;
  // Relative to the snapshot's own folder: a copied cache folder is checked against its own files.
  for (const [name, size, mtimeMs] of small.dependencies) {
    let info;
    try {
      info = statSync(path.join(dir, name));
    } catch {
      return 'stale';
    }
    if (info.size !== size || info.mtimeMs !== mtimeMs) return 'stale';
  }
  for (const feed of small.feeds) feed.cacheHit = true;

  // Everything below runs once per process, mostly before the JIT: indexed loops into arrays of
  // their final size, and the strings made by one split, allocate little besides the results
  // (every young-generation collection here copies what was made so far).
  const text = section('stringText');
  const table = layout.count === 0 ? [] : Buffer.from(text.buffer, text.byteOffset, text.byteLength).toString(layout.encoding).split(String.fromCharCode(layout.separator));
  if (table.length !== layout.count) throw new Error(`${table.length} strings instead of ${layout.count}`);
  const strings = (name: string): string[] => {
    const at = section(name);
    const count = at.length;
    // A column of strings seen first there (ids) is a run of the table.
    const first = at[0]!;
    let run = count > 0 && first + count <= table.length;
    for (let i = 1; run && i < count; i++) run = at[i] === first + i;
    if (run) return table.slice(first, first + count);
    const out = new Array<string>(count);
    for (let i = 0; i < count; i++) {
      const value = table[at[i]!];
      if (value === undefined) throw new Error(`string ${at[i]} of ${name} is not in the table`);
      out[i] = value;
    }
    return out;
  };

  const stopId = strings('stopId');
  const stopName = strings('stopName');
  const stopLat = section('stopLat');
  const stopLon = section('stopLon');
  const stops = new Array<FeedStop>(stopId.length);
  for (let i = 0; i < stopId.length; i++) stops[i] = { stopId: stopId[i]!, name: stopName[i]!, lat: stopLat[i]!, lon: stopLon[i]! };
  const stopIndexById = new Map<string, number>();
  for (let i = 0; i < stopId.length; i++) stopIndexById.set(stopId[i]!, i);

  const serviceId = strings('serviceId');
  const [serviceFeed, weekdayMask, startDate, endDate] = ['serviceFeed', 'serviceWeekdayMask', 'serviceStartDate', 'serviceEndDate'].map(section) as [Column, Column, Column, Column];
  const [addedCount, addedDates, removedCount, removedDates] = ['serviceAddedCount', 'serviceAdded', 'serviceRemovedCount', 'serviceRemoved'].map(section) as [Column, Column, Column, Column];
  const services = new Array<ServiceCalendar>(serviceId.length);
  let addedAt = 0;
  let removedAt = 0;
  for (let i = 0; i < serviceId.length; i++) {
    const added = new Set<number>();
    for (const end = addedAt + addedCount[i]!; addedAt < end; addedAt++) added.add(addedDates[addedAt]!);
    const removed = new Set<number>();
    for (const end = removedAt + removedCount[i]!; removedAt < end; removedAt++) removed.add(removedDates[removedAt]!);
    services[i] = { feed: serviceFeed[i]!, serviceId: serviceId[i]!, weekdayMask: weekdayMask[i]!, startDate: startDate[i]!, endDate: endDate[i]!, added, removed };
  }

  const [fromStop, toStop, type, hasMinSeconds, minSeconds, fromTrip, toTrip] = [
    'transferFromStop',
    'transferToStop',
    'transferType',
    'transferHasMinSeconds',
    'transferMinSeconds',
    'transferFromTrip',
    'transferToTrip',
  ].map(section) as [Column, Column, Column, Column, Column, Column, Column];
  const transfers = new Array<TransferRow>(fromStop.length);
  for (let i = 0; i < fromStop.length; i++) {
    transfers[i] = {
      fromStop: fromStop[i]!,
      toStop: toStop[i]!,
      type: type[i]!,
      minTransferSeconds: hasMinSeconds[i] ? minSeconds[i]! : undefined,
      fromTrip: fromTrip[i]!,
      toTrip: toTrip[i]!,
    };
  }

  // In the order of the FeedSet that loadFeeds builds.
  return {
    feeds: small.feeds,
    stops,
    stopIndexById,
    routes: {
      feed: view('routeFeed', Uint16Array),
      routeId: strings('routeId'),
      shortName: strings('routeShortName'),
      longName: strings('routeLongName'),
      type: view('routeType', Int16Array),
    },
    services,
    trips: {
      count: small.tripCount,
      feed: view('tripFeed', Uint16Array),
      tripId: strings('tripId'),
      route: view('tripRoute', Int32Array),
      service: view('tripService', Int32Array),
      headsign: strings('tripHeadsign'),
      stopTimeStart: view('tripStopTimeStart', Int32Array),
    },
    stopTimes: {
      stop: view('stopTimeStop', Int32Array),
      arrival: view('stopTimeArrival', Int32Array),
      departure: view('stopTimeDeparture', Int32Array),
      noPickup: view('stopTimeNoPickup', Uint8Array),
      noDropOff: view('stopTimeNoDropOff', Uint8Array),
    },
    frequencies: small.frequencies,
    transfers,
    timeZone: small.timeZone,
    problems: small.problems,
  };
}
