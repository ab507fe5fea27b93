/**
 * A GTFS feed as given by the user: a zip file or a folder of `.txt` files. Gives access to the
 * file names and contents, and a content hash that keys the import cache.
 *
 * Which members count: the `.txt` files of ONE level — the top level, or else the one folder
 * that holds them (some exporters zip the folder, not its contents). `__MACOSX/` and `._*`
 * entries are ignored. An archive is refused as ambiguous when a file name occurs twice (at
 * different levels, in different case, or as a duplicate entry), or when GTFS files sit in
 * several folders: otherwise what is checked and what is imported could differ.
 *
 * Limits (see {@link DEFAULT_FEED_LIMITS}): the uncompressed size of each file and of all
 * files together, and the compression ratio of each zip member (zip bombs), are checked from
 * the zip's directory before anything is unpacked, and again while reading (a directory may
 * lie). A feed over a limit is refused with one line; `--max-feed-size` raises the size limits.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import StreamZip from 'node-stream-zip';
import { DataError, UsageError } from '../errors.js';
import { DEFAULT_FEED_LIMITS, RATIO_EXEMPT_BYTES, type FeedLimits } from './feed-limits.js';

export { DEFAULT_FEED_LIMITS, RATIO_EXEMPT_BYTES, type FeedLimits } from './feed-limits.js';

/** An opened feed: its file names and a way to read each file. */
export interface FeedSource {
  /** The path as the user gave it. */
  readonly path: string;
  /** A short label for messages and ids, e.g. `gtfs_boerdebus_std_kn`. */
  readonly label: string;
  /** `zip` or `folder`. */
  readonly kind: 'zip' | 'folder';
  /** GTFS file names present (`stops.txt`, …), lower-case. */
  readonly files: ReadonlySet<string>;
  /** Reads one file as a Buffer (refused when over the size limits). */
  read(fileName: string): Promise<Buffer>;
  /**
   * Reads one file chunk by chunk, so a file of any size is never held whole (refused as soon as
   * it grows over the size limits). Reading a file again counts it once towards the feed's total.
   */
  stream(fileName: string): AsyncIterable<Buffer>;
  /** SHA-256 over the GTFS files' names and contents, hex. */
  contentHash(): Promise<string>;
  /** Releases the zip handle. */
  close(): Promise<void>;
}

/**
 * Opens a feed path. Throws {@link UsageError} if the path does not exist, {@link DataError} if
 * it is not a readable zip, is ambiguous, or is over the limits.
 */
export async function openFeedSource(feedPath: string, limits: FeedLimits = DEFAULT_FEED_LIMITS): Promise<FeedSource> {
  let info;
  try {
    info = await stat(feedPath);
  } catch {
    // No flag in the message: the command line names the one that gave the path (--gtfs, --against …).
    throw new UsageError({ de: `Datei oder Ordner "${feedPath}" gibt es nicht`, en: `no such file or folder "${feedPath}"` }, undefined, 'NO_SUCH_PATH');
  }
  const label = path.basename(feedPath).replace(/\.zip$/i, '') || 'feed';
  if (info.isDirectory()) return openFolder(feedPath, label, limits);
  return openZip(feedPath, label, limits);
}

/** Counts the bytes read from a feed and refuses a file or a feed over the limits. */
class SizeBudget {
  private total = 0;
  /** Bytes counted so far per file: a file read twice counts once. */
  private readonly counted = new Map<string, number>();

  constructor(
    private readonly feedPath: string,
    private readonly limits: FeedLimits,
  ) {}

  /** Checks a file's (declared or real) size before or after reading it. */
  checkFile(fileName: string, bytes: number): void {
    if (bytes > this.limits.maxFileBytes) throw tooLarge(this.feedPath, fileName, bytes, this.limits.maxFileBytes, 'file');
  }

  /** Counts the first `bytes` of a file as read (in full, or so far while streaming). */
  add(fileName: string, bytes: number): void {
    this.checkFile(fileName, bytes);
    const before = this.counted.get(fileName) ?? 0;
    if (bytes <= before) return;
    this.counted.set(fileName, bytes);
    this.total += bytes - before;
    if (this.total > this.limits.maxTotalBytes) throw tooLarge(this.feedPath, fileName, this.total, this.limits.maxTotalBytes, 'total');
  }
}

