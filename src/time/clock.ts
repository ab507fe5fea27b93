/**
 * Clock times and service dates.
 *
 * A *clock time* is seconds since the reference time of a service day ("noon minus 12 h" in the
 * feed's time zone, as GTFS defines it). It may exceed 86,400 (a trip after midnight, a
 * next-morning arrival) and may be negative (a trip of the previous service day). On all but the
 * two DST-change days the reference time is local midnight, so clock seconds read as wall-clock
 * time.
 *
 * A *service date* is a calendar date written `YYYY-MM-DD`; internally also as the GTFS integer
 * `YYYYMMDD`. Date arithmetic is done on UTC noon so no local time zone can shift a day.
 */

import { UsageError } from '../errors.js';

/** Seconds in a day without a DST change. */
export const SECONDS_PER_DAY = 86_400;

const GTFS_TIME = /^(\d{1,3}):([0-5]\d):([0-5]\d)$/;

/** Parses a GTFS time `H:MM:SS` or `HH:MM:SS` (hours may be ≥ 24) to clock seconds; `undefined` if malformed. */
export function parseGtfsTime(text: string): number | undefined {
  const match = GTFS_TIME.exec(text.trim());
  if (!match) return undefined;
  return Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]);
}

const USER_TIME = /^(\d{1,2}):([0-5]\d)(?::([0-5]\d))?$/;

/** Parses a user's `HH:MM` or `HH:MM:SS` (hours 0–47) to clock seconds; `undefined` if malformed. */
export function parseClock(text: string): number | undefined {
  const match = USER_TIME.exec(text.trim());
  if (!match) return undefined;
  const hours = Number(match[1]);
  if (hours > 47) return undefined;
  return hours * 3600 + Number(match[2]) * 60 + Number(match[3] ?? 0);
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Formats clock seconds as `HH:MM:SS` (hours may exceed 23, e.g. `29:42:00`; negative as `-HH:MM:SS`). */
export function formatClock(clockSeconds: number): string {
  const sign = clockSeconds < 0 ? '-' : '';
  const s = Math.abs(clockSeconds);
  return `${sign}${pad2(Math.floor(s / 3600))}:${pad2(Math.floor((s % 3600) / 60))}:${pad2(s % 60)}`;
}

/**
 * Formats clock seconds for people: `HH:MM` (seconds dropped); times of the next day as
 * `06:05 (+1)`, of the previous day as `23:40 (-1)`.
 */
export function formatClockShort(clockSeconds: number): string {
  const dayShift = Math.floor(clockSeconds / SECONDS_PER_DAY);
  const text = formatClock(clockSeconds - dayShift * SECONDS_PER_DAY).slice(0, 5);
  return dayShift === 0 ? text : `${text} (${dayShift > 0 ? '+' : ''}${dayShift})`;
}

/** Formats a duration in seconds as whole minutes, rounded to nearest (`17 min`). */
export function formatMinutes(durationSeconds: number): string {
  return `${Math.round(durationSeconds / 60)} min`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses `YYYY-MM-DD` to the GTFS integer `YYYYMMDD`; `undefined` if malformed or not a real date. */
export function parseIsoDate(text: string): number | undefined {
  const match = ISO_DATE.exec(text.trim());
  if (!match) return undefined;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(y, m - 1, d, 12));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) return undefined;
  return y * 10000 + m * 100 + d;
}

/**
 * Parses a date given to a public function or flag, `YYYY-MM-DD`, to the GTFS integer; anything
 * else (also a non-string) is a {@link UsageError} naming `name` and the value.
 *
 * @example requireIsoDate('garbage', 'date') // throws UsageError: date muss ein Datum wie 2026-12-08 sein, nicht "garbage"
 */
