/**
 * Flags and inputs shared by `check`, `report` and `homes`: places and destinations files (the
 * default Börde data when none are given), points written as names or `lat,lon`, slots from
 * `--shift`/`--days`, the choice of days and the limits.
 */
import path from 'node:path';
import { bundledDataPath } from '../../places/bundled-data.js';
import { ErreichbarError, UsageError, type UserText } from '../../errors.js';
import type { FeedSet } from '../../feed/load-feeds.js';
import type { ReportDestination, ReportSlot } from '../../analysis/build-report.js';
import { defaultWeek, mondayOf, type DaySelection } from '../../analysis/choose-days.js';
import { daysNotFromTodayWarning } from '../../analysis/data-notices.js';
import type { NamedPoint } from '../../analysis/reachability.js';
import { DEFAULT_LIMITS, type ReachabilityLimits } from '../../analysis/reachability-limits.js';
import { loadPlaces, type Place } from '../../places/load-places.js';
import { loadDestinations } from '../../places/load-destinations.js';
import { formatDays, parseDays, parseTimeRange, slotLabel } from '../../places/parse-schedule.js';
import { normalizeName, resolveName, type NameKind } from '../../places/match-name.js';
import { addDays, formatIsoDate, isoWeekday, parseIsoDate, requireIsoDate } from '../../time/clock.js';
import { checkServiceDate } from '../../feed/check-service-date.js';
import { DISTRICT_TIME_ZONE, todayIn } from '../../time/service-day-offset.js';
import { parseDateFlag, parseWholeNumber } from '../parse-flags.js';

/** The default Ortsteile of Landkreis Börde shipped in the package's `data/` folder. */
export const DEFAULT_PLACES_FILE = bundledDataPath('ortsteile.csv');
/** The default destinations (workplaces, KVHS venues, Kitas). */
export const DEFAULT_DESTINATIONS_FILE = bundledDataPath('destinations.csv');
/** The district's stops, for `places` without a timetable. */
export const DEFAULT_STOPS_FILE = bundledDataPath('haltestellen.csv');

/** Flags of the day choice. */
export interface DayFlags {
  week?: string;
  dates?: string[];
  dayTypes?: boolean;
}

/** Flags of the limits, in minutes. */
export interface LimitFlags {
  buffer?: string;
  maxEarly?: string;
  maxLate?: string;
  maxTravel?: string;
  maxWait?: string;
  maxJourney?: string;
}

/** Names the flag when a file given by the user cannot be read. */
async function withFlag<T>(flag: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof UsageError && error.code === 'NO_SUCH_PATH') throw new UsageError({ de: `${flag}: ${error.message}`, en: `${flag}: ${error.messageEn}` }, flag, 'NO_SUCH_PATH');
    throw error;
  }
}

/** Reads the places (default: data/ortsteile.csv); warnings go to `warn`. */
export async function readPlaces(file: string | undefined, warn: (message: string) => void): Promise<{ places: Place[]; source: string }> {
  const chosen = file ?? DEFAULT_PLACES_FILE;
  const { places, warnings } = await withFlag('--places', () => loadPlaces(chosen));
  warnings.forEach(warn);
  return { places, source: file ?? 'data/ortsteile.csv' };
}

/** Reads the destinations (default: data/destinations.csv), optionally of one category. */
export async function readDestinations(
  file: string | undefined,
  category: string | undefined,
  warn: (message: string) => void,
): Promise<{ destinations: ReportDestination[]; source: string }> {
  const chosen = file ?? DEFAULT_DESTINATIONS_FILE;
  const { destinations, warnings } = await withFlag('--destinations', () => loadDestinations(chosen));
  warnings.forEach(warn);
  const categories = ['workplace', 'course', 'childcare', 'other'];
  if (category !== undefined && !categories.includes(category)) {
    throw new UsageError(
      { de: `--category muss eines von ${categories.join(', ')} sein, nicht "${category}"`, en: `--category must be one of ${categories.join(', ')}, got "${category}"` },
      '--category',
    );
  }
  const selected = category ? destinations.filter((destination) => destination.category === category) : destinations;
  if (category !== undefined && selected.length === 0) {
    const shown = file ?? 'data/destinations.csv';
    throw new UsageError({ de: `--category ${category}: ${shown} hat keine Ziele dieser Kategorie`, en: `--category ${category}: ${shown} has no destinations of this category` }, '--category');
  }
  return { destinations: selected, source: file ?? 'data/destinations.csv' };
}

const LAT_LON = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/;

/**
 * A point written by the user: `lat,lon` (WGS84, e.g. `52.2829,11.3932`) or the name of a known
 * place, matched by {@link resolveName} (case-, umlaut- and ß-insensitive; whole name before a
 * part of one; "Name (Gemeinde)" picks one of several places of that name; suggestions when
 * nothing matches; a single close spelling is taken and `notice` told so, when given).
 */
