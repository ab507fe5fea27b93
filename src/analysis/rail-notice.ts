/**
 * Railway stations the loaded timetables do not know about. The NASA bus feeds carry no rail,
 * yet Wolmirstedt, Haldensleben, Oschersleben, Barleben and more have stations with regional
 * trains: a village "nicht erreichbar" by bus may be one train ride away. When no loaded feed
 * has rail routes (GTFS route_type 2 or 100–117) and a home or destination lies within walking
 * reach of a station, answers say so; with a rail feed loaded the notice disappears.
 *
 * Stations come from `data/bahnhoefe.csv` (derived by `scripts/derive-bahnhoefe.mjs` from DB
 * InfraGO station data, CC BY 4.0, and OpenStreetMap, ODbL). Distances are straight lines.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FeedSet } from '../feed/load-feeds.js';
import { distanceMeters, type LatLon } from '../geo/walk-model.js';

/** The bundled station list. */
export const RAIL_STATIONS_FILE = fileURLToPath(new URL('../../data/bahnhoefe.csv', import.meta.url));

/** Attribution of the station list. */
export const RAIL_STATIONS_ATTRIBUTION = 'Bahnhöfe: DB InfraGO AG (CC BY 4.0) und OpenStreetMap-Mitwirkende (ODbL)';

/** A railway station. */
export interface RailStation {
  /** DB station number (EVA). */
  id: string;
  name: string;
  lat: number;
  lon: number;
  /** Rail products, e.g. `regional`, `suburban`. */
  products: string[];
}

/** A station near a point of an answer. */
export interface RailNotice {
  /** The home or destination concerned. */
  place: string;
  role: 'home' | 'destination';
  station: string;
  /** Straight-line distance, rounded to 10 m. */
  distanceMeters: number;
  /** The line a person reads. */
  message: string;
}

let stationsCache: RailStation[] | undefined;

/** Reads the bundled station list (cached). */
export function loadRailStations(): RailStation[] {
  if (!stationsCache) {
    const lines = readFileSync(RAIL_STATIONS_FILE, 'utf8').split(/\r?\n/).slice(1).filter((line) => line.trim() !== '');
    stationsCache = lines.map((line) => {
      const cells = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((cell) => cell.replace(/,$/, '').replace(/^"|"$/g, '').replace(/""/g, '"'));
      return { id: cells[0]!, name: cells[1]!, lat: Number(cells[2]), lon: Number(cells[3]), products: (cells[4] ?? '').split('|').filter(Boolean) };
    });
  }
  return stationsCache;
}

/** True when any loaded feed has a rail route (route_type 2 or 100–117). */
export function hasRailRoutes(feeds: FeedSet): boolean {
  for (let r = 0; r < feeds.routes.type.length; r++) {
    const type = feeds.routes.type[r]!;
    if (type === 2 || (type >= 100 && type <= 117)) return true;
  }
  return false;
}

/** The nearest station within `radiusMeters` of a point, or null. */
export function nearestRailStation(point: LatLon, radiusMeters: number): { station: RailStation; distanceMeters: number } | null {
  let best: { station: RailStation; distanceMeters: number } | null = null;
  for (const station of loadRailStations()) {
    const distance = distanceMeters(point, station);
    if (distance <= radiusMeters && (!best || distance < best.distanceMeters)) best = { station, distanceMeters: distance };
  }
  return best;
}

/**
 * Notices for the points of an answer that lie within `radiusMeters` of a railway station,
 * when no loaded feed has rail routes; none otherwise.
 *
 * @example
 * ```ts
 * railNotices(feeds, [{ name: 'Wolmirstedt', lat: 52.2503, lon: 11.6292, role: 'home' }], 1000)[0]?.message;
 * // 'Hinweis (Wohnort Wolmirstedt): Bahnhof Wolmirstedt 460 m entfernt: Züge sind in den Fahrplandaten nicht enthalten'
 * ```
 */
export function railNotices(
  feeds: FeedSet,
  points: readonly (LatLon & { name: string; role: 'home' | 'destination' })[],
  radiusMeters: number,
  lang: 'de' | 'en' = 'de',
): RailNotice[] {
  if (hasRailRoutes(feeds)) return [];
  const notices: RailNotice[] = [];
  for (const point of points) {
    const near = nearestRailStation(point, radiusMeters);
    if (!near) continue;
    const distance = Math.round(near.distanceMeters / 10) * 10;
    const role = lang === 'de' ? (point.role === 'home' ? 'Wohnort' : 'Ziel') : point.role === 'home' ? 'home' : 'destination';
    notices.push({
      place: point.name,
      role: point.role,
      station: near.station.name,
      distanceMeters: distance,
      message:
        lang === 'de'
          ? `Hinweis (${role} ${point.name}): Bahnhof ${near.station.name} ${distance} m entfernt: Züge sind in den Fahrplandaten nicht enthalten`
          : `Note (${role} ${point.name}): ${near.station.name} station ${distance} m away: trains are not in the timetable data`,
    });
  }
  return notices;
}
