/**
 * best-times on the real feeds: the KVHS Haldensleben course, two of its start times recomputed
 * with `erreichbar report` (the same destination with that start as its schedule) must give the
 * same Ortsteile per verdict and date.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { BOERDEBUS, MVB, repoRoot, sharedCacheDir } from '../helpers/paths.js';
import { parseDurationMinutes } from '../../src/cli/commands/best-times-command.js';
import { loadParticipants } from '../../src/places/load-participants.js';
import { DataError } from '../../src/errors.js';
import { renderBestTimesCsv, renderBestTimesHtml } from '../../src/report/render-best-times.js';

const run = promisify(execFile);
const cli = path.join(repoRoot, 'bin', 'erreichbar');
const FEEDS = ['--gtfs', BOERDEBUS, MVB, '--cache-dir', sharedCacheDir];
const DATES = ['--dates', '2026-12-09', '2026-07-15'];
const PLACE_COUNT = readFileSync(path.join(repoRoot, 'data', 'ortsteile.csv'), 'utf8').trim().split('\n').length - 1;
const VERDICTS = ['reachable', 'long-wait', 'outbound-only', 'return-only', 'unreachable'] as const;

interface Group {
  count: number;
  weight: number;
  ortsteile: string[];
}
interface Candidate {
  start: string;
  end: string;
  slot: string;
  current: boolean;
  rank: number;
  days: { date: string; dayTypeId: string; verdicts: Record<string, Group> }[];
}

async function cliJson(args: string[]): Promise<any> {
  const { stdout } = await run(process.execPath, [cli, ...args, '--quiet'], { maxBuffer: 1 << 27 });
  return JSON.parse(stdout);
}

describe('erreichbar best-times', () => {
  let result: any;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'erreichbar-best-times-'));

  beforeAll(async () => {
    result = await cliJson(['best-times', ...FEEDS, '--to', 'KVHS Haldensleben', '--between', '07:00-10:00', '--step', '15', ...DATES, '--format', 'json']);
  }, 120_000);

  it('lists every candidate start with the date used and the Ortsteile per verdict', () => {
    expect(result.schemaVersion).toBe(1);
    expect(result.destination.name).toBe('KVHS Haldensleben');
    expect(result.durationMinutes).toBe(255); // Mo-Fr 08:30-12:45 in data/destinations.csv
    expect(result.currentStart).toBe('08:30');
    const starts = result.candidates.map((c: Candidate) => c.start);
    expect(starts).toEqual(['07:00', '07:15', '07:30', '07:45', '08:00', '08:15', '08:30', '08:45', '09:00', '09:15', '09:30', '09:45', '10:00']);
    expect(result.candidates.filter((c: Candidate) => c.current).map((c: Candidate) => c.start)).toEqual(['08:30']);
    for (const c of result.candidates as Candidate[]) {
      expect(c.days.map((d) => [d.date, d.dayTypeId])).toEqual([
        ['2026-12-09', 'school-day'],
        ['2026-07-15', 'holiday-weekday'],
      ]);
      for (const day of c.days) {
        const total = VERDICTS.reduce((n, v) => n + day.verdicts[v]!.count, 0);
        expect(total).toBe(PLACE_COUNT);
        for (const v of VERDICTS) expect(day.verdicts[v]!.ortsteile.length).toBe(day.verdicts[v]!.count);
      }
    }
    // The weighting says how many Ortsteile lacked a population figure.
    expect(result.weighting.kind).toBe('population');
    expect(result.weighting.total).toBe(PLACE_COUNT);
    expect(result.weighting.missing).toBeGreaterThan(0);
    expect(result.best.length).toBe(3);
    expect(result.best[0].rank).toBe(1);
  });

  it('gives the same counts as `report` for two start times (the best and the current one)', async () => {
    const picks = [result.candidates.find((c: Candidate) => c.rank === 1), result.candidates.find((c: Candidate) => c.current)] as Candidate[];
    expect(picks[0]!.start).not.toBe(picks[1]!.start);
    for (const pick of picks) {
      const file = path.join(tmp, `kvhs-${pick.start.replace(':', '')}.csv`);
      writeFileSync(file, `name,category,lat,lon,schedule\nKVHS Haldensleben,course,${result.destination.lat},${result.destination.lon},${pick.slot}\n`);
      const report = await cliJson(['report', ...FEEDS, '--destinations', file, ...DATES, '--format', 'json']);
      // Names that occur in several Gemeinden carry the Gemeinde in best-times.
      const seen = new Map<string, number>();
      for (const o of report.ortsteile) seen.set(o.name, (seen.get(o.name) ?? 0) + 1);
      const shown = (o: any): string => ((seen.get(o.name) ?? 0) > 1 ? `${o.name} (${o.gemeinde})` : o.name);
      for (const day of pick.days) {
        for (const verdict of VERDICTS) {
          const names = report.ortsteile
            .filter((o: any) => o.results[0].days.some((d: any) => d.date === day.date && d.verdict === verdict))
            .map(shown)
            .sort((a: string, b: string) => a.localeCompare(b, 'de'));
          expect([pick.start, day.date, verdict, names.length]).toEqual([pick.start, day.date, verdict, day.verdicts[verdict]!.count]);
          expect(names).toEqual([...day.verdicts[verdict]!.ortsteile].sort((a, b) => a.localeCompare(b, 'de')));
        }
      }
    }
  }, 120_000);

  it('prints text with bars and the best starts against the current one, in German number format', async () => {
    const { stdout } = await run(process.execPath, [cli, 'best-times', ...FEEDS, '--to', 'KVHS Haldensleben', '--between', '07:00-10:00', ...DATES, '--quiet'], { maxBuffer: 1 << 26 });
    expect(stdout).toContain('Beste Beginnzeiten: KVHS Haldensleben (Kurs), Dauer 4 h 15 min, Mo-Fr');
    expect(stdout).toMatch(new RegExp(`für \\d+ von ${PLACE_COUNT} Ortsteilen fehlt eine Einwohnerzahl`));
    expect(stdout).toMatch(/█/);
    const best = result.best[0];
    if (best.start !== '08:30') expect(stdout).toContain(`1. Beginn ${best.start} statt 08:30: Schultag`);
    // German thousands separator in the weights.
    expect(stdout).toMatch(/\d\.\d{3} (EW|Einwohner)/);
  }, 120_000);

  it('renders a self-contained HTML page with an SVG chart and a strict CSP, and CSV rows per start and date', () => {
    const html = renderBestTimesHtml(result, 'de');
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; img-src data:/);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3)/);
    expect(html).toContain('<svg viewBox=');
    expect((html.match(/<polyline /g) ?? []).length).toBe(2);
    const csv = renderBestTimesCsv(result).split('\n');
    expect(csv[0]).toBe('start,end,current,rank,date,dayType,reachable,reachableWeight,long-wait,long-waitWeight,outbound-only,outbound-onlyWeight,return-only,return-onlyWeight,unreachable,unreachableWeight');
    expect(csv.length).toBe(1 + 13 * 2);
    expect(csv.filter((line) => line.startsWith('08:30,12:45,yes,')).length).toBe(2);
  });

  it('weights by participants from a file, and names a bad row', async () => {
    const file = path.join(tmp, 'teilnehmende.csv');
    writeFileSync(file, 'Ortsteil,Anzahl\nHundisburg,3\nHaldensleben,5\nHundisburg,1\n');
    const weighted = await cliJson(['best-times', ...FEEDS, '--to', 'KVHS Haldensleben', '--between', '08:00-09:00', '--step', '30', ...DATES, '--participants', file, '--format', 'json']);
    expect(weighted.weighting).toMatchObject({ kind: 'participants', sum: 9, total: PLACE_COUNT, missing: PLACE_COUNT - 2 });
    for (const c of weighted.candidates as Candidate[]) {
      for (const day of c.days) expect(VERDICTS.reduce((n, v) => n + day.verdicts[v]!.weight, 0)).toBe(9);
    }
    const bad = path.join(tmp, 'bad.csv');
    writeFileSync(bad, 'Ortsteil,Anzahl\nHundisburg,3\nAtlantis,2\n');
    const failure = await run(process.execPath, [cli, 'best-times', ...FEEDS, '--to', 'KVHS Haldensleben', '--participants', bad, '--quiet'], { maxBuffer: 1 << 26 }).catch((e) => e);
    expect(failure.code).toBe(1);
    expect(failure.stderr.trim()).toBe(`erreichbar: ${bad}:3: ortsteil "Atlantis" ist kein Ortsteil der Ortsteil-Liste`);
  }, 120_000);

  it('reads durations as people write them', async () => {
    expect(parseDurationMinutes('4h15')).toBe(255);
    expect(parseDurationMinutes('4h 15min')).toBe(255);
    expect(parseDurationMinutes('4:15')).toBe(255);
    expect(parseDurationMinutes('8h')).toBe(480);
    expect(parseDurationMinutes('255')).toBe(255);
    expect(parseDurationMinutes('45min')).toBe(45);
    expect(parseDurationMinutes('vier Stunden')).toBeUndefined();
    const { stderr, code } = await run(process.execPath, [cli, 'best-times', ...FEEDS, '--to', 'KVHS Haldensleben', '--duration', 'lang'], {}).catch((e) => e);
    expect(code).toBe(2);
    expect(stderr.trim()).toBe('erreichbar: --duration muss wie 4h15, 8h oder 255 aussehen (unter 24 h), nicht "lang"');
    const places = [{ name: 'Emden', gemeinde: 'Altenhausen' }, { name: 'Emden', gemeinde: 'Andere' }];
    const file = path.join(tmp, 'ambiguous.csv');
    writeFileSync(file, 'Ortsteil,Anzahl\nEmden,2\n');
    await expect(loadParticipants(file, places)).rejects.toThrow(DataError);
    writeFileSync(file, 'Ortsteil,Gemeinde,Anzahl\nEmden,Andere,2\n');
    expect(await loadParticipants(file, places)).toEqual([0, 2]);
  });

  it('assesses a Kita by opening hours, with the same counts as the report of that opening', async () => {
    const { loadFeeds } = await import('../../src/feed/load-feeds.js');
    const { loadPlaces } = await import('../../src/places/load-places.js');
    const { bestStartTimes } = await import('../../src/analysis/best-times.js');
    const { buildReport } = await import('../../src/analysis/build-report.js');
    const feeds = await loadFeeds([BOERDEBUS, MVB], { cacheDir: sharedCacheDir });
    const { places } = await loadPlaces(path.join(repoRoot, 'data', 'ortsteile.csv'));
    const kita = { name: 'Kita Max und Moritz Haldensleben', category: 'childcare', lat: 52.283158, lon: 11.390956 };
    const selection = { kind: 'dates' as const, dates: ['2026-12-09'] };
    const result = bestStartTimes(feeds, places, kita, { durationMinutes: 11 * 60, days: [1, 2, 3, 4, 5], fromMinutes: 360, toMinutes: 420, stepMinutes: 30, currentStartMinutes: 360, selection });
    expect(result.kind).toBe('opening-hours');
    expect(result.candidates.map((c) => c.slot)).toEqual(['Mo-Fr 06:00-17:00', 'Mo-Fr 06:30-17:30', 'Mo-Fr 07:00-18:00']);
    const candidate = result.candidates[1]!;
    const report = buildReport(feeds, places, [{ ...kita, schedule: [{ label: candidate.slot, days: [1, 2, 3, 4, 5], startMinutes: 390, endMinutes: 1050 }] }], { days: selection });
    for (const verdict of VERDICTS) {
      const count = report.ortsteile.filter((o) => o.results[0]!.days[0]!.verdict === verdict).length;
      expect([verdict, count]).toEqual([verdict, candidate.days[0]!.verdicts[verdict].count]);
    }
  }, 120_000);
});
