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
 * (see `build-footpaths.ts`).
 *
 * Cost: the footpaths and the grouping of trips by stop sequence do not depend on the date; they
 * are computed for the first date of a feed set and reused (cached with the feed set object).
 */
import type { FeedSet } from '../feed/load-feeds.js';
import { isServiceActive } from '../feed/load-feeds.js';
import { DEFAULT_WALK_MODEL, type WalkModel } from '../geo/walk-model.js';
import { buildFootpaths } from './build-footpaths.js';
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

/**
 * The date-independent part of grouping trips into patterns: trips with the same stop sequence
 * and the same boarding/alighting rules share a shape id. Computed once per feed set (cached).
 */
interface TripShapes {
  /** Shape of each trip, -1 for a trip with fewer than two stop times (never routed). */
  shapeOfTrip: Int32Array;
  shapeCount: number;
  /** frequencies.txt rows of each trip: frequencyRows[frequencyStart[t] … frequencyStart[t+1]-1]. */
  frequencyStart: Int32Array;
  frequencyRows: FeedSet['frequencies'];
}

const shapeCache = new WeakMap<FeedSet, TripShapes>();

function tripShapes(feeds: FeedSet): TripShapes {
  const cached = shapeCache.get(feeds);
  if (cached) return cached;
  const { trips, stopTimes } = feeds;
  const shapeOfTrip = new Int32Array(trips.count).fill(-1);
  const representative: number[] = [];
  const byHash = new Map<number, number[]>();
  const sameSequence = (a: number, b: number): boolean => {
    const startA = trips.stopTimeStart[a]!;
    const startB = trips.stopTimeStart[b]!;
    const length = trips.stopTimeStart[a + 1]! - startA;
    if (trips.stopTimeStart[b + 1]! - startB !== length) return false;
    for (let i = 0; i < length; i++) {
      if (
        stopTimes.stop[startA + i] !== stopTimes.stop[startB + i] ||
        stopTimes.noPickup[startA + i] !== stopTimes.noPickup[startB + i] ||
        stopTimes.noDropOff[startA + i] !== stopTimes.noDropOff[startB + i]
      ) {
        return false;
      }
    }
    return true;
  };
  for (let t = 0; t < trips.count; t++) {
    const first = trips.stopTimeStart[t]!;
    const end = trips.stopTimeStart[t + 1]!;
    if (end - first < 2) continue;
    // FNV-1a over the sequence; equal hashes are confirmed by comparing the sequences.
    let hash = 0x811c9dc5;
    for (let i = first; i < end; i++) {
      hash = Math.imul(hash ^ (stopTimes.stop[i]! * 4 + stopTimes.noPickup[i]! * 2 + stopTimes.noDropOff[i]!), 0x01000193);
    }
    hash = Math.imul(hash ^ (end - first), 0x01000193);
    const candidates = byHash.get(hash);
    let shape = -1;
    if (candidates) {
      for (const candidate of candidates) {
        if (sameSequence(representative[candidate]!, t)) {
          shape = candidate;
          break;
        }
      }
    }
    if (shape === -1) {
      shape = representative.length;
      representative.push(t);
      if (candidates) candidates.push(shape);
      else byHash.set(hash, [shape]);
    }
    shapeOfTrip[t] = shape;
  }
  const frequencyStart = new Int32Array(trips.count + 1);
  for (const row of feeds.frequencies) frequencyStart[row.trip + 1]!++;
  for (let t = 0; t < trips.count; t++) frequencyStart[t + 1]! += frequencyStart[t]!;
  const fill = frequencyStart.slice(0, trips.count);
  const frequencyRows: FeedSet['frequencies'] = new Array(feeds.frequencies.length);
  for (const row of feeds.frequencies) frequencyRows[fill[row.trip]!++] = row;
  const shapes = { shapeOfTrip, shapeCount: representative.length, frequencyStart, frequencyRows };
  shapeCache.set(feeds, shapes);
  return shapes;
}

/** A growable Int32 list (amortised doubling). */
class IntList {
  data: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Int32Array(Math.max(16, capacity));
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

/**
 * Builds the timetable of one service date (`YYYY-MM-DD` or GTFS integer). What does not depend
 * on the date (footpaths, the grouping of trips by stop sequence) is computed on the first call
 * for a feed set and reused by every further date.
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
  const { shapeOfTrip, shapeCount, frequencyStart, frequencyRows } = tripShapes(feeds);

  // Trip instances of the three service days, in day then trip order.
  const instTrip = new IntList(trips.count);
  const instDay = new IntList(trips.count);
  /** Seconds added to the trip's stop times: day offset plus frequency shift. */
  const instShift = new IntList(trips.count);
  let activeTripCount = 0;
  const days: [(-1 | 0 | 1), number, number][] = [
    [-1, addDays(gtfsDate, -1), offsets.previous],
    [0, gtfsDate, 0],
    [1, addDays(gtfsDate, 1), offsets.next],
  ];
  const active = new Uint8Array(feeds.services.length);
  for (const [day, date, dayOffset] of days) {
    feeds.services.forEach((service, i) => (active[i] = isServiceActive(service, date) ? 1 : 0));
    for (let t = 0; t < trips.count; t++) {
      if (active[trips.service[t]!] === 0) continue;
      if (day === 0) activeTripCount++;
      if (shapeOfTrip[t]! < 0) continue;
      if (frequencyStart[t] === frequencyStart[t + 1]) {
        instTrip.push(t);
        instDay.push(day);
        instShift.push(dayOffset);
        continue;
      }
      const templateStart = stopTimes.departure[trips.stopTimeStart[t]!]!;
      for (let f = frequencyStart[t]!; f < frequencyStart[t + 1]!; f++) {
        const row = frequencyRows[f]!;
        for (let start = row.startSeconds; start < row.endSeconds; start += row.headwaySeconds) {
          instTrip.push(t);
          instDay.push(day);
          instShift.push(dayOffset + start - templateStart);
        }
      }
    }
  }
  const instanceTotal = instTrip.length;

