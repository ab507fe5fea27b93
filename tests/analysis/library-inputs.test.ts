/**
 * The public API refuses bad arguments with a UsageError that names them (German message, English
 * form), never a RangeError or TypeError from deep inside and never a silent empty answer.
 */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { loadFeeds } from '../../src/feed/load-feeds.js';
import { ReachabilityEngine } from '../../src/analysis/reachability.js';
import { assessKitaChain } from '../../src/analysis/kita-chain.js';
import { serviceCalendar } from '../../src/analysis/service-calendar.js';
import { chooseDates, defaultWeek } from '../../src/analysis/choose-days.js';
import { buildTimetable } from '../../src/timetable/build-timetable.js';
import { checkServiceDate } from '../../src/feed/check-service-date.js';
import { RoutePlanner } from '../../src/router/route-planner.js';
import { BOERDEBUS, sharedCacheDir } from '../helpers/paths.js';

const feeds = await loadFeeds([BOERDEBUS], { cacheDir: sharedCacheDir });
const home = { name: 'Wolmirstedt', lat: 52.2484, lon: 11.6289 };
const work = { name: 'K+S Zielitz', lat: 52.299168, lon: 11.67288 };
const shift = { startMinutes: 360, endMinutes: 840 };

function usageError(call: () => unknown): UsageError {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return error as UsageError;
  }
  throw new Error('no error thrown');
}

describe('bad arguments to the library', () => {
  const engine = new ReachabilityEngine(feeds);

  it("assess(…, 'garbage') is a UsageError naming the date, in German and English", () => {
    const error = usageError(() => engine.assess(home, work, shift, 'garbage'));
    expect(error.code).toBe('BAD_DATE');
    expect(error.message).toBe('date muss ein Datum wie 2026-12-08 sein, nicht "garbage"');
    expect(error.messageEn).toBe('date must be a date like 2026-12-08, got "garbage"');
    expect(usageError(() => engine.assess(home, work, shift, '2026-02-30')).code).toBe('BAD_DATE');
    expect(usageError(() => engine.assess(home, work, shift, undefined as unknown as string)).code).toBe('BAD_DATE');
    expect(usageError(() => engine.timetable('09.12.2026')).code).toBe('BAD_DATE');
    expect(usageError(() => engine.slotClock('x', shift)).code).toBe('BAD_DATE');
    expect(usageError(() => assessKitaChain(engine, home, work, { openMinutes: 360, closeMinutes: 1020 }, work, shift, 'garbage')).code).toBe('BAD_DATE');
  });

  it('bad slots, points and limits are UsageErrors too', () => {
    expect(usageError(() => engine.assess(home, work, { startMinutes: Number.NaN, endMinutes: 840 }, '2026-12-09')).code).toBe('BAD_SLOT');
    expect(usageError(() => engine.assess(home, work, { startMinutes: 360, endMinutes: 99999 }, '2026-12-09')).code).toBe('BAD_SLOT');
    const nowhere = usageError(() => engine.assess({ name: 'x', lat: Number.NaN, lon: 11 }, work, shift, '2026-12-09'));
    expect([nowhere.code, nowhere.messageEn]).toEqual(['BAD_POINT', 'home needs lat and lon as numbers (WGS84), got "NaN,11"']);
    expect(usageError(() => new ReachabilityEngine(feeds, { limits: { bufferSeconds: -1 } })).code).toBe('BAD_LIMIT');
  });

  it('dates of the other entry points', () => {
    expect(usageError(() => serviceCalendar(feeds, { from: 'garbage' })).messageEn).toBe('from must be a date like 2026-12-08, got "garbage"');
    expect(usageError(() => chooseDates(feeds, { kind: 'dates', dates: ['2026-12-09', 'nope'] }, [1, 2, 3, 4, 5])).code).toBe('BAD_DATE');
    expect(usageError(() => chooseDates(feeds, { kind: 'week', monday: 'nope' }, [1])).code).toBe('BAD_DATE');
    expect(usageError(() => chooseDates(feeds, { kind: 'day-types', from: 'nope' }, [1])).code).toBe('BAD_DATE');
    expect(usageError(() => defaultWeek(feeds, 'nope')).code).toBe('BAD_DATE');
    expect(usageError(() => buildTimetable(feeds, 20261399)).code).toBe('BAD_DATE');
    expect(usageError(() => checkServiceDate(feeds, Number.NaN)).code).toBe('BAD_DATE');
    expect(usageError(() => new RoutePlanner(feeds).timetable('garbage')).messageEn).toBe('--date must be a date like 2026-12-08, got "garbage"');
  });

  it('good arguments still work', () => {
    expect(engine.assess(home, work, shift, '2026-12-09').verdict).toBe('reachable');
    expect(chooseDates(feeds, { kind: 'day-types', from: '2026-12-01' }, [1, 2, 3, 4, 5]).length).toBeGreaterThan(0);
  });
});
