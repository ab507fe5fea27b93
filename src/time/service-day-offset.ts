/**
 * The distance between the reference times ("noon minus 12 h") of two service days in a time
 * zone. It is 86,400 s per day except across a DST change: in Europe/Berlin the reference of
 * 2026-03-29 is 23 h after that of 2026-03-28, and the reference of 2026-10-25 is 25 h after that
 * of 2026-10-24. Trips of the previous or next service day are shifted by this amount so that a
 * search on one date can use them.
 */
import { addDays } from './clock.js';

/** The time zone of Landkreis Börde; the CLI runs in it (see `cli/main.ts`). */
export const DISTRICT_TIME_ZONE = 'Europe/Berlin';

/**
 * From here on every time zone's UTC offset is a whole number of minutes (the last one in
 * seconds, Liberia's −0:44:30, ended in January 1972), which is all `Date` can tell.
 */
const WHOLE_MINUTE_OFFSETS_FROM_MS = Date.UTC(1973, 0, 1);

/**
 * The UTC offset in seconds from `Date` when the process runs in `timeZone` (`TZ`): the same ICU
 * data as Intl's, without the 25–35 ms Intl takes to start its first formatter in a process.
 * Undefined when the process runs in another zone, or before {@link WHOLE_MINUTE_OFFSETS_FROM_MS}.
 */
function processZoneOffsetSeconds(instantMs: number, timeZone: string): number | undefined {
  if (process.env.TZ !== timeZone || !(instantMs >= WHOLE_MINUTE_OFFSETS_FROM_MS)) return undefined;
  const minutes = new Date(instantMs).getTimezoneOffset();
  return Number.isInteger(minutes) ? -minutes * 60 : undefined;
}

/**
 * Today's date in a time zone (`YYYY-MM-DD`).
 *
 * @example
 * ```ts
 * todayIn('Europe/Berlin', Date.UTC(2026, 11, 31, 23, 30)); // '2027-01-01'
 * ```
 */
