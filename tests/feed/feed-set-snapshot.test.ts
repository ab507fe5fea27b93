/**
 * The snapshot of a merged feed set: a second load of the same feeds reads it (the same feed set,
 * field by field, every feed a cache hit), a damaged one (a byte flipped anywhere, cut short) is
 * discarded with one warning naming it and the feeds are loaded the normal way, a file of the old
 * layout is never read, a changed feed file or a changed per-feed cache file makes it stale
 * (loaded the normal way, silently).
 */
import { createHash } from 'node:crypto';
import { copyFileSync, readdirSync, readFileSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { serialize } from 'node:v8';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFeeds, type FeedSet } from '../../src/feed/load-feeds.js';
import { feedSetSnapshotPath, MAX_FEED_SET_SNAPSHOTS, readFeedSetSnapshot, writeFeedSetSnapshot } from '../../src/feed/feed-set-snapshot.js';
import { CACHE_FORMAT_VERSION } from '../../src/feed/cache-format.js';
import { SNAPSHOT_VERSION } from '../../src/feed/read-feed-part.js';
import { userTextIn, type UserText } from '../../src/errors.js';
import { ALL_FEEDS, fixture, sharedCacheDir, tempCacheDir } from '../helpers/paths.js';

const answers = (feeds: FeedSet): unknown => ({ ...feeds, feeds: feeds.feeds.map(({ cacheHit: _hit, ...rest }) => rest) });
const setFile = (dir: string): string => {
  const names = readdirSync(dir).filter((name) => name.endsWith('.feedset'));
  expect(names).toHaveLength(1);
  return path.join(dir, names[0]!);
};

/** The same answers, field by field and of the same types (-0 is not 0). */
function expectSameAnswers(actual: FeedSet, expected: FeedSet): void {
  // Node's comparison first: vitest's takes half a minute on 400,000 stop times; its diff is
  // wanted only when they differ.
  if (!isDeepStrictEqual(answers(actual), answers(expected))) expect(answers(actual)).toStrictEqual(answers(expected));
}

async function load(feedPaths: string[], cacheDir: string): Promise<{ feeds: FeedSet; warnings: string[] }> {
  const warnings: string[] = [];
  const feeds = await loadFeeds(feedPaths, { cacheDir, onWarning: (text: UserText) => warnings.push(userTextIn(text, 'en')) });
  return { feeds, warnings };
}

