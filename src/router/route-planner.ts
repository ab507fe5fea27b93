/**
 * Stop-to-stop routing for `erreichbar route` and for county tools: earliest arrival (depart
 * after) and latest departure (arrive by) between two stops on a date, with journeys. Keeps the
 * timetables it built and their scratch state, so a batch of queries on one date builds the
 * timetable once.
 */
import type { FeedSet } from '../feed/load-feeds.js';
import { checkServiceDate } from '../feed/check-service-date.js';
import { UsageError } from '../errors.js';
import { NAME_KINDS, resolveName } from '../places/match-name.js';
import { buildTimetable, type Timetable, type TimetableOptions } from '../timetable/build-timetable.js';
import { reverseTimetable } from '../timetable/reverse-timetable.js';
import { requireIsoDate } from '../time/clock.js';
import { describeJourney, unfoldJourney, type Journey, type Leg } from './journey.js';
import { earliestArrival, RaptorScratch, UNREACHED, type RaptorOptions, type RaptorSource } from './raptor.js';
import { DEFAULT_ROUTING, type RoutingOptions } from './routing-options.js';

export { DEFAULT_ROUTING, type RoutingOptions } from './routing-options.js';

/** One stop-to-stop query. Times are clock seconds of the date. */
export interface RouteQuery {
  from: string;
  to: string;
  /** `YYYY-MM-DD`. */
  date: string;
  /** Depart at or after this time … */
  depart?: number;
  /** … or arrive by this time (exactly one of the two). */
  arrive?: number;
}

/** Answer to a {@link RouteQuery}. Times are clock seconds of the date (may exceed 86,400); null when unreachable. */
export interface RouteResult {
  departure: number | null;
  arrival: number | null;
  transfers: number | null;
  legs: Leg[];
}

/** Plans stop-to-stop routes on merged feeds. */
export class RoutePlanner {
  readonly feeds: FeedSet;
  readonly options: RoutingOptions;
  private readonly timetables = new Map<number, { forward: Timetable; forwardScratch: RaptorScratch; backwardScratch?: RaptorScratch }>();

  constructor(feeds: FeedSet, options: Partial<RoutingOptions> = {}) {
    this.feeds = feeds;
    this.options = { ...DEFAULT_ROUTING, ...options };
  }

  /** The timetable of a date (built on first use; throws if no feed runs that day). */
  timetable(date: string): Timetable {
    return this.entry(date).forward;
  }

  private entry(date: string): { forward: Timetable; forwardScratch: RaptorScratch; backwardScratch?: RaptorScratch } {
    const gtfsDate = requireIsoDate(date, '--date');
    let entry = this.timetables.get(gtfsDate);
    if (!entry) {
      checkServiceDate(this.feeds, gtfsDate);
      const timetableOptions: TimetableOptions = {
        walkRadiusMeters: this.options.walkRadiusMeters,
        walkModel: this.options.walkModel,
        useTransfersFile: this.options.useTransfersFile,
      };
      const forward = buildTimetable(this.feeds, gtfsDate, timetableOptions);
      entry = { forward, forwardScratch: new RaptorScratch(forward) };
      this.timetables.set(gtfsDate, entry);
    }
    return entry;
  }

  /**
   * Resolves what a user wrote for a stop: an exact stop_id, a stop area id whose platforms are
   * `<id>::…` (e.g. `de:15083:1528` for all platforms of Haldensleben, Süplinger Berg), or a
   * stop name matched by {@link resolveName} (case-, umlaut- and ß-insensitive; whole name before
   * a part of one; all platforms of that name).
   */
  resolveStops(text: string, flag: string): number[] {
    const exact = this.feeds.stopIndexById.get(text);
    if (exact !== undefined) return [exact];
    const stops = this.feeds.stops;
    const platforms = stops.flatMap((stop, i) => (stop.stopId.startsWith(`${text}::`) || stop.stopId.startsWith(`${text}:`) && stop.stopId.split(':').length === text.split(':').length + 1 ? [i] : []));
    if (platforms.length > 0) return platforms;
    const indices = stops.map((_, i) => i);
    return resolveName(text, indices, {
      flag,
      kind: NAME_KINDS.stop,
      names: (i) => [stops[i]!.name],
      unknownCode: 'UNKNOWN_STOP',
      ambiguousCode: 'AMBIGUOUS_STOP',
      ambiguousHint: { de: 'oder eine stop_id', en: 'or give a stop_id' },
    });
  }

  private raptorOptions(): RaptorOptions {
    return { maxTransfers: this.options.maxTransfers, transferSlackSeconds: this.options.transferSlackSeconds };
  }

  /** Answers one query. */
  route(query: RouteQuery): RouteResult {
    if ((query.depart === undefined) === (query.arrive === undefined)) {
      throw new UsageError({ de: '--depart oder --arrive angeben', en: 'give either --depart or --arrive' }, '--depart');
    }
    const from = this.resolveStops(query.from, '--from');
    const to = this.resolveStops(query.to, '--to');
    const entry = this.entry(query.date);
    if (query.depart !== undefined) return this.departAfter(entry.forward, entry.forwardScratch, from, to, query.depart);
    if (!entry.backwardScratch) entry.backwardScratch = new RaptorScratch(reverseTimetable(entry.forward));
    return this.arriveBy(entry.forward, entry.backwardScratch, from, to, query.arrive!);
  }

