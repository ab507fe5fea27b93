/**
 * Kita trip chains on the real BördeBus timetable: home → Kita → course or work → Kita → home.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFeeds, type FeedSet } from '../../src/feed/load-feeds.js';
import { ReachabilityEngine } from '../../src/analysis/reachability.js';
import { assessKitaChain } from '../../src/analysis/kita-chain.js';
import { reasonText } from '../../src/report/labels.js';
import { BOERDEBUS, MVB, sharedCacheDir } from '../helpers/paths.js';

let feeds: FeedSet;
beforeAll(async () => {
  feeds = await loadFeeds([BOERDEBUS, MVB], { cacheDir: sharedCacheDir });
});

const hundisburg = { name: 'Hundisburg', lat: 52.245529, lon: 11.398113 };
const kita = { name: 'Kita Max und Moritz', lat: 52.283158, lon: 11.390956 };
const kvhs = { name: 'KVHS Haldensleben', lat: 52.286197, lon: 11.395356 };
const hermes = { name: 'Hermes', lat: 52.282566, lon: 11.392258 };
const hours = { openMinutes: 6 * 60, closeMinutes: 17 * 60 };

describe('Kita trip chains', () => {
  it('Hundisburg → Kita Max und Moritz → KVHS course 08:30–12:45 and back works on a school day', () => {
    const engine = new ReachabilityEngine(feeds);
    const day = assessKitaChain(engine, hundisburg, kita, hours, kvhs, { startMinutes: 510, endMinutes: 765 }, '2026-12-09');
    expect(day.works).toBe(true);
    expect(day.breaksAt).toBeNull();
    const { homeToKita, kitaToDestination, destinationToKita, kitaToHome } = day.legs;
    // Every leg follows the one before, the child is dropped off after opening and picked up before closing.
    expect(homeToKita!.arrival).toBeGreaterThanOrEqual(6 * 3600);
    expect(homeToKita!.arrival + 300).toBeLessThanOrEqual(kitaToDestination!.departure);
    expect(kitaToDestination!.arrival).toBeLessThanOrEqual(8 * 3600 + 25 * 60);
    expect(destinationToKita!.departure).toBeGreaterThanOrEqual(12 * 3600 + 50 * 60);
    expect(destinationToKita!.arrival + 300).toBeLessThanOrEqual(kitaToHome!.departure);
    expect(destinationToKita!.arrival + 300).toBeLessThanOrEqual(17 * 3600);
    expect(kitaToHome!.legs.some((leg) => leg.mode === 'ride')).toBe(true);
  });

  it('breaks where it breaks: a Kita opening at 06:00 is too late for a 06:00 shift', () => {
    const engine = new ReachabilityEngine(feeds);
    const day = assessKitaChain(engine, hundisburg, kita, hours, hermes, { startMinutes: 360, endMinutes: 840 }, '2026-12-09');
    expect(day.works).toBe(false);
    expect(day.breaksAt).toBe('kita-opens-too-late');
    expect(day.legs.kitaToDestination).not.toBeNull();
    expect(day.legs.homeToKita).toBeNull();
    // Hermes is about 110 m from the Kita: the way on is a walk, and the reason says so, not "bus".
    expect(day.legs.kitaToDestination!.legs.every((leg) => leg.mode === 'walk')).toBe(true);
    const reason = day.reasons.find((r) => r.code === 'kita-opens-too-late')!;
    expect(reason).toMatchObject({ onFoot: true, opening: 6 * 3600 });
    const limits = new ReachabilityEngine(feeds).limits;
    expect(reasonText(reason, 'de', limits)).toMatch(/^Die Kita öffnet erst um 06:00, man müsste dort schon um 05:\d\d zu Fuß zum Ziel losgehen$/);
    expect(reasonText(reason, 'en', limits)).not.toMatch(/bus/);
  });

  it('a Kita opening too late for a bus on to the destination names the bus', () => {
    const engine = new ReachabilityEngine(feeds);
    // KVHS Haldensleben from a Kita in Hundisburg: a bus ride, with the Kita opening at 08:00.
    const village = { name: 'Kita Hundisburg', lat: 52.2457, lon: 11.3985 };
    const day = assessKitaChain(engine, hundisburg, village, { openMinutes: 8 * 60, closeMinutes: 17 * 60 }, kvhs, { startMinutes: 510, endMinutes: 765 }, '2026-12-09');
    expect(day.breaksAt).toBe('kita-opens-too-late');
    expect(day.legs.kitaToDestination!.legs.some((leg) => leg.mode === 'ride')).toBe(true);
    const reason = day.reasons.find((r) => r.code === 'kita-opens-too-late')!;
    expect(reason).not.toHaveProperty('onFoot');
    expect(reasonText(reason, 'de', engine.limits)).toMatch(/^Die Kita öffnet erst um 08:00, der letzte passende Bus zum Ziel fährt dort schon um 0[67]:\d\d$/);
  });

  it('breaks when the Kita closes before one is back from a late shift', () => {
    const engine = new ReachabilityEngine(feeds);
    const day = assessKitaChain(engine, hundisburg, kita, hours, hermes, { startMinutes: 14 * 60, endMinutes: 22 * 60 }, '2026-12-09');
    expect(day.works).toBe(false);
    expect(day.breaksAt).toBe('kita-closes-too-early');
  });
});
