/**
 * The monitoring sheet: per Ortsteil and day type, how well the bus serves it — departures per
 * day at its stops, the first and last connection to the nearest Zentraler Ort and the last one
 * back, the travel time to it, the days per week with any bus, and the share of the report's
 * slots that work; Gemeinde sums; the Ortsteile below a service standard with the standard they
 * miss; with an older timetable, the change.
 *
 * Definitions (each stated once, here):
 * - Stops of an Ortsteil: the stops within the access radius of its point (as `check` walks).
 * - Departures: trips of the date's own service day that can be boarded at one of those stops
 *   and go on from it (not at their last stop); a trip passing two of the stops counts once.
 * - Nearest Zentraler Ort: the nearest by straight line of the given Zentrale Orte; within
 *   1.5 km the Ortsteil is the Zentraler Ort itself and the connection indicators are left out.
 * - First connection: the earliest arrival at the Zentraler Ort leaving home from 00:00; last
 *   connection: the latest departure that still arrives that service day; last return: the
 *   latest departure from the Zentraler Ort that gets one home the same service day. Only
 *   journeys within the engine's journey limit count.
 * - Travel time: the shortest door-to-door travel of the latest connections arriving by 08:00,
 *   12:00 and 16:00 (three typical errands).
 * - Service days: days of the week (Monday to Sunday, the week of the first date) with at least
 *   one departure.
 * - Slot share: of the report's destination slots on that date, the share `reachable`.
 */
import type { FeedSet } from '../feed/load-feeds.js';
import type { CentralPlace, ServiceStandard } from '../places/load-planning-tables.js';
import type { RoutingOptions } from '../router/route-planner.js';
import type { Timetable } from '../timetable/build-timetable.js';
import { addDays, formatIsoDate, isoWeekday, parseIsoDate } from '../time/clock.js';
import { distanceMeters } from '../geo/walk-model.js';
import { buildReport, type ReportDestination, type ReportPlace } from './build-report.js';
import { chooseDates, type DaySelection } from './choose-days.js';
import { ReachabilityEngine, type NamedPoint, type ReachabilityLimits } from './reachability.js';
import type { Journey } from '../router/journey.js';
import { classifyDay, DAY_TYPE_IDS, type DayTypeId } from './service-calendar.js';
import { checkServiceDate } from '../feed/check-service-date.js';

/** Version of the monitor JSON layout. */
export const MONITOR_SCHEMA_VERSION = 1;

/** Within this distance an Ortsteil is its Zentraler Ort. */
const CENTRE_RADIUS_METERS = 1500;

/** A connection: departure from the door and arrival, clock seconds of the date. */
export interface Connection {
  departure: number;
  arrival: number;
}

/** One Ortsteil on one date. */
export interface MonitorDay {
  date: string;
  dayTypeId: DayTypeId;
  departures: number;
  /** First and last departure at the Ortsteil's stops (any direction), clock seconds; null without any. */
  firstDeparture: number | null;
  lastDeparture: number | null;
  /** To and from the nearest Zentraler Ort; null where none (or the Ortsteil is one). */
  firstToCentre: Connection | null;
  lastToCentre: Connection | null;
  lastReturn: Connection | null;
  /** Shortest travel to the Zentraler Ort (see the module comment), seconds. */
  travelSeconds: number | null;
  /** Report slots on that date: reachable / assessed. */
  slots: { reachable: number; assessed: number };
}

/** A standard an Ortsteil misses, with its value. */
export interface MissedStandard {
  id: string;
  label: string;
  dayTypeId: string;
  /** The Ortsteil's value in the standard's unit; null = none at all (no bus, no connection). */
  value: number | null;
  required: number;
  comparison: 'min' | 'max';
}

/** One Ortsteil. */
export interface MonitorOrtsteil {
  name: string;
  gemeinde: string;
  lat: number;
  lon: number;
  population: number | null;
  centre: { name: string; level: string; straightMeters: number } | null;
  /** True when the Ortsteil is its Zentraler Ort. */
  isCentre: boolean;
  /** Stops counted as the Ortsteil's (within the access radius). */
  stops: number;
  serviceDays: number;
  days: MonitorDay[];
  missed: MissedStandard[];
}

/** Sums per Gemeinde and date. */
export interface MonitorGemeindeDay {
  date: string;
  dayTypeId: DayTypeId;
  departures: number;
  /** Ortsteile without any departure that day. */
  withoutService: number;
  slots: { reachable: number; assessed: number };
}

