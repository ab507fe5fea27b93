#!/usr/bin/env node
// Derives data/ortsteile.csv — every Ortsteil of Landkreis Börde with a point and, where known,
// its population — from the NASA stop list and GeoNames, reproducibly: `npm run data:ortsteile`.
//
// Sources (CC BY 4.0), read from ../shared/data beside the repository:
//   nasa/haltestellen_st_mdv_20260508.csv   all stops of Sachsen-Anhalt (name; …; X; Y; AGS Gemeinde; Gemeinde; AGS Landkreis; …)
//   places/boerde_cities500.tsv              GeoNames populated places of the district, with population
//
// The rules, in order (ambiguous cases are decided here, never by editing the output):
//  1. Take the stops with AGS Landkreis 15083 (Landkreis Börde).
//  2. Place name = the part of the stop name before the first comma, without "[INSA-Version …]",
//     without a trailing "(Bus)" or " Ort", with "Gr." → "Groß", "Kl." → "Klein", and without one
//     trailing qualifier in parentheses ("Hundisburg (Haldensleben)" → "Hundisburg"; qualifiers
//     name the Gemeinde, the district or a parent village). "X(Y)" is read as "X (Y)".
//  3. ALIASES below map names that differ from the place's own name ("Haldensleben II" is the
//     town's part Althaldensleben; "Bebertal I"/"Bebertal II" are Bebertal).
//  4. A place belongs to the Gemeinde of most of its stops (ties: alphabetical); its stops in
//     other Gemeinden still count for its point.
//  5. Not places: names of towns outside the district (a name — as written, with its qualifier —
//     with more stops outside Landkreis Börde than inside, e.g. "Magdeburg"; "Seehausen (Börde)"
//     is not "Seehausen (Altmark)"); joint station names "A-B" where A and B are both
//     places ("Angern-Rogätz"); and places with a single stop whose name marks a farm, mill,
//     lake, mine or industrial site (NON_PLACE below).
//  6. Point = the medoid of the place's stops (the stop with the least total distance to the
//     others), so one outlying stop (a "Gewerbegebiet" stop of the town) does not pull the point.
//     Railway station stops are left out when the place has others, because stations often lie
//     outside the village: ", Bahnhof …" stops and the station entry named just like the place
//     within 50 m of one ("Ochtmersleben" is the station; "Ochtmersleben (Bus)" the village stop).
//  2b. A trailing qualifier that is part of a Gemeinde's own name stays ("Oschersleben (Bode)").
//  7. Population = GeoNames `population` of the place with the same name (also without its
//     qualifier, or as "<name> I") in the
//     same Gemeinde (admin4 AGS); empty when there is none.
// Output: name,gemeinde,ags,lat,lon,population,stops — sorted by Gemeinde, then name (German
// collation); coordinates with 6 decimals. Written to a temporary file, then renamed.
// Also data/haltestellen.csv: the district's stops (stop_id = DHID, name, gemeinde, lat, lon),
// which `erreichbar places` uses when no timetable is given.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.env.ERREICHBAR_SHARED_DATA ?? path.resolve(root, '../shared/data');
const outDir = process.argv[2] ?? path.join(root, 'data');

const ALIASES = new Map([
  ['Haldensleben II', 'Althaldensleben'],
  ['Bebertal I', 'Bebertal'],
  ['Bebertal II', 'Bebertal'],
]);
const NON_PLACE = /(gewerbe|industrie|abzw|mühle|muehle|hof$|gut |vorwerk|forst|see$|pfuhl|siedlung|werk$|schacht|grube|kreuz$|apostel)/i;

function parseStopList(file) {
  const lines = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter((line) => line.trim() !== '');
  const header = lines[0].split(';');
  const col = (name) => {
    const index = header.indexOf(name);
    if (index === -1) throw new Error(`${path.basename(file)}: column "${name}" is missing`);
    return index;
  };
  const [cName, cNumber, cDhid, cX, cY, cAgs, cGemeinde, cKreis] = ['Haltestelle Name', 'Haltestelle Nummer', 'Globale ID', 'X-Koordinate', 'Y-Koordinate', 'AGS Gemeinde', 'Gemeinde', 'AGS Landkreis'].map(col);
  return lines.slice(1).map((line) => {
    const f = line.split(';');
    return {
      name: f[cName],
      // Rail stations have no DHID in the list; their stop number identifies them then.
      dhid: f[cDhid] || `nr:${f[cNumber]}`,
      lon: Number(f[cX].replace(',', '.')),
      lat: Number(f[cY].replace(',', '.')),
      ags: f[cAgs],
      gemeinde: f[cGemeinde],
      kreis: f[cKreis],
    };
  });
}

/** The place part of a stop name as written: before the first comma, without feed artefacts. */
export function rawPlace(stopName) {
  let name = stopName.split(',')[0];
  name = name.replace(/\s*\[INSA-Version[^\]]*\]/gi, '');
  name = name.replace(/(\S)\(/g, '$1 (');
  name = name.replace(/\s*\(Bus\)\s*$/i, '');
  name = name.replace(/\s+Ort$/, '');
  return name.replace(/\s+/g, ' ').trim();
}

/** The place name of a stop name (rules 2 and 3); `gemeinden` are names kept whole. */
export function placeName(stopName, gemeinden = new Set()) {
  let name = rawPlace(stopName);
  if (!gemeinden.has(name)) name = name.replace(/\s*\([^()]*\)\s*$/, '');
  name = name.replace(/^Gr\.\s*/, 'Groß ').replace(/^Kl\.\s*/, 'Klein ');
  name = name.replace(/\s+/g, ' ').trim();
  return ALIASES.get(name) ?? name;
}

