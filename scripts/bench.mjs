#!/usr/bin/env node
// Benchmarks of erreichbar (not a test): prints a table of medians, each with its target and the
// ratio median / target, and the peer router (minotor) on the same fixed queries.
// Run with `npm run bench` (builds first). Uses the NASA feeds beside the repository in
// ../shared/data/nasa and a cache folder under .cache/bench (created on first run).
//
// The machine may be shared: every figure is a median, the load average (`uptime`) is printed
// before and after, and "cpu ms" (this process's CPU time, or the child's for CLI runs) is shown
// beside the wall time, because it moves much less with other people's load. Ratios between
// two rows of one run (erreichbar vs minotor, bounded vs unbounded) are the robust figures.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The CLI runs in the district's time zone (see src/cli/main.ts); the in-process rows do too, so
// that they measure what the CLI does.
process.env.TZ = 'Europe/Berlin';
const nasa = path.resolve(root, '../shared/data/nasa');
const cacheDir = path.join(root, '.cache', 'bench');
const lib = await import(path.join(root, 'dist', 'index.js'));
const cli = path.join(root, 'bin', 'erreichbar');

const BB = path.join(nasa, 'gtfs_boerdebus_std_kn.zip');
const ALL = ['boerdebus', 'mvb', 'kvg', 'njl', 'pvgs'].map((name) => path.join(nasa, `gtfs_${name}_std_kn.zip`));
// Dates on which all five feeds run (PVGS ends 2026-08-16; a date outside any feed is refused).
const DATE = '2026-07-01';
const WEEK = ['2026-06-29', '2026-06-30', '2026-07-01', '2026-07-02', '2026-07-03', '2026-07-04'];
const FROM = WEEK[0];
const only = process.argv.includes('--quick') ? 'quick' : 'full';

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

const cpuNow = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

/** Wall and CPU milliseconds of one call. */
function measure(fn) {
  const cpu = cpuNow();
  const start = performance.now();
  fn();
  return { wall: performance.now() - start, cpu: cpuNow() - cpu };
}

async function measureAsync(fn) {
  const cpu = cpuNow();
  const start = performance.now();
  await fn();
  return { wall: performance.now() - start, cpu: cpuNow() - cpu };
}

/** Cumulative CPU ms of finished, waited-for children of this process (Linux: cutime + cstime of /proc/self/stat). */
function childCpu() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
  } catch {
    return NaN;
  }
}

/** Runs node with arguments in a child process: wall time and the child's CPU time. */
function processRun(args, env) {
  const cpuBefore = childCpu();
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env }, maxBuffer: 1 << 28 });
  const wall = performance.now() - start;
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return { wall, cpu: childCpu() - cpuBefore, stdout: String(result.stdout), stderr: String(result.stderr) };
}

const rows = [];
/** Adds a row: samples are {wall, cpu} from measure() or plain wall milliseconds (cpu unknown). */
function record(name, samples, targetMs, note = '') {
  const wall = samples.map((s) => (typeof s === 'number' ? s : s.wall));
  const cpu = samples.map((s) => (typeof s === 'number' ? NaN : s.cpu));
  rows.push({
    name,
    wall: median(wall),
    cpu: median(cpu),
    runs: samples.length,
    target: targetMs,
    note,
  });
}

const loadAverage = () => os.loadavg().map((x) => x.toFixed(2)).join(', ');
const loadBefore = loadAverage();
mkdirSync(cacheDir, { recursive: true });

// Warm the cache (imports on the first run ever).
await lib.loadFeeds(ALL, { cacheDir });

// 1. Cache-hit load of all five feeds, in a fresh process each time (as the CLI does it).
{
  const script = `const lib = await import(${JSON.stringify(path.join(root, 'dist', 'index.js'))});
const start = performance.now(); const cpu0 = process.cpuUsage();
await lib.loadFeeds(${JSON.stringify(ALL)}, { cacheDir: ${JSON.stringify(cacheDir)} });
const cpu = process.cpuUsage(cpu0);
console.log(JSON.stringify({ wall: performance.now() - start, cpu: (cpu.user + cpu.system) / 1000 }));`;
  const samples = [];
  for (let i = 0; i < 5; i++) samples.push(JSON.parse(processRun(['--input-type=module', '-e', script]).stdout));
  record('all five: cache-hit load (fresh process, load only)', samples, 100);
}

