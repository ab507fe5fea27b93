/**
 * Seeded fuzzing of feed loading and routing: real feeds (a slice of BördeBus, the hand-made
 * fixtures) and random feeds, mutated — truncated rows and files, swapped columns, random bytes
 * in fields, extreme values, duplicated rows, duplicated files (another folder or case), dropped
 * files — as folders or zips. Every case must end in success or an {@link ErreichbarError} with
 * a one-line message (what the CLI prints without a stack trace): no other exception (the CLI's
 * "internal error"), no error of the `gtfs` package passed through (validation must catch it
 * first, naming file and line), no hang (a timeout per case), bounded memory.
 *
 * `npm test` runs FUZZ_CASES (default 200) cases from FUZZ_SEED (default 1); `npm run fuzz`
 * runs 2,000. A failure names its seed, so `FUZZ_SEED=<seed> FUZZ_CASES=1` replays it.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErreichbarError } from '../../src/errors.js';
import { loadFeeds } from '../../src/feed/load-feeds.js';
import { RoutePlanner } from '../../src/router/route-planner.js';
import { mulberry32, randomFeed } from '../support/random-feed.js';
import { readRawGtfs } from '../support/raw-gtfs.js';
import { writeStoredZip } from '../support/write-zip.js';
import { BOERDEBUS, fixture, tempCacheDir } from '../helpers/paths.js';

const CASES = Number(process.env.FUZZ_CASES ?? 200);
const FIRST_SEED = Number(process.env.FUZZ_SEED ?? 1);
const CASE_TIMEOUT_MS = 30_000;
const MAX_RSS_BYTES = 3 * 1024 ** 3;

type Files = Map<string, string | Buffer>;

function csv(rows: Record<string, string>[]): string {
  const header = Object.keys(rows[0] ?? {});
  const cell = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  return [header.join(','), ...rows.map((row) => header.map((column) => cell(row[column] ?? '')).join(','))].join('\n') + '\n';
}

/** A real feed in small: the first 40 trips of BördeBus with everything they use. */
async function boerdeSlice(): Promise<Files> {
  const tables = await readRawGtfs(BOERDEBUS);
  const trips = tables.trips!.slice(0, 40);
  const tripIds = new Set(trips.map((trip) => trip.trip_id));
  const stopTimes = tables.stop_times!.filter((row) => tripIds.has(row.trip_id!));
  const stopIds = new Set(stopTimes.map((row) => row.stop_id));
  const services = new Set(trips.map((trip) => trip.service_id));
  const routes = new Set(trips.map((trip) => trip.route_id));
  const files: Files = new Map();
  files.set('agency.txt', csv(tables.agency!));
  files.set('stops.txt', csv(tables.stops!.filter((row) => stopIds.has(row.stop_id))));
  files.set('routes.txt', csv(tables.routes!.filter((row) => routes.has(row.route_id))));
  files.set('trips.txt', csv(trips));
  files.set('stop_times.txt', csv(stopTimes));
  files.set('calendar.txt', csv(tables.calendar!.filter((row) => services.has(row.service_id))));
  files.set('calendar_dates.txt', csv(tables.calendar_dates!.filter((row) => services.has(row.service_id)).slice(0, 400)));
  return files;
}

function folderFiles(dir: string): Files {
  const files: Files = new Map();
  for (const name of readdirSync(dir)) if (name.endsWith('.txt') && statSync(path.join(dir, name)).isFile()) files.set(name, readFileSync(path.join(dir, name)));
  return files;
}

const fixtureBases = (): Files[] => [
  folderFiles(fixture('hostile', 'base')),
  ...readdirSync(fixture('gtfs'))
    .filter((name) => statSync(fixture('gtfs', name)).isDirectory() && readdirSync(fixture('gtfs', name)).includes('stops.txt'))
    .map((name) => folderFiles(fixture('gtfs', name))),
];

/** One mutation of a feed's files; returns what it did. */
type Mutation = (files: Files, random: () => number) => string;

const text = (files: Files, name: string): string => String(files.get(name) ?? '');
const pickName = (files: Files, random: () => number): string => [...files.keys()][Math.floor(random() * files.size)]!;
const lines = (content: string): string[] => content.split('\n');

