/**
 * The NASA GTFS feeds from the open-data portal, for a machine that has none: download, check that
 * each is a readable GTFS zip, keep it in the cache folder with its download date. `--gtfs` then
 * defaults to them (see {@link downloadedFeeds}).
 *
 * Every file is written to a temporary name and renamed only after it passed the check, and the
 * list of downloads (`downloads.json`) is replaced the same way, so an interrupted or failed
 * download leaves the previous state as it was.
 *
 * Limits: the portal address ({@link NASA_GTFS_BASE_URL}) is the best-known one and may move
 * (it could not be checked from the machine this was written on); without `--url` a file that
 * cannot be fetched there, or is no readable GTFS zip, is fetched from the public copy
 * ({@link NASA_GTFS_MIRROR_URL}), and `downloads.json` records which address each file came
 * from. `--url` or `ERREICHBAR_GTFS_URL` point elsewhere (a mirror, a test server) and are the
 * only address then. No resume of partial downloads; each file may be at most
 * {@link MAX_DOWNLOAD_BYTES}.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DataError, ErreichbarError, UsageError } from '../errors.js';
import { openFeedSource } from './feed-source.js';
import { validateFeed } from './validate-feed.js';

/**
 * Where the NASA (Nahverkehrsservice Sachsen-Anhalt) open-data portal serves the GTFS zips: the
 * ONE place this address is written. A file's URL is this base plus its name, e.g.
 * `…/gtfs_boerdebus_std_kn.zip`. Overridden by `feeds download --url` or `ERREICHBAR_GTFS_URL`.
 */
export const NASA_GTFS_BASE_URL = 'https://www.nasa.de/fileadmin/opendata/gtfs/';

/**
 * A public copy of the same NASA zips (same file names, CC BY 4.0 as published by NASA), in the
 * open-data repository of the Smart City Magdeburg 2026 hackathon, which several public projects
 * read them from. Tried for a file only when {@link NASA_GTFS_BASE_URL} fails for it; its files
 * may be older than the portal's (the download date and address are kept per file).
 */
export const NASA_GTFS_MIRROR_URL = 'https://raw.githubusercontent.com/SmartCityMagdeburg2026/Datasources/main/data/OEV-Daten_NASA_GmbH/GTFS/';

/**
 * The NASA feeds, the district's operator (BördeBus) first: day types are read from the first
 * feed. Short name → file name.
 */
export const NASA_FEEDS = [
  { name: 'boerdebus', file: 'gtfs_boerdebus_std_kn.zip' },
  { name: 'mvb', file: 'gtfs_mvb_std_kn.zip' },
  { name: 'kvg', file: 'gtfs_kvg_std_kn.zip' },
  { name: 'njl', file: 'gtfs_njl_std_kn.zip' },
  { name: 'pvgs', file: 'gtfs_pvgs_std_kn.zip' },
] as const;

/** The largest file accepted, bytes (the NASA zips are 0.3–1.5 MB). */
export const MAX_DOWNLOAD_BYTES = 500 * 1024 * 1024;

/** One downloaded feed as recorded in `downloads.json`. */
export interface DownloadedFeed {
  /** Short name, e.g. `boerdebus`. */
  name: string;
  /** File name in the download folder, e.g. `gtfs_boerdebus_std_kn.zip`. */
  file: string;
  /** Absolute path of the zip. */
  path: string;
  /** Where it came from. */
  url: string;
  /** When it was downloaded, ISO 8601 UTC. */
  downloadedAt: string;
  /** Size in bytes. */
  bytes: number;
  /** SHA-256 of the zip, hex. */
  sha256: string;
}

/** Options of {@link downloadFeeds}. */
export interface DownloadFeedsOptions {
  /** The cache folder; downloads go to its `feeds/` subfolder. */
  cacheDir: string;
  /**
   * Base URL, or several tried in order for each file (the next one when a file cannot be
   * fetched or is no readable GTFS zip); a file's URL is base + file name. Default:
   * {@link NASA_GTFS_BASE_URL}, then {@link NASA_GTFS_MIRROR_URL}.
   */
  baseUrl?: string | readonly string[];
  /** Short names to fetch (default: all of {@link NASA_FEEDS}). */
  names?: readonly string[];
  /** Seconds to wait for one file before giving up (default 300). */
  timeoutSeconds?: number;
  /** Progress messages (one per file). */
  onProgress?: (message: string) => void;
  /** The clock (for tests); default `new Date()`. */
  now?: () => Date;
}

