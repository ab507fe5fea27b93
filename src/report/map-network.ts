/**
 * The bus network as a map needs it: stop positions and line courses (the stop sequences of the
 * timetable's patterns, each distinct sequence once), cut to an area around the report's
 * Ortsteile so that a city network beside the district does not dominate the picture.
 */
import type { Timetable } from '../timetable/build-timetable.js';

/** Stops and lines for the map, in WGS84 degrees (5 decimals, about 1 m). */
export interface MapNetwork {
  /** `[lat, lon]` of every stop served by a pattern in the area. */
  stops: [number, number][];
  /** Line courses as `[lat, lon]` polylines, each distinct stop sequence once. */
  lines: [number, number][][];
}

/** A rectangle in degrees. */
export interface Bounds {
  south: number;
  west: number;
  north: number;
  east: number;
}

const round5 = (value: number): number => Math.round(value * 1e5) / 1e5;

/** The bounds of points, grown by `marginMeters` on every side. */
export function boundsAround(points: readonly { lat: number; lon: number }[], marginMeters: number): Bounds {
  const lats = points.map((p) => p.lat);
  const lons = points.map((p) => p.lon);
  const south = Math.min(...lats);
  const north = Math.max(...lats);
  const dLat = marginMeters / 111_320;
  const dLon = marginMeters / (111_320 * Math.cos((((south + north) / 2) * Math.PI) / 180));
  return { south: south - dLat, north: north + dLat, west: Math.min(...lons) - dLon, east: Math.max(...lons) + dLon };
}

/**
 * Builds the map network of a timetable: stops served by a pattern, and line courses as stop
 * sequences. With `bounds` (see {@link boundsAround}), only stops inside and the parts of line
 * courses between stops inside; without, everything.
 *
 * @example
 * ```ts
 * const network = buildMapNetwork(buildTimetable(feeds, 20261130), boundsAround(places, 5000));
 * network.lines.length; // distinct line courses in the district
 * ```
 */
export function buildMapNetwork(tt: Timetable, bounds?: Bounds): MapNetwork {
  const inside = (stop: number): boolean => {
    const s = tt.stops[stop];
    if (s === undefined) return false;
    return !bounds || (s.lat >= bounds.south && s.lat <= bounds.north && s.lon >= bounds.west && s.lon <= bounds.east);
  };
  const used = new Set<number>();
  const seen = new Set<string>();
  const lines: [number, number][][] = [];
  for (let p = 0; p < tt.patternCount; p++) {
    const sequence = tt.patternStops.subarray(tt.patternStopStart[p]!, tt.patternStopStart[p + 1]!);
    let piece: [number, number][] = [];
    // Patterns differing only outside the bounds leave equal pieces; a course and its reverse
    // draw the same line. Each is kept once.
    const flush = (): void => {
      if (piece.length >= 2) {
        const key = piece.join(';');
        const reverseKey = [...piece].reverse().join(';');
        if (!seen.has(key) && !seen.has(reverseKey)) {
          seen.add(key);
          lines.push(piece);
        }
      }
      piece = [];
    };
    for (const stop of sequence) {
      if (!inside(stop)) {
        flush();
        continue;
      }
      used.add(stop);
      const s = tt.stops[stop]!;
      const point: [number, number] = [round5(s.lat), round5(s.lon)];
      const last = piece[piece.length - 1];
      if (!last || last[0] !== point[0] || last[1] !== point[1]) piece.push(point);
    }
    flush();
  }
  const stops = [...used]
    .sort((a, b) => a - b)
    .map((stop): [number, number] => [round5(tt.stops[stop]!.lat), round5(tt.stops[stop]!.lon)]);
  const unique = new Map(stops.map((s) => [`${s[0]},${s[1]}`, s]));
  return { stops: [...unique.values()], lines };
}