const MUTATIONS: Record<string, Mutation> = {
  truncateRow(files, random) {
    const name = pickName(files, random);
    const rows = lines(text(files, name));
    const i = 1 + Math.floor(random() * Math.max(rows.length - 2, 1));
    rows[i] = (rows[i] ?? '').slice(0, Math.floor(random() * (rows[i] ?? '').length));
    files.set(name, rows.join('\n'));
    return `truncate row ${i} of ${name}`;
  },
  truncateFile(files, random) {
    const name = pickName(files, random);
    const content = text(files, name);
    files.set(name, content.slice(0, Math.floor(random() * content.length)));
    return `truncate ${name}`;
  },
  swapColumns(files, random) {
    const name = pickName(files, random);
    const rows = lines(text(files, name));
    const header = (rows[0] ?? '').split(',');
    const a = Math.floor(random() * header.length);
    const b = Math.floor(random() * header.length);
    [header[a], header[b]] = [header[b]!, header[a]!];
    rows[0] = header.join(',');
    files.set(name, rows.join('\n'));
    return `swap columns ${a},${b} of ${name}`;
  },
  randomBytes(files, random) {
    const name = pickName(files, random);
    const content = Buffer.from(text(files, name));
    const at = Math.floor(random() * content.length);
    const bytes = Buffer.from(Array.from({ length: 1 + Math.floor(random() * 8) }, () => Math.floor(random() * 256)));
    files.set(name, Buffer.concat([content.subarray(0, at), bytes, content.subarray(Math.min(at + bytes.length, content.length))]));
    return `random bytes at ${at} of ${name}`;
  },
  extremeValue(files, random) {
    const name = pickName(files, random);
    const rows = lines(text(files, name));
    const i = 1 + Math.floor(random() * Math.max(rows.length - 2, 1));
    const cells = (rows[i] ?? '').split(',');
    const values = ['', '-1', '99999999999999999999', '1e309', 'NaN', '25:99:99', '999:00:00', '0', '-0:30:00', '"', '20260231', 'ÿþ', '\u0000'];
    const value = values[Math.floor(random() * values.length)]!;
    cells[Math.floor(random() * cells.length)] = value;
    rows[i] = cells.join(',');
    files.set(name, rows.join('\n'));
    return `value ${JSON.stringify(value)} in row ${i} of ${name}`;
  },
  duplicateRow(files, random) {
    const name = pickName(files, random);
    const rows = lines(text(files, name));
    const i = 1 + Math.floor(random() * Math.max(rows.length - 2, 1));
    rows.splice(i, 0, rows[i] ?? '');
    files.set(name, rows.join('\n'));
    return `duplicate row ${i} of ${name}`;
  },
  dropFile(files, random) {
    const name = pickName(files, random);
    files.delete(name);
    return `drop ${name}`;
  },
  duplicateFile(files, random) {
    const name = pickName(files, random);
    const copy = random() < 0.5 ? `copy/${name}` : name.toUpperCase();
    files.set(copy, files.get(name)!);
    return `duplicate ${name} as ${copy}`;
  },
  emptyFile(files, random) {
    const name = pickName(files, random);
    files.set(name, '');
    return `empty ${name}`;
  },
  shuffleRows(files, random) {
    const name = pickName(files, random);
    const [header, ...rows] = lines(text(files, name));
    rows.sort(() => random() - 0.5);
    files.set(name, [header, ...rows].join('\n'));
    return `shuffle rows of ${name}`;
  },
};

function writeFeed(files: Files, dir: string, asZip: boolean): string {
  if (asZip) {
    const zip = path.join(dir, 'feed.zip');
    writeStoredZip(zip, Object.fromEntries(files));
    return zip;
  }
  const folder = path.join(dir, 'feed');
  for (const [name, content] of files) {
    mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
    writeFileSync(path.join(folder, name), content);
  }
  return folder;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`hang: no answer within ${ms} ms`)), ms);
    }),
  ]);
}

/** Loads a feed and routes once on it; returns undefined on success or a clean error, else the problem. */
async function runCase(feedPath: string, cacheDir: string): Promise<string | undefined> {
  try {
    const feeds = await loadFeeds([feedPath], { cacheDir });
    const date = feeds.feeds[0]?.firstServiceDate;
    if (date && feeds.stops.length >= 2) {
      const planner = new RoutePlanner(feeds);
      planner.route({ from: feeds.stops[0]!.stopId, to: feeds.stops[feeds.stops.length - 1]!.stopId, date, depart: 6 * 3600 });
    }
    return undefined;
  } catch (error) {
    // IMPORT_FAILED is an error of the gtfs package that validation let through: it names no line.
    if (error instanceof ErreichbarError && error.code !== 'IMPORT_FAILED' && !error.message.includes('\n') && !error.messageEn.includes('\n')) return undefined;
    return error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : String(error);
  }
}

describe(`fuzzing feeds (${CASES} cases from seed ${FIRST_SEED})`, () => {
  it('every case ends in success or one clean line; no hang; bounded memory', async () => {
    const bases: Files[] = [await boerdeSlice(), ...fixtureBases()];
    const cacheDir = tempCacheDir();
    const scratch = mkdtempSync(path.join(os.tmpdir(), 'erreichbar-fuzz-'));
    const failures: string[] = [];
    const names = Object.keys(MUTATIONS);
    for (let seed = FIRST_SEED; seed < FIRST_SEED + CASES; seed++) {
      const random = mulberry32(seed);
      const files: Files =
        random() < 0.25
          ? folderFiles(randomFeed(seed, { stops: 8, routes: 3, tripsPerRoute: 3 }).dir)
          : new Map(bases[Math.floor(random() * bases.length)]!);
      const done = Array.from({ length: 1 + Math.floor(random() * 3) }, () => MUTATIONS[names[Math.floor(random() * names.length)]!]!(files, random));
      const dir = mkdtempSync(path.join(scratch, `${seed}-`));
      const feed = writeFeed(files, dir, random() < 0.5);
      const problem = await withTimeout(runCase(feed, cacheDir), CASE_TIMEOUT_MS).catch((error: Error) => error.message);
      if (problem) failures.push(`seed ${seed} (${done.join('; ')}): ${problem}`);
      expect(process.memoryUsage().rss).toBeLessThan(MAX_RSS_BYTES);
    }
    expect(failures).toEqual([]);
  }, Math.max(120_000, CASES * 2_000));
});
