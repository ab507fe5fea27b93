/**
 * `erreichbar calendar` agrees date by date with the feed's own calendar, counted by the
 * independent reader of the test oracle, for every NASA feed alone and all five merged.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFeeds } from '../../src/feed/load-feeds.js';
import { serviceCalendar } from '../../src/analysis/service-calendar.js';
import { csaActiveTrips } from '../support/connection-scan.js';
import { readRawGtfs, type RawTables } from '../support/raw-gtfs.js';
import { ALL_FEEDS, BOERDEBUS, repoRoot, sharedCacheDir } from '../helpers/paths.js';

const run = promisify(execFile);
const raw = new Map<string, RawTables>();
beforeAll(async () => {
  for (const feed of ALL_FEEDS) raw.set(feed, await readRawGtfs(feed));
});

describe('the service calendar', () => {
  it.each(ALL_FEEDS.map((feed) => [path.basename(feed), feed]))('%s alone: active trips on every date of the service range', async (_, feed) => {
    const feeds = await loadFeeds([feed], { cacheDir: sharedCacheDir });
    const days = serviceCalendar(feeds);
    expect(days.length).toBeGreaterThan(30);
    for (const day of days) expect(day.activeTrips, day.date).toBe(csaActiveTrips([raw.get(feed)!], day.date));
  });

  it('all five merged: the sum of the feeds on every date', async () => {
    const feeds = await loadFeeds(ALL_FEEDS, { cacheDir: sharedCacheDir });
    const days = serviceCalendar(feeds);
    for (const day of days) {
      const expected = ALL_FEEDS.reduce((sum, feed) => sum + csaActiveTrips([raw.get(feed)!], day.date), 0);
      expect(day.activeTrips, day.date).toBe(expected);
    }
  });

  it('names the day types of the BördeBus feed: school day, holiday weekday, Saturday, Sunday', async () => {
    const feeds = await loadFeeds([BOERDEBUS], { cacheDir: sharedCacheDir });
    const byDate = new Map(serviceCalendar(feeds).map((day) => [day.date, day]));
    expect(byDate.get('2026-06-10')).toMatchObject({ weekday: 'Mi', activeTrips: 1339, dayType: 'Schultag' });
    expect(byDate.get('2026-07-15')).toMatchObject({ weekday: 'Mi', activeTrips: 1017, dayType: 'Ferientag' });
    expect(byDate.get('2026-06-13')).toMatchObject({ weekday: 'Sa', activeTrips: 458, dayType: 'Samstag' });
    expect(byDate.get('2026-06-14')).toMatchObject({ weekday: 'So', activeTrips: 448, dayType: 'Sonn-/Feiertag' });
    // The feed keeps school-day service in the autumn holidays (see the data README).
    expect(byDate.get('2026-10-21')?.dayType).toBe('Schultag');
  });

  it('prints JSON as an array of { date, weekday, activeTrips, dayType }', async () => {
    const { stdout } = await run(process.execPath, [path.join(repoRoot, 'bin', 'erreichbar'), 'calendar', '--gtfs', BOERDEBUS, '--cache-dir', sharedCacheDir, '--from', '2026-12-05', '--to', '2026-12-07', '--format', 'json']);
    const days = JSON.parse(stdout) as { date: string; weekday: string; activeTrips: number; dayType: string }[];
    expect(days.map(({ date, weekday, activeTrips, dayType }) => ({ date, weekday, activeTrips, dayType }))).toEqual([
      { date: '2026-12-05', weekday: 'Sa', activeTrips: 458, dayType: 'Samstag' },
      { date: '2026-12-06', weekday: 'So', activeTrips: 458, dayType: 'Sonn-/Feiertag' },
      { date: '2026-12-07', weekday: 'Mo', activeTrips: 1349, dayType: 'Schultag' },
    ]);
  });

  it('without --from/--to covers the whole service range, every date as the raw calendar counts it', async () => {
    const { stdout } = await run(process.execPath, [path.join(repoRoot, 'bin', 'erreichbar'), 'calendar', '--gtfs', BOERDEBUS, '--cache-dir', sharedCacheDir, '--format', 'json', '--quiet']);
    const days = JSON.parse(stdout) as { date: string; activeTrips: number }[];
    expect([days[0]?.date, days.at(-1)?.date]).toEqual(['2026-06-05', '2026-12-31']);
    expect(days).toHaveLength(210);
    for (const day of days) expect(day.activeTrips, day.date).toBe(csaActiveTrips([raw.get(BOERDEBUS)!], day.date));
  });
});
