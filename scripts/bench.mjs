#!/usr/bin/env node
// Benchmarks of erreichbar (not a test): prints a table of medians and their ratio to the target.
// Run with `npm run bench` (builds first). Uses the NASA feeds beside the repository in
// ../shared/data/nasa and a cache folder under .cache/bench (created on first run).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const nasa = path.resolve(root, '../shared/data/nasa');
const cacheDir = path.join(root, '.cache', 'bench');
const lib = await import(path.join(root, 'dist', 'index.js'));

const BB = path.join(nasa, 'gtfs_boerdebus_std_kn.zip');
const ALL = ['boerdebus', 'mvb', 'kvg', 'njl', 'pvgs'].map((name) => path.join(nasa, `gtfs_${name}_std_kn.zip`));
const DATE = '2026-12-09';

/** mulberry32: a small seeded PRNG, so every run measures the same queries. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function time(fn) {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

const rows = [];
function record(name, samples, targetMs) {
  const value = median(samples);
  rows.push({ name, median: value, runs: samples.length, target: targetMs });
}

async function benchFeeds(label, paths) {
  const feeds = await lib.loadFeeds(paths, { cacheDir });
  const gtfsDate = lib.parseIsoDate(DATE);
  const builds = [];
  let tt;
  for (let i = 0; i < 5; i++) builds.push(time(() => (tt = lib.buildTimetable(feeds, gtfsDate, { walkRadiusMeters: 1000 }))));
  record(`${label}: timetable build (${tt.instanceCount} trips, ${tt.patternCount} patterns)`, builds);

  const rand = random(42);
  const usable = [];
  for (let s = 0; s < tt.stopCount; s++) if (tt.stopPatternStart[s + 1] > tt.stopPatternStart[s]) usable.push(s);
  const options = { maxTransfers: 6, transferSlackSeconds: 120 };
  const scratch = new lib.RaptorScratch(tt);
  const eaSamples = [];
  for (let i = 0; i < 300; i++) {
    const stop = usable[Math.floor(rand() * usable.length)];
    const depart = 4 * 3600 + Math.floor(rand() * 18 * 3600);
    eaSamples.push(time(() => lib.earliestArrival(scratch, [{ stop, time: depart }], options)));
  }
  record(`${label}: one-to-all earliest arrival`, eaSamples, label === 'all five' ? 5 : undefined);

  const mirror = new lib.RaptorScratch(lib.reverseTimetable(tt));
  const ldSamples = [];
  for (let i = 0; i < 300; i++) {
    const stop = usable[Math.floor(rand() * usable.length)];
    const arrive = 6 * 3600 + Math.floor(rand() * 16 * 3600);
    ldSamples.push(time(() => lib.earliestArrival(mirror, [{ stop, time: -arrive }], options)));
  }
  record(`${label}: all-to-one latest departure`, ldSamples);

  const rangeSamples = [];
  for (let i = 0; i < 60; i++) {
    const stop = usable[Math.floor(rand() * usable.length)];
    const from = 5 * 3600 + Math.floor(rand() * 12 * 3600);
    rangeSamples.push(time(() => lib.rangeQuery(scratch, [{ stop, accessSeconds: 0 }], from, from + 7200, options, () => undefined)));
  }
  record(`${label}: one-to-all 2-hour range query`, rangeSamples, label === 'all five' ? 50 : undefined);
  return { feeds, tt, usable };
}

const bb = await benchFeeds('BördeBus', [BB]);
const all = await benchFeeds('all five', ALL);

// Batch route: 1,000 random queries in one process, feed cached, end to end through the CLI.
{
  const rand = random(7);
  const lines = ['from,to,depart'];
  const stops = all.usable.map((s) => all.tt.stopIdForIndex(s));
  for (let i = 0; i < 1000; i++) {
    const from = stops[Math.floor(rand() * stops.length)];
    const to = stops[Math.floor(rand() * stops.length)];
    const seconds = 4 * 3600 + Math.floor(rand() * 18 * 3600);
    lines.push(`${from},${to},${lib.formatClock(seconds)}`);
  }
  mkdirSync(cacheDir, { recursive: true });
  const queries = path.join(cacheDir, 'queries.csv');
  writeFileSync(queries, lines.join('\n'));
  const cli = path.join(root, 'bin', 'erreichbar');
  const samples = [];
  for (let i = 0; i < 3; i++) {
    samples.push(
      time(() =>
        execFileSync(process.execPath, [cli, 'route', '--gtfs', ...ALL, '--cache-dir', cacheDir, '--date', DATE, '--queries', queries, '--format', 'csv'], {
          stdio: ['ignore', 'ignore', 'inherit'],
        }),
      ),
    );
  }
  record('all five: batch route, 1,000 queries (CLI, end to end)', samples, 5000);
}

// The district report on the default Börde data, and single checks.
{
  const { places } = await lib.loadPlaces(path.join(root, 'data', 'ortsteile.csv'));
  const { destinations } = await lib.loadDestinations(path.join(root, 'data', 'destinations.csv'));
  const samples = [];
  let cells = 0;
  for (let i = 0; i < 3; i++) {
    samples.push(
      time(() => {
        const report = lib.buildReport(all.feeds, places, destinations, { days: { kind: 'day-types', from: '2026-11-30' } });
        cells = report.ortsteile.reduce((sum, o) => sum + o.results.reduce((n, r) => n + r.days.length, 0), 0);
      }),
    );
  }
  const slots = destinations.reduce((n, d) => n + d.schedule.length, 0);
  record(`all five: full default report (${places.length} Ortsteile × ${slots} slots × 4 day types = ${cells} days)`, samples, 10000);

  // One check as the integration office runs it: a new engine (timetables built on demand), a week.
  const home = places.find((p) => p.name === 'Wolmirstedt');
  const mine = destinations.find((d) => d.name.startsWith('K+S'));
  const checks = [];
  for (let i = 0; i < 5; i++) {
    checks.push(
      time(() => {
        const engine = new lib.ReachabilityEngine(all.feeds, { explain: true });
        for (const date of ['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-12']) {
          engine.assess(home, mine, mine.schedule[0], date);
        }
      }),
    );
  }
  record('all five: check, one case over a week (6 days, fresh engine)', checks, 1000);
}

// The same check end to end through the CLI (process start, cache hit, six days).
{
  const cli = path.join(root, 'bin', 'erreichbar');
  const samples = [];
  for (let i = 0; i < 3; i++) {
    samples.push(
      time(() =>
        execFileSync(process.execPath, [cli, 'check', '--gtfs', ...ALL, '--cache-dir', cacheDir, '--from', 'Wolmirstedt', '--to', 'K+S', '--shift', '06:00-14:00', '--days', 'Mo-Sa', '--week', '2026-12-07'], {
          stdio: ['ignore', 'ignore', 'inherit'],
        }),
      ),
    );
  }
  record('all five: check through the CLI, end to end', samples, 1000);
}

await benchPlanning(all.feeds);

// The workbench under load (scripts/bench-serve.mjs): loopback only, bounded in count and time.
const { benchServe } = await import('./bench-serve.mjs');
await benchServe({ root, feeds: [BB, path.join(nasa, 'gtfs_mvb_std_kn.zip')], cacheDir, record });

const nameWidth = Math.max(...rows.map((row) => row.name.length));
console.log(`${'benchmark'.padEnd(nameWidth)}  ${'median ms'.padStart(10)}  ${'runs'.padStart(5)}  ${'target ms'.padStart(9)}  ${'ratio'.padStart(6)}`);
for (const row of rows) {
  const ratio = row.target ? (row.median / row.target).toFixed(2) : '';
  console.log(
    `${row.name.padEnd(nameWidth)}  ${row.median.toFixed(2).padStart(10)}  ${String(row.runs).padStart(5)}  ${String(row.target ?? '').padStart(9)}  ${ratio.padStart(6)}`,
  );
}
console.log('ratio = median / target; at most 1.00 meets the target. Machine: ' + `${process.platform} ${process.arch}, node ${process.version}`);

// Planning questions on the whole district (all five feeds, 224 Ortsteile, one date per day type).
async function benchPlanning(feeds) {
  const { places } = await lib.loadPlaces(path.join(root, 'data', 'ortsteile.csv'));
  const { destinations } = await lib.loadDestinations(path.join(root, 'data', 'destinations.csv'));
  const kvhs = destinations.find((d) => d.name === 'KVHS Haldensleben');
  const days = { kind: 'day-types', from: '2026-11-30' };
  const samples = [];
  let candidates = 0;
  for (let i = 0; i < 3; i++) {
    samples.push(
      time(() => {
        const result = lib.bestStartTimes(feeds, places, kvhs, {
          durationMinutes: 255,
          days: [1, 2, 3, 4, 5],
          fromMinutes: 6 * 60,
          toMinutes: 10 * 60,
          stepMinutes: 15,
          currentStartMinutes: 8 * 60 + 30,
          selection: days,
          weights: { kind: 'population', values: places.map((p) => p.population) },
        });
        candidates = result.candidates.length;
      }),
    );
  }
  const gapSamples = [];
  let failing = 0;
  const hermes = destinations.find((d) => d.name.startsWith('Hermes'));
  for (let i = 0; i < 3; i++) gapSamples.push(time(() => (failing = lib.findGaps(feeds, places, [hermes], { days }).totals.failing)));
  record(`all five: gaps, Hermes (2 shifts × day types × ${places.length} Ortsteile, ${failing} failing cases)`, gapSamples);
  const centres = await lib.loadCentralPlaces(path.join(root, 'data', 'zentrale-orte.csv'));
  const standards = await lib.loadServiceStandards(path.join(root, 'data', 'bedienungsstandards.csv'));
  const monitorSamples = [];
  for (let i = 0; i < 3; i++) monitorSamples.push(time(() => lib.buildMonitor(feeds, places, { days, centres, standards, destinations })));
  record(`all five: monitor (${places.length} Ortsteile × day types, with the report's slot share)`, monitorSamples);
  record(`all five: best-times, KVHS Haldensleben (${candidates} starts × 2 day types × ${places.length} Ortsteile)`, samples);
}
