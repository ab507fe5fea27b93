/**
 * The monitoring sheet on the real BördeBus feed: departures per day, first and last departure
 * and service days of two Ortsteile recomputed from the raw feed (tests/support/raw-gtfs.ts,
 * independent of src/); the standards listed where missed; and `--against` with a copy of the
 * feed that drops line 600 shows the loss.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { BOERDEBUS, repoRoot, sharedCacheDir } from '../helpers/paths.js';
import { readRawGtfs, type RawRecord, type RawTables } from '../support/raw-gtfs.js';
import { writeStoredZip } from '../support/write-zip.js';
import { activeServices, haversineMeters, seconds } from './raw-service.js';
import { loadFeeds, type FeedSet } from '../../src/feed/load-feeds.js';
import { loadPlaces, type Place } from '../../src/places/load-places.js';
import { loadCentralPlaces, loadServiceStandards } from '../../src/places/load-planning-tables.js';
import { buildMonitor, type MonitorResult } from '../../src/analysis/monitor.js';
import { renderMonitorCsv, renderMonitorHtml, renderMonitorMarkdown } from '../../src/report/render-monitor.js';

const run = promisify(execFile);
const cli = path.join(repoRoot, 'bin', 'erreichbar');
const SCHOOL_DAY = '2026-12-09';
const SATURDAY = '2026-12-12';

/** Departures at the stops within 1,000 m of a point on a date, from the raw feed. */
function rawDepartures(raw: RawTables, point: { lat: number; lon: number }, yyyymmdd: string): { count: number; first: number | null; last: number | null } {
  const near = new Set(raw.stops!.filter((s) => haversineMeters(point, { lat: Number(s.stop_lat), lon: Number(s.stop_lon) }) <= 1000).map((s) => s.stop_id!));
  const services = activeServices(raw, yyyymmdd);
  const running = new Set(raw.trips!.filter((t) => services.has(t.service_id!)).map((t) => t.trip_id!));
  const lastSequence = new Map<string, number>();
  for (const st of raw.stop_times!) {
    if (running.has(st.trip_id!)) lastSequence.set(st.trip_id!, Math.max(lastSequence.get(st.trip_id!) ?? -1, Number(st.stop_sequence)));
  }
  const trips = new Set<string>();
  let first = Infinity;
  let last = -Infinity;
  for (const st of raw.stop_times!) {
    if (!running.has(st.trip_id!) || !near.has(st.stop_id!)) continue;
    if (st.pickup_type === '1' || Number(st.stop_sequence) === lastSequence.get(st.trip_id!)) continue;
    trips.add(st.trip_id!);
    first = Math.min(first, seconds(st.departure_time!));
    last = Math.max(last, seconds(st.departure_time!));
  }
  return { count: trips.size, first: trips.size ? first : null, last: trips.size ? last : null };
}

function csvOf(records: RawRecord[]): string {
  const header = Object.keys(records[0] ?? {});
  const cell = (v: string): string => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return `${[header.join(','), ...records.map((r) => header.map((h) => cell(r[h] ?? '')).join(','))].join('\n')}\n`;
}

