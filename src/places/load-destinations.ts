/**
 * Loads destinations — workplaces, course venues, Kitas — from CSV or GeoJSON: name, category,
 * point and schedule (`Mo-Fr 06:00-14:00; So-Do 22:00-06:00`), with optional Gemeinde, address,
 * source and note. Columns may be German (`Kategorie`: Arbeitsplatz, Kurs, Kita, Sonstiges;
 * `Zeiten`). Bad rows are errors naming file, line, field and value.
 */
import { DataError } from '../errors.js';
import { parseSchedule, ScheduleSyntaxError, type Slot } from './parse-schedule.js';
import { readPoint, type Area } from './read-point.js';
import { findColumn, readRecords, requireColumn } from './read-records.js';

/** Kinds of destination. */
export const CATEGORIES = ['workplace', 'course', 'childcare', 'other'] as const;
/** A destination category. */
export type Category = (typeof CATEGORIES)[number];

const CATEGORY_ALIASES: Record<string, Category> = {
  workplace: 'workplace', arbeitsplatz: 'workplace', arbeit: 'workplace', betrieb: 'workplace',
  course: 'course', kurs: 'course', bildung: 'course',
  childcare: 'childcare', kita: 'childcare', kindergarten: 'childcare',
  other: 'other', sonstiges: 'other', andere: 'other',
};

/** A destination with its schedule. */
export interface Destination {
  name: string;
  category: Category;
  lat: number;
  lon: number;
  /** The slots to check (shifts, course sessions, Kita opening hours). */
  schedule: Slot[];
  /** The schedule as written. */
  scheduleText: string;
  gemeinde?: string;
  address?: string;
  /** Where the facts come from. */
  source?: string;
  /** E.g. "shift times assumed: typical three-shift pattern". */
  note?: string;
}

/** Result of {@link loadDestinations}. */
export interface LoadedDestinations {
  destinations: Destination[];
  warnings: string[];
}

/**
 * Loads destinations; throws {@link DataError} on the first bad row.
 *
 * @example
 * ```ts
 * const { destinations } = await loadDestinations('data/destinations.csv');
 * destinations[0]?.schedule[0]?.label; // 'Mo-Fr 06:00-14:00'
 * ```
 */
export async function loadDestinations(file: string, options: { area?: Area } = {}): Promise<LoadedDestinations> {
  const table = await readRecords(file);
  const nameColumn = requireColumn(table, ['name', 'ziel']);
  const categoryColumn = requireColumn(table, ['category', 'kategorie']);
  const scheduleColumn = requireColumn(table, ['schedule', 'zeiten', 'schicht', 'times']);
  const optional = {
    gemeinde: findColumn(table, ['gemeinde']),
    address: findColumn(table, ['address', 'adresse']),
    source: findColumn(table, ['source', 'quelle']),
    note: findColumn(table, ['note', 'hinweis', 'notiz']),
  };
  const destinations: Destination[] = [];
  const warnings: string[] = [];
  const seen = new Map<string, number>();
  for (const record of table.records) {
    const at = (field: string, value: string) => ({ file: table.file, line: record.line, field, value });
    const name = record.values.get(nameColumn)?.trim() ?? '';
    if (name === '') throw new DataError('MISSING_VALUE', at(nameColumn, ''), 'is empty');
    const earlier = seen.get(name.toLocaleLowerCase('de'));
    if (earlier !== undefined) throw new DataError('DUPLICATE_NAME', at(nameColumn, name), `appears twice (also line ${earlier})`);
    seen.set(name.toLocaleLowerCase('de'), record.line);
    const categoryText = record.values.get(categoryColumn)?.trim() ?? '';
    const category = CATEGORY_ALIASES[categoryText.toLowerCase()];
    if (!category) throw new DataError('BAD_CATEGORY', at(categoryColumn, categoryText), `is not one of ${CATEGORIES.join(', ')}`);
    const scheduleText = record.values.get(scheduleColumn)?.trim() ?? '';
    let schedule: Slot[];
    try {
      schedule = parseSchedule(scheduleText);
    } catch (error) {
      if (error instanceof ScheduleSyntaxError) throw new DataError('BAD_SCHEDULE', at(scheduleColumn, scheduleText), `cannot be read: ${error.message}`);
      throw error;
    }
    const { point, warning } = readPoint(table, record, name, options.area);
    if (warning) warnings.push(warning);
    const destination: Destination = { name, category, lat: point.lat, lon: point.lon, schedule, scheduleText };
    for (const [key, column] of Object.entries(optional) as [keyof typeof optional, string | undefined][]) {
      const value = column ? record.values.get(column)?.trim() : undefined;
      if (value) destination[key] = value;
    }
    destinations.push(destination);
  }
  return { destinations, warnings };
}
