/**
 * Every output people read prints the times of a day as the clocks show them, also on the night
 * the clocks go back (Saturday 2026-10-24 → Sunday 2026-10-25, 03:00 CEST → 02:00 CET). Line 601
 * trip 92198823 leaves Haldensleben, Klingteich at 6:25:00 on Sunday: 31:25:00 of Saturday's
 * service clock (25 h after Saturday's reference), 06:25 on the wall. Clock minus 24 h, as the
 * outputs printed before, gives 07:25 — an hour after the bus has gone. The check text, the trip
 * sheet, the report CSV and the report HTML must all say 06:25.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { BOERDEBUS, MVB, repoRoot, sharedCacheDir } from '../helpers/paths.js';

const run = promisify(execFile);
const cli = path.join(repoRoot, 'bin', 'erreichbar');
const erreichbar = async (...args: string[]): Promise<string> =>
  (await run(process.execPath, [cli, ...args, '--cache-dir', sharedCacheDir, '-q'], { maxBuffer: 1 << 28 })).stdout;

// Haldensleben II, An der Beber (home) and Haldensleben, Klingteich (the workplace), from stops.txt.
const HOME = '52.263293,11.423084';
const WORK = '52.284503,11.377324';

describe('the night the clocks go back (2026-10-24 → 2026-10-25)', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'erreichbar-dst-'));
  const places = path.join(dir, 'places.csv');
  const destinations = path.join(dir, 'destinations.csv');
  writeFileSync(places, `name,gemeinde,lat,lon\nAn der Beber,Haldensleben,${HOME}\n`);
  writeFileSync(destinations, `name,category,lat,lon,schedule\nKlinik,workplace,${WORK},Sa 22:00-06:00\n`);

  it('check, the trip sheet, the report CSV and the report HTML all give the 06:25 bus as 06:25', async () => {
    const text = await erreichbar('check', '--gtfs', BOERDEBUS, MVB, '--from', HOME, '--to', WORK, '--shift', '22:00-06:00', '--days', 'Sa', '--dates', '2026-10-24');
    expect(text).toContain('zurück: ab 06:25 (+1), an 06:36 (+1) (25 min Wartezeit nach Ende 06:00 (+1))');
    expect(text).not.toContain('07:25');

    const json = JSON.parse(await erreichbar('check', '--gtfs', BOERDEBUS, MVB, '--from', HOME, '--to', WORK, '--shift', '22:00-06:00', '--days', 'Sa', '--dates', '2026-10-24', '--format', 'json'));
    // JSON keeps the service clock (GTFS semantics): 31:25:00 of Saturday's service day.
    expect(json.days[0].return.departure).toBe('31:25:00');

    const sheetFile = path.join(dir, 'sheet.html');
    await erreichbar('check', '--gtfs', BOERDEBUS, MVB, '--from', HOME, '--to', WORK, '--shift', '22:00-06:00', '--days', 'Sa', '--dates', '2026-10-24', '--format', 'sheet', '--sheet-lang', 'uk', '--out', sheetFile);
    const sheet = readFileSync(sheetFile, 'utf8');
    expect(sheet).toContain('<bdi>06:25 (+1)</bdi>');
    expect(sheet).toContain('<bdi>06:00 (+1)</bdi>');
    expect(sheet).not.toContain('07:25');

    const csv = await erreichbar('report', '--gtfs', BOERDEBUS, MVB, '--places', places, '--destinations', destinations, '--dates', '2026-10-24', '--format', 'csv');
    expect(csv.split('\n')[1]).toBe('Haldensleben,An der Beber,Klinik,workplace,Sa 22:00-06:00,2026-10-24,Samstag,erreichbar,21:14,21:25,0,601,35,06:25 (+1),06:36 (+1),0,601,25,,,,');

    const htmlFile = path.join(dir, 'report.html');
    await erreichbar('report', '--gtfs', BOERDEBUS, MVB, '--places', places, '--destinations', destinations, '--dates', '2026-10-24', '--format', 'html', '--out', htmlFile);
    // The map's data give times in minutes after the day's midnight: 06:25 the next day is 1825 (not 1885).
    const html = readFileSync(htmlFile, 'utf8');
    expect(html).toMatch(/\[1825,1836,0,\d+,/);
    expect(html).not.toMatch(/\[1885,1896,/);
  });
});
