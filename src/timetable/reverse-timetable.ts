/**
 * The mirror image of a timetable, in which time runs backwards: every clock time t becomes −t,
 * every pattern is traversed from its last stop to its first, boarding and alighting swap, and
 * footpaths point the other way. An earliest-arrival search on the mirror from a target with
 * start −deadline finds, at every stop, minus the latest departure that still reaches the target
 * by the deadline. So one RAPTOR implementation answers both "depart after" and "arrive by".
 */
import type { Timetable } from './build-timetable.js';
import { FRESH_ARRAYS, type ArrayArena, type ArrayMaker } from './array-arena.js';

const mirrors = new WeakMap<Timetable, Timetable>();

/** The mirrored timetable (built once per timetable and cached). */
export function reverseTimetable(tt: Timetable): Timetable {
  const cached = mirrors.get(tt);
  if (cached) return cached;
  const mirror = buildMirror(tt, FRESH_ARRAYS);
  mirrors.set(tt, mirror);
  return mirror;
}

/**
 * The mirrored timetable in the memory of `arena` (not cached): valid until the arena's next
 * `begin`, for an owner that mirrors the dates of a feed set one after the other.
 */
export function reverseTimetableInto(tt: Timetable, arena: ArrayArena): Timetable {
  arena.begin();
  return buildMirror(tt, arena);
}

function buildMirror(tt: Timetable, make: ArrayMaker): Timetable {
  const patterns = tt.patternCount;
  const instances = tt.instanceCount;
  const { patternStopStart, patternTripStart, patternTimeStart } = tt;
  if (patternStopStart[patterns] !== tt.patternStops.length || patternTripStart[patterns] !== instances || patternTimeStart[patterns] !== tt.arrivals.length) {
    throw new RangeError('a timetable to mirror keeps its patterns\' stops, trips and times one after the other, in pattern order');
  }
  // Pattern p is pattern P−1−p of the mirror. Each pattern's stops and its block of times (trip
  // by trip) are read backwards, and so is the order of the patterns: every array is reversed as
  // a whole. Later trips come first, so the departure order is kept; arrivals become departures,
  // negated. The search sees the same patterns in the same order as before the relabelling (each
  // stop keeps its list of patterns, renamed), so the labels and their tie-breaks do not depend on it.
  const patternStops = reversed(tt.patternStops, make.int32(tt.patternStops.length));
  const patternCanBoard = reversed(tt.patternCanAlight, make.uint8(tt.patternStops.length));
  const patternCanAlight = reversed(tt.patternCanBoard, make.uint8(tt.patternStops.length));
  const arrivals = reversedNegated(tt.departures, make.int32(tt.departures.length));
  const departures = reversedNegated(tt.arrivals, make.int32(tt.arrivals.length));
  const instanceTrip = reversed(tt.instanceTrip, make.int32(instances));
  const instanceDay = reversed(tt.instanceDay, make.int8(instances));
  // Instance i of the mirror is instance N−1−i of the timetable (see originalInstance).
  const instancePattern = make.int32(instances);
  for (let i = 0; i < instances; i++) instancePattern[i] = patterns - 1 - tt.instancePattern[instances - 1 - i]!;
  const mirroredStopStart = make.int32(patterns + 1);
  const mirroredTripStart = make.int32(patterns + 1);
  const mirroredTimeStart = make.int32(patterns + 1);
  for (let q = 0; q <= patterns; q++) {
    mirroredStopStart[q] = tt.patternStops.length - patternStopStart[patterns - q]!;
    mirroredTripStart[q] = instances - patternTripStart[patterns - q]!;
    mirroredTimeStart[q] = tt.arrivals.length - patternTimeStart[patterns - q]!;
  }

  const stopPatterns = make.int32(tt.stopPatterns.length);
  const stopPatternPos = make.int32(tt.stopPatternPos.length);
  for (let i = 0; i < tt.stopPatterns.length; i++) {
    const p = tt.stopPatterns[i]!;
    stopPatterns[i] = patterns - 1 - p;
    stopPatternPos[i] = patternStopStart[p + 1]! - patternStopStart[p]! - 1 - tt.stopPatternPos[i]!;
  }

  // Transpose the footpath graph.
  const footStart = make.int32(tt.stopCount + 1).fill(0);
  for (let i = 0; i < tt.footTo.length; i++) footStart[tt.footTo[i]! + 1]!++;
  for (let s = 0; s < tt.stopCount; s++) footStart[s + 1]! += footStart[s]!;
  const fill = footStart.slice(0, tt.stopCount);
  const footTo = make.int32(tt.footTo.length);
  const footSeconds = make.int32(tt.footTo.length);
  for (let s = 0; s < tt.stopCount; s++) {
    for (let f = tt.footStart[s]!; f < tt.footStart[s + 1]!; f++) {
      const to = tt.footTo[f]!;
      const slot = fill[to]!++;
      footTo[slot] = s;
      footSeconds[slot] = tt.footSeconds[f]!;
    }
  }

  return Object.freeze({
    ...tt,
    patternStopStart: mirroredStopStart,
    patternStops,
    patternCanBoard,
    patternCanAlight,
    patternTripStart: mirroredTripStart,
    patternTimeStart: mirroredTimeStart,
    arrivals,
    departures,
    instanceTrip,
    instanceDay,
    instancePattern,
    stopPatterns,
    stopPatternPos,
    footStart,
    footTo,
    footSeconds,
  });
}

/** `to` = `from` backwards (native reverse after a copy). */
function reversed<T extends Int32Array | Uint8Array | Int8Array>(from: T, to: T): T {
  to.set(from);
  to.reverse();
  return to;
}

/** `to[k] = −from[n − 1 − k]`. */
function reversedNegated(from: Int32Array, to: Int32Array): Int32Array {
  const last = from.length - 1;
  for (let k = 0; k <= last; k++) to[k] = -from[last - k]!;
  return to;
}

/** The original instance of an instance of a mirror made by {@link reverseTimetable} (instances are numbered backwards). */
export function originalInstance(mirror: Timetable, instance: number): number {
  return mirror.instanceCount - 1 - instance;
}