describe('feed-set snapshot', () => {
  const feedPaths = [fixture('gtfs', 'transfers'), fixture('gtfs', 'frequencies')];

  it('a second load reads it: same answers, all cache hits', async () => {
    const cacheDir = tempCacheDir();
    const first = await load(feedPaths, cacheDir);
    expect(first.feeds.feeds.map((feed) => feed.cacheHit)).toEqual([false, false]);
    setFile(cacheDir);
    const second = await load(feedPaths, cacheDir);
    expect(second.warnings).toEqual([]);
    expect(second.feeds.feeds.map((feed) => feed.cacheHit)).toEqual([true, true]);
    expect(answers(second.feeds)).toEqual(answers(first.feeds));
  });

  it('a damaged snapshot is discarded with one warning and rebuilt', async () => {
    const cacheDir = tempCacheDir();
    const fresh = await load(feedPaths, cacheDir);
    const file = setFile(cacheDir);
    const bytes = readFileSync(file);
    bytes[bytes.length - 20] = bytes[bytes.length - 20]! ^ 0x40;
    writeFileSync(file, bytes);
    const damaged = await load(feedPaths, cacheDir);
    expect(damaged.warnings).toEqual([`cache file ${file} is damaged (checksum mismatch) and is rebuilt`]);
    expect(answers(damaged.feeds)).toEqual(answers(fresh.feeds));
    expect((await load(feedPaths, cacheDir)).warnings).toEqual([]);
  });

  it('writing one removes snapshots of other versions and keeps the newest MAX_FEED_SET_SNAPSHOTS', async () => {
    const cacheDir = tempCacheDir();
    const old = ['set-0123456789abcdef0123456789abcdef.v1.feedset', 'set-fedcba9876543210fedcba9876543210.v2.feedset'];
    for (const name of old) writeFileSync(path.join(cacheDir, name), 'old');
    // Ten snapshots of this version from other feed combinations, the oldest first.
    const current = path.basename((await feedSetSnapshotPath(feedPaths, cacheDir))!);
    const others = Array.from({ length: 10 }, (_, i) => current.replace(/^set-[0-9a-f]+/, `set-${String(i).padStart(32, '0')}`));
    others.forEach((name, i) => {
      writeFileSync(path.join(cacheDir, name), 'other');
      utimesSync(path.join(cacheDir, name), 1_000_000 + i, 1_000_000 + i);
    });
    // Not a snapshot: left alone.
    writeFileSync(path.join(cacheDir, 'set-notes.txt'), 'mine');
    await load(feedPaths, cacheDir);
    const kept = readdirSync(cacheDir).filter((name) => name.endsWith('.feedset')).sort();
    expect(kept).toEqual([current, ...others.slice(-(MAX_FEED_SET_SNAPSHOTS - 1))].sort());
    expect(readdirSync(cacheDir)).toContain('set-notes.txt');
  });

  it('a changed feed file gives another snapshot; a changed cache file makes it stale', async () => {
    const cacheDir = tempCacheDir();
    const copy = tempCacheDir();
    for (const name of readdirSync(feedPaths[0]!)) copyFileSync(path.join(feedPaths[0]!, name), path.join(copy, name));
    const before = await load([copy], cacheDir);
    // Same content, new modification time: a new snapshot key (the per-feed cache still hits by content).
    const later = new Date(Date.now() + 60_000);
    utimesSync(path.join(copy, 'stops.txt'), later, later);
    const touched = await load([copy], cacheDir);
    expect(touched.feeds.feeds[0]!.cacheHit).toBe(true);
    expect(answers(touched.feeds)).toEqual(answers(before.feeds));
    expect(readdirSync(cacheDir).filter((name) => name.endsWith('.feedset'))).toHaveLength(2);
    // A per-feed snapshot that changed under the set snapshot: the normal load reads (and checks) it.
    const part = readdirSync(cacheDir).find((name) => name.endsWith('.part'))!;
    const snapshots = readdirSync(cacheDir).filter((name) => name.endsWith('.feedset'));
    const written = new Map(snapshots.map((name) => [name, statSync(path.join(cacheDir, name)).mtimeMs]));
    await new Promise((resolve) => setTimeout(resolve, 20));
    utimesSync(path.join(cacheDir, part), later, later);
    const stale = await load([copy], cacheDir);
    expect(stale.warnings).toEqual([]);
    expect(answers(stale.feeds)).toEqual(answers(before.feeds));
    // The current snapshot was written anew by the normal load.
    expect(snapshots.some((name) => statSync(path.join(cacheDir, name)).mtimeMs !== written.get(name))).toBe(true);
  });
});

