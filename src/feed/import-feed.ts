/**
 * Imports one GTFS feed with the `gtfs` package into an SQLite file of the cache, keyed by the
 * feed's content: an unchanged feed is never imported twice, whatever other feeds it is merged
 * with. Each feed gets a database of its own, so colliding ids of different feeds (BördeBus and
 * MVB both use service ids 1…39) never meet in one table.
 *
 * What is imported is exactly what was validated: the checked files (decoded to UTF-8) are
 * written to a work folder in TMPDIR and the `gtfs` package imports that folder, never the zip.
 *
 * Two products, in this order: the router's snapshot (`<key>.v2.part`, built by the streaming
 * validation itself, see `build-feed-part.ts`), then the queryable SQLite database the `gtfs`
 * package writes (for county tools that query it). The router never waits for the database:
 * {@link ImportFeedOptions.sqlite} `skip` leaves it out (for a Germany-size feed of 35 M stop
 * times the database is three quarters of the import time, ~15 of ~19 minutes on two cores, and
 * 7.9 GB on disk), `complete` adds it to an entry imported without it. The `gtfs` package
 * imports through a database we open, with its own pragmas (no journal, no fsync) but temporary
 * sort files on disk, not in memory, so building its indexes over tens of millions of rows does
 * not grow the process by gigabytes.
 *
 * The database is written under a temporary name and renamed into place only when the import
 * succeeded, so a failed or interrupted import never leaves a half-written cache entry behind.
 * The work folder (and the copy the `gtfs` package makes of it, see {@link gtfsTempRoot}) is
 * removed after every import, failed or not, and on SIGINT/SIGTERM during an import.
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DataError, ErreichbarError, UsageError } from '../errors.js';
import type { FeedSource } from './feed-source.js';
import Database from 'better-sqlite3';
import { CACHE_FORMAT_VERSION } from './cache-format.js';
import { validateFeed, type FeedValidation } from './validate-feed.js';
import { snapshotPathFor, writeFeedPartSnapshot, type FeedPart } from './read-feed-part.js';

export { CACHE_FORMAT_VERSION };

/** A feed present in the cache. */
export interface ImportedFeed {
  /** Cache key: SHA-256 of the cache format version and the feed's files. */
  key: string;
  /** Path of the SQLite database (absent when the feed was imported with `sqlite: 'skip'`); the snapshot lies beside it. */
  sqlitePath: string;
  /** The router's part, when the feed was just imported (a cache hit reads it from the snapshot). */
  part?: FeedPart;
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
  /** Name the feed (its file name) in data errors: set when several feeds are loaded together. */
  nameFeed?: boolean;
  /**
   * The queryable SQLite database: `write` (default) writes it with every import; `skip` writes
   * only the router's snapshot (much faster for a very large feed); `complete` is `write` and
   * also imports a cached feed again whose entry has no database yet.
   */
  sqlite?: 'write' | 'skip' | 'complete';
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
  const sqlite = options.sqlite ?? 'write';
  const cached = await readMeta(metaPath);
  const hasDatabase = await exists(sqlitePath);
  // An entry without its database serves the router through its snapshot (else it is re-imported).
  if (cached && (hasDatabase || (sqlite !== 'complete' && (await exists(snapshotPathFor(sqlitePath)))))) {
    return { key, sqlitePath, cacheHit: true, validation: cached.validation };
  }

  await prepareCacheDir(options.cacheDir);
  await removeStalePartials(options.cacheDir);
  // Unique per import, also within one process: two imports of the same feed may run at once.
  const partial = `${sqlitePath}.partial-${process.pid}-${randomUUID()}`;
  // Writing a first (empty) file proves the cache is writable before any work is done, so a
  // read-only cache is named as such instead of blaming the feed.
  await writeFile(partial, '').catch((error: unknown) => {
    throw cacheDirError(options.cacheDir, error);
  });

