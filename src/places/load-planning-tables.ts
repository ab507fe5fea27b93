/**
 * The two tables of the monitoring sheet: the Zentrale Orte (data/zentrale-orte.csv: name,
 * level, point, plan and how well the entry is checked) and the service standards
 * (data/bedienungsstandards.csv: indicator, day type, min or max, value, label, source). Both are
 * documented, editable CSV files; bad rows are errors naming file, line, field and value.
 */
import { DataError } from '../errors.js';
import { readPoint } from './read-point.js';
import { findColumn, readRecords, requireColumn } from './read-records.js';

/** Levels of the Zentrale Orte (Landesentwicklungsplan / Regionalplan). */
export const CENTRE_LEVELS = ['Oberzentrum', 'Mittelzentrum', 'Grundzentrum'] as const;
/** A level of {@link CENTRE_LEVELS}. */
export type CentreLevel = (typeof CENTRE_LEVELS)[number];

/** A Zentraler Ort with the point buses are counted to. */
export interface CentralPlace {
  name: string;
  level: CentreLevel;
  gemeinde: string;
  lat: number;
  lon: number;
  /** Plan that designates it, and how well the entry was checked. */
  plan: string;
  status: string;
}

/** Indicators a standard can be set on. Times are minutes after midnight; `slotShare` in percent. */
export const STANDARD_INDICATORS = ['departures', 'travelMinutes', 'firstArrival', 'lastReturn', 'serviceDays', 'slotShare'] as const;
/** One of {@link STANDARD_INDICATORS}. */
export type StandardIndicator = (typeof STANDARD_INDICATORS)[number];

/** A service standard: an indicator on a day type at least (`min`) or at most (`max`) a value. */
export interface ServiceStandard {
  id: string;
  indicator: StandardIndicator;
  /** Day type id (`school-day`, …). */
  dayTypeId: string;
  comparison: 'min' | 'max';
  /** Count, minutes of travel, minutes after midnight (`08:00` → 480), or percent. */
  value: number;
  label: string;
  source: string;
}

/** Reads the Zentrale Orte. */
export async function loadCentralPlaces(file: string): Promise<CentralPlace[]> {
  const table = await readRecords(file);
  const nameColumn = requireColumn(table, ['name']);
  const levelColumn = requireColumn(table, ['level', 'stufe']);
  const gemeindeColumn = findColumn(table, ['gemeinde']);
  const planColumn = findColumn(table, ['plan', 'source', 'quelle']);
  const statusColumn = findColumn(table, ['status']);
  return table.records.map((record) => {
    const name = record.values.get(nameColumn)?.trim() ?? '';
    if (!name) throw new DataError('MISSING_VALUE', { file: table.file, line: record.line, field: nameColumn, value: '' }, { de: 'ist leer', en: 'is empty' });
    const level = record.values.get(levelColumn)?.trim() ?? '';
    if (!(CENTRE_LEVELS as readonly string[]).includes(level)) {
      throw new DataError('BAD_VALUE', { file: table.file, line: record.line, field: levelColumn, value: level }, {
        de: `ist keine Stufe (${CENTRE_LEVELS.join(', ')})`,
        en: `is not a level (${CENTRE_LEVELS.join(', ')})`,
      });
    }
    const { point } = readPoint(table, record, name);
    return {
      name,
      level: level as CentreLevel,
      gemeinde: (gemeindeColumn ? record.values.get(gemeindeColumn)?.trim() : undefined) || name,
      lat: point.lat,
      lon: point.lon,
      plan: (planColumn ? record.values.get(planColumn)?.trim() : undefined) ?? '',
      status: (statusColumn ? record.values.get(statusColumn)?.trim() : undefined) ?? '',
    };
  });
}

const DAY_TYPES = ['school-day', 'holiday-weekday', 'saturday', 'sunday-holiday'];

/** Reads the service standards. */
export async function loadServiceStandards(file: string): Promise<ServiceStandard[]> {
  const table = await readRecords(file);
  const column = (names: string[]): string => requireColumn(table, names);
  const idColumn = column(['id']);
  const indicatorColumn = column(['indicator', 'kennzahl']);
  const dayColumn = column(['day_type', 'tagesart']);
  const comparisonColumn = column(['comparison', 'vergleich']);
  const valueColumn = column(['value', 'wert']);
  const labelColumn = findColumn(table, ['label', 'text']);
  const sourceColumn = findColumn(table, ['source', 'quelle']);
  return table.records.map((record) => {
    const get = (c: string): string => record.values.get(c)?.trim() ?? '';
    const bad = (field: string, value: string, de: string, en: string): never => {
      throw new DataError('BAD_VALUE', { file: table.file, line: record.line, field, value }, { de, en });
    };
    const indicator = get(indicatorColumn);
    if (!(STANDARD_INDICATORS as readonly string[]).includes(indicator)) bad(indicatorColumn, indicator, `ist keine Kennzahl (${STANDARD_INDICATORS.join(', ')})`, `is not an indicator (${STANDARD_INDICATORS.join(', ')})`);
    const dayTypeId = get(dayColumn);
    if (!DAY_TYPES.includes(dayTypeId)) bad(dayColumn, dayTypeId, `ist keine Tagesart (${DAY_TYPES.join(', ')})`, `is not a day type (${DAY_TYPES.join(', ')})`);
    const comparison = get(comparisonColumn);
    if (comparison !== 'min' && comparison !== 'max') bad(comparisonColumn, comparison, 'ist weder min noch max', 'is neither min nor max');
    const valueText = get(valueColumn);
    let value: number;
    const clock = /^(\d{1,2}):(\d{2})$/.exec(valueText);
    if (clock && (indicator === 'firstArrival' || indicator === 'lastReturn')) value = Number(clock[1]) * 60 + Number(clock[2]);
    else if (/^\d+([.,]\d+)?$/.test(valueText) && indicator !== 'firstArrival' && indicator !== 'lastReturn') value = Number(valueText.replace(',', '.'));
    else value = bad(valueColumn, valueText, indicator === 'firstArrival' || indicator === 'lastReturn' ? 'ist keine Uhrzeit wie 08:00' : 'ist keine Zahl', indicator === 'firstArrival' || indicator === 'lastReturn' ? 'is not a time like 08:00' : 'is not a number');
    return {
      id: get(idColumn),
      indicator: indicator as StandardIndicator,
      dayTypeId,
      comparison: comparison as 'min' | 'max',
      value,
      label: labelColumn ? get(labelColumn) : '',
      source: sourceColumn ? get(sourceColumn) : '',
    };
  });
}
