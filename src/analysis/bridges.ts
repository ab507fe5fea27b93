/**
 * Gaps and bridges: for a failing case (Ortsteil × destination × slot × date), the smallest ride
 * that would make the round trip work — a car ride (a volunteer, a Mitfahrbank, an on-demand
 * bus) to a stop where a bus gets one there in time, or from the stop where the bus home ends;
 * or a bicycle ride to a stop used both ways. Where no stop within the ride limit works, the
 * answer is "no bus in that direction within the limits".
 *
 * The ride model is stated once, in {@link CAR_RIDE_MODEL} and {@link BIKE_RIDE_MODEL}: the
 * straight-line distance times a detour factor at a constant speed, never guessed per case.
 *
 * How: the stops around the failing homes are grouped into meeting points (platforms of one
 * name within 500 m). For each destination × slot × date the engine's own two searches
 * (all-to-one there, one-to-all back) are run with the meeting points as homes, so a meeting
 * point's bus journeys are exactly those `check --from <lat,lon of the point>` finds. A bridge
 * then adds the ride between home and point and must keep the whole direction within the
 * limits (travel door to door, waiting, the journey limit). The smallest bridge is the one with
 * the shortest ride; ties go to the later pick-up (outbound) or the earlier arrival (return).
 *
 * Limits: rides go between the home's point and the meeting point only (not all the way to the
 * destination: that is no bus bridge); a bus part must contain a ride. Bicycles stay at the
 * meeting point, so a bicycle bridge uses one point both ways.
 */
import { distanceMeters, type LatLon } from '../geo/walk-model.js';
import type { Journey } from '../router/journey.js';
import { ReachabilityEngine, type DayAssessment, type NamedPoint, type SlotTimes } from './reachability.js';

/** A ride between home and a meeting point: straight line × detour factor at a speed, up to a distance. */
export interface RideModel {
  /** Metres per second. */
  speedMetersPerSecond: number;
  /** Road length ÷ straight-line distance. */
  detourFactor: number;
  /** Longest straight-line distance ridden, metres. */
  maxStraightMeters: number;
  /** Time between the ride's arrival and the bus (meeting, locking the bicycle), seconds. */
  marginSeconds: number;
}

/**
 * Car (volunteer driver, Mitfahrbank, on-demand bus): 40 km/h door to stop, detour factor 1.3,
 * up to 10 km straight line, 3 minutes margin for meeting the bus.
 *
 * Assumptions, stated: 1.3 is the detour factor the walking model uses and the usual order of
 * rural road networks (road length over straight line, typically 1.2–1.4); 40 km/h is an average
 * for short rural trips including village streets, starting and parking — well below the 100 km/h
 * limit of country roads on purpose, so that the pick-up times stay on the safe side; 10 km is the
 * default `--max-ride-km`, the scale of a volunteer's or a Rufbus's feeder ride.
 */
export const CAR_RIDE_MODEL: Readonly<RideModel> = Object.freeze({
  speedMetersPerSecond: 40 / 3.6,
  detourFactor: 1.3,
  maxStraightMeters: 10_000,
  marginSeconds: 3 * 60,
});

/** Bicycle: the access model of `--access bike` (15 km/h, detour factor 1.3, up to 5 km), 2 minutes to lock it. */
export const BIKE_RIDE_MODEL: Readonly<RideModel> = Object.freeze({
  speedMetersPerSecond: 15 / 3.6,
  detourFactor: 1.3,
  maxStraightMeters: 5_000,
  marginSeconds: 2 * 60,
});

/** A place to meet the bus: the platforms of one stop name within 500 m, at their mean position. */
export interface MeetingPoint extends NamedPoint {
  /** stop_id of its first platform. */
  stopId: string;
}

/** One direction of a bridge. Clock times are seconds of the case's service date. */
export interface BridgeLeg {
  direction: 'outbound' | 'return';
  mode: 'car' | 'bike';
  point: MeetingPoint;
  /** Straight line between home and point, metres. */
  straightMeters: number;
  /** Estimated road length (straight line × detour factor), metres. */
  rideMeters: number;
  rideSeconds: number;
  /** Outbound: leave home; return: leave the meeting point. */
  rideStart: number;
  /** Outbound: at the meeting point; return: at home. */
  rideEnd: number;
  /** The bus part: from the point to the destination (outbound) or from the destination to the point (return). */
  bus: Journey;
}

