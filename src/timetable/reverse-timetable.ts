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
  const patternStops = make.int32(tt.patternStops.length);
  const patternCanBoard = make.uint8(tt.patternStops.length);
  const patternCanAlight = make.uint8(tt.patternStops.length);
  const arrivals = make.int32(tt.arrivals.length);
  const departures = make.int32(tt.departures.length);
  const instanceTrip = make.int32(tt.instanceCount);
  const instanceDay = make.int8(tt.instanceCount);
  const instancePattern = make.int32(tt.instanceCount);
  /** Original instance of each mirrored instance. */
  const instanceOriginal = make.int32(tt.instanceCount);

  const { patternStopStart, patternTripStart, patternTimeStart } = tt;
  for (let p = 0; p < tt.patternCount; p++) {
    const stopBase = patternStopStart[p]!;
    const length = patternStopStart[p + 1]! - stopBase;
    reverseCopy(tt.patternStops, patternStops, stopBase, length);
    reverseCopy(tt.patternCanAlight, patternCanBoard, stopBase, length);
    reverseCopy(tt.patternCanBoard, patternCanAlight, stopBase, length);
    const firstTrip = patternTripStart[p]!;
    const tripCount = patternTripStart[p + 1]! - firstTrip;
    // Later trips come first in the mirror, so the departure order is kept: the pattern's block
    // of times (trip-major) is read backwards as a whole, negated, arrivals becoming departures.
    reverseNegate(tt.arrivals, departures, patternTimeStart[p]!, tripCount * length);
    reverseNegate(tt.departures, arrivals, patternTimeStart[p]!, tripCount * length);
    for (let i = 0; i < tripCount; i++) {
      const original = firstTrip + tripCount - 1 - i;
      const mirrored = firstTrip + i;
      instanceTrip[mirrored] = tt.instanceTrip[original]!;
      instanceDay[mirrored] = tt.instanceDay[original]!;
      instancePattern[mirrored] = p;
      instanceOriginal[mirrored] = original;
    }
  }

  const stopPatternPos = make.int32(tt.stopPatternPos.length);
  for (let i = 0; i < tt.stopPatterns.length; i++) {
    const p = tt.stopPatterns[i]!;
    const length = tt.patternStopStart[p + 1]! - tt.patternStopStart[p]!;
    stopPatternPos[i] = length - 1 - tt.stopPatternPos[i]!;
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
    patternStops,
    patternCanBoard,
    patternCanAlight,
    arrivals,
    departures,
    instanceTrip,
    instanceDay,
    instancePattern,
    stopPatternPos,
    footStart,
    footTo,
    footSeconds,
    instanceOriginal,
    mirrorOf: tt,
  });
}

/** `to[start + k] = from[start + size − 1 − k]` for k < size (small functions of their own, so that they are optimised early). */
function reverseCopy(from: Int32Array | Uint8Array, to: Int32Array | Uint8Array, start: number, size: number): void {
  const last = start + size - 1;
  for (let k = 0; k < size; k++) to[start + k] = from[last - k]!;
}

/** `to[start + k] = −from[start + size − 1 − k]` for k < size. */
function reverseNegate(from: Int32Array, to: Int32Array, start: number, size: number): void {
  const last = start + size - 1;
  for (let k = 0; k < size; k++) to[start + k] = -from[last - k]!;
}

/** For a mirrored timetable: the original instance of a mirrored trip instance. */
export function originalInstance(mirror: Timetable, instance: number): number {
  const original = (mirror as Partial<{ instanceOriginal: Int32Array }>).instanceOriginal;
  return original ? original[instance]! : instance;
}
