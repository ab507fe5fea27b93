#!/usr/bin/env node
// Is this checkout slower than an earlier one? Builds the given git revision in a temporary
// worktree (its own TypeScript build, this checkout's node_modules), then measures both side by
// side on the same input, alternating runs so that other load on the machine hits both alike:
//   - the full default district report in process (this checkout's data/ortsteile.csv and
//     data/destinations.csv for both, all five NASA feeds, one date per day type from 2026-06-29),
//   - one `check` over a week through the CLI, end to end (process start, warm cache).
// Prints medians of wall and CPU time and the ratio now / then. Not a test; run with
//   npm run bench:against -- <revision>      (e.g. 360e7c7, the state before issue 14)
// Needs ../shared/data/nasa beside the checkout. The worktree is removed afterwards; the earlier
// checkout imports the feeds once into its own cache, .cache/bench-against-<revision>.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const revision = process.argv[2];
const runs = Number(process.argv[3] ?? 3);
if (!revision) {
  console.error('usage: npm run bench:against -- <git revision> [runs]');
  process.exit(2);
}
const nasa = path.resolve(root, '../shared/data/nasa');
const ALL = ['boerdebus', 'mvb', 'kvg', 'njl', 'pvgs'].map((name) => path.join(nasa, `gtfs_${name}_std_kn.zip`));
const WEEK = '2026-06-29';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'erreichbar-against-'));
const then = path.join(scratch, 'then');
execFileSync('git', ['-C', root, 'worktree', 'add', '--detach', then, revision], { stdio: 'ignore' });
try {
  symlinkSync(path.join(root, 'node_modules'), path.join(then, 'node_modules'), 'dir');
  execFileSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(then, 'tsconfig.build.json')], { stdio: 'inherit' });
  const checkouts = [
    { name: `then (${revision})`, dir: then, cache: path.join(root, '.cache', `bench-against-${revision.replace(/[^A-Za-z0-9._-]/g, '_')}`) },
    { name: 'now', dir: root, cache: path.join(root, '.cache', 'bench') },
  ];
  // The report, in a child process per checkout and run (fresh heap, as a CLI user has it).
  const reportScript = (dir, cache) => `
const lib = await import(${JSON.stringify(path.join(dir, 'dist', 'index.js'))});
const { places } = await lib.loadPlaces(${JSON.stringify(path.join(root, 'data', 'ortsteile.csv'))});
const { destinations } = await lib.loadDestinations(${JSON.stringify(path.join(root, 'data', 'destinations.csv'))});
const feeds = await lib.loadFeeds(${JSON.stringify(ALL)}, { cacheDir: ${JSON.stringify(cache)} });
const cpu0 = process.cpuUsage(); const start = performance.now();
const report = lib.buildReport(feeds, places, destinations, { days: { kind: 'day-types', from: ${JSON.stringify(WEEK)} } });
const cpu = process.cpuUsage(cpu0);
const days = report.ortsteile.reduce((n, o) => n + o.results.reduce((m, r) => m + r.days.length, 0), 0);
console.log(JSON.stringify({ wall: performance.now() - start, cpu: (cpu.user + cpu.system) / 1000, days }));`;
  const childCpu = () => {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  };
  const node = (args) => {
    const cpu = childCpu();
    const start = performance.now();
    const result = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
    if (result.status !== 0) throw new Error(`${args.slice(0, 3).join(' ')} … failed (${result.status}): ${result.stderr}`);
    return { wall: performance.now() - start, cpu: childCpu() - cpu, stdout: result.stdout };
  };
  // Warm both caches (the earlier checkout imports the feeds into its own cache once).
  for (const c of checkouts) node(['--input-type=module', '-e', reportScript(c.dir, c.cache)]);
  const samples = new Map(checkouts.map((c) => [c.name, { report: [], check: [], days: 0 }]));
  for (let i = 0; i < runs; i++) {
    for (const c of checkouts) {
      const s = samples.get(c.name);
      const report = JSON.parse(node(['--input-type=module', '-e', reportScript(c.dir, c.cache)]).stdout);
      s.report.push(report);
      s.days = report.days;
      const cli = path.join(c.dir, 'bin', 'erreichbar');
      s.check.push(node([cli, 'check', '--gtfs', ...ALL, '--cache-dir', c.cache, '--from', 'Wolmirstedt', '--to', 'K+S', '--shift', '06:00-14:00', '--days', 'Mo-Sa', '--week', WEEK]));
    }
  }
  const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
  };
  const fmt = (ms) => `${Math.round(ms).toLocaleString('en')} ms`;
  const [a, b] = checkouts.map((c) => samples.get(c.name));
  const rows = [
    ['full default report, in process (wall)', median(a.report.map((x) => x.wall)), median(b.report.map((x) => x.wall))],
    ['full default report, in process (CPU)', median(a.report.map((x) => x.cpu)), median(b.report.map((x) => x.cpu))],
    ['full default report, CPU per 1,000 Ortsteil-days', (median(a.report.map((x) => x.cpu)) / a.days) * 1000, (median(b.report.map((x) => x.cpu)) / b.days) * 1000],
    ['check over a week, CLI end to end (wall)', median(a.check.map((x) => x.wall)), median(b.check.map((x) => x.wall))],
    ['check over a week, CLI end to end (CPU)', median(a.check.map((x) => x.cpu)), median(b.check.map((x) => x.cpu))],
  ];
  console.log(`| benchmark (median of ${runs}) | ${checkouts[0].name} | now | now / then |`);
  console.log('|---|---|---|---|');
  for (const [name, x, y] of rows) console.log(`| ${name} | ${fmt(x)} | ${fmt(y)} | ${(y / x).toFixed(2)} |`);
  console.log(`report days: then ${a.days}, now ${b.days} (this checkout's places and destinations for both; the code decides which days count)`);
  console.log(`load average (1, 5, 15 min) after: ${os.loadavg().map((x) => x.toFixed(2)).join(', ')}; ${os.cpus()[0]?.model ?? ''}, ${os.cpus().length} cores, node ${process.version}`);
} finally {
  execFileSync('git', ['-C', root, 'worktree', 'remove', '--force', then], { stdio: 'ignore' });
  if (existsSync(scratch)) rmSync(scratch, { recursive: true, force: true });
}