  // Group instances by shape (counting sort), groups in the order of their first instance.
  const groupOfShape = new Int32Array(shapeCount).fill(-1);
  let groupCount = 0;
  const groupSize: number[] = [];
  for (let i = 0; i < instanceTotal; i++) {
    const shape = shapeOfTrip[instTrip.data[i]!]!;
    if (groupOfShape[shape] === -1) {
      groupOfShape[shape] = groupCount++;
      groupSize.push(0);
    }
    groupSize[groupOfShape[shape]!]!++;
  }
  const groupStart = new Int32Array(groupCount + 1);
  for (let g = 0; g < groupCount; g++) groupStart[g + 1] = groupStart[g]! + groupSize[g]!;
  const grouped = new Int32Array(instanceTotal);
  {
    const fill = groupStart.slice(0, groupCount);
    for (let i = 0; i < instanceTotal; i++) grouped[fill[groupOfShape[shapeOfTrip[instTrip.data[i]!]!]!]!++] = i;
  }

  // Per instance: first stop time row, shift, first departure and last arrival (sort keys).
  const instStart = new Int32Array(instanceTotal);
  const instFirstDeparture = new Int32Array(instanceTotal);
  const instLastArrival = new Int32Array(instanceTotal);
  let timeCells = 0;
  for (let i = 0; i < instanceTotal; i++) {
    const trip = instTrip.data[i]!;
    const start = trips.stopTimeStart[trip]!;
    const end = trips.stopTimeStart[trip + 1]!;
    instStart[i] = start;
    instFirstDeparture[i] = stopTimes.departure[start]! + instShift.data[i]!;
    instLastArrival[i] = stopTimes.arrival[end - 1]! + instShift.data[i]!;
    timeCells += end - start;
  }
  const arrivals = new Int32Array(timeCells);
  const departures = new Int32Array(timeCells);
  const instanceTrip = new Int32Array(instanceTotal);
  const instanceDay = new Int8Array(instanceTotal);
  const instancePattern = new Int32Array(instanceTotal);
  const patternStopStart = new IntList();
  const patternStops = new IntList();
  const patternCanBoard = new IntList();
  const patternCanAlight = new IntList();
  const patternTripStart = new IntList();
  const patternTimeStart = new IntList();
  patternStopStart.push(0);
  patternTripStart.push(0);
  patternTimeStart.push(0);
  let instanceCount = 0;
  let cell = 0;
  const order = (a: number, b: number): number =>
    instFirstDeparture[a]! - instFirstDeparture[b]! || instLastArrival[a]! - instLastArrival[b]! || instTrip.data[a]! - instTrip.data[b]!;
  const overtakesLast = (lane: number[], instance: number, length: number): boolean =>
    overtakes(stopTimes.arrival, stopTimes.departure, instStart[lane[lane.length - 1]!]!, instShift.data[lane[lane.length - 1]!]!, instStart[instance]!, instShift.data[instance]!, length);

