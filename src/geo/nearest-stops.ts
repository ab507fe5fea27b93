/**
 * The stops within walking distance of a point, nearest first, with walking times.
 */
import type { FeedStop } from '../feed/types.js';
import { distanceMeters, walkSecondsForDistance, type LatLon, type WalkModel } from './walk-model.js';

/** A stop near a point. */
export interface NearbyStop {
  stop: FeedStop;
  distanceMeters: number;
  walkSeconds: number;
}

/**
 * Stops within the model's radius of `point`, sorted by walking time, then stop id; at most
 * `limit`. Stops sharing a name (platforms of one stop) are kept once, the nearest.
 */
export function nearestStops(point: LatLon, stops: readonly FeedStop[], model: WalkModel, limit = Infinity): NearbyStop[] {
  const found: NearbyStop[] = [];
  for (const stop of stops) {
    const distance = distanceMeters(point, stop);
    const walkSeconds = walkSecondsForDistance(distance, model);
    if (walkSeconds !== undefined) found.push({ stop, distanceMeters: distance, walkSeconds });
  }
  found.sort((a, b) => a.walkSeconds - b.walkSeconds || (a.stop.stopId < b.stop.stopId ? -1 : 1));
  const names = new Set<string>();
  return found.filter((near) => !names.has(near.stop.name) && names.add(near.stop.name)).slice(0, limit);
}
