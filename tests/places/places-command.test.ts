import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { repoRoot } from '../helpers/paths.js';

const run = promisify(execFile);
const cli = path.join(repoRoot, 'bin', 'erreichbar');

describe('erreichbar places', () => {
  it('lists the Ortsteile of Haldensleben with their nearest stops and walking times', async () => {
    const { stdout } = await run(process.execPath, [cli, 'places', '--gemeinde', 'Haldensleben']);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^Ortsteil\s+Gemeinde\s+Einwohner\s+nächste Haltestellen \(Fußweg\)$/);
    const hundisburg = lines.find((line) => line.startsWith('Hundisburg '));
    expect(hundisburg).toMatch(/Hundisburg \(Haldensleben\), Alte Schule \(0 min\)/);
    expect(lines.some((line) => line.startsWith('Althaldensleben '))).toBe(true);
    expect(lines.every((line, i) => i === 0 || line.includes('Haldensleben'))).toBe(true);
  });

  it('prints JSON and GeoJSON, and names the known Gemeinden for an unknown one', async () => {
    const { stdout } = await run(process.execPath, [cli, 'places', '--gemeinde', 'oschersleben', '--format', 'json']);
    const places = JSON.parse(stdout) as { name: string; nearestStops: unknown[] }[];
    expect(places.some((p) => p.name === 'Oschersleben (Bode)')).toBe(true);
    const geo = JSON.parse((await run(process.execPath, [cli, 'places', '--format', 'geojson'])).stdout);
    expect(geo.features.length).toBeGreaterThanOrEqual(200);
    const failure = await run(process.execPath, [cli, 'places', '--gemeinde', 'Atlantis']).catch((error: { code: number; stderr: string }) => error);
    expect((failure as { code: number }).code).toBe(2);
    expect((failure as { stderr: string }).stderr).toMatch(/^erreichbar: --gemeinde: keine Gemeinde "Atlantis"; bekannt: Altenhausen, .*Zielitz\n$/);
  });
});