  private departAfter(tt: Timetable, scratch: RaptorScratch, from: number[], to: number[], depart: number): RouteResult {
    if (from.some((stop) => to.includes(stop))) return { departure: depart, arrival: depart, transfers: 0, legs: [] };
    const sources = from.flatMap((stop) => withFootpaths(tt, stop, depart));
    earliestArrival(scratch, sources, this.raptorOptions(), to.length === 1 ? to[0]! : -1);
    const target = bestOf(to, scratch);
    if (target === undefined) return { departure: null, arrival: null, transfers: null, legs: [] };
    const raw = unfoldJourney(scratch, target)!;
    const origin = from.includes(raw.originStop) ? raw.originStop : nearestOrigin(tt, from, raw.originStop);
    const journey = prependOriginWalk(tt, describeJourney(raw), origin, raw.originStop, depart);
    return { departure: journey.departure, arrival: scratch.arrival[target]!, transfers: journey.transfers, legs: journey.legs };
  }

  private arriveBy(tt: Timetable, scratch: RaptorScratch, from: number[], to: number[], arrive: number): RouteResult {
    if (from.some((stop) => to.includes(stop))) return { departure: arrive, arrival: arrive, transfers: 0, legs: [] };
    const sources = to.flatMap((stop) => withFootpaths(scratch.timetable, stop, -arrive));
    earliestArrival(scratch, sources, this.raptorOptions(), from.length === 1 ? from[0]! : -1);
    const origin = bestOf(from, scratch);
    if (origin === undefined) return { departure: null, arrival: null, transfers: null, legs: [] };
    const raw = unfoldJourney(scratch, origin, tt)!;
    const target = to.includes(raw.targetStop) ? raw.targetStop : nearestOrigin(scratch.timetable, to, raw.targetStop);
    const journey = appendTargetWalk(tt, describeJourney(raw), raw.targetStop, target, -scratch.arrival[origin]!);
    return { departure: -scratch.arrival[origin]!, arrival: journey.arrival, transfers: journey.transfers, legs: journey.legs };
  }
}

/**
 * The stop with the smallest arrival label; on ties one reached by a ride (so no needless walk
 * between two platforms of the same stop is shown), then the lowest index. Undefined if none.
 */
function bestOf(stops: number[], scratch: RaptorScratch): number | undefined {
  let best: number | undefined;
  const key = (stop: number): [number, number, number] => [scratch.arrival[stop]!, scratch.arrivalWalkFrom[stop]! >= 0 ? 1 : 0, stop];
  for (const stop of stops) {
    if (scratch.arrival[stop] === UNREACHED) continue;
    if (best === undefined) {
      best = stop;
      continue;
    }
    const [a, b] = [key(stop), key(best)];
    if (a[0] < b[0] || (a[0] === b[0] && (a[1] < b[1] || (a[1] === b[1] && a[2] < b[2])))) best = stop;
  }
  return best;
}

/** Of several candidate stops, the one with the shortest footpath to `stop` (the walk that was used). */
function nearestOrigin(tt: Timetable, candidates: number[], stop: number): number {
  let best = candidates[0]!;
  let bestSeconds = Infinity;
  for (const candidate of candidates) {
    for (let f = tt.footStart[candidate]!; f < tt.footStart[candidate + 1]!; f++) {
      if (tt.footTo[f] === stop && tt.footSeconds[f]! < bestSeconds) {
        best = candidate;
        bestSeconds = tt.footSeconds[f]!;
      }
    }
  }
  return best;
}

/** The stop itself plus the stops one footpath away, as sources. */
function withFootpaths(tt: Timetable, stop: number, time: number): RaptorSource[] {
  const sources: RaptorSource[] = [{ stop, time }];
  for (let f = tt.footStart[stop]!; f < tt.footStart[stop + 1]!; f++) {
    sources.push({ stop: tt.footTo[f]!, time: time + tt.footSeconds[f]! });
  }
  return sources;
}

function footSeconds(tt: Timetable, from: number, to: number): number {
  for (let f = tt.footStart[from]!; f < tt.footStart[from + 1]!; f++) if (tt.footTo[f] === to) return tt.footSeconds[f]!;
  return 0;
}

/** When the journey starts at a neighbour of the origin stop, add the walk there. */
function prependOriginWalk(tt: Timetable, journey: Journey, origin: number, firstStop: number, depart: number): Journey {
  if (firstStop === origin) return journey;
  const walk = footSeconds(tt, origin, firstStop);
  const firstDeparture = journey.legs[0]?.departure ?? depart + walk;
  const legs: Leg[] = [
    {
      mode: 'walk',
      fromStopId: tt.stopIdForIndex(origin),
      fromStopName: tt.stops[origin]?.name ?? '',
      toStopId: tt.stopIdForIndex(firstStop),
      toStopName: tt.stops[firstStop]?.name ?? '',
      departure: firstDeparture - walk,
      arrival: firstDeparture,
      durationSeconds: walk,
    },
    ...journey.legs,
  ];
  return { ...journey, departure: firstDeparture - walk, legs };
}

/** When the journey ends at a neighbour of the target stop, add the walk from there. */
function appendTargetWalk(tt: Timetable, journey: Journey, lastStop: number, target: number, departure: number): Journey {
  if (lastStop === target) return journey;
  const walk = footSeconds(tt, lastStop, target);
  const lastArrival = journey.legs[journey.legs.length - 1]?.arrival ?? departure;
  const legs: Leg[] = [
    ...journey.legs,
    {
      mode: 'walk',
      fromStopId: tt.stopIdForIndex(lastStop),
      fromStopName: tt.stops[lastStop]?.name ?? '',
      toStopId: tt.stopIdForIndex(target),
      toStopName: tt.stops[target]?.name ?? '',
      departure: lastArrival,
      arrival: lastArrival + walk,
      durationSeconds: walk,
    },
  ];
  return { ...journey, arrival: lastArrival + walk, legs };
}
