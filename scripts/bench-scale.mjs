#!/usr/bin/env node
// How far one machine goes: generates synthetic feeds of growing size from the real NASA feeds
// (scripts/make-synthetic-feed.mjs, into the OS temp folder, never committed), imports each into
// a fresh cache through the CLI, and prints a sizing table: rows; the router's import (streamed
// validation + snapshot, `import --no-sqlite`) with its time and peak memory; the queryable
// SQLite import added afterwards (`import`, which validates again) with its time, peak memory
// and size; snapshot size; cache-hit load, timetable builds, one-to-all searches and a report
// over 1,000 places. Run with `npm run bench:scale`: by default one copy of the five feeds and
// the Germany-size case, 90 copies (35 M stop_times; about 45 minutes on 2 cores with the SQLite
// step, 10 without); `-- --copies 1,4` for a quick run, `--no-sqlite` leaves out the SQLite step,
// `--keep` keeps the generated feeds and caches. One copy = 392,113 stop_times.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'bin', 'erreichbar');
const args = process.argv.slice(2);
const at = args.indexOf('--copies');
const sizes = (at >= 0 ? args[at + 1] : '1,90').split(',').map(Number);
const keep = args.includes('--keep');
const withSqlite = !args.includes('--no-sqlite');
// The feed is one folder of a few GB at 90 copies: far over the default --max-feed-size.
const sizeFlags = ['--max-feed-size', '100000'];
const timeBinary = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** Runs a command; wall seconds, peak resident memory in MB (GNU time, when present), stdout. */
function run(command, commandArgs, label) {
  const start = performance.now();
  const full = timeBinary ? [timeBinary, ['-f', '__PEAK_KB=%M', command, ...commandArgs]] : [command, commandArgs];
  const result = spawnSync(full[0], full[1], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = (performance.now() - start) / 1000;
  const peak = /__PEAK_KB=(\d+)/.exec(result.stderr ?? '');
  if (result.status !== 0) {
    console.error(`${label} failed (exit ${result.status}, ${seconds.toFixed(0)} s): ${(result.stderr ?? '').slice(-2000)}`);
    return { ok: false, seconds, peakMb: peak ? Number(peak[1]) / 1024 : NaN, stdout: result.stdout ?? '' };
  }
  return { ok: true, seconds, peakMb: peak ? Number(peak[1]) / 1024 : NaN, stdout: result.stdout ?? '' };
}

const sizeOf = (dir, test) =>
  readdirSync(dir)
    .filter(test)
    .reduce((sum, name) => sum + statSync(path.join(dir, name)).size, 0) / 2 ** 20;

// What one loaded cache measures, in one child process (fresh, so the load is a real cache hit).
const probe = (feedDir, cacheDir) => `
const lib = await import(${JSON.stringify(path.join(root, 'dist', 'index.js'))});
const t = () => performance.now();
let s = t();
const feeds = await lib.loadFeeds([${JSON.stringify(feedDir)}], { cacheDir: ${JSON.stringify(cacheDir)} });
const load = t() - s;
s = t();
const tt = lib.buildTimetable(feeds, 20261209, { walkRadiusMeters: 1000 });
const buildFirst = t() - s;
s = t();
lib.buildTimetable(feeds, 20261210, { walkRadiusMeters: 1000 });
const buildNext = t() - s;
const usable = [];
for (let x = 0; x < tt.stopCount; x++) if (tt.stopPatternStart[x + 1] > tt.stopPatternStart[x]) usable.push(x);
const scratch = new lib.RaptorScratch(tt);
let seed = 1;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const options = { maxTransfers: 6, transferSlackSeconds: 120 };
const queries = Array.from({ length: 60 }, () => ({ stop: usable[Math.floor(rand() * usable.length)], time: 5 * 3600 + Math.floor(rand() * 14 * 3600) }));
const med = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
const full = med(queries.map((q) => { const s0 = t(); lib.earliestArrival(scratch, [q], options); return t() - s0; }));
const bounded = med(queries.map((q) => { const s0 = t(); lib.earliestArrival(scratch, [q], { ...options, maxArrival: q.time + 3 * 3600 }); return t() - s0; }));
// A report over 1,000 places (stops spread over the whole feed) and the five first default destinations.
const places = [];
for (let i = 0; i < 1000; i++) { const stop = feeds.stops[Math.floor((i * feeds.stops.length) / 1000)]; places.push({ name: 'P' + i, gemeinde: '', lat: stop.lat + 0.002, lon: stop.lon }); }
const { destinations } = await lib.loadDestinations(${JSON.stringify(path.join(root, 'data', 'destinations.csv'))});
s = t();
lib.buildReport(feeds, places, destinations.slice(0, 5), { days: { kind: 'dates', dates: ['2026-12-09'] } });
const report = t() - s;
console.log(JSON.stringify({ load, buildFirst, buildNext, full, bounded, report, stops: feeds.stops.length, trips: feeds.trips.count, stopTimes: feeds.stopTimes.stop.length, footpaths: tt.footTo.length }));
`;

const startLoad = os.loadavg().map((x) => x.toFixed(2)).join(', ');
const table = [];
for (const copies of sizes) {
  const feedDir = path.join(os.tmpdir(), `erreichbar-synthetic-${copies}`);
  const cacheDir = path.join(os.tmpdir(), `erreichbar-scale-cache-${copies}`);
  rmSync(cacheDir, { recursive: true, force: true });
  console.error(`${copies} copies: generating …`);
  const generated = run(process.execPath, [path.join(root, 'scripts', 'make-synthetic-feed.mjs'), '--copies', String(copies), '--out', feedDir], 'generate');
  if (!generated.ok) break;
  const feedMb = sizeOf(feedDir, () => true);
  console.error(`${copies} copies: importing for the router (${feedMb.toFixed(0)} MB of CSV) …`);
  // The router's path: streamed validation and snapshot (and the merged feed-set snapshot), no SQLite.
  const imported = run(process.execPath, ['--max-old-space-size=8192', cli, 'import', feedDir, '--no-sqlite', ...sizeFlags, '--cache-dir', cacheDir, '-q', '--format', 'json'], 'import');
  const row = { copies, feedMb, import: imported.seconds, importPeak: imported.peakMb, ok: imported.ok };
  if (imported.ok) {
    row.snapshotMb = sizeOf(cacheDir, (name) => name.endsWith('.part') || name.endsWith('.feedset'));
    console.error(`${copies} copies: measuring load, build, searches, report …`);
    const measured = run(process.execPath, ['--max-old-space-size=8192', '--input-type=module', '-e', probe(feedDir, cacheDir)], 'probe');
    if (measured.ok) Object.assign(row, JSON.parse(measured.stdout.trim().split('\n').pop()), { probePeak: measured.peakMb });
    if (withSqlite) {
      console.error(`${copies} copies: adding the SQLite database …`);
      const sqlite = run(process.execPath, ['--max-old-space-size=8192', cli, 'import', feedDir, ...sizeFlags, '--cache-dir', cacheDir, '-q', '--format', 'json'], 'SQLite import');
      Object.assign(row, { sqlite: sqlite.seconds, sqlitePeak: sqlite.peakMb, sqliteOk: sqlite.ok });
      if (sqlite.ok) row.sqliteMb = sizeOf(cacheDir, (name) => name.endsWith('.sqlite'));
    }
  }
  table.push(row);
  // Each size as soon as it is measured: a long run that is stopped still leaves its figures.
  console.error(JSON.stringify(row));
  if (!keep) {
    rmSync(feedDir, { recursive: true, force: true });
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

const f = (x, digits = 1) => (x === undefined || Number.isNaN(x) ? '–' : x.toFixed(digits));
console.log('| copies | stop_times | stops | trips | CSV MB | router import s | router import peak MB | snapshots MB | SQLite import s | SQLite import peak MB | SQLite MB | load s | build 1st date s | build next date s | one-to-all ms | bounded 3 h ms | report 1,000 places × 5 dest. s | peak MB (load…report) |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of table) {
  console.log(
    `| ${r.copies} | ${r.stopTimes?.toLocaleString('en') ?? '–'} | ${r.stops?.toLocaleString('en') ?? '–'} | ${r.trips?.toLocaleString('en') ?? '–'} | ${f(r.feedMb, 0)} | ${f(r.import)}${r.ok ? '' : ' (failed)'} | ${f(r.importPeak, 0)} | ${f(r.snapshotMb, 0)} | ${f(r.sqlite)}${r.sqliteOk === false ? ' (failed)' : ''} | ${f(r.sqlitePeak, 0)} | ${f(r.sqliteMb, 0)} | ${f(r.load / 1000, 2)} | ${f(r.buildFirst / 1000, 2)} | ${f(r.buildNext / 1000, 2)} | ${f(r.full, 2)} | ${f(r.bounded, 2)} | ${f(r.report / 1000, 2)} | ${f(r.probePeak, 0)} |`,
  );
}
console.log('router import = streamed validation + snapshot (`import --no-sqlite`); SQLite import = `import` afterwards, which validates again and then runs the gtfs package.');
console.log(`machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB; Node ${process.version}; load average at start ${startLoad}, at end ${os.loadavg().map((x) => x.toFixed(2)).join(', ')}; ${new Date().toISOString().slice(0, 10)}`);
