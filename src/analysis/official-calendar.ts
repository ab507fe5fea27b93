/**
 * The official calendar of Sachsen-Anhalt: public holidays (gesetzliche Feiertage) and school
 * holidays (Schulferien), and from them the official day type of a date — Schultag, Ferientag,
 * Samstag or Sonn-/Feiertag — to stand beside the day type the timetable shows.
 *
 * The data ship in `data/feiertage-ferien-sachsen-anhalt.csv` (columns `kind,name,from,to,source`;
 * kind `public`, `school` or `unknown` for a range whose school holidays are not yet published).
 * Public holidays of years the file does not list are computed by the law (FeiertagsG LSA: fixed
 * dates plus Karfreitag, Ostermontag, Christi Himmelfahrt and Pfingstmontag from Easter Sunday).
 *
 * Limits: school holidays are known only for the years in the file (2026 to the summer holidays
 * 2028); outside them a weekday's official type is unknown (`null`) and nothing is compared.
 * Movable single days off that each school chooses (bewegliche Ferientage) are not known.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DataError } from '../errors.js';
import { addDays, formatIsoDate, isoWeekday, parseIsoDate } from '../time/clock.js';

/** The bundled calendar file. */
export const OFFICIAL_CALENDAR_FILE = fileURLToPath(new URL('../../data/feiertage-ferien-sachsen-anhalt.csv', import.meta.url));

/** Official day types (the same ids as the feed's day types, without `no-service`). */
export type OfficialDayTypeId = 'school-day' | 'holiday-weekday' | 'saturday' | 'sunday-holiday';

/** A range of school holidays. */
export interface SchoolHolidays {
  name: string;
  /** `YYYY-MM-DD`, inclusive. */
  from: string;
  to: string;
}

/** The official calendar as read from its file. */
export interface OfficialCalendar {
  /** Public holidays by date (`YYYY-MM-DD` → name). */
  publicHolidays: ReadonlyMap<string, string>;
  /** Years whose public holidays the file lists (others are computed). */
  publicYears: ReadonlySet<number>;
  schoolHolidays: readonly SchoolHolidays[];
  /** First and last date for which school holidays are known. */
  schoolKnownFrom: string;
  schoolKnownUntil: string;
  /** Where the data come from (file name). */
  source: string;
}

/** The official reading of one date. */
export interface OfficialDay {
  date: string;
  /** Official day type; `null` when the school holidays of that date are not known. */
  dayTypeId: OfficialDayTypeId | null;
  /** Name of the public holiday, or null. */
  publicHoliday: string | null;
  /** Name of the school holidays the date lies in, or null. */
  schoolHoliday: string | null;
}

const cache = new Map<string, OfficialCalendar>();

/**
 * Reads the official calendar (default: the bundled Sachsen-Anhalt file). Cached per file.
 * Throws a {@link DataError} naming file, line, field and value for a bad row.
 *
 * @example
 * ```ts
 * officialDay(loadOfficialCalendar(), '2026-12-25'); // { dayTypeId: 'sunday-holiday', publicHoliday: '1. Weihnachtstag', … }
 * ```
 */
export function loadOfficialCalendar(file: string = OFFICIAL_CALENDAR_FILE): OfficialCalendar {
  let calendar = cache.get(file);
  if (!calendar) {
    const name = file === OFFICIAL_CALENDAR_FILE ? 'data/feiertage-ferien-sachsen-anhalt.csv' : file.split(/[\\/]/).pop()!;
    calendar = parseOfficialCalendar(readFileSync(file, 'utf8'), name);
    cache.set(file, calendar);
  }
  return calendar;
}