/** One Gemeinde. */
export interface MonitorGemeinde {
  name: string;
  ortsteile: number;
  /** Sum of the known population figures, and how many Ortsteile have none. */
  population: number;
  populationMissing: number;
  /** Ortsteile below at least one standard. */
  belowStandard: number;
  days: MonitorGemeindeDay[];
}

/** The change of one Ortsteil on one day type against the older timetable. */
export interface MonitorChange {
  ortsteil: string;
  gemeinde: string;
  dayTypeId: DayTypeId;
  departures: { before: number; after: number };
  travelSeconds: { before: number | null; after: number | null };
  firstArrival: { before: number | null; after: number | null };
  lastReturn: { before: number | null; after: number | null };
  slots: { before: number; after: number; assessed: number };
  serviceDays: { before: number; after: number };
}

/** The monitoring sheet. */
export interface MonitorResult {
  schemaVersion: number;
  dates: { date: string; dayTypeId: DayTypeId }[];
  /** Monday of the week the service days are counted in. */
  week: string;
  limits: ReachabilityLimits;
  centres: CentralPlace[];
  standards: ServiceStandard[];
  ortsteile: MonitorOrtsteil[];
  gemeinden: MonitorGemeinde[];
  /** With an older timetable: its dates and the changes (only Ortsteile × day types that changed). */
  against?: { dates: { date: string; dayTypeId: DayTypeId }[]; changes: MonitorChange[] };
}

/** Options of {@link buildMonitor}. */
export interface MonitorOptions {
  days: DaySelection;
  centres: readonly CentralPlace[];
  standards?: readonly ServiceStandard[];
  /** Destinations whose slots give the slot share (default none: share 0 of 0). */
  destinations?: readonly ReportDestination[];
  routing?: Partial<RoutingOptions>;
  limits?: Partial<ReachabilityLimits>;
  onProgress?: (message: string) => void;
}

/**
 * Builds the monitoring sheet.
 *
 * @example
 * ```ts
 * const sheet = buildMonitor(feeds, places, { days: { kind: 'day-types', from: '2026-11-30' }, centres, standards, destinations });
 * sheet.ortsteile.find((o) => o.name === 'Hundisburg')?.days[0]?.departures;
 * ```
 */
