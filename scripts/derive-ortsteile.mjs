#!/usr/bin/env node
// Derives data/ortsteile.csv — every Ortsteil of Landkreis Börde with a point, its kind and, where a
// public figure is known, its population with year and source — reproducibly: `npm run data:ortsteile`.
//
// Authority for names: data/ortsteile-official.csv, the Ortsteile (and named Wohnplätze) of all 34
// Gemeinden as their Hauptsatzung, their own pages or, where those were not at hand, Wikipedia
// list them; one source per Gemeinde, with the date it was read. The stop list only places them.
// Known errors of the stop list are corrected in data/ortsteile-overrides.csv, each with its reason.
//
// Sources read from ../shared/data beside the repository:
//   nasa/haltestellen_st_mdv_20260508.csv   all stops of Sachsen-Anhalt (NASA, CC BY 4.0)
//   places/boerde_cities500.tsv              GeoNames populated places (CC BY 4.0), older population figures
//
// The rules, in order (ambiguous cases are decided here or in the overrides, never by editing the output):
//  1. Take the stops with AGS Landkreis 15083 (Landkreis Börde).
//  2. Place name = the part of the stop name before the first comma, without "[INSA-Version …]",
//     without a trailing "(Bus)" or " Ort", with "Gr." → "Groß", "Kl." → "Klein", and without one
//     trailing qualifier in parentheses ("Hundisburg (Haldensleben)" → "Hundisburg"; qualifiers
//     name the Gemeinde, the district or a parent village). "X(Y)" is read as "X (Y)".
//     A trailing qualifier that is part of a Gemeinde's own name stays ("Oschersleben (Bode)").
//     Overrides of type `stop` name the place of one stop whose name folds it into a town
//     ("Wanzleben, Buch" is the Ortsteil Buch, 3 km from Wanzleben).
//  3. ALIASES below map names that differ from the place's own name ("Haldensleben II" is the
//     town's part Althaldensleben; "Bebertal I"/"Bebertal II" are Bebertal).
//  4. The stops of one name are split into groups lying within 3 km of each other (single
//     linkage), so that two villages of one name stay apart (Belsdorf near Flechtingen and
//     Belsdorf near Wefensleben, 16 km apart). Each group belongs to the Gemeinde of most of its
//     stops (ties: alphabetical); its stops in other Gemeinden still count for its point.
//  5. Not places: names of towns outside the district (a name — as written, with its qualifier —
//     with more stops outside Landkreis Börde than inside, e.g. "Magdeburg"; "Seehausen (Börde)"
//     is not "Seehausen (Altmark)"); joint station names "A-B" where A and B are both
//     places ("Angern-Rogätz"); and places with a single stop whose name marks a farm, mill,
//     lake, mine or industrial site (NON_PLACE below).
//  6. Point = the medoid of the group's stops (the stop with the least total distance to the
//     others), so one outlying stop (a "Gewerbegebiet" stop of the town) does not pull the point.
//     Railway station stops are left out when the place has others, because stations often lie
//     outside the village: ", Bahnhof …" stops and the station entry named just like the place
//     within 50 m of one ("Ochtmersleben" is the station; "Ochtmersleben (Bus)" the village stop).
//  7. Overrides of type `gemeinde` correct a wrong Gemeinde code of the stop list (Stadt Frankfurt
//     is in Wanzleben-Börde), `alias` a spelling (Karoline → Caroline).
//  8. kind = the kind in the official list (Ortsteil, Stadtteil, Wohnplatz); a place with stops that
//     the official list does not name is a Wohnplatz. Every official Ortsteil must be found, or be
//     listed as `no_point` in the overrides (no stop and no coordinate in the sources): otherwise
//     the script stops and names it.
//  9. Population = the figure of the official list with its year and source; otherwise the
//     GeoNames figure of the place with the same name (also without its qualifier, or as
//     "<name> I") in the same Gemeinde, labelled as GeoNames with unknown date — except for a
//     Gemeinde's namesake town, whose GeoNames figure is the whole Gemeinde's; otherwise empty,
//     with population_source "fehlt". Wohnplätze get no GeoNames figure.
// Output: name,gemeinde,ags,kind,lat,lon,population,population_year,population_source,stops —
// sorted by Gemeinde, then name (German collation); coordinates with 6 decimals. Written to a
// temporary file, then renamed.
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

/** Reads a small comma-separated file of this repository (quoted fields allowed) into objects. */
export function readCsv(file) {
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      row.push(cell);
      if (row.some((v) => v !== '')) rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  const [header, ...body] = rows;
  return body.map((values, index) => {
    if (values.length !== header.length) throw new Error(`${path.basename(file)}:${index + 2}: ${values.length} fields, header has ${header.length}`);
    return Object.fromEntries(header.map((h, i) => [h, values[i]]));
  });
}

