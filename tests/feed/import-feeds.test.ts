import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { loadFeeds } from '../../src/feed/load-feeds.js';
import { ALL_FEEDS, BOERDEBUS, repoRoot, tempCacheDir } from '../helpers/paths.js';

const run = promisify(execFile);
const cli = path.join(repoRoot, 'bin', 'erreichbar');

describe('erreichbar import', () => {
  it('reports the BördeBus counts, and a second run is a cache hit that writes nothing', async () => {
    const cacheDir = tempCacheDir();
    const first = await run(process.execPath, [cli, 'import', BOERDEBUS, '--cache-dir', cacheDir, '--format', 'json']);
    const firstJson = JSON.parse(first.stdout);
    expect(firstJson.feeds).toHaveLength(1);
    expect(firstJson.feeds[0]).toMatchObject({
      stops: 939,
      routes: 54,
      trips: 2850,
      stopTimes: 37367,
      firstServiceDate: '2026-06-05',
      lastServiceDate: '2026-12-31',
      feedInfoEndDate: '2027-06-04',
      cacheHit: false,
    });
    // What the cache holds after the import: every file with its size and modification time.
    const cacheFiles = (): string[] => readdirSync(cacheDir).sort().map((name) => {
      const info = statSync(path.join(cacheDir, name));
      return `${name} ${info.size} ${info.mtimeMs}`;
    });
    const imported = cacheFiles();
    const second = await run(process.execPath, [cli, 'import', BOERDEBUS, '--cache-dir', cacheDir, '--format', 'json']);
    const secondJson = JSON.parse(second.stdout);
    expect(secondJson.feeds[0].cacheHit).toBe(true);
    // A cache hit reads: no file is written again (how much faster it is belongs in `npm run bench`).
    expect(cacheFiles()).toEqual(imported);
    // Nothing half-written is left in the cache.
    expect(readdirSync(cacheDir).filter((name) => name.includes('.partial-'))).toEqual([]);
  });

  it('imports all five NASA feeds together, sharing stops by stop_id and keeping other ids apart', async () => {
    const feeds = await loadFeeds(ALL_FEEDS, { cacheDir: tempCacheDir() });
    expect(feeds.feeds.map((feed) => [feed.label, feed.stops, feed.trips, feed.stopTimes])).toEqual([
      ['gtfs_boerdebus_std_kn', 939, 2850, 37367],
      ['gtfs_mvb_std_kn', 735, 8382, 138125],
      ['gtfs_kvg_std_kn', 996, 1942, 30176],
      ['gtfs_njl_std_kn', 718, 1893, 30725],
      ['gtfs_pvgs_std_kn', 1055, 4476, 155720],
    ]);
    // Shared DHIDs make the merged stop list shorter than the sum.
    expect(feeds.stops.length).toBeLessThan(939 + 735 + 996 + 718 + 1055);
    expect(feeds.trips.count).toBe(2850 + 8382 + 1942 + 1893 + 4476);
    // BördeBus and MVB both have service_id "1"; they stay two services.
    const ones = feeds.services.filter((service) => service.serviceId === '1');
    expect(new Set(ones.map((service) => service.feed)).size).toBe(ones.length);
    expect(ones.length).toBeGreaterThanOrEqual(2);
  });
});

describe('an interrupted import', () => {
  it('leaves no cache entry behind (the database is renamed into place only when complete)', async () => {
    const { spawn } = await import('node:child_process');
    const cacheDir = tempCacheDir();
    const child = spawn(process.execPath, [cli, 'import', ALL_FEEDS[4]!, '--cache-dir', cacheDir], { stdio: 'ignore' });
    // Wait until the import has started writing, then kill it.
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && !readdirSync(cacheDir).some((name) => name.includes('.partial-'))) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(readdirSync(cacheDir).filter((name) => name.endsWith('.sqlite') || name.endsWith('.json'))).toEqual([]);
    // The next run imports afresh and succeeds.
    const feeds = await loadFeeds([ALL_FEEDS[4]!], { cacheDir });
    expect(feeds.feeds[0]?.cacheHit).toBe(false);
    expect(feeds.feeds[0]?.trips).toBe(4476);
  });
});
