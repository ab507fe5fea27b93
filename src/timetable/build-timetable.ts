/**
 * Builds the immutable routing model of one service date from merged feeds: integer stop and
 * pattern indices, trip times in `Int32Array`s with CSR offsets, and footpaths. Built once per
 * date, then only read by the router.
 *
 * Time: every time is clock seconds relative to the reference of the chosen date (see
 * `time/clock.ts`). Trips of the previous and the next service date are included, shifted by the
 * real distance between the reference times (23 h or 25 h across a DST change), so that a
 * search can use a trip of yesterday still running after midnight and can arrive tomorrow morning.
 *
 * Limits: frequency-based trips (frequencies.txt) are expanded into concrete trips departing at
 * start_time, start_time + headway, … for exact_times 0 and 1 alike (for exact_times 0 the real
 * departures are only known to within a headway). Trip-to-trip and route-to-route rows of
 * transfers.txt are not modelled; stop-to-stop rows are: a row sets the minimum for its stop pair
 * (see {@link buildFootpaths}).
 */
import type { FeedSet } from '../feed/load-feeds.js';
import { isServiceActive } from '../feed/load-feeds.js';
import { distanceMeters, walkSecondsForDistance, DEFAULT_WALK_MODEL, type WalkModel } from '../geo/walk-model.js';
import { addDays, formatIsoDate, requireGtfsDate } from '../time/clock.js';
import { neighbourOffsets } from '../time/service-day-offset.js';
import type { FeedStop } from '../feed/types.js';

/** Options for {@link buildTimetable}. */
export interface TimetableOptions {
  /**
   * Generate walks between different stops up to this straight-line distance in metres
   * (0 = none). Defaults to the walk model's radius.
   */
  walkRadiusMeters?: number;
  /** Walking speed and detour factor for generated footpaths. */
  walkModel?: WalkModel;
  /** Use the stop-to-stop rows and per-stop change times of transfers.txt (default true). */
  useTransfersFile?: boolean;
}

/**
 * The routing model of one date. All arrays are read-only after construction.
 *
 * Patterns: trips with the same stop sequence and the same boarding/alighting rules, in
 * departure order, none overtaking another (so "the first trip departing after t" at one stop
 * is the first at every later stop — the property RAPTOR's scan relies on).
 */
export interface Timetable {
  /** The service date, `YYYY-MM-DD`. */
  readonly date: string;
  /** The service date as GTFS integer. */
  readonly gtfsDate: number;
  readonly timeZone: string;
  /** The merged feeds this was built from. */
  readonly feeds: FeedSet;
  readonly stops: readonly FeedStop[];
  readonly stopCount: number;
  readonly patternCount: number;
  /** Pattern p visits stops patternStops[patternStopStart[p] … patternStopStart[p+1]-1]. */
  readonly patternStopStart: Int32Array;
  readonly patternStops: Int32Array;
  /** 1 where boarding is allowed at that pattern position. */
  readonly patternCanBoard: Uint8Array;
  /** 1 where alighting is allowed at that pattern position. */
  readonly patternCanAlight: Uint8Array;
  /** Trips of pattern p are trip instances patternTripStart[p] … patternTripStart[p+1]-1, in departure order. */
  readonly patternTripStart: Int32Array;
  /** Index of pattern p's first time in {@link arrivals}/{@link departures}; trip i, position j at base + i·length + j. */
  readonly patternTimeStart: Int32Array;
  /** Arrival clock seconds per trip instance and position. */
  readonly arrivals: Int32Array;
  /** Departure clock seconds per trip instance and position. */
  readonly departures: Int32Array;
  /** Feed trip index (into `feeds.trips`) of each trip instance. */
  readonly instanceTrip: Int32Array;
  /** Service day of each trip instance relative to the date: -1, 0 or 1. */
  readonly instanceDay: Int8Array;
  /** Pattern of each trip instance. */
  readonly instancePattern: Int32Array;
  /** Patterns serving stop s: stopPatterns[stopPatternStart[s] … stopPatternStart[s+1]-1], with the position in stopPatternPos. */
  readonly stopPatternStart: Int32Array;
  readonly stopPatterns: Int32Array;
  readonly stopPatternPos: Int32Array;
  /** Footpaths from stop s: footTo/footSeconds[footStart[s] … footStart[s+1]-1]. */
  readonly footStart: Int32Array;
  readonly footTo: Int32Array;
  readonly footSeconds: Int32Array;
  /** Minimum change time at each stop from transfers.txt (same-stop rows), 0 if none. */
  readonly stopMinChangeSeconds: Int32Array;
  /** Stops where transfers.txt forbids changing (same-stop type 3). */
  readonly stopNoChange: Uint8Array;
  /** Number of trip instances running (all three service days). */
  readonly instanceCount: number;
  /** Trips of the date itself that run (frequency-expanded trips count once each). */
  readonly activeTripCount: number;
  /** Lookup of a stop index by stop_id. */
  indexForStopId(stopId: string): number | undefined;
  /** stop_id of a stop index. */
  stopIdForIndex(stop: number): string;
}