const feeds = await lib.loadFeeds(ALL, { cacheDir });
const bbFeeds = await lib.loadFeeds([BB], { cacheDir });

// 2. Timetable builds: the first date of a feed set (with footpaths and trip grouping) in a fresh
//    process, then further dates (date-independent work reused).
{
  const script = `const lib = await import(${JSON.stringify(path.join(root, 'dist', 'index.js'))});
const feeds = await lib.loadFeeds(${JSON.stringify(ALL)}, { cacheDir: ${JSON.stringify(cacheDir)} });
const start = performance.now(); const cpu0 = process.cpuUsage();
lib.buildTimetable(feeds, ${lib.parseIsoDate(DATE)}, { walkRadiusMeters: 1000 });
const cpu = process.cpuUsage(cpu0);
console.log(JSON.stringify({ wall: performance.now() - start, cpu: (cpu.user + cpu.system) / 1000 }));`;
  const samples = [];
  for (let i = 0; i < 3; i++) samples.push(JSON.parse(processRun(['--input-type=module', '-e', script]).stdout));
  record('all five: timetable build, first date (fresh process)', samples);
}
let tt;
{
  lib.buildTimetable(feeds, lib.parseIsoDate(WEEK[0]), { walkRadiusMeters: 1000 });
  const samples = [];
  for (let round = 0; round < 2; round++) {
    for (const date of WEEK.slice(1)) samples.push(measure(() => lib.buildTimetable(feeds, lib.parseIsoDate(date), { walkRadiusMeters: 1000 })));
  }
  tt = lib.buildTimetable(feeds, lib.parseIsoDate(DATE), { walkRadiusMeters: 1000 });
  record(`all five: timetable build, further date (${tt.instanceCount} trips, ${tt.patternCount} patterns)`, samples, 30);
}

// 3. Searches on the five merged feeds.
const usable = [];
for (let s = 0; s < tt.stopCount; s++) if (tt.stopPatternStart[s + 1] > tt.stopPatternStart[s]) usable.push(s);
{
  const options = { maxTransfers: 6, transferSlackSeconds: 120 };
  const scratch = new lib.RaptorScratch(tt);
  const queries = [];
  const rand = random(42);
  for (let i = 0; i < 400; i++) queries.push({ stop: usable[Math.floor(rand() * usable.length)], time: 4 * 3600 + Math.floor(rand() * 18 * 3600) });
  const run = (limit) => queries.map((q) => measure(() => lib.earliestArrival(scratch, [q], limit === undefined ? options : { ...options, maxArrival: q.time + limit })));
  run(undefined);
  record('all five: one-to-all, unbounded (to the end of the next day)', run(undefined));
  record('all five: one-to-all, bounded by max-journey (3 h)', run(3 * 3600), 0.3);
  record('all five: one-to-all, bounded by 1 h', run(3600), 0.3);

  const mirror = new lib.RaptorScratch(lib.reverseTimetable(tt));
  const back = queries.map((q) => measure(() => lib.earliestArrival(mirror, [{ stop: q.stop, time: -q.time }], { ...options, maxArrival: -q.time + 3 * 3600 })));
  record('all five: all-to-one latest departure, bounded by 3 h', back, 0.3);

  const range = queries.slice(0, 60).map((q) => measure(() => lib.rangeQuery(scratch, [{ stop: q.stop, accessSeconds: 0 }], q.time, q.time + 7200, options, () => undefined)));
  record('all five: one-to-all 2-hour range query', range, 50);
}

