/**
 * The district report: every Ortsteil × destination × slot × date, with a compact journey
 * summary per direction and a verdict, plus per-Ortsteil summaries. Two searches per
 * destination, slot and date serve all Ortsteile at once (see `reachability.ts`).
 */
import type { FeedSet, FeedSummary } from '../feed/load-feeds.js';
import type { Journey } from '../router/journey.js';
import type { RoutingOptions } from '../router/route-planner.js';
import { chooseDates, dateByDate, type DaySelection } from './choose-days.js';
import { ReachabilityEngine, VERDICTS, type NamedPoint, type ReachabilityLimits, type Reason, type SlotKind, type Verdict, type AccessMode } from './reachability.js';
import { DAY_TYPE_IDS, type DayTypeId } from './service-calendar.js';
import type { BridgeSummary } from './bridges.js';
import { dataWarnings, type DataWarning } from './data-notices.js';
import { officialServiceDates, type ServiceAs } from './official-service.js';
import { hasRailRoutes, loadRailStations, nearestRailStation } from './rail-notice.js';
import { distanceMeters } from '../geo/walk-model.js';

/** Version of the JSON report layout; bumped on incompatible changes. */
export const REPORT_SCHEMA_VERSION = 1;

/** A home: an Ortsteil. */
export interface ReportPlace extends NamedPoint {
  gemeinde?: string;
  population?: number;
}

/** A slot of a destination's schedule. */
export interface ReportSlot {
  /** As the user wrote it, e.g. `Mo-Fr 06:00-14:00`. */
  label: string;
  /** ISO weekdays 1 (Mo) … 7 (So). */
  days: readonly number[];
  startMinutes: number;
  endMinutes: number;
}

/** A destination with its schedule. */
export interface ReportDestination extends NamedPoint {
  category: string;
  schedule: readonly ReportSlot[];
}

/** A journey in a few fields. Clock times are seconds of the day's service date. */
export interface JourneySummary {
  departure: number;
  arrival: number;
  transfers: number;
  /** Lines ridden, e.g. `["636", "601"]`; empty for walking all the way. */
  routes: string[];
  /** First stop boarded / last stop left, null for walking all the way. */
  firstStop: string | null;
  lastStop: string | null;
  /** Walking (or, with bike access, cycling) in total, seconds. */
  walkSeconds: number;
}

/** One slot on one date for one Ortsteil. */
export interface ReportDay {
  date: string;
  /** With `--service-as official`: the date whose service was assumed for this date (an assumption, see `warnings`). */
  serviceDate?: string;
  dayTypeId: DayTypeId;
  verdict: Verdict;
  outbound: JourneySummary | null;
  return: JourneySummary | null;
  waitBeforeSeconds: number | null;
  waitAfterSeconds: number | null;
  reasons: Reason[];
  /** With `report --bridges`: the smallest ride that would make a failing day work (see `bridges.ts`); null where the day works. */
  bridge?: BridgeSummary | null;
}

/** All dates of one destination slot for one Ortsteil. */
export interface ReportSlotResult {
  destination: string;
  category: string;
  slot: string;
  /** Best verdict per day type assessed. */
  byDayType: Partial<Record<DayTypeId, Verdict>>;
  days: ReportDay[];
}

/** One Ortsteil with its results. */
export interface OrtsteilReport {
  name: string;
  gemeinde: string;
  lat: number;
  lon: number;
  population: number | null;
  /** Slots that are `reachable` on every assessed date / on some date / on none. */
  summary: { slots: number; reachableAlways: number; reachableSometimes: number; never: number };
  results: ReportSlotResult[];
  /**
   * A railway station within walking reach while no loaded feed has rail: trains could serve
   * this Ortsteil, but the answers know only the buses. Null otherwise.
   */
  railStation: { name: string; distanceMeters: number } | null;
}