  const work = await startWork(partial);
  try {
    options.onProgress?.(`${source.label}: prüfe Dateien …`);
    const feedDir = path.join(work.dir, 'feed');
    await mkdir(feedDir);
    let validation: FeedValidation;
    let part: FeedPart;
    try {
      ({ validation, part } = await validateFeed(source, { workDir: feedDir }));
    } catch (error) {
      if (options.nameFeed && error instanceof DataError) {
        const feedName = path.basename(source.path);
        throw new DataError(error.code, { file: feedName }, { de: error.message, en: error.messageEn }, { cause: error });
      }
      // Writing the checked files to the work folder failed: TMPDIR, not the feed.
      const { code, path: where } = error as NodeJS.ErrnoException;
      if (code && ENVIRONMENT_ERRORS.has(code) && String(where ?? '').startsWith(work.dir)) throw tempDirError(error);
      throw error;
    }
    // The router's snapshot first: everything the router needs is there before SQLite starts.
    await writeFeedPartSnapshot(sqlitePath, part).catch((error: unknown) => {
      throw cacheDirError(options.cacheDir, error);
    });
    if (sqlite === 'skip') {
      await rm(partial, { force: true });
      await writeMetaFile(metaPath, work, { formatVersion: CACHE_FORMAT_VERSION, label: source.label, validation, sqlite: false }, options.cacheDir);
      return { key, sqlitePath, part, cacheHit: false, validation };
    }

    // Loaded only when a feed really has to be imported: it takes a few hundred milliseconds.
    const { importGtfs } = await loadGtfs();
    options.onProgress?.(`${source.label}: importiere in den Cache …`);
    let db: Database.Database | undefined;
    try {
      db = new Database(partial);
      // The gtfs package's own pragmas, except temp_store: its default (MEMORY) holds every
      // index sort in RAM, gigabytes for a Germany-size stop_times; files in TMPDIR instead.
      db.pragma('journal_mode = OFF');
      db.pragma('synchronous = OFF');
      db.pragma(`temp_store_directory = '${(await gtfsTempRoot()).replace(/'/g, "''")}'`);
      db.pragma('temp_store = FILE');
      db.pragma('cache_size = -262144');
      await importGtfs({
        db,
        sqlitePath: partial,
        agencies: [{ path: feedDir }],
        ignoreDuplicates: false,
        // verbose must be on for the log function to be called at all; it only feeds progress.
        verbose: true,
        logFunction: (message: string) => {
          const text = String(message).replace(/\r/g, '').trim();
          if (text.startsWith('Importing - ') && !text.includes('No file found')) options.onProgress?.(`${source.label}: ${text.slice(12)}`);
        },
      });
    } catch (error) {
      // Our handle is the only one: the gtfs package keeps none of a database it was given.
      db?.close();
      const code = (error as NodeJS.ErrnoException).code;
      if (code && ENVIRONMENT_ERRORS.has(code)) {
        const file = String((error as NodeJS.ErrnoException).path ?? '');
        throw file.startsWith(path.resolve(options.cacheDir)) ? cacheDirError(options.cacheDir, error) : tempDirError(error);
      }
      throw new DataError('IMPORT_FAILED', { file: source.path }, { de: `konnte nicht importiert werden: ${firstLine(error)}`, en: `could not be imported: ${firstLine(error)}` }, { cause: error });
    }
    db.close();
    await rename(partial, sqlitePath).catch((error: unknown) => {
      throw cacheDirError(options.cacheDir, error);
    });
    await writeMetaFile(metaPath, work, { formatVersion: CACHE_FORMAT_VERSION, label: source.label, validation, sqlite: true }, options.cacheDir);
    return { key, sqlitePath, part, cacheHit: false, validation };
  } finally {
    await work.finish();
  }
}

/** Writes the entry's meta file atomically; it is written last, so an entry without it is no entry. */
async function writeMetaFile(metaPath: string, work: { partials: string[] }, meta: object, cacheDir: string): Promise<void> {
  const metaPartial = `${metaPath}.partial-${process.pid}-${randomUUID()}`;
  work.partials.push(metaPartial);
  try {
    await writeFile(metaPartial, JSON.stringify(meta));
    await rename(metaPartial, metaPath);
  } catch (error) {
    throw cacheDirError(cacheDir, error);
  }
}

/** Error codes of the file system that say something about the machine, not the feed. */
const ENVIRONMENT_ERRORS = new Set(['ENOSPC', 'EDQUOT', 'EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EEXIST', 'EIO', 'EMFILE', 'ENFILE', 'ENOENT']);

function errnoOf(error: unknown): string {
  return (error as NodeJS.ErrnoException | undefined)?.code ?? firstLine(error);
}

/** The cache folder cannot be created or written: a usage problem naming the folder (exit 2). */
function cacheDirError(cacheDir: string, error: unknown): UsageError {
  const code = errnoOf(error);
  return new UsageError(
    {
      de: `--cache-dir: in den Cache-Ordner "${cacheDir}" kann nicht geschrieben werden (${code}); ein anderer Ordner geht mit --cache-dir`,
      en: `--cache-dir: cannot write to the cache folder "${cacheDir}" (${code}); choose another with --cache-dir`,
    },
    '--cache-dir',
    'CACHE_DIR_UNWRITABLE',
  );
}

/** TMPDIR is full or unwritable: names the folder (exit 1). */
function tempDirError(error: unknown): ErreichbarError {
  const code = errnoOf(error);
  const where = (error as NodeJS.ErrnoException | undefined)?.path ?? os.tmpdir();
  return new ErreichbarError('TEMP_DIR_FAILED', {
    de: `Temporärer Ordner ${os.tmpdir()}: ${where} kann nicht geschrieben werden (${code}); Platz schaffen oder TMPDIR auf einen anderen Ordner setzen`,
    en: `temporary folder ${os.tmpdir()}: cannot write ${where} (${code}); free some space or point TMPDIR elsewhere`,
  });
}