describe('feed-set snapshot of the five NASA feeds', () => {
  let cacheDir: string;
  let fresh: FeedSet;
  let file: string;
  let pristine: Buffer;

  beforeAll(async () => {
    // The per-feed cache entries (imported once per machine in the shared cache) in a folder of
    // its own without any feed-set snapshot, so the first load merges the feeds the normal way.
    await loadFeeds(ALL_FEEDS, { cacheDir: sharedCacheDir });
    cacheDir = tempCacheDir();
    for (const name of readdirSync(sharedCacheDir)) {
      if (name.endsWith('.json') || name.endsWith('.part')) copyFileSync(path.join(sharedCacheDir, name), path.join(cacheDir, name));
    }
    const first = await load(ALL_FEEDS, cacheDir);
    expect(first.warnings).toEqual([]);
    fresh = first.feeds;
    file = setFile(cacheDir);
    pristine = readFileSync(file);
  }, 300_000);

  it('a load from the snapshot is the fresh merge, field by field', async () => {
    const second = await load(ALL_FEEDS, cacheDir);
    expect(second.warnings).toEqual([]);
    expect(second.feeds.feeds.map((feed) => feed.cacheHit)).toEqual([true, true, true, true, true]);
    expect(second.feeds.stopTimes.arrival.length).toBe(fresh.stopTimes.arrival.length);
    expectSameAnswers(second.feeds, fresh);
  });

  it('a byte flipped anywhere, or the file cut short: discarded with one warning, loaded the normal way', async () => {
    const size = pristine.length;
    // The magic, the checksum's kind and value, the header's length and text, each part of the
    // body (strings, stop times) and the last byte.
    const flips = [0, 6, 7, 8, 11, 12, 40, 4_000, Math.floor(size / 2), size - 30_000, size - 1];
    const cuts = [0, 12, Math.floor(size / 2), size - 1];
    const damages = [...flips.map((at) => ({ at, cut: false })), ...cuts.map((at) => ({ at, cut: true }))];
    for (const { at, cut } of damages) {
      writeFileSync(file, pristine);
      if (cut) truncateSync(file, at);
      else {
        const bytes = Buffer.from(pristine);
        bytes[at] = bytes[at]! ^ 0x10;
        writeFileSync(file, bytes);
      }
      const damaged = await load(ALL_FEEDS, cacheDir);
      expect(damaged.warnings, `${cut ? 'cut at' : 'flipped'} byte ${at}`).toEqual([`cache file ${file} is damaged (checksum mismatch) and is rebuilt`]);
      expectSameAnswers(damaged.feeds, fresh);
    }
    // The normal load wrote the snapshot anew: the next load reads it, silently.
    expect(readFileSync(file).equals(pristine)).toBe(true);
    expect((await load(ALL_FEEDS, cacheDir)).warnings).toEqual([]);
  }, 300_000);

  it('a file of the old layout (version 1: one v8.serialize) is never read', async () => {
    // What version 1 wrote for these feeds, with another answer in it.
    const identity: unknown[] = [1, CACHE_FORMAT_VERSION, SNAPSHOT_VERSION];
    for (const feed of ALL_FEEDS) {
      const info = statSync(path.resolve(feed));
      identity.push([path.resolve(feed), info.size, info.mtimeMs, info.ctimeMs, info.ino, info.dev]);
    }
    const key = createHash('sha256').update(JSON.stringify(identity)).digest('hex').slice(0, 32);
    const wrong = { ...fresh, stops: fresh.stops.map((stop, i) => (i === 0 ? { ...stop, name: 'not read' } : stop)) };
    const payload = serialize({ dependencies: [], feeds: wrong });
    const v1 = Buffer.concat([Buffer.from('ERBSET1', 'latin1'), createHash('sha256').update(payload).digest(), payload]);
    const oldFile = path.join(cacheDir, `set-${key}.v1.feedset`);
    writeFileSync(oldFile, v1);
    const beside = await load(ALL_FEEDS, cacheDir);
    expect(beside.warnings).toEqual([]);
    expect(beside.feeds.stops[0]!.name).toBe(fresh.stops[0]!.name);
    // Under the current name, its first bytes give it away.
    writeFileSync(file, v1);
    const renamed = await load(ALL_FEEDS, cacheDir);
    expect(renamed.warnings).toEqual([`cache file ${file} is damaged (checksum mismatch) and is rebuilt`]);
    expectSameAnswers(renamed.feeds, fresh);
    // Writing the snapshot anew removed the file of the old version.
    expect(readdirSync(cacheDir)).not.toContain(path.basename(oldFile));
  });
});

describe('feed-set snapshot layout', () => {
  it('keeps every value exactly: any string (every Latin-1 character in one), NaN, -0, fractions, unset and zero minimum transfer times', async () => {
    const cacheDir = tempCacheDir();
    const { feeds } = await load([fixture('gtfs', 'transfers'), fixture('gtfs', 'frequencies')], cacheDir);
    const odd: FeedSet = structuredClone(feeds);
    odd.stops[0]!.name = 'Zürich ☃ \uD800 \u0000';
    odd.stops[1]!.name = '';
    // Every Latin-1 character: the strings' separator must come from beyond.
    odd.stops[2]!.name = String.fromCharCode(...Array.from({ length: 256 }, (_, unit) => unit));
    odd.stops[1]!.lat = -0;
    odd.trips.headsign[0] = '𝔅ördebus';
    odd.transfers.push({ ...odd.transfers[0]!, type: Number.NaN, minTransferSeconds: 0 }, { ...odd.transfers[0]!, type: 2.5, minTransferSeconds: undefined });
    odd.services[0]!.startDate = -0;
    odd.services[0]!.endDate = 1e12;
    odd.services[0]!.added = new Set([20261207.5, 20261208]);
    odd.problems.push({ code: 'X', message: 'ä', feed: 'f' });
    const file = path.join(cacheDir, 'odd.feedset');
    await writeFeedSetSnapshot(file, odd, []);
    const read = await readFeedSetSnapshot(file);
    expect(read).toBeDefined();
    expect(answers(read!)).toStrictEqual(answers(odd));
    expect(Object.is(read!.stops[1]!.lat, -0)).toBe(true);
    expect(Object.is(read!.services[0]!.startDate, -0)).toBe(true);
  });
});
