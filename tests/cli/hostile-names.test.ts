/**
 * The same hostile names (formulas, TAB/CR prefixes, a line break, a pipe, a script tag) in a
 * places and a destinations file, through every output of every command: CSV cells are never
 * formulas and rows never split, Markdown tables keep their columns, HTML runs no script, JSON
 * and GeoJSON carry the names unchanged.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeCsv } from '../../src/report/write-csv.js';
import { escapeMarkdown } from '../../src/report/escape-markdown.js';
import { erreichbar } from '../support/hostile.js';
import { BOERDEBUS, sharedCacheDir } from '../helpers/paths.js';

const HOSTILE = [
  '=HYPERLINK("http://example.org/x","klick")',
  '@SUM(1)',
  '+49 Plus',
  '-Minus',
  '\tTab',
  '\rWagenrücklauf',
  'Zeile eins\nZeile zwei',
  'Rohr | Strich',
  '<script>alert(1)</script>',
];

const dir = mkdtempSync(path.join(os.tmpdir(), 'erreichbar-names-'));
const places = path.join(dir, 'orte.csv');
const destinations = path.join(dir, 'ziele.csv');
const DESTINATION = '=cmd|\' /C calc\'!A0';

beforeAll(() => {
  // Points around Haldensleben, each a few hundred metres apart, all near BördeBus stops.
  const rows: (string | number)[][] = [['name', 'gemeinde', 'lat', 'lon', 'population']];
  HOSTILE.forEach((name, i) => rows.push([name, i % 2 === 0 ? '@Gemeinde' : 'Haldensleben', 52.28 + i * 0.004, 11.40 + i * 0.003, 100 + i]));
  writeFileSync(places, stringifyRaw(rows));
  writeFileSync(destinations, stringifyRaw([['name', 'category', 'gemeinde', 'lat', 'lon', 'schedule'], [DESTINATION, 'workplace', '-Gemeinde', 52.286197, 11.395356, 'Mo-Fr 08:00-16:00']]));
});

/** Plain RFC 4180 CSV without any neutralisation (the hostile input itself). */
function stringifyRaw(rows: (string | number)[][]): string {
  return rows.map((row) => row.map((cell) => (typeof cell === 'string' && /[",\n\r]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : String(cell))).join(',')).join('\n') + '\n';
}

const common = ['--gtfs', BOERDEBUS, '--cache-dir', sharedCacheDir, '--places', places, '--destinations', destinations, '--quiet'];
const dates = ['--dates', '2026-12-09'];

/** Every CSV cell is safe: no formula start (numbers aside); every row has the header's width. */
function expectSafeCsv(text: string, delimiter = ','): string[][] {
  const rows = parse(text.replace(/^\uFEFF/, ''), { delimiter, relax_column_count: false }) as string[][];
  for (const row of rows) {
    for (const cell of row) if (!/^-?\d+([.,]\d+)?$/.test(cell)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  }
  return rows;
}

async function ok(args: string[]): Promise<string> {
  const result = await erreichbar(args);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return result.stdout;
}

describe('one CSV writer with one formula rule', () => {
  it('neutralises = + - @ TAB CR, keeps numbers, quotes line breaks and separators', () => {
    const text = writeCsv([['name', 'n'], ...HOSTILE.map((name, i) => [name, -i])]);
    const rows = expectSafeCsv(text);
    expect(rows).toHaveLength(HOSTILE.length + 1);
    expect(rows.slice(1).map((row) => row[0])).toEqual(HOSTILE.map((name) => (/^[=+\-@\t\r]/.test(name) ? `'${name}` : name)));
    expect(rows.slice(1).map((row) => row[1])).toEqual(HOSTILE.map((_, i) => String(-i)));
    expect(writeCsv([['a;b', 1.5]], { dialect: 'excel-de' })).toBe('\uFEFF"a;b";1,5');
  });

  it('Markdown cells keep their table: pipes escaped, line breaks removed', () => {
    for (const name of HOSTILE) {
      const cell = escapeMarkdown(name);
      expect(cell).not.toMatch(/[\r\n]/);
      expect(cell.replace(/\\\|/g, '')).not.toContain('|');
    }
  });
});

describe('hostile names through every output', () => {
  it('places: csv, json, geojson, table', async () => {
    const rows = expectSafeCsv(await ok(['places', '--places', places, '--format', 'csv']));
    expect(rows).toHaveLength(HOSTILE.length + 1);
    const json = JSON.parse(await ok(['places', '--places', places, '--format', 'json']));
    expect(JSON.stringify(json)).toContain(JSON.stringify(HOSTILE[6]).slice(1, -1));
    const geojson = JSON.parse(await ok(['places', '--places', places, '--format', 'geojson']));
    expect(geojson.type).toBe('FeatureCollection');
    await ok(['places', '--places', places]);
  }, 60_000);

  it('report: csv (both dialects), md, json, geojson, html', async () => {
    const csv = expectSafeCsv(await ok(['report', ...common, ...dates, '--format', 'csv']));
    expect(csv.length).toBeGreaterThan(HOSTILE.length);
    expectSafeCsv(await ok(['report', ...common, ...dates, '--format', 'csv', '--csv-dialect', 'excel-de']), ';');
    const md = await ok(['report', ...common, ...dates, '--format', 'md']);
    const tableLines = md.split('\n').filter((line) => line.startsWith('|'));
    const width = (line: string): number => line.replace(/\\\|/g, '').split('|').length;
    expect(new Set(tableLines.map(width)).size).toBe(1);
    expect(tableLines.length).toBeGreaterThan(HOSTILE.length);
    const json = JSON.parse(await ok(['report', ...common, ...dates, '--format', 'json']));
    expect(json.ortsteile.map((o: { name: string }) => o.name).sort()).toEqual([...HOSTILE].map((name) => name.trim()).sort());
    JSON.parse(await ok(['report', ...common, ...dates, '--format', 'geojson']));
    const html = await ok(['report', ...common, ...dates, '--format', 'html']);
    expect(html).not.toContain('<script>alert(1)');
  }, 180_000);

  it('compare --format csv, check, homes', async () => {
    const compare = await ok(['compare', ...common, '--dates', '2026-12-09', '--against-dates', '2026-12-12', '--format', 'csv']);
    expectSafeCsv(compare);
    const check = JSON.parse(await ok(['check', ...common, ...dates, '--from', HOSTILE[7]!, '--to', DESTINATION, '--format', 'json']));
    expect(check.to.name).toBe(DESTINATION);
    await ok(['homes', ...common, ...dates, '--to', DESTINATION]);
  }, 180_000);

  it('planning commands: gaps csv, best-times csv and html, monitor csv, md and html', async () => {
    expectSafeCsv(await ok(['gaps', ...common, ...dates, '--format', 'csv']));
    expectSafeCsv(await ok(['best-times', ...common, ...dates, '--to', DESTINATION, '--format', 'csv']));
    expect(await ok(['best-times', ...common, ...dates, '--to', DESTINATION, '--format', 'html'])).not.toContain('<script>alert(1)');
    const monitorCsv = expectSafeCsv(await ok(['monitor', ...common, ...dates, '--no-slots', '--format', 'csv']));
    expect(monitorCsv.length).toBe(HOSTILE.length + 1);
    const md = await ok(['monitor', ...common, ...dates, '--no-slots', '--format', 'md']);
    for (const line of md.split('\n').filter((text) => text.startsWith('|'))) expect(line.endsWith('|')).toBe(true);
    expect(await ok(['monitor', ...common, ...dates, '--no-slots', '--format', 'html'])).not.toContain('<script>alert(1)');
  }, 240_000);
});