async function prepareCacheDir(cacheDir: string): Promise<void> {
  try {
    await mkdir(cacheDir, { recursive: true });
  } catch (error) {
    const code = errnoOf(error);
    // EEXIST from a recursive mkdir: the path is there, but not as a folder.
    const why = code === 'EEXIST' ? { de: 'ist eine Datei, kein Ordner', en: 'is a file, not a folder' } : code === 'ENOTDIR' ? { de: 'liegt unter einer Datei', en: 'lies below a file' } : undefined;
    throw new UsageError(
      {
        de: `--cache-dir: Cache-Ordner "${cacheDir}" kann nicht angelegt werden (${why ? `${why.de}, ` : ''}${code})`,
        en: `--cache-dir: cannot create the cache folder "${cacheDir}" (${why ? `${why.en}, ` : ''}${code})`,
      },
      '--cache-dir',
      'CACHE_DIR_UNWRITABLE',
    );
  }
}

/**
 * The folder in TMPDIR that holds this process's import work: each import's own folder and the
 * temporary folders of the `gtfs` package, which takes its TMPDIR once, when first loaded (see
 * {@link loadGtfs}). Removed when the process exits.
 */
let tempRoot: string | undefined;
let gtfsModule: Promise<typeof import('gtfs')> | undefined;
let importsRunning = 0;
const partialsRunning = new Set<string>();

/** The process's work folder in TMPDIR (created on first use). */
export async function gtfsTempRoot(): Promise<string> {
  if (tempRoot === undefined) {
    await removeOrphanedRoots();
    try {
      tempRoot = await mkdtemp(path.join(os.tmpdir(), `erreichbar-import-${process.pid}-`));
    } catch (error) {
      throw tempDirError(error);
    }
    const root = tempRoot;
    process.once('exit', () => rmSync(root, { recursive: true, force: true }));
  }
  return tempRoot;
}

/**
 * Loads the `gtfs` package with TMPDIR pointing at our work folder, so the copy it unpacks
 * lives where we clean up. (Its temp-dir dependency reads TMPDIR once, at load time.)
 */
async function loadGtfs(): Promise<typeof import('gtfs')> {
  if (gtfsModule === undefined) {
    const root = await gtfsTempRoot();
    const before = process.env.TMPDIR;
    process.env.TMPDIR = root;
    gtfsModule = import('gtfs');
    try {
      await gtfsModule;
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
    }
  }
  return gtfsModule;
}

/** Removes the work folders of processes that died without cleaning up (SIGKILL, power loss). */
async function removeOrphanedRoots(): Promise<void> {
  for (const name of await readdir(os.tmpdir()).catch(() => [] as string[])) {
    const pid = Number(/^erreichbar-import-(\d+)-/.exec(name)?.[1]);
    if (!pid || pid === process.pid || isAlive(pid)) continue;
    await rm(path.join(os.tmpdir(), name), { recursive: true, force: true }).catch(() => undefined);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes everything an import leaves behind, synchronously (for signal handlers). */
function removeLeftoversSync(): void {
  for (const file of partialsRunning) rmSync(file, { force: true });
  if (tempRoot !== undefined) rmSync(tempRoot, { recursive: true, force: true });
}

function onSignal(signal: NodeJS.Signals): void {
  removeLeftoversSync();
  process.removeListener('SIGINT', onSignal);
  process.removeListener('SIGTERM', onSignal);
  // Die of the same signal, as if nobody had listened.
  process.kill(process.pid, signal);
}

/** Starts one import: its work folder, and cleanup of it (and the partial database) on SIGINT/SIGTERM. */
async function startWork(partial: string): Promise<{ dir: string; partials: string[]; finish: () => Promise<void> }> {
  // Listen before anything is created, so a signal at any later moment finds it to remove.
  partialsRunning.add(partial);
  if (importsRunning++ === 0) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  const stopListening = (): void => {
    partialsRunning.delete(partial);
    if (--importsRunning === 0) {
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
    }
  };
  let root: string;
  let dir: string;
  try {
    root = await gtfsTempRoot();
    dir = await mkdtemp(path.join(root, 'feed-'));
  } catch (error) {
    stopListening();
    await rm(partial, { force: true });
    throw error instanceof ErreichbarError ? error : tempDirError(error);
  }
  const partials = [partial];
  return {
    dir,
    partials,
    finish: async () => {
      for (const file of partials) await rm(file, { force: true }).catch(() => undefined);
      await rm(dir, { recursive: true, force: true }).catch(() => undefined);
      stopListening();
      if (importsRunning === 0) {
        // The gtfs package's own folders (named by it) are removed once no import runs any more.
        for (const name of await readdir(root).catch(() => [] as string[])) {
          if (!name.startsWith('feed-')) await rm(path.join(root, name), { recursive: true, force: true }).catch(() => undefined);
        }
      }
    },
  };
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
