/**
 * The snapshot of a merged feed set: a second load of the same feeds reads it (same answers,
 * every feed a cache hit), a damaged one is discarded with one warning naming it, a changed feed
 * file or a changed per-feed cache file makes it stale (loaded the normal way, silently).
 */
import { copyFileSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFeeds, type FeedSet } from '../../src/feed/load-feeds.js';
import { userTextIn, type UserText } from '../../src/errors.js';
import { fixture, tempCacheDir } from '../helpers/paths.js';

const answers = (feeds: FeedSet): unknown => ({ ...feeds, feeds: feeds.feeds.map(({ cacheHit: _hit, ...rest }) => rest) });
const setFile = (dir: string): string => {
  const names = readdirSync(dir).filter((name) => name.endsWith('.feedset'));
  expect(names).toHaveLength(1);
  return path.join(dir, names[0]!);
};

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