/** Chunk size for streaming a folder's files (larger than Node's 64 kB default: fewer, cheaper chunks). */
const STREAM_CHUNK_BYTES = 1 << 20;

function megabytes(bytes: number): string {
  return `${Math.ceil(bytes / (1024 * 1024))} MB`;
}

function tooLarge(feedPath: string, fileName: string, bytes: number, limit: number, what: 'file' | 'total'): DataError {
  const size = megabytes(bytes);
  return new DataError('FEED_TOO_LARGE', { file: `${path.basename(feedPath)}/${fileName}` }, {
    de: `${what === 'file' ? 'ist' : 'bringt den Feed auf'} entpackt ${size}, mehr als die Grenze von ${megabytes(limit)} (--max-feed-size MB hebt sie an)`,
    en: `${what === 'file' ? 'is' : 'brings the feed to'} ${size} unpacked, over the limit of ${megabytes(limit)} (--max-feed-size MB raises it)`,
  });
}

async function openFolder(folder: string, label: string, limits: FeedLimits): Promise<FeedSource> {
  const names = (await readdir(folder)).filter((name) => name.toLowerCase().endsWith('.txt')).sort();
  const byLower = new Map<string, string>();
  for (const name of names) {
    const lower = name.toLowerCase();
    const other = byLower.get(lower);
    if (other !== undefined) throw ambiguous(folder, `${other}`, `${name}`);
    byLower.set(lower, name);
  }
  const budget = new SizeBudget(folder, limits);
  const read = async (fileName: string): Promise<Buffer> => {
    const actual = byLower.get(fileName);
    if (actual === undefined) throw new DataError('MISSING_FILE', { file: fileName }, { de: 'fehlt', en: 'missing' });
    const file = path.join(folder, actual);
    budget.checkFile(fileName, (await stat(file)).size);
    const content = await readFile(file);
    budget.add(fileName, content.length);
    return content;
  };
  async function* stream(fileName: string): AsyncIterable<Buffer> {
    const actual = byLower.get(fileName);
    if (actual === undefined) throw new DataError('MISSING_FILE', { file: fileName }, { de: 'fehlt', en: 'missing' });
    const file = path.join(folder, actual);
    budget.checkFile(fileName, (await stat(file)).size);
    let bytes = 0;
    for await (const chunk of createReadStream(file, { highWaterMark: STREAM_CHUNK_BYTES }) as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      budget.add(fileName, bytes);
      yield chunk;
    }
  }
  return {
    path: folder,
    label,
    kind: 'folder',
    files: new Set(byLower.keys()),
    read,
    stream,
    contentHash: () => hashFiles([...byLower.keys()].sort(), (name) => path.join(folder, byLower.get(name)!)),
    close: async () => undefined,
  };
}

function ambiguous(feedPath: string, first: string, second: string): DataError {
  return new DataError('AMBIGUOUS_FEED', { file: path.basename(feedPath) }, {
    de: `ist mehrdeutig: "${first}" und "${second}" sind dieselbe GTFS-Datei (jede darf nur einmal und auf einer Ebene vorkommen)`,
    en: `is ambiguous: "${first}" and "${second}" are the same GTFS file (each may occur only once, on one level)`,
  });
}

/** Entries of an archive that are no content: macOS resource forks. */
function isJunk(name: string): boolean {
  return name.startsWith('__MACOSX/') || (name.split('/').pop() ?? '').startsWith('._');
}

