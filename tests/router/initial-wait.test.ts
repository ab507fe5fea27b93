/**
 * fixtures/gtfs/initial-wait: a limit on the wait for the first vehicle limits only the first
 * boarding. A journey that returns to its source stop by bus and changes there to a vehicle
 * that the source itself may not board (it leaves after the limit) is a journey (the README
 * has the hand-worked answers).
 */
import { describe, expect, it } from 'vitest';
import { loadFeeds } from '../../src/feed/load-feeds.js';
import { buildTimetable } from '../../src/timetable/build-timetable.js';
import { reverseTimetable } from '../../src/timetable/reverse-timetable.js';
import { earliestArrival, RaptorScratch, UNREACHED, type RaptorOptions } from '../../src/router/raptor.js';
import { fixture, tempCacheDir } from '../helpers/paths.js';

const at = (h: number, m: number): number => h * 3600 + m * 60;

describe('fixture initial-wait: the wait limit holds for the first vehicle only', async () => {
  const feeds = await loadFeeds([fixture('gtfs', 'initial-wait')], { cacheDir: tempCacheDir() });
  const tt = buildTimetable(feeds, 20260610, { walkRadiusMeters: 0 });
  const stop = (id: string): number => tt.indexForStopId(id)!;
  const options = (extra: Partial<RaptorOptions>): RaptorOptions => ({ maxTransfers: 15, transferSlackSeconds: 0, ...extra });
  const arrivalAt = (scratch: RaptorScratch, id: string): number | null => (scratch.arrival[stop(id)] === UNREACHED ? null : scratch.arrival[stop(id)]!);

  it('S → T from 8:00: 9:30 with or without a 30-minute limit; unreachable with the limit and at most one change', () => {
    const scratch = new RaptorScratch(tt);
    earliestArrival(scratch, [{ stop: stop('S'), time: at(8, 0) }], options({}));
    expect(arrivalAt(scratch, 'T')).toBe(at(9, 30));
    earliestArrival(scratch, [{ stop: stop('S'), time: at(8, 0) }], options({ maxInitialWaitSeconds: 1800 }));
    expect(arrivalAt(scratch, 'T')).toBe(at(9, 30));
    expect(arrivalAt(scratch, 'A')).toBe(at(8, 20));
    earliestArrival(scratch, [{ stop: stop('S'), time: at(8, 0) }], options({ maxInitialWaitSeconds: 1800, maxTransfers: 1 }));
    expect(arrivalAt(scratch, 'T')).toBeNull();
  });

  it('on the mirror (arrive by): T by 9:30, arriving no earlier than 9:00, latest departure 9:00 from S, 8:30 from A (by bus back to S and a change there)', () => {
    // Mirrored: leaving T at −9:30 with the last vehicle arriving within 30 min of 9:30 (t3 arrives
    // 9:30): the latest departure from S is t3's 9:00; from A it is t2's 8:30 (A → S → T).
    const mirror = new RaptorScratch(reverseTimetable(tt));
    earliestArrival(mirror, [{ stop: stop('T'), time: -at(9, 30) }], options({ maxInitialWaitSeconds: 1800 }));
    expect(-mirror.arrival[stop('S')]!).toBe(at(9, 0));
    expect(-mirror.arrival[stop('A')]!).toBe(at(8, 30));
  });
});
