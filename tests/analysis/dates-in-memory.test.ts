/**
 * `datesInMemory`: an engine that keeps one or two dates and reuses their memory for the next
 * answers exactly like one that keeps every date — going back and forth between dates, with
 * timetables read from the cache folder into reused memory and with timetables built anew (no
 * cache), for plain checks, night shifts, Kita opening hours and many homes at once. The mirror
 * made in reused memory equals the one `reverseTimetable` makes.
 */
import { describe, expect, it } from 'vitest';
import { loadFeeds, type FeedSet } from '../../src/feed/load-feeds.js';
import { ReachabilityEngine, type SlotTimes } from '../../src/analysis/reachability.js';
import { reverseTimetable, reverseTimetableInto } from '../../src/timetable/reverse-timetable.js';
import { ArrayArena } from '../../src/timetable/array-arena.js';
import { buildTimetable } from '../../src/timetable/build-timetable.js';
import { RaptorScratch } from '../../src/router/raptor.js';
import { BOERDEBUS, MVB, fixture, tempCacheDir } from '../helpers/paths.js';

const homes = [
  { name: 'Wolmirstedt', lat: 52.2497, lon: 11.6301 },
  { name: 'Haldensleben', lat: 52.2895, lon: 11.4086 },
  { name: 'Barleben', lat: 52.2013, lon: 11.6322 },
  { name: 'Irxleben', lat: 52.1686, lon: 11.4826 },
];
const work = { name: 'K+S Zielitz', lat: 52.292, lon: 11.6838 };
const slots: SlotTimes[] = [
  { startMinutes: 360, endMinutes: 840 },
  { startMinutes: 22 * 60, endMinutes: 6 * 60 },
  { startMinutes: 6 * 60, endMinutes: 17 * 60, kind: 'opening-hours' },
];
// Back and forth: a school day, a Saturday, a Sunday, the school day again, a holiday week day.
const dates = ['2026-12-08', '2026-12-12', '2026-12-13', '2026-12-08', '2026-12-09', '2026-12-28', '2026-12-12'];

function answers(feeds: FeedSet, datesInMemory?: number): unknown[] {
  const engine = new ReachabilityEngine(feeds, { explain: true, datesInMemory });
  const out: unknown[] = [];
  for (const date of dates) {
    for (const slot of slots) {
      for (const home of homes) out.push(engine.assess(home, work, slot, date));
      out.push(engine.journeysForSlot(homes, work, date, slot));
    }
  }
  return out;
}

describe('datesInMemory', () => {
  it('answers like an engine that keeps every date, from the cache folder and without one', async () => {
    const cacheDir = tempCacheDir();
    const cached = await loadFeeds([BOERDEBUS, MVB], { cacheDir });
    const expected = answers(cached);
    const verdicts = new Set(expected.flatMap((answer) => ('verdict' in (answer as object) ? [(answer as { verdict: string }).verdict] : [])));
    expect([...verdicts]).toEqual(expect.arrayContaining(['reachable', 'unreachable']));
    // The timetables are in the cache folder now: read into reused memory.
    expect(answers(await loadFeeds([BOERDEBUS, MVB], { cacheDir }), 1)).toEqual(expected);
    expect(answers(await loadFeeds([BOERDEBUS, MVB], { cacheDir }), 2)).toEqual(expected);
    // Built anew for each date (no cache folder remembered for a copy of the feed set).
    expect(answers({ ...cached }, 1)).toEqual(expected);
  });

  it('makes the same mirror in reused memory as in new memory', async () => {
    const feeds = await loadFeeds([fixture('gtfs', 'after-midnight')], { cacheDir: tempCacheDir() });
    const arena = new ArrayArena();
    for (const date of [20260605, 20260606, 20260607, 20260605]) {
      const tt = buildTimetable(feeds, date, {});
      expect(tt.instanceCount).toBeGreaterThan(0);
      const fresh = reverseTimetable(tt);
      const reused = reverseTimetableInto(tt, arena);
      for (const [name, value] of Object.entries(fresh)) {
        if (ArrayBuffer.isView(value)) expect(Array.from(reused[name as keyof typeof reused] as Int32Array), name).toEqual(Array.from(value as Int32Array));
      }
    }
  });

  it('refuses a timetable of other stops for a scratch, and a limit below one', async () => {
    const small = await loadFeeds([fixture('gtfs', 'after-midnight')], { cacheDir: tempCacheDir() });
    const big = await loadFeeds([BOERDEBUS], { cacheDir: tempCacheDir() });
    const scratch = new RaptorScratch(buildTimetable(small, 20260605, {}));
    expect(() => scratch.useTimetable(buildTimetable(big, 20261208, {}))).toThrow(RangeError);
    expect(() => new ReachabilityEngine(small, { datesInMemory: 0 })).toThrow(/datesInMemory/);
  });
});