/** A whole bridge: the legs for the failing directions (a bicycle bridge has both). */
export interface Bridge {
  mode: 'car' | 'bike';
  legs: BridgeLeg[];
  /** Sum of the estimated road lengths of the rides, metres. */
  rideMeters: number;
}

/** What would bridge one failing case. */
export interface CaseBridge {
  /** Directions without a bus journey within the limits. */
  failing: ('outbound' | 'return')[];
  /** The smallest car bridge (one leg per failing direction), or null if some direction has none. */
  car: Bridge | null;
  /** The smallest bicycle bridge (one meeting point both ways), or null. */
  bike: Bridge | null;
  /** Failing directions where no meeting point within the car limit has a bus within the limits. */
  noBus: ('outbound' | 'return')[];
}

/** Options of {@link BridgeFinder}. */
export interface BridgeOptions {
  car?: Partial<RideModel>;
  bike?: Partial<RideModel>;
}

/**
 * Finds bridges with the engine's own searches and limits.
 *
 * @example
 * ```ts
 * const finder = new BridgeFinder(engine);
 * const day = engine.assess(home, hermes, slot, '2026-12-09');
 * const [bridge] = finder.bridges([home], [day], hermes, slot, '2026-12-09');
 * bridge?.car?.legs[0]?.point.name; // 'Haldensleben, ZOB'
 * ```
 */
export class BridgeFinder {
  readonly engine: ReachabilityEngine;
  readonly car: RideModel;
  readonly bike: RideModel;
  private points: MeetingPoint[] | undefined;

  /** `engine` should reach stops on foot (the bridge is the ride; its bus part is walked to and from). */
  constructor(engine: ReachabilityEngine, options: BridgeOptions = {}) {
    this.engine = engine;
    this.car = { ...CAR_RIDE_MODEL, ...options.car };
    this.bike = { ...BIKE_RIDE_MODEL, ...options.bike };
  }

  /** All meeting points of the feeds (built once). */
  meetingPoints(): MeetingPoint[] {
    if (!this.points) {
      const groups = new Map<string, { lat: number; lon: number; n: number; stopId: string; name: string; first: LatLon }[]>();
      for (const stop of this.engine.feeds.stops) {
        const list = groups.get(stop.name) ?? [];
        const group = list.find((g) => distanceMeters(g.first, stop) <= 500);
        if (group) {
          group.lat += stop.lat;
          group.lon += stop.lon;
          group.n++;
        } else {
          list.push({ lat: stop.lat, lon: stop.lon, n: 1, stopId: stop.stopId, name: stop.name, first: { lat: stop.lat, lon: stop.lon } });
        }
        groups.set(stop.name, list);
      }
      this.points = [...groups.values()].flat().map((g) => ({ name: g.name, stopId: g.stopId, lat: g.lat / g.n, lon: g.lon / g.n }));
    }
    return this.points;
  }

  /** Which directions of a day fail: no journey, or one over the travel or waiting limit. */
  static failingDirections(day: Pick<DayAssessment, 'verdict' | 'reasons'> & { outbound: unknown; return: unknown }): ('outbound' | 'return')[] {
    if (day.verdict === 'reachable') return [];
    const over = (direction: 'outbound' | 'return'): boolean =>
      day.reasons.some((r) => (r.code === 'travel-too-long' || r.code === 'wait-too-long' || r.code === 'journey-too-long') && r.direction === direction);
    const failing: ('outbound' | 'return')[] = [];
    if (!day.outbound || over('outbound')) failing.push('outbound');
    if (!day.return || over('return')) failing.push('return');
    return failing;
  }

