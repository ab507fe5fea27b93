/**
 * Unfolds the labels a RAPTOR search left in its scratch into a journey: legs that walk or ride,
 * with stops, trips and clock times, ready to print and to check against the feed.
 */
import type { Timetable } from '../timetable/build-timetable.js';
import { addDays, formatIsoDate } from '../time/clock.js';
import { FROM_CHANGE, FROM_SOURCE, UNREACHED, type RaptorScratch } from './raptor.js';

/** A ride on one trip from boarding to alighting. */
export interface RideLeg {
  mode: 'ride';
  /** route_short_name, e.g. `656`. */
  route: string;
  /** route_long_name when the short name is empty. */
  routeLongName: string;
  /** GTFS route_type (3 = bus). */
  routeType: number;
  headsign: string;
  /** trip_id as in the feed. */
  tripId: string;
  /** Label of the feed the trip comes from (ids are only unique per feed). */
  feed: string;
  /** The service date the trip belongs to (`YYYY-MM-DD`); the day before for trips after midnight. */
  serviceDate: string;
  fromStopId: string;
  fromStopName: string;
  toStopId: string;
  toStopName: string;
  /** Clock seconds relative to the query date's reference. */
  departure: number;
  arrival: number;
  /** Stops passed between boarding and alighting (both excluded). */
  intermediateStops: number;
}

/** A walk between two stops, or between a point (home, workplace) and a stop; or a bicycle ride to or from home. */
export interface WalkLeg {
  mode: 'walk';
  /** True when this part is cycled (bike access from home), not walked. */
  bike?: boolean;
  /** Stop id, or null for a point. */
  fromStopId: string | null;
  fromStopName: string;
  toStopId: string | null;
  toStopName: string;
  departure: number;
  arrival: number;
  durationSeconds: number;
}

/** One part of a journey: a ride or a walk (or, with bike access, a bicycle ride). */
export type Leg = RideLeg | WalkLeg;

/** A journey; times are clock seconds relative to the query date's reference. */
export interface Journey {
  departure: number;
  arrival: number;
  /** Changes of vehicle (rides − 1, 0 for a walk-only journey). */
  transfers: number;
  legs: Leg[];
}

interface RawLeg {
  instance: number; // -1 = walk
  fromStop: number;
  toStop: number;
  boardPos: number;
  alightPos: number;
  departure: number;
  arrival: number;
}

/**
 * Unfolds the best journey to `stop` from the labels of the last search. For a search on a
 * mirrored timetable (latest departure), pass the original timetable as `original`: the legs are
 * turned back into real time and order. With `byRide`, the journey ends with the best ride to the
 * stop (not a walk to it), for continuing on foot to a point. Returns undefined if not reached.
 */
export function unfoldJourney(scratch: RaptorScratch, stop: number, original?: Timetable, byRide = false): RawJourney | undefined {
  if ((byRide ? scratch.bestRide[stop] : scratch.arrival[stop]) === UNREACHED) return undefined;
  const tt = scratch.timetable;
  const stops = tt.stopCount;
  const legs: RawLeg[] = [];
  let round = byRide ? scratch.bestRideRound[stop]! : scratch.arrivalRound[stop]!;
  let current = stop;
  const walkFrom = byRide ? -1 : scratch.arrivalWalkFrom[stop]!;
  if (walkFrom >= 0) {
    const alighted = scratch.rideArrival[round * stops + walkFrom]!;
    legs.push(walkLeg(walkFrom, stop, alighted, alighted + scratch.arrivalWalkSeconds[stop]!));
    current = walkFrom;
  }
  while (round > 0) {
    const cell = round * stops + current;
    const instance = scratch.rideInstance[cell]!;
    const pattern = tt.instancePattern[instance]!;
    const stopBase = tt.patternStopStart[pattern]!;
    const length = tt.patternStopStart[pattern + 1]! - stopBase;
    const local = instance - tt.patternTripStart[pattern]!;
    const timeBase = tt.patternTimeStart[pattern]! + local * length;
    const boardPos = scratch.rideBoardPos[cell]!;
    const alightPos = scratch.rideAlightPos[cell]!;
    const boardStop = tt.patternStops[stopBase + boardPos]!;
    legs.push({
      instance,
      fromStop: boardStop,
      toStop: current,
      boardPos,
      alightPos,
      departure: tt.departures[timeBase + boardPos]!,
      arrival: tt.arrivals[timeBase + alightPos]!,
    });
    const before = (round - 1) * stops + boardStop;
    const from = scratch.readyFrom[before]!;
    round--;
    if (from === FROM_SOURCE) {
      current = boardStop;
      break;
    }
    if (from === FROM_CHANGE) {
      current = boardStop;
      continue;
    }
    const alighted = scratch.rideArrival[round * stops + from]!;
    legs.push(walkLeg(from, boardStop, alighted, alighted + scratch.readyWalkSeconds[before]!));
    current = from;
  }
  legs.reverse();
  const origin = current;
  if (!original) {
    return { tt, legs, originStop: origin, targetStop: stop, mirrored: false };
  }
  // Mirror → real: reverse order, swap ends, negate and swap times.
  const real = legs
    .map((leg) => ({
      instance: leg.instance,
      fromStop: leg.toStop,
      toStop: leg.fromStop,
      boardPos: leg.alightPos,
      alightPos: leg.boardPos,
      departure: -leg.arrival,
      arrival: -leg.departure,
    }))
    .reverse();
  return { tt, legs: real, originStop: stop, targetStop: origin, mirrored: true };
}