/** The whole report (`report --format json`). */
export interface Report {
  schemaVersion: number;
  generatedAt: string;
  inputs: {
    feeds: FeedSummary[];
    places: string;
    destinations: string;
    dates: { date: string; dayTypeId: DayTypeId }[];
    /** `timetable` (default): every date with its own service; `official`: see {@link BuildReportOptions.serviceAs}. */
    serviceAs: ServiceAs;
    /** Whether any loaded feed has rail routes (else trains are missing from every answer). */
    railLoaded: boolean;
    limits: ReachabilityLimits;
    routing: {
      walkRadiusMeters: number;
      accessRadiusMeters: number;
      transferSlackSeconds: number;
      maxTransfers: number;
      useTransfersFile: boolean;
      /** How homes reach stops: on foot or by bicycle. */
      homeAccess: AccessMode;
    };
  };
  destinations: { name: string; category: string; lat: number; lon: number; slots: string[]; railStation: { name: string; distanceMeters: number } | null }[];
  ortsteile: OrtsteilReport[];
  /** Railway stations near the Ortsteile (within 5 km of one), for maps. */
  railStations: { name: string; lat: number; lon: number }[];
  /**
   * What the data do not know, one line each: dates whose timetable disagrees with the official
   * calendar, feeds running only a fraction of their trips, assumptions of `--service-as official`.
   */
  warnings: DataWarning[];
}

/** Options for {@link buildReport}. */
export interface BuildReportOptions {
  days: DaySelection;
  routing?: Partial<RoutingOptions>;
  limits?: Partial<ReachabilityLimits>;
  /** How homes reach stops (default on foot). */
  homeAccess?: AccessMode;
  /** Names of the inputs, for the report's inputs section. */
  placesSource?: string;
  destinationsSource?: string;
  /** Time stamp to print (ISO); defaults to now. */
  generatedAt?: string;
  /**
   * `official`: dates whose timetable service disagrees with the official calendar are evaluated
   * with the service of a reference date of their official day type (an assumption, named in
   * `warnings` and each day's `serviceDate`). Default `timetable`.
   */
  serviceAs?: ServiceAs;
  /** Language of the warnings (default German). */
  lang?: 'de' | 'en';
  /**
   * Called after each destination on each date with (done, total, destination, date): the report
   * goes date by date (`date` is `YYYY-MM-DD`); with worker threads, in the order the threads finish them.
   */
  onProgress?: (done: number, total: number, destination: string, date?: string) => void;
}

/**
 * Builds the report.
 *
 * @example
 * ```ts
 * const report = buildReport(feeds, places, destinations, { days: { kind: 'day-types', from: '2026-11-30' } });
 * report.ortsteile[0]?.results[0]?.byDayType['school-day']; // 'reachable'
 * ```
 */
export function buildReport(
  feeds: FeedSet,
  places: readonly ReportPlace[],
  destinations: readonly ReportDestination[],
  options: BuildReportOptions,
): Report {
  const serviceDates = reportServiceDates(feeds, destinations, options);
  // Date by date, so that one date's timetable is in memory at a time (see `datesInMemory`).
  const engine = reportEngine(feeds, options, serviceDates, 1);
  const assessed = assessDestinations(engine, places, destinations, options);
  return assembleReport(feeds, places, destinations, options, engine, assessed);
}

/** The dates evaluated with another date's service (`--service-as official`), for all destinations' dates. */
export function reportServiceDates(feeds: FeedSet, destinations: readonly ReportDestination[], options: BuildReportOptions): Map<string, string> {
  if ((options.serviceAs ?? 'timetable') !== 'official') return new Map();
  const allDates = [...new Set(destinations.flatMap((destination) => destination.schedule.flatMap((slot) => chooseDates(feeds, options.days, slot.days).map(({ date }) => date))))];
  return officialServiceDates(feeds, allDates);
}

/** The engine a report assesses with (`datesInMemory`: see `ReachabilityOptions`). */
export function reportEngine(feeds: FeedSet, options: BuildReportOptions, serviceDates: ReadonlyMap<string, string>, datesInMemory?: number): ReachabilityEngine {
  return new ReachabilityEngine(feeds, { routing: options.routing, limits: options.limits, homeAccess: options.homeAccess, serviceDates, datesInMemory });
}

