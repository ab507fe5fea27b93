/**
 * `erreichbar places`: the Ortsteile (optionally of one Gemeinde) with their nearest stops and
 * walking times, so a user can see how a village connects to the network.
 */
import { UsageError } from '../../errors.js';
import type { FeedStop } from '../../feed/types.js';
import { nearestStops } from '../../geo/nearest-stops.js';
import type { WalkModel } from '../../geo/walk-model.js';
import type { Place } from '../../places/load-places.js';
import { writeCsv } from '../../report/write-csv.js';

/** Options of {@link runPlaces}. */
export interface PlacesOptions {
  places: readonly Place[];
  stops: readonly FeedStop[];
  gemeinde?: string;
  format: 'table' | 'json' | 'csv' | 'geojson';
  walkModel: WalkModel;
  lang: 'de' | 'en';
}

/** Renders the places listing. */
export function runPlaces(options: PlacesOptions): string {
  const { lang } = options;
  const de = lang === 'de';
  let places = [...options.places];
  if (options.gemeinde) {
    const wanted = options.gemeinde.trim().toLocaleLowerCase('de');
    const matches = (gemeinde: string): boolean => {
      const name = gemeinde.toLocaleLowerCase('de');
      return name === wanted || name.replace(/\s*\(.*\)$/, '') === wanted;
    };
    places = places.filter((place) => matches(place.gemeinde));
    if (places.length === 0) {
      const known = [...new Set(options.places.map((place) => place.gemeinde))].sort((a, b) => a.localeCompare(b, 'de'));
      throw new UsageError(
        { de: `--gemeinde: keine Gemeinde "${options.gemeinde}"; bekannt: ${known.join(', ')}`, en: `--gemeinde: no Gemeinde "${options.gemeinde}"; known: ${known.join(', ')}` },
        '--gemeinde',
      );
    }
  }
  const rows = places.map((place) => ({ place, near: nearestStops(place, options.stops, options.walkModel, 3) }));
  if (options.format === 'json') {
    return JSON.stringify(
      rows.map(({ place, near }) => ({
        ...place,
        nearestStops: near.map((n) => ({ stopId: n.stop.stopId, name: n.stop.name, distanceMeters: Math.round(n.distanceMeters), walkMinutes: Math.ceil(n.walkSeconds / 60) })),
      })),
      null,
      2,
    );
  }
  if (options.format === 'geojson') {
    return JSON.stringify(
      {
        type: 'FeatureCollection',
        features: rows.map(({ place, near }) => ({
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [place.lon, place.lat] },
          properties: {
            name: place.name,
            gemeinde: place.gemeinde,
            ags: place.ags ?? null,
            population: place.population ?? null,
            nearest_stop: near[0]?.stop.name ?? null,
            walk_minutes: near[0] ? Math.ceil(near[0].walkSeconds / 60) : null,
            stops_in_reach: near.length,
          },
        })),
      },
      null,
      1,
    );
  }
  const header = de
    ? ['Ortsteil', 'Gemeinde', 'Einwohner', 'nächste Haltestellen (Fußweg)']
    : ['Ortsteil', 'Municipality', 'Population', 'nearest stops (walk)'];
  const table = rows.map(({ place, near }) => [
    place.name,
    place.gemeinde,
    place.population === undefined ? '' : String(place.population),
    near.length === 0
      ? de
        ? `keine im Umkreis von ${options.walkModel.radiusMeters} m`
        : `none within ${options.walkModel.radiusMeters} m`
      : near.map((n) => `${n.stop.name} (${Math.ceil(n.walkSeconds / 60)} min)`).join('; '),
  ]);
  if (options.format === 'csv') {
    return writeCsv([['ortsteil', 'gemeinde', 'population', 'nearest_stops'], ...table], { lineEnd: '\n' });
  }
  const widths = header.map((title, i) => Math.max(title.length, ...table.map((row) => row[i]!.length)));
  return [header, ...table].map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')).join('\n');
}
