/**
 * Kita trip chains on the real BördeBus timetable: home → Kita → course or work → Kita → home.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFeeds, type FeedSet } from '../../src/feed/load-feeds.js';
import { ReachabilityEngine } from '../../src/analysis/reachability.js';
import { assessKitaChain } from '../../src/analysis/kita-chain.js';
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
  });

  it('breaks when the Kita closes before one is back from a late shift', () => {
    const engine = new ReachabilityEngine(feeds);
    const day = assessKitaChain(engine, hundisburg, kita, hours, hermes, { startMinutes: 14 * 60, endMinutes: 22 * 60 }, '2026-12-09');
    expect(day.works).toBe(false);
    expect(day.breaksAt).toBe('kita-closes-too-early');
  });
});
