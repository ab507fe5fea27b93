import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { loadPlaces, type Place } from '../../src/places/load-places.js';
import { distanceMeters } from '../../src/geo/walk-model.js';
import { repoRoot } from '../helpers/paths.js';

type Row = Record<string, string>;
const readCsv = (name: string): Row[] => parse(readFileSync(path.join(repoRoot, 'data', name), 'utf8'), { columns: true }) as Row[];
const official = readCsv('ortsteile-official.csv');
const overrides = readCsv('ortsteile-overrides.csv');
const key = (name: string, gemeinde: string): string => `${name} / ${gemeinde}`;

async function places(): Promise<Place[]> {
  return (await loadPlaces(path.join(repoRoot, 'data', 'ortsteile.csv'))).places;
}

describe('data/ortsteile.csv against the official lists of the Gemeinden', () => {
  it('the official list covers all 34 Gemeinden, each with a source and the date it was read', () => {
    const gemeinden = new Map<string, Row>();
    for (const row of official) gemeinden.set(row.gemeinde!, row);
    expect(gemeinden.size).toBe(34);
    for (const row of official) {
      expect(row.source, row.name).toMatch(/\S{10,}/);
      expect(row.read, row.name).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(['Ortsteil', 'Stadtteil', 'Wohnplatz'], row.name).toContain(row.kind);
      expect(row.ags, row.name).toMatch(/^15083\d{3}$/);
    }
    const sameGemeinde = (g: string): (string | undefined)[] => [...new Set(official.filter((r) => r.gemeinde === g).map((r) => r.source))];
    for (const g of gemeinden.keys()) expect(sameGemeinde(g), g).toHaveLength(1);
  });

  it('has every official Ortsteil exactly once, in its Gemeinde (unless no position is known, with the reason)', async () => {
    const rows = await places();
    const count = new Map<string, number>();
    for (const p of rows) count.set(key(p.name, p.gemeinde), (count.get(key(p.name, p.gemeinde)) ?? 0) + 1);
    const noPoint = new Set(overrides.filter((o) => o.type === 'no_point').map((o) => key(o.place!, o.gemeinde!)));
    const missing: string[] = [];
    for (const o of official.filter((r) => r.kind !== 'Wohnplatz')) {
      const k = key(o.name!, o.gemeinde!);
      if (noPoint.has(k)) {
        expect(count.get(k), `${k} is marked as having no position`).toBeUndefined();
        continue;
      }
      if (count.get(k) !== 1) missing.push(`${k}: ${count.get(k) ?? 0}×`);
    }
    expect(missing).toEqual([]);
    expect(noPoint.size).toBeLessThanOrEqual(5);
    // Every row is either in the official list (with its kind) or a Wohnplatz.
    const officialKind = new Map(official.map((o) => [key(o.name!, o.gemeinde!), o.kind]));
    for (const p of rows) expect(p.kind, key(p.name, p.gemeinde)).toBe(officialKind.get(key(p.name, p.gemeinde)) ?? 'Wohnplatz');
    const ortsteile = rows.filter((p) => p.kind === 'Ortsteil').length;
    const expected = official.filter((o) => o.kind === 'Ortsteil').length - noPoint.size;
    expect(ortsteile).toBe(expected);
  });

  it('keeps the two Belsdorfs apart: Flechtingen and Wefensleben, about 16 km from each other', async () => {
    const belsdorf = (await places()).filter((p) => p.name === 'Belsdorf');
    expect(belsdorf.map((p) => p.gemeinde).sort()).toEqual(['Flechtingen', 'Wefensleben']);
    const [a, b] = belsdorf as [Place, Place];
    expect(distanceMeters(a, b)).toBeGreaterThan(15_000);
    // Each at its own stop: Belsdorf (Flechtingen) 52.3395,11.1462; Belsdorf (b. Wefensleben) 52.1943,11.1549.
    const flechtingen = belsdorf.find((p) => p.gemeinde === 'Flechtingen')!;
    expect(distanceMeters(flechtingen, { lat: 52.339485, lon: 11.146195 })).toBeLessThan(100);
    const wefensleben = belsdorf.find((p) => p.gemeinde === 'Wefensleben')!;
    expect(distanceMeters(wefensleben, { lat: 52.194268, lon: 11.154928 })).toBeLessThan(100);
  });

  it('puts Stadt Frankfurt in Wanzleben-Börde and keeps Buch and Neubau apart from the towns 3 km away', async () => {
    const rows = await places();
    const find = (name: string): Place | undefined => rows.find((p) => p.name === name);
    expect(rows.filter((p) => p.name === 'Stadt Frankfurt').map((p) => [p.gemeinde, p.ags])).toEqual([['Wanzleben-Börde', '15083531']]);
    const buch = find('Buch')!;
    expect(buch.gemeinde).toBe('Wanzleben-Börde');
    expect(distanceMeters(buch, find('Wanzleben')!)).toBeGreaterThan(2500);
    const neubau = find('Neubau')!;
    expect(neubau.gemeinde).toBe('Hötensleben');
    expect(distanceMeters(neubau, find('Hötensleben')!)).toBeGreaterThan(2500);
    expect(find('Caroline')?.gemeinde).toBe('Hötensleben');
    expect(find('Karoline')).toBeUndefined();
  });

  it('marks Wohnplätze as such, e.g. Hütten and Planken in Haldensleben, Körling in Sülzetal', async () => {
    const rows = await places();
    const kindOf = (name: string, gemeinde: string): string | undefined => rows.find((p) => p.name === name && p.gemeinde === gemeinde)?.kind;
    expect(kindOf('Hütten', 'Haldensleben')).toBe('Wohnplatz');
    expect(kindOf('Planken', 'Haldensleben')).toBe('Wohnplatz');
    expect(kindOf('Körling', 'Sülzetal')).toBe('Wohnplatz');
    expect(kindOf('Althaldensleben', 'Haldensleben')).toBe('Stadtteil');
    expect(kindOf('Hundisburg', 'Haldensleben')).toBe('Ortsteil');
  });

  it('gives every override a type it knows and a reason', () => {
    for (const o of overrides) {
      expect(['gemeinde', 'stop', 'alias', 'no_point'], JSON.stringify(o)).toContain(o.type);
      expect(o.reason!.length, JSON.stringify(o)).toBeGreaterThan(40);
      expect(official.some((r) => r.name === o.place && r.gemeinde === o.gemeinde), `${o.place} is an official Ortsteil of ${o.gemeinde}`).toBe(true);
    }
  });

  it('gives every population figure a source and marks the missing ones', async () => {
    const rows = await places();
    for (const p of rows) {
      if (p.population === undefined) expect(p.populationSource, p.name).toBe('fehlt');
      else expect(p.populationSource, p.name).not.toBe('fehlt');
      expect(p.populationSource, p.name).toBeDefined();
    }
    // Figures from the official list are carried over with their year and source.
    const frankfurt = rows.find((p) => p.name === 'Stadt Frankfurt')!;
    expect([frankfurt.population, frankfurt.populationYear, frankfurt.populationSource]).toEqual([35, '2008', 'Wikipedia „Stadt Frankfurt“']);
    // A Gemeinde's namesake town does not get the whole Gemeinde's GeoNames figure (19,396 for
    // Oschersleben (Bode) is the town with its 18 Ortsteile) …
    expect(rows.find((p) => p.name === 'Oschersleben (Bode)')?.population).toBeUndefined();
    // … but a sourced figure for the core town is used: Haldensleben without its Ortsteile.
    expect(rows.find((p) => p.name === 'Haldensleben')?.population).toBe(16498);
  });
});
