/**
 * Footpaths between stops and per-stop change rules: everything of a timetable that does not
 * depend on the date. Computed once per merged feed set and set of walking options, and kept in
 * memory for as long as the feed set lives, so a timetable for a further date only redoes the
 * date-dependent part.
 *
 * Footpaths: transfers.txt rows between two different stops (min_transfer_time, 0 when empty;
 * type 3 forbids the pair) and walks generated between stops up to the radius. A feed row sets
 * the minimum for its pair: the pair takes the larger of its rows (of several, the largest) and
 * the generated walk, so a 0 s walk between platforms at the same coordinates never undercuts a
 * feed's 240 s. The router adds the transfer slack where a walk is a change of vehicle.
 *
 * Generated walks are found on a grid of cells about one radius wide (`geo/stop-grid.ts`, exact
 * bounds), so the work grows with the number of stops times the stops within reach, not with the
 * square of the stops; the result is written straight into CSR arrays (no map of pairs), which
 * keeps a Germany-size stop list (500,000 stops) within memory.
 *
 * Limits: straight-line walks (see `geo/walk-model.ts`).
 */
import type { FeedSet } from '../feed/load-feeds.js';
import { walkSecondsForDistance, DEFAULT_WALK_MODEL, type WalkModel } from '../geo/walk-model.js';
import { StopGrid } from '../geo/stop-grid.js';

/** Options that decide the footpaths. */
export interface FootpathOptions {
  /** Generated walks up to this straight-line distance in metres (0 = none). */
  walkRadiusMeters: number;
  /** Speed and detour factor of generated walks. */
  walkModel: WalkModel;
  /** Use transfers.txt (stop pairs, same-stop change times, type 3). */
  useTransfersFile: boolean;
}

/** Footpaths as CSR arrays plus per-stop change rules. Read-only once built. */
export interface Footpaths {
  /** Footpaths from stop s: footTo/footSeconds[footStart[s] … footStart[s+1]-1], ascending by target. */
  readonly footStart: Int32Array;
  readonly footTo: Int32Array;
  readonly footSeconds: Int32Array;
  /** Minimum change time at each stop from transfers.txt (same-stop type 2 rows), 0 if none. */
  readonly stopMinChangeSeconds: Int32Array;
  /** Stops where transfers.txt forbids changing (same-stop type 3). */
  readonly stopNoChange: Uint8Array;
}

const cache = new WeakMap<FeedSet, Map<string, Footpaths>>();

/**
 * The footpaths of a feed set for the given options (computed on first use, then cached with the
 * feed set).
 *
 * @example
 * ```ts
 * const paths = buildFootpaths(feeds, { walkRadiusMeters: 400, walkModel: DEFAULT_WALK_MODEL, useTransfersFile: true });
 * paths.footStart[1]! - paths.footStart[0]!; // footpaths from stop 0
 * ```
 */
export function buildFootpaths(feeds: FeedSet, options: FootpathOptions): Footpaths {
  const model = options.walkModel ?? DEFAULT_WALK_MODEL;
  const key = `${options.walkRadiusMeters}|${model.speedMetersPerSecond}|${model.detourFactor}|${options.useTransfersFile}`;
  let perFeeds = cache.get(feeds);
  if (!perFeeds) cache.set(feeds, (perFeeds = new Map()));
  let footpaths = perFeeds.get(key);
  if (!footpaths) {
    footpaths = computeFootpaths(feeds, options.walkRadiusMeters, model, options.useTransfersFile);
    perFeeds.set(key, footpaths);
  }
  return footpaths;
}

/** A growable Int32 list (amortised doubling), for results whose size is not known up front. */
class IntList {
  data = new Int32Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

function computeFootpaths(feeds: FeedSet, walkRadiusMeters: number, walkModel: WalkModel, useTransfersFile: boolean): Footpaths {
  const stops = feeds.stops;
  const stopCount = stops.length;
  const stopMinChangeSeconds = new Int32Array(stopCount);
  const stopNoChange = new Uint8Array(stopCount);

  // Feed rows between different stops, grouped by origin stop (CSR): target, seconds, or −1 = forbidden.
  const rowStart = new Int32Array(stopCount + 1);
  const pairRows: { from: number; to: number; seconds: number }[] = [];
  if (useTransfersFile) {
    for (const row of feeds.transfers) {
      if (row.fromTrip !== -1 || row.toTrip !== -1) continue;
      if (row.fromStop === row.toStop) {
        if (row.type === 3) stopNoChange[row.fromStop] = 1;
        else if (row.type === 2 && row.minTransferSeconds !== undefined) {
          stopMinChangeSeconds[row.fromStop] = Math.max(stopMinChangeSeconds[row.fromStop]!, row.minTransferSeconds);
        }
        continue;
      }
      pairRows.push({ from: row.fromStop, to: row.toStop, seconds: row.type === 3 ? -1 : (row.minTransferSeconds ?? 0) });
      rowStart[row.fromStop + 1]!++;
    }
  }
  for (let s = 0; s < stopCount; s++) rowStart[s + 1]! += rowStart[s]!;
  const rowTo = new Int32Array(pairRows.length);
  const rowSeconds = new Int32Array(pairRows.length);
  {
    const fill = rowStart.slice(0, stopCount);
    for (const row of pairRows) {
      const slot = fill[row.from]!++;
      rowTo[slot] = row.to;
      rowSeconds[slot] = row.seconds;
    }
  }

  const generate = walkRadiusMeters > 0;
  const model = { ...walkModel, radiusMeters: walkRadiusMeters };
  // Cells about one radius wide: a few cells around each stop hold every stop in reach.
  const grid = generate ? new StopGrid(stops, walkRadiusMeters / 111_000) : undefined;

  const footStart = new Int32Array(stopCount + 1);
  const footTo = new IntList();
  const footSeconds = new IntList();
  // Per origin stop: the seconds to each target (−2 = none yet), reset after each stop.
  const seconds = new Int32Array(stopCount).fill(-2);
  const forbidden = new Uint8Array(stopCount);
  const targets: number[] = [];
  for (let s = 0; s < stopCount; s++) {
    grid?.within(stops[s]!, walkRadiusMeters, (t, meters) => {
      if (t === s) return;
      const walk = walkSecondsForDistance(meters, model);
      if (walk === undefined) return;
      if (seconds[t] === -2) targets.push(t);
      if (seconds[t] === -2 || walk < seconds[t]!) seconds[t] = walk;
    });
    // A feed row is the minimum for its pair: raise the generated walk to it (or add the pair).
    const feedSeconds = new Map<number, number>();
    for (let r = rowStart[s]!; r < rowStart[s + 1]!; r++) {
      const t = rowTo[r]!;
      if (rowSeconds[r] === -1) forbidden[t] = 1;
      else feedSeconds.set(t, Math.max(feedSeconds.get(t) ?? 0, rowSeconds[r]!));
    }
    for (const [t, required] of feedSeconds) {
      if (seconds[t] === -2) {
        targets.push(t);
        seconds[t] = required;
      } else if (required > seconds[t]!) seconds[t] = required;
    }
    targets.sort((a, b) => a - b);
    for (const t of targets) {
      if (forbidden[t] === 0) {
        footTo.push(t);
        footSeconds.push(seconds[t]!);
      }
      seconds[t] = -2;
    }
    for (let r = rowStart[s]!; r < rowStart[s + 1]!; r++) forbidden[rowTo[r]!] = 0;
    targets.length = 0;
    footStart[s + 1] = footTo.length;
  }
  return { footStart, footTo: footTo.toArray(), footSeconds: footSeconds.toArray(), stopMinChangeSeconds, stopNoChange };
}

