/**
 * Which dates a check or report looks at: a week, explicit dates, or one representative date per
 * day type found in the feed (school day, holiday weekday, Saturday, Sunday/holiday). A
 * representative date is one on which the feed's service level and the official calendar of
 * Sachsen-Anhalt agree (never 25.12.2026 as a "Schultag"), within the dates every loaded feed runs.
 */
import type { FeedSet } from '../feed/load-feeds.js';
import { addDays, formatIsoDate, isoWeekday, parseIsoDate, requireIsoDate } from '../time/clock.js';
import { commonServiceRange } from './feed-coverage.js';
import { fullServiceCalendar, type DayTypeId } from './service-calendar.js';

/**
 * Runs `run(item, date)` for every item (a slot of a check, a destination's slot of a report) on
 * each of its dates, date by date: everything due on the earliest date first, then the next date.
 * Returns per item the results in the order of its own dates. So an engine with
 * `datesInMemory: 1` reads and mirrors each date's timetable once.
 */
export function dateByDate<T>(datesOf: readonly (readonly string[])[], run: (item: number, date: string) => T): T[][] {
  const results = datesOf.map(() => new Map<string, T>());
  for (const date of [...new Set(datesOf.flat())].sort()) {
    datesOf.forEach((dates, item) => {
      if (dates.includes(date)) results[item]!.set(date, run(item, date));
    });
  }
  return datesOf.map((dates, item) => dates.map((date) => results[item]!.get(date)!));
}

/** How to choose dates. */
export type DaySelection =
  /** `fromToday`: the week was not asked for but chosen from this today (see {@link defaultWeek}). */
  | { kind: 'week'; monday: string; fromToday?: string }
  | { kind: 'dates'; dates: string[] }
  | { kind: 'day-types'; from: string };

/** Day types a representative date is chosen for, in report order. */
export const REPRESENTED_DAY_TYPES: readonly DayTypeId[] = ['school-day', 'holiday-weekday', 'saturday', 'sunday-holiday'];

/** Weekdays tried first for weekday day types: mid-week is the most typical. */
const WEEKDAY_PREFERENCE = [3, 2, 4, 1, 5, 6, 7];

/**
 * The dates to assess for a slot that runs on `slotDays` (ISO weekdays 1–7).
 *
 * For day types: per type, the first date on or after `from` of that type on which feed and
 * official calendar agree (or the official type is unknown), on a weekday of the slot (Wednesday
 * preferred) and within the dates every feed runs; if there is none after `from`, the latest
 * such date before it (the closest to `from`, on the preferred weekday).
 */
export function chooseDates(feeds: FeedSet, selection: DaySelection, slotDays: readonly number[]): { date: string; dayTypeId?: DayTypeId }[] {
  if (selection.kind === 'dates') {
    return selection.dates.filter((date) => slotDays.includes(isoWeekday(requireIsoDate(date, 'dates')))).map((date) => ({ date }));
  }
  if (selection.kind === 'week') {
    const monday = requireIsoDate(selection.monday, 'monday');
    const dates: { date: string }[] = [];
    for (let i = 0; i < 7; i++) {
      const date = addDays(monday, i);
      if (slotDays.includes(isoWeekday(date))) dates.push({ date: formatIsoDate(date) });
    }
    return dates;
  }
  const calendar = dayTypeCalendar(feeds);
  const from = formatIsoDate(requireIsoDate(selection.from, 'from'));
  const chosen: { date: string; dayTypeId: DayTypeId }[] = [];
  for (const type of REPRESENTED_DAY_TYPES) {
    const candidates = calendar.filter((day) => day.dayTypeId === type && slotDays.includes(day.isoWeekday));
    if (candidates.length === 0) continue;
    const pick = (pool: typeof candidates): (typeof candidates)[number] | undefined => {
      for (const weekday of WEEKDAY_PREFERENCE) {
        const match = pool.find((day) => day.isoWeekday === weekday);
        if (match) return match;
      }
      return undefined;
    };
    // None on or after `from` (the last weeks of a timetable, or old feeds): the closest before it.
    const day = pick(candidates.filter((candidate) => candidate.date >= from)) ?? pick(candidates.filter((candidate) => candidate.date < from).reverse());
    if (day) chosen.push({ date: day.date, dayTypeId: type });
  }
  return chosen;
}

const calendars = new WeakMap<FeedSet, { date: string; isoWeekday: number; dayTypeId: DayTypeId }[]>();

function dayTypeCalendar(feeds: FeedSet): { date: string; isoWeekday: number; dayTypeId: DayTypeId }[] {
  let calendar = calendars.get(feeds);
  if (!calendar) {
    const range = commonServiceRange(feeds);
    calendar = fullServiceCalendar(feeds)
      .filter((day) => day.agrees !== false && range.from !== null && day.date >= range.from && day.date <= range.to!)
      .map((day) => ({
        date: day.date,
        isoWeekday: isoWeekday(parseIsoDate(day.date)!),
        dayTypeId: day.dayTypeId,
      }));
    calendars.set(feeds, calendar);
  }
  return calendar;
}

/** The Monday on or after a GTFS date (the date itself on a Monday). */
const mondayOnOrAfter = (date: number): number => addDays(date, (8 - isoWeekday(date)) % 7);
/** The Monday on or before a GTFS date: the Monday of its week. */
const mondayOnOrBefore = (date: number): number => addDays(date, 1 - isoWeekday(date));

/** The Monday of the week containing `date`. */
export function mondayOf(date: string): string {
  return formatIsoDate(mondayOnOrBefore(requireIsoDate(date, 'date')));
}

/** The Monday on or after `today` (`today` itself on a Monday): the week a check looks at by default. */
export function nextMonday(today: string): string {
  return formatIsoDate(mondayOnOrAfter(requireIsoDate(today, 'today')));
}

/**
 * The default week: the week from the Monday on or after `today` when it lies within the service
 * of every feed, with the Monday after it (a night shift of Sunday ends then); else the full week
 * within that service closest to it: the last one when that week lies after the feeds' end (old
 * downloaded feeds, or the last days of a timetable year), the first one when it lies before
 * their start. Only a service range shorter than eight days falls back to its first Monday.
 * `dataWarnings` says so when the week is not the one from today.
 */
export function defaultWeek(feeds: FeedSet, today: string): string {
  const natural = mondayOnOrAfter(requireIsoDate(today, 'today'));
  const range = commonServiceRange(feeds);
  if (range.from === null || range.to === null) return formatIsoDate(natural);
  const first = parseIsoDate(range.from)!;
  const last = parseIsoDate(range.to)!;
  const fits = (monday: number): boolean => monday >= first && addDays(monday, 7) <= last;
  if (fits(natural)) return formatIsoDate(natural);
  const closest = natural < first ? mondayOnOrAfter(first) : mondayOnOrBefore(addDays(last, -7));
  return formatIsoDate(fits(closest) ? closest : mondayOnOrAfter(first));
}
