/**
 * Bad input gets one clear line naming file, line, field and value; exit code 1 for bad data,
 * 2 for bad usage; no stack trace without --debug; nothing half-written in the cache, also when
 * several imports of one feed run at once (parallel test workers, a county tool loading twice).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/errors.js';
import { loadFeeds } from '../../src/feed/load-feeds.js';
import { writeStoredZip } from '../support/write-zip.js';
import { BOERDEBUS, fixture, repoRoot, sharedCacheDir, tempCacheDir } from '../helpers/paths.js';

const run = promisify(execFile);
const cli = path.join(repoRoot, 'bin', 'erreichbar');

/** Runs the CLI and returns exit code, stdout and stderr (never throws). */
async function erreichbar(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** The expected message from the fixture's README: German (the default) or English (`--lang en`). */
const expectedError = (name: string, lang: 'de' | 'en' = 'de'): string =>
  (lang === 'de' ? /^Erwarteter Fehler: (.*)$/m : /^Expected error: (.*)$/m).exec(readFileSync(fixture('gtfs-bad', name, 'README.md'), 'utf8'))![1]!;

/** Cases whose zip the test writes at runtime (no binary zips are committed). */
const builtZips: Record<string, Record<string, string>> = { 'not-gtfs': { 'hello.txt': 'hello\n' }, 'empty-zip': {} };
const cases = readdirSync(fixture('gtfs-bad')).filter((name) => !(name in builtZips) && !name.includes('.'));

describe('bad feeds', () => {
  it.each(cases)('%s: one line naming file, line, field and value; exit 1; nothing cached', async (name) => {
    const cacheDir = tempCacheDir();
    const message = expectedError(name);
    const error = (await loadFeeds([fixture('gtfs-bad', name)], { cacheDir }).catch((e: unknown) => e)) as DataError;
    expect(error).toBeInstanceOf(DataError);
    expect(error.message).toBe(message);
    expect(error.messageEn).toBe(expectedError(name, 'en'));

    const result = await erreichbar('import', fixture('gtfs-bad', name), '--cache-dir', cacheDir);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`erreichbar: ${message}\n`);
    const english = await erreichbar('import', fixture('gtfs-bad', name), '--cache-dir', cacheDir, '--lang', 'en');
    expect([english.code, english.stderr]).toEqual([1, `erreichbar: ${expectedError(name, 'en')}\n`]);
    expect(result.stdout).toBe('');
    expect(readdirSync(cacheDir).filter((file) => file.endsWith('.sqlite') || file.includes('.partial-'))).toEqual([]);

    const debug = await erreichbar('import', fixture('gtfs-bad', name), '--cache-dir', cacheDir, '--debug');
    expect(debug.code).toBe(1);
    expect(debug.stderr).toMatch(/DataError: .*\n\s+at /);
  });

  it.each(Object.keys(builtZips))('%s: a zip without GTFS files', async (name) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), `erreichbar-${name}-`));
    const zip = path.join(dir, `${name}.zip`);
    writeStoredZip(zip, builtZips[name]!);
    const expected = expectedError(name).replace(`${name}.zip`, zip);
    const error = (await loadFeeds([zip], { cacheDir: tempCacheDir() }).catch((e: unknown) => e)) as DataError;
    expect(error).toBeInstanceOf(DataError);
    expect(error.code).toBe('NOT_GTFS');
    expect(error.message).toBe(expected);
    expect(error.messageEn).toBe(expectedError(name, 'en').replace(`${name}.zip`, zip));
    const result = await erreichbar('import', zip, '--cache-dir', tempCacheDir());
    expect([result.code, result.stderr]).toEqual([1, `erreichbar: ${expected}\n`]);
  });
});

