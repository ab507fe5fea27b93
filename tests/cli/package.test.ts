/**
 * What an installed package holds: the compiled code with source maps that carry their sources,
 * the bundled data (reachable by `bundledDataPath` and the export `erreichbar/data/*`), the
 * LICENSE that package.json promises; and the CLI runs from the installed copy.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { bundledDataPath, BUNDLED_DATA_FILES } from '../../src/places/bundled-data.js';
import { repoRoot } from '../helpers/paths.js';

const packageJson = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { license: string; files: string[] };

describe('the package', () => {
  it('has the MIT LICENSE package.json promises', () => {
    expect(packageJson.license).toBe('MIT');
    const license = readFileSync(path.join(repoRoot, 'LICENSE'), 'utf8');
    expect(license).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} erreichbar contributors\n/);
  });

  it('bundledDataPath names the shipped files and refuses others', () => {
    for (const name of BUNDLED_DATA_FILES) expect(existsSync(bundledDataPath(name))).toBe(true);
    expect(() => bundledDataPath('passwd' as never)).toThrow(UsageError);
  });

  it('installed from the packed tarball: data, LICENSE, source maps with sources, a working CLI', () => {
    const work = mkdtempSync(path.join(os.tmpdir(), 'erreichbar-pack-'));
    const [packed] = JSON.parse(
      execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: repoRoot, encoding: 'utf8' }),
    ) as { filename: string; files: { path: string }[] }[];
    const files = packed!.files.map((file) => file.path);
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'bin/erreichbar', 'dist/index.js', ...BUNDLED_DATA_FILES.map((name) => `data/${name}`)]));
    expect(files.filter((file) => file.startsWith('src/') || file.startsWith('tests/'))).toEqual([]);

    // Install by hand: unpack into node_modules/erreichbar, the dependencies linked from this checkout.
    const modules = path.join(work, 'node_modules');
    mkdirSync(path.join(modules, 'erreichbar'), { recursive: true });
    execFileSync('tar', ['-xzf', path.join(work, packed!.filename), '-C', path.join(modules, 'erreichbar'), '--strip-components=1']);
    for (const name of readdirSync(path.join(repoRoot, 'node_modules'))) {
      if (name !== '.bin' && name !== 'erreichbar') symlinkSync(path.join(repoRoot, 'node_modules', name), path.join(modules, name));
    }
    const installed = path.join(modules, 'erreichbar');

    for (const map of files.filter((file) => file.endsWith('.js.map'))) {
      const { sources, sourcesContent } = JSON.parse(readFileSync(path.join(installed, map), 'utf8')) as { sources: string[]; sourcesContent?: string[] };
      expect(sourcesContent?.length, map).toBe(sources.length);
    }

    const script = `
      import { bundledDataPath, loadPlaces } from 'erreichbar';
      const { places } = await loadPlaces(bundledDataPath('ortsteile.csv'));
      console.log(JSON.stringify({ file: bundledDataPath('ortsteile.csv'), exported: import.meta.resolve('erreichbar/data/destinations.csv'), places: places.length }));`;
    const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: work, encoding: 'utf8' })) as {
      file: string;
      exported: string;
      places: number;
    };
    expect(out.file).toBe(path.join(installed, 'data', 'ortsteile.csv'));
    expect(out.exported).toBe(new URL(`file://${path.join(installed, 'data', 'destinations.csv')}`).href);
    expect(out.places).toBeGreaterThan(200);

    const places = execFileSync(process.execPath, [path.join(installed, 'bin', 'erreichbar'), 'places', '--gemeinde', 'Wolmirstedt', '--format', 'json'], { encoding: 'utf8' });
    expect((JSON.parse(places) as { name: string }[]).map((place) => place.name)).toContain('Wolmirstedt');
  });
});