export function resolvePoint<T extends NamedPoint>(
  text: string,
  known: readonly T[],
  flag: string,
  kind: NameKind,
  notice?: (text: UserText) => void,
): T | NamedPoint {
  const match = LAT_LON.exec(text);
  if (match) {
    const lat = Number(match[1]);
    const lon = Number(match[2]);
    if (lat < 47 || lat > 55.5 || lon < 5.5 || lon > 15.5) {
      const swapped = lon >= 47 && lon <= 55.5 && lat >= 5.5 && lat <= 15.5;
      throw new UsageError(
        {
          de: `${flag} "${text}" ist kein Punkt in Deutschland${swapped ? ' (Breite und Länge scheinen vertauscht: lat,lon schreiben)' : ''}`,
          en: `${flag} "${text}" is not a point in Germany${swapped ? ' (latitude and longitude look swapped: write lat,lon)' : ''}`,
        },
        flag,
      );
    }
    return { name: text.replace(/\s+/g, ''), lat, lon };
  }
  return resolveName(text, known, { flag, kind, describe, aliases: (place) => [describe(place)], onCloseMatch: notice })[0]!;
}

/** A place with its Gemeinde, unless the name already says it: "Bergen (Wanzleben-Börde)", "Hermes Fulfilment Haldensleben". */
function describe(place: NamedPoint & { gemeinde?: string }): string {
  return place.gemeinde && !normalizeName(place.name).includes(normalizeName(place.gemeinde)) ? `${place.name} (${place.gemeinde})` : place.name;
}

/** A slot from `--shift 06:00-14:00` and `--days Mo-Fr`. */
export function slotFromFlags(shift: string, days: string | undefined): ReportSlot {
  const range = wrapUsage('--shift', () => parseTimeRange(shift));
  const dayList = parseDaysFlag(days ?? 'Mo-Fr');
  return { label: slotLabel(days ?? 'Mo-Fr', range), days: dayList, startMinutes: range.startMinutes, endMinutes: range.endMinutes };
}

/** `--days` as ISO weekdays; a text that is no day list is refused naming the flag and the expected form. */
export function parseDaysFlag(text: string): number[] {
  try {
    return parseDays(text);
  } catch {
    throw new UsageError(
      { de: `--days muss Tage wie "Mo-Fr", "Mo-Sa" oder "Sa,So" nennen, nicht "${text}"`, en: `--days must name days like "Mo-Fr", "Mo-Sa" or "Sa,So", got "${text}"` },
      '--days',
    );
  }
}

/**
 * The destination's own slots restricted to the days of `--days` (when given without
 * `--shift`): each slot keeps the days it has in common with the flag (its label says which);
 * slots without any are dropped. Refused when no slot is left, naming the slots' days.
 */
export function restrictSlotsToDays<T extends ReportSlot>(slots: readonly T[], days: string | undefined, destinationName: string): T[] {
  if (days === undefined) return [...slots];
  const wanted = parseDaysFlag(days);
  const kept: T[] = [];
  for (const slot of slots) {
    const common = slot.days.filter((day) => wanted.includes(day));
    if (common.length === 0) continue;
    const times = slot.label.slice(slot.label.lastIndexOf(' ') + 1);
    kept.push({ ...slot, days: common, label: common.length === slot.days.length ? slot.label : `${formatDays(common)} ${times}` });
  }
  if (kept.length === 0) {
    const own = slots.map((slot) => slot.label).join('; ');
    throw new UsageError(
      { de: `--days ${days}: ${destinationName} hat an diesen Tagen kein Zeitfenster (${own}); mit --shift ein eigenes angeben`, en: `--days ${days}: ${destinationName} has no slot on these days (${own}); give your own with --shift` },
      '--days',
    );
  }
  return kept;
}

/** Dates given with `--dates` that fall outside a slot's days (the check names them instead of skipping them silently). */
export function datesOutsideSlot(selection: DaySelection, slotDays: readonly number[]): string[] {
  if (selection.kind !== 'dates') return [];
  return selection.dates.filter((date) => !slotDays.includes(weekdayOf(date)));
}

function wrapUsage<T>(flag: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new UsageError(error instanceof ErreichbarError ? { de: `${flag}: ${error.message}`, en: `${flag}: ${error.messageEn}` } : `${flag}: ${(error as Error).message}`, flag);
  }
}

