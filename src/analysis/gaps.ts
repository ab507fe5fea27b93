/**
 * `erreichbar gaps`: every failing case (Ortsteil × destination × slot × date) with its smallest
 * bridge (see `bridges.ts`), and the meeting points ranked by how many cases their car bridges
 * would solve — the list a volunteer network or the Rufbus planning can act on.
 *
 * Same engine and searches as `report`: per destination, slot and date, two searches for all
 * Ortsteile (the verdicts) and two for all meeting points (the bridges).
 */
import type { FeedSet } from '../feed/load-feeds.js';
import type { RoutingOptions } from '../router/route-planner.js';
import { slotKindOf, type Report, type ReportDestination, type ReportPlace } from './build-report.js';
import { BridgeFinder, summarizeBridge, type BridgeLeg, type CaseBridge, type RideModel } from './bridges.js';
import { chooseDates, type DaySelection } from './choose-days.js';
import { ReachabilityEngine, type ReachabilityLimits, type Verdict } from './reachability.js';
import { DAY_TYPE_IDS, type DayTypeId } from './service-calendar.js';

/** Version of the gaps JSON layout. */
export const GAPS_SCHEMA_VERSION = 1;

/** One failing case with its bridge. */
export interface GapCase {
  ortsteil: string;
  gemeinde: string;
  destination: string;
  slot: string;
  date: string;
  dayTypeId: DayTypeId;
  verdict: Verdict;
  bridge: CaseBridge;
}

/** A meeting point with the cases its car bridges would solve. */
export interface MeetingPointUse {
  name: string;
  stopId: string;
  lat: number;
  lon: number;
  /** Cases whose smallest car bridge uses this point (outbound or return). */
  cases: number;
  outbound: number;
  return: number;
  /** Ortsteile served, sorted. */
  ortsteile: string[];
  /** Shortest and longest estimated road length of those rides, metres. */
  minRideMeters: number;
  maxRideMeters: number;
}

/** The answer of {@link findGaps}. */
export interface GapsResult {
  schemaVersion: number;
  carModel: RideModel;
  bikeModel: RideModel;
  limits: ReachabilityLimits;
  dates: { date: string; dayTypeId: DayTypeId }[];
  /** Cases assessed, failing, bridged by car, by bicycle, by neither. */
  totals: { cases: number; failing: number; car: number; bike: number; none: number };
  cases: GapCase[];
  meetingPoints: MeetingPointUse[];
}

/** Options of {@link findGaps}. */
export interface FindGapsOptions {
  days: DaySelection;
  routing?: Partial<RoutingOptions>;
  limits?: Partial<ReachabilityLimits>;
  /** Longest car ride (straight line), metres; default 10 km. */
  maxRideMeters?: number;
  onProgress?: (done: number, total: number, destination: string) => void;
}

/**
 * Finds the failing cases and their bridges.
 *
 * @example
 * ```ts
 * const gaps = findGaps(feeds, places, [hermes], { days: { kind: 'day-types', from: '2026-11-30' } });
 * gaps.meetingPoints[0]; // { name: 'Haldensleben, ZOB', cases: 12, … }
 * ```
 */
