/**
 * Loads destinations — workplaces, course venues, Kitas — from CSV or GeoJSON: name, category,
 * point and schedule (`Mo-Fr 06:00-14:00; So-Do 22:00-06:00`), with optional Gemeinde, address,
 * source, the date the source was read (`source_date`), which values are assumed (`assumed`),
 * how the point was obtained (`coord_method`), whether the destination is active (`active`:
 * ja/nein) and why it may lie at an Ortsteil's point (`at_ortsteil`), and a note. Columns may be
 * German (`Kategorie`: Arbeitsplatz, Kurs, Kita, Sonstiges; `Zeiten`, `Quelle`, `Stand`,
 * `Angenommen`, `Aktiv`). Inactive rows are left out unless asked for. Files without the optional
 * columns load as before. Bad rows are errors naming file, line, field and value.
 */
import { DataError } from '../errors.js';
import { parseSchedule, ScheduleSyntaxError, type Slot } from './parse-schedule.js';
import { readPoint, type Area } from './read-point.js';
import { findColumn, readRecords, requireColumn, requireRows } from './read-records.js';

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
  /** The date the source was read, as written (`2026-12-02`). */
  sourceDate?: string;
  /** Which values are assumed rather than taken from the source (e.g. `schedule; Lage`). */
  assumed?: string;
  /** How the point was obtained (a building, an entrance, a stop named after the site …). */
  coordMethod?: string;
  /** Why the point may lie at (within 100 m of) an Ortsteil's point; absent when it must not. */
  atOrtsteil?: string;
  /** `false` for a destination marked inactive (e.g. no courses there any more); absent or `true` otherwise. */
  active?: boolean;
}

const ACTIVE_VALUES: Record<string, boolean> = {
  ja: true, yes: true, true: true, '1': true, aktiv: true, active: true,
  nein: false, no: false, false: false, '0': false, inaktiv: false, inactive: false,
};

/** Result of {@link loadDestinations}. */
export interface LoadedDestinations {
  /** The active destinations (all, with `includeInactive`). */
  destinations: Destination[];
  /** Destinations marked inactive and therefore left out (empty with `includeInactive`). */
  inactive: Destination[];
  warnings: string[];
}

/**
 * Loads destinations; throws {@link DataError} on the first bad row, and for a file without any row.
 *
 * @example
 * ```ts
 * const { destinations } = await loadDestinations('data/destinations.csv');
 * destinations[0]?.schedule[0]?.label; // 'Mo-Fr 06:00-14:00'
 * ```
 */
export async function loadDestinations(file: string, options: { area?: Area; includeInactive?: boolean } = {}): Promise<LoadedDestinations> {
  const table = await readRecords(file);
  requireRows(table, { de: 'keine Ziele', en: 'no destinations' });
  const nameColumn = requireColumn(table, ['name', 'ziel']);
  const categoryColumn = requireColumn(table, ['category', 'kategorie']);
  const scheduleColumn = requireColumn(table, ['schedule', 'zeiten', 'schicht', 'times']);
  const optional = {
    gemeinde: findColumn(table, ['gemeinde']),
    address: findColumn(table, ['address', 'adresse']),
    source: findColumn(table, ['source', 'quelle']),
    note: findColumn(table, ['note', 'hinweis', 'notiz']),
    sourceDate: findColumn(table, ['source_date', 'quelle_datum', 'stand']),
    assumed: findColumn(table, ['assumed', 'angenommen']),
    coordMethod: findColumn(table, ['coord_method', 'koordinaten_quelle']),
    atOrtsteil: findColumn(table, ['at_ortsteil', 'am_ortsteil']),
  };
  const activeColumn = findColumn(table, ['active', 'aktiv']);
  const inactive: Destination[] = [];
  const destinations: Destination[] = [];
  const warnings: string[] = [];
  const seen = new Map<string, number>();
  for (const record of table.records) {
    const at = (field: string, value: string) => ({ file: table.file, line: record.line, field, value });
    const name = record.values.get(nameColumn)?.trim() ?? '';
    if (name === '') throw new DataError('MISSING_VALUE', at(nameColumn, ''), { de: 'ist leer', en: 'is empty' });
    const earlier = seen.get(name.toLocaleLowerCase('de'));
    if (earlier !== undefined) throw new DataError('DUPLICATE_NAME', at(nameColumn, name), { de: `kommt doppelt vor (auch Zeile ${earlier})`, en: `appears twice (also line ${earlier})` });
    seen.set(name.toLocaleLowerCase('de'), record.line);
    const categoryText = record.values.get(categoryColumn)?.trim() ?? '';
    const category = CATEGORY_ALIASES[categoryText.toLowerCase()];
    if (!category) throw new DataError('BAD_CATEGORY', at(categoryColumn, categoryText), { de: `ist keine von ${CATEGORIES.join(', ')}`, en: `is not one of ${CATEGORIES.join(', ')}` });
    const scheduleText = record.values.get(scheduleColumn)?.trim() ?? '';
    let schedule: Slot[];
    try {
      schedule = parseSchedule(scheduleText);
    } catch (error) {
      if (error instanceof ScheduleSyntaxError) throw new DataError('BAD_SCHEDULE', at(scheduleColumn, scheduleText), { de: `ist nicht lesbar: ${error.message}`, en: `cannot be read: ${error.messageEn}` });
      throw error;
    }
    const { point, warning } = readPoint(table, record, name, options.area);
    if (warning) warnings.push(warning);
    const destination: Destination = { name, category, lat: point.lat, lon: point.lon, schedule, scheduleText };
    for (const [key, column] of Object.entries(optional) as [keyof typeof optional, string | undefined][]) {
      const value = column ? record.values.get(column)?.trim() : undefined;
      if (value) destination[key] = value;
    }
    if (destination.sourceDate !== undefined && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(destination.sourceDate)) {
      throw new DataError('BAD_VALUE', at(optional.sourceDate!, destination.sourceDate), {
        de: 'ist kein Datum wie 2026-12-02',
        en: 'is not a date like 2026-12-02',
      });
    }
    const activeText = activeColumn ? (record.values.get(activeColumn)?.trim() ?? '') : '';
    if (activeText !== '') {
      const active = ACTIVE_VALUES[activeText.toLowerCase()];
      if (active === undefined) {
        throw new DataError('BAD_VALUE', at(activeColumn!, activeText), { de: 'ist weder ja noch nein', en: 'is neither ja (yes) nor nein (no)' });
      }
      destination.active = active;
    }
    if (destination.active === false && !options.includeInactive) inactive.push(destination);
    else destinations.push(destination);
  }
  return { destinations, inactive, warnings };
}