describe('erreichbar monitor', () => {
  let feeds: FeedSet;
  let raw: RawTables;
  let places: Place[];
  let sheet: MonitorResult;

  beforeAll(async () => {
    feeds = await loadFeeds([BOERDEBUS], { cacheDir: sharedCacheDir });
    raw = await readRawGtfs(BOERDEBUS);
    places = (await loadPlaces(path.join(repoRoot, 'data', 'ortsteile.csv'))).places;
    const centres = await loadCentralPlaces(path.join(repoRoot, 'data', 'zentrale-orte.csv'));
    const standards = await loadServiceStandards(path.join(repoRoot, 'data', 'bedienungsstandards.csv'));
    sheet = buildMonitor(feeds, places, { days: { kind: 'dates', dates: [SCHOOL_DAY, SATURDAY] }, centres, standards });
  }, 300_000);

  it('counts departures, first and last departure and service days of two Ortsteile as the raw feed has them', () => {
    expect((raw.frequencies ?? []).length).toBe(0); // every trip is one departure
    for (const name of ['Hundisburg', 'Wolmirstedt']) {
      const o = sheet.ortsteile.find((x) => x.name === name)!;
      for (const date of [SCHOOL_DAY, SATURDAY]) {
        const expected = rawDepartures(raw, o, date.replace(/-/g, ''));
        const day = o.days.find((d) => d.date === date)!;
        expect([name, date, day.departures, day.firstDeparture, day.lastDeparture]).toEqual([name, date, expected.count, expected.first, expected.last]);
        expect(expected.count).toBeGreaterThan(0);
      }
      let serviceDays = 0;
      for (const date of ['20261207', '20261208', '20261209', '20261210', '20261211', '20261212', '20261213']) if (rawDepartures(raw, o, date).count > 0) serviceDays++;
      expect([name, o.serviceDays]).toEqual([name, serviceDays]);
    }
    // Wolmirstedt is itself a Zentraler Ort; Hundisburg gets connections to its nearest one.
    const hundisburg = sheet.ortsteile.find((x) => x.name === 'Hundisburg')!;
    expect(hundisburg.isCentre).toBe(false);
    expect(hundisburg.centre!.name).toBe('Haldensleben');
    const school = hundisburg.days[0]!;
    expect(school.firstToCentre!.arrival).toBeLessThan(school.lastToCentre!.arrival);
    expect(school.travelSeconds).toBeGreaterThan(0);
    expect(sheet.ortsteile.find((x) => x.name === 'Wolmirstedt')!.isCentre).toBe(true);
  });

  it('lists every Ortsteil below a standard with the standard it misses, and sums per Gemeinde', () => {
    const s1 = sheet.standards.find((s) => s.id === 'S1')!;
    expect(s1).toMatchObject({ indicator: 'departures', dayTypeId: 'school-day', comparison: 'min', value: 6 });
    for (const o of sheet.ortsteile) {
      const departures = o.days.find((d) => d.dayTypeId === 'school-day')!.departures;
      expect([o.name, o.missed.some((m) => m.id === 'S1')]).toEqual([o.name, departures < 6]);
    }
    const gemeinde = sheet.gemeinden.find((g) => g.name === 'Haldensleben')!;
    const members = sheet.ortsteile.filter((o) => o.gemeinde === 'Haldensleben');
    expect(gemeinde.ortsteile).toBe(members.length);
    expect(gemeinde.days[0]!.departures).toBe(members.reduce((n, o) => n + o.days[0]!.departures, 0));
    expect(gemeinde.belowStandard).toBe(members.filter((o) => o.missed.length > 0).length);
    const md = renderMonitorMarkdown(sheet, 'de');
    expect(md).toContain('## Gemeinden');
    expect(md).toContain('## Unter einem Bedienungsstandard');
    expect(renderMonitorCsv(sheet).split('\n').length).toBe(1 + places.length * 2);
    const html = renderMonitorHtml(sheet, 'de');
    expect(html).toMatch(/content="default-src 'none'; style-src 'sha256-/);
    expect(html).not.toContain('<script');
    expect((html.match(/<circle /g) ?? []).length).toBeGreaterThanOrEqual(places.length);
  });

  it('shows the loss against a timetable copy that drops line 600', async () => {
    const dropped = new Set(raw.routes!.filter((r) => r.route_short_name === '600').map((r) => r.route_id!));
    const trips = new Set(raw.trips!.filter((t) => dropped.has(t.route_id!)).map((t) => t.trip_id!));
    expect(trips.size).toBeGreaterThan(0);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'erreichbar-without-600-'));
    const copy = path.join(dir, 'boerdebus-ohne-600.zip');
    const tables: RawTables = {
      ...raw,
      trips: raw.trips!.filter((t) => !trips.has(t.trip_id!)).map((t) => ({ ...t, shape_id: '' })),
      stop_times: raw.stop_times!.filter((st) => !trips.has(st.trip_id!)),
      transfers: (raw.transfers ?? []).filter((t) => !trips.has(t.from_trip_id ?? '') && !trips.has(t.to_trip_id ?? '')),
    };
    delete tables.shapes;
    writeStoredZip(copy, Object.fromEntries(Object.entries(tables).filter(([, rows]) => rows.length > 0).map(([name, rows]) => [`${name}.txt`, csvOf(rows)])));
    const { stdout } = await run(
      process.execPath,
      [cli, 'monitor', '--gtfs', copy, '--against', BOERDEBUS, '--cache-dir', sharedCacheDir, '--dates', SCHOOL_DAY, '--no-slots', '--format', 'json', '--quiet'],
      { maxBuffer: 1 << 27 },
    );
    const result = JSON.parse(stdout);
    expect(result.against.dates).toEqual([{ date: SCHOOL_DAY, dayTypeId: 'school-day' }]);
    const hundisburg = result.against.changes.find((c: any) => c.ortsteil === 'Hundisburg' && c.dayTypeId === 'school-day');
    const expectedLoss = rawDepartures(raw, hundisburg ? result.ortsteile.find((o: any) => o.name === 'Hundisburg') : places[0]!, '20261209');
    expect(hundisburg).toBeDefined();
    expect(hundisburg.departures.before).toBe(expectedLoss.count);
    expect(hundisburg.departures.after).toBeLessThan(hundisburg.departures.before);
    // Nothing gains departures by dropping a line.
    expect(result.against.changes.every((c: any) => c.departures.after <= c.departures.before)).toBe(true);
    const { stdout: md } = await run(
      process.execPath,
      [cli, 'monitor', '--gtfs', copy, '--against', BOERDEBUS, '--cache-dir', sharedCacheDir, '--dates', SCHOOL_DAY, '--no-slots', '--quiet'],
      { maxBuffer: 1 << 27 },
    );
    expect(md).toContain('## Änderungen gegenüber dem älteren Fahrplan');
    expect(md).toMatch(new RegExp(`- Hundisburg \\(Haldensleben\\), Schultag: Abfahrten ${hundisburg.departures.before} → ${hundisburg.departures.after} \\(−\\d+\\)`));
  }, 300_000);
});
