/**
 * Loads Ortsteile (homes) from CSV or GeoJSON: name, Gemeinde, optional AGS, point, optional
 * kind (`Ortsteil`, `Stadtteil`, `Wohnplatz`), population with its year and source, and stop
 * count. Columns may be German (`Ortsteil`, `Gemeinde`, `Art`, `Breite`, `Länge`, `Einwohner`,
 * `Einwohner_Stand`, `Einwohner_Quelle`). Files without the optional columns load as before.
 * Bad rows are errors naming file, line, field and value.
 */
import { DataError } from '../errors.js';
import { readPoint, type Area } from './read-point.js';
import { findColumn, readRecords, requireColumn, requireRows } from './read-records.js';

/** What a place is in its Gemeinde's official list: an Ortsteil, a part of the core town, or a Wohnplatz. */
export const PLACE_KINDS = ['Ortsteil', 'Stadtteil', 'Wohnplatz'] as const;
/** A {@link PLACE_KINDS} value. */
export type PlaceKind = (typeof PLACE_KINDS)[number];

/** An Ortsteil: a place people live in. */
export interface Place {
  name: string;
  gemeinde: string;
  /** 8-digit Amtlicher Gemeindeschlüssel, when given. */
  ags?: string;
  lat: number;
  lon: number;
  /** Official kind (data/ortsteile.csv: from the Gemeinde's list); absent when the file has no `kind` column. */
  kind?: PlaceKind;
  /** Inhabitants; absent when no figure is known. */
  population?: number;
  /** Year or date the population figure refers to, as written (may be absent even with a figure). */
  populationYear?: string;
  /** Where the population figure comes from; `fehlt` in data/ortsteile.csv when there is none. */
  populationSource?: string;
  /** Bus stops of the place in the stop list (data/ortsteile.csv only). */
  stopCount?: number;
}

/** Result of {@link loadPlaces}: the places and warnings (points far outside the area). */
export interface LoadedPlaces {
  places: Place[];
  warnings: string[];
}

/**
 * Loads places; throws {@link DataError} on the first bad row, and for a file without any row.
 *
 * @example
 * ```ts
 * const { places } = await loadPlaces('data/ortsteile.csv');
 * places.find((p) => p.name === 'Hundisburg')?.gemeinde; // 'Haldensleben'
 * ```
 */
export async function loadPlaces(file: string, options: { area?: Area } = {}): Promise<LoadedPlaces> {
  const table = await readRecords(file);
  requireRows(table, { de: 'keine Ortsteile', en: 'no places' });
  const nameColumn = requireColumn(table, ['name', 'ortsteil', 'ort']);
  const gemeindeColumn = findColumn(table, ['gemeinde', 'municipality']);
  const agsColumn = findColumn(table, ['ags', 'gemeindeschlüssel']);
  const populationColumn = findColumn(table, ['population', 'einwohner', 'ew']);
  const stopsColumn = findColumn(table, ['stops', 'haltestellen']);
  const kindColumn = findColumn(table, ['kind', 'art']);
  const populationYearColumn = findColumn(table, ['population_year', 'einwohner_stand']);
  const populationSourceColumn = findColumn(table, ['population_source', 'einwohner_quelle']);
  const places: Place[] = [];
  const warnings: string[] = [];
  const seen = new Map<string, number>();
  for (const record of table.records) {
    const name = record.values.get(nameColumn)?.trim() ?? '';
    if (name === '') throw new DataError('MISSING_VALUE', { file: table.file, line: record.line, field: nameColumn, value: '' }, { de: 'ist leer', en: 'is empty' });
    const gemeinde = (gemeindeColumn ? record.values.get(gemeindeColumn)?.trim() : undefined) || name;
    const key = `${name.toLocaleLowerCase('de')}\u0000${gemeinde.toLocaleLowerCase('de')}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      throw new DataError('DUPLICATE_NAME', { file: table.file, line: record.line, field: nameColumn, value: name }, { de: `kommt in der Gemeinde ${gemeinde} doppelt vor (auch Zeile ${earlier})`, en: `appears twice in Gemeinde ${gemeinde} (also line ${earlier})` });
    }
    seen.set(key, record.line);
    const { point, warning } = readPoint(table, record, name, options.area);
    if (warning) warnings.push(warning);
    const place: Place = { name, gemeinde, lat: point.lat, lon: point.lon };
    const ags = agsColumn ? record.values.get(agsColumn)?.trim() : undefined;
    if (ags) place.ags = ags;
    const populationText = populationColumn ? (record.values.get(populationColumn)?.trim() ?? '') : '';
    if (populationText !== '') {
      // Plain digits, or German thousands (12.345); a decimal part (1234.5, 1234,5) is no head count.
      const population = /^\d{1,9}$|^\d{1,3}(\.\d{3}){1,2}$/.test(populationText) ? Number(populationText.replace(/\./g, '')) : NaN;
      if (!Number.isInteger(population) || population < 0) {
        throw new DataError('BAD_VALUE', { file: table.file, line: record.line, field: populationColumn, value: populationText }, { de: 'ist keine ganze Einwohnerzahl', en: 'is not a whole number of inhabitants' });
      }
      place.population = population;
    }
    const kindText = kindColumn ? (record.values.get(kindColumn)?.trim() ?? '') : '';
    if (kindText !== '') {
      const kind = PLACE_KINDS.find((k) => k.toLowerCase() === kindText.toLowerCase());
      if (!kind) {
        throw new DataError('BAD_VALUE', { file: table.file, line: record.line, field: kindColumn, value: kindText }, {
          de: `ist keine Art von Ort (erlaubt: ${PLACE_KINDS.join(', ')})`,
          en: `is not a kind of place (allowed: ${PLACE_KINDS.join(', ')})`,
        });
      }
      place.kind = kind;
    }
    const populationYear = populationYearColumn ? record.values.get(populationYearColumn)?.trim() : undefined;
    if (populationYear) place.populationYear = populationYear;
    const populationSource = populationSourceColumn ? record.values.get(populationSourceColumn)?.trim() : undefined;
    if (populationSource) place.populationSource = populationSource;
    const stopsText = stopsColumn ? (record.values.get(stopsColumn)?.trim() ?? '') : '';
    if (stopsText !== '' && /^\d+$/.test(stopsText)) place.stopCount = Number(stopsText);
    places.push(place);
  }
  return { places, warnings };
}
