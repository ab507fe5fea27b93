/**
 * Timetables of single dates in the cache folder, so that the next `check` of the same week (the
 * integration office checks several people and jobs for the coming weeks) reads them instead of
 * building them: a timetable is typed arrays, read back as views on the file without a copy,
 * while a build sorts every trip of three service days. The mirror is made from it again.
 *
 * Key: the content keys of the merged feeds (in merge order), the date, the routing options that
 * shape a timetable (walk radius, walk model, transfers.txt) and {@link TIMETABLE_CACHE_VERSION};
 * so a changed feed, date or option never reads a stale file. Integrity: each file carries a
 * CRC-32 of its payload; a mismatch or an unreadable file is removed and the timetable built
 * again, with one warning naming the file. Files are written under a temporary name and renamed;
 * at most {@link MAX_CACHED_TIMETABLES} are kept (the oldest go first), none larger than
 * {@link MAX_CACHED_TIMETABLE_BYTES}. A cache folder that cannot be written is no error.
 *
 * Only timetables of feed sets loaded through `loadFeeds` with a cache folder are cached (that
 * folder is remembered for the feed set); with Node.js before 20.15 (no `zlib.crc32`) nothing is.
 */
import { createHash, randomUUID } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { UserText } from '../errors.js';
import type { FeedSet } from '../feed/load-feeds.js';
import type { WalkModel } from '../geo/walk-model.js';
import { timetableFromParts, timetableParts, type Timetable, type TimetableParts } from './build-timetable.js';
import { type ArrayArena } from './array-arena.js';
import { align8, crc32, damagedCacheFile, pruneCacheFiles } from '../feed/cache-file.js';

/** Bumped when the layout of a timetable changes; part of the key and of the file name. */
export const TIMETABLE_CACHE_VERSION = 1;
/** Timetables kept in a cache folder (about 7 MB each for the five NASA feeds, 2 MB for BördeBus + MVB). */
export const MAX_CACHED_TIMETABLES = 16;

/** Larger timetables are not kept (a Germany-size feed set: about 0.6 GB per date; building is the better deal there). */
export const MAX_CACHED_TIMETABLE_BYTES = 256 * 2 ** 20;

const MAGIC = Buffer.from(`ERBTT${TIMETABLE_CACHE_VERSION}`, 'latin1');

interface CacheSettings {
  dir: string;
  onWarning?: (message: UserText) => void;
}

const settings = new WeakMap<FeedSet, CacheSettings>();

/** Remembers the cache folder a feed set was loaded from (by `loadFeeds`); its timetables are cached there. */
export function useTimetableCache(feeds: FeedSet, dir: string, onWarning?: (message: UserText) => void): FeedSet {
  settings.set(feeds, { dir, onWarning });
  return feeds;
}

/** The cache folder remembered for a feed set, if any (for a copy of the feed set in a worker thread). */
export function timetableCacheOf(feeds: FeedSet): string | undefined {
  return settings.get(feeds)?.dir;
}

/** What shapes a timetable besides feeds and date. */
export interface TimetableKeyOptions {
  walkRadiusMeters: number;
  walkModel: WalkModel;
  useTransfersFile: boolean;
}

function fileFor(dir: string, feeds: FeedSet, gtfsDate: number, options: TimetableKeyOptions): string {
  const identity = JSON.stringify([
    TIMETABLE_CACHE_VERSION,
    feeds.feeds.map((feed) => feed.cacheKey),
    gtfsDate,
    options.walkRadiusMeters,
    options.walkModel,
    options.useTransfersFile,
  ]);
  const key = createHash('sha256').update(identity).digest('hex').slice(0, 32);
  return path.join(dir, `tt-${gtfsDate}-${key}.v${TIMETABLE_CACHE_VERSION}.timetable`);
}

/**
 * The timetable of a date: from the cache when there is a good file, else built by `build` and
 * stored. (Its mirror is cheaper to make again with `reverseTimetable` than to read.) With an
 * `arena`, a stored timetable is read into the arena's memory (valid until its next `begin`).
 */
export function cachedTimetable(feeds: FeedSet, gtfsDate: number, options: TimetableKeyOptions, build: () => Timetable, arena?: ArrayArena): Timetable {
  const cache = settings.get(feeds);
  if (!cache || !crc32) return build();
  const file = fileFor(cache.dir, feeds, gtfsDate, options);
  const stored = readStored(file, cache, arena);
  if (stored) return timetableFromParts(feeds, stored);
  const tt = build();
  if (tt.arrivals.byteLength * 2 <= MAX_CACHED_TIMETABLE_BYTES) writeStored(file, timetableParts(tt), cache.dir);
  return tt;
}

