/**
 * The import streams: validation reads every file row by row and keeps typed-array columns, never
 * rows, so its JS heap stays flat in the number of stop times; and the router's part it builds on
 * the way equals, array for array, the part read back from the `gtfs` package's SQLite import.
 * (Speed is measured by `npm run bench:scale`, never here.)
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { importFeed } from '../../src/feed/import-feed.js';
import { openFeedSource } from '../../src/feed/feed-source.js';
import { decodeSnapshot, readFeedPart, snapshotPathFor } from '../../src/feed/read-feed-part.js';
import { ALL_FEEDS, fixture, repoRoot, tempCacheDir } from '../helpers/paths.js';

const run = promisify(execFile);
const scratch = tempCacheDir();
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A hostile case laid over its base feed (see fixtures/hostile/README.md), in the scratch folder. */
function hostile(name: string): string {
  const dir = path.join(scratch, name);
  cpSync(fixture('hostile', 'base'), dir, { recursive: true });
  cpSync(fixture('hostile', name), dir, { recursive: true });
  return dir;
}

describe('the part built while validating', () => {
  // Dropped trips (time travel) and a Latin-1 file too: the part must leave out what SQLite never gets.
  const feeds = [...ALL_FEEDS, hostile('time-travel'), hostile('arrival-after-departure'), hostile('latin1-names')];
  it.each(feeds)('equals the part read from the SQLite import: %s', async (feedPath) => {
    const cacheDir = tempCacheDir();
    const source = await openFeedSource(feedPath);
    try {
      const imported = await importFeed(source, { cacheDir });
      const snapshot = snapshotPathFor(imported.sqlitePath);
      const fromValidation = decodeSnapshot(readFileSync(snapshot));
      expect(fromValidation).toEqual(imported.part);
      rmSync(snapshot);
      const fromDatabase = await readFeedPart(imported.sqlitePath);
      expect(fromValidation).toEqual(fromDatabase);
    } finally {
      await source.close();
      rmSync(cacheDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('equals it on quote-free CSV too (parsed by splitting, not by csv-parse): one synthetic copy of the five feeds', async () => {
    // The real feeds quote every field; the synthetic copy quotes none, so it takes the fast path.
    const out = path.join(scratch, 'synthetic-1');
    await run(process.execPath, [path.join(repoRoot, 'scripts', 'make-synthetic-feed.mjs'), '--copies', '1', '--out', out]);
    expect(readFileSync(path.join(out, 'stop_times.txt')).includes(0x22)).toBe(false);
    const cacheDir = tempCacheDir();
    const source = await openFeedSource(out);
    try {
      const imported = await importFeed(source, { cacheDir });
      const snapshot = snapshotPathFor(imported.sqlitePath);
      const fromValidation = decodeSnapshot(readFileSync(snapshot));
      rmSync(snapshot);
      expect(fromValidation).toEqual(await readFeedPart(imported.sqlitePath));
    } finally {
      await source.close();
      rmSync(cacheDir, { recursive: true, force: true });
    }
  }, 300_000);

  it('an entry imported without its database serves the router; `complete` adds the database', async () => {
    const cacheDir = tempCacheDir();
    const source = await openFeedSource(ALL_FEEDS[0]!);
    try {
      const skipped = await importFeed(source, { cacheDir, sqlite: 'skip' });
      expect(skipped.cacheHit).toBe(false);
      expect(() => readFileSync(skipped.sqlitePath)).toThrow();
      const again = await importFeed(source, { cacheDir });
      expect(again.cacheHit).toBe(true);
      const completed = await importFeed(source, { cacheDir, sqlite: 'complete' });
      expect(completed.cacheHit).toBe(false);
      expect(readFileSync(completed.sqlitePath).length).toBeGreaterThan(0);
      expect((await importFeed(source, { cacheDir, sqlite: 'complete' })).cacheHit).toBe(true);
    } finally {
      await source.close();
      rmSync(cacheDir, { recursive: true, force: true });
    }
  }, 120_000);
});

/** A feed folder with `rows` stop times (20 a trip, 1,000 stops), written line by line. */
function writeFeed(dir: string, rows: number): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'agency.txt'), 'agency_id,agency_name,agency_url,agency_timezone\nA,Test,https://example.org,Europe/Berlin\n');
  const stops = ['stop_id,stop_name,stop_lat,stop_lon'];
  for (let s = 0; s < 1000; s++) stops.push(`S${s},Stop ${s},${(52 + s / 10_000).toFixed(5)},${(11 + s / 10_000).toFixed(5)}`);
  writeFileSync(path.join(dir, 'stops.txt'), `${stops.join('\n')}\n`);
  writeFileSync(path.join(dir, 'routes.txt'), 'route_id,agency_id,route_short_name,route_type\nR,A,1,3\n');
  writeFileSync(path.join(dir, 'calendar.txt'), 'service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\nW,1,1,1,1,1,0,0,20260101,20261231\n');
  const trips = rows / 20;
  const tripLines = ['route_id,service_id,trip_id,trip_headsign'];
  for (let t = 0; t < trips; t++) tripLines.push(`R,W,trip-${t},Richtung ${t % 7}`);
  writeFileSync(path.join(dir, 'trips.txt'), `${tripLines.join('\n')}\n`);
  const clock = (seconds: number): string => `${Math.floor(seconds / 3600)}:${String(Math.floor(seconds / 60) % 60).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
  const lines = ['trip_id,arrival_time,departure_time,stop_id,stop_sequence'];
  let text = '';
  const file = path.join(dir, 'stop_times.txt');
  writeFileSync(file, `${lines[0]}\n`);
  for (let t = 0; t < trips; t++) {
    const start = 5 * 3600 + (t % 900) * 60;
    for (let k = 0; k < 20; k++) text += `trip-${t},${clock(start + k * 120)},${clock(start + k * 120 + 30)},S${(t * 7 + k) % 1000},${k + 1}\n`;
    if (text.length > 1 << 20) {
      writeFileSync(file, text, { flag: 'a' });
      text = '';
    }
  }
  writeFileSync(file, text, { flag: 'a' });
  return dir;
}

/** Validates a feed in a child process with a small JS heap; resolves with its exit code and output. */
async function validateWithHeap(feedDir: string, heapMb: number): Promise<{ code: number; stdout: string; stderr: string }> {
  const dist = (file: string): string => JSON.stringify(path.join(repoRoot, 'dist', 'feed', file));
  const script = `
    const { openFeedSource } = await import(${dist('feed-source.js')});
    const { validateFeed } = await import(${dist('validate-feed.js')});
    const limits = { maxFileBytes: 2 ** 31, maxTotalBytes: 2 ** 32, maxCompressionRatio: 100 };
    const source = await openFeedSource(${JSON.stringify(feedDir)}, limits);
    const { validation, part } = await validateFeed(source, { workDir: ${JSON.stringify(path.join(feedDir, 'work'))} });
    console.log(part.stStop.length, validation.problems.length);`;
  try {
    const { stdout, stderr } = await run(process.execPath, [`--max-old-space-size=${heapMb}`, '--input-type=module', '-e', script], { maxBuffer: 1 << 24 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

describe('validation memory', () => {
  // 300,000 and 1,200,000 stop times: 16 and 64 MB of stop_times.txt.
  const small = 300_000;
  const large = 4 * small;
  const heapMb = 48;

  it('is flat in the rows: N and 4N stop times both validate in the same small heap, which holding the rows would overflow', async () => {
    mkdirSync(path.join(scratch, 'n', 'work'), { recursive: true });
    mkdirSync(path.join(scratch, '4n', 'work'), { recursive: true });
    const smallFeed = writeFeed(path.join(scratch, 'n'), small);
    const largeFeed = writeFeed(path.join(scratch, '4n'), large);

    const n = await validateWithHeap(smallFeed, heapMb);
    expect(n.stderr).toBe('');
    expect(n.stdout.trim()).toBe(`${small} 0`);
    const fourN = await validateWithHeap(largeFeed, heapMb);
    expect(fourN.stderr).toBe('');
    expect(fourN.stdout.trim()).toBe(`${large} 0`);
    // The checked copy handed to the SQLite import is the file itself.
    expect(readFileSync(path.join(largeFeed, 'work', 'stop_times.txt')).equals(readFileSync(path.join(largeFeed, 'stop_times.txt')))).toBe(true);

    // The control: holding the 4N rows as strings does not fit into that heap.
    const holding = `const rows = require('node:fs').readFileSync(${JSON.stringify(path.join(largeFeed, 'stop_times.txt'))}, 'utf8').split('\\n').map((line) => line.split(',')); console.log(rows.length);`;
    await expect(run(process.execPath, [`--max-old-space-size=${heapMb}`, '-e', holding])).rejects.toThrow();
  }, 300_000);
});
