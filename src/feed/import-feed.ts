/**
 * Imports one GTFS feed with the `gtfs` package into an SQLite file of the cache, keyed by the
 * feed's content: an unchanged feed is never imported twice, whatever other feeds it is merged
 * with. Each feed gets a database of its own, so colliding ids of different feeds (BördeBus and
 * MVB both use service ids 1…39) never meet in one table.
 *
 * The database is written under a temporary name and renamed into place only when the import
 * succeeded, so a failed or interrupted import never leaves a half-written cache entry behind.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DataError } from '../errors.js';
import type { FeedSource } from './feed-source.js';
import { validateFeed, type FeedValidation } from './validate-feed.js';
import { snapshotPathFor } from './read-feed-part.js';

/**
 * Bumped whenever the layout of a cache entry or the validation changes, so old entries are
 * ignored instead of misread.
 */
export const CACHE_FORMAT_VERSION = 1;

/** A feed present in the cache. */
export interface ImportedFeed {
  /** Cache key: SHA-256 of the cache format version and the feed's files. */
  key: string;
  /** Path of the SQLite database. */
  sqlitePath: string;
  /** True if the feed was already in the cache. */
  cacheHit: boolean;
  /** Problems found by validation when the feed was imported. */
  validation: FeedValidation;
}

/** Options for {@link importFeed}. */
export interface ImportFeedOptions {
  /** Folder for the cache; created if missing. */
  cacheDir: string;
  /** Receives short progress messages (for stderr). */
  onProgress?: (message: string) => void;
  /** Discard a cached entry of this feed (found damaged) and import again. */
  discardCached?: boolean;
}

/** Validates and imports a feed, or finds it in the cache. */
export async function importFeed(source: FeedSource, options: ImportFeedOptions): Promise<ImportedFeed> {
  const contentHash = await source.contentHash();
  const key = `v${CACHE_FORMAT_VERSION}-${contentHash.slice(0, 32)}`;
  const sqlitePath = path.join(options.cacheDir, `${key}.sqlite`);
  const metaPath = path.join(options.cacheDir, `${key}.json`);
  if (options.discardCached) {
    for (const file of [sqlitePath, metaPath, snapshotPathFor(sqlitePath)]) await rm(file, { force: true }).catch(() => undefined);
  }
  const cached = await readMeta(metaPath);
  if (cached && (await exists(sqlitePath))) {
    return { key, sqlitePath, cacheHit: true, validation: cached.validation };
  }

  await mkdir(options.cacheDir, { recursive: true });
  await removeStalePartials(options.cacheDir);
  options.onProgress?.(`${source.label}: prüfe Dateien …`);
  const validation = await validateFeed(source);

  // Unique per import, also within one process: two imports of the same feed may run at once.
  const partial = `${sqlitePath}.partial-${process.pid}-${randomUUID()}`;
  // Loaded only when a feed really has to be imported: it takes a few hundred milliseconds.
  const { closeDb, importGtfs, openDb } = await import('gtfs');
  const closeDatabaseQuietly = (file: string): void => {
    try {
      // The gtfs package keeps a handle per path open after importing; release it before renaming.
      closeDb(openDb({ sqlitePath: file }));
    } catch {
      // Not open: nothing to close.
    }
  };
  options.onProgress?.(`${source.label}: importiere in den Cache …`);
  try {
    await importGtfs({
      sqlitePath: partial,
      agencies: [{ path: source.path }],
      ignoreDuplicates: false,
      // verbose must be on for the log function to be called at all; it only feeds progress.
      verbose: true,
      logFunction: (message: string) => {
        const text = String(message).replace(/\r/g, '').trim();
        if (text.startsWith('Importing - ') && !text.includes('No file found')) options.onProgress?.(`${source.label}: ${text.slice(12)}`);
      },
    });
  } catch (error) {
    closeDatabaseQuietly(partial);
    await rm(partial, { force: true });
    throw new DataError('IMPORT_FAILED', { file: source.path }, { de: `konnte nicht importiert werden: ${firstLine(error)}`, en: `could not be imported: ${firstLine(error)}` }, { cause: error });
  }
  closeDatabaseQuietly(partial);
  await rename(partial, sqlitePath);
  const metaPartial = `${metaPath}.partial-${process.pid}-${randomUUID()}`;
  await writeFile(metaPartial, JSON.stringify({ formatVersion: CACHE_FORMAT_VERSION, label: source.label, validation }));
  await rename(metaPartial, metaPath);
  return { key, sqlitePath, cacheHit: false, validation };
}

async function readMeta(metaPath: string): Promise<{ validation: FeedValidation } | undefined> {
  try {
    const meta = JSON.parse(await readFile(metaPath, 'utf8')) as { formatVersion?: number; validation?: FeedValidation };
    if (meta.formatVersion !== CACHE_FORMAT_VERSION || !meta.validation) return undefined;
    return { validation: meta.validation };
  } catch {
    return undefined;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

/** Removes partial files left by an import that was killed, once they are an hour old. */
async function removeStalePartials(cacheDir: string): Promise<void> {
  const hourAgo = Date.now() - 3600_000;
  for (const name of await readdir(cacheDir)) {
    if (!name.includes('.partial-')) continue;
    const file = path.join(cacheDir, name);
    const info = await stat(file).catch(() => undefined);
    if (info && info.mtimeMs < hourAgo) await rm(file, { force: true });
  }
}

function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error).split('\n')[0] ?? 'unknown error';
}
