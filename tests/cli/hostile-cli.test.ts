/**
 * Hostile command lines and a hostile machine: every case ends with one line naming the flag or
 * path and the right exit code — no stack trace, no "internal error" — and usage errors come
 * before any work (the cache folder given is never even created).
 *
 * Tests run as root, where chmod cannot make a folder unwritable; read-only and full folders
 * are made with tmpfs mounts where the machine allows mounting (else those cases are skipped),
 * and "unwritable" paths are paths below a regular file (ENOTDIR), which fail for root too.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BOERDEBUS, nasa, repoRoot, sharedCacheDir } from '../helpers/paths.js';
import { buildCase, erreichbar } from '../support/hostile.js';

const cli = path.join(repoRoot, 'bin', 'erreichbar');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'erreichbar-hostile-cli-'));
const aFile = path.join(scratch, 'a-file');
writeFileSync(aFile, 'x');
const route = ['route', '--gtfs', BOERDEBUS, '--from', 'Haldensleben, ZOB', '--to', 'Hundisburg (Haldensleben), Alte Schule', '--date', '2026-12-09', '--depart', '06:00'];

/** A cache folder that does not exist yet: if it exists after a run, work was started. */
const untouchedCache = (): string => path.join(mkdtempSync(path.join(scratch, 'c-')), 'cache');

