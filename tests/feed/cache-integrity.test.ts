/**
 * A damaged cache never gives a silent wrong answer: a snapshot (`.part`) with flipped bits, or a
 * SQLite database emptied, cut short or overwritten with random bytes, is discarded with one
 * warning line naming the file, and the feed is imported again — with the same answers as a
 * fresh cache.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, readFileSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFeeds, type FeedSet } from '../../src/feed/load-feeds.js';
import { userTextIn, type UserText } from '../../src/errors.js';
import { BOERDEBUS, repoRoot, tempCacheDir } from '../helpers/paths.js';

const run = promisify(execFile);
const cli = path.join(repoRoot, 'bin', 'erreichbar');

/** Everything of a FeedSet that is an answer (not how it was obtained). */
function answers(feeds: FeedSet): unknown {
  return { ...feeds, feeds: feeds.feeds.map(({ cacheHit: _hit, ...rest }) => rest) };
}

/** A deterministic pseudo-random sequence (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let fresh: FeedSet;
let pristine: string;

function copyOfPristine(): string {
  const dir = tempCacheDir();
  for (const name of readdirSync(pristine)) copyFileSync(path.join(pristine, name), path.join(dir, name));
  return dir;
}

function only(dir: string, suffix: string): string {
  const names = readdirSync(dir).filter((name) => name.endsWith(suffix));
  expect(names).toHaveLength(1);
  return path.join(dir, names[0]!);
}

async function loadWithWarnings(cacheDir: string): Promise<{ feeds: FeedSet; warnings: string[] }> {
  const warnings: string[] = [];
  const feeds = await loadFeeds([BOERDEBUS], { cacheDir, onWarning: (text: UserText) => warnings.push(userTextIn(text, 'en')) });
  return { feeds, warnings };
}

beforeAll(async () => {
  pristine = tempCacheDir();
  fresh = await loadFeeds([BOERDEBUS], { cacheDir: pristine });
  expect(fresh.feeds[0]!.cacheHit).toBe(false);
}, 120_000);

describe('cache integrity', () => {
  it('a snapshot with 50 flipped bits is rebuilt, with one warning naming it, and gives the fresh answers', async () => {
    const dir = copyOfPristine();
    const snapshot = only(dir, '.part');
    expect(path.basename(snapshot)).toMatch(/\.v2\.part$/);
    const bytes = readFileSync(snapshot);
    const next = random(42);
    for (let i = 0; i < 50; i++) {
      const at = 40 + Math.floor(next() * (bytes.length - 40));
      bytes[at] = bytes[at]! ^ (1 << Math.floor(next() * 8));
    }
    writeFileSync(snapshot, bytes);
    const { feeds, warnings } = await loadWithWarnings(dir);
    expect(warnings).toEqual([`cache file ${snapshot} is damaged (checksum mismatch) and is rebuilt`]);
    expect(answers(feeds)).toEqual(answers(fresh));
    // The rebuilt snapshot is whole again: the next run is silent.
    expect((await loadWithWarnings(dir)).warnings).toEqual([]);
  }, 60_000);

  const damages: [string, (file: string) => void][] = [
    ['emptied', (file) => truncateSync(file, 0)],
    ['cut in half', (file) => truncateSync(file, Math.floor(readFileSync(file).length / 2))],
    [
      'filled with random bytes',
      (file) => {
        const next = random(7);
        writeFileSync(file, Buffer.from(Array.from({ length: readFileSync(file).length }, () => Math.floor(next() * 256))));
      },
    ],
  ];
  for (const [name, damage] of damages) {
    it(`a SQLite database ${name} (no snapshot beside it) is imported again, with one warning naming it`, async () => {
      const dir = copyOfPristine();
      rmSync(only(dir, '.part'));
      const database = only(dir, '.sqlite');
      damage(database);
      const { feeds, warnings } = await loadWithWarnings(dir);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(new RegExp(`^cache file ${database.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is damaged \\(.+\\) – discarded and imported again$`));
      expect(answers(feeds)).toEqual(answers(fresh));
      expect((await loadWithWarnings(dir)).warnings).toEqual([]);
    }, 120_000);
  }

  it('the CLI prints the warning once on stderr and the same report as a fresh cache', async () => {
    const dir = copyOfPristine();
    const args = ['route', '--gtfs', BOERDEBUS, '--from', 'Haldensleben, ZOB', '--to', 'Hundisburg (Haldensleben), Alte Schule', '--date', '2026-12-09', '--depart', '06:00', '--format', 'json'];
    const expected = await run(process.execPath, [cli, ...args, '--cache-dir', copyOfPristine()]);
    const snapshot = only(dir, '.part');
    const bytes = readFileSync(snapshot);
    bytes[bytes.length - 100] = bytes[bytes.length - 100]! ^ 0x10;
    writeFileSync(snapshot, bytes);
    const damaged = await run(process.execPath, [cli, ...args, '--cache-dir', dir]);
    expect(damaged.stdout).toBe(expected.stdout);
    expect(damaged.stderr).toBe(`erreichbar: Warnung: Cache-Datei ${snapshot} ist beschädigt (Prüfsumme stimmt nicht) und wird neu erzeugt\n`);
  }, 60_000);
});