interface Instance {
  trip: number;
  day: -1 | 0 | 1;
  /** Seconds added to the trip's stop times: day offset plus frequency shift. */
  shift: number;
}

/**
 * Builds the timetable of one service date (`YYYY-MM-DD` or GTFS integer).
 *
 * @example
 * ```ts
 * const timetable = buildTimetable(feeds, '2026-12-08', { walkRadiusMeters: 400 });
 * timetable.activeTripCount; // trips running that day
 * ```
 */
export function buildTimetable(feeds: FeedSet, gtfsDate: number, options: TimetableOptions = {}): Timetable {
  requireGtfsDate(gtfsDate, 'gtfsDate');
  const walkModel = options.walkModel ?? DEFAULT_WALK_MODEL;
  const walkRadiusMeters = options.walkRadiusMeters ?? walkModel.radiusMeters;
  const useTransfersFile = options.useTransfersFile ?? true;
  const offsets = neighbourOffsets(gtfsDate, feeds.timeZone);
  const { trips, stopTimes } = feeds;

  const frequencyRows = new Map<number, typeof feeds.frequencies>();
  for (const row of feeds.frequencies) {
    const list = frequencyRows.get(row.trip) ?? [];
    list.push(row);
    frequencyRows.set(row.trip, list);
  }

  const instances: Instance[] = [];
  let activeTripCount = 0;
  const days: [(-1 | 0 | 1), number, number][] = [
    [-1, addDays(gtfsDate, -1), offsets.previous],
    [0, gtfsDate, 0],
    [1, addDays(gtfsDate, 1), offsets.next],
  ];
  for (const [day, date, dayOffset] of days) {
    const active = feeds.services.map((service) => isServiceActive(service, date));
    for (let t = 0; t < trips.count; t++) {
      if (!active[trips.service[t]!]) continue;
      const first = trips.stopTimeStart[t]!;
      const end = trips.stopTimeStart[t + 1]!;
      if (day === 0) activeTripCount++;
      if (end - first < 2) continue;
      const rows = frequencyRows.get(t);
      if (!rows) {
        instances.push({ trip: t, day, shift: dayOffset });
        continue;
      }
      const templateStart = stopTimes.departure[first]!;
      for (const row of rows) {
        for (let start = row.startSeconds; start < row.endSeconds; start += row.headwaySeconds) {
          instances.push({ trip: t, day, shift: dayOffset + start - templateStart });
        }
      }
    }
  }

  // Group instances by stop sequence and boarding rules.
  const groups = new Map<string, Instance[]>();
  for (const instance of instances) {
    const first = trips.stopTimeStart[instance.trip]!;
    const end = trips.stopTimeStart[instance.trip + 1]!;
    let key = '';
    for (let i = first; i < end; i++) key += `${stopTimes.stop[i]}:${stopTimes.noPickup[i]}${stopTimes.noDropOff[i]},`;
    const group = groups.get(key);
    if (group) group.push(instance);
    else groups.set(key, [instance]);
  }

  const patternStopStart: number[] = [0];
  const patternStops: number[] = [];
  const patternCanBoard: number[] = [];
  const patternCanAlight: number[] = [];
  const patternTripStart: number[] = [0];
  const patternTimeStart: number[] = [0];
  const arrivals: number[] = [];
  const departures: number[] = [];
  const instanceTrip: number[] = [];
  const instanceDay: number[] = [];
  const instancePattern: number[] = [];

  const departureAt = (instance: Instance, position: number): number =>
    stopTimes.departure[trips.stopTimeStart[instance.trip]! + position]! + instance.shift;
  const arrivalAt = (instance: Instance, position: number): number =>
    stopTimes.arrival[trips.stopTimeStart[instance.trip]! + position]! + instance.shift;

  for (const group of groups.values()) {
    const template = group[0]!;
    const first = trips.stopTimeStart[template.trip]!;
    const length = trips.stopTimeStart[template.trip + 1]! - first;
    group.sort((a, b) => departureAt(a, 0) - departureAt(b, 0) || arrivalAt(a, length - 1) - arrivalAt(b, length - 1) || a.trip - b.trip);
    // Trips of one pattern must not overtake each other, so a trip that would overtake its
    // predecessor everywhere we tried goes into a pattern of its own (first fit).
    const lanes: Instance[][] = [];
    for (const instance of group) {
      const lane = lanes.find((candidate) => !overtakes(candidate[candidate.length - 1]!, instance, length, arrivalAt, departureAt));
      if (lane) lane.push(instance);
      else lanes.push([instance]);
    }
    for (const lane of lanes) {
      const pattern = patternTripStart.length - 1;
      for (let i = 0; i < length; i++) {
        patternStops.push(stopTimes.stop[first + i]!);
        // GTFS: no boarding at the last stop and no alighting at the first make no journey
        // sense, but they are harmless; only the feed's flags decide.
        patternCanBoard.push(stopTimes.noPickup[first + i] ? 0 : 1);
        patternCanAlight.push(stopTimes.noDropOff[first + i] ? 0 : 1);
      }
      for (const instance of lane) {
        instanceTrip.push(instance.trip);
        instanceDay.push(instance.day);
        instancePattern.push(pattern);
        for (let i = 0; i < length; i++) {
          arrivals.push(arrivalAt(instance, i));
          departures.push(departureAt(instance, i));
        }
      }
      patternStopStart.push(patternStops.length);
      patternTripStart.push(instanceTrip.length);
      patternTimeStart.push(arrivals.length);
    }
  }

  const stopCount = feeds.stops.length;
  const patternCount = patternTripStart.length - 1;
  const { start: stopPatternStart, items: stopPatternItems } = groupBy(
    stopCount,
    patternStops.length,
    (i) => patternStops[i]!,
  );
  const stopPatterns = new Int32Array(stopPatternItems.length);
  const stopPatternPos = new Int32Array(stopPatternItems.length);
  {
    // Map each flat pattern-stop position back to (pattern, position).
    const patternOfFlat = new Int32Array(patternStops.length);
    for (let p = 0; p < patternCount; p++) {
      for (let i = patternStopStart[p]!; i < patternStopStart[p + 1]!; i++) patternOfFlat[i] = p;
    }
    stopPatternItems.forEach((flat, i) => {
      const pattern = patternOfFlat[flat]!;
      stopPatterns[i] = pattern;
      stopPatternPos[i] = flat - patternStopStart[pattern]!;
    });
  }

  const { footStart, footTo, footSeconds, stopMinChangeSeconds, stopNoChange } = buildFootpaths(
    feeds,
    walkRadiusMeters,
    walkModel,
    useTransfersFile,
  );

  const stopIndexById = feeds.stopIndexById;
  return Object.freeze({
    date: formatIsoDate(gtfsDate),
    gtfsDate,
    timeZone: feeds.timeZone,
    feeds,
    stops: feeds.stops,
    stopCount,
    patternCount,
    patternStopStart: Int32Array.from(patternStopStart),
    patternStops: Int32Array.from(patternStops),
    patternCanBoard: Uint8Array.from(patternCanBoard),
    patternCanAlight: Uint8Array.from(patternCanAlight),
    patternTripStart: Int32Array.from(patternTripStart),
    patternTimeStart: Int32Array.from(patternTimeStart),
    arrivals: Int32Array.from(arrivals),
    departures: Int32Array.from(departures),
    instanceTrip: Int32Array.from(instanceTrip),
    instanceDay: Int8Array.from(instanceDay),
    instancePattern: Int32Array.from(instancePattern),
    stopPatternStart,
    stopPatterns,
    stopPatternPos,
    footStart,
    footTo,
    footSeconds,
    stopMinChangeSeconds,
    stopNoChange,
    instanceCount: instanceTrip.length,
    activeTripCount,
    indexForStopId: (stopId: string) => stopIndexById.get(stopId),
    stopIdForIndex: (stop: number) => feeds.stops[stop]?.stopId ?? '',
  });
}