/** Parses the CSV text of an official calendar (see the module comment for the columns). */
export function parseOfficialCalendar(text: string, fileName: string): OfficialCalendar {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((cell) => cell.trim());
  const column = (field: string): number => {
    const index = header.indexOf(field);
    if (index < 0) throw new DataError('BAD_CALENDAR', { file: fileName, line: 1, field }, { de: 'Spalte fehlt', en: 'column is missing' });
    return index;
  };
  const [kindAt, nameAt, fromAt, toAt] = [column('kind'), column('name'), column('from'), column('to')];
  const publicHolidays = new Map<string, string>();
  const publicYears = new Set<number>();
  const schoolHolidays: SchoolHolidays[] = [];
  const unknown: { from: string; to: string }[] = [];
  lines.slice(1).forEach((line, index) => {
    if (line.trim() === '') return;
    const cells = line.split(',').map((cell) => cell.trim());
    const lineNumber = index + 2;
    const date = (at: number, field: string): string => {
      const value = cells[at] ?? '';
      if (parseIsoDate(value) === undefined) {
        throw new DataError('BAD_CALENDAR', { file: fileName, line: lineNumber, field, value }, { de: 'ist kein Datum JJJJ-MM-TT', en: 'is not a date YYYY-MM-DD' });
      }
      return value;
    };
    const kind = cells[kindAt] ?? '';
    const name = cells[nameAt] ?? '';
    const from = date(fromAt, 'from');
    const to = date(toAt, 'to');
    if (to < from) {
      throw new DataError('BAD_CALENDAR', { file: fileName, line: lineNumber, field: 'to', value: to }, { de: `liegt vor "from" ${from}`, en: `is before "from" ${from}` });
    }
    if (kind === 'public') {
      for (let day = parseIsoDate(from)!; day <= parseIsoDate(to)!; day = addDays(day, 1)) publicHolidays.set(formatIsoDate(day), name);
      publicYears.add(Number(from.slice(0, 4)));
    } else if (kind === 'school') schoolHolidays.push({ name, from, to });
    else if (kind === 'unknown') unknown.push({ from, to });
    else {
      throw new DataError('BAD_CALENDAR', { file: fileName, line: lineNumber, field: 'kind', value: kind }, { de: 'muss public, school oder unknown sein', en: 'must be public, school or unknown' });
    }
  });
  schoolHolidays.sort((a, b) => a.from.localeCompare(b.from));
  const firstYear = schoolHolidays.length ? Number(schoolHolidays[0]!.to.slice(0, 4)) : 0;
  const lastEnd = schoolHolidays.length ? schoolHolidays[schoolHolidays.length - 1]!.to : '0000-01-01';
  const firstUnknown = unknown.map((range) => range.from).sort()[0];
  return {
    publicHolidays,
    publicYears,
    schoolHolidays,
    schoolKnownFrom: `${firstYear}-01-01`,
    schoolKnownUntil: firstUnknown && firstUnknown <= lastEnd ? formatIsoDate(addDays(parseIsoDate(firstUnknown)!, -1)) : lastEnd,
    source: fileName,
  };
}

/** The official reading of a date (`YYYY-MM-DD`). */
export function officialDay(calendar: OfficialCalendar, date: string): OfficialDay {
  const gtfsDate = parseIsoDate(date);
  if (gtfsDate === undefined) throw new RangeError(`not a date: ${date}`);
  const year = Math.floor(gtfsDate / 10000);
  const publicHoliday = calendar.publicYears.has(year) ? (calendar.publicHolidays.get(date) ?? null) : (publicHolidaysByLaw(year).get(date) ?? null);
  const schoolHoliday = calendar.schoolHolidays.find((range) => range.from <= date && date <= range.to)?.name ?? null;
  const weekday = isoWeekday(gtfsDate);
  let dayTypeId: OfficialDayTypeId | null;
  if (weekday === 7 || publicHoliday) dayTypeId = 'sunday-holiday';
  else if (weekday === 6) dayTypeId = 'saturday';
  else if (schoolHoliday) dayTypeId = 'holiday-weekday';
  else dayTypeId = date >= calendar.schoolKnownFrom && date <= calendar.schoolKnownUntil ? 'school-day' : null;
  return { date, dayTypeId, publicHoliday, schoolHoliday };
}

/** Easter Sunday of a Gregorian year (`YYYY-MM-DD`), by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The public holidays of Sachsen-Anhalt in a year by the law (FeiertagsG LSA § 2), date → name. */
export function publicHolidaysByLaw(year: number): Map<string, string> {
  const easter = parseIsoDate(easterSunday(year))!;
  const moved = (days: number): string => formatIsoDate(addDays(easter, days));
  const y = String(year);
  return new Map([
    [`${y}-01-01`, 'Neujahr'],
    [`${y}-01-06`, 'Heilige Drei Könige'],
    [moved(-2), 'Karfreitag'],
    [moved(1), 'Ostermontag'],
    [`${y}-05-01`, 'Tag der Arbeit'],
    [moved(39), 'Christi Himmelfahrt'],
    [moved(50), 'Pfingstmontag'],
    [`${y}-10-03`, 'Tag der Deutschen Einheit'],
    [`${y}-10-31`, 'Reformationstag'],
    [`${y}-12-25`, '1. Weihnachtstag'],
    [`${y}-12-26`, '2. Weihnachtstag'],
  ]);
}
