/**
 * The service calendar of merged feeds: per date the number of active trips and a day type.
 *
 * Day types come from the feed itself: dates with the same set of active services form one
 * service pattern; each pattern is named from its weekdays and its service level —
 * "Schultag" (a full weekday), "Ferientag" (a weekday with clearly less service: school
 * holidays in the BördeBus feed), "Samstag", "Sonn-/Feiertag" (Sundays, and weekdays whose
 * service is no more than a Sunday's).
 *
 * The first feed decides (put the district's bus operator first): merged city or rail feeds
 * change their service levels on other dates (the MVB feed drops to a fraction of its service
 * after July 2026) and would blur the district's school-day pattern. A date on which the first
 * feed runs nothing is "ohne Verkehr" even if other feeds run (the BördeBus feed ends its service
 * on 2026-12-31 while MVB runs on).
 *
 * Beside it stands the official day type of Sachsen-Anhalt (public and school holidays, see
 * `official-calendar.ts`) and whether the two agree: a feed that keeps school-day service during
 * holidays (the NASA feeds do in autumn and at Christmas 2026, even on 25.12.) yields "Schultag"
 * by the feed and "Ferientag"/"Sonn-/Feiertag" officially; `agrees` is then false.
 */
import type { FeedSet } from '../feed/load-feeds.js';
import { firstServiceDate, lastServiceDate, serviceDays } from '../feed/service-days.js';
import { addDays, formatIsoDate, isoWeekday, requireIsoDate, weekdayName } from '../time/clock.js';
import { loadOfficialCalendar, officialDay, type OfficialCalendar, type OfficialDayTypeId } from './official-calendar.js';

/** Kinds of day, in the order reports list them. */
export const DAY_TYPE_IDS = ['school-day', 'holiday-weekday', 'saturday', 'sunday-holiday', 'no-service'] as const;
/** A day type id: `school-day`, `holiday-weekday`, `saturday`, `sunday-holiday` or `no-service`. */
export type DayTypeId = (typeof DAY_TYPE_IDS)[number];

/** Labels of day types. */
export const DAY_TYPE_LABELS: Record<'de' | 'en', Record<DayTypeId, string>> = {
  de: {
    'school-day': 'Schultag',
    'holiday-weekday': 'Ferientag',
    saturday: 'Samstag',
    'sunday-holiday': 'Sonn-/Feiertag',
    'no-service': 'ohne Verkehr',
  },
  en: {
    'school-day': 'school day',
    'holiday-weekday': 'holiday weekday',
    saturday: 'Saturday',
    'sunday-holiday': 'Sunday/holiday',
    'no-service': 'no service',
  },
};

/** One date of the calendar. */
export interface CalendarDay {
  /** `YYYY-MM-DD`. */
  date: string;
  /** `Mo` … `So` (or `Mon` … `Sun` in English). */
  weekday: string;
  /** Trips running on that service date (all feeds). */
  activeTrips: number;
  /** Day type id. */
  dayTypeId: DayTypeId;
  /** Day type label (German by default). */
  dayType: string;
  /** Service pattern: dates with the same letter have exactly the same services. */
  pattern: string;
  /** Official day type of Sachsen-Anhalt; null where the school holidays are not known. */
  officialDayTypeId: OfficialDayTypeId | null;
  /** Its label (German by default), `unbekannt`/`unknown` when null. */
  officialDayType: string;
  /** Name of the public holiday or of the school holidays the date lies in, or null. */
  holiday: string | null;
  /** Feed and official calendar agree; null when either says nothing (no service, or official type unknown). */
  agrees: boolean | null;
}

/** Options for {@link serviceCalendar}. */
export interface ServiceCalendarOptions {
  /** First date (`YYYY-MM-DD`), default the first date with service in any feed. */
  from?: string;
  /** Last date, default the last date with service in any feed. */
  to?: string;
  lang?: 'de' | 'en';
  /** The official calendar (default: the bundled Sachsen-Anhalt file). */
  official?: OfficialCalendar;
}

/** Share of the busiest weekday level below which a weekday counts as a holiday weekday. */
const HOLIDAY_LEVEL = 0.88;
/** A weekday with at most this share more trips than a typical Sunday counts as a holiday. */
const SUNDAY_LEVEL = 1.1;

/**
 * Computes the calendar of the feeds for a range of dates.
 *
 * @example
 * ```ts
 * serviceCalendar(feeds, { from: '2026-12-07', to: '2026-12-13' })
 *   .map((day) => `${day.date} ${day.weekday} ${day.activeTrips} ${day.dayType}`);
 * ```
 */
