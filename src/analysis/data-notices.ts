/**
 * Warnings about the limits of the data, for every answer a person reads: dates on which the
 * timetable's service level disagrees with the official calendar (the NASA feeds run school-day
 * service on 25.12.2026), feeds whose service drops to a fraction on the dates asked, and the
 * assumption made by `--service-as official`. The CLI prints one line per warning at the top of
 * `check`, `report`, `homes` and `compare`; JSON carries them as `warnings`; the web workbench
 * uses the same function.
 */
import type { FeedSet } from '../feed/load-feeds.js';
import { formatNumber } from '../format-number.js';
import { addDays, formatDateForHumans, formatIsoDate, parseIsoDate } from '../time/clock.js';
import { calendarDaysOf, type CalendarDay, type DayTypeId } from './service-calendar.js';
import { commonServiceRange, feedCoverage } from './feed-coverage.js';
import { nextMonday, type DaySelection } from './choose-days.js';

/** One warning about the data behind an answer. */
export interface DataWarning {
  /**
   * `calendar-mismatch`: the timetable's service on `date` is not that of its official day type.
   * `service-as-official`: the same, and the date was evaluated with `referenceDate`'s service.
   * `reduced-service`: `feed` runs only a fraction of its trips on `dates`.
   * `today-outside-data`: the days were chosen from today (no `--week`/`--dates`), but today lies
   * before or after the dates all loaded feeds cover, so other days were taken.
   */
  code: 'calendar-mismatch' | 'service-as-official' | 'reduced-service' | 'today-outside-data';
  /** The date concerned (`YYYY-MM-DD`), null for warnings about several dates. */
  date: string | null;
  /** The line a person reads (in the language asked for). */
  message: string;
  /** Official day type and the timetable's, for calendar warnings. */
  officialDayTypeId?: DayTypeId;
  timetableDayTypeId?: DayTypeId;
  /** Name of the public holiday or school holidays. */
  holiday?: string | null;
  /** The date whose service was used instead (`service-as-official`). */
  referenceDate?: string;
  /** Feed label and affected dates (`reduced-service`). */
  feed?: string;
  dates?: string[];
}

/** Options of {@link dataWarnings}. */
export interface DataWarningOptions {
  lang?: 'de' | 'en';
  /** Dates evaluated with another date's service (see `officialServiceDates`). */
  serviceDates?: ReadonlyMap<string, string>;
  /**
   * How the days were chosen: a selection made from today (day types, or the week chosen by
   * default) warns when today lies outside the dates all feeds cover.
   */
  days?: DaySelection;
}

const SERVICE_WORDS: Record<'de' | 'en', Record<DayTypeId, string>> = {
  de: {
    'school-day': 'Schultagsverkehr',
    'holiday-weekday': 'Ferienverkehr',
    saturday: 'Samstagsverkehr',
    'sunday-holiday': 'Sonn-/Feiertagsverkehr',
    'no-service': 'keinen Verkehr',
  },
  en: {
    'school-day': 'school-day service',
    'holiday-weekday': 'school-holiday service',
    saturday: 'Saturday service',
    'sunday-holiday': 'Sunday/holiday service',
    'no-service': 'no service',
  },
};

/** What the official calendar says a date is, as part of a sentence. */
function officialPhrase(day: CalendarDay, lang: 'de' | 'en'): string {
  const de = lang === 'de';
  switch (day.officialDayTypeId) {
    case 'sunday-holiday':
      return day.holiday ? (de ? 'ein Feiertag' : 'a public holiday') : de ? 'ein Sonntag' : 'a Sunday';
    case 'holiday-weekday':
      return de ? `ein Ferientag (${day.holiday})` : `a school-holiday weekday (${day.holiday})`;
    case 'saturday':
      return de ? 'ein Samstag' : 'a Saturday';
    default:
      return de ? 'ein Schultag' : 'a school day';
  }
}

function shortDate(date: string, lang: 'de' | 'en'): string {
  return lang === 'de' ? `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}` : date;
}

/**
 * The warnings for the dates an answer looks at, in date order: one per date whose timetable
 * disagrees with the official calendar, then one per feed running only a fraction of its service
 * on some of the dates.
 *
 * @example
 * ```ts
 * dataWarnings(feeds, ['2026-12-25'])[0]?.message;
 * // 'Achtung: 25.12.2026 ist ein Feiertag, der Fahrplan enthält aber Schultagsverkehr — die Auskunft folgt dem Fahrplan'
 * ```
 */