// 4. The peer: minotor 1.0.7 on BördeBus (it reads one GTFS zip per day), the same 400 fixed
//    queries for both. erreichbar: earliest arrival at one target (walk radius 0, transfers.txt,
//    2 min slack, at most 6 changes); minotor: the same limits.
let peer;
{
  const { GtfsParser } = await import('minotor/parser');
  const { Query, Router, Time, Duration } = await import('minotor');
  const quiet = { log: console.log, warn: console.warn, info: console.info };
  console.log = console.warn = console.info = () => undefined;
  let parsed;
  try {
    parsed = await new GtfsParser(BB).parse(new Date(`${DATE}T12:00:00`));
  } finally {
    Object.assign(console, quiet);
  }
  const router = new Router(parsed.timetable, parsed.stopsIndex);
  const bbTt = lib.buildTimetable(bbFeeds, lib.parseIsoDate(DATE), { walkRadiusMeters: 0 });
  const scratch = new lib.RaptorScratch(bbTt);
  const stops = [];
  for (let s = 0; s < bbTt.stopCount; s++) {
    if (bbTt.stopPatternStart[s + 1] > bbTt.stopPatternStart[s] && parsed.stopsIndex.findStopById(bbTt.stopIdForIndex(s))) stops.push(s);
  }
  const rand = random(2026);
  const queries = [];
  for (let i = 0; i < 400; i++) {
    queries.push({ from: stops[Math.floor(rand() * stops.length)], to: stops[Math.floor(rand() * stops.length)], depart: 5 * 3600 + Math.floor(rand() * 15 * 3600) });
  }
  const options = { maxTransfers: 6, transferSlackSeconds: 120 };
  const ours = [];
  const theirs = [];
  let sameDay = 0;
  let agree = 0;
  const disagree = { onlyOurs: 0, onlyTheirs: 0, oursEarlier: 0, theirsEarlier: 0 };
  for (let round = 0; round < 2; round++) {
    for (const q of queries) {
      const a = measure(() => lib.earliestArrival(scratch, [{ stop: q.from, time: q.depart }], options, q.to));
      let result;
      const query = new Query.Builder()
        .from(bbTt.stopIdForIndex(q.from))
        .to(bbTt.stopIdForIndex(q.to))
        .departureTime(Time.fromSeconds(q.depart))
        .maxTransfers(6)
        .minTransferTime(Duration.fromSeconds(120))
        .build();
      const b = measure(() => (result = router.route(query)));
      if (round === 0) continue; // the first round warms both up
      ours.push(a);
      theirs.push(b);
      const mine = scratch.arrival[q.to] === lib.UNREACHED ? null : scratch.arrival[q.to];
      const other = result.arrivalAt(bbTt.stopIdForIndex(q.to))?.time.toSeconds() ?? null;
      // Same-day: erreichbar's answer lies within the service day (minotor only knows that day's trips).
      if (q.from !== q.to && (mine === null || mine < 86_400)) {
        sameDay++;
        if (mine === other) agree++;
        else if (other === null) disagree.onlyOurs++;
        else if (mine === null) disagree.onlyTheirs++;
        else if (mine < other) disagree.oursEarlier++;
        else disagree.theirsEarlier++;
      }
    }
  }
  const ratios = ours.map((o, i) => theirs[i].wall / Math.max(o.wall, 1e-3));
  const cpuRatio = median(theirs.map((t) => t.cpu)) / Math.max(median(ours.map((o) => o.cpu)), 1e-3);
  peer = { agree, sameDay, ratio: median(ratios), cpuRatio, disagree };
  record('BördeBus: earliest arrival at one stop, erreichbar', ours);
  record('BördeBus: the same queries, minotor 1.0.7', theirs, undefined, `median per-query ratio minotor/erreichbar ${median(ratios).toFixed(1)}×`);
}