/** One destination assessed for every place: per slot, per place; and the dates used, in order of first use. */
export interface AssessedDestination {
  slots: ReportSlotResult[][];
  usedDates: [string, DayTypeId][];
}

/** Every slot of one destination on its dates, for all places (two searches per slot and date). */
export function assessDestination(engine: ReachabilityEngine, places: readonly ReportPlace[], destination: ReportDestination, options: BuildReportOptions): AssessedDestination {
  return assessDestinations(engine, places, [destination], options)[0]!;
}

/**
 * Every slot of each destination on its dates, for all places: the same as
 * {@link assessDestination} for each, but date by date (all destinations on one date, then the
 * next), so that an engine with `datesInMemory: 1` reads and mirrors each timetable once.
 * `options.onProgress` is called after each destination on each date.
 */
export function assessDestinations(engine: ReachabilityEngine, places: readonly ReportPlace[], destinations: readonly ReportDestination[], options: BuildReportOptions): AssessedDestination[] {
  const serviceDates = engine.serviceDates;
  const plans = destinations.flatMap((destination, d) =>
    destination.schedule.map((slot) => ({ d, slot, dates: chooseDates(engine.feeds, options.days, slot.days).map(({ date }) => date) })),
  );
  // Progress after each destination on each date: after the last of its slots due that date.
  const lastPlan = new Map<string, number>();
  plans.forEach(({ d, dates }, i) => dates.forEach((date) => lastPlan.set(`${d} ${date}`, i)));
  let done = 0;
  /** Per plan, per date (in the plan's order), per place: the day. */
  const days = dateByDate(
    plans.map(({ dates }) => dates),
    (i, date): ReportDay[] => {
      const { d, slot } = plans[i]!;
      const destination = destinations[d]!;
      const kind = slotKindOf(destination);
      const { start, end, outbound, back } = engine.journeysForSlot(places, destination, date, { ...slot, kind });
      const result = places.map((_, p): ReportDay => {
        const day = engine.judge(date, start, end, outbound[p] ?? null, back[p] ?? null, kind);
        return {
          date,
          ...(serviceDates.has(date) ? { serviceDate: serviceDates.get(date)! } : {}),
          dayTypeId: day.dayTypeId,
          verdict: day.verdict,
          outbound: summarize(day.outbound),
          return: summarize(day.return),
          waitBeforeSeconds: day.waitBeforeSeconds,
          waitAfterSeconds: day.waitAfterSeconds,
          reasons: day.reasons,
        };
      });
      if (lastPlan.get(`${d} ${date}`) === i) options.onProgress?.(++done, lastPlan.size, destination.name, date);
      return result;
    },
  );
  return destinations.map((destination, d) => {
    const usedDates = new Map<string, DayTypeId>();
    const slots = plans.flatMap((plan, i) =>
      plan.d !== d
        ? []
        : [
            places.map((_, p): ReportSlotResult => {
              const result: ReportSlotResult = { destination: destination.name, category: destination.category, slot: plan.slot.label, byDayType: {}, days: [] };
              for (const perPlace of days[i]!) {
                const day = perPlace[p]!;
                if (!usedDates.has(day.date)) usedDates.set(day.date, day.dayTypeId);
                result.days.push(day);
                const previous = result.byDayType[day.dayTypeId];
                if (previous === undefined || VERDICTS.indexOf(day.verdict) < VERDICTS.indexOf(previous)) result.byDayType[day.dayTypeId] = day.verdict;
              }
              return result;
            }),
          ],
    );
    return { slots, usedDates: [...usedDates] };
  });
}