describe('usage errors, before any work', () => {
  it.each([
    [['--buffer', '99999999999999999999'], 'check', 'erreichbar: --buffer muss eine ganze Zahl von 0 bis 240 min sein, nicht "99999999999999999999"'],
    [['--walk-radius', '100000'], 'route', 'erreichbar: --walk-radius muss eine ganze Zahl von 0 bis 5000 m sein, nicht "100000"'],
    [['--max-journey', '1e9'], 'check', 'erreichbar: --max-journey muss eine ganze Zahl von 0 bis 1440 min sein, nicht "1e9"'],
    [['--transfer-slack', '-1'], 'route', 'erreichbar: --transfer-slack muss eine ganze Zahl von 0 bis 3600 s sein, nicht "-1"'],
    [['--max-feed-size', '0'], 'route', 'erreichbar: --max-feed-size muss eine ganze Zahl von 1 bis 100000 MB sein, nicht "0"'],
    [['--out', ''], 'route', 'erreichbar: --out "": ist kein Dateiname'],
    [['--out', scratch], 'route', `erreichbar: --out "${scratch}": ist ein Ordner`],
    [['--out', path.join(aFile, 'report.csv')], 'route', `erreichbar: --out "${path.join(aFile, 'report.csv')}": liegt unter einer Datei, nicht in einem Ordner`],
    [['--lang', 'fr'], 'route', "error: option '--lang <lang>' argument 'fr' is invalid. Allowed choices are de, en."],
  ])('%j (%s): exit 2, one line, nothing imported', async (flags, command, message) => {
    const cacheDir = untouchedCache();
    const args =
      command === 'check'
        ? ['check', '--gtfs', BOERDEBUS, '--from', 'Wanzleben', '--to', 'K+S', '--shift', '06:00-14:00', ...flags]
        : [...route, ...flags];
    const result = await erreichbar([...args, '--cache-dir', cacheDir]);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(message);
    expect(result.stderr).not.toMatch(/\n\s+at |internal error/);
    expect(result.stdout).toBe('');
    expect(existsSync(cacheDir)).toBe(false);
  });

  // An empty value used to read as "not given": check --shift "" took the destination's schedule,
  // gaps --to "" every destination, places --gemeinde "" every Gemeinde, --dates "" no day at all.
  it.each([
    [['check', '--from', 'Wanzleben', '--to', 'K+S', '--shift', ''], 'erreichbar: --shift ist leer (erwartet: Zeitfenster wie 06:00-14:00 (22:00-06:00 endet am nächsten Tag))'],
    [['check', '--from', 'Wanzleben', '--to', 'K+S', '--via-kita', ' '], 'erreichbar: --via-kita ist leer (erwartet: Wegekette: Zuhause → Kita → Ziel → Kita → Zuhause (Name der Kita oder lat,lon))'],
    [['check', '--from', 'Wanzleben', '--to', 'K+S', '--dates', '', '--lang', 'en'], 'erreichbar: --dates is empty (expected: explicit dates YYYY-MM-DD (space or comma separated))'],
    [['homes', '--to', 'K+S', '--shift', ''], 'erreichbar: --shift ist leer (erwartet: Zeitfenster wie 06:00-14:00)'],
    [['gaps', '--to', ''], 'erreichbar: --to ist leer (erwartet: nur dieses Ziel (Name oder lat,lon))'],
    [['route', '--date', '2026-12-09', '--queries', ''], 'erreichbar: --queries ist leer (erwartet: viele Abfragen: CSV mit den Spalten from,to,depart (stop_ids, HH:MM:SS))'],
    [['places', '--gemeinde', ''], 'erreichbar: --gemeinde ist leer (erwartet: nur die Ortsteile dieser Gemeinde, z. B. Haldensleben)'],
    [['check', '--from', 'Wanzleben', '--to', 'K+S', '--gtfs', BOERDEBUS, ''], 'erreichbar: --gtfs ist leer (erwartet: GTFS-Zips oder -Ordner)'],
  ])('an empty value %j: exit 2, one line naming the flag, nothing imported', async (args, message) => {
    const cacheDir = untouchedCache();
    const gtfs = args.includes('--gtfs') || args[0] === 'places' ? [] : ['--gtfs', BOERDEBUS];
    const result = await erreichbar([...args, ...gtfs, '--cache-dir', cacheDir]);
    expect([result.code, result.stderr, result.stdout]).toEqual([2, `${message}\n`, '']);
    expect(existsSync(cacheDir)).toBe(false);
  });

  // commander keeps the last of a repeated option: --from Hundisburg … --from Wolmirstedt was a
  // check of Wolmirstedt without a word. Options of several values and switches may repeat.
  it.each([
    [['check', '--from', 'Hundisburg', '--to', 'K+S', '--from=Wolmirstedt'], 'erreichbar: --from ist 2-mal angegeben („Hundisburg“, „Wolmirstedt“); bitte nur einmal'],
    [['homes', '--to', 'K+S', '--shift', '06:00-14:00', '--shift', '22:00-06:00', '--lang', 'en'], 'erreichbar: --shift is given 2 times ("06:00-14:00", "22:00-06:00"); give it once'],
    [['route', '--from', 'a', '--to', 'b', '--date', '2026-12-09', '--depart', '07:00', '--date', '2026-12-10'], 'erreichbar: --date ist 2-mal angegeben („2026-12-09“, „2026-12-10“); bitte nur einmal'],
  ])('a one-value option given twice %j: exit 2, one line, nothing imported', async (args, message) => {
    const cacheDir = untouchedCache();
    const result = await erreichbar([...args, '--gtfs', BOERDEBUS, '--cache-dir', cacheDir]);
    expect([result.code, result.stderr, result.stdout]).toEqual([2, `${message}\n`, '']);
    expect(existsSync(cacheDir)).toBe(false);
  });

  it('options of several values and switches may repeat', async () => {
    const result = await erreichbar(['check', '--from', 'Hundisburg', '--to', 'K+S', '--shift', '06:00-14:00', '--dates', '2026-12-09', '--dates', '2026-12-10', '-q', '--quiet', '--gtfs', BOERDEBUS, '--cache-dir', sharedCacheDir]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Do, 10.12.2026');
  });

  it('--dates with only commas names no day: exit 2', async () => {
    const result = await erreichbar(['check', '--gtfs', BOERDEBUS, '--from', 'Wanzleben', '--to', 'K+S', '--shift', '06:00-14:00', '--dates', ',', '--cache-dir', sharedCacheDir]);
    expect([result.code, result.stderr]).toEqual([2, 'erreichbar: --dates nennt keinen Tag (JJJJ-MM-TT), nicht ","\n']);
  });

  it('calendar --from 2026-12-10 --to 2026-12-01 is refused', async () => {
    const cacheDir = untouchedCache();
    const result = await erreichbar(['calendar', '--gtfs', BOERDEBUS, '--from', '2026-12-10', '--to', '2026-12-01', '--cache-dir', cacheDir]);
    expect([result.code, result.stderr]).toEqual([2, 'erreichbar: --to 2026-12-01 liegt vor --from 2026-12-10\n']);
    expect(existsSync(cacheDir)).toBe(false);
  });

  it('monitor --centres / --standards that cannot be read: the English line with --lang en', async () => {
    const places = path.join(scratch, 'one-place.csv');
    writeFileSync(places, 'name,gemeinde,lat,lon\nHundisburg,Haldensleben,52.2957,11.3869\n');
    const missing = path.join(scratch, 'no-such.csv');
    for (const flag of ['--centres', '--standards']) {
      const cacheDir = untouchedCache();
      const result = await erreichbar(['monitor', '--gtfs', BOERDEBUS, '--places', places, '--no-slots', flag, missing, '--lang', 'en', '--cache-dir', cacheDir]);
      expect([result.code, result.stderr]).toEqual([2, `erreichbar: ${flag}: cannot read "${missing}"\n`]);
      expect(existsSync(cacheDir)).toBe(false);
    }
  });

  it('the largest walk radius (5000 m) works on two merged feeds', async () => {
    const result = await erreichbar([...route.slice(0, 3), nasa('mvb'), ...route.slice(3), '--walk-radius', '5000', '--cache-dir', sharedCacheDir, '--format', 'json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).arrival).toMatch(/^06:\d\d:\d\d$/);
  }, 120_000);
});

describe('output that cannot be written', () => {
  it('stdout on a full device (> /dev/full): exit 1, one line', async () => {
    const code = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [cli, ...route, '--cache-dir', sharedCacheDir], { stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.destroy();
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('close', (exitCode) => resolve({ code: exitCode, stderr }));
    });
    // A closed pipe is a reader that stopped early: not an error.
    expect(code).toEqual({ code: 0, stderr: '' });
    const full = execFileSync('sh', ['-c', `"${process.execPath}" "${cli}" ${route.map((arg) => `'${arg}'`).join(' ')} --cache-dir '${sharedCacheDir}' 2>&1 > /dev/full; echo "exit $?"`]).toString();
    expect(full).toBe('erreichbar: Standardausgabe (stdout) kein Platz mehr auf dem Datenträger (ENOSPC)\nexit 1\n');
  });

  it('a cache folder below a file: exit 2 naming --cache-dir and the path', async () => {
    const cacheDir = path.join(aFile, 'cache');
    const result = await erreichbar([...route, '--cache-dir', cacheDir]);
    expect([result.code, result.stderr]).toEqual([2, `erreichbar: --cache-dir: Cache-Ordner "${cacheDir}" kann nicht angelegt werden (liegt unter einer Datei, ENOTDIR)\n`]);
    const itself = await erreichbar([...route, '--cache-dir', aFile, '--lang', 'en']);
    expect([itself.code, itself.stderr]).toEqual([2, `erreichbar: --cache-dir: cannot create the cache folder "${aFile}" (is a file, not a folder, EEXIST)\n`]);
  });
});

/** Mounts a tmpfs (root only); undefined where the machine does not allow it. */
const mounts: string[] = [];
function tmpfs(options: string): string | undefined {
  const dir = mkdtempSync(path.join(scratch, 'mnt-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: 'ignore' });
    mounts.push(dir);
    return dir;
  } catch {
    return undefined;
  }
}
afterAll(() => {
  for (const dir of mounts) execFileSync('umount', [dir], { stdio: 'ignore' });
});
const canMount = (() => {
  const dir = tmpfs('size=64k');
  return dir !== undefined;
})();

describe.skipIf(!canMount)('a hostile machine (tmpfs mounts)', () => {
  it('an empty read-only cache names the cache folder, not the feed', async () => {
    const cacheDir = tmpfs('ro,size=64k')!;
    const result = await erreichbar([...route, '--cache-dir', cacheDir]);
    expect([result.code, result.stderr]).toEqual([2, `erreichbar: --cache-dir: in den Cache-Ordner "${cacheDir}" kann nicht geschrieben werden (EROFS); ein anderer Ordner geht mit --cache-dir\n`]);
  });

  it('a full TMPDIR during an import: exit 1, one line naming TMPDIR, nothing left behind', async () => {
    const tmp = tmpfs('size=512k')!;
    const cacheDir = mkdtempSync(path.join(scratch, 'cache-'));
    const result = await erreichbar(['import', BOERDEBUS, '--cache-dir', cacheDir], { TMPDIR: tmp });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^erreichbar: Temporärer Ordner ${tmp}: .+ kann nicht geschrieben werden \\(ENOSPC\\); Platz schaffen oder TMPDIR auf einen anderen Ordner setzen\\n$`));
    expect(readdirSync(tmp)).toEqual([]);
    expect(readdirSync(cacheDir)).toEqual([]);
  }, 60_000);
});

describe('interrupted and failed imports leave nothing in TMPDIR', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`${signal} during an import removes the unpacked feed and the partial database`, async () => {
      const tmp = mkdtempSync(path.join(scratch, 'tmp-'));
      const cacheDir = mkdtempSync(path.join(scratch, 'cache-'));
      const child = spawn(process.execPath, [cli, 'import', nasa('pvgs'), '--cache-dir', cacheDir], { env: { ...process.env, TMPDIR: tmp }, stdio: 'ignore' });
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, sig) => resolve(sig)));
      // Wait until the import has unpacked something, then interrupt it.
      const started = Date.now();
      while (!readdirSync(tmp).some((name) => readdirSync(path.join(tmp, name)).length > 0) && Date.now() - started < 60_000) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      child.kill(signal);
      expect(await exited).toBe(signal);
      expect(readdirSync(tmp)).toEqual([]);
      expect(readdirSync(cacheDir).filter((name) => name.includes('.partial-') || name.endsWith('.sqlite'))).toEqual([]);
    }, 90_000);
  }

  it('a feed refused by validation leaves nothing in TMPDIR', async () => {
    const tmp = mkdtempSync(path.join(scratch, 'tmp-'));
    const feed = buildCase('duplicate-stop-id', mkdtempSync(path.join(scratch, 'feed-')));
    const result = await erreichbar(['import', feed, '--cache-dir', mkdtempSync(path.join(scratch, 'cache-'))], { TMPDIR: tmp });
    expect(result.code).toBe(1);
    expect(readdirSync(tmp)).toEqual([]);
  });
});

describe('places files', () => {
  const write = (name: string, content: string | Buffer): string => {
    const file = path.join(scratch, name);
    writeFileSync(file, content);
    return file;
  };

  it('population 1234.5 is refused (it used to be read as 12345); 1.234 is German thousands', async () => {
    const bad = write('decimal.csv', 'name,gemeinde,lat,lon,population\nA,B,52.28,11.4,1234.5\n');
    const result = await erreichbar(['places', '--places', bad]);
    expect([result.code, result.stderr]).toEqual([1, `erreichbar: ${bad}:2: population "1234.5" ist keine ganze Einwohnerzahl\n`]);
    const good = write('thousands.csv', 'name,gemeinde,lat,lon,population\nA,B,52.28,11.4,1.234\n');
    const json = JSON.parse((await erreichbar(['places', '--places', good, '--format', 'json'])).stdout);
    expect(JSON.stringify(json)).toContain('1234');
  });

  it('Latin-1 bytes are refused naming file and line, never turned into U+FFFD', async () => {
    const file = write('latin1.csv', Buffer.concat([Buffer.from('name,gemeinde,lat,lon\nA,B,52.28,11.4\n'), Buffer.from('Gro\xdf,B,52.28,11.4\n', 'latin1')]));
    const result = await erreichbar(['places', '--places', file]);
    expect([result.code, result.stderr]).toEqual([1, `erreichbar: ${file}:3: ist kein UTF-8 (vermutlich Latin-1); bitte als UTF-8 speichern\n`]);
  });

  it('UTF-16 (with or without BOM) is named as such, not as Latin-1 or a missing column', async () => {
    const text = 'name,gemeinde,lat,lon\nGroß,B,52.28,11.4\n';
    const withBom = write('utf16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const result = await erreichbar(['places', '--places', withBom]);
    expect([result.code, result.stderr]).toEqual([1, `erreichbar: ${withBom}: ist UTF-16; bitte als UTF-8 speichern (Excel: „CSV UTF-8“)\n`]);
    const bigEndian = write('utf16be.csv', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]));
    const english = await erreichbar(['places', '--places', bigEndian, '--lang', 'en']);
    expect([english.code, english.stderr]).toEqual([1, `erreichbar: ${bigEndian}: is UTF-16; please save it as UTF-8 (Excel: "CSV UTF-8")\n`]);
    const noBom = write('utf16-ascii.csv', Buffer.from('name,gemeinde,lat,lon\nA,B,52.28,11.4\n', 'utf16le'));
    const plain = await erreichbar(['places', '--places', noBom]);
    expect([plain.code, plain.stderr]).toEqual([1, `erreichbar: ${noBom}: ist keine Textdatei in UTF-8 (Null-Bytes, vermutlich UTF-16); bitte als UTF-8 speichern (Excel: „CSV UTF-8“)\n`]);
  });

  it('an empty file, a header alone or no features: one line, never an empty report with exit 0', async () => {
    const empty = write('empty.csv', '');
    expect(await erreichbar(['places', '--places', empty])).toMatchObject({ code: 1, stderr: `erreichbar: ${empty}: ist leer\n` });
    const header = write('header.csv', 'name,gemeinde,lat,lon\n');
    expect(await erreichbar(['places', '--places', header, '--lang', 'en'])).toMatchObject({ code: 1, stderr: `erreichbar: ${header}: has no places (only the header)\n` });
    const geojson = write('none.geojson', '{"type":"FeatureCollection","features":[]}');
    expect(await erreichbar(['places', '--places', geojson])).toMatchObject({ code: 1, stderr: `erreichbar: ${geojson}: enthält keine Ortsteile (keine Features)\n` });
    const place = write('one-place.csv', 'name,gemeinde,lat,lon\nHundisburg,Haldensleben,52.2957,11.3869\n');
    const destinations = write('destinations.csv', 'name,category,lat,lon,schedule\n');
    const report = ['report', '--gtfs', BOERDEBUS, '--places', place, '--dates', '2026-12-09', '--cache-dir', sharedCacheDir];
    expect(await erreichbar([...report, '--destinations', destinations])).toMatchObject({ code: 1, stdout: '', stderr: `erreichbar: ${destinations}: enthält keine Ziele (nur die Kopfzeile)\n` });
    const kvhs = write('kvhs.csv', 'name,category,lat,lon,schedule\nKVHS Haldensleben,course,52.286197,11.395356,Mo-Fr 08:30-12:45\n');
    expect(await erreichbar([...report, '--destinations', kvhs, '--category', 'childcare'])).toMatchObject({ code: 2, stdout: '', stderr: `erreichbar: --category childcare: ${kvhs} hat keine Ziele dieser Kategorie\n` });
    const participants = write('participants.csv', 'Ortsteil,Anzahl\n');
    const bestTimes = await erreichbar(['best-times', '--gtfs', BOERDEBUS, '--places', place, '--destinations', kvhs, '--to', 'KVHS Haldensleben', '--participants', participants, '--dates', '2026-12-09', '--cache-dir', sharedCacheDir]);
    expect(bestTimes).toMatchObject({ code: 1, stdout: '', stderr: `erreichbar: ${participants}: enthält keine Teilnehmenden (nur die Kopfzeile)\n` });
  });

  it('a places file over the documented 100,000 rows is refused before any work', async () => {
    const file = write('big.csv', `name,gemeinde,lat,lon\n${Array.from({ length: 100_001 }, (_, i) => `O${i},G,52.2,11.4\n`).join('')}`);
    const result = await erreichbar(['places', '--places', file]);
    expect([result.code, result.stderr]).toEqual([1, `erreichbar: ${file}: hat 100.001 Zeilen; unterstützt werden bis 100.000\n`]);
  });
});
