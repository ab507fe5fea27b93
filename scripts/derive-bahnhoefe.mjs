#!/usr/bin/env node
// Derives data/bahnhoefe.csv — the railway stations in and around Landkreis Börde with their
// rail products — from ../shared/data/places/boerde_bbox_stations.ndjson, reproducibly:
// `npm run data:bahnhoefe`.
//
// Source: stations and stops of DB InfraGO AG (CC BY 4.0) and OpenStreetMap contributors
// (ODbL), with product flags, in a box around the district (51.90–52.52 N, 10.93–11.87 E).
//
// The rules:
//  1. Keep entries served by at least one rail product: nationalExpress, national,
//     regionalExpress, regional or suburban (trams, buses, taxis and ferries are not rail).
//  2. Keep only DB station numbers (EVA numbers 80xxxxx): other ids with a rail flag are bus
//     stops beside a station ("Zielitz (Bus)", "Zuckerfabrik, Halberstadt").
//  3. Leave out bus stations and city stops that carry a rail flag for a station nearby:
//     NOT_RAIL below, each with its reason.
//  4. Name: as DB writes it, with a space before a qualifier in parentheses
//     ("Oschersleben(Bode)" → "Oschersleben (Bode)").
// Output: id,name,lat,lon,products,source — sorted by name (German collation), coordinates with 6
// decimals, products joined by "|". Written to a temporary file, then renamed.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = path.resolve(repo, '../shared/data/places/boerde_bbox_stations.ndjson');
const target = path.join(repo, 'data', 'bahnhoefe.csv');

const SOURCE = 'DB InfraGO AG (CC BY 4.0) / OpenStreetMap-Mitwirkende (ODbL)';
const RAIL = ['nationalExpress', 'national', 'regionalExpress', 'regional', 'suburban'];
const NOT_RAIL = new Map([
  ['8089178', 'Magdeburg Hbf ZOB is the bus station beside the main station'],
  ['8080660', 'Magdeburg Hasselbachplatz is a tram and bus stop; no railway passes there'],
]);

const rows = readFileSync(source, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line));
const stations = [];
for (const row of rows) {
  const products = RAIL.filter((product) => row.products?.[product]);
  if (products.length === 0) continue;
  if (!/^80\d{5}$/.test(row.id) || NOT_RAIL.has(row.id)) continue;
  const name = row.name.replace(/(\S)\(/g, '$1 (');
  stations.push({ id: row.id, name, lat: row.location.latitude, lon: row.location.longitude, products });
}
const collator = new Intl.Collator('de');
stations.sort((a, b) => collator.compare(a.name, b.name) || a.id.localeCompare(b.id));
const lines = [
  'id,name,lat,lon,products,source',
  ...stations.map((s) =>
    [s.id, /[,"]/.test(s.name) ? `"${s.name.replace(/"/g, '""')}"` : s.name, s.lat.toFixed(6), s.lon.toFixed(6), s.products.join('|'), SOURCE].join(','),
  ),
];
const temporary = `${target}.${process.pid}.tmp`;
writeFileSync(temporary, `${lines.join('\n')}\n`);
renameSync(temporary, target);
console.log(`${stations.length} stations → ${path.relative(repo, target)}`);