/** The typed arrays of {@link TimetableParts}, in file order, with their element types. */
const ARRAYS = [
  ['patternStopStart', Int32Array],
  ['patternStops', Int32Array],
  ['patternCanBoard', Uint8Array],
  ['patternCanAlight', Uint8Array],
  ['patternTripStart', Int32Array],
  ['patternTimeStart', Int32Array],
  ['arrivals', Int32Array],
  ['departures', Int32Array],
  ['instanceTrip', Int32Array],
  ['instanceDay', Int8Array],
  ['instancePattern', Int32Array],
  ['stopPatternStart', Int32Array],
  ['stopPatterns', Int32Array],
  ['stopPatternPos', Int32Array],
  ['footStart', Int32Array],
  ['footTo', Int32Array],
  ['footSeconds', Int32Array],
  ['stopMinChangeSeconds', Int32Array],
  ['stopNoChange', Uint8Array],
] as const;

/**
 * File layout: magic, CRC-32 of the rest (4 bytes), header length (4 bytes), the header (JSON:
 * counts and array lengths), then each array's bytes at a multiple of 8, so that the arrays are
 * read back as views on the file's buffer without a copy.
 */
function readStored(file: string, cache: CacheSettings, arena?: ArrayArena): TimetableParts | undefined {
  let bytes: Buffer;
  try {
    bytes = readWhole(file, (size) => (arena ? (arena.begin(), arena.uint8(size)) : new Uint8Array(size)));
  } catch {
    return undefined;
  }
  const parts = decode(bytes);
  if (!parts) {
    cache.onWarning?.(damagedCacheFile(file));
    rmSync(file, { force: true });
  }
  return parts;
}

/**
 * The whole file, read into the memory `allocate(size)` gives (from offset 0 of its buffer, so
 * that the arrays decoded from it are 8-byte aligned). A file that shrinks while it is read comes
 * back short, and its checksum fails.
 */
function readWhole(file: string, allocate: (size: number) => Uint8Array): Buffer {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const memory = allocate(size);
    const bytes = Buffer.from(memory.buffer, memory.byteOffset, size);
    let done = 0;
    while (done < size) {
      const read = readSync(fd, bytes, done, size - done, done);
      if (read === 0) break;
      done += read;
    }
    return bytes.subarray(0, done);
  } finally {
    closeSync(fd);
  }
}

function decode(bytes: Buffer): TimetableParts | undefined {
  const head = MAGIC.length;
  if (bytes.length < head + 8 || !bytes.subarray(0, head).equals(MAGIC)) return undefined;
  if (bytes.readUInt32LE(head) !== crc32!(bytes.subarray(head + 4))) return undefined;
  try {
    const headerLength = bytes.readUInt32LE(head + 4);
    const header = JSON.parse(bytes.toString('utf8', head + 8, head + 8 + headerLength)) as { counts: number[]; lengths: number[] };
    // `readWhole` puts the file at offset 0 of its buffer: every array below is 8-byte aligned.
    let offset = align8(head + 8 + headerLength);
    const arrays: Record<string, ArrayLike<number>> = {};
    ARRAYS.forEach(([name, Type], i) => {
      const length = header.lengths[i]!;
      arrays[name] = new Type(bytes.buffer as ArrayBuffer, bytes.byteOffset + offset, length);
      offset = align8(offset + length * Type.BYTES_PER_ELEMENT);
    });
    if (offset > bytes.length) return undefined;
    const [gtfsDate, patternCount, instanceCount, activeTripCount] = header.counts as [number, number, number, number];
    return { ...(arrays as unknown as Omit<TimetableParts, 'gtfsDate' | 'patternCount' | 'instanceCount' | 'activeTripCount'>), gtfsDate, patternCount, instanceCount, activeTripCount };
  } catch {
    return undefined;
  }
}

function writeStored(file: string, parts: TimetableParts, dir: string): void {
  const partial = `${file}.partial-${process.pid}-${randomUUID()}`;
  try {
    const header = Buffer.from(
      JSON.stringify({ counts: [parts.gtfsDate, parts.patternCount, parts.instanceCount, parts.activeTripCount], lengths: ARRAYS.map(([name]) => parts[name].length) }),
    );
    let size = align8(MAGIC.length + 8 + header.length);
    for (const [name, Type] of ARRAYS) size = align8(size + parts[name].length * Type.BYTES_PER_ELEMENT);
    const out = Buffer.alloc(size);
    MAGIC.copy(out, 0);
    out.writeUInt32LE(header.length, MAGIC.length + 4);
    header.copy(out, MAGIC.length + 8);
    let offset = align8(MAGIC.length + 8 + header.length);
    for (const [name] of ARRAYS) {
      const array = parts[name];
      const view = Buffer.from(array.buffer, array.byteOffset, array.byteLength);
      view.copy(out, offset);
      offset = align8(offset + array.byteLength);
    }
    out.writeUInt32LE(crc32!(out.subarray(MAGIC.length + 4)), MAGIC.length);
    writeFileSync(partial, out);
    renameSync(partial, file);
    prune(dir);
  } catch {
    // A read-only or full cache folder: the timetable is simply not kept.
    rmSync(partial, { force: true });
  }
}

/** Keeps the newest {@link MAX_CACHED_TIMETABLES} timetable files. */
function prune(dir: string): void {
  pruneCacheFiles(dir, (name) => name.startsWith('tt-') && name.endsWith('.timetable'), MAX_CACHED_TIMETABLES);
}
