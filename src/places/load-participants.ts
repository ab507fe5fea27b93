/**
 * Reads a participants file for `best-times --participants`: one row per Ortsteil with a count
 * (`Ortsteil,count`; German headers `Ortsteil,Anzahl` or `Teilnehmende` work too; an optional
 * `Gemeinde` column tells apart Ortsteile of the same name). Every name must be an Ortsteil of
 * the places; rows of one Ortsteil add up.
 */
import { DataError } from '../errors.js';
import { findColumn, readRecords, requireColumn, requireRows } from './read-records.js';

/**
 * Weights per place (same order as `places`): the participants of each place, 0 where the file
 * names none. Throws {@link DataError} naming file, line, field and value for an unknown
 * Ortsteil, an ambiguous name or a count that is not a whole number.
 *
 * @example
 * ```ts
 * const counts = await loadParticipants('teilnehmende.csv', places); // "Ortsteil,Anzahl\nHundisburg,3"
 * counts[places.findIndex((p) => p.name === 'Hundisburg')]; // 3
 * ```
 */
export async function loadParticipants(file: string, places: readonly { name: string; gemeinde?: string }[]): Promise<number[]> {
  const table = await readRecords(file);
  requireRows(table, { de: 'keine Teilnehmenden', en: 'no participants' });
  const nameColumn = requireColumn(table, ['ortsteil', 'name', 'ort']);
  const countColumn = requireColumn(table, ['count', 'anzahl', 'teilnehmende', 'participants', 'personen']);
  const gemeindeColumn = findColumn(table, ['gemeinde', 'municipality']);
  const weights = places.map(() => 0);
  const lower = (text: string): string => text.trim().toLocaleLowerCase('de');
  for (const record of table.records) {
    const name = record.values.get(nameColumn)?.trim() ?? '';
    const gemeinde = gemeindeColumn ? (record.values.get(gemeindeColumn)?.trim() ?? '') : '';
    const countText = record.values.get(countColumn)?.trim() ?? '';
    const count = Number(countText);
    if (!/^\d+$/.test(countText) || !Number.isSafeInteger(count)) {
      throw new DataError('BAD_VALUE', { file: table.file, line: record.line, field: countColumn, value: countText }, {
        de: 'ist keine ganze Zahl ≥ 0',
        en: 'is not a whole number ≥ 0',
      });
    }
    const matches = places
      .map((place, index) => ({ place, index }))
      .filter(({ place }) => lower(place.name) === lower(name) && (gemeinde === '' || lower(place.gemeinde ?? '') === lower(gemeinde)));
    if (matches.length === 0) {
      throw new DataError('UNKNOWN_PLACE', { file: table.file, line: record.line, field: nameColumn, value: name }, {
        de: 'ist kein Ortsteil der Ortsteil-Liste',
        en: 'is not an Ortsteil of the places list',
      });
    }
    if (matches.length > 1) {
      const gemeinden = matches.map(({ place }) => place.gemeinde ?? '').join(', ');
      throw new DataError('AMBIGUOUS_PLACE', { file: table.file, line: record.line, field: nameColumn, value: name }, {
        de: `gibt es in mehreren Gemeinden (${gemeinden}); eine Spalte Gemeinde unterscheidet sie`,
        en: `exists in several Gemeinden (${gemeinden}); add a column Gemeinde`,
      });
    }
    weights[matches[0]!.index]! += count;
  }
  return weights;
}
