/**
 * RAPTOR: round-based public transit routing (Delling, Pajor, Werneck: "Round-Based Public
 * Transit Routing", ALENEX 2012 / Transportation Science 2015), earliest-arrival and range
 * (rRAPTOR) variants, on the typed arrays of a {@link Timetable}.
 *
 * Round k finds the earliest arrival at every stop with exactly k rides. Each round scans the
 * patterns through stops improved in the round before, then relaxes transfers: a change at the
 * same stop (which costs the change time) or one footpath (footpaths are not chained: one walk
 * after each ride, as in the paper). Any change of vehicle takes at least the transfer slack,
 * with or without a walk; a walk at the start of the journey (from the sources) or to the
 * destination does not.
 *
 * Latest-departure ("arrive by") queries run this same code on the mirrored timetable (see
 * `reverse-timetable.ts`), where time runs backwards.
 *
 * Pure: timetable + sources + options + scratch in, labels in the scratch out. No I/O, no
 * allocation in the scan loops, deterministic tie-breaking (earlier trip, lower index wins).
 */
import type { Timetable } from '../timetable/build-timetable.js';
import { MAX_TRANSFERS_LIMIT } from './routing-options.js';

/**
 * Label of a stop not (yet) reached. Never add to it: compare first. It is the largest Int32, so
 * any real clock time (at most a few days in seconds) compares smaller.
 */
export const UNREACHED = 0x7fffffff;

/** Where a ready-to-board label came from. */
export const FROM_SOURCE = -2;
/** Ready label from staying at the stop after a ride (a change of vehicle). */
export const FROM_CHANGE = -1;

/** A source stop and the clock time from which one can board there. */
export interface RaptorSource {
  stop: number;
  /** Clock seconds at which the traveller is at the stop (after any access walk). */
  time: number;
}

/** Search parameters. */
export interface RaptorOptions {
  /** At most this many changes of vehicle (rides = changes + 1). */
  maxTransfers: number;
  /** Minimum time between alighting and boarding another vehicle, at the same stop or after a walk, seconds. */
  transferSlackSeconds: number;
  /**
   * Board the first vehicle at most this long after the source time (default: no limit). On the
   * mirrored timetable this bounds how early a journey may arrive before the deadline.
   */
  maxInitialWaitSeconds?: number;
  /**
   * The journey horizon: clock time after which no label is kept (default: none). A search for a
   * shift needs nothing beyond max-journey, so it passes the source time plus that; every stop
   * reached by then gets exactly the label of the unbounded search, every later one stays
   * UNREACHED, and the scan stops early. On the mirrored timetable it is minus the earliest
   * departure of interest.
   */
  maxArrival?: number;
  /**
   * Prune to what can still matter for these targets (default: none): a target is a set of stops
   * with the seconds from each to the target's door (a walk), and a target's arrival is its best
   * ride label plus those seconds. Once every target is reached, a label later than the latest of
   * their arrivals so far can lead no target to an arrival as good (times only grow along a
   * journey), so it is not kept; labels up to it are, ties included. Every label at or before the
   * targets' final arrivals is that of the search without targets, so are the journeys read
   * from them; later labels may stay UNREACHED. Pays off for one or a few targets (a `check`); with
   * many, some of them far away or not reached at all, it prunes little or nothing.
   */
  targets?: readonly RaptorTarget[];
}

/** A target of {@link RaptorOptions.targets}: stops and the seconds from each to the target's door. */
export interface RaptorTarget {
  stops: Int32Array;
  seconds: Int32Array;
}

/** Largest allowed maxTransfers (defined with the routing options, so that the CLI's help need not load the router). */
export { MAX_TRANSFERS_LIMIT };

/**
 * Reusable state of a RAPTOR search on one timetable. Create once per timetable (and thread) and
 * pass to every query; labels of the last query stay readable until the next one.
 */