function overtakes(
  before: Instance,
  after: Instance,
  length: number,
  arrivalAt: (instance: Instance, position: number) => number,
  departureAt: (instance: Instance, position: number) => number,
): boolean {
  for (let i = 0; i < length; i++) {
    if (arrivalAt(after, i) < arrivalAt(before, i) || departureAt(after, i) < departureAt(before, i)) return true;
  }
  return false;
}

/** Counting sort of `count` items into `buckets` by key: CSR offsets plus item indices. */
function groupBy(buckets: number, count: number, keyOf: (item: number) => number): { start: Int32Array; items: Int32Array } {
  const start = new Int32Array(buckets + 1);
  for (let i = 0; i < count; i++) start[keyOf(i) + 1]!++;
  for (let b = 0; b < buckets; b++) start[b + 1]! += start[b]!;
  const fill = start.slice(0, buckets);
  const items = new Int32Array(count);
  for (let i = 0; i < count; i++) items[fill[keyOf(i)]!++] = i;
  return { start, items };
}

/**
 * Footpaths between different stops: transfers.txt stop pairs (min_transfer_time, 0 when empty;
 * type 3 forbids the pair) and generated walks within the radius. A feed row sets the minimum for
 * its pair: the pair takes the larger of the row (of several rows, the largest) and the generated
 * walk, so a walk generated between platforms at the same coordinates (0 s) never undercuts the
 * feed's 240 s. The router adds the transfer slack on top where a walk is a change of vehicle.
 */
