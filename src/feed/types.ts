/**
 * The shapes the rest of erreichbar sees of imported feeds. Raw GTFS rows (snake_case) never leave
 * `feed/`; these are their cleaned, merged counterparts.
 */

/** A stop (or platform) of the merged feeds. Stops with the same `stop_id` in several feeds are one stop. */
export interface FeedStop {
  /** GTFS `stop_id`, e.g. `de:15083:1528::1` (DHID). */
  stopId: string;
  /** Display name with feed artefacts such as `[INSA-Version …]` removed. */
  name: string;
  lat: number;
  lon: number;
}