export function todayIn(timeZone: string, nowMs = Date.now()): string {
  return new Date(nowMs + utcOffsetSeconds(nowMs, timeZone) * 1000).toISOString().slice(0, 10);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Offsets already computed, per time zone and instant (Intl formatting is slow; reports ask for the same instants again and again). */
const offsetMemo = new Map<string, Map<number, number>>();
const OFFSET_MEMO_LIMIT = 50_000;

/** Offset of local time from UTC in seconds at an instant (e.g. 3600 for CET, 7200 for CEST). */
export function utcOffsetSeconds(instantMs: number, timeZone: string): number {
  let memo = offsetMemo.get(timeZone);
  if (!memo) offsetMemo.set(timeZone, (memo = new Map()));
  let offset = memo.get(instantMs);
  if (offset === undefined) {
    offset = computeUtcOffsetSeconds(instantMs, timeZone);
    if (memo.size >= OFFSET_MEMO_LIMIT) memo.clear();
    memo.set(instantMs, offset);
  }
  return offset;
}

function computeUtcOffsetSeconds(instantMs: number, timeZone: string): number {
  const fromProcess = processZoneOffsetSeconds(instantMs, timeZone);
  if (fromProcess !== undefined) return fromProcess;
  const parts = formatterFor(timeZone).formatToParts(new Date(instantMs));
  const get = (type: string): number => Number(parts.find((part) => part.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(instantMs / 1000) * 1000) / 1000);
}

/** Epoch milliseconds of the GTFS reference time (local noon minus 12 h) of a service date. */
export function serviceDayReferenceMs(gtfsDate: number, timeZone: string): number {
  const y = Math.floor(gtfsDate / 10000);
  const m = (Math.floor(gtfsDate / 100) % 100) - 1;
  const d = gtfsDate % 100;
  const noonAsUtc = Date.UTC(y, m, d, 12);
  // Local noon is never inside a DST gap in Europe, so one correction step is exact.
  const localNoon = noonAsUtc - utcOffsetSeconds(noonAsUtc, timeZone) * 1000;
  return localNoon - 12 * 3600 * 1000;
}

/**
 * Seconds to add to clock times of service date `otherDate` to express them relative to the
 * reference of `baseDate` (e.g. +86,400 for the next day, −82,800 for 2026-03-28 seen from
 * 2026-03-29 in Europe/Berlin).
 */
export function serviceDayOffsetSeconds(baseDate: number, otherDate: number, timeZone: string): number {
  return Math.round((serviceDayReferenceMs(otherDate, timeZone) - serviceDayReferenceMs(baseDate, timeZone)) / 1000);
}

/** Offset of the day before and the day after `gtfsDate`. */
export function neighbourOffsets(gtfsDate: number, timeZone: string): { previous: number; next: number } {
  return {
    previous: serviceDayOffsetSeconds(gtfsDate, addDays(gtfsDate, -1), timeZone),
    next: serviceDayOffsetSeconds(gtfsDate, addDays(gtfsDate, 1), timeZone),
  };
}

/**
 * Converts a local wall-clock time (seconds after local midnight of `gtfsDate`, may exceed a day)
 * to clock seconds relative to that date's GTFS reference. Equal except on DST-change days.
 */
export function wallClockToServiceSeconds(gtfsDate: number, wallSeconds: number, timeZone: string): number {
  const y = Math.floor(gtfsDate / 10000);
  const m = (Math.floor(gtfsDate / 100) % 100) - 1;
  const d = gtfsDate % 100;
  const wallAsUtc = Date.UTC(y, m, d) + wallSeconds * 1000;
  let instant = wallAsUtc - utcOffsetSeconds(wallAsUtc, timeZone) * 1000;
  instant = wallAsUtc - utcOffsetSeconds(instant, timeZone) * 1000;
  return Math.round((instant - serviceDayReferenceMs(gtfsDate, timeZone)) / 1000);
}

/** Converts clock seconds relative to `gtfsDate`'s reference to local wall-clock seconds after that date's midnight. */
export function serviceSecondsToWallClock(gtfsDate: number, clockSeconds: number, timeZone: string): number {
  const instant = serviceDayReferenceMs(gtfsDate, timeZone) + clockSeconds * 1000;
  const y = Math.floor(gtfsDate / 10000);
  const m = (Math.floor(gtfsDate / 100) % 100) - 1;
  const d = gtfsDate % 100;
  return Math.round((instant + utcOffsetSeconds(instant, timeZone) * 1000 - Date.UTC(y, m, d)) / 1000);
}

/**
 * Clock seconds of a service date as people read them: a function from clock seconds relative
 * to `gtfsDate`'s reference to wall-clock seconds after that date's local midnight (more than a
 * day for the next morning, negative for the evening before). The same number except around a
 * DST change: seen from 2026-10-24, clock 31:25:00 is 06:25 CET on 2026-10-25 (wall 30:25:00),
 * not 07:25; seen from 2027-03-27, clock 29:00:00 is 06:00 CEST on 2027-03-28. Durations stay
 * differences of clock seconds (elapsed time).
 *
 * @example
 * ```ts
 * wallClockOf(20261024, 'Europe/Berlin')(31 * 3600 + 25 * 60); // 109500 (30:25:00, 06:25 the next day)
 * ```
 */
export function wallClockOf(gtfsDate: number, timeZone: string): (clockSeconds: number) => number {
  const key = `${gtfsDate} ${timeZone}`;
  let wall = wallClocks.get(key);
  if (!wall) {
    // Without a change of the UTC offset from two days before to four days after the reference (a
    // timetable spans three service days), the wall clock is the clock plus a constant (0 in
    // Europe/Berlin): one addition per time for a report's hundred thousand.
    const reference = serviceDayReferenceMs(gtfsDate, timeZone);
    const offset = utcOffsetSeconds(reference, timeZone);
    const steady = utcOffsetSeconds(reference - 2 * 86_400_000, timeZone) === offset && utcOffsetSeconds(reference + 4 * 86_400_000, timeZone) === offset;
    const shift = serviceSecondsToWallClock(gtfsDate, 0, timeZone);
    wall = steady ? (clockSeconds) => clockSeconds + shift : (clockSeconds) => serviceSecondsToWallClock(gtfsDate, clockSeconds, timeZone);
    if (wallClocks.size > 1000) wallClocks.clear();
    wallClocks.set(key, wall);
  }
  return wall;
}

const wallClocks = new Map<string, (clockSeconds: number) => number>();