export class RaptorScratch {
  private tt: Timetable;
  readonly rounds: number;
  /** Best arrival at each stop over all rounds (ride or walk; sources count). */
  readonly arrival: Int32Array;
  /** Round of {@link arrival}. */
  readonly arrivalRound: Int32Array;
  /** Stop walked from for {@link arrival}, or -1 if arrived by ride or as a source. */
  readonly arrivalWalkFrom: Int32Array;
  /** Best arrival by ride over all rounds (pruning; the label a walk to a point continues from). */
  readonly bestRide: Int32Array;
  /** Round of {@link bestRide}. */
  readonly bestRideRound: Int32Array;
  /** Best ready-to-board time over all rounds (pruning). */
  readonly bestReady: Int32Array;
  /** Per round k and stop s at [k·stops + s]: arrival by ride in round k. */
  readonly rideArrival: Int32Array;
  readonly rideInstance: Int32Array;
  readonly rideBoardPos: Int32Array;
  readonly rideAlightPos: Int32Array;
  /** Per round k and stop s: ready-to-board time after k rides, and where it came from. */
  readonly readyTime: Int32Array;
  readonly readyFrom: Int32Array;
  /** Footpath seconds of a walk recorded in readyFrom / arrivalWalkFrom. */
  readonly readyWalkSeconds: Int32Array;
  readonly arrivalWalkSeconds: Int32Array;
  /** Rounds whose labels were written by the last query (to reset only those). */
  private dirtyRounds = 0;
  // Work lists, allocated once.
  private readonly marked: Uint8Array;
  private readonly markedList: Int32Array;
  private markedCount = 0;
  private readonly rideMarked: Uint8Array;
  private readonly rideMarkedList: Int32Array;
  private rideMarkedCount = 0;
  private patternFrom: Int32Array;
  private patternList: Int32Array;
  private patternCount = 0;

  constructor(timetable: Timetable) {
    this.tt = timetable;
    this.rounds = MAX_TRANSFERS_LIMIT + 2;
    const stops = timetable.stopCount;
    const cells = this.rounds * stops;
    this.arrival = new Int32Array(stops).fill(UNREACHED);
    this.arrivalRound = new Int32Array(stops);
    this.arrivalWalkFrom = new Int32Array(stops).fill(-1);
    this.arrivalWalkSeconds = new Int32Array(stops);
    this.bestRide = new Int32Array(stops).fill(UNREACHED);
    this.bestRideRound = new Int32Array(stops);
    this.bestReady = new Int32Array(stops).fill(UNREACHED);
    this.rideArrival = new Int32Array(cells).fill(UNREACHED);
    this.rideInstance = new Int32Array(cells);
    this.rideBoardPos = new Int32Array(cells);
    this.rideAlightPos = new Int32Array(cells);
    this.readyTime = new Int32Array(cells).fill(UNREACHED);
    this.readyFrom = new Int32Array(cells);
    this.readyWalkSeconds = new Int32Array(cells);
    this.marked = new Uint8Array(stops);
    this.markedList = new Int32Array(stops);
    this.rideMarked = new Uint8Array(stops);
    this.rideMarkedList = new Int32Array(stops);
    this.patternFrom = new Int32Array(timetable.patternCount).fill(UNREACHED);
    this.patternList = new Int32Array(timetable.patternCount);
  }

  /** The timetable searched. */
  get timetable(): Timetable {
    return this.tt;
  }

  /**
   * Searches another timetable of the same stops from now on (its labels are forgotten): the
   * memory of one scratch serves the dates of a feed set one after the other.
   *
   * @throws {RangeError} if the timetable has another number of stops.
   */
  useTimetable(timetable: Timetable): void {
    if (timetable.stopCount !== this.tt.stopCount) throw new RangeError(`a scratch for ${this.tt.stopCount} stops cannot search a timetable of ${timetable.stopCount}`);
    this.reset();
    this.tt = timetable;
    if (timetable.patternCount > this.patternFrom.length) {
      this.patternFrom = new Int32Array(timetable.patternCount).fill(UNREACHED);
      this.patternList = new Int32Array(timetable.patternCount);
    }
  }