/** The day choice from flags; `fallback` when none is given. */
export function daySelection(feeds: FeedSet, flags: DayFlags, today: string, fallback: 'week' | 'day-types'): DaySelection {
  const given = [flags.week !== undefined, flags.dates !== undefined, flags.dayTypes === true].filter(Boolean).length;
  if (given > 1) throw new UsageError({ de: 'nur eines von --week, --dates und --day-types angeben', en: 'give only one of --week, --dates and --day-types' }, '--week');
  if (flags.week !== undefined) return { kind: 'week', monday: mondayOf(formatIsoDate(parseDateFlag('--week', flags.week))) };
  if (flags.dates !== undefined) {
    const dates = flags.dates.flatMap((text) => text.split(',')).filter((text) => text.trim() !== '');
    if (dates.length === 0) throw new UsageError({ de: `--dates nennt keinen Tag (JJJJ-MM-TT), nicht "${flags.dates.join(' ')}"`, en: `--dates names no date (YYYY-MM-DD), got "${flags.dates.join(' ')}"` }, '--dates');
    return { kind: 'dates', dates: dates.map((text) => formatIsoDate(parseDateFlag('--dates', text.trim()))) };
  }
  if (flags.dayTypes || fallback === 'day-types') return { kind: 'day-types', from: today };
  return { kind: 'week', monday: defaultWeek(feeds, today), fromToday: today };
}

/**
 * For the commands whose answer has no warnings block (gaps, best-times, monitor): the warning
 * that the days were not chosen from today ({@link daysNotFromTodayWarning}), on stderr (even
 * with --quiet: the answer is about other days than the user may think).
 */
export function warnDaysNotFromToday(feeds: FeedSet, selection: DaySelection, lang: 'de' | 'en'): void {
  const warning = daysNotFromTodayWarning(feeds, selection, lang);
  if (warning) process.stderr.write(`erreichbar: ${warning.message}\n`);
}

/**
 * Refuses chosen dates (--week, --dates) on which the timetable has no service, naming the flag
 * and the real service range. With `overnight` (a slot that ends the next day), the day after
 * each date must have service too: the way home of a night shift on the last day of a feed
 * would otherwise read "no bus".
 */
export function checkSelectedDates(feeds: FeedSet, selection: DaySelection, { overnight = false }: { overnight?: boolean } = {}): void {
  if (selection.kind === 'day-types') return;
  const flag = selection.kind === 'week' ? '--week' : '--dates';
  const dates = selection.kind === 'dates' ? selection.dates : [0, 1, 2, 3, 4, 5, 6].map((i) => formatIsoDate(addDays(parseIsoDate(selection.monday)!, i)));
  for (const date of dates) checkServiceDate(feeds, parseIsoDate(date)!, flag, 0);
  if (!overnight) return;
  for (const date of dates) {
    try {
      checkServiceDate(feeds, addDays(parseIsoDate(date)!, 1), 'date', 0);
    } catch (error) {
      if (!(error instanceof ErreichbarError)) throw error;
      throw new UsageError(
        { de: `${flag} ${date}: das Zeitfenster endet am nächsten Tag, ${error.message}`, en: `${flag} ${date}: the slot ends the next day, ${error.messageEn}` },
        flag,
        error.code,
      );
    }
  }
}

/** Limits from flags in minutes. */
export function limitsFromFlags(flags: LimitFlags): ReachabilityLimits {
  const minutes = (flag: string, text: string | undefined, fallback: number): number =>
    text === undefined ? fallback : parseWholeNumber(flag, text) * 60;
  return {
    bufferSeconds: minutes('--buffer', flags.buffer, DEFAULT_LIMITS.bufferSeconds),
    maxEarlySeconds: minutes('--max-early', flags.maxEarly, DEFAULT_LIMITS.maxEarlySeconds),
    maxLateSeconds: minutes('--max-late', flags.maxLate, DEFAULT_LIMITS.maxLateSeconds),
    maxTravelSeconds: minutes('--max-travel', flags.maxTravel, DEFAULT_LIMITS.maxTravelSeconds),
    maxWaitSeconds: minutes('--max-wait', flags.maxWait, DEFAULT_LIMITS.maxWaitSeconds),
    maxJourneySeconds: minutes('--max-journey', flags.maxJourney, DEFAULT_LIMITS.maxJourneySeconds),
  };
}

/** Today as `YYYY-MM-DD` in the district's time zone, or `$ERREICHBAR_TODAY` when set (reproducible examples). */
export function today(): string {
  // A fixed "today" makes documentation and examples reproducible (scripts/readme-examples.mjs).
  const fixed = process.env.ERREICHBAR_TODAY;
  if (fixed !== undefined && fixed !== '') return formatIsoDate(requireIsoDate(fixed, 'ERREICHBAR_TODAY'));
  return todayIn(DISTRICT_TIME_ZONE);
}

/** ISO weekday of a `YYYY-MM-DD` date. */
export function weekdayOf(date: string): number {
  return isoWeekday(parseIsoDate(date)!);
}

/** The file name a user would recognise (relative paths stay as given). */
export function shownPath(file: string): string {
  return path.isAbsolute(file) ? path.basename(file) : file;
}
