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
 * is stale and the feeds are loaded the normal way, which checks those files. Integrity: like the
 * per-feed snapshot, the file carries a SHA-256 of its payload; a mismatch discards it with one
 * warning.
 */
import { createHash, randomUUID } from 'node:crypto';
import { open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { UserText } from '../errors.js';
import { CACHE_FORMAT_VERSION } from './cache-format.js';
import { SNAPSHOT_VERSION } from './read-feed-part.js';
import type { FeedSet } from './load-feeds.js';

/** Bumped when the layout of FeedSet changes; part of the file name. */
const FEED_SET_VERSION = 1;
const MAGIC = Buffer.from(`ERBSET${FEED_SET_VERSION}`, 'latin1');
const HASH_BYTES = 32;

/** The snapshot file for these feed paths, or undefined when a path cannot be read (the normal load reports it). */
export async function feedSetSnapshotPath(paths: readonly string[], cacheDir: string): Promise<string | undefined> {
  const identity: unknown[] = [FEED_SET_VERSION, CACHE_FORMAT_VERSION, SNAPSHOT_VERSION];
  try {
    for (const feedPath of paths) {
      const resolved = path.resolve(feedPath);
      const info = await stat(resolved);
      if (info.isDirectory()) {
        const files = (await readdir(resolved)).filter((name) => name.toLowerCase().endsWith('.txt')).sort();
        const stats = await Promise.all(files.map((name) => stat(path.join(resolved, name))));
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

/** A cache file a snapshot was made from (its name in the cache folder), with the size and modification time it had then. */
type Dependency = [name: string, size: number, mtimeMs: number];

/**
 * Reads a feed-set snapshot; undefined when there is none, when a cache file it was made from has
 * changed, or when it is damaged (then removed, with a warning).
 */
export async function readFeedSetSnapshot(file: string, onWarning?: (message: UserText) => void): Promise<FeedSet | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    return undefined;
  }
  const head = MAGIC.length;
  const payload = bytes.subarray(head + HASH_BYTES);
  let stored: { dependencies: Dependency[]; feeds: FeedSet } | undefined;
  if (
    bytes.length >= head + HASH_BYTES &&
    bytes.subarray(0, head).equals(MAGIC) &&
    createHash('sha256').update(payload).digest().equals(bytes.subarray(head, head + HASH_BYTES))
  ) {
    try {
      stored = deserialize(payload) as { dependencies: Dependency[]; feeds: FeedSet };
    } catch {
      stored = undefined;
    }
  }
  if (!stored) {
    onWarning?.({
      de: `Cache-Datei ${file} ist beschädigt (Prüfsumme stimmt nicht) und wird neu erzeugt`,
      en: `cache file ${file} is damaged (checksum mismatch) and is rebuilt`,
    });
    await rm(file, { force: true }).catch(() => undefined);
    return undefined;
  }
  // Relative to the snapshot's own folder: a copied cache folder is checked against its own files.
  for (const [name, size, mtimeMs] of stored.dependencies) {
    const info = await stat(path.join(path.dirname(file), name)).catch(() => undefined);
    if (!info || info.size !== size || info.mtimeMs !== mtimeMs) return undefined;
  }
  for (const feed of stored.feeds.feeds) feed.cacheHit = true;
  return stored.feeds;
}

/**
 * Writes a feed-set snapshot atomically (temporary name, then rename), listing the per-feed cache
 * files it was made from; a read-only cache is no error.
 */
export async function writeFeedSetSnapshot(file: string, feeds: FeedSet, madeFrom: readonly string[]): Promise<void> {
  const partial = `${file}.partial-${process.pid}-${randomUUID()}`;
  try {
    const dependencies: Dependency[] = [];
    for (const dependency of madeFrom) {
      const info = await stat(dependency);
      dependencies.push([path.relative(path.dirname(file), dependency), info.size, info.mtimeMs]);
    }
    const payload = serialize({ dependencies, feeds });
    // Piece by piece, not concatenated: the payload of a big feed set is hundreds of megabytes.
    const handle = await open(partial, 'w');
    try {
      for (const piece of [MAGIC, createHash('sha256').update(payload).digest(), payload]) await handle.writeFile(piece);
    } finally {
      await handle.close();
    }
    await rename(partial, file);
  } catch {
    await rm(partial, { force: true }).catch(() => undefined);
  }
}
