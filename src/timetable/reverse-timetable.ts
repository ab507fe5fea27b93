/**
 * The mirror image of a timetable, in which time runs backwards: every clock time t becomes −t,
 * every pattern is traversed from its last stop to its first, boarding and alighting swap, and
 * footpaths point the other way. An earliest-arrival search on the mirror from a target with
 * start −deadline finds, at every stop, minus the latest departure that still reaches the target
 * by the deadline. So one RAPTOR implementation answers both "depart after" and "arrive by".
 */
import type { Timetable } from './build-timetable.js';

const mirrors = new WeakMap<Timetable, Timetable>();

/** The mirrored timetable (built once per timetable and cached). */
export function reverseTimetable(tt: Timetable): Timetable {
  const cached = mirrors.get(tt);
  if (cached) return cached;

  const patternStops = new Int32Array(tt.patternStops.length);
  const patternCanBoard = new Uint8Array(tt.patternStops.length);
  const patternCanAlight = new Uint8Array(tt.patternStops.length);
  const arrivals = new Int32Array(tt.arrivals.length);
  const departures = new Int32Array(tt.departures.length);
  const instanceTrip = new Int32Array(tt.instanceCount);
  const instanceDay = new Int8Array(tt.instanceCount);
  const instancePattern = new Int32Array(tt.instanceCount);
  /** Original instance of each mirrored instance. */
  const instanceOriginal = new Int32Array(tt.instanceCount);

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

  const stopPatternPos = new Int32Array(tt.stopPatternPos.length);
  for (let i = 0; i < tt.stopPatterns.length; i++) {
    const p = tt.stopPatterns[i]!;
    const length = tt.patternStopStart[p + 1]! - tt.patternStopStart[p]!;
    stopPatternPos[i] = length - 1 - tt.stopPatternPos[i]!;
  }

  // Transpose the footpath graph.
  const footStart = new Int32Array(tt.stopCount + 1);
  for (let i = 0; i < tt.footTo.length; i++) footStart[tt.footTo[i]! + 1]!++;
  for (let s = 0; s < tt.stopCount; s++) footStart[s + 1]! += footStart[s]!;
  const fill = footStart.slice(0, tt.stopCount);
  const footTo = new Int32Array(tt.footTo.length);
  const footSeconds = new Int32Array(tt.footTo.length);
  for (let s = 0; s < tt.stopCount; s++) {
    for (let f = tt.footStart[s]!; f < tt.footStart[s + 1]!; f++) {
      const to = tt.footTo[f]!;
      const slot = fill[to]!++;
      footTo[slot] = s;
      footSeconds[slot] = tt.footSeconds[f]!;
    }
  }

  const mirror: Timetable & { instanceOriginal: Int32Array; mirrorOf: Timetable } = Object.freeze({
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
  mirrors.set(tt, mirror);
  return mirror;
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