function walkLeg(fromStop: number, toStop: number, departure: number, arrival: number): RawLeg {
  return { instance: -1, fromStop, toStop, boardPos: -1, alightPos: -1, departure, arrival };
}

const serviceDateNames = new WeakMap<Timetable, string[]>();

/** `YYYY-MM-DD` of the service day before (-1), of (0) or after (1) a timetable's date, computed once per timetable. */
function serviceDateName(tt: Timetable, day: number): string {
  let names = serviceDateNames.get(tt);
  if (!names) {
    names = [-1, 0, 1].map((offset) => formatIsoDate(addDays(tt.gtfsDate, offset)));
    serviceDateNames.set(tt, names);
  }
  return names[day + 1]!;
}

/** Legs as indices, before they are dressed with names ({@link describeJourney}). */
export interface RawJourney {
  /** The timetable the instance indices refer to (the mirror for latest-departure searches). */
  tt: Timetable;
  legs: RawLeg[];
  /** The stop where the journey starts (in real time). */
  originStop: number;
  /** The stop where it ends. */
  targetStop: number;
  mirrored: boolean;
}

/**
 * Dresses raw legs with route, trip and stop names. `accessSeconds`/`egressSeconds` add walks
 * from and to points (home, workplace) with the given names.
 */
export function describeJourney(
  raw: RawJourney,
  ends: {
    originName?: string;
    accessSeconds?: number;
    /** The access part is cycled. */
    accessByBike?: boolean;
    targetName?: string;
    egressSeconds?: number;
    /** The egress part is cycled. */
    egressByBike?: boolean;
  } = {},
): Journey {
  const tt = raw.tt;
  const feeds = tt.feeds;
  const stopName = (stop: number): string => tt.stops[stop]?.name ?? '';
  const legs: Leg[] = [];
  for (const leg of raw.legs) {
    if (leg.instance === -1) {
      legs.push({
        mode: 'walk',
        fromStopId: tt.stopIdForIndex(leg.fromStop),
        fromStopName: stopName(leg.fromStop),
        toStopId: tt.stopIdForIndex(leg.toStop),
        toStopName: stopName(leg.toStop),
        departure: leg.departure,
        arrival: leg.arrival,
        durationSeconds: leg.arrival - leg.departure,
      });
      continue;
    }
    const trip = tt.instanceTrip[leg.instance]!;
    const route = feeds.trips.route[trip]!;
    legs.push({
      mode: 'ride',
      route: feeds.routes.shortName[route] ?? '',
      routeLongName: feeds.routes.longName[route] ?? '',
      routeType: feeds.routes.type[route] ?? 3,
      headsign: feeds.trips.headsign[trip] ?? '',
      tripId: feeds.trips.tripId[trip] ?? '',
      feed: feeds.feeds[feeds.trips.feed[trip]!]?.label ?? '',
      serviceDate: serviceDateName(tt, tt.instanceDay[leg.instance]!),
      fromStopId: tt.stopIdForIndex(leg.fromStop),
      fromStopName: stopName(leg.fromStop),
      toStopId: tt.stopIdForIndex(leg.toStop),
      toStopName: stopName(leg.toStop),
      departure: leg.departure,
      arrival: leg.arrival,
      intermediateStops: Math.abs(leg.alightPos - leg.boardPos) - 1,
    });
  }
  const firstDeparture = legs[0]?.departure;
  const lastArrival = legs[legs.length - 1]?.arrival;
  if (ends.accessSeconds !== undefined && ends.accessSeconds > 0 && firstDeparture !== undefined) {
    legs.unshift({
      mode: 'walk',
      ...(ends.accessByBike ? { bike: true } : {}),
      fromStopId: null,
      fromStopName: ends.originName ?? '',
      toStopId: tt.stopIdForIndex(raw.originStop),
      toStopName: stopName(raw.originStop),
      departure: firstDeparture - ends.accessSeconds,
      arrival: firstDeparture,
      durationSeconds: ends.accessSeconds,
    });
  }
  if (ends.egressSeconds !== undefined && ends.egressSeconds > 0 && lastArrival !== undefined) {
    legs.push({
      mode: 'walk',
      ...(ends.egressByBike ? { bike: true } : {}),
      fromStopId: tt.stopIdForIndex(raw.targetStop),
      fromStopName: stopName(raw.targetStop),
      toStopId: null,
      toStopName: ends.targetName ?? '',
      departure: lastArrival,
      arrival: lastArrival + ends.egressSeconds,
      durationSeconds: ends.egressSeconds,
    });
  }
  const rides = legs.filter((leg) => leg.mode === 'ride').length;
  return {
    departure: legs[0]?.departure ?? 0,
    arrival: legs[legs.length - 1]?.arrival ?? 0,
    transfers: Math.max(0, rides - 1),
    legs,
  };
}