  /** Forgets all labels (called by {@link earliestArrival}; range queries keep them between departures). */
  reset(): void {
    const stops = this.tt.stopCount;
    this.arrival.fill(UNREACHED);
    this.arrivalWalkFrom.fill(-1);
    this.bestRide.fill(UNREACHED);
    this.bestReady.fill(UNREACHED);
    const used = Math.min(this.rounds, this.dirtyRounds + 1) * stops;
    this.rideArrival.fill(UNREACHED, 0, used);
    this.readyTime.fill(UNREACHED, 0, used);
    this.dirtyRounds = 0;
  }

  /**
   * Adds sources and runs the rounds. Labels already present are kept (rRAPTOR): call
   * {@link reset} first for an independent query. `targetStop` (or -1) only prunes.
   */
  run(sources: readonly RaptorSource[], options: RaptorOptions, targetStop = -1): void {
    const tt = this.tt;
    const stops = tt.stopCount;
    const maxRides = Math.min(options.maxTransfers, MAX_TRANSFERS_LIMIT) + 1;
    const slack = options.transferSlackSeconds;
    const { arrival, arrivalRound, arrivalWalkFrom, arrivalWalkSeconds, bestRide, bestReady, readyTime, readyFrom, readyWalkSeconds } = this;
    const { rideArrival, rideInstance, rideBoardPos, rideAlightPos } = this;
    const { patternStopStart, patternStops, patternCanBoard, patternCanAlight, patternTripStart, patternTimeStart } = tt;
    const { arrivals, departures, stopPatternStart, stopPatterns, stopPatternPos, footStart, footTo, footSeconds } = tt;
    const { stopMinChangeSeconds, stopNoChange } = tt;
    const bestRideRound = this.bestRideRound;
    const maxInitialWait = options.maxInitialWaitSeconds ?? UNREACHED;
    const targets = options.targets;
    // Labels must stay ≤ maxArrival; as a strict bound (t < limit) that is maxArrival + 1.
    const limit = options.maxArrival === undefined || options.maxArrival >= UNREACHED - 1 ? UNREACHED : options.maxArrival + 1;

    // A source label dominates every later ready label at its stop only when the first vehicle
    // may come any time: with a limit on the initial wait, reaching a source stop later by a
    // ride can still board a vehicle that the source itself may not (one that comes after the
    // limit), so source labels then do not prune (they are kept apart in round 0).
    const sourcesDominate = options.maxInitialWaitSeconds === undefined;
    this.markedCount = 0;
    for (const source of sources) {
      const s = source.stop;
      if (source.time >= limit) continue;
      if (sourcesDominate ? source.time < bestReady[s]! : source.time < readyTime[s]!) {
        if (sourcesDominate) bestReady[s] = source.time;
        readyTime[s] = source.time;
        readyFrom[s] = FROM_SOURCE;
        this.mark(s);
      }
      if (source.time < arrival[s]!) {
        arrival[s] = source.time;
        arrivalRound[s] = 0;
        arrivalWalkFrom[s] = -1;
      }
    }

    for (let k = 1; k <= maxRides && this.markedCount > 0; k++) {
      if (k > this.dirtyRounds) this.dirtyRounds = k;
      const previous = (k - 1) * stops;
      const current = k * stops;

      // Collect the patterns through marked stops, from the earliest marked position.
      this.patternCount = 0;
      for (let m = 0; m < this.markedCount; m++) {
        const s = this.markedList[m]!;
        this.marked[s] = 0;
        for (let i = stopPatternStart[s]!; i < stopPatternStart[s + 1]!; i++) {
          const p = stopPatterns[i]!;
          const pos = stopPatternPos[i]!;
          if (this.patternFrom[p] === UNREACHED) this.patternList[this.patternCount++] = p;
          if (pos < this.patternFrom[p]!) this.patternFrom[p] = pos;
        }
      }
      this.markedCount = 0;
      this.rideMarkedCount = 0;
      const targetBound = targetStop >= 0 ? arrival[targetStop]! : UNREACHED;
      let bound = targetBound < limit ? targetBound : limit;
      if (targets !== undefined) bound = Math.min(bound, targetsBound(targets, bestRide));

      // Scan each pattern once.
      for (let q = 0; q < this.patternCount; q++) {
        const p = this.patternList[q]!;
        const fromPos = this.patternFrom[p]!;
        this.patternFrom[p] = UNREACHED;
        const stopBase = patternStopStart[p]!;
        const length = patternStopStart[p + 1]! - stopBase;
        const firstTrip = patternTripStart[p]!;
        const tripCount = patternTripStart[p + 1]! - firstTrip;
        const timeBase = patternTimeStart[p]!;
        let trip = -1; // local index of the trip we are on, -1 = none
        let boardPos = -1;
        for (let pos = fromPos; pos < length; pos++) {
          const s = patternStops[stopBase + pos]!;
          if (trip >= 0 && patternCanAlight[stopBase + pos] === 1) {
            const t = arrivals[timeBase + trip * length + pos]!;
            if (t < bestRide[s]! && t < bound) {
              bestRide[s] = t;
              bestRideRound[s] = k;
              rideArrival[current + s] = t;
              rideInstance[current + s] = firstTrip + trip;
              rideBoardPos[current + s] = boardPos;
              rideAlightPos[current + s] = pos;
              if (this.rideMarked[s] === 0) {
                this.rideMarked[s] = 1;
                this.rideMarkedList[this.rideMarkedCount++] = s;
              }
              if (t < arrival[s]!) {
                arrival[s] = t;
                arrivalRound[s] = k;
                arrivalWalkFrom[s] = -1;
              }
            }
          }
          const ready = readyTime[previous + s]!;
          // Trips keep their order at every stop: when the trip before the current one leaves
          // before `ready`, so do all earlier ones, and the current trip stays the best.
          if (ready < bound && patternCanBoard[stopBase + pos] === 1 && (trip < 0 || (trip > 0 && departures[timeBase + (trip - 1) * length + pos]! >= ready))) {
            // Earliest trip departing at or after `ready`, among those before the current one.
            let lo = 0;
            let hi = trip >= 0 ? trip : tripCount;
            while (lo < hi) {
              const mid = (lo + hi) >>> 1;
              if (departures[timeBase + mid * length + pos]! >= ready) hi = mid;
              else lo = mid + 1;
            }
            if (lo < (trip >= 0 ? trip : tripCount) && (k > 1 || departures[timeBase + lo * length + pos]! - ready <= maxInitialWait)) {
              trip = lo;
              boardPos = pos;
            }
          }
        }
      }

      // Transfers: a change at the same stop, or one footpath after the ride.
      const transferLimit = targets === undefined ? limit : Math.min(limit, targetsBound(targets, bestRide));
      for (let m = 0; m < this.rideMarkedCount; m++) {
        const s = this.rideMarkedList[m]!;
        this.rideMarked[s] = 0;
        const alighted = rideArrival[current + s]!;
        if (stopNoChange[s] === 0) {
          const change = slack > stopMinChangeSeconds[s]! ? slack : stopMinChangeSeconds[s]!;
          const ready = alighted + change;
          if (ready < bestReady[s]! && ready < transferLimit) {
            bestReady[s] = ready;
            readyTime[current + s] = ready;
            readyFrom[current + s] = FROM_CHANGE;
            this.mark(s);
          }
        }
        for (let f = footStart[s]!; f < footStart[s + 1]!; f++) {
          const to = footTo[f]!;
          const walk = footSeconds[f]!;
          const t = alighted + walk;
          // Boarding after the walk is a change of vehicle: it takes at least the slack, also
          // when the walk is shorter (platforms at the same coordinates, a 0 s feed row).
          const ready = walk > slack ? t : alighted + slack;
          if (ready < bestReady[to]! && ready < transferLimit) {
            bestReady[to] = ready;
            readyTime[current + to] = ready;
            readyFrom[current + to] = s;
            readyWalkSeconds[current + to] = walk;
            this.mark(to);
          }
          if (t < arrival[to]! && t < transferLimit) {
            arrival[to] = t;
            arrivalRound[to] = k;
            arrivalWalkFrom[to] = s;
            arrivalWalkSeconds[to] = walk;
          }
        }
      }
    }
    // Marks left after the last allowed round are dropped.
    for (let m = 0; m < this.markedCount; m++) this.marked[this.markedList[m]!] = 0;
    this.markedCount = 0;
  }