  /**
   * Bridges for many homes of one destination, slot and date (two searches for all of them).
   * `days[i]` is the assessment of `homes[i]`; reachable days get `null`.
   */
  bridges(homes: readonly NamedPoint[], days: readonly (Pick<DayAssessment, 'verdict' | 'reasons'> & { outbound: unknown; return: unknown })[], destination: NamedPoint, slot: SlotTimes, date: string): (CaseBridge | null)[] {
    const failing = days.map((day) => BridgeFinder.failingDirections(day));
    const needy = homes.map((_, i) => i).filter((i) => failing[i]!.length > 0);
    if (needy.length === 0) return homes.map(() => null);
    const reach = Math.max(this.car.maxStraightMeters, this.bike.maxStraightMeters);
    // Meeting points within reach of each needy home (a degree box first: most pairs are far apart).
    const all = this.meetingPoints();
    const points: MeetingPoint[] = [];
    const indexOf = new Map<MeetingPoint, number>();
    const near = new Map<number, { p: number; meters: number }[]>();
    const dLat = reach / 111_320;
    for (const i of needy) {
      const home = homes[i]!;
      const dLon = reach / (111_320 * Math.cos((home.lat * Math.PI) / 180));
      const list: { p: number; meters: number }[] = [];
      for (const point of all) {
        if (Math.abs(point.lat - home.lat) > dLat || Math.abs(point.lon - home.lon) > dLon) continue;
        const meters = distanceMeters(home, point);
        if (meters > reach) continue;
        let p = indexOf.get(point);
        if (p === undefined) {
          p = points.length;
          points.push(point);
          indexOf.set(point, p);
        }
        list.push({ p, meters });
      }
      near.set(i, list);
    }
    // A bus part over max-journey is never a bridge: no search for such journeys.
    const { start, end, outbound, back } = this.engine.journeysForSlot(points, destination, date, slot, { overLong: false });
    const limits = this.engine.limits;
    const opening = slot.kind === 'opening-hours';
    const hasRide = (j: Journey | null | undefined): j is Journey => !!j && j.legs.some((leg) => leg.mode === 'ride');
    const bus = (direction: 'outbound' | 'return', p: number): Journey | null => {
      const j = direction === 'outbound' ? outbound[p] : back[p];
      return hasRide(j) && j.arrival - j.departure <= limits.maxJourneySeconds ? j : null;
    };
    // A leg within the limits for one home, point and direction with a ride model, or undefined.
    const leg = (straight: number, p: number, direction: 'outbound' | 'return', model: RideModel, mode: 'car' | 'bike'): BridgeLeg | undefined => {
      if (straight > model.maxStraightMeters) return undefined;
      const journey = bus(direction, p);
      if (!journey) return undefined;
      const rideMeters = straight * model.detourFactor;
      const rideSeconds = Math.ceil(rideMeters / model.speedMetersPerSecond);
      if (direction === 'outbound') {
        const rideEnd = journey.departure - model.marginSeconds;
        const rideStart = rideEnd - rideSeconds;
        const travel = journey.arrival - rideStart;
        if (travel > limits.maxTravelSeconds || travel > limits.maxJourneySeconds) return undefined;
        if (!opening && start - journey.arrival > limits.maxWaitSeconds) return undefined;
        return { direction, mode, point: points[p]!, straightMeters: straight, rideMeters, rideSeconds, rideStart, rideEnd, bus: journey };
      }
      const rideStart = journey.arrival + model.marginSeconds;
      const rideEnd = rideStart + rideSeconds;
      const travel = rideEnd - journey.departure;
      if (travel > limits.maxTravelSeconds || travel > limits.maxJourneySeconds) return undefined;
      if (!opening && journey.departure - end > limits.maxWaitSeconds) return undefined;
      return { direction, mode, point: points[p]!, straightMeters: straight, rideMeters, rideSeconds, rideStart, rideEnd, bus: journey };
    };
    const better = (a: BridgeLeg | undefined, b: BridgeLeg): boolean =>
      !a || b.rideMeters < a.rideMeters || (b.rideMeters === a.rideMeters && (b.direction === 'outbound' ? b.rideStart > a.rideStart : b.rideEnd < a.rideEnd));

    return homes.map((_, i) => {
      const directions = failing[i]!;
      if (directions.length === 0) return null;
      const carLegs = new Map<'outbound' | 'return', BridgeLeg>();
      let bikeBest: BridgeLeg[] | undefined;
      let bikeMeters = Infinity;
      for (const { p, meters } of near.get(i) ?? []) {
        for (const direction of directions) {
          const candidate = leg(meters, p, direction, this.car, 'car');
          if (candidate && better(carLegs.get(direction), candidate)) carLegs.set(direction, candidate);
        }
        // The bicycle waits at the point: both directions through it.
        const there = leg(meters, p, 'outbound', this.bike, 'bike');
        const home2 = there && leg(meters, p, 'return', this.bike, 'bike');
        if (there && home2 && there.rideMeters < bikeMeters) {
          bikeMeters = there.rideMeters;
          bikeBest = [there, home2];
        }
      }
      const noBus = directions.filter((d) => !carLegs.has(d));
      const legs = directions.map((d) => carLegs.get(d)).filter((l): l is BridgeLeg => l !== undefined);
      return {
        failing: directions,
        car: noBus.length === 0 ? { mode: 'car', legs, rideMeters: legs.reduce((n, l) => n + l.rideMeters, 0) } : null,
        bike: bikeBest ? { mode: 'bike', legs: bikeBest, rideMeters: bikeMeters * 2 } : null,
        noBus,
      };
    });
  }
}