const MANIFEST = 'downloads.json';
const MANIFEST_VERSION = 1;

/** The folder the downloads are kept in. */
export function downloadFolder(cacheDir: string): string {
  return path.join(cacheDir, 'feeds');
}

/**
 * Downloads the feeds, checks each with the same validation as an import (a zip with the GTFS
 * files, readable rows), and keeps them. Returns what is now downloaded, in {@link NASA_FEEDS} order.
 *
 * @throws {UsageError} for an unknown short name or a base URL that is not http(s).
 * @throws {ErreichbarError} `DOWNLOAD_FAILED` when a file cannot be fetched (naming its URL and
 *   the HTTP status or network error); {@link DataError} when it is not a readable GTFS zip.
 * @example
 * ```ts
 * const feeds = await downloadFeeds({ cacheDir: '.cache' });
 * const set = await loadFeeds(feeds.map((feed) => feed.path), { cacheDir: '.cache' });
 * ```
 */
export async function downloadFeeds(options: DownloadFeedsOptions): Promise<DownloadedFeed[]> {
  const given = options.baseUrl === undefined ? [NASA_GTFS_BASE_URL, NASA_GTFS_MIRROR_URL] : typeof options.baseUrl === 'string' ? [options.baseUrl] : [...options.baseUrl];
  const bases = given.map((base) => {
    let baseUrl: URL;
    try {
      baseUrl = new URL(base.endsWith('/') ? base : `${base}/`);
    } catch {
      baseUrl = new URL('invalid:');
    }
    if (baseUrl.protocol !== 'https:' && baseUrl.protocol !== 'http:') {
      throw new UsageError({ de: `--url muss eine http(s)-Adresse sein, nicht "${base}"`, en: `--url must be an http(s) address, got "${base}"` }, '--url');
    }
    return baseUrl;
  });
  const wanted = options.names && options.names.length > 0 ? options.names : NASA_FEEDS.map((feed) => feed.name);
  const known = NASA_FEEDS.map((feed) => feed.name) as readonly string[];
  for (const name of wanted) {
    if (!known.includes(name)) {
      throw new UsageError(
        { de: `unbekannter Fahrplan "${name}"; bekannt: ${known.join(', ')}`, en: `unknown feed "${name}"; known: ${known.join(', ')}` },
        'feeds',
      );
    }
  }
  const folder = downloadFolder(options.cacheDir);
  await mkdir(folder, { recursive: true });
  const fetched: DownloadedFeed[] = [];
  for (const feed of NASA_FEEDS.filter((candidate) => wanted.includes(candidate.name))) {
    const failures: ErreichbarError[] = [];
    for (const baseUrl of bases) {
      const url = new URL(feed.file, baseUrl).href;
      options.onProgress?.(`${feed.file} ← ${url}`);
      try {
        fetched.push(await downloadOne(feed, url, folder, options));
        break;
      } catch (error) {
        if (!(error instanceof ErreichbarError) || bases.length === 1) throw error;
        failures.push(error);
      }
    }
    if (failures.length === bases.length) {
      // Every address failed: one line naming each.
      throw new ErreichbarError(
        'DOWNLOAD_FAILED',
        { de: failures.map((failure) => failure.messageIn('de')).join('; '), en: failures.map((failure) => failure.messageIn('en')).join('; ') },
        { cause: failures[0] },
      );
    }
  }
  // The list keeps earlier downloads of feeds not fetched this time.
  const previous = await downloadedFeeds(options.cacheDir);
  const byName = new Map(previous.map((feed) => [feed.name, feed]));
  for (const feed of fetched) byName.set(feed.name, feed);
  const all = NASA_FEEDS.flatMap((feed) => byName.get(feed.name) ?? []);
  await writeAtomically(
    path.join(folder, MANIFEST),
    `${JSON.stringify({ version: MANIFEST_VERSION, feeds: all.map(({ path: _path, ...rest }) => rest) }, null, 2)}\n`,
  );
  return all;
}

