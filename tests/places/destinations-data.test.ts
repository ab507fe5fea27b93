import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { loadDestinations, type Destination } from '../../src/places/load-destinations.js';
import { loadPlaces } from '../../src/places/load-places.js';
import { distanceMeters } from '../../src/geo/walk-model.js';
import { repoRoot } from '../helpers/paths.js';

const file = path.join(repoRoot, 'data', 'destinations.csv');
type Row = Record<string, string>;
const rows = parse(readFileSync(file, 'utf8'), { columns: true }) as Row[];

async function all(): Promise<Destination[]> {
  return (await loadDestinations(file, { includeInactive: true })).destinations;
}

describe('data/destinations.csv, checked against sources', () => {
  it('gives every row a source, the date it was read, what is assumed and how its point was obtained', () => {
    expect(rows.length).toBeGreaterThanOrEqual(30);
    for (const row of rows) {
      expect((row.source ?? "").trim().length, row.name).toBeGreaterThan(15);
      expect(row.source_date, row.name).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(row.assumed, row.name).toMatch(/\S/);
      expect((row.coord_method ?? "").trim().length, row.name).toBeGreaterThan(15);
      expect(['ja', 'nein'], row.name).toContain(row.active);
    }
  });

  it('puts no destination within 100 m of an Ortsteil point unless the row says why', async () => {
    const { places } = await loadPlaces(path.join(repoRoot, 'data', 'ortsteile.csv'));
    const offenders: string[] = [];
    const marked: string[] = [];
    for (const destination of await all()) {
      const near = places.filter((p) => distanceMeters(p, destination) < 100);
      if (near.length === 0) continue;
      if (destination.atOrtsteil && /^ja: \S.{10,}/.test(destination.atOrtsteil)) marked.push(destination.name);
      else offenders.push(`${destination.name} at ${near.map((p) => p.name).join(', ')}`);
    }
    expect(offenders).toEqual([]);
    // Marked rows are the exception (Kitas whose address no source gave), not the rule.
    expect(marked.length).toBeLessThanOrEqual(6);
  });

  it('places Nordzucker away from the Ortsteil point of Klein Wanzleben (no 0-minute trips)', async () => {
    const { places } = await loadPlaces(path.join(repoRoot, 'data', 'ortsteile.csv'));
    const kleinWanzleben = places.find((p) => p.name === 'Klein Wanzleben')!;
    const nordzucker = (await all()).find((d) => d.name === 'Nordzucker Klein Wanzleben')!;
    expect(distanceMeters(kleinWanzleben, nordzucker)).toBeGreaterThan(300);
    expect(nordzucker.atOrtsteil).toBeUndefined();
  });

  it('has Hermes at the Hamburger Straße (about 2,600 staff) and at the Südhafen (about 1,400), working 05:30 to 01:00', async () => {
    const destinations = await all();
    const main = destinations.find((d) => d.name === 'Hermes Fulfilment Haldensleben')!;
    const port = destinations.find((d) => d.name === 'Hermes Fulfilment Haldensleben Südhafen')!;
    expect(main.address).toContain('Hamburger Straße');
    expect(main.source).toMatch(/2600 .*Hamburger Straße.*1400 im Südhafen/);
    expect(main.source).toMatch(/5:30 bis 1:00/);
    expect(main.schedule.map((s) => s.startMinutes)).toContain(5 * 60 + 30);
    expect(main.schedule.map((s) => s.endMinutes)).toContain(60);
    // Not at the old "Süplinger Berg" stop any more.
    expect(distanceMeters(main, { lat: 52.282566, lon: 11.392258 })).toBeGreaterThan(1000);
    expect(distanceMeters(main, port)).toBeGreaterThan(1000);
  });

  it('fixes the rows the issue names: Hohenwarsleben, Amazon, the Briefzentrum, KVHS Wanzleben', async () => {
    const destinations = await all();
    const names = destinations.map((d) => d.name);
    expect(names).not.toContain('Gewerbegebiet Hohendodeleben');
    const park = destinations.find((d) => d.name === 'Gewerbepark Hohenwarsleben')!;
    expect(park.source).toContain('Hohenwarsleben');
    expect(park.gemeinde).toBe('Hohe Börde');
    const amazon = destinations.find((d) => d.name.startsWith('Amazon Osterweddingen'))!;
    expect(amazon.schedule.map((s) => [s.days.length, (s.endMinutes - s.startMinutes + 1440) % 1440])).toEqual([[5, 510], [5, 510]]);
    expect(amazon.source).toMatch(/zwei Schichten zu je acht Stunden, normalerweise fünf Tage/);
    expect(names).not.toContain('DHL Frachtpost Osterweddingen');
    const post = destinations.find((d) => d.name.startsWith('Briefzentrum Magdeburg'))!;
    expect(post.scheduleText).toContain('17:20-21:00');
    expect(post.schedule.some((s) => s.overnight)).toBe(true);
    const wanzleben = destinations.find((d) => d.name === 'KVHS Wanzleben')!;
    expect(wanzleben.active).toBe(false);
    expect(wanzleben.source).toMatch(/November 2018/);
  });

  it('leaves inactive rows out of the default list', async () => {
    const { destinations, inactive } = await loadDestinations(file);
    expect(destinations.map((d) => d.name)).not.toContain('KVHS Wanzleben');
    expect(inactive.map((d) => d.name)).toEqual(['KVHS Wanzleben']);
  });

  it('has the hospitals, Magdeburg employers and course providers, and Kitas in the four towns', async () => {
    const destinations = await all();
    const names = new Set(destinations.map((d) => d.name));
    for (const name of ['AMEOS Klinikum Haldensleben', 'Helios Bördeklinik Neindorf', 'Universitätsklinikum Magdeburg', 'Enercon Magdeburg-Rothensee', 'Volkshochschule Magdeburg']) {
      expect(names.has(name), name).toBe(true);
    }
    const kitas = destinations.filter((d) => d.category === 'childcare');
    const town = (d: Destination): string => d.name;
    for (const place of ['Haldensleben', 'Wolmirstedt', 'Oschersleben', 'Wanzleben']) {
      expect(kitas.filter((d) => town(d).includes(place)).length, place).toBeGreaterThanOrEqual(1);
    }
    // Opening hours of Kitas: no source gave them, so every one says it is assumed.
    for (const kita of kitas) expect(kita.assumed, kita.name).toContain('schedule');
  });
});