export function buildMonitor(feeds: FeedSet, places: readonly ReportPlace[], options: MonitorOptions): MonitorResult {
  const engine = new ReachabilityEngine(feeds, { routing: options.routing, limits: options.limits });
  const dates = chooseDates(feeds, options.days, [1, 2, 3, 4, 5, 6, 7]).map(({ date }) => ({ date, dayTypeId: classifyDay(feeds, parseIsoDate(date)!) }));
  dates.sort((a, b) => DAY_TYPE_IDS.indexOf(a.dayTypeId) - DAY_TYPE_IDS.indexOf(b.dayTypeId) || a.date.localeCompare(b.date));
  const limit = engine.limits.maxJourneySeconds;
  const within = (j: Connection | null | undefined): Connection | null => (j && j.arrival - j.departure <= limit ? { departure: j.departure, arrival: j.arrival } : null);

  // Nearest Zentraler Ort per Ortsteil.
  const nearest = places.map((place) => {
    let best: { centre: CentralPlace; meters: number } | undefined;
    for (const centre of options.centres) {
      const meters = distanceMeters(place, centre);
      if (!best || meters < best.meters) best = { centre, meters };
    }
    return best;
  });
  const stopCounts = places.map((place) => engine.accessOf(place, true).stops.length);

  // Slot share from the report (same dates).
  const slots = places.map(() => new Map<string, { reachable: number; assessed: number }>());
  if (options.destinations && options.destinations.length > 0) {
    options.onProgress?.('report …');
    const report = buildReport(feeds, places, options.destinations, { days: { kind: 'dates', dates: dates.map((d) => d.date) }, routing: options.routing, limits: options.limits });
    report.ortsteile.forEach((ortsteil, p) => {
      for (const result of ortsteil.results) {
        for (const day of result.days) {
          const entry = slots[p]!.get(day.date) ?? { reachable: 0, assessed: 0 };
          entry.assessed++;
          if (day.verdict === 'reachable') entry.reachable++;
          slots[p]!.set(day.date, entry);
        }
      }
    });
  }

  const days: MonitorDay[][] = places.map(() => []);
  for (const { date, dayTypeId } of dates) {
    options.onProgress?.(date);
    const tt = engine.timetable(date);
    const travel = places.map(() => null as number | null);
    const last = places.map(() => null as Connection | null);
    // One all-to-one search per Zentraler Ort and deadline serves all its Ortsteile.
    for (const centre of options.centres) {
      const group = places.map((_, p) => p).filter((p) => nearest[p]?.centre === centre && nearest[p]!.meters > CENTRE_RADIUS_METERS);
      if (group.length === 0) continue;
      const homes = group.map((p) => places[p]!);
      lastArrivingBy(engine, homes, centre, date, 26 * 3600, 24 * 3600).forEach((j, k) => (last[group[k]!] = within(j)));
      for (const deadline of [8, 12, 16]) {
        engine.arriveWithin(homes, centre, date, deadline * 3600, 2 * 3600).forEach((j, k) => {
          const c = within(j);
          if (!c) return;
          const p = group[k]!;
          const seconds = c.arrival - c.departure;
          if (travel[p] === null || seconds < travel[p]!) travel[p] = seconds;
        });
      }
    }
    places.forEach((place, p) => {
      const access = engine.accessOf(place, true);
      const counted = departuresAt(tt, access.stops);
      const near = nearest[p];
      const hasCentre = near !== undefined && near.meters > CENTRE_RADIUS_METERS;
      const first = hasCentre ? within(firstLeavingFrom(engine, [near.centre], place, date, 0, 24 * 3600)[0]) : null;
      const back = hasCentre ? within(lastArrivingBy(engine, [near.centre], place, date, 26 * 3600, 24 * 3600)[0]) : null;
      days[p]!.push({
        date,
        dayTypeId,
        departures: counted.count,
        firstDeparture: counted.first,
        lastDeparture: counted.last,
        firstToCentre: first,
        lastToCentre: hasCentre ? last[p]! : null,
        lastReturn: back,
        travelSeconds: hasCentre ? travel[p]! : null,
        slots: slots[p]!.get(date) ?? { reachable: 0, assessed: 0 },
      });
    });
  }

  // Service days in the week of the first date.
  const first = dates[0]?.date;
  const monday = first ? addDays(parseIsoDate(first)!, 1 - isoWeekday(parseIsoDate(first)!)) : undefined;
  const serviceDays = places.map(() => 0);
  if (monday !== undefined) {
    for (let i = 0; i < 7; i++) {
      const gtfsDate = addDays(monday, i);
      try {
        checkServiceDate(feeds, gtfsDate, 'week');
      } catch {
        continue; // outside the feeds' service: no bus that day
      }
      const tt = engine.timetable(formatIsoDate(gtfsDate));
      places.forEach((place, p) => {
        if (departuresAt(tt, engine.accessOf(place, true).stops).count > 0) serviceDays[p]!++;
      });
    }
  }

  const standards = options.standards ?? [];
  const ortsteile: MonitorOrtsteil[] = places.map((place, p) => {
    const near = nearest[p];
    const isCentre = near !== undefined && near.meters <= CENTRE_RADIUS_METERS;
    const entry: MonitorOrtsteil = {
      name: place.name,
      gemeinde: place.gemeinde ?? '',
      lat: place.lat,
      lon: place.lon,
      population: place.population ?? null,
      centre: near ? { name: near.centre.name, level: near.centre.level, straightMeters: Math.round(near.meters) } : null,
      isCentre,
      stops: stopCounts[p]!,
      serviceDays: serviceDays[p]!,
      days: days[p]!,
      missed: [],
    };
    entry.missed = missedStandards(entry, standards);
    return entry;
  });

  const collator = new Intl.Collator('de');
  const byGemeinde = new Map<string, MonitorOrtsteil[]>();
  for (const o of ortsteile) byGemeinde.set(o.gemeinde, [...(byGemeinde.get(o.gemeinde) ?? []), o]);
  const gemeinden: MonitorGemeinde[] = [...byGemeinde.entries()]
    .sort((a, b) => collator.compare(a[0], b[0]))
    .map(([name, list]) => ({
      name,
      ortsteile: list.length,
      population: list.reduce((n, o) => n + (o.population ?? 0), 0),
      populationMissing: list.filter((o) => o.population === null).length,
      belowStandard: list.filter((o) => o.missed.length > 0).length,
      days: dates.map(({ date, dayTypeId }) => {
        const ds = list.map((o) => o.days.find((d) => d.date === date)!);
        return {
          date,
          dayTypeId,
          departures: ds.reduce((n, d) => n + d.departures, 0),
          withoutService: ds.filter((d) => d.departures === 0).length,
          slots: { reachable: ds.reduce((n, d) => n + d.slots.reachable, 0), assessed: ds.reduce((n, d) => n + d.slots.assessed, 0) },
        };
      }),
    }));
  return {
    schemaVersion: MONITOR_SCHEMA_VERSION,
    dates,
    week: monday === undefined ? '' : formatIsoDate(monday),
    limits: engine.limits,
    centres: [...options.centres],
    standards: [...standards],
    ortsteile,
    gemeinden,
  };
}