export function requireIsoDate(text: unknown, name: string): number {
  const date = typeof text === 'string' ? parseIsoDate(text) : undefined;
  if (date === undefined) {
    const shown = typeof text === 'string' ? text : String(text);
    throw new UsageError(
      { de: `${name} muss ein Datum wie 2026-12-08 sein, nicht "${shown}"`, en: `${name} must be a date like 2026-12-08, got "${shown}"` },
      name,
      'BAD_DATE',
    );
  }
  return date;
}

/** The same for a GTFS integer date `YYYYMMDD` (e.g. 20261208). */
export function requireGtfsDate(gtfsDate: unknown, name: string): number {
  if (typeof gtfsDate === 'number' && Number.isInteger(gtfsDate) && gtfsDate > 0 && parseIsoDate(formatIsoDate(gtfsDate)) === gtfsDate) return gtfsDate;
  throw new UsageError(
    { de: `${name} muss ein Datum wie 20261208 sein, nicht "${String(gtfsDate)}"`, en: `${name} must be a date like 20261208, got "${String(gtfsDate)}"` },
    name,
    'BAD_DATE',
  );
}

/** `20261208` → `2026-12-08`. */
export function formatIsoDate(gtfsDate: number): string {
  const y = Math.floor(gtfsDate / 10000);
  const m = Math.floor(gtfsDate / 100) % 100;
  const d = gtfsDate % 100;
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

function toUtcNoon(gtfsDate: number): Date {
  return new Date(Date.UTC(Math.floor(gtfsDate / 10000), (Math.floor(gtfsDate / 100) % 100) - 1, gtfsDate % 100, 12));
}

function fromUtcNoon(date: Date): number {
  return date.getUTCFullYear() * 10000 + (date.getUTCMonth() + 1) * 100 + date.getUTCDate();
}

/** The GTFS date `days` days after (or before, if negative) `gtfsDate`. */
export function addDays(gtfsDate: number, days: number): number {
  const date = toUtcNoon(gtfsDate);
  date.setUTCDate(date.getUTCDate() + days);
  return fromUtcNoon(date);
}

/** ISO weekday of a GTFS date: 1 = Monday … 7 = Sunday (integer arithmetic: calendars ask this for every date and service). */
export function isoWeekday(gtfsDate: number): number {
  // Days since 1970-01-01 of the proleptic Gregorian date (H. Hinnant's days_from_civil), which was a Thursday.
  const month = Math.floor(gtfsDate / 100) % 100;
  const day = gtfsDate % 100;
  const year = Math.floor(gtfsDate / 10000) - (month <= 2 ? 1 : 0);
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  const days = era * 146097 + dayOfEra - 719468;
  return ((((days + 3) % 7) + 7) % 7) + 1;
}

/** Whole days from `a` to `b` (positive if b is later). */
export function daysBetween(a: number, b: number): number {
  return Math.round((toUtcNoon(b).getTime() - toUtcNoon(a).getTime()) / 86_400_000);
}

const WEEKDAYS_DE = ['Mo', 'Di', 'Mi', 'Do', 'Fr', 'Sa', 'So'] as const;
const WEEKDAYS_EN = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** Short weekday name of an ISO weekday (1–7) in German (`Di`) or English (`Tue`). */
export function weekdayName(isoDay: number, lang: 'de' | 'en' = 'de'): string {
  return (lang === 'de' ? WEEKDAYS_DE : WEEKDAYS_EN)[isoDay - 1] ?? '?';
}

/** A date as users read it: `Di, 08.12.2026` (German) or `Tue, 2026-12-08` (English). */
export function formatDateForHumans(gtfsDate: number, lang: 'de' | 'en' = 'de'): string {
  const day = weekdayName(isoWeekday(gtfsDate), lang);
  if (lang === 'en') return `${day}, ${formatIsoDate(gtfsDate)}`;
  const y = Math.floor(gtfsDate / 10000);
  const m = Math.floor(gtfsDate / 100) % 100;
  const d = gtfsDate % 100;
  return `${day}, ${pad2(d)}.${pad2(m)}.${y}`;
}
