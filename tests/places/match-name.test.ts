/**
 * Names as people type them: case, umlauts and ß do not matter, a whole name beats a part of one,
 * a close spelling is suggested, and an ambiguous name lists the candidates with their Gemeinde.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { loadPlaces } from '../../src/places/load-places.js';
import { editDistance, MatchLevel, NAME_KINDS, normalizeName, rankNameMatches, resolveName } from '../../src/places/match-name.js';
import { BOERDEBUS, repoRoot, sharedCacheDir } from '../helpers/paths.js';

const { places } = await loadPlaces(path.join(repoRoot, 'data', 'ortsteile.csv'));
const describePlace = (place: { name: string; gemeinde?: string }): string =>
  place.gemeinde && place.gemeinde !== place.name ? `${place.name} (${place.gemeinde})` : place.name;
const resolvePlace = (query: string): string =>
  resolveName(query, places, { flag: '--from', kind: NAME_KINDS.place, describe: describePlace, aliases: (p) => [describePlace(p)] })
    .map((place) => place.name)
    .join('|');
const failure = (query: string): UsageError => {
  try {
    resolvePlace(query);
  } catch (error) {
    return error as UsageError;
  }
  throw new Error(`"${query}" resolved`);
};

describe('normalizeName', () => {
  it.each([
    ['Groß Rodensleben', 'GROSS-RODENSLEBEN'],
    ['Süplingen', 'Suplingen'],
    ['Süplingen', 'Sueplingen'],
    ['Uthmöden', 'uthmoeden'],
    ['Hötensleben', 'Hotensleben'],
    ['Kita Bussi-Bär', 'kita bussi bar'],
    ['Oschersleben (Bode)', 'oschersleben bode'],
  ])('%s = %s', (a, b) => {
    expect(normalizeName(a)).toBe(normalizeName(b));
  });

  it('keeps different names apart', () => {
    expect(normalizeName('Wolmirstedt')).not.toBe(normalizeName('Wolmirstädt'));
    expect(normalizeName('Bergen')).not.toBe(normalizeName('Berge'));
  });
});

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and swaps', () => {
    expect(editDistance('wolmirstadt', 'wolmirstedt')).toBe(1);
    expect(editDistance('hundisbrug', 'hundisburg')).toBe(1);
    expect(editDistance('halle', 'haldensleben')).toBe(7);
    expect(editDistance('abc', 'abc')).toBe(0);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
  });
});

describe('rankNameMatches (the type-ahead order)', () => {
  it('ranks the whole name (without its bracket suffix) before a word inside another name', () => {
    const ranked = rankNameMatches('oschersleben', places);
    expect(ranked.map((match) => [match.item.name, match.level])).toEqual([
      ['Oschersleben (Bode)', MatchLevel.BaseName],
      ['Klein Oschersleben', MatchLevel.Words],
    ]);
  });

  it('offers prefixes while typing, and close spellings only when nothing else fits', () => {
    expect(rankNameMatches('Wolm', places).map((match) => match.item.name)).toEqual(['Wolmirstedt']);
    expect(rankNameMatches('Wolmirstädt', places).map((match) => [match.item.name, match.level, match.distance])).toEqual([
      ['Wolmirstedt', MatchLevel.Close, 1],
    ]);
    expect(rankNameMatches('Wolmirstädt', places, { suggest: false })).toEqual([]);
    expect(rankNameMatches('   ', places)).toEqual([]);
  });
});

describe('resolveName on the Börde Ortsteile', () => {
  it.each([
    ['Oschersleben', 'Oschersleben (Bode)'],
    ['oschersleben (bode)', 'Oschersleben (Bode)'],
    ['Klein Oschersleben', 'Klein Oschersleben'],
    ['GROSS RODENSLEBEN', 'Groß Rodensleben'],
    ['Gross Rodensleben', 'Groß Rodensleben'],
    ['süplingen', 'Süplingen'],
    ['Sueplingen', 'Süplingen'],
    ['Hundisburg (Haldensleben)', 'Hundisburg'],
    ['Haldensleben', 'Haldensleben'],
  ])('%s → %s', (query, name) => {
    expect(resolvePlace(query)).toBe(name);
  });

  it('suggests a close spelling when nothing matches, and points to erreichbar places', () => {
    const error = failure('Wolmirstadtt');
    expect(error).toBeInstanceOf(UsageError);
    expect(error.code).toBe('UNKNOWN_NAME');
    expect(error.message).toBe('--from: kein Ortsteil „Wolmirstadtt“; Meinten Sie: Wolmirstedt? (alle Namen: erreichbar places)');
    expect(error.messageEn).toBe('--from: no Ortsteil named "Wolmirstadtt"; did you mean: Wolmirstedt? (all names: erreichbar places)');
    expect(failure('Atlantis').message).toBe('--from: kein Ortsteil „Atlantis“ (alle Namen: erreichbar places)');
  });

  it('takes a single close spelling only when asked to, and says so', () => {
    const notices: string[] = [];
    const found = resolveName('Wolmirstädt', places, {
      flag: '--from',
      kind: NAME_KINDS.place,
      onCloseMatch: (text) => notices.push(typeof text === 'string' ? text : text.de),
    });
    expect(found.map((place) => place.name)).toEqual(['Wolmirstedt']);
    expect(notices).toEqual(['--from: kein Ortsteil „Wolmirstädt“; Meinten Sie: Wolmirstedt? Verwendet wird Wolmirstedt.']);
    expect(failure('Wolmirstädt').message).toMatch(/Meinten Sie: Wolmirstedt\?/);
    // Short names are never guessed: "Mosr" is one letter from "Mose", but could be anything.
    expect(() => resolveName('Mosr', places, { flag: '--from', kind: NAME_KINDS.place, onCloseMatch: () => undefined })).toThrow(UsageError);
  });

  it('lists the candidates with their Gemeinde when still ambiguous', () => {
    const error = failure('rodensleben');
    expect(error.code).toBe('AMBIGUOUS_NAME');
    expect(error.message).toBe(
      '--from: „rodensleben“ passt auf 2 Ortsteile: Groß Rodensleben (Wanzleben-Börde), Klein Rodensleben (Wanzleben-Börde); bitte genauer angeben (alle Namen: erreichbar places)',
    );
  });

  it('tells two places of one name apart by their Gemeinde', () => {
    const twins = [
      { name: 'Neuenhofe', gemeinde: 'Flechtingen', lat: 52, lon: 11 },
      { name: 'Neuenhofe', gemeinde: 'Niedere Börde', lat: 52.1, lon: 11.1 },
    ];
    const options = { flag: '--from', kind: NAME_KINDS.place, describe: describePlace, aliases: (p: (typeof twins)[number]) => [describePlace(p)] };
    expect(() => resolveName('Neuenhofe', twins, options)).toThrow('passt auf 2 Ortsteile: Neuenhofe (Flechtingen), Neuenhofe (Niedere Börde)');
    expect(resolveName('neuenhofe (niedere borde)', twins, options)).toEqual([twins[1]]);
  });
});

const run = promisify(execFile);
const cli = path.join(repoRoot, 'bin', 'erreichbar');
async function erreichbar(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('names on the command line', () => {
  const feed = ['--gtfs', BOERDEBUS, '--cache-dir', sharedCacheDir, '--dates', '2026-12-09'];

  it('check --from Wolmirstädt runs for Wolmirstedt and says so; --from Oschersleben is Oschersleben (Bode)', async () => {
    const typo = await erreichbar('check', ...feed, '--from', 'Wolmirstädt', '--to', 'k+s');
    expect(typo.code).toBe(0);
    expect(typo.stderr).toBe('erreichbar: --from: kein Ortsteil „Wolmirstädt“; Meinten Sie: Wolmirstedt? Verwendet wird Wolmirstedt.\n');
    // (Data notices — railway stations nearby — may stand above the answer.)
    expect(typo.stdout).toMatch(/^Wolmirstedt → K\+S Kaliwerk Zielitz/m);
    const town = await erreichbar('check', ...feed, '--from', 'Oschersleben', '--to', 'Hermes Fulfilment Haldensleben');
    expect(town.code).toBe(0);
    expect(town.stdout).toMatch(/^Oschersleben \(Bode\) → Hermes Fulfilment Haldensleben/m);
  });

  it('an ambiguous or unknown name: exit 2, the candidates with their Gemeinde, in English with --lang en', async () => {
    const ambiguous = await erreichbar('check', ...feed, '--from', 'Rodensleben', '--to', 'Hermes', '--lang', 'en');
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toBe(
      'erreichbar: --from: "Rodensleben" matches 2 Ortsteile: Groß Rodensleben (Wanzleben-Börde), Klein Rodensleben (Wanzleben-Börde); please be more specific (all names: erreichbar places)\n',
    );
    const unknown = await erreichbar('homes', ...feed, '--to', 'Hermez Fulfilmnt');
    expect([unknown.code, unknown.stderr]).toEqual([
      2,
      'erreichbar: --to: kein Ziel „Hermez Fulfilmnt“; Meinten Sie: Hermes Fulfilment Haldensleben oder Hermes Fulfilment Haldensleben Südhafen? (alle Ziele: data/destinations.csv oder --destinations)\n',
    ]);
    // Hermes has two sites (Versandzentrum and Südhafen): a bare "Hermes" names both and asks.
    const two = await erreichbar('check', ...feed, '--from', 'Haldensleben', '--to', 'Hermes');
    expect(two.code).toBe(2);
    expect(two.stderr).toContain('Hermes Fulfilment Haldensleben Südhafen');
  });

  it('route: stop names without punctuation and umlauts, suggestions for misspelt ones', async () => {
    const base = ['route', '--gtfs', BOERDEBUS, '--cache-dir', sharedCacheDir, '--date', '2026-12-09', '--depart', '07:00', '--format', 'json'];
    const ok = await erreichbar(...base, '--from', 'haldensleben zob', '--to', 'Hundisburg (Haldensleben)');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).legs[0].fromStopName).toBe('Haldensleben, ZOB');
    const typo = await erreichbar(...base, '--from', 'Haldenslebn, ZOB', '--to', 'Hundisburg (Haldensleben)');
    expect([typo.code, typo.stderr]).toEqual([2, 'erreichbar: --from: keine Haltestelle „Haldenslebn, ZOB“; Meinten Sie: Haldensleben, ZOB?\n']);
  });
});