/** Departures (trip instances of the date's own service day) at a set of stops; see the module comment. */
export function departuresAt(tt: Timetable, stops: ArrayLike<number>): { count: number; first: number | null; last: number | null } {
  const seen = new Set<number>();
  let first = Infinity;
  let last = -Infinity;
  for (let k = 0; k < stops.length; k++) {
    const s = stops[k]!;
    for (let e = tt.stopPatternStart[s]!; e < tt.stopPatternStart[s + 1]!; e++) {
      const p = tt.stopPatterns[e]!;
      const pos = tt.stopPatternPos[e]!;
      const length = tt.patternStopStart[p + 1]! - tt.patternStopStart[p]!;
      // A trip's last stop is no departure.
      if (pos === length - 1 || tt.patternCanBoard[tt.patternStopStart[p]! + pos] !== 1) continue;
      const firstTrip = tt.patternTripStart[p]!;
      for (let i = firstTrip; i < tt.patternTripStart[p + 1]!; i++) {
        if (tt.instanceDay[i] !== 0) continue;
        const departure = tt.departures[tt.patternTimeStart[p]! + (i - firstTrip) * length + pos]!;
        seen.add(i);
        if (departure < first) first = departure;
        if (departure > last) last = departure;
      }
    }
  }
  return { count: seen.size, first: seen.size ? first : null, last: seen.size ? last : null };
}

/** The value of a standard's indicator for an Ortsteil (null = none at all; undefined = not applicable). */
function indicatorValue(o: MonitorOrtsteil, s: ServiceStandard): number | null | undefined {
  if (s.indicator === 'serviceDays') return o.serviceDays;
  const day = o.days.find((d) => d.dayTypeId === s.dayTypeId);
  if (!day) return undefined;
  switch (s.indicator) {
    case 'departures':
      return day.departures;
    case 'slotShare':
      return day.slots.assessed === 0 ? undefined : (100 * day.slots.reachable) / day.slots.assessed;
    case 'travelMinutes':
      return o.isCentre || !o.centre ? undefined : day.travelSeconds === null ? null : Math.round(day.travelSeconds / 60);
    case 'firstArrival':
      return o.isCentre || !o.centre ? undefined : day.firstToCentre === null ? null : Math.ceil(day.firstToCentre.arrival / 60);
    case 'lastReturn':
      return o.isCentre || !o.centre ? undefined : day.lastReturn === null ? null : Math.floor(day.lastReturn.departure / 60);
  }
}

function missedStandards(o: MonitorOrtsteil, standards: readonly ServiceStandard[]): MissedStandard[] {
  const missed: MissedStandard[] = [];
  for (const s of standards) {
    const value = indicatorValue(o, s);
    if (value === undefined) continue;
    const ok = value !== null && (s.comparison === 'min' ? value >= s.value : value <= s.value);
    if (!ok) missed.push({ id: s.id, label: s.label, dayTypeId: s.dayTypeId, value, required: s.value, comparison: s.comparison });
  }
  return missed;
}

/**
 * Adds the change against an older sheet (same places): per Ortsteil and day type, where any
 * indicator differs. Day types are matched by id (the dates differ between timetables).
 */
