/**
 * A worker thread of {@link buildReportInWorkers}: receives a copy of the feed set, the places,
 * its share of the destinations (with their index in the report) and the report options;
 * assesses them date by date with its own engine, one date's timetable in memory at a time (as
 * {@link buildReport} does), posts a progress message after each destination on each date and
 * the results at the end.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { FeedSet } from '../feed/load-feeds.js';
import { useTimetableCache } from '../timetable/timetable-cache.js';
import { assessDestinations, reportEngine, type AssessedDestination, type BuildReportOptions, type ReportDestination, type ReportPlace } from './build-report.js';

/** What the main thread hands a worker. */
export interface ReportWorkerData {
  feeds: FeedSet;
  cacheDir: string | undefined;
  places: ReportPlace[];
  destinations: { index: number; destination: ReportDestination }[];
  options: BuildReportOptions;
  serviceDates: [string, string][];
}

/** What a worker posts: progress after a destination on a date, then the results of its share (in its order). */
export type ReportWorkerMessage = { progress: { name: string; date?: string } } | { assessed: AssessedDestination[] };

const data = workerData as ReportWorkerData;
if (data.cacheDir) useTimetableCache(data.feeds, data.cacheDir);
const engine = reportEngine(data.feeds, data.options, new Map(data.serviceDates), 1);
const post = (message: ReportWorkerMessage): void => parentPort!.postMessage(message);
const assessed = assessDestinations(
  engine,
  data.places,
  data.destinations.map(({ destination }) => destination),
  { ...data.options, onProgress: (_done, _total, name, date) => post({ progress: { name, date } }) },
);
post({ assessed });