  private mark(stop: number): void {
    if (this.marked[stop] === 0) {
      this.marked[stop] = 1;
      this.markedList[this.markedCount++] = stop;
    }
  }
}

/**
 * The strict label bound of {@link RaptorOptions.targets}: one past the latest of the targets'
 * best arrivals (ride label + seconds), or UNREACHED while some target is not reached.
 */
function targetsBound(targets: readonly RaptorTarget[], bestRide: Int32Array): number {
  if (targets.length === 0) return UNREACHED;
  let latest = -UNREACHED;
  for (let t = 0; t < targets.length; t++) {
    const { stops, seconds } = targets[t]!;
    let best = UNREACHED;
    for (let i = 0; i < stops.length; i++) {
      const label = bestRide[stops[i]!]!;
      if (label !== UNREACHED && label + seconds[i]! < best) best = label + seconds[i]!;
    }
    if (best === UNREACHED) return UNREACHED;
    if (best > latest) latest = best;
  }
  return latest + 1;
}

/**
 * Earliest arrival at every stop from the sources (one-to-all). Labels are left in `scratch`;
 * read `scratch.arrival[stop]` (UNREACHED if not reachable) or unfold a journey.
 */
export function earliestArrival(
  scratch: RaptorScratch,
  sources: readonly RaptorSource[],
  options: RaptorOptions,
  targetStop = -1,
): void {
  scratch.reset();
  scratch.run(sources, options, targetStop);
}

