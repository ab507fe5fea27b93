import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlaces } from '../../src/places/load-places.js';
import { loadParticipants } from '../../src/places/load-participants.js';
import { loadDestinations } from '../../src/places/load-destinations.js';
import { DataError } from '../../src/errors.js';
import { fixture } from '../helpers/paths.js';

const file = (name: string): string => fixture('places', name);

async function placesError(name: string): Promise<DataError> {
  const error = await loadPlaces(file(name)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DataError);
  return error as DataError;
}

describe('loadPlaces', () => {
  it('reads comma CSV', async () => {
    const { places, warnings } = await loadPlaces(file('good-comma.csv'));
    expect(places).toEqual([{ name: 'Hundisburg', gemeinde: 'Haldensleben', lat: 52.2455, lon: 11.3981 }]);
    expect(warnings).toEqual([]);
  });

  it('reads semicolon CSV with decimal commas, a BOM and German headers', async () => {
    const { places } = await loadPlaces(file('good-semicolon-bom.csv'));
    expect(places).toEqual([
      { name: 'Hundisburg', gemeinde: 'Haldensleben', lat: 52.2455, lon: 11.3981, population: 1065 },
      { name: 'Wedringen', gemeinde: 'Haldensleben', lat: 52.2726, lon: 11.466 },
    ]);
  });

  it('reads the optional kind, population year and source columns (German headers too)', async () => {
    const { places } = await loadPlaces(file('kinds.csv'));
    expect(places).toEqual([
      { name: 'Hundisburg', gemeinde: 'Haldensleben', lat: 52.2455, lon: 11.3981, kind: 'Ortsteil', population: 1065, populationYear: '2020', populationSource: 'Stadt Haldensleben' },
      { name: 'Hütten', gemeinde: 'Haldensleben', lat: 52.3541, lon: 11.4663, kind: 'Wohnplatz', populationSource: 'fehlt' },
    ]);
  });

  it.each([
    [
      'bad-kind.csv',
      'BAD_VALUE',
      'bad-kind.csv:3: kind "Weiler" ist keine Art von Ort (erlaubt: Ortsteil, Stadtteil, Wohnplatz)',
      'bad-kind.csv:3: kind "Weiler" is not a kind of place (allowed: Ortsteil, Stadtteil, Wohnplatz)',
    ],
    [
      'missing-column.csv',
      'MISSING_COLUMN',
      'missing-column.csv:1: lat Spalte fehlt (auch möglich: latitude/longitude, breite/länge)',
      'missing-column.csv:1: lat column is missing (also accepted: latitude/longitude, breite/länge)',
    ],
    ['not-a-number.csv', 'BAD_COORDINATE', 'not-a-number.csv:3: lat "52.27x" ist keine Zahl', 'not-a-number.csv:3: lat "52.27x" is not a number'],
    [
      'out-of-range.csv',
      'BAD_COORDINATE',
      'out-of-range.csv:2: lat "152.2455" ist keine geografische Breite von -90 bis 90',
      'out-of-range.csv:2: lat "152.2455" is not a latitude from -90 to 90',
    ],
    [
      'swapped.csv',
      'SWAPPED_COORDINATES',
      'swapped.csv:2: lat,lon "11.3981,52.2455" von "Hundisburg": Breite und Länge scheinen vertauscht (der Punkt läge bei 11.40° N, 52.25° O, nicht im Gebiet)',
      'swapped.csv:2: lat,lon "11.3981,52.2455" of "Hundisburg": latitude and longitude look swapped (the point would lie at 11.40° N, 52.25° E, not in the area)',
    ],
    [
      'duplicate.csv',
      'DUPLICATE_NAME',
      'duplicate.csv:4: name "hundisburg" kommt in der Gemeinde Haldensleben doppelt vor (auch Zeile 2)',
      'duplicate.csv:4: name "hundisburg" appears twice in Gemeinde Haldensleben (also line 2)',
    ],
    [
      'line-point.geojson',
      'NOT_A_POINT',
      'line-point.geojson:2: geometry "LineString" ist kein Point (Features von 1 an gezählt)',
      'line-point.geojson:2: geometry "LineString" is not a Point (feature numbers count from 1)',
    ],
  ])('%s: %s', async (name, code, message, messageEn) => {
    const error = await placesError(name);
    expect(error.code).toBe(code);
    expect(error.message).toBe(`${file(name).slice(0, -name.length)}${message}`);
    expect(error.messageEn).toBe(`${file(name).slice(0, -name.length)}${messageEn}`);
  });

  it('warns about points far outside the area and still loads them', async () => {
    const { places, warnings } = await loadPlaces(file('far-away.csv'));
    expect(places).toHaveLength(2);
    expect(warnings).toEqual([`${file('far-away.csv')}:3: point 48.1372,11.5756 of "München" lies 422 km outside the area of the timetables`]);
  });
});