const finders = new WeakMap<ReachabilityEngine, BridgeFinder>();

/**
 * Bridges for the days of one case (as `check` assesses them): null for days that work. The
 * bridges are found with an engine that walks to and from stops (a new one when `engine` gives
 * homes bicycles), with the same routing and limits.
 */
export function bridgesForDays(engine: ReachabilityEngine, home: NamedPoint, destination: NamedPoint, slot: SlotTimes, days: readonly DayAssessment[]): (CaseBridge | null)[] {
  if (days.every((day) => day.verdict === 'reachable')) return days.map(() => null);
  let finder = finders.get(engine);
  if (!finder) {
    const walking = engine.homeAccess === 'walk' ? engine : new ReachabilityEngine(engine.feeds, { routing: engine.routing, limits: engine.limits });
    finder = new BridgeFinder(walking);
    finders.set(engine, finder);
  }
  return days.map((day) => (day.verdict === 'reachable' ? null : (finder.bridges([home], [day], destination, slot, day.date)[0] ?? null)));
}

/** One ride of a bridge in a few JSON-friendly fields (clock seconds of the case's date). */
export interface BridgeLegSummary {
  direction: 'outbound' | 'return';
  mode: 'car' | 'bike';
  stop: string;
  stopId: string;
  lat: number;
  lon: number;
  straightMeters: number;
  rideMeters: number;
  rideStart: number;
  rideEnd: number;
  /** Departure of the bus part (from the stop outbound, from the destination on the return). */
  busDeparture: number;
  busArrival: number;
}

/** A {@link CaseBridge} without its journeys (for reports). */
export interface BridgeSummary {
  failing: ('outbound' | 'return')[];
  noBus: ('outbound' | 'return')[];
  car: BridgeLegSummary[] | null;
  bike: BridgeLegSummary[] | null;
}

/** The few fields of a bridge a report needs. */
export function summarizeBridge(bridge: CaseBridge): BridgeSummary {
  const leg = summarizeBridgeLeg;
  return { failing: bridge.failing, noBus: bridge.noBus, car: bridge.car?.legs.map(leg) ?? null, bike: bridge.bike?.legs.map(leg) ?? null };
}

/** One ride of a bridge as plain fields (times as clock seconds, distances in whole metres). */
export function summarizeBridgeLeg(l: BridgeLeg): BridgeLegSummary {
  return {
    direction: l.direction,
    mode: l.mode,
    stop: l.point.name,
    stopId: l.point.stopId,
    lat: Math.round(l.point.lat * 1e6) / 1e6,
    lon: Math.round(l.point.lon * 1e6) / 1e6,
    straightMeters: Math.round(l.straightMeters),
    rideMeters: Math.round(l.rideMeters),
    rideStart: l.rideStart,
    rideEnd: l.rideEnd,
    busDeparture: l.bus.departure,
    busArrival: l.bus.arrival,
  };
}
