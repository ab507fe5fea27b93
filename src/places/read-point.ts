/**
 * The point of a places or destinations row: latitude and longitude from columns (`lat`/`lon`,
 * `breite`/`länge`, `latitude`/`longitude`, `y`/`x`) or from a GeoJSON geometry, with decimal
 * point or comma, checked for range, for swapped order, and for lying far from the district.
 */
import { DataError } from '../errors.js';
import { distanceMeters, type LatLon } from '../geo/walk-model.js';
import { findColumn, type SourceRecord, type SourceTable } from './read-records.js';

/** A rectangle in degrees. */
export interface Area {
  south: number;
  west: number;
  north: number;
  east: number;
}

/** Landkreis Börde, generously: the default area points are expected in. */
export const BOERDE_AREA: Readonly<Area> = Object.freeze({ south: 51.93, west: 10.88, north: 52.58, east: 11.86 });

/** Points farther than this outside the area give a warning. */
export const AREA_MARGIN_METERS = 50_000;

const LAT_COLUMNS = ['lat', 'latitude', 'breite', 'y', 'y-koordinate'];
const LON_COLUMNS = ['lon', 'lng', 'longitude', 'länge', 'laenge', 'x', 'x-koordinate'];

function toNumber(text: string): number {
  const normalised = text.trim().replace(/\s/g, '').replace(',', '.');
  return normalised === '' || !/^[-+]?\d*\.?\d+(e[-+]?\d+)?$/i.test(normalised) ? NaN : Number(normalised);
}

/**
 * Reads and checks the point of a row. Returns the point and, if it lies far outside `area`,
 * a warning line.
 */
export function readPoint(table: SourceTable, record: SourceRecord, label: string, area: Area = BOERDE_AREA): { point: LatLon; warning?: string } {
  const file = table.file;
  const line = record.line;
  let latText: string;
  let lonText: string;
  let latField = 'lat';
  let lonField = 'lon';
  if (record.coordinates) {
    lonText = String(record.coordinates[0]);
    latText = String(record.coordinates[1]);
    latField = 'coordinates[1]';
    lonField = 'coordinates[0]';
  } else {
    const latColumn = findColumn(table, LAT_COLUMNS);
    const lonColumn = findColumn(table, LON_COLUMNS);
    if (!latColumn || !lonColumn) {
      throw new DataError('MISSING_COLUMN', { file, line: 1, field: latColumn ? 'lon' : 'lat' }, { de: 'Spalte fehlt (auch möglich: latitude/longitude, breite/länge)', en: 'column is missing (also accepted: latitude/longitude, breite/länge)' });
    }
    latField = latColumn;
    lonField = lonColumn;
    latText = record.values.get(latColumn) ?? '';
    lonText = record.values.get(lonColumn) ?? '';
  }
  const lat = toNumber(latText);
  const lon = toNumber(lonText);
  if (Number.isNaN(lat)) throw new DataError('BAD_COORDINATE', { file, line, field: latField, value: latText }, { de: 'ist keine Zahl', en: 'is not a number' });
  if (Number.isNaN(lon)) throw new DataError('BAD_COORDINATE', { file, line, field: lonField, value: lonText }, { de: 'ist keine Zahl', en: 'is not a number' });
  if (lat < -90 || lat > 90) throw new DataError('BAD_COORDINATE', { file, line, field: latField, value: latText }, { de: 'ist keine geografische Breite von -90 bis 90', en: 'is not a latitude from -90 to 90' });
  if (lon < -180 || lon > 180) throw new DataError('BAD_COORDINATE', { file, line, field: lonField, value: lonText }, { de: 'ist keine geografische Länge von -180 bis 180', en: 'is not a longitude from -180 to 180' });
  const inside = (la: number, lo: number): boolean => la >= area.south && la <= area.north && lo >= area.west && lo <= area.east;
  if (!inside(lat, lon) && inside(lon, lat)) {
    throw new DataError(
      'SWAPPED_COORDINATES',
      { file, line, field: `${latField},${lonField}`, value: `${latText},${lonText}` },
      {
        de: `von "${label}": Breite und Länge scheinen vertauscht (der Punkt läge bei ${lat.toFixed(2)}° N, ${lon.toFixed(2)}° O, nicht im Gebiet)`,
        en: `of "${label}": latitude and longitude look swapped (the point would lie at ${lat.toFixed(2)}° N, ${lon.toFixed(2)}° E, not in the area)`,
      },
    );
  }
  const point = { lat, lon };
  if (!inside(lat, lon)) {
    const nearest = { lat: Math.min(Math.max(lat, area.south), area.north), lon: Math.min(Math.max(lon, area.west), area.east) };
    const away = distanceMeters(point, nearest);
    if (away > AREA_MARGIN_METERS) {
      return {
        point,
        warning: `${file}:${line}: point ${lat},${lon} of "${label}" lies ${Math.round(away / 1000)} km outside the area of the timetables`,
      };
    }
  }
  return { point };
}