async function openZip(zipPath: string, label: string, limits: FeedLimits): Promise<FeedSource> {
  const zip = new StreamZip.async({ file: zipPath });
  let entries: Record<string, StreamZip.ZipEntry>;
  let declaredCount: number;
  try {
    entries = await zip.entries();
    declaredCount = await zip.entriesCount;
  } catch (error) {
    await zip.close().catch(() => undefined);
    throw new DataError('NOT_A_ZIP', { file: zipPath }, { de: 'ist weder ein Ordner noch eine lesbare Zip-Datei', en: 'is neither a folder nor a readable zip file' }, { cause: error });
  }
  try {
    const members = pickMembers(zipPath, Object.values(entries), declaredCount);
    const budget = new SizeBudget(zipPath, limits);
    for (const [lower, entry] of members) checkDeclared(zipPath, lower, entry, limits);
    const entryOf = (fileName: string): StreamZip.ZipEntry => {
      const entry = members.get(fileName);
      if (entry === undefined) throw new DataError('MISSING_FILE', { file: fileName }, { de: 'fehlt', en: 'missing' });
      return entry;
    };
    const read = async (fileName: string): Promise<Buffer> => {
      const chunks: Buffer[] = [];
      let bytes = 0;
      for await (const chunk of streamLimited(zip, entryOf(fileName), fileName, budget, zipPath)) {
        chunks.push(chunk);
        bytes += chunk.length;
      }
      return Buffer.concat(chunks, bytes);
    };
    return {
      path: zipPath,
      label,
      kind: 'zip',
      files: new Set(members.keys()),
      read,
      stream: (fileName) => streamLimited(zip, entryOf(fileName), fileName, budget, zipPath),
      // The zip's own bytes identify its content; hashing them is much cheaper than unpacking.
      contentHash: async () => {
        const hash = createHash('sha256');
        for await (const chunk of createReadStream(zipPath, { highWaterMark: STREAM_CHUNK_BYTES }) as AsyncIterable<Buffer>) hash.update(chunk);
        return hash.digest('hex');
      },
      close: () => zip.close(),
    };
  } catch (error) {
    await zip.close().catch(() => undefined);
    throw error;
  }
}

/** The `.txt` members of the one level that is imported, by lower-case base name; refuses ambiguous archives. */
function pickMembers(zipPath: string, entries: StreamZip.ZipEntry[], declaredCount: number): Map<string, StreamZip.ZipEntry> {
  if (declaredCount !== entries.length) {
    // node-stream-zip keys entries by name: a name stored twice shows up as a lower count.
    throw new DataError('AMBIGUOUS_FEED', { file: path.basename(zipPath) }, {
      de: `ist mehrdeutig: ${declaredCount - entries.length} Einträge kommen doppelt vor`,
      en: `is ambiguous: ${declaredCount - entries.length} entries occur twice`,
    });
  }
  const texts = entries.filter((entry) => !entry.isDirectory && !isJunk(entry.name) && entry.name.toLowerCase().endsWith('.txt'));
  const byBase = new Map<string, string>();
  for (const entry of texts) {
    const base = (entry.name.split('/').pop() ?? entry.name).toLowerCase();
    const other = byBase.get(base);
    if (other !== undefined) throw ambiguous(zipPath, other, entry.name);
    byBase.set(base, entry.name);
  }
  const folderOf = (name: string): string => name.slice(0, name.lastIndexOf('/') + 1);
  const folders = new Set(texts.map((entry) => folderOf(entry.name)));
  // The gtfs package reads the top level, or else the single folder holding .txt files. An archive
  // without any .txt file is read at the top level, so it is refused as "not a GTFS feed" (no core file).
  const level = folders.has('') || folders.size === 0 ? '' : folders.size === 1 ? [...folders][0]! : undefined;
  if (level === undefined) {
    const [first, second] = [...folders].sort();
    throw new DataError('AMBIGUOUS_FEED', { file: path.basename(zipPath) }, {
      de: `ist mehrdeutig: GTFS-Dateien in mehreren Ordnern ("${first}", "${second}")`,
      en: `is ambiguous: GTFS files in several folders ("${first}", "${second}")`,
    });
  }
  const members = new Map<string, StreamZip.ZipEntry>();
  for (const entry of texts) {
    const base = (entry.name.split('/').pop() ?? entry.name).toLowerCase();
    if (folderOf(entry.name) === level) members.set(base, entry);
    else if (GTFS_FILE_NAMES.has(base)) {
      const inLevel = texts.find((other) => folderOf(other.name) === level);
      throw new DataError('AMBIGUOUS_FEED', { file: path.basename(zipPath) }, {
        de: `ist mehrdeutig: "${entry.name}" liegt auf einer anderen Ebene als "${inLevel?.name ?? level}"`,
        en: `is ambiguous: "${entry.name}" lies on another level than "${inLevel?.name ?? level}"`,
      });
    }
  }
  return members;
}