describe('loadDestinations', () => {
  it('reads schedules with several slots, night shifts and German categories', async () => {
    const { destinations } = await loadDestinations(file('good-destinations.csv'));
    expect(destinations.map((d) => [d.name, d.category, d.schedule.map((s) => [s.label, s.days, s.startMinutes, s.endMinutes, s.overnight])])).toEqual([
      ['Hermes', 'workplace', [['Mo-Sa 06:00-14:00', [1, 2, 3, 4, 5, 6], 360, 840, false], ['So-Do 22:00-06:00', [1, 2, 3, 4, 7], 1320, 360, true]]],
      ['Kita', 'childcare', [['Mo-Fr 06:00-17:00', [1, 2, 3, 4, 5], 360, 1020, false]]],
    ]);
  });

  it('reads GeoJSON points in lon,lat order', async () => {
    const { destinations } = await loadDestinations(file('good.geojson'));
    expect(destinations[0]).toMatchObject({ name: 'Hermes', lat: 52.2826, lon: 11.3923, category: 'workplace' });
  });

  it('reads active, source date, assumptions, point method and at_ortsteil; leaves inactive rows out unless asked', async () => {
    const { destinations, inactive } = await loadDestinations(file('destinations-active.csv'));
    expect(destinations.map((d) => [d.name, d.active, d.sourceDate, d.assumed, d.coordMethod, d.atOrtsteil])).toEqual([
      ['KVHS Haldensleben', true, '2026-12-02', 'schedule', 'Haltestelle', undefined],
      ['Kita Wedringen', undefined, '2026-12', 'schedule', 'Haltestelle', 'ja: im Dorf'],
    ]);
    expect(inactive.map((d) => [d.name, d.active])).toEqual([['KVHS Wanzleben', false]]);
    const everything = await loadDestinations(file('destinations-active.csv'), { includeInactive: true });
    expect(everything.destinations.map((d) => d.name)).toEqual(['KVHS Haldensleben', 'KVHS Wanzleben', 'Kita Wedringen']);
    expect(everything.inactive).toEqual([]);
  });

  it.each([
    [
      'bad-active.csv',
      'BAD_VALUE',
      'bad-active.csv:2: active "vielleicht" ist weder ja noch nein',
      'bad-active.csv:2: active "vielleicht" is neither ja (yes) nor nein (no)',
    ],
    [
      'bad-source-date.csv',
      'BAD_VALUE',
      'bad-source-date.csv:2: source_date "gestern" ist kein Datum wie 2026-12-02',
      'bad-source-date.csv:2: source_date "gestern" is not a date like 2026-12-02',
    ],
    [
      'bad-category.csv',
      'BAD_CATEGORY',
      'bad-category.csv:3: category "Schule" ist keine von workplace, course, childcare, other',
      'bad-category.csv:3: category "Schule" is not one of workplace, course, childcare, other',
    ],
    [
      'bad-schedule.csv',
      'BAD_SCHEDULE',
      'bad-schedule.csv:2: schedule "Mo-Sa 6-14 Uhr abends" ist nicht lesbar: Zeitplan "Mo-Sa 6-14 Uhr abends" ist nicht wie "Mo-Fr 06:00-14:00"',
      'bad-schedule.csv:2: schedule "Mo-Sa 6-14 Uhr abends" cannot be read: schedule "Mo-Sa 6-14 Uhr abends" is not like "Mo-Fr 06:00-14:00"',
    ],
  ])('%s: %s', async (name, code, message, messageEn) => {
    const error = (await loadDestinations(file(name)).catch((e: unknown) => e)) as DataError;
    expect(error).toBeInstanceOf(DataError);
    expect(error.code).toBe(code);
    expect(error.message).toBe(`${file(name).slice(0, -name.length)}${message}`);
    expect(error.messageEn).toBe(`${file(name).slice(0, -name.length)}${messageEn}`);
  });

  it('loads the default Börde destinations: every row has a category, a schedule and a source', async () => {
    const { destinations, warnings } = await loadDestinations(fixture('..', 'data', 'destinations.csv'));
    expect(warnings).toEqual([]);
    expect(destinations.length).toBeGreaterThanOrEqual(15);
    for (const category of ['workplace', 'course', 'childcare'] as const) expect(destinations.some((d) => d.category === category)).toBe(true);
    for (const d of destinations) {
      expect(d.source, d.name).toBeTruthy();
      expect(d.schedule.length, d.name).toBeGreaterThan(0);
    }
    expect(destinations.filter((d) => d.name.startsWith('KVHS')).map((d) => d.gemeinde)).toEqual(['Haldensleben', 'Oschersleben (Bode)', 'Wolmirstedt']);
    // KVHS Wanzleben is marked inactive (no integration courses since 2018) and left out by default.
    expect(destinations.map((d) => d.name)).not.toContain('KVHS Wanzleben');
  });
});

describe('Unicode normalisation (a file saved on a Mac spells ü as u + U+0308)', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'erreichbar-nfd-'));
  const nfd = (name: string, text: string): string => {
    const file = path.join(dir, name);
    writeFileSync(file, text.normalize('NFD'));
    return file;
  };

  it('places and participants written in NFD read as NFC: names match, duplicates are found', async () => {
    const { places } = await loadPlaces(nfd('places.csv', 'name,gemeinde,lat,lon\nBülstringen,Haldensleben,52.33,11.37\nHörsingen,Flechtingen,52.28,11.17\n'));
    expect(places.map((place) => place.name)).toEqual(['Bülstringen', 'Hörsingen']);
    expect(places[0]!.name).toBe('Bülstringen'.normalize('NFC'));
    const nfcPlaces = [{ name: 'Bülstringen', gemeinde: 'Haldensleben' }, { name: 'Hörsingen', gemeinde: 'Flechtingen' }];
    expect(await loadParticipants(nfd('participants.csv', 'Ortsteil,Anzahl\nBülstringen,2\nHörsingen,3\n'), nfcPlaces)).toEqual([2, 3]);
    const mixed = path.join(dir, 'mixed.csv');
    writeFileSync(mixed, `name,gemeinde,lat,lon\nBülstringen,Haldensleben,52.33,11.37\n${'Bülstringen'.normalize('NFD')},Haldensleben,52.33,11.37\n`);
    const error = await loadPlaces(mixed).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).message).toBe(`${mixed}:3: name "Bülstringen" kommt in der Gemeinde Haldensleben doppelt vor (auch Zeile 2)`);
  });
});
