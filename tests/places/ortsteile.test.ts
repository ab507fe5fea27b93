import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadPlaces } from '../../src/places/load-places.js';
import { distanceMeters } from '../../src/geo/walk-model.js';
import { repoRoot, sharedData } from '../helpers/paths.js';

describe('data/ortsteile.csv', () => {
  it('regenerates byte for byte from the script (and data/haltestellen.csv with it)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'erreichbar-ortsteile-'));
    execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'derive-ortsteile.mjs'), dir], { stdio: 'pipe' });
    for (const name of ['ortsteile.csv', 'haltestellen.csv']) {
      expect(readFileSync(path.join(dir, name), 'utf8'), name).toBe(readFileSync(path.join(repoRoot, 'data', name), 'utf8'));
    }
  });

  it('covers all 34 Gemeinden with at least 200 Ortsteile, the towns and the villages named in the issue', async () => {
    const { places } = await loadPlaces(path.join(repoRoot, 'data', 'ortsteile.csv'));
    expect(new Set(places.map((p) => p.gemeinde)).size).toBe(34);
    expect(places.length).toBeGreaterThanOrEqual(200);
    const names = new Set(places.map((p) => p.name));
    for (const name of ['Haldensleben', 'Wolmirstedt', 'Oschersleben (Bode)', 'Wanzleben', 'Hundisburg', 'Althaldensleben', 'Osterweddingen', 'Klein Wanzleben', 'Zielitz']) {
      expect(names.has(name), name).toBe(true);
    }
    // Stop names that are not places do not become Ortsteile.
    for (const name of names) expect(name).not.toMatch(/Abzweig|Gewerbegebiet|Magdeburg|\[INSA/);
    expect(places.find((p) => p.name === 'Hundisburg')?.gemeinde).toBe('Haldensleben');
  });

  it('puts every Ortsteil that GeoNames knows within about 1 km of the village centre', async () => {
    const { places } = await loadPlaces(path.join(repoRoot, 'data', 'ortsteile.csv'));
    const lines = readFileSync(path.join(sharedData, 'places', 'boerde_cities500.tsv'), 'utf8').trim().split('\n');
    const header = lines[0]!.split('\t');
    const col = (name: string): number => header.indexOf(name);
    const distances: [string, number][] = [];
    for (const line of lines.slice(1)) {
      const f = line.split('\t');
      const name = f[col('name')]!;
      const ags = f[col('admin4_gemeinde_ags')];
      const place = places.find((p) => p.ags === ags && [p.name, p.name.replace(/\s*\(.*\)$/, ''), `${p.name} I`].includes(name));
      if (!place) continue;
      distances.push([name, distanceMeters(place, { lat: Number(f[col('latitude')]), lon: Number(f[col('longitude')]) })]);
    }
    const outliers = distances.filter(([, d]) => d > 1000).map(([name, d]) => `${name} ${Math.round(d)} m`);
    console.log(`GeoNames places compared: ${distances.length}; farther than 1 km: ${outliers.join(', ') || 'none'}`);
    expect(distances.length).toBeGreaterThanOrEqual(80);
    expect(outliers.length).toBeLessThanOrEqual(3);
    for (const [name, d] of distances) expect(d, name).toBeLessThan(1500);
  });
});