describe('bad usage', () => {
  it('a path that does not exist: exit 2, names the path', async () => {
    const result = await erreichbar('import', 'nowhere/feed.zip', '--cache-dir', tempCacheDir());
    expect([result.code, result.stderr]).toEqual([2, 'erreichbar: Datei oder Ordner "nowhere/feed.zip" gibt es nicht\n']);
    const route = await erreichbar('route', '--gtfs', 'nowhere/feed.zip', '--date', '2026-12-09', '--from', 'a', '--to', 'b', '--depart', '07:00', '--cache-dir', tempCacheDir(), '--lang', 'en');
    expect([route.code, route.stderr]).toEqual([2, 'erreichbar: --gtfs: no such file or folder "nowhere/feed.zip"\n']);
  });

  it('a missing --against feed is named as --against, not --gtfs (compare, monitor)', async () => {
    const places = path.join(mkdtempSync(path.join(os.tmpdir(), 'erreichbar-against-')), 'one.csv');
    writeFileSync(places, 'name,gemeinde,lat,lon\nHundisburg,Haldensleben,52.2957,11.3869\n');
    const common = ['--gtfs', BOERDEBUS, '--against', 'nowhere/old.zip', '--places', places, '--dates', '2026-12-09', '--cache-dir', sharedCacheDir];
    const compare = await erreichbar('compare', ...common, '--category', 'course');
    expect([compare.code, compare.stderr]).toEqual([2, 'erreichbar: --against: Datei oder Ordner "nowhere/old.zip" gibt es nicht\n']);
    const monitor = await erreichbar('monitor', ...common, '--no-slots', '--lang', 'en');
    expect([monitor.code, monitor.stderr]).toEqual([2, 'erreichbar: --against: no such file or folder "nowhere/old.zip"\n']);
  }, 60_000);

  it('a date on which the feed has no service: exit 2, with the real service range and feed_info’s claim', async () => {
    const result = await erreichbar('route', '--gtfs', BOERDEBUS, '--cache-dir', sharedCacheDir, '--from', 'de:15083:1528::01', '--to', 'de:15083:2798::01', '--date', '2027-03-10', '--depart', '07:00');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'erreichbar: --date 2027-03-10: der Fahrplan hat an diesem Tag keinen Verkehr; Verkehr gibt es gtfs_boerdebus_std_kn: 2026-06-05 bis 2026-12-31 (feed_info.txt behauptet bis 2027-06-04)\n',
    );
    const english = await erreichbar('route', '--gtfs', BOERDEBUS, '--cache-dir', sharedCacheDir, '--from', 'de:15083:1528::01', '--to', 'de:15083:2798::01', '--date', '2027-03-10', '--depart', '07:00', '--lang', 'en');
    expect(english.stderr).toBe(
      'erreichbar: --date 2027-03-10: the timetable has no service on that date; service runs gtfs_boerdebus_std_kn: 2026-06-05 to 2026-12-31 (feed_info.txt claims until 2027-06-04)\n',
    );
  });

  it('a week outside the service in check and report names --week', async () => {
    for (const command of [['check', '--from', 'Haldensleben', '--to', 'Hermes Fulfilment Haldensleben'], ['report']]) {
      const result = await erreichbar(...command, '--gtfs', BOERDEBUS, '--cache-dir', sharedCacheDir, '--week', '2027-03-01', '--quiet');
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^erreichbar: --week 2027-03-01: der Fahrplan hat an diesem Tag keinen Verkehr; Verkehr gibt es gtfs_boerdebus_std_kn: 2026-06-05 bis 2026-12-31/);
    }
  });

  it.each([
    [['--depart', '25:99'], 'erreichbar: --depart muss wie 06:30 oder 06:30:00 aussehen, nicht "25:99"\n'],
    [['--date', '2026-13-01'], 'erreichbar: --date muss ein Datum wie 2026-12-08 sein, nicht "2026-13-01"\n'],
    [['--walk-radius', '-5'], 'erreichbar: --walk-radius muss eine ganze Zahl von 0 bis 5000 m sein, nicht "-5"\n'],
    [['--max-transfers', '99'], 'erreichbar: --max-transfers muss eine ganze Zahl von 0 bis 15 sein, nicht "99"\n'],
    [['--from', 'Atlantis'], 'erreichbar: --from: keine Haltestelle „Atlantis“\n'],
  ])('%j: exit 2, one line', async (flags, message) => {
    const base: Record<string, string> = { '--from': 'de:15083:1528::01', '--to': 'de:15083:2798::01', '--date': '2026-12-09', '--depart': '07:00' };
    for (let i = 0; i < flags.length; i += 2) base[flags[i]!] = flags[i + 1]!;
    const result = await erreichbar('route', '--gtfs', BOERDEBUS, '--cache-dir', sharedCacheDir, ...Object.entries(base).flat());
    expect([result.code, result.stderr]).toEqual([2, message]);
  });

  it('an unknown option: exit 2, commander’s one line and the hint', async () => {
    const result = await erreichbar('route', '--gtfs', BOERDEBUS, '--colour', 'red');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^Fehler: unbekannte Option '--colour'\n/);
    expect(result.stderr).not.toMatch(/\s+at /);
  });
});

describe('the cache under concurrent imports of one feed', () => {
  const feed = fixture('gtfs', 'calendar-exceptions');
  const entries = (cacheDir: string): string[] => readdirSync(cacheDir).filter((name) => /\.(sqlite|json)$|\.partial-/.test(name));

  it('several processes at once: all succeed, one cache entry, nothing partial left', async () => {
    const cacheDir = tempCacheDir();
    const results = await Promise.all([0, 1, 2, 3].map(() => erreichbar('import', feed, '--cache-dir', cacheDir, '--quiet')));
    expect(results.map((result) => [result.code, result.stderr])).toEqual(results.map(() => [0, '']));
    expect(entries(cacheDir).map((name) => path.extname(name)).sort()).toEqual(['.json', '.sqlite']);
  });

  it('several loads in one process at once: all succeed, one cache entry, nothing partial left', async () => {
    for (let round = 0; round < 5; round++) {
      const cacheDir = tempCacheDir();
      const loads = await Promise.all([0, 1, 2, 3].map(() => loadFeeds([feed], { cacheDir })));
      expect(loads.map((feeds) => feeds.trips.count)).toEqual([2, 2, 2, 2].map(() => loads[0]!.trips.count));
      expect(entries(cacheDir).map((name) => path.extname(name)).sort()).toEqual(['.json', '.sqlite']);
    }
  });
});