async function downloadOne(feed: { name: string; file: string }, url: string, folder: string, options: DownloadFeedsOptions): Promise<DownloadedFeed> {
  const target = path.join(folder, feed.file);
  const partial = `${target}.partial-${process.pid}-${Math.random().toString(36).slice(2)}`;
  const failed = (reason: string, reasonEn: string, cause?: unknown): ErreichbarError =>
    new ErreichbarError('DOWNLOAD_FAILED', { de: `${url}: Download fehlgeschlagen: ${reason}`, en: `${url}: download failed: ${reasonEn}` }, { cause });
  try {
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout((options.timeoutSeconds ?? 300) * 1000), redirect: 'follow' });
    } catch (error) {
      const text = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
      throw failed(text, text, error);
    }
    if (!response.ok || !response.body) {
      await response.body?.cancel().catch(() => undefined);
      throw failed(`HTTP ${response.status}`, `HTTP ${response.status}`);
    }
    const hash = createHash('sha256');
    let bytes = 0;
    const count = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        if (bytes > MAX_DOWNLOAD_BYTES) {
          done(failed(`größer als ${MAX_DOWNLOAD_BYTES} Bytes`, `larger than ${MAX_DOWNLOAD_BYTES} bytes`));
          return;
        }
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), count, createWriteStream(partial));
    } catch (error) {
      if (error instanceof ErreichbarError) throw error;
      const text = error instanceof Error ? error.message : String(error);
      throw failed(text, text, error);
    }
    await checkGtfsZip(partial, url);
    await rename(partial, target);
    return {
      name: feed.name,
      file: feed.file,
      path: target,
      url,
      downloadedAt: (options.now?.() ?? new Date()).toISOString(),
      bytes,
      sha256: hash.digest('hex'),
    };
  } finally {
    await rm(partial, { force: true });
  }
}

/** The project's feed validation on the downloaded file; a failure names the URL. */
async function checkGtfsZip(file: string, url: string): Promise<void> {
  let source;
  try {
    source = await openFeedSource(file);
    await validateFeed(source);
  } catch (error) {
    if (error instanceof DataError || error instanceof UsageError) {
      const strip = (message: string): string => message.replace(file, '').replace(/^:?\s*/, '');
      throw new DataError(
        error instanceof DataError ? error.code : 'NOT_GTFS',
        { file: url },
        { de: `ist keine lesbare GTFS-Zip-Datei (${strip(error.message)})`, en: `is not a readable GTFS zip (${strip(error.messageEn)})` },
        { cause: error },
      );
    }
    throw error;
  } finally {
    await source?.close();
  }
}

/**
 * The feeds downloaded into a cache folder by {@link downloadFeeds}, in {@link NASA_FEEDS} order
 * (BördeBus first); empty when none are (or the list is unreadable, or a listed file is gone).
 */
export async function downloadedFeeds(cacheDir: string): Promise<DownloadedFeed[]> {
  const folder = downloadFolder(cacheDir);
  let manifest: { version?: number; feeds?: Omit<DownloadedFeed, 'path'>[] };
  try {
    manifest = JSON.parse(await readFile(path.join(folder, MANIFEST), 'utf8')) as typeof manifest;
  } catch {
    return [];
  }
  if (manifest.version !== MANIFEST_VERSION || !Array.isArray(manifest.feeds)) return [];
  const feeds: DownloadedFeed[] = [];
  for (const feed of manifest.feeds) {
    if (typeof feed?.file !== 'string' || path.basename(feed.file) !== feed.file) continue;
    const file = path.join(folder, feed.file);
    if (!(await stat(file).then((info) => info.isFile(), () => false))) continue;
    feeds.push({ ...feed, path: file });
  }
  return feeds;
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const partial = `${file}.partial-${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    await writeFile(partial, text);
    await rename(partial, file);
  } finally {
    await rm(partial, { force: true });
  }
}
