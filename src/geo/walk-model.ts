/**
 * How people get to and from stops without a vehicle: straight-line distance times a detour
 * factor, at a constant speed, up to a radius. All defaults live here and nowhere else.
 *
 * Limits: no street network; a river without a bridge counts as walkable. The detour factor
 * (1.3, typical for rural road networks) absorbs most of that.
 */
/** A WGS84 position. */
export interface LatLon {
  /** Latitude in degrees (Börde: about 51.9–52.5). */
  lat: number;
  /** Longitude in degrees (Börde: about 10.9–11.8). */
  lon: number;
}

/** Parameters of an access mode (walking or cycling). */
export interface WalkModel {
  /** Travel speed in metres per second. */
  speedMetersPerSecond: number;
  /** Factor applied to the straight-line distance to approximate the path length. */
  detourFactor: number;
  /** Largest straight-line distance in metres that is walked (to a stop, between stops, or all the way). */
  radiusMeters: number;
}

/** Walking: 4.5 km/h, detour factor 1.3, at most 1,000 m straight-line distance. */
export const DEFAULT_WALK_MODEL: Readonly<WalkModel> = Object.freeze({
  speedMetersPerSecond: 1.25,
  detourFactor: 1.3,
  radiusMeters: 1000,
});

/** Cycling as the second access mode: 15 km/h, detour factor 1.3, at most 5,000 m. */
export const DEFAULT_BIKE_MODEL: Readonly<WalkModel> = Object.freeze({
  speedMetersPerSecond: 15 / 3.6,
  detourFactor: 1.3,
  radiusMeters: 5000,
});

const EARTH_RADIUS_METERS = 6_371_008.8;
const DEG = Math.PI / 180;

/**
 * Great-circle distance in metres (haversine, the same formula as turf's `distance`, inlined
 * because footpath generation calls it hundreds of thousands of times).
 */
export function distanceMeters(a: LatLon, b: LatLon): number {
  const dLat = (b.lat - a.lat) * DEG;
  const dLon = (b.lon - a.lon) * DEG;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * DEG) * Math.cos(b.lat * DEG) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The same distance computed by turf's `distance` (loaded on demand: the turf bundle takes about
 * 170 ms to load, too much for every CLI start), to check {@link distanceMeters} against.
 */
export async function turfDistanceMeters(a: LatLon, b: LatLon): Promise<number> {
  const { distance, point } = await import('@turf/turf');
  return distance(point([a.lon, a.lat]), point([b.lon, b.lat]), { units: 'meters' });
}

/**
 * Walking time in whole seconds (rounded up) for a straight-line distance, or `undefined` when
 * the distance exceeds the model's radius.
 */
export function walkSecondsForDistance(distance: number, model: WalkModel): number | undefined {
  if (distance > model.radiusMeters) return undefined;
  return Math.ceil((distance * model.detourFactor) / model.speedMetersPerSecond);
}