export function serviceCalendar(feeds: FeedSet, options: ServiceCalendarOptions = {}): CalendarDay[] {
  const lang = options.lang ?? 'de';
  const first = options.from ? requireIsoDate(options.from, 'from') : firstServiceDate(feeds);
  const last = options.to ? requireIsoDate(options.to, 'to') : lastServiceDate(feeds);
  if (first === undefined || last === undefined || first > last) return [];
  const service = serviceDays(feeds);
  const raw: { date: number; weekday: number; trips: number; leadTrips: number; signature: string }[] = [];
  for (let date = first; date <= last; date = addDays(date, 1)) {
    // No service runs outside the range of the service days.
    const i = service.indexOf(date);
    raw.push({
      date,
      weekday: isoWeekday(date),
      trips: i < 0 ? 0 : service.trips[i]!,
      leadTrips: i < 0 ? 0 : (service.tripsPerFeed[0]?.[i] ?? 0),
      signature: i < 0 ? '' : service.activeServices[i]!.join(','),
    });
  }

  // Service levels over the whole feed range (not just the asked range), so that a single
  // week is classified the same way as within the whole year.
  const lead = serviceLevels(feeds);
  const patterns = new Map<string, string>();
  const patternName = (signature: string): string => {
    let name = patterns.get(signature);
    if (!name) {
      name = letters(patterns.size);
      patterns.set(signature, name);
    }
    return name;
  };
  const official = options.official ?? loadOfficialCalendar();
  return raw.map((day) => {
    const dayTypeId = classify(day.weekday, day.leadTrips, lead);
    const date = formatIsoDate(day.date);
    const reading = officialDay(official, date);
    return {
      date,
      weekday: weekdayName(day.weekday, lang),
      activeTrips: day.trips,
      dayTypeId,
      dayType: DAY_TYPE_LABELS[lang][dayTypeId],
      pattern: day.trips === 0 ? '-' : patternName(day.signature),
      officialDayTypeId: reading.dayTypeId,
      officialDayType: reading.dayTypeId ? DAY_TYPE_LABELS[lang][reading.dayTypeId] : lang === 'de' ? 'unbekannt' : 'unknown',
      holiday: reading.publicHoliday ?? reading.schoolHoliday,
      agrees: reading.dayTypeId === null || dayTypeId === 'no-service' ? null : reading.dayTypeId === dayTypeId,
    };
  });
}

const fullCalendars = new WeakMap<FeedSet, CalendarDay[]>();

/** The calendar over the whole service range of the feeds (German labels), computed once per feed set. */
export function fullServiceCalendar(feeds: FeedSet): CalendarDay[] {
  let calendar = fullCalendars.get(feeds);
  if (!calendar) {
    calendar = serviceCalendar(feeds);
    fullCalendars.set(feeds, calendar);
  }
  return calendar;
}

/**
 * The calendar days of some dates (`YYYY-MM-DD`, German labels), by date: from the whole-range
 * calendar when it has been computed already, else from a calendar over just their range (the
 * same days but for the `pattern` letters: the classification uses levels of the whole range).
 * A short run (one `check`) needs six dates, not the four hundred of a feed's year.
 */
export function calendarDaysOf(feeds: FeedSet, dates: readonly string[]): Map<string, CalendarDay> {
  const wanted = new Set(dates);
  const full = fullCalendars.get(feeds);
  const sorted = [...wanted].sort();
  const days = full ?? (sorted.length === 0 ? [] : serviceCalendar(feeds, { from: sorted[0], to: sorted.at(-1) }));
  return new Map(days.filter((day) => wanted.has(day.date)).map((day) => [day.date, day]));
}

/** Classifies one date by its weekday and number of trips (see the module comment). */
export function classifyDay(feeds: FeedSet, gtfsDate: number): DayTypeId {
  const service = serviceDays(feeds);
  const i = service.indexOf(gtfsDate);
  const leadTrips = i < 0 ? 0 : (service.tripsPerFeed[0]?.[i] ?? 0);
  return classify(isoWeekday(gtfsDate), leadTrips, serviceLevels(feeds));
}

interface Levels {
  /** Typical (90th percentile) trips on a weekday Mo–Fr. */
  weekday: number;
  /** Typical (median) trips on a Sunday. */
  sunday: number;
}

const levelCache = new WeakMap<FeedSet, Levels>();

/** Typical weekday and Sunday trip counts of the first feed. */
function serviceLevels(feeds: FeedSet): Levels {
  const cached = levelCache.get(feeds);
  if (cached) return cached;
  const weekdays: number[] = [];
  const sundays: number[] = [];
  const service = serviceDays(feeds);
  const leadTrips = service.tripsPerFeed[0];
  for (let i = 0; leadTrips && i < service.dates.length; i++) {
    const trips = leadTrips[i]!;
    if (trips === 0) continue;
    const weekday = isoWeekday(service.dates[i]!);
    if (weekday <= 5) weekdays.push(trips);
    else if (weekday === 7) sundays.push(trips);
  }
  const levels = { weekday: quantile(weekdays, 0.9), sunday: quantile(sundays, 0.5) };
  levelCache.set(feeds, levels);
  return levels;
}

function classify(weekday: number, trips: number, levels: Levels): DayTypeId {
  if (trips === 0) return 'no-service';
  if (weekday === 7) return 'sunday-holiday';
  if (weekday === 6) return 'saturday';
  if (levels.sunday > 0 && trips <= levels.sunday * SUNDAY_LEVEL) return 'sunday-holiday';
  return trips < levels.weekday * HOLIDAY_LEVEL ? 'holiday-weekday' : 'school-day';
}

function quantile(values: number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1) + 0.5))]!;
}

function letters(index: number): string {
  let name = '';
  let n = index;
  do {
    name = String.fromCharCode(65 + (n % 26)) + name;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return name;
}

export { firstServiceDate, lastServiceDate } from '../feed/service-days.js';
