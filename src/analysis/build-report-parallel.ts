/**
 * The district report on several threads: the destinations are dealt out to worker threads
 * (round robin), each with its own engine on a copy of the feed set going date by date with one
 * date's timetable in memory (as {@link buildReport}), and the results put together in
 * destination order — the same report as {@link buildReport}, byte for byte.
 *
 * Cost: each worker copies the feed set (a structured clone) and reads or builds the timetable
 * of every date (from the cache folder when it is there), so threads pay off only for large
 * inputs: {@link reportWorkerCount} says how many to use.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { FeedSet } from '../feed/load-feeds.js';
import { timetableCacheOf } from '../timetable/timetable-cache.js';
import {
  assembleReport,
  buildReport,
  reportEngine,
  reportServiceDates,
  type AssessedDestination,
  type BuildReportOptions,
  type Report,
  type ReportDestination,
  type ReportPlace,
} from './build-report.js';
import type { ReportWorkerData, ReportWorkerMessage } from './report-worker.js';
import { chooseDates } from './choose-days.js';
import { checkServiceDate } from '../feed/check-service-date.js';
import { parseIsoDate } from '../time/clock.js';

/** Ortsteil-slots (places × slots of all destinations) from which more than one thread is used. */
export const PARALLEL_FROM_PLACE_SLOTS = 20_000;

/**
 * How many worker threads a report of this size gets: 1 (none) for small inputs, else one per
 * core (at most 8 and at most one per destination).
 */
export function reportWorkerCount(places: number, destinations: readonly ReportDestination[]): number {
  const slots = destinations.reduce((sum, destination) => sum + destination.schedule.length, 0);
  if (places * slots < PARALLEL_FROM_PLACE_SLOTS) return 1;
  return Math.max(1, Math.min(8, os.availableParallelism(), destinations.length));
}

/**
 * Builds the report with `workers` worker threads (1: on this thread, as {@link buildReport}).
 *
 * @example
 * ```ts
 * const report = await buildReportInWorkers(feeds, places, destinations, { days: { kind: 'day-types', from: '2026-11-30' } }, 2);
 * ```
 */
export async function buildReportInWorkers(
  feeds: FeedSet,
  places: readonly ReportPlace[],
  destinations: readonly ReportDestination[],
  options: BuildReportOptions,
  workers: number,
): Promise<Report> {
  const count = Math.max(1, Math.min(Math.floor(workers), destinations.length));
  if (count <= 1) return buildReport(feeds, places, destinations, options);
  const serviceDates = reportServiceDates(feeds, destinations, options);
  // What a user can get wrong is refused here, on this thread, with the usual message: dates
  // outside the feeds' service (workers would only report an error without its kind).
  // Progress comes after each destination on each of its dates, as on one thread.
  let total = 0;
  for (const destination of destinations) {
    const dates = new Set<string>();
    for (const slot of destination.schedule) {
      for (const { date } of chooseDates(feeds, options.days, slot.days)) {
        checkServiceDate(feeds, parseIsoDate(serviceDates.get(date) ?? date)!, 'date', 0);
        dates.add(date);
      }
    }
    total += dates.size;
  }
  const { onProgress, ...cloneable } = options;
  const assessed: (AssessedDestination | undefined)[] = destinations.map(() => undefined);
  let done = 0;
  const shares = Array.from({ length: count }, (_, w) => destinations.flatMap((destination, index) => (index % count === w ? [{ index, destination }] : [])));
  const threads = shares.map((share) => {
    const data: ReportWorkerData = {
      feeds,
      cacheDir: timetableCacheOf(feeds),
      places: [...places],
      destinations: share,
      options: cloneable,
      serviceDates: [...serviceDates],
    };
    return new Worker(new URL('./report-worker.js', import.meta.url), { workerData: data });
  });
  try {
    await Promise.all(
      threads.map(
        (thread, w) =>
          new Promise<void>((resolve, reject) => {
            thread.on('message', (message: ReportWorkerMessage) => {
              if ('progress' in message) onProgress?.(++done, total, message.progress.name, message.progress.date);
              else message.assessed.forEach((result, i) => (assessed[shares[w]![i]!.index] = result));
            });
            thread.once('error', reject);
            thread.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`report worker stopped with exit code ${code}`))));
          }),
      ),
    );
  } finally {
    await Promise.all(threads.map((thread) => thread.terminate()));
  }
  return assembleReport(feeds, places, destinations, options, reportEngine(feeds, options, serviceDates), assessed.map((result) => result!));
}
