/**
 * The limits of the shift question and their defaults, apart from the engine in
 * `reachability.ts` (which re-exports them): the CLI names the defaults in its help without
 * loading the router and the timetable code.
 */

/** Limits that decide the verdict; defaults in {@link DEFAULT_LIMITS}. All durations in seconds. */
export interface ReachabilityLimits {
  /** Arrive at least this long before the start; leave at the earliest this long after the end. */
  bufferSeconds: number;
  /** Do not arrive at the destination's door earlier than this before the start (the outbound search window; the walk from the last stop counts in). */
  maxEarlySeconds: number;
  /**
   * Leave the destination's door within this after the end (the return search window): the walk
   * to the first stop comes on top, so the first vehicle may leave up to that walk later.
   */
  maxLateSeconds: number;
  /** Door-to-door travel time above this makes the verdict `long-wait`. */
  maxTravelSeconds: number;
  /** Waiting before the start or after the end above this makes the verdict `long-wait`. */
  maxWaitSeconds: number;
  /**
   * A journey longer than this door to door is no connection at all (the bus of the evening
   * before to an early shift, with a night at the bus station).
   */
  maxJourneySeconds: number;
}

/** 5 min buffer, 120 min search windows, 90 min travel, 45 min waiting, no journey over 3 h. */
export const DEFAULT_LIMITS: Readonly<ReachabilityLimits> = Object.freeze({
  bufferSeconds: 5 * 60,
  maxEarlySeconds: 120 * 60,
  maxLateSeconds: 120 * 60,
  maxTravelSeconds: 90 * 60,
  maxWaitSeconds: 45 * 60,
  maxJourneySeconds: 180 * 60,
});
