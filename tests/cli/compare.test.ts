/**
 * Monitoring: `erreichbar compare` between two timetables and between two dates.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { readRawGtfs } from '../support/raw-gtfs.js';
import { writeGtfsFolder } from '../support/random-feed.js';
import { BOERDEBUS, repoRoot, sharedCacheDir } from '../helpers/paths.js';
import { classifyChange } from '../../src/analysis/compare-reports.js';

const run = promisify(execFile);
const cli = path.join(repoRoot, 'bin', 'erreichbar');

describe('erreichbar compare', () => {
  it('classifies changes of verdict', () => {
    expect(classifyChange('unreachable', 'reachable')).toBe('gained');
    expect(classifyChange('long-wait', 'return-only')).toBe('lost');
    expect(classifyChange('long-wait', 'reachable')).toBe('better');
    expect(classifyChange('reachable', 'long-wait')).toBe('worse');
    expect(classifyChange('reachable', 'reachable')).toBeUndefined();
  });

  it('finds what a new timetable without line 631 (the K+S shift bus) loses', async () => {
    const tables = await readRawGtfs(BOERDEBUS);
    const dropped = new Set(tables.routes!.filter((r) => r.route_short_name === '631').map((r) => r.route_id));
    const trips = new Set(tables.trips!.filter((t) => dropped.has(t.route_id!)).map((t) => t.trip_id));
    expect(trips.size).toBeGreaterThan(0);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'erreichbar-without-631-'));
    writeGtfsFolder(dir, {
      ...tables,
      shapes: [],
      trips: tables.trips!.filter((t) => !trips.has(t.trip_id)),
      stop_times: tables.stop_times!.filter((st) => !trips.has(st.trip_id)),
      transfers: (tables.transfers ?? []).filter((t) => !trips.has(t.from_trip_id) && !trips.has(t.to_trip_id)),
    });
    const { stdout } = await run(
      process.execPath,
      [cli, 'compare', '--gtfs', BOERDEBUS, '--against', dir, '--cache-dir', sharedCacheDir, '--places', path.join(repoRoot, 'data', 'ortsteile.csv'), '--dates', '2026-12-09', '--format', 'json', '--quiet'],
      { maxBuffer: 1 << 26 },
    );
    const comparison = JSON.parse(stdout);
    expect(comparison.schemaVersion).toBe(1);
    expect(comparison.matching).toBe('day-type');
    const farsleben = comparison.changes.filter((c: { ortsteil: string; destination: string }) => c.ortsteil === 'Farsleben' && c.destination === 'K+S Kaliwerk Zielitz');
    expect(farsleben.length).toBeGreaterThan(0);
    expect(farsleben.every((c: { change: string }) => c.change === 'lost' || c.change === 'worse')).toBe(true);
    expect(comparison.changes.some((c: { change: string }) => c.change === 'gained')).toBe(false);
  });

  it('compares a school day with a holiday weekday of the same timetable, as text', async () => {
    const { stdout } = await run(process.execPath, [cli, 'compare', '--gtfs', BOERDEBUS, '--cache-dir', sharedCacheDir, '--dates', '2026-12-09', '--against-dates', '2026-07-15', '--category', 'course', '--quiet'], {
      maxBuffer: 1 << 26,
    });
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('Vergleich — vorher: gtfs_boerdebus_std_kn (2026-12-09 Schultag)');
    expect(lines[1]).toBe('            nachher: gtfs_boerdebus_std_kn (2026-07-15 Ferientag)');
    expect(lines[2]).toMatch(/^\d+ Verbindungen gewonnen, \d+ verloren, \d+ besser, \d+ schlechter/);
    expect(stdout).toMatch(/\n {4}[+−↑↓] KVHS [^,]+, Mo-\w\w \d\d:\d\d-\d\d:\d\d, Schultag → Ferientag: .+ → .+\n/);
  });

  it('needs something to compare against', async () => {
    const error = await run(process.execPath, [cli, 'compare', '--gtfs', BOERDEBUS, '--cache-dir', sharedCacheDir]).catch((e: { code: number; stderr: string }) => e);
    expect((error as { code: number }).code).toBe(2);
    expect((error as { stderr: string }).stderr).toBe('erreichbar: --against <Fahrplan...> (ein anderer Fahrplan) oder --against-dates <Datum...> (andere Tage) angeben\n');
  });
});