// 5. Batch route: 1,000 random queries in one process, feed cached, end to end through the CLI.
if (only === 'full') {
  const rand = random(7);
  const lines = ['from,to,depart'];
  const ids = usable.map((s) => tt.stopIdForIndex(s));
  for (let i = 0; i < 1000; i++) {
    const from = ids[Math.floor(rand() * ids.length)];
    const to = ids[Math.floor(rand() * ids.length)];
    lines.push(`${from},${to},${lib.formatClock(4 * 3600 + Math.floor(rand() * 18 * 3600))}`);
  }
  const queries = path.join(cacheDir, 'queries.csv');
  writeFileSync(queries, lines.join('\n'));
  const samples = [];
  for (let i = 0; i < 3; i++) samples.push(processRun([cli, 'route', '--gtfs', ...ALL, '--cache-dir', cacheDir, '--date', DATE, '--queries', queries, '--format', 'csv']));
  record('all five: batch route, 1,000 queries (CLI, end to end)', samples, 5000);
}

// 6. The district report on the default Börde data, and single checks.
{
  const { places } = await lib.loadPlaces(path.join(root, 'data', 'ortsteile.csv'));
  const { destinations } = await lib.loadDestinations(path.join(root, 'data', 'destinations.csv'));
  const slots = destinations.reduce((n, d) => n + d.schedule.length, 0);
  if (only === 'full') {
    const samples = [];
    let cells = 0;
    for (let i = 0; i < 3; i++) {
      // A fresh feed object each time, so no timetable or footpath survives from the run before.
      const fresh = await lib.loadFeeds(ALL, { cacheDir });
      samples.push(
        measure(() => {
          const report = lib.buildReport(fresh, places, destinations, { days: { kind: 'day-types', from: FROM } });
          cells = report.ortsteile.reduce((sum, o) => sum + o.results.reduce((n, r) => n + r.days.length, 0), 0);
        }),
      );
    }
    record(`all five: full default report (${places.length} Ortsteile × ${slots} slots × 4 day types = ${cells} days)`, samples, 500);
    const threads = Math.min(2, os.availableParallelism());
    const parallel = [];
    for (let i = 0; i < 3; i++) {
      const fresh = await lib.loadFeeds(ALL, { cacheDir });
      parallel.push(await measureAsync(() => lib.buildReportInWorkers(fresh, places, destinations, { days: { kind: 'day-types', from: FROM } }, threads)));
    }
    record(`all five: the same report on ${threads} worker threads (cpu: all threads)`, parallel, 500);
    const cliReport = [];
    for (let i = 0; i < 3; i++) cliReport.push(processRun([cli, 'report', '--gtfs', ...ALL, '--cache-dir', cacheDir, '--format', 'csv', '-q', '--day-types'], { ERREICHBAR_TODAY: FROM }));
    record('all five: full default report through the CLI, end to end', cliReport);
  }

  // One check as the integration office runs it, as the CLI runs it (runCheck: the six days, their
  // bridges and the data notices), on a fresh feed set: the CLI's work without the process start.
  const checks = [];
  for (let i = 0; i < 5; i++) {
    const fresh = await lib.loadFeeds(ALL, { cacheDir });
    checks.push(
      await measureAsync(() =>
        lib.runCheck({ feeds: fresh, places, destinations, today: FROM }, { from: 'Wolmirstedt', to: 'K+S', shift: '06:00-14:00', days: 'Mo-Sa', week: FROM }),
      ),
    );
  }
  record('all five: check over a week as the CLI runs it (runCheck, fresh feed set, in process)', checks);
}

// 7. The same check end to end through the CLI (process start, cache hit, six days).
{
  const samples = [];
  for (let i = 0; i < 5; i++) {
    samples.push(processRun([cli, 'check', '--gtfs', ...ALL, '--cache-dir', cacheDir, '--from', 'Wolmirstedt', '--to', 'K+S', '--shift', '06:00-14:00', '--days', 'Mo-Sa', '--week', FROM]));
  }
  record('all five: check over a week through the CLI, end to end', samples, 300);
}

// 8. The CLI's fixed start-up cost: --help loads commander and the option definitions only; a bare
//    node beside it is the floor.
{
  const help = [];
  const bare = [];
  for (let i = 0; i < 5; i++) {
    help.push(processRun([cli, '--help']));
    bare.push(processRun(['-e', '']));
  }
  record('CLI start-up: erreichbar --help', help);
  record('CLI start-up: bare node (the floor)', bare);
}