const CLUSTER_METRES = 3000;

/** Splits stops of one name into groups whose members lie within CLUSTER_METRES of another member (single linkage). */
function clusters(stops) {
  const groups = [];
  for (const stop of stops) {
    const near = groups.filter((g) => g.some((s) => distance(s, stop) <= CLUSTER_METRES));
    const merged = near.flat();
    merged.push(stop);
    for (const g of near) groups.splice(groups.indexOf(g), 1);
    groups.push(merged);
  }
  return groups;
}

export function deriveOrtsteile(sharedDir, dataDir = path.join(root, 'data')) {
  const stops = parseStopList(path.join(sharedDir, 'nasa', 'haltestellen_st_mdv_20260508.csv'));
  const official = readCsv(path.join(dataDir, 'ortsteile-official.csv'));
  const overrides = readCsv(path.join(dataDir, 'ortsteile-overrides.csv'));
  const byType = (type) => overrides.filter((o) => o.type === type);
  const stopOverride = new Map(byType('stop').map((o) => [o.stop, o]));
  const inside = stops.filter((stop) => stop.kreis === '15083');
  const gemeinden = new Set(inside.map((stop) => stop.gemeinde));
  const agsOf = new Map(inside.map((stop) => [stop.gemeinde, stop.ags]));
  for (const o of official) agsOf.set(o.gemeinde, o.ags);
  const outsideCount = new Map();
  for (const stop of stops) {
    if (stop.kreis === '15083') continue;
    const raw = rawPlace(stop.name);
    outsideCount.set(raw, (outsideCount.get(raw) ?? 0) + 1);
  }

  const byName = new Map();
  const forced = new Set();
  for (const stop of inside) {
    const cleanName = stop.name.replace(/\s*\[INSA-Version[^\]]*\]/gi, '').trim();
    const override = stopOverride.get(cleanName);
    const name = override ? override.place : placeName(stop.name, gemeinden);
    if (override) forced.add(name);
    if (!byName.has(name)) byName.set(name, []);
    byName.get(name).push(stop);
  }
  for (const o of byType('stop')) {
    if (!forced.has(o.place)) throw new Error(`ortsteile-overrides.csv: stop "${o.stop}" is not in the stop list`);
  }
  const collator = new Intl.Collator('de');
  const derived = [];
  for (const [name, all] of byName) {
    const raws = new Set(all.map((stop) => rawPlace(stop.name)));
    const outside = [...raws].reduce((sum, raw) => sum + (outsideCount.get(raw) ?? 0), 0);
    if (!forced.has(name) && outside > all.length) continue; // a town outside the district
    const parts = name.split('-');
    if (parts.length === 2 && byName.has(parts[0]) && byName.has(parts[1])) continue; // joint station name
    if (all.length === 1 && NON_PLACE.test(name)) continue;
    for (const group of clusters(all)) {
      const votes = new Map();
      for (const stop of group) votes.set(stop.ags, (votes.get(stop.ags) ?? 0) + 1);
      const [ags] = [...votes.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
      const gemeinde = group.find((stop) => stop.ags === ags).gemeinde;
      const stations = group.filter((stop) => /^\s*(S-)?Bahnhof\b|^\s*Bf\b/.test(stop.name.split(',')[1] ?? ''));
      const isStation = (stop) =>
        stations.includes(stop) || (!stop.name.includes(',') && stations.some((station) => distance(station, stop) <= 50));
      const village = group.filter((stop) => !isStation(stop));
      const point = medoid(village.length > 0 ? village : group);
      derived.push({ name, gemeinde, ags, lat: point.lat, lon: point.lon, stops: group.length });
    }
  }

  // Known errors of the stop list (data/ortsteile-overrides.csv), each with its reason.
  for (const o of byType('gemeinde')) {
    const place = derived.find((p) => p.name === o.place && p.gemeinde === o.stop);
    if (!place) throw new Error(`ortsteile-overrides.csv: no place "${o.place}" in Gemeinde "${o.stop}"`);
    place.gemeinde = o.gemeinde;
    place.ags = agsOf.get(o.gemeinde);
  }
  for (const o of byType('alias')) {
    const place = derived.find((p) => p.name === o.stop && p.gemeinde === o.gemeinde);
    if (!place) throw new Error(`ortsteile-overrides.csv: no place "${o.stop}" in Gemeinde "${o.gemeinde}"`);
    place.name = o.place;
  }
  for (const o of byType('stop')) {
    const place = derived.find((p) => p.name === o.place);
    if (o.gemeinde && place.gemeinde !== o.gemeinde) {
      place.gemeinde = o.gemeinde;
      place.ags = agsOf.get(o.gemeinde);
    }
  }

  // The official lists name the places; the stop list only places them.
  const key = (name, gemeinde) => `${name}\u0000${gemeinde}`;
  const officialByKey = new Map(official.map((o) => [key(o.name, o.gemeinde), o]));
  const noPoint = new Set(byType('no_point').map((o) => key(o.place, o.gemeinde)));
  const seen = new Set();
  for (const place of derived) {
    const k = key(place.name, place.gemeinde);
    if (seen.has(k)) throw new Error(`two places "${place.name}" in Gemeinde ${place.gemeinde}: add an override`);
    seen.add(k);
    const entry = officialByKey.get(k);
    place.kind = entry ? entry.kind : 'Wohnplatz';
    place.official = entry;
  }
  const missing = official.filter((o) => o.kind === 'Ortsteil' && !seen.has(key(o.name, o.gemeinde)) && !noPoint.has(key(o.name, o.gemeinde)));
  if (missing.length > 0) {
    throw new Error(`official Ortsteile without a place in the stop list (add an override): ${missing.map((o) => `${o.name} (${o.gemeinde})`).join(', ')}`);
  }
  for (const k of noPoint) {
    if (seen.has(k)) throw new Error(`ortsteile-overrides.csv: no_point "${k.replace('\u0000', ' / ')}" has a place after all`);
  }

  // Population: the figure of the official list with its source; else GeoNames (old, date unknown),
  // but not for a Gemeinde's namesake town, whose GeoNames figure is the whole Gemeinde's.
  const geonames = readGeoNames(path.join(sharedDir, 'places', 'boerde_cities500.tsv'));
  const ortsteileOf = new Map();
  for (const o of official) if (o.kind === 'Ortsteil') ortsteileOf.set(o.gemeinde, (ortsteileOf.get(o.gemeinde) ?? 0) + 1);
  for (const place of derived) {
    place.population = '';
    place.populationYear = '';
    place.populationSource = 'fehlt';
    if (place.official && place.official.population !== '') {
      place.population = Number(place.official.population);
      place.populationYear = place.official.population_year;
      place.populationSource = place.official.population_source;
      continue;
    }
    if (place.kind !== 'Ortsteil') continue;
    const bare = place.name.replace(/\s*\([^()]*\)$/, '');
    const namesake = bare === place.gemeinde.replace(/\s*\([^()]*\)$/, '') && (ortsteileOf.get(place.gemeinde) ?? 0) > 1;
    if (namesake) continue;
    const match = geonames.find((g) => g.ags === place.ags && [place.name, bare, `${bare} I`].includes(g.name));
    if (match && match.population > 0) {
      place.population = match.population;
      place.populationSource = `GeoNames cities500 (${match.name}; Stichtag unbekannt, ältere Zahl)`;
    }
  }
  derived.sort((a, b) => collator.compare(a.gemeinde, b.gemeinde) || collator.compare(a.name, b.name));
  return derived;
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
  const lines = ['name,gemeinde,ags,kind,lat,lon,population,population_year,population_source,stops'];
  for (const o of ortsteile) {
    lines.push(
      [o.name, o.gemeinde, o.ags, o.kind, o.lat.toFixed(6), o.lon.toFixed(6), o.population, o.populationYear, o.populationSource, o.stops]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const write = (file, text) => {
    const partial = `${file}.partial-${process.pid}`;
    writeFileSync(partial, text);
    renameSync(partial, file);
  };
  const ortsteile = deriveOrtsteile(shared, path.join(root, 'data'));
  const stops = deriveStops(shared);
  write(path.join(outDir, 'ortsteile.csv'), toCsv(ortsteile));
  write(path.join(outDir, 'haltestellen.csv'), stopsToCsv(stops));
  const gemeinden = new Set(ortsteile.map((o) => o.ags));
  const kinds = ortsteile.reduce((m, o) => m.set(o.kind, (m.get(o.kind) ?? 0) + 1), new Map());
  const withPopulation = ortsteile.filter((o) => o.kind === 'Ortsteil' && o.population !== '').length;
  console.error(
    `ortsteile.csv: ${ortsteile.length} places in ${gemeinden.size} Gemeinden (${[...kinds].map(([k, n]) => `${n} ${k}`).join(', ')}; ` +
      `${withPopulation} of ${kinds.get('Ortsteil') ?? 0} Ortsteile with a population figure); haltestellen.csv: ${stops.length} stops`,
  );
}
