/**
 * The routing parameters shared by every command and their defaults, apart from the planner in
 * `route-planner.ts` (which re-exports them): the CLI names the defaults in its help without
 * loading the timetable code.
 */
import { DEFAULT_WALK_MODEL, type WalkModel } from '../geo/walk-model.js';

/** Largest allowed maxTransfers; a RAPTOR search state holds this many rounds plus one. */
export const MAX_TRANSFERS_LIMIT = 15;

/** Routing parameters shared by every command; defaults in {@link DEFAULT_ROUTING}. */
export interface RoutingOptions {
  /** Walks between different stops up to this straight-line distance (0 = none), metres. */
  walkRadiusMeters: number;
  /** Minimum time to change vehicles, at one stop or with a walk between two, seconds. */
  transferSlackSeconds: number;
  /** At most this many changes. */
  maxTransfers: number;
  /** Use transfers.txt (stop pairs and per-stop change times). */
  useTransfersFile: boolean;
  /** Walking speed and detour factor. */
  walkModel: WalkModel;
}

/** Defaults: 1,000 m walks, 2 minutes to change, no practical bound on changes (15, the router's limit). */
export const DEFAULT_ROUTING: Readonly<RoutingOptions> = Object.freeze({
  walkRadiusMeters: DEFAULT_WALK_MODEL.radiusMeters,
  transferSlackSeconds: 120,
  maxTransfers: MAX_TRANSFERS_LIMIT,
  useTransfersFile: true,
  walkModel: DEFAULT_WALK_MODEL,
});
