/**
 * Timetables of single dates in the cache folder: a second engine on the same feeds reads them
 * instead of building them and answers exactly alike; a damaged file is removed with one warning
 * and built again; at most MAX_CACHED_TIMETABLES files are kept.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFeeds } from '../../src/feed/load-feeds.js';
import { ReachabilityEngine } from '../../src/analysis/reachability.js';
import { buildTimetable } from '../../src/timetable/build-timetable.js';
import { MAX_CACHED_TIMETABLES } from '../../src/timetable/timetable-cache.js';
import { BOERDEBUS, MVB, tempCacheDir } from '../helpers/paths.js';
import type { UserText } from '../../src/errors.js';

const home = { name: 'Wolmirstedt', lat: 52.2497, lon: 11.6301 };
const work = { name: 'K+S Zielitz', lat: 52.2920, lon: 11.6838 };
const shift = { startMinutes: 360, endMinutes: 840 };
const files = (dir: string): string[] => readdirSync(dir).filter((name) => name.endsWith('.timetable')).sort();

describe('timetable cache', () => {
  it('a second engine reads the timetables of the dates it needs and answers alike; the arrays equal a fresh build', async () => {
    const cacheDir = tempCacheDir();
    const dates = ['2026-12-07', '2026-12-08', '2026-12-12', '2026-12-13'];
    const first = new ReachabilityEngine(await loadFeeds([BOERDEBUS, MVB], { cacheDir }), { explain: true });
    const answers = dates.map((date) => first.assess(home, work, shift, date));
    expect(files(cacheDir)).toHaveLength(dates.length);

    const feeds = await loadFeeds([BOERDEBUS, MVB], { cacheDir });
    const second = new ReachabilityEngine(feeds, { explain: true });
    expect(dates.map((date) => second.assess(home, work, shift, date))).toEqual(answers);
    const cached = second.timetable('2026-12-08');
    const built = buildTimetable(feeds, 20261208, { walkRadiusMeters: first.routing.walkRadiusMeters });
    for (const [name, value] of Object.entries(built)) {
      if (ArrayBuffer.isView(value)) expect(Array.from(cached[name as keyof typeof cached] as Int32Array), name).toEqual(Array.from(value as Int32Array));
    }
    expect([cached.instanceCount, cached.patternCount, cached.activeTripCount, cached.date]).toEqual([built.instanceCount, built.patternCount, built.activeTripCount, built.date]);
    // Other routing options are other timetables.
    new ReachabilityEngine(feeds, { routing: { walkRadiusMeters: 300 } }).timetable('2026-12-08');
    expect(files(cacheDir)).toHaveLength(dates.length + 1);
  }, 300_000);

  it('a damaged file is removed with one warning naming it and built again; the answer stays the same', async () => {
    const cacheDir = tempCacheDir();
    const before = new ReachabilityEngine(await loadFeeds([BOERDEBUS], { cacheDir })).assess(home, work, shift, '2026-12-09');
    const [name] = files(cacheDir);
    const file = path.join(cacheDir, name!);
    const bytes = readFileSync(file);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x10;
    writeFileSync(file, bytes);
    const warnings: UserText[] = [];
    const feeds = await loadFeeds([BOERDEBUS], { cacheDir, onWarning: (message) => warnings.push(message) });
    expect(new ReachabilityEngine(feeds).assess(home, work, shift, '2026-12-09')).toEqual(before);
    expect(warnings).toHaveLength(1);
    expect((warnings[0] as { de: string }).de).toBe(`Cache-Datei ${file} ist beschädigt (Prüfsumme stimmt nicht) und wird neu erzeugt`);
    expect(files(cacheDir)).toEqual([name]);
    writeFileSync(file, bytes.subarray(0, 100));
    expect(new ReachabilityEngine(await loadFeeds([BOERDEBUS], { cacheDir })).assess(home, work, shift, '2026-12-09')).toEqual(before);
  }, 300_000);

  it(`keeps at most ${MAX_CACHED_TIMETABLES} timetables`, async () => {
    const cacheDir = tempCacheDir();
    const engine = new ReachabilityEngine(await loadFeeds([BOERDEBUS], { cacheDir }));
    for (let day = 1; day <= MAX_CACHED_TIMETABLES + 3; day++) engine.timetable(`2026-11-${String(day).padStart(2, '0')}`);
    expect(files(cacheDir)).toHaveLength(MAX_CACHED_TIMETABLES);
    expect(files(cacheDir).filter((name) => name.startsWith(`tt-202611${MAX_CACHED_TIMETABLES + 3}-`))).toHaveLength(1);
  }, 300_000);
});