  for (let g = 0; g < groupCount; g++) {
    const group = Array.from(grouped.subarray(groupStart[g]!, groupStart[g + 1]!));
    const template = group[0]!;
    const first = instStart[template]!;
    const length = trips.stopTimeStart[instTrip.data[template]! + 1]! - first;
    // Stable: equal keys keep the instance order (day, then trip, then frequency start).
    group.sort(order);
    // Trips of one pattern must not overtake each other, so a trip that would overtake the last
    // trip of every lane so far goes into a lane of its own (first fit).
    const lanes: number[][] = [];
    for (const instance of group) {
      const lane = lanes.find((candidate) => !overtakesLast(candidate, instance, length));
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
        instanceTrip[instanceCount] = instTrip.data[instance]!;
        instanceDay[instanceCount] = instDay.data[instance]!;
        instancePattern[instanceCount] = pattern;
        instanceCount++;
        copyShifted(stopTimes.arrival, stopTimes.departure, instStart[instance]!, length, instShift.data[instance]!, arrivals, departures, cell);
        cell += length;
      }
      patternStopStart.push(patternStops.length);
      patternTripStart.push(instanceCount);
      patternTimeStart.push(cell);
    }
  }

  const stopCount = feeds.stops.length;
  const patternCount = patternTripStart.length - 1;
  const patternStopStartArray = patternStopStart.toArray();
  const patternStopsArray = patternStops.toArray();
  const { start: stopPatternStart, items: stopPatternItems } = groupBy(
    stopCount,
    patternStopsArray.length,
    (i) => patternStopsArray[i]!,
  );
  const stopPatterns = new Int32Array(stopPatternItems.length);
  const stopPatternPos = new Int32Array(stopPatternItems.length);
  {
    // Map each flat pattern-stop position back to (pattern, position).
    const patternOfFlat = new Int32Array(patternStopsArray.length);
    for (let p = 0; p < patternCount; p++) {
      for (let i = patternStopStartArray[p]!; i < patternStopStartArray[p + 1]!; i++) patternOfFlat[i] = p;
    }
    for (let i = 0; i < stopPatternItems.length; i++) {
      const flat = stopPatternItems[i]!;
      const pattern = patternOfFlat[flat]!;
      stopPatterns[i] = pattern;
      stopPatternPos[i] = flat - patternStopStartArray[pattern]!;
    }
  }

  const { footStart, footTo, footSeconds, stopMinChangeSeconds, stopNoChange } = buildFootpaths(feeds, {
    walkRadiusMeters,
    walkModel,
    useTransfersFile,
  });

  return timetableFromParts(feeds, {
    gtfsDate,
    patternCount,
    instanceCount,
    activeTripCount,
    patternStopStart: patternStopStartArray,
    patternStops: patternStopsArray,
    patternCanBoard: Uint8Array.from(patternCanBoard.data.subarray(0, patternCanBoard.length)),
    patternCanAlight: Uint8Array.from(patternCanAlight.data.subarray(0, patternCanAlight.length)),
    patternTripStart: patternTripStart.toArray(),
    patternTimeStart: patternTimeStart.toArray(),
    arrivals,
    departures,
    instanceTrip,
    instanceDay,
    instancePattern,
    stopPatternStart,
    stopPatterns,
    stopPatternPos,
    footStart,
    footTo,
    footSeconds,
    stopMinChangeSeconds,
    stopNoChange,
  });
}

/** The arrays and counts of a timetable: what a cache stores (see `timetable-cache.ts`). */
export type TimetableParts = Pick<
  Timetable,
  | 'gtfsDate'
  | 'patternCount'
  | 'instanceCount'
  | 'activeTripCount'
  | 'patternStopStart'
  | 'patternStops'
  | 'patternCanBoard'
  | 'patternCanAlight'
  | 'patternTripStart'
  | 'patternTimeStart'
  | 'arrivals'
  | 'departures'
  | 'instanceTrip'
  | 'instanceDay'
  | 'instancePattern'
  | 'stopPatternStart'
  | 'stopPatterns'
  | 'stopPatternPos'
  | 'footStart'
  | 'footTo'
  | 'footSeconds'
  | 'stopMinChangeSeconds'
  | 'stopNoChange'
>;

/** The parts of a timetable, for storing: everything but what {@link timetableFromParts} derives from the feeds. */
export function timetableParts(tt: Timetable): TimetableParts {
  const { date: _date, timeZone: _timeZone, feeds: _feeds, stops: _stops, stopCount: _stopCount, indexForStopId: _index, stopIdForIndex: _id, ...parts } = tt;
  return parts;
}

/** A timetable of `feeds` from its parts (built just now, or read from the cache). */
export function timetableFromParts(feeds: FeedSet, parts: TimetableParts): Timetable {
  const stopIndexById = feeds.stopIndexById;
  return Object.freeze({
    ...parts,
    date: formatIsoDate(parts.gtfsDate),
    timeZone: feeds.timeZone,
    feeds,
    stops: feeds.stops,
    stopCount: feeds.stops.length,
    indexForStopId: (stopId: string) => stopIndexById.get(stopId),
    stopIdForIndex: (stop: number) => feeds.stops[stop]?.stopId ?? '',
  });
}

/** Copies `length` stop times from `base` shifted by `shift` seconds into the timetable at `cell` (a small function of its own, so that it is optimised on its own). */
function copyShifted(
  fromArrival: Int32Array,
  fromDeparture: Int32Array,
  base: number,
  length: number,
  shift: number,
  toArrival: Int32Array,
  toDeparture: Int32Array,
  cell: number,
): void {
  for (let i = 0; i < length; i++) {
    toArrival[cell + i] = fromArrival[base + i]! + shift;
    toDeparture[cell + i] = fromDeparture[base + i]! + shift;
  }
}

/** True when the trip starting at stop time row `after` (shifted) arrives or departs anywhere before the one at `before`. */
function overtakes(
  arrival: Int32Array,
  departure: Int32Array,
  before: number,
  beforeShift: number,
  after: number,
  afterShift: number,
  length: number,
): boolean {
  for (let i = 0; i < length; i++) {
    if (arrival[after + i]! + afterShift < arrival[before + i]! + beforeShift || departure[after + i]! + afterShift < departure[before + i]! + beforeShift) return true;
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
