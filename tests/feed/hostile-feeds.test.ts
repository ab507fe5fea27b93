/**
 * The hostile-feed corpus (fixtures/hostile/): every case imports with the exact line and exit
 * code its README states, leaves nothing behind in TMPDIR or the cache, and (for the accepted
 * cases) answers without the nonsense. Zip cases are zipped here, so no binary is committed.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, writeStoredZip } from '../support/write-zip.js';
import { buildCase, erreichbar, filesUnder } from '../support/hostile.js';
import { fixture, tempCacheDir } from '../helpers/paths.js';

const cases = readdirSync(fixture('hostile')).filter((name) => existsSync(fixture('hostile', name, 'README.md')) && name !== 'base' && statSync(fixture('hostile', name)).isDirectory());

describe('hostile feeds (fixtures/hostile)', () => {
  it.each(cases)('%s: the exact line and exit code of its README; no leftovers', async (name) => {
    const readme = readFileSync(fixture('hostile', name, 'README.md'), 'utf8');
    const code = Number(/^Exit code: (\d)$/m.exec(readme)![1]);
    const [, stream, line] = /^Expected (stdout|stderr): (.*)$/m.exec(readme)!;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'erreichbar-hostile-'));
    const tmp = path.join(dir, 'tmp');
    mkdirSync(tmp);
    const cacheDir = path.join(dir, 'cache');
    const result = await erreichbar(['import', buildCase(name, dir), '--cache-dir', cacheDir], { TMPDIR: tmp });
    expect(result.code).toBe(code);
    if (stream === 'stderr') {
      expect(result.stderr).toBe(`${line}\n`);
      expect(result.stdout).toBe('');
    } else {
      expect(result.stdout.split('\n').map((text) => text.trim())).toContain(line);
      expect(result.stderr).toBe('');
    }
    expect(result.stderr).not.toMatch(/\n\s+at |internal error/);
    // Nothing unpacked is left in TMPDIR, nothing half-written in the cache.
    expect(readdirSync(tmp)).toEqual([]);
    if (existsSync(cacheDir)) expect(readdirSync(cacheDir).filter((file) => file.includes('.partial-'))).toEqual([]);
  });

  it('time-travel: the backwards trip is never routed (no "-60 min", no arrival before departure)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'erreichbar-hostile-'));
    const feed = buildCase('time-travel', dir);
    const result = await erreichbar(['route', '--gtfs', feed, '--cache-dir', tempCacheDir(), '--from', 'A', '--to', 'C', '--date', '2026-12-09', '--depart', '05:30', '--format', 'json']);
    expect(result.code).toBe(0);
    const journey = JSON.parse(result.stdout);
    // t1 (06:00 → 06:10 → 05:00) is dropped; t2 leaves A 07:00 and reaches C 07:20.
    expect([journey.departure, journey.arrival]).toEqual(['07:00:00', '07:20:00']);
  });

  it('several feeds: an error names the feed it comes from', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'erreichbar-hostile-'));
    const good = buildCase('time-travel', dir);
    const bad = buildCase('duplicate-stop-id', dir);
    const result = await erreichbar(['import', good, bad, '--cache-dir', tempCacheDir()]);
    expect([result.code, result.stderr]).toEqual([1, 'erreichbar: duplicate-stop-id: stops.txt:5: stop_id "B" kommt zweimal vor\n']);
    const english = await erreichbar(['import', good, bad, '--cache-dir', tempCacheDir(), '--lang', 'en']);
    expect(english.stderr).toBe('erreichbar: duplicate-stop-id: stops.txt:5: stop_id "B" appears twice\n');
  });

  // Generated (a UTF-16 file is binary): base/ with stops.txt saved as UTF-16. It used to be read as
  // Latin-1 and refused for a "quote in field 2" (with a BOM) or an internal error.
  it.each([
    ['with a BOM', (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), 'ist UTF-16; GTFS-Dateien müssen UTF-8 sein', 'is UTF-16; GTFS files must be UTF-8'],
    ['without a BOM', (text: string) => Buffer.from(text, 'utf16le'), 'ist keine Textdatei in UTF-8 (Null-Bytes, vermutlich UTF-16); GTFS-Dateien müssen UTF-8 sein', 'is not a UTF-8 text file (NUL bytes, probably UTF-16); GTFS files must be UTF-8'],
  ])('stops.txt in UTF-16 %s: one line naming the encoding, exit 1, nothing left behind', async (_, encode, de, en) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'erreichbar-hostile-'));
    const feed = path.join(dir, 'utf16');
    mkdirSync(feed);
    for (const file of readdirSync(fixture('hostile', 'base'))) writeFileSync(path.join(feed, file), readFileSync(fixture('hostile', 'base', file)));
    writeFileSync(path.join(feed, 'stops.txt'), encode(readFileSync(fixture('hostile', 'base', 'stops.txt'), 'utf8')));
    const tmp = path.join(dir, 'tmp');
    mkdirSync(tmp);
    const cacheDir = path.join(dir, 'cache');
    const result = await erreichbar(['import', feed, '--cache-dir', cacheDir], { TMPDIR: tmp });
    expect([result.code, result.stderr, result.stdout]).toEqual([1, `erreichbar: stops.txt: ${de}\n`, '']);
    expect(readdirSync(tmp)).toEqual([]);
    const english = await erreichbar(['import', feed, '--cache-dir', cacheDir, '--lang', 'en']);
    expect([english.code, english.stderr]).toEqual([1, `erreichbar: stops.txt: ${en}\n`]);
  });
});

/** A zip whose members are deflated (the test's stored-zip writer cannot make a zip bomb). */
function writeDeflatedZip(file: string, files: Record<string, Buffer>): void {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const data = deflateRawSync(content, { level: 9 });
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(content);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(content.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(content.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const centralSize = centrals.reduce((sum, part) => sum + part.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  writeFileSync(file, Buffer.concat([...locals, ...centrals, end]));
}

describe('size limits, before any work', () => {
  const baseFiles = (): Record<string, Buffer> => filesUnder(fixture('hostile', 'base'));

  it('a zip bomb (stop_times.txt inflating 60 MB from a few kB) is refused from the zip directory', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'erreichbar-bomb-'));
    const files = baseFiles();
    const row = 't1,6:00:00,6:00:00,A,0\n';
    files['stop_times.txt'] = Buffer.concat([files['stop_times.txt']!, Buffer.from(row.repeat(Math.ceil((60 << 20) / row.length)))]);
    const zip = path.join(dir, 'bomb.zip');
    writeDeflatedZip(zip, files);
    expect(statSync(zip).size).toBeLessThan(1 << 20);
    const result = await erreichbar(['import', zip, '--cache-dir', tempCacheDir()]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^erreichbar: bomb\.zip\/stop_times\.txt: ist \d+:1 komprimiert \(\d+ MB entpackt\), mehr als 100:1 — keine echte GTFS-Datei\n$/);
  });

  it('a feed over --max-feed-size is refused naming the file and the flag; a real feed passes with the default', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'erreichbar-large-'));
    const files = baseFiles();
    const rows = Array.from({ length: 70_000 }, (_, i) => `x${i},"Haltestelle ${i}",52.2,11.4\n`).join('');
    files['stops.txt'] = Buffer.concat([files['stops.txt']!, Buffer.from(rows)]);
    const zip = path.join(dir, 'large.zip');
    writeStoredZip(zip, files);
    const result = await erreichbar(['import', zip, '--cache-dir', tempCacheDir(), '--max-feed-size', '1']);
    expect([result.code, result.stderr]).toEqual([1, 'erreichbar: large.zip/stops.txt: ist entpackt 3 MB, mehr als die Grenze von 1 MB (--max-feed-size MB hebt sie an)\n']);
    const raised = await erreichbar(['import', zip, '--cache-dir', tempCacheDir(), '--max-feed-size', '10', '--format', 'json']);
    expect(raised.code).toBe(0);
    expect(JSON.parse(raised.stdout).feeds[0].stops).toBe(70_003);
  });
});