export function findGaps(feeds: FeedSet, places: readonly ReportPlace[], destinations: readonly ReportDestination[], options: FindGapsOptions): GapsResult {
  const engine = new ReachabilityEngine(feeds, { routing: options.routing, limits: options.limits });
  const finder = new BridgeFinder(engine, options.maxRideMeters === undefined ? {} : { car: { maxStraightMeters: options.maxRideMeters } });
  const cases: GapCase[] = [];
  const usedDates = new Map<string, DayTypeId>();
  let assessed = 0;
  destinations.forEach((destination, index) => {
    const kind = slotKindOf(destination);
    for (const slot of destination.schedule) {
      for (const { date } of chooseDates(feeds, options.days, slot.days)) {
        const slotTimes = { ...slot, kind };
        const { start, end, outbound, back } = engine.journeysForSlot(places, destination, date, slotTimes);
        const days = places.map((_, p) => engine.judge(date, start, end, outbound[p] ?? null, back[p] ?? null, kind));
        assessed += places.length;
        const bridges = finder.bridges(places, days, destination, slotTimes, date);
        places.forEach((place, p) => {
          const bridge = bridges[p];
          const day = days[p]!;
          usedDates.set(date, day.dayTypeId);
          if (!bridge) return;
          cases.push({
            ortsteil: place.name,
            gemeinde: place.gemeinde ?? '',
            destination: destination.name,
            slot: slot.label,
            date,
            dayTypeId: day.dayTypeId,
            verdict: day.verdict,
            bridge,
          });
        });
      }
    }
    options.onProgress?.(index + 1, destinations.length, destination.name);
  });

  const uses = new Map<string, MeetingPointUse & { names: Set<string> }>();
  for (const c of cases) {
    for (const leg of c.bridge.car?.legs ?? []) {
      const key = `${leg.point.stopId}\u0000${leg.point.name}`;
      let use = uses.get(key);
      if (!use) {
        use = { name: leg.point.name, stopId: leg.point.stopId, lat: leg.point.lat, lon: leg.point.lon, cases: 0, outbound: 0, return: 0, ortsteile: [], minRideMeters: Infinity, maxRideMeters: 0, names: new Set() };
        uses.set(key, use);
      }
      use.cases++;
      if (leg.direction === 'outbound') use.outbound++;
      else use.return++;
      use.names.add(c.ortsteil);
      use.minRideMeters = Math.min(use.minRideMeters, leg.rideMeters);
      use.maxRideMeters = Math.max(use.maxRideMeters, leg.rideMeters);
    }
  }
  const collator = new Intl.Collator('de');
  const meetingPoints = [...uses.values()]
    .map(({ names, ...use }) => ({ ...use, ortsteile: [...names].sort(collator.compare) }))
    .sort((a, b) => b.cases - a.cases || collator.compare(a.name, b.name));
  return {
    schemaVersion: GAPS_SCHEMA_VERSION,
    carModel: finder.car,
    bikeModel: finder.bike,
    limits: engine.limits,
    dates: [...usedDates.entries()]
      .sort((a, b) => DAY_TYPE_IDS.indexOf(a[1]) - DAY_TYPE_IDS.indexOf(b[1]) || a[0].localeCompare(b[0]))
      .map(([date, dayTypeId]) => ({ date, dayTypeId })),
    totals: {
      cases: assessed,
      failing: cases.length,
      car: cases.filter((c) => c.bridge.car).length,
      bike: cases.filter((c) => c.bridge.bike).length,
      none: cases.filter((c) => !c.bridge.car && !c.bridge.bike).length,
    },
    cases,
    meetingPoints,
  };
}

/** The leg of a bridge in one direction, if any. */
export function bridgeLeg(bridge: CaseBridge, mode: 'car' | 'bike', direction: 'outbound' | 'return'): BridgeLeg | undefined {
  return (mode === 'car' ? bridge.car : bridge.bike)?.legs.find((leg) => leg.direction === direction);
}

/**
 * Adds to every day of a report (built by `buildReport` from the same places and destinations,
 * in the same order) its bridge: `day.bridge` is the smallest ride that would make a failing day
 * work, null for a day that works. Two extra searches per destination, slot and date.
 */
export function addBridgesToReport(
  feeds: FeedSet,
  report: Report,
  places: readonly ReportPlace[],
  destinations: readonly ReportDestination[],
  options: { routing?: Partial<RoutingOptions>; limits?: Partial<ReachabilityLimits>; maxRideMeters?: number } = {},
): void {
  const engine = new ReachabilityEngine(feeds, { routing: options.routing, limits: options.limits });
  const finder = new BridgeFinder(engine, options.maxRideMeters === undefined ? {} : { car: { maxStraightMeters: options.maxRideMeters } });
  let k = 0;
  for (const destination of destinations) {
    const kind = slotKindOf(destination);
    for (const slot of destination.schedule) {
      const index = k++;
      const dates = [...new Set(report.ortsteile.flatMap((o) => o.results[index]?.days.map((d) => d.date) ?? []))];
      for (const date of dates) {
        const days = report.ortsteile.map((o) => o.results[index]!.days.find((d) => d.date === date)!);
        const bridges = finder.bridges(places, days, destination, { ...slot, kind }, date);
        days.forEach((day, p) => (day.bridge = bridges[p] ? summarizeBridge(bridges[p]!) : null));
      }
    }
  }
}