if (only === 'full') {
  await benchPlanning(feeds);
  // The workbench under load (scripts/bench-serve.mjs): loopback only, bounded in count and time.
  const { benchServe } = await import('./bench-serve.mjs');
  await benchServe({ root, feeds: [BB, path.join(nasa, 'gtfs_mvb_std_kn.zip')], cacheDir, record });
}

const loadAfter = loadAverage();
const nameWidth = Math.max(...rows.map((row) => row.name.length));
console.log(`${'benchmark'.padEnd(nameWidth)}  ${'median ms'.padStart(10)}  ${'cpu ms'.padStart(9)}  ${'runs'.padStart(5)}  ${'target ms'.padStart(9)}  ${'ratio'.padStart(6)}`);
for (const row of rows) {
  const ratio = row.target ? (row.wall / row.target).toFixed(2) : '';
  const fmt = (x) => (Number.isNaN(x) ? '' : x < 10 ? x.toFixed(3) : x.toFixed(1));
  console.log(
    `${row.name.padEnd(nameWidth)}  ${fmt(row.wall).padStart(10)}  ${fmt(row.cpu).padStart(9)}  ${String(row.runs).padStart(5)}  ${String(row.target ?? '').padStart(9)}  ${ratio.padStart(6)}${row.note ? `  ${row.note}` : ''}`,
  );
}
console.log(
  `peer: minotor 1.0.7 agrees with erreichbar on ${peer.agree} of ${peer.sameDay} same-day queries (BördeBus, ${DATE}; ` +
    `otherwise only erreichbar finds one: ${peer.disagree.onlyOurs}, only minotor: ${peer.disagree.onlyTheirs}, ` +
    `erreichbar earlier: ${peer.disagree.oursEarlier}, minotor earlier: ${peer.disagree.theirsEarlier}); ` +
    `minotor/erreichbar per query: median wall ratio ${peer.ratio.toFixed(1)}×, ratio of median CPU ${peer.cpuRatio.toFixed(1)}×`,
);
console.log('ratio = median / target; at most 1.00 meets the target. cpu ms = CPU time of the process (or child) doing the work.');
console.log(`machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, ${process.platform} ${process.arch}, node ${process.version}`);
console.log(`load average (1, 5, 15 min): before ${loadBefore}; after ${loadAfter}`);

// Planning questions on the whole district (all five feeds, 224 Ortsteile, one date per day type).
async function benchPlanning(feeds) {
  const { places } = await lib.loadPlaces(path.join(root, 'data', 'ortsteile.csv'));
  const { destinations } = await lib.loadDestinations(path.join(root, 'data', 'destinations.csv'));
  const kvhs = destinations.find((d) => d.name === 'KVHS Haldensleben');
  const days = { kind: 'day-types', from: FROM };
  const samples = [];
  let candidates = 0;
  for (let i = 0; i < 3; i++) {
    samples.push(
      measure(() => {
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
  for (let i = 0; i < 3; i++) gapSamples.push(measure(() => (failing = lib.findGaps(feeds, places, [hermes], { days }).totals.failing)));
  record(`all five: gaps, ${hermes.name} (${hermes.schedule.length} shifts × day types × ${places.length} Ortsteile, ${failing} failing cases)`, gapSamples);
  const centres = await lib.loadCentralPlaces(path.join(root, 'data', 'zentrale-orte.csv'));
  const standards = await lib.loadServiceStandards(path.join(root, 'data', 'bedienungsstandards.csv'));
  const monitorSamples = [];
  for (let i = 0; i < 3; i++) monitorSamples.push(measure(() => lib.buildMonitor(feeds, places, { days, centres, standards, destinations })));
  record(`all five: monitor (${places.length} Ortsteile × day types, with the report's slot share)`, monitorSamples);
  record(`all five: best-times, KVHS Haldensleben (${candidates} starts × 2 day types × ${places.length} Ortsteile)`, samples);
}