const RADIUS = 6371008.8;
function distance(a, b) {
  const rad = Math.PI / 180;
  const h = Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
  return 2 * RADIUS * Math.asin(Math.min(1, Math.sqrt(h)));
}

function medoid(points) {
  let best = points[0];
  let bestSum = Infinity;
  for (const p of points) {
    const sum = points.reduce((total, q) => total + distance(p, q), 0);
    if (sum < bestSum - 1e-9) {
      best = p;
      bestSum = sum;
    }
  }
  return best;
}

function readGeoNames(file) {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/).filter((line) => line.trim() !== '');
  const header = lines[0].split('\t');
  const col = (name) => header.indexOf(name);
  return lines.slice(1).map((line) => {
    const f = line.split('\t');
    return { name: f[col('name')], ags: f[col('admin4_gemeinde_ags')], population: Number(f[col('population')]) || 0 };
  });
}

export function deriveOrtsteile(sharedDir) {
  const stops = parseStopList(path.join(sharedDir, 'nasa', 'haltestellen_st_mdv_20260508.csv'));
  const inside = stops.filter((stop) => stop.kreis === '15083');
  const gemeinden = new Set(inside.map((stop) => stop.gemeinde));
  const outsideCount = new Map();
  for (const stop of stops) {
    if (stop.kreis === '15083') continue;
    const raw = rawPlace(stop.name);
    outsideCount.set(raw, (outsideCount.get(raw) ?? 0) + 1);
  }

  const byName = new Map();
  for (const stop of inside) {
    const name = placeName(stop.name, gemeinden);
    if (!byName.has(name)) byName.set(name, []);
    byName.get(name).push(stop);
  }
  const collator = new Intl.Collator('de');
  const ortsteile = [];
  for (const [name, group] of byName) {
    const raws = new Set(group.map((stop) => rawPlace(stop.name)));
    const outside = [...raws].reduce((sum, raw) => sum + (outsideCount.get(raw) ?? 0), 0);
    if (outside > group.length) continue; // a town outside the district
    const parts = name.split('-');
    if (parts.length === 2 && byName.has(parts[0]) && byName.has(parts[1])) continue; // joint station name
    if (group.length === 1 && NON_PLACE.test(name)) continue;
    const votes = new Map();
    for (const stop of group) votes.set(stop.ags, (votes.get(stop.ags) ?? 0) + 1);
    const [ags] = [...votes.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
    const gemeinde = group.find((stop) => stop.ags === ags).gemeinde;
    const stations = group.filter((stop) => /^\s*(S-)?Bahnhof\b|^\s*Bf\b/.test(stop.name.split(',')[1] ?? ''));
    const isStation = (stop) =>
      stations.includes(stop) || (!stop.name.includes(',') && stations.some((station) => distance(station, stop) <= 50));
    const village = group.filter((stop) => !isStation(stop));
    const point = medoid(village.length > 0 ? village : group);
    ortsteile.push({ name, gemeinde, ags, lat: point.lat, lon: point.lon, stops: group.length });
  }

  const geonames = readGeoNames(path.join(sharedDir, 'places', 'boerde_cities500.tsv'));
  for (const ortsteil of ortsteile) {
    const bare = ortsteil.name.replace(/\s*\([^()]*\)$/, '');
    const match = geonames.find((g) => g.ags === ortsteil.ags && [ortsteil.name, bare, `${bare} I`].includes(g.name));
    ortsteil.population = match && match.population > 0 ? match.population : '';
  }
  ortsteile.sort((a, b) => collator.compare(a.gemeinde, b.gemeinde) || collator.compare(a.name, b.name));
  return ortsteile;
}

function csvCell(value) {
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The district's stops for data/haltestellen.csv, sorted by id. */
export function deriveStops(sharedDir) {
  return parseStopList(path.join(sharedDir, 'nasa', 'haltestellen_st_mdv_20260508.csv'))
    .filter((stop) => stop.kreis === '15083')
    .map((stop) => ({ ...stop, name: stop.name.replace(/\s*\[INSA-Version[^\]]*\]/gi, '').trim() }))
    .sort((a, b) => (a.dhid < b.dhid ? -1 : a.dhid > b.dhid ? 1 : 0));
}

export function stopsToCsv(stops) {
  const lines = ['stop_id,name,gemeinde,lat,lon'];
  for (const s of stops) lines.push([s.dhid, s.name, s.gemeinde, s.lat.toFixed(6), s.lon.toFixed(6)].map(csvCell).join(','));
  return `${lines.join('\n')}\n`;
}

export function toCsv(ortsteile) {
  const lines = ['name,gemeinde,ags,lat,lon,population,stops'];
  for (const o of ortsteile) {
    lines.push([o.name, o.gemeinde, o.ags, o.lat.toFixed(6), o.lon.toFixed(6), o.population, o.stops].map(csvCell).join(','));
  }
  return `${lines.join('\n')}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const write = (file, text) => {
    const partial = `${file}.partial-${process.pid}`;
    writeFileSync(partial, text);
    renameSync(partial, file);
  };
  const ortsteile = deriveOrtsteile(shared);
  const stops = deriveStops(shared);
  write(path.join(outDir, 'ortsteile.csv'), toCsv(ortsteile));
  write(path.join(outDir, 'haltestellen.csv'), stopsToCsv(stops));
  const gemeinden = new Set(ortsteile.map((o) => o.ags));
  console.error(`ortsteile.csv: ${ortsteile.length} Ortsteile in ${gemeinden.size} Gemeinden; haltestellen.csv: ${stops.length} stops`);
}
