#!/usr/bin/env node
// Load test of `erreichbar serve` (not a test; part of `npm run bench`, also runnable alone with
// `node scripts/bench-serve.mjs` after a build). Starts the built server on a random loopback port
// with the BördeBus + MVB feeds, measures a warm one-week check over HTTP, then lets CLIENTS
// concurrent clients send mixed check, sheet and page requests for SECONDS seconds (at most
// MAX_REQUESTS in all) and prints p50/p95 latency, requests per second and errors. It stops by
// itself and kills only the server it started. Loopback only: nothing leaves 127.0.0.1.
//
// Environment: BENCH_SERVE_CLIENTS (default 20), BENCH_SERVE_SECONDS (default 30).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const CLIENTS = Math.max(1, Math.min(100, Number(process.env.BENCH_SERVE_CLIENTS ?? 20)));
const SECONDS = Math.max(1, Math.min(120, Number(process.env.BENCH_SERVE_SECONDS ?? 30)));
const MAX_REQUESTS = 200_000;

/** The mixed requests: checks of several cases and weeks, a sheet, the page with an answer. */
const MIX = [
  'api/check?from=Wolmirstedt&to=K%2BS&shift=06:00-14:00&days=Mo-Sa&week=2026-12-07',
  'api/check?from=Hundisburg&to=Hermes%20Fulfilment%20Haldensleben&shift=06:00-14:00&days=Mo-Sa&week=2026-12-07',
  'api/check?from=Barleben&to=Salutas&week=2026-12-07',
  'api/check?from=Haldensleben&to=KVHS%20Haldensleben&week=2026-12-14',
  'api/check?from=Wanzleben&to=Nordzucker&shift=14:00-22:00&days=Mo-Fr&week=2026-12-07',
  'api/check?from=Hundisburg&to=Hermes%20Fulfilment%20Haldensleben&shift=06:00-14:00&days=Mo-Sa&week=2026-12-07&access=bike',
  'api/check?from=52.2484,11.6289&to=K%2BS&shift=22:00-06:00&days=So-Do&week=2026-12-07',
  'api/check?from=Oschersleben&to=Gewerbegebiet%20Oschersleben&week=2026-12-14',
  'sheet?from=Wolmirstedt&to=K%2BS&shift=06:00-14:00&days=Mo-Sa&week=2026-12-07&lang=ar',
  '?from=Hundisburg&to=Hermes%20Fulfilment%20Haldensleben&shift=06:00-14:00&days=Mo-Sa&week=2026-12-07',
];
const WARM = 'api/check?from=Wolmirstedt&to=K%2BS&shift=06:00-14:00&days=Mo-Sa&week=2026-12-07';

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * CPU seconds (user + system) the process has used so far, from /proc (Linux; undefined
 * elsewhere). Unlike latency, this hardly changes when other programs share the cores.
 */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return undefined;
  }
}

