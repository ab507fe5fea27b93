/**
 * Loads a plain stop list (`stop_id,name,lat,lon`, e.g. data/haltestellen.csv) for commands that
 * need stop positions without a timetable.
 */
import { DataError } from '../errors.js';
import type { FeedStop } from '../feed/types.js';
import { readPoint } from './read-point.js';
import { readRecords, requireColumn } from './read-records.js';

/** Loads stops; throws {@link DataError} on a bad row. */
export async function loadStops(file: string): Promise<FeedStop[]> {
  const table = await readRecords(file);
  const idColumn = requireColumn(table, ['stop_id', 'id', 'dhid']);
  const nameColumn = requireColumn(table, ['name', 'stop_name']);
  return table.records.map((record) => {
    const stopId = record.values.get(idColumn) ?? '';
    const name = record.values.get(nameColumn) ?? '';
    if (stopId === '') throw new DataError('MISSING_VALUE', { file: table.file, line: record.line, field: idColumn, value: '' }, { de: 'ist leer', en: 'is empty' });
    const { point } = readPoint(table, record, name);
    return { stopId, name, lat: point.lat, lon: point.lon };
  });
}