/** The report from the destinations assessed (in destination order), by one engine or several workers. */
export function assembleReport(
  feeds: FeedSet,
  places: readonly ReportPlace[],
  destinations: readonly ReportDestination[],
  options: BuildReportOptions,
  engine: ReachabilityEngine,
  assessed: readonly AssessedDestination[],
): Report {
  const serviceAs = options.serviceAs ?? 'timetable';
  const serviceDates = engine.serviceDates;
  const perPlace: ReportSlotResult[][] = places.map(() => []);
  const usedDates = new Map<string, DayTypeId>();
  for (const destination of assessed) {
    for (const [date, dayTypeId] of destination.usedDates) if (!usedDates.has(date)) usedDates.set(date, dayTypeId);
    for (const slotResults of destination.slots) slotResults.forEach((result, p) => perPlace[p]!.push(result));
  }

  const railLoaded = hasRailRoutes(feeds);
  const stationNear = (point: NamedPoint): { name: string; distanceMeters: number } | null => {
    if (railLoaded) return null;
    const near = nearestRailStation(point, engine.accessRadiusMeters);
    return near ? { name: near.station.name, distanceMeters: Math.round(near.distanceMeters / 10) * 10 } : null;
  };
  const ortsteile = places.map((place, p): OrtsteilReport => {
    const results = perPlace[p]!;
    let always = 0;
    let sometimes = 0;
    for (const result of results) {
      const reachable = result.days.filter((day) => day.verdict === 'reachable').length;
      if (result.days.length > 0 && reachable === result.days.length) always++;
      else if (reachable > 0) sometimes++;
    }
    return {
      name: place.name,
      gemeinde: place.gemeinde ?? '',
      lat: place.lat,
      lon: place.lon,
      population: place.population ?? null,
      summary: { slots: results.length, reachableAlways: always, reachableSometimes: sometimes, never: results.length - always - sometimes },
      results,
      railStation: stationNear(place),
    };
  });

  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    generatedAt: options.generatedAt ?? new Date().toISOString(),
    inputs: {
      feeds: feeds.feeds,
      places: options.placesSource ?? '',
      destinations: options.destinationsSource ?? '',
      // School day first, then holiday weekday, Saturday, Sunday; by date within a type.
      dates: [...usedDates.entries()]
        .sort((a, b) => DAY_TYPE_IDS.indexOf(a[1]) - DAY_TYPE_IDS.indexOf(b[1]) || a[0].localeCompare(b[0]))
        .map(([date, dayTypeId]) => ({ date, dayTypeId })),
      serviceAs,
      railLoaded,
      limits: engine.limits,
      routing: {
        walkRadiusMeters: engine.routing.walkRadiusMeters,
        accessRadiusMeters: engine.accessRadiusMeters,
        transferSlackSeconds: engine.routing.transferSlackSeconds,
        maxTransfers: engine.routing.maxTransfers,
        useTransfersFile: engine.routing.useTransfersFile,
        homeAccess: engine.homeAccess,
      },
    },
    destinations: destinations.map((destination) => ({
      name: destination.name,
      category: destination.category,
      lat: destination.lat,
      lon: destination.lon,
      slots: destination.schedule.map((slot) => slot.label),
      railStation: stationNear(destination),
    })),
    ortsteile,
    railStations: loadRailStations()
      .filter((station) => places.some((place) => distanceMeters(place, station) <= 5000))
      .map((station) => ({ name: station.name, lat: station.lat, lon: station.lon })),
    warnings: dataWarnings(feeds, [...usedDates.keys()], { lang: options.lang, serviceDates, days: options.days }),
  };
}

/** Kitas are open from … to …: they are reached after opening and left before closing. */
export function slotKindOf(destination: { category: string }): SlotKind {
  return destination.category === 'childcare' ? 'opening-hours' : 'attendance';
}

/** The few fields of a journey a report needs. */
export function summarize(journey: Journey | null): JourneySummary | null {
  if (!journey) return null;
  const rides = journey.legs.filter((leg) => leg.mode === 'ride');
  const firstRide = rides[0];
  const lastRide = rides[rides.length - 1];
  return {
    departure: journey.departure,
    arrival: journey.arrival,
    transfers: journey.transfers,
    routes: rides.map((leg) => leg.route || leg.routeLongName),
    firstStop: firstRide ? firstRide.fromStopName : null,
    lastStop: lastRide ? lastRide.toStopName : null,
    walkSeconds: journey.legs.reduce((sum, leg) => sum + (leg.mode === 'walk' ? leg.durationSeconds : 0), 0),
  };
}
