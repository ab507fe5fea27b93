/**
 * `erreichbar route --queries` (batch, one process, feed cached) against the independent
 * connection scan: with --walk-radius 0 --transfer-slack 0 --no-transfers-file every row's
 * arrival is exactly the oracle's, on BördeBus alone and merged with MVB, on a school day (300
 * queries), a holiday weekday, a Saturday and a Sunday (100 each), departures 04:00–22:00 and
 * a few late ones up to 27:59 (the night after).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { buildConnections, csaEarliestArrival, formatGtfsTime } from '../support/connection-scan.js';
import { mulberry32 } from '../support/random-feed.js';
import { readRawGtfs } from '../support/raw-gtfs.js';
import { BOERDEBUS, MVB, repoRoot, sharedCacheDir } from '../helpers/paths.js';

const run = promisify(execFile);
const cli = path.join(repoRoot, 'bin', 'erreichbar');

describe('erreichbar route --queries', () => {
  it.each([
    ['BördeBus', [BOERDEBUS]],
    ['BördeBus + MVB', [BOERDEBUS, MVB]],
  ])('%s: every row equals the connection scan', async (_, feeds) => {
    const tables = await Promise.all(feeds.map((feed) => readRawGtfs(feed)));
    const stopIds = [...new Set(tables.flatMap((t) => t.stops!.map((s) => s.stop_id!)))].sort();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'erreichbar-batch-'));
    const random = mulberry32(feeds.length * 31);
    let rows = 0;
    for (const date of ['2026-12-09', '2026-07-15', '2026-12-12', '2026-12-13']) {
      const queries: [string, string, number][] = [];
      const count = date === '2026-12-09' ? 300 : 100;
      for (let i = 0; i < count; i++) {
        const depart = i % 10 === 9 ? 22 * 3600 + Math.floor(random() * 6 * 3600) : 4 * 3600 + Math.floor(random() * 18 * 3600);
        queries.push([stopIds[Math.floor(random() * stopIds.length)]!, stopIds[Math.floor(random() * stopIds.length)]!, depart]);
      }
      const file = path.join(dir, `q-${date}.csv`);
      writeFileSync(file, ['from,to,depart', ...queries.map(([from, to, depart]) => `${from},${to},${formatGtfsTime(depart).padStart(8, '0')}`)].join('\n'));
      const { stdout } = await run(process.execPath, [
        cli, 'route', '--gtfs', ...feeds, '--cache-dir', sharedCacheDir, '--date', date, '--queries', file, '--format', 'csv',
        '--walk-radius', '0', '--transfer-slack', '0', '--no-transfers-file',
      ], { maxBuffer: 1 << 24 });
      const lines = stdout.trim().split('\n');
      expect(lines[0]).toBe('from,to,depart,arrival,transfers');
      expect(lines).toHaveLength(queries.length + 1);
      const net = buildConnections(tables, date);
      queries.forEach(([from, to, depart], i) => {
        const [f, t, d, arrival] = lines[i + 1]!.split(',');
        expect([f, t, d]).toEqual([from, to, formatGtfsTime(depart).padStart(8, '0')]);
        const expected = csaEarliestArrival(net, from, to, depart);
        expect(arrival === '' ? null : arrival, `${date} ${from}→${to}`).toBe(expected === null ? null : formatGtfsTime(expected).padStart(8, '0'));
        rows++;
      });
    }
    expect(rows).toBe(600);
  });

  it('prints one query as JSON with departure, arrival, transfers and legs', async () => {
    const { stdout } = await run(process.execPath, [
      cli, 'route', '--gtfs', BOERDEBUS, '--cache-dir', sharedCacheDir, '--from', 'Hundisburg (Haldensleben)', '--to', 'de:15083:2798::01',
      '--date', '2026-12-09', '--arrive', '08:00', '--format', 'json',
    ]);
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({ date: '2026-12-09', departure: '07:05:00', transfers: 0 });
    expect(json.arrival).toMatch(/^07:[45]\d:\d\d$/);
    expect(json.legs[0]).toMatchObject({ mode: 'ride', route: '636', tripId: '92204519', fromStopName: 'Hundisburg (Haldensleben)', departure: '07:05:00', arrival: '07:42:00' });
    expect(json.legs[1]).toMatchObject({ mode: 'walk', toStopId: 'de:15083:2798::01' });
    for (const leg of json.legs as { departure: string; arrival: string }[]) {
      expect(leg.departure).toMatch(/^\d{2}:\d{2}:\d{2}$/);
      expect(leg.arrival).toMatch(/^\d{2}:\d{2}:\d{2}$/);
    }
    expect(json.legs.at(-1).arrival).toBe(json.arrival);
  });

  it('a row naming an unknown, ambiguous or no stop is bad data in the file: exit 1, file, line and column; no output', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'erreichbar-batch-bad-'));
    const good = 'de:15083:1528::01,de:15083:2798::01,07:00:00';
    const cases: [string, string, string][] = [
      [`${good}\nde:15083:1528::01,nowhere,07:00:00`, 'Spalte to: keine Haltestelle „nowhere“', 'column to: no stop named "nowhere"'],
      [`${good}\nHaldensleben,de:15083:2798::01,07:00:00`, 'Spalte from: „Haldensleben“ passt auf ', 'column from: "Haldensleben" matches '],
      [`${good}\n,de:15083:2798::01,07:00:00`, 'from "" ist leer', 'from "" is empty'],
    ];
    for (const [i, [rows, de, en]] of cases.entries()) {
      const file = path.join(dir, `q${i}.csv`);
      writeFileSync(file, `from,to,depart\n${rows}\n`);
      const out = path.join(dir, `out${i}.csv`);
      for (const [lang, message] of [['de', de], ['en', en]] as const) {
        const result = await run(process.execPath, [cli, 'route', '--gtfs', BOERDEBUS, '--cache-dir', sharedCacheDir, '--date', '2026-12-09', '--queries', file, '--out', out, '--lang', lang]).then(
          () => ({ code: 0, stderr: '' }),
          (error: { code: number; stderr: string }) => error,
        );
        expect(result.code).toBe(1);
        expect(result.stderr.startsWith(`erreichbar: ${file}:3: ${message}`)).toBe(true);
        expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
        expect(existsSync(out)).toBe(false);
      }
    }
  });

  it('a file with the header alone is refused (exit 1, naming the file), not answered with an empty CSV', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'erreichbar-batch-empty-'));
    const file = path.join(dir, 'q.csv');
    writeFileSync(file, 'from,to,depart\n');
    const failed = await run(process.execPath, [cli, 'route', '--gtfs', BOERDEBUS, '--cache-dir', sharedCacheDir, '--date', '2026-12-09', '--queries', file]).then(
      () => ({ code: 0, stdout: 'answered', stderr: '' }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failed.code).toBe(1);
    expect(failed.stdout).toBe('');
    expect(failed.stderr).toBe(`erreichbar: ${file}: enthält keine Abfragen (nur die Kopfzeile)\n`);
  });
});