export function dataWarnings(feeds: FeedSet, dates: readonly string[], options: DataWarningOptions = {}): DataWarning[] {
  const lang = options.lang ?? 'de';
  const de = lang === 'de';
  const unique = [...new Set(dates)].sort();
  const byDate = calendarDaysOf(feeds, unique);
  const warnings: DataWarning[] = [];
  const outside = daysNotFromTodayWarning(feeds, options.days, lang);
  if (outside) warnings.push(outside);
  for (const date of unique) {
    const day = byDate.get(date);
    if (!day || day.agrees !== false) continue;
    const official = day.officialDayTypeId!;
    const reference = options.serviceDates?.get(date);
    const what = de
      ? `${shortDate(date, lang)} ist ${officialPhrase(day, lang)}, der Fahrplan enthält aber ${SERVICE_WORDS.de[day.dayTypeId]}`
      : `${shortDate(date, lang)} is ${officialPhrase(day, lang)}, but the timetable has ${SERVICE_WORDS.en[day.dayTypeId]}`;
    if (reference) {
      const shown = formatDateForHumans(parseIsoDate(reference)!, lang);
      warnings.push({
        code: 'service-as-official',
        date,
        message: de
          ? `Annahme: ${what} — ausgewertet mit dem ${SERVICE_WORDS.de[official]} vom ${shown} (--service-as official)`
          : `Assumption: ${what} — evaluated with the ${SERVICE_WORDS.en[official]} of ${shown} (--service-as official)`,
        officialDayTypeId: official,
        timetableDayTypeId: day.dayTypeId,
        holiday: day.holiday,
        referenceDate: reference,
      });
    } else {
      warnings.push({
        code: 'calendar-mismatch',
        date,
        message: de ? `Achtung: ${what} — die Auskunft folgt dem Fahrplan` : `Warning: ${what} — the answer follows the timetable`,
        officialDayTypeId: official,
        timetableDayTypeId: day.dayTypeId,
        holiday: day.holiday,
      });
    }
  }
  const number = (n: number): string => formatNumber(n, lang);
  for (const coverage of feedCoverage(feeds)) {
    if (!coverage.reducedFrom || coverage.reducedMaxTrips === null) continue;
    const affected = unique.filter((date) => date >= coverage.reducedFrom! && date <= (coverage.lastServiceDate ?? ''));
    if (affected.length === 0) continue;
    const list =
      affected.length === unique.length && unique.length > 1
        ? de
          ? `alle ${affected.length} geprüften Tage`
          : `all ${affected.length} dates checked`
        : affected.length > 4
          ? `${affected.slice(0, 3).map((date) => shortDate(date, lang)).join(', ')} ${de ? `und ${affected.length - 3} weitere Tage` : `and ${affected.length - 3} more dates`}`
          : affected.map((date) => shortDate(date, lang)).join(', ');
    warnings.push({
      code: 'reduced-service',
      date: null,
      message: de
        ? `Achtung: ${coverage.label} fährt ab ${shortDate(coverage.reducedFrom, lang)} nur noch einen Bruchteil seiner Fahrten (höchstens ${number(coverage.reducedMaxTrips)} statt bis zu ${number(coverage.peakWeekdayTrips)} je Werktag) — betrifft ${list}`
        : `Warning: ${coverage.label} runs only a fraction of its trips from ${shortDate(coverage.reducedFrom, lang)} (at most ${number(coverage.reducedMaxTrips)} instead of up to ${number(coverage.peakWeekdayTrips)} a weekday) — affects ${list}`,
      feed: coverage.label,
      dates: affected,
    });
  }
  return warnings;
}

/**
 * The warning that days chosen from today are not the days from today: today lies outside the
 * dates all loaded feeds cover (old downloaded feeds in a new year), or the default week from the
 * next Monday runs past their end (the last days of a timetable year). The answer is about other
 * days, and says so on top, not only in its dates. Undefined for days the user gave (`--week`,
 * `--dates`) and for days from today.
 */
export function daysNotFromTodayWarning(feeds: FeedSet, days: DaySelection | undefined, lang: 'de' | 'en'): DataWarning | undefined {
  const today = days?.kind === 'day-types' ? days.from : days?.kind === 'week' ? days.fromToday : undefined;
  const range = commonServiceRange(feeds);
  if (today === undefined || range.from === null || range.to === null) return undefined;
  const de = lang === 'de';
  const span = `${shortDate(range.from, lang)}–${shortDate(range.to, lang)}`;
  const advice = (late: boolean): string => (late ? (de ? '; aktuelle Fahrpläne: erreichbar feeds download' : '; current timetables: erreichbar feeds download') : '');
  if (today >= range.from && today <= range.to) {
    const natural = nextMonday(today);
    if (days?.kind !== 'week' || natural === days.monday) return undefined;
    const week = (monday: string): string => `${shortDate(monday, lang)}–${shortDate(formatIsoDate(addDays(parseIsoDate(monday)!, 6)), lang)}`;
    return {
      code: 'today-outside-data',
      date: today,
      message: de
        ? `Achtung: die Woche ${week(natural)} liegt nicht ganz in den Fahrplandaten (alle Fahrpläne: ${span}) — geprüft wird die Woche ${week(days.monday)}${advice(natural > days.monday)}`
        : `Warning: the week ${week(natural)} is not wholly within the timetables (all feeds: ${span}) — the week checked is ${week(days.monday)}${advice(natural > days.monday)}`,
    };
  }
  const after = today > range.to;
  return {
    code: 'today-outside-data',
    date: today,
    message: de
      ? `Achtung: heute (${shortDate(today, lang)}) liegt ${after ? 'nach dem Ende' : 'vor dem Beginn'} der Fahrplandaten (alle Fahrpläne: ${span}) — geprüft werden Tage daraus, nicht die Tage ab heute${advice(after)}`
      : `Warning: today (${today}) lies ${after ? 'after the end' : 'before the start'} of the timetables (all feeds: ${span}) — the days checked are taken from them, not from today${advice(after)}`,
  };
}