function buildFootpaths(
  feeds: FeedSet,
  walkRadiusMeters: number,
  walkModel: WalkModel,
  useTransfersFile: boolean,
): {
  footStart: Int32Array;
  footTo: Int32Array;
  footSeconds: Int32Array;
  stopMinChangeSeconds: Int32Array;
  stopNoChange: Uint8Array;
} {
  const stopCount = feeds.stops.length;
  const walks = new Map<number, number>(); // key from * stopCount + to → seconds
  const feedPairs = new Map<number, number>(); // the same, from transfers.txt
  const forbidden = new Set<number>();
  const stopMinChangeSeconds = new Int32Array(stopCount);
  const stopNoChange = new Uint8Array(stopCount);
  if (useTransfersFile) {
    for (const row of feeds.transfers) {
      if (row.fromTrip !== -1 || row.toTrip !== -1) continue;
      if (row.fromStop === row.toStop) {
        if (row.type === 3) stopNoChange[row.fromStop] = 1;
        else if (row.type === 2 && row.minTransferSeconds !== undefined) {
          stopMinChangeSeconds[row.fromStop] = Math.max(stopMinChangeSeconds[row.fromStop]!, row.minTransferSeconds);
        }
        continue;
      }
      const key = row.fromStop * stopCount + row.toStop;
      if (row.type === 3) {
        forbidden.add(key);
        continue;
      }
      const seconds = row.minTransferSeconds ?? 0;
      feedPairs.set(key, Math.max(feedPairs.get(key) ?? 0, seconds));
    }
  }
  if (walkRadiusMeters > 0) {
    const model = { ...walkModel, radiusMeters: walkRadiusMeters };
    // Sweep over stops sorted by latitude: only pairs within the radius in latitude are compared.
    const order = feeds.stops.map((_, i) => i).sort((a, b) => feeds.stops[a]!.lat - feeds.stops[b]!.lat);
    const latitudeSpan = walkRadiusMeters / 111_000 + 1e-6;
    for (let x = 0; x < order.length; x++) {
      const a = order[x]!;
      const stopA = feeds.stops[a]!;
      for (let y = x + 1; y < order.length; y++) {
        const b = order[y]!;
        const stopB = feeds.stops[b]!;
        if (stopB.lat - stopA.lat > latitudeSpan) break;
        const seconds = walkSecondsForDistance(distanceMeters(stopA, stopB), model);
        if (seconds === undefined) continue;
        for (const key of [a * stopCount + b, b * stopCount + a]) {
          walks.set(key, Math.min(walks.get(key) ?? Infinity, seconds));
        }
      }
    }
  }
  for (const [key, seconds] of feedPairs) walks.set(key, Math.max(walks.get(key) ?? 0, seconds));
  for (const key of forbidden) walks.delete(key);
  const entries = [...walks.entries()].sort((x, y) => x[0] - y[0]);
  const footStart = new Int32Array(stopCount + 1);
  const footTo = new Int32Array(entries.length);
  const footSeconds = new Int32Array(entries.length);
  entries.forEach(([key, seconds], i) => {
    const from = Math.floor(key / stopCount);
    footStart[from + 1]!++;
    footTo[i] = key % stopCount;
    footSeconds[i] = seconds;
  });
  for (let s = 0; s < stopCount; s++) footStart[s + 1]! += footStart[s]!;
  return { footStart, footTo, footSeconds, stopMinChangeSeconds, stopNoChange };
}