/** Starts `erreichbar serve --port 0` and resolves with its URL and a stop function. */
function startServer(root, feeds, cacheDir) {
  const child = spawn(process.execPath, [path.join(root, 'bin', 'erreichbar'), 'serve', '--gtfs', ...feeds, '--cache-dir', cacheDir, '--port', '0', '--quiet'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('serve did not start within 10 min'));
    }, 600_000);
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(stdout)?.[0];
      if (url) {
        clearTimeout(timer);
        resolve({ url, stop, pid: child.pid });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}: ${stderr.trim()}`));
    });
  });
}

async function get(url) {
  const started = performance.now();
  const response = await fetch(url);
  await response.arrayBuffer();
  return { ms: performance.now() - started, ok: response.status === 200, status: response.status };
}

/**
 * Runs the load test. `record(name, samples, targetMs)` adds a row to the caller's table;
 * `log` prints a line.
 */
export async function benchServe({ root, feeds, cacheDir, record = () => {}, log = console.log }) {
  const server = await startServer(root, feeds, cacheDir);
  try {
    // Warm-up: every request once (builds the timetables of the weeks asked for).
    for (const path of MIX) {
      const { ok, status } = await get(`${server.url}${path}`);
      if (!ok) throw new Error(`warm-up ${path}: HTTP ${status}`);
    }
    const warm = [];
    const cpuBefore = cpuSeconds(server.pid);
    for (let i = 0; i < 40; i++) warm.push((await get(`${server.url}${WARM}`)).ms);
    const cpuAfter = cpuSeconds(server.pid);
    record('serve: warm check over a week, HTTP on loopback (Wolmirstedt → K+S, Mo-Sa)', warm, 100);
    if (cpuBefore !== undefined && cpuAfter !== undefined) {
      const cpuMs = ((cpuAfter - cpuBefore) * 1000) / warm.length;
      log(`serve: server CPU per warm week check ${cpuMs.toFixed(1)} ms (user + system, /proc; independent of other load)`);
      record('serve: server CPU time per warm week check', [cpuMs], 100);
    }

    const latencies = [];
    let errors = 0;
    let sent = 0;
    const firstErrors = [];
    const deadline = performance.now() + SECONDS * 1000;
    const started = performance.now();
    const loadCpuBefore = cpuSeconds(server.pid);
    const client = async (index) => {
      let i = index;
      while (performance.now() < deadline && sent < MAX_REQUESTS) {
        sent++;
        const path = MIX[i++ % MIX.length];
        try {
          const { ms, ok, status } = await get(`${server.url}${path}`);
          latencies.push(ms);
          if (!ok) {
            errors++;
            if (firstErrors.length < 3) firstErrors.push(`${path}: HTTP ${status}`);
          }
        } catch (error) {
          errors++;
          if (firstErrors.length < 3) firstErrors.push(`${path}: ${error.message}`);
        }
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, (_, index) => client(index)));
    const elapsedS = (performance.now() - started) / 1000;
    const loadCpuAfter = cpuSeconds(server.pid);
    const cpuPerRequestMs = loadCpuBefore !== undefined && loadCpuAfter !== undefined && latencies.length > 0 ? ((loadCpuAfter - loadCpuBefore) * 1000) / latencies.length : undefined;
    latencies.sort((a, b) => a - b);
    const p50 = percentile(latencies, 50);
    const p95 = percentile(latencies, 95);
    log(
      `serve load: ${CLIENTS} clients × ${SECONDS} s of mixed requests (${MIX.length} kinds): ${latencies.length} requests, ` +
        `${(latencies.length / elapsedS).toFixed(1)} requests/s, p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, ` +
        `max ${latencies[latencies.length - 1]?.toFixed(1)} ms, errors ${errors}${firstErrors.length ? ` (${firstErrors.join('; ')})` : ''}` +
        (cpuPerRequestMs === undefined ? '' : `; server CPU ${cpuPerRequestMs.toFixed(1)} ms per request (≈ ${(1000 / cpuPerRequestMs).toFixed(0)} requests/s on one free core)`),
    );
    record(`serve: ${CLIENTS} concurrent clients, mixed requests, p50 latency (p95 ${p95.toFixed(0)} ms, ${(latencies.length / elapsedS).toFixed(0)} req/s, ${errors} errors)`, [p50]);
    return { cpuPerRequestMs, p50, p95, requestsPerSecond: latencies.length / elapsedS, errors, requests: latencies.length, warmMedianMs: [...warm].sort((a, b) => a - b)[warm.length >> 1] };
  } finally {
    await server.stop();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const nasa = path.resolve(root, '../shared/data/nasa');
  const result = await benchServe({
    root,
    feeds: ['boerdebus', 'mvb'].map((name) => path.join(nasa, `gtfs_${name}_std_kn.zip`)),
    cacheDir: path.join(root, '.cache', 'bench'),
    record: (name, samples, target) => {
      const sorted = [...samples].sort((a, b) => a - b);
      console.log(`${name}: median ${sorted[sorted.length >> 1].toFixed(1)} ms${target ? ` (target ${target} ms)` : ''}`);
    },
  });
  if (result.errors > 0) process.exitCode = 1;
}
