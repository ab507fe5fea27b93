/**
 * The mirror: pattern p of the timetable is pattern P−1−p of the mirror, its stops backwards, its
 * trips backwards, boarding and alighting swapped, arrivals and departures swapped and negated;
 * every stop lists the same patterns in the same order (renamed) at the mirrored positions; the
 * footpaths point the other way; and a mirrored instance knows its original. Checked for every
 * pattern, trip and position of the five real feeds on a school day and of the after-midnight
 * fixture.
 */
import { describe, expect, it } from 'vitest';
import { loadFeeds, type FeedSet } from '../../src/feed/load-feeds.js';
import { buildTimetable } from '../../src/timetable/build-timetable.js';
import { originalInstance, reverseTimetable } from '../../src/timetable/reverse-timetable.js';
import { ALL_FEEDS, fixture, sharedCacheDir, tempCacheDir } from '../helpers/paths.js';

function expectMirrored(feeds: FeedSet, date: number): void {
  const tt = buildTimetable(feeds, date, {});
  const mirror = reverseTimetable(tt);
  const P = tt.patternCount;
  expect(mirror.patternCount).toBe(P);
  let cells = 0;
  for (let p = 0; p < P; p++) {
    const q = P - 1 - p;
    const length = tt.patternStopStart[p + 1]! - tt.patternStopStart[p]!;
    const trips = tt.patternTripStart[p + 1]! - tt.patternTripStart[p]!;
    expect(mirror.patternStopStart[q + 1]! - mirror.patternStopStart[q]!).toBe(length);
    expect(mirror.patternTripStart[q + 1]! - mirror.patternTripStart[q]!).toBe(trips);
    for (let pos = 0; pos < length; pos++) {
      const here = tt.patternStopStart[p]! + pos;
      const there = mirror.patternStopStart[q]! + length - 1 - pos;
      expect([mirror.patternStops[there], mirror.patternCanBoard[there], mirror.patternCanAlight[there]]).toEqual([tt.patternStops[here], tt.patternCanAlight[here], tt.patternCanBoard[here]]);
    }
    for (let trip = 0; trip < trips; trip++) {
      const instance = tt.patternTripStart[p]! + trip;
      const mirrored = mirror.patternTripStart[q]! + trips - 1 - trip;
      expect([originalInstance(mirror, mirrored), mirror.instancePattern[mirrored], mirror.instanceTrip[mirrored], mirror.instanceDay[mirrored]]).toEqual([instance, q, tt.instanceTrip[instance], tt.instanceDay[instance]]);
      for (let pos = 0; pos < length; pos++) {
        const here = tt.patternTimeStart[p]! + trip * length + pos;
        const there = mirror.patternTimeStart[q]! + (trips - 1 - trip) * length + (length - 1 - pos);
        if (mirror.departures[there] !== -tt.arrivals[here]! || mirror.arrivals[there] !== -tt.departures[here]!) {
          expect([mirror.departures[there], mirror.arrivals[there]], `pattern ${p} trip ${trip} position ${pos}`).toEqual([-tt.arrivals[here]!, -tt.departures[here]!]);
        }
        cells++;
      }
    }
  }
  expect(cells).toBe(tt.arrivals.length);
  // Each stop: the same patterns in the same order, renamed, at the mirrored positions.
  expect(Array.from(mirror.stopPatternStart)).toEqual(Array.from(tt.stopPatternStart));
  for (let i = 0; i < tt.stopPatterns.length; i++) {
    const p = tt.stopPatterns[i]!;
    const length = tt.patternStopStart[p + 1]! - tt.patternStopStart[p]!;
    expect([mirror.stopPatterns[i], mirror.stopPatternPos[i]]).toEqual([P - 1 - p, length - 1 - tt.stopPatternPos[i]!]);
  }
  // Footpaths the other way: the same pairs and seconds, transposed.
  const paths = (start: Int32Array, to: Int32Array, seconds: Int32Array, flip: boolean): string[] => {
    const out: string[] = [];
    for (let s = 0; s + 1 < start.length; s++) for (let f = start[s]!; f < start[s + 1]!; f++) out.push(flip ? `${to[f]} ${s} ${seconds[f]}` : `${s} ${to[f]} ${seconds[f]}`);
    return out.sort();
  };
  expect(paths(mirror.footStart, mirror.footTo, mirror.footSeconds, true)).toEqual(paths(tt.footStart, tt.footTo, tt.footSeconds, false));
}

describe('reverseTimetable', () => {
  it('mirrors every pattern, trip and time of the five real feeds', async () => {
    expectMirrored(await loadFeeds(ALL_FEEDS, { cacheDir: sharedCacheDir }), 20260701);
  });

  it('mirrors trips after midnight and of the day before', async () => {
    expectMirrored(await loadFeeds([fixture('gtfs', 'after-midnight')], { cacheDir: tempCacheDir() }), 20260606);
  });
});