export function compareMonitors(after: MonitorResult, before: MonitorResult): MonitorResult {
  const changes: MonitorChange[] = [];
  const key = (o: { name: string; gemeinde: string }): string => `${o.name}\u0000${o.gemeinde}`;
  const older = new Map(before.ortsteile.map((o) => [key(o), o]));
  for (const o of after.ortsteile) {
    const b = older.get(key(o));
    if (!b) continue;
    for (const day of o.days) {
      const old = b.days.find((d) => d.dayTypeId === day.dayTypeId);
      if (!old) continue;
      const change: MonitorChange = {
        ortsteil: o.name,
        gemeinde: o.gemeinde,
        dayTypeId: day.dayTypeId,
        departures: { before: old.departures, after: day.departures },
        travelSeconds: { before: old.travelSeconds, after: day.travelSeconds },
        firstArrival: { before: old.firstToCentre?.arrival ?? null, after: day.firstToCentre?.arrival ?? null },
        lastReturn: { before: old.lastReturn?.departure ?? null, after: day.lastReturn?.departure ?? null },
        slots: { before: old.slots.reachable, after: day.slots.reachable, assessed: day.slots.assessed },
        serviceDays: { before: b.serviceDays, after: o.serviceDays },
      };
      const same =
        change.departures.before === change.departures.after &&
        change.travelSeconds.before === change.travelSeconds.after &&
        change.firstArrival.before === change.firstArrival.after &&
        change.lastReturn.before === change.lastReturn.after &&
        change.slots.before === change.slots.after &&
        change.serviceDays.before === change.serviceDays.after;
      if (!same) changes.push(change);
    }
  }
  return { ...after, against: { dates: before.dates, changes } };
}

/**
 * A plain search over a whole day, first bounded to a few hours, then wider until every home has
 * a journey that ends (door to door) within the bound, or the search is unbounded. A bounded
 * search is exact for such a journey: any other way ends beyond the bound. The first and last
 * buses of a day are mostly found within hours, not after a scan of three days.
 */
function widening(
  search: (horizonSeconds: number | undefined) => (Journey | null)[],
  withinHorizon: (journey: Journey, horizonSeconds: number) => boolean,
): (Journey | null)[] {
  for (const horizon of [6 * 3600, 12 * 3600]) {
    const found = search(horizon);
    if (found.every((journey) => journey !== null && withinHorizon(journey, horizon))) return found;
  }
  return search(undefined);
}

/**
 * {@link ReachabilityEngine.leaveWithin} over a whole day, at the cost of two short searches: a
 * plain search finds each home's earliest arrival A (and a departure D of such a journey); the
 * journey with the latest departure for that arrival leaves in [D, A], so the range search only
 * needs the departures between the earliest such D and the latest such A. Same answers as one
 * range search over the whole window, which would try every departure of the day.
 */
export function firstLeavingFrom(engine: ReachabilityEngine, homes: readonly NamedPoint[], from: NamedPoint, date: string, leave: number, windowSeconds: number): (Journey | null)[] {
  const plain = widening(
    (horizon) => engine.leaveWithin(homes, from, date, leave, windowSeconds, { profile: false, horizonSeconds: horizon }),
    (journey, horizon) => journey.arrival <= leave + horizon,
  );
  const found = plain.filter((journey): journey is Journey => journey !== null);
  if (found.length === 0) return plain;
  const start = Math.max(leave, Math.min(...found.map((journey) => journey.departure)));
  const end = Math.min(leave + windowSeconds, Math.max(...found.map((journey) => journey.arrival)));
  return engine.leaveWithin(homes, from, date, start, Math.max(0, end - start));
}

/**
 * {@link ReachabilityEngine.arriveWithin} over a whole day the same way: a plain search finds each
 * home's latest departure D (and an arrival A of such a journey); the journey with the earliest
 * arrival for that departure arrives in [D, A].
 */
export function lastArrivingBy(engine: ReachabilityEngine, homes: readonly NamedPoint[], destination: NamedPoint, date: string, deadline: number, windowSeconds: number): (Journey | null)[] {
  const plain = widening(
    (horizon) => engine.arriveWithin(homes, destination, date, deadline, windowSeconds, { profile: false, horizonSeconds: horizon }),
    (journey, horizon) => journey.departure >= deadline - horizon,
  );
  const found = plain.filter((journey): journey is Journey => journey !== null);
  if (found.length === 0) return plain;
  const end = Math.min(deadline, Math.max(...found.map((journey) => journey.arrival)));
  const start = Math.max(deadline - windowSeconds, Math.min(...found.map((journey) => journey.departure)));
  return engine.arriveWithin(homes, destination, date, end, Math.max(0, end - start));
}