/** File names defined by the GTFS Schedule reference. */
const GTFS_FILE_NAMES = new Set(
  [
    'agency', 'stops', 'routes', 'trips', 'stop_times', 'calendar', 'calendar_dates', 'fare_attributes', 'fare_rules',
    'timeframes', 'fare_media', 'fare_products', 'fare_leg_rules', 'fare_transfer_rules', 'areas', 'stop_areas', 'networks',
    'route_networks', 'shapes', 'frequencies', 'transfers', 'pathways', 'levels', 'location_groups', 'location_group_stops',
    'booking_rules', 'translations', 'feed_info', 'attributions',
  ].map((name) => `${name}.txt`),
);

/** Refuses a member from the zip's directory alone: too big, or compressed suspiciously well. */
function checkDeclared(zipPath: string, fileName: string, entry: StreamZip.ZipEntry, limits: FeedLimits): void {
  if (entry.size > limits.maxFileBytes) throw tooLarge(zipPath, fileName, entry.size, limits.maxFileBytes, 'file');
  const ratio = entry.size / Math.max(entry.compressedSize, 1);
  if (entry.size > RATIO_EXEMPT_BYTES && ratio > limits.maxCompressionRatio) {
    throw new DataError('ZIP_BOMB', { file: `${path.basename(zipPath)}/${fileName}` }, {
      de: `ist ${Math.round(ratio)}:1 komprimiert (${megabytes(entry.size)} entpackt), mehr als ${limits.maxCompressionRatio}:1 — keine echte GTFS-Datei`,
      en: `is compressed ${Math.round(ratio)}:1 (${megabytes(entry.size)} unpacked), more than ${limits.maxCompressionRatio}:1 — not a real GTFS file`,
    });
  }
}

/** Streams a member, stopping as soon as it grows past its declared size or the limits. */
async function* streamLimited(zip: StreamZip.StreamZipAsync, entry: StreamZip.ZipEntry, fileName: string, budget: SizeBudget, zipPath: string): AsyncIterable<Buffer> {
  let stream: NodeJS.ReadableStream;
  try {
    stream = await zip.stream(entry.name);
  } catch (error) {
    throw unreadable(zipPath, fileName, error);
  }
  let bytes = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      budget.checkFile(fileName, bytes);
      if (bytes > entry.size) throw unreadable(zipPath, fileName, new Error('more data than the zip directory declares'));
      budget.add(fileName, bytes);
      yield chunk;
    }
  } catch (error) {
    if (error instanceof DataError) throw error;
    throw unreadable(zipPath, fileName, error);
  } finally {
    // Also when the reader stops early (a data error further on): release the inflater.
    (stream as unknown as { destroy?: () => void }).destroy?.();
  }
}

function unreadable(zipPath: string, fileName: string, error: unknown): DataError {
  const reason = String(error instanceof Error ? error.message : error).split('\n')[0];
  return new DataError('NOT_A_ZIP', { file: `${path.basename(zipPath)}/${fileName}` }, {
    de: `lässt sich nicht entpacken (${reason})`,
    en: `cannot be unpacked (${reason})`,
  }, { cause: error });
}

/** SHA-256 over each file's name, length and bytes, streamed (a file may be gigabytes). */
async function hashFiles(names: string[], pathOf: (name: string) => string): Promise<string> {
  const hash = createHash('sha256');
  for (const name of names) {
    const file = pathOf(name);
    // The same key as hashing the whole content read at once: the length, then the bytes.
    hash.update(`${name}\0${(await stat(file)).size}\0`);
    for await (const chunk of createReadStream(file, { highWaterMark: STREAM_CHUNK_BYTES }) as AsyncIterable<Buffer>) hash.update(chunk);
  }
  return hash.digest('hex');
}