/** A departure time to try in a range query, with the sources it starts from. */
export interface RangeSource {
  stop: number;
  /** Seconds of walking from the origin to this stop (0 for a stop itself). */
  accessSeconds: number;
}

/**
 * rRAPTOR: runs one search per distinct departure time in [windowStart, windowEnd], latest first,
 * keeping labels between runs so each run only does the work that the earlier departure adds.
 * After each run `onDeparture(departure)` may read the labels (they hold the earliest arrivals
 * for that departure). Departure times are the times at which some trip can be boarded at a
 * source stop, minus the access walk, plus `windowEnd` itself.
 */
export function rangeQuery(
  scratch: RaptorScratch,
  sources: readonly RangeSource[],
  windowStart: number,
  windowEnd: number,
  options: RaptorOptions,
  onDeparture: (departure: number) => void,
): void {
  const tt = scratch.timetable;
  const times = new Set<number>([windowEnd]);
  for (const source of sources) {
    const s = source.stop;
    for (let i = tt.stopPatternStart[s]!; i < tt.stopPatternStart[s + 1]!; i++) {
      const p = tt.stopPatterns[i]!;
      const pos = tt.stopPatternPos[i]!;
      const stopBase = tt.patternStopStart[p]!;
      if (tt.patternCanBoard[stopBase + pos] !== 1) continue;
      const length = tt.patternStopStart[p + 1]! - stopBase;
      const tripCount = tt.patternTripStart[p + 1]! - tt.patternTripStart[p]!;
      const timeBase = tt.patternTimeStart[p]!;
      for (let trip = 0; trip < tripCount; trip++) {
        const departure = tt.departures[timeBase + trip * length + pos]! - source.accessSeconds;
        if (departure >= windowStart && departure <= windowEnd) times.add(departure);
      }
    }
  }
  const ordered = [...times].sort((a, b) => b - a);
  scratch.reset();
  const runSources: RaptorSource[] = sources.map((source) => ({ stop: source.stop, time: 0 }));
  for (const departure of ordered) {
    for (let i = 0; i < sources.length; i++) runSources[i]!.time = departure + sources[i]!.accessSeconds;
    scratch.run(runSources, options);
    onDeparture(departure);
  }
}
