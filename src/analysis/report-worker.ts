/**
 * A worker thread of {@link buildReportInWorkers}: receives a copy of the feed set, the places,
 * the destinations (with their index in the report) and the report options; assesses its
 * destinations one by one with its own engine and posts each result back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { FeedSet } from '../feed/load-feeds.js';
import { useTimetableCache } from '../timetable/timetable-cache.js';
import { assessDestination, reportEngine, type BuildReportOptions, type ReportDestination, type ReportPlace } from './build-report.js';

/** What the main thread hands a worker. */
export interface ReportWorkerData {
  feeds: FeedSet;
  cacheDir: string | undefined;
  places: ReportPlace[];
  destinations: { index: number; destination: ReportDestination }[];
  options: BuildReportOptions;
  serviceDates: [string, string][];
}

const data = workerData as ReportWorkerData;
if (data.cacheDir) useTimetableCache(data.feeds, data.cacheDir);
const engine = reportEngine(data.feeds, data.options, new Map(data.serviceDates));
for (const { index, destination } of data.destinations) {
  parentPort!.postMessage({ index, assessed: assessDestination(engine, data.places, destination, data.options) });
}
