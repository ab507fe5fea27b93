/**
 * The shift question: from a home point, can one reach a destination point by the start of a
 * slot (shift, course, Kita opening) and get back home after its end — per date, with the
 * concrete journeys, waiting times and a verdict.
 *
 * - Outbound: the journey with the latest departure that arrives no later than start − buffer
 *   and no earlier than start − maxEarly (a latest-departure search on the mirrored timetable
 *   whose first vehicle must come within that window).
 * - Return: the journey with the earliest arrival home that leaves at or after end + buffer and
 *   boards its first vehicle within maxLate after the end. A slot ending before it starts
 *   (22:00–06:00) ends the next calendar day; the timetable of the start date contains the next
 *   day's trips, so the return uses them.
 * - Walking all the way counts when it is within the walking radius and at least as good.
 *
 * One search serves every home at once (all-to-one outbound, one-to-all return), so a
 * district report costs two searches per destination, slot and date.
 *
 * Limits: homes and destinations reach stops within the access radius only (no stop within it
 * means not reachable, and the reason says so). Homes continue on foot only from a stop where
 * a ride ended (walk, bus, walk — never walk, walk).
 */
import type { FeedSet } from '../feed/load-feeds.js';
import { buildTimetable, type Timetable } from '../timetable/build-timetable.js';
import { reverseTimetable, reverseTimetableInto } from '../timetable/reverse-timetable.js';
import { ArrayArena } from '../timetable/array-arena.js';
import { cachedTimetable } from '../timetable/timetable-cache.js';
import { DEFAULT_BIKE_MODEL, distanceMeters, walkSecondsForDistance, type LatLon, type WalkModel } from '../geo/walk-model.js';
import { stopGridOf } from '../geo/stop-grid.js';
import { describeJourney, unfoldJourney, type Journey, type RawJourney } from '../router/journey.js';
import { earliestArrival, rangeQuery, RaptorScratch, UNREACHED, type RangeSource, type RaptorOptions, type RaptorSource } from '../router/raptor.js';
import { DEFAULT_ROUTING, type RoutingOptions } from '../router/routing-options.js';
import { checkServiceDate } from '../feed/check-service-date.js';
import { addDays, parseIsoDate, requireIsoDate } from '../time/clock.js';
import { wallClockToServiceSeconds } from '../time/service-day-offset.js';
import { classifyDay, type DayTypeId } from './service-calendar.js';
import { checkLimits, checkPoint, checkSlotTimes } from './check-inputs.js';
import { ErreichbarError, UsageError } from '../errors.js';
import { DEFAULT_LIMITS, type ReachabilityLimits } from './reachability-limits.js';

export { DEFAULT_LIMITS, type ReachabilityLimits } from './reachability-limits.js';

/** A named point: an Ortsteil, a workplace, a Kita. */
export interface NamedPoint extends LatLon {
  name: string;
}

/** The times of a slot as wall-clock minutes after midnight of the start day. */
export interface SlotTimes {
  startMinutes: number;
  /** End; if not after the start, the slot ends the next day (night shift). */
  endMinutes: number;
  /**
   * `attendance` (default): be there by the start, leave after the end (shifts, courses).
   * `opening-hours`: arrive after opening, within max-early of it, and leave before closing,
   * within max-late of it (bringing and fetching a child at a Kita).
   */
  kind?: SlotKind;
}

/** How a slot is attended; see {@link SlotTimes.kind}. */
export type SlotKind = 'attendance' | 'opening-hours';

/** The verdict for one day. */
export type Verdict = 'reachable' | 'long-wait' | 'outbound-only' | 'return-only' | 'unreachable';

/** Verdicts from best to worst (reports sort and count by this). */
export const VERDICTS: readonly Verdict[] = ['reachable', 'long-wait', 'outbound-only', 'return-only', 'unreachable'];

/** Why a day is not simply reachable; rendered in German or English by the reports. */
export type Reason =
  | { code: 'no-service' }
  | { code: 'no-stop-near-home'; radiusMeters: number }
  | { code: 'no-stop-near-destination'; radiusMeters: number }
  | { code: 'outbound-none' }
  | { code: 'outbound-too-late'; earliestArrival: number }
  | { code: 'outbound-too-early'; latestArrival: number }
  | { code: 'return-none' }
  | { code: 'return-too-late'; firstDeparture: number }
  | { code: 'travel-too-long'; direction: 'outbound' | 'return'; travelSeconds: number }
  /**
   * Every journey within the search window takes longer than max-journey (e.g. the bus of the
   * evening before). Exact: the latest departure (outbound) or the earliest arrival (return) of
   * them all. The other end and `travelSeconds` are of one such journey, found by a plain search
   * (not necessarily the earliest arrival for that departure, or the latest departure for that
   * arrival); every journey with that departure (arrival) takes longer than max-journey.
   */
  | { code: 'journey-too-long'; direction: 'outbound' | 'return'; travelSeconds: number; departure: number; arrival: number }
  | { code: 'wait-too-long'; direction: 'outbound' | 'return'; waitSeconds: number }
  /** The only journey in time leaves the evening before, for a slot that is not a night shift. */
  | { code: 'leaves-day-before'; direction: 'outbound' | 'return'; departure: number }
  /** Kita chains: waiting at the Kita between dropping off (picking up) the child and the next bus. */
  | { code: 'wait-at-kita-too-long'; direction: 'outbound' | 'return'; waitSeconds: number }
  /**
   * Kita chains: the Kita opens too late for the way on to the destination (`departure` = the
   * latest departure from the Kita that is in time; `onFoot` when that way is a walk, no bus).
   */
  | { code: 'kita-opens-too-late'; opening: number; departure: number; onFoot?: true }
  /** Kita chains: one is back at the Kita only after it closes. */
  | { code: 'kita-closes-too-early'; closing: number; arrival: number };

/** The assessment of one slot on one date. Clock times are seconds of `date`'s service day. */
export interface DayAssessment {
  /** `YYYY-MM-DD`. */
  date: string;
  dayTypeId: DayTypeId;
  /** Start and end as clock seconds of the date (end may exceed 86,400 for night shifts). */
  start: number;
  end: number;
  outbound: Journey | null;
  return: Journey | null;
  /** Minutes between arriving and the start, seconds; null without outbound. */
  waitBeforeSeconds: number | null;
  /** Between the end and leaving; null without return. */
  waitAfterSeconds: number | null;
  verdict: Verdict;
  reasons: Reason[];
}

/** How people get between home and a stop (or all the way): on foot, or by bicycle. */
export type AccessMode = 'walk' | 'bike';

/** How {@link ReachabilityEngine.arriveWithin} and {@link ReachabilityEngine.leaveWithin} search their window. */
export interface WindowSearch {
  /** false: one plain search without the tie-break between journeys of the same time (for explanations that need only the time). Default true. */
  profile?: boolean;
  /** With `profile: false`: look no further than this from the start of the window (journeys beyond give null). */
  horizonSeconds?: number;
  /**
   * false: no unbounded search for the homes the range search leaves without a journey; they get
   * null instead of the over-long journey that explains why (for callers that use no journey over
   * max-journey, as the bridges). Every journey within max-journey is the same. Default true.
   */
  overLong?: boolean;
}

/** Options for {@link ReachabilityEngine}. */
export interface ReachabilityOptions {
  routing?: Partial<RoutingOptions>;
  /**
   * How homes (Ortsteile) reach stops: `walk` (default) or `bike` (DEFAULT_BIKE_MODEL: 15 km/h
   * up to 5 km; cycling all the way counts too). Destinations are always reached on foot.
   */
  homeAccess?: AccessMode;
  limits?: Partial<ReachabilityLimits>;
  /** Add explanations (earliest possible arrival etc.) to failed days; costs extra searches. */
  explain?: boolean;
  /**
   * Dates evaluated with the service of another date (`YYYY-MM-DD` → `YYYY-MM-DD`), for
   * `--service-as official` (see `officialServiceDates`). Assessments keep their own date.
   */
  serviceDates?: ReadonlyMap<string, string>;
  /**
   * Keep the timetables of at most this many dates (default: all dates used). A further date
   * takes the place, and the memory, of the one used longest ago: for a short run that goes
   * through its dates one after the other (`check`), where touching new memory costs more than
   * the searches. A {@link ReachabilityEngine.timetable} is then valid only until another date
   * is used.
   */
  datesInMemory?: number;
}

interface Access {
  stops: Int32Array;
  seconds: Int32Array;
}

interface DateState {
  tt: Timetable;
  forward: RaptorScratch;
  backward: RaptorScratch;
  dayTypeId: DayTypeId;
  hasService: boolean;
  /** Where the timetable (when read from the cache) and its mirror live, with `datesInMemory`. */
  memory?: { timetable: ArrayArena; mirror: ArrayArena };
}

/**
 * Answers the shift question on merged feeds; keeps timetables and search state per date.
 *
 * @example
 * ```ts
 * const engine = new ReachabilityEngine(feeds);
 * const day = engine.assess(home, workplace, { startMinutes: 360, endMinutes: 840 }, '2026-12-08');
 * day.verdict; // 'reachable'
 * ```
 */
export class ReachabilityEngine {
  readonly feeds: FeedSet;
  readonly routing: RoutingOptions;
  readonly limits: ReachabilityLimits;
  readonly explain: boolean;
  /** Radius in metres in which destinations (and walking homes) reach stops. */
  readonly accessRadiusMeters: number;
  /** How homes reach stops. */
  readonly homeAccess: AccessMode;
  private readonly walkAccessModel: WalkModel;
  private readonly homeAccessModel: WalkModel;
  private readonly homeAccessCache = new WeakMap<object, Access>();
  /** Per date, in order of last use. */
  private readonly dates = new Map<number, DateState>();
  private readonly datesInMemory: number;
  private readonly access = new WeakMap<object, Access>();
  private readonly midnights = new Map<string, readonly [number, number]>();
  /** Dates evaluated with another date's service. */
  readonly serviceDates: ReadonlyMap<string, string>;

  constructor(feeds: FeedSet, options: ReachabilityOptions = {}) {
    this.feeds = feeds;
    this.routing = { ...DEFAULT_ROUTING, ...options.routing };
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    checkLimits(this.limits);
    this.explain = options.explain ?? false;
    this.accessRadiusMeters = this.routing.walkRadiusMeters > 0 ? this.routing.walkRadiusMeters : this.routing.walkModel.radiusMeters;
    this.homeAccess = options.homeAccess ?? 'walk';
    this.walkAccessModel = { ...this.routing.walkModel, radiusMeters: this.accessRadiusMeters };
    this.homeAccessModel = this.homeAccess === 'bike' ? DEFAULT_BIKE_MODEL : this.walkAccessModel;
    this.serviceDates = options.serviceDates ?? new Map();
    this.datesInMemory = options.datesInMemory ?? Infinity;
    if (!(this.datesInMemory >= 1)) throw new UsageError({ de: `datesInMemory muss mindestens 1 sein, nicht "${String(options.datesInMemory)}"`, en: `datesInMemory must be at least 1, got "${String(options.datesInMemory)}"` }, 'datesInMemory');
  }

  /** The date whose service is used for `date` (itself unless substituted). */
  serviceDateOf(date: string): string {
    return this.serviceDates.get(date) ?? date;
  }

  /** Timetable and search state of a date (built on first use). */
  private state(date: string): DateState {
    const gtfsDate = requireIsoDate(date, 'date');
    let state = this.dates.get(gtfsDate);
    if (state) {
      // Most recently used last: the first entry is the one to give up.
      this.dates.delete(gtfsDate);
      this.dates.set(gtfsDate, state);
      return state;
    }
    const serviceDate = parseIsoDate(this.serviceDateOf(date))!;
    checkServiceDate(this.feeds, serviceDate, 'date', 0);
    const timetableOptions = {
      walkRadiusMeters: this.routing.walkRadiusMeters,
      walkModel: this.routing.walkModel,
      useTransfersFile: this.routing.useTransfersFile,
    };
    // With `datesInMemory`, the date used longest ago gives up its place, its memory and its search state.
    let spare: DateState | undefined;
    if (this.dates.size >= this.datesInMemory) {
      const [oldest, old] = this.dates.entries().next().value as [number, DateState];
      this.dates.delete(oldest);
      spare = old;
    }
    const memory = this.datesInMemory === Infinity ? undefined : (spare?.memory ?? { timetable: new ArrayArena(), mirror: new ArrayArena() });
    // From the cache folder the feeds were loaded from, when a timetable of this date is there.
    const tt = cachedTimetable(this.feeds, serviceDate, timetableOptions, () => buildTimetable(this.feeds, serviceDate, timetableOptions), memory?.timetable);
    const mirror = memory ? reverseTimetableInto(tt, memory.mirror) : reverseTimetable(tt);
    state = {
      tt,
      forward: scratchFor(tt, spare?.forward),
      backward: scratchFor(mirror, spare?.backward),
      dayTypeId: classifyDay(this.feeds, serviceDate),
      hasService: tt.activeTripCount > 0,
      memory,
    };
    this.dates.set(gtfsDate, state);
    return state;
  }

  /** The timetable of a date. */
  timetable(date: string): Timetable {
    return this.state(date).tt;
  }

  /**
   * Stops within reach of a point with the seconds to get there (cached per point object): on
   * foot, or for a home with the engine's home access mode.
   */
  accessOf(point: NamedPoint, isHome = false): Access {
    const bike = isHome && this.homeAccess === 'bike';
    const cache = bike ? this.homeAccessCache : this.access;
    let access = cache.get(point);
    if (!access) {
      const model = bike ? this.homeAccessModel : this.walkAccessModel;
      const found: [number, number][] = [];
      stopGridOf(this.feeds.stops).within(point, model.radiusMeters, (index, meters) => {
        const seconds = walkSecondsForDistance(meters, model);
        if (seconds !== undefined) found.push([index, wholeMinutes(seconds)]);
      });
      found.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
      access = { stops: Int32Array.from(found.map((f) => f[0])), seconds: Int32Array.from(found.map((f) => f[1])) };
      cache.set(point, access);
    }
    return access;
  }

  /** Seconds to go all the way between a home and another point (home access mode), or undefined if too far. */
  private allTheWay(home: NamedPoint, other: NamedPoint): number | undefined {
    const seconds = walkSecondsForDistance(distanceMeters(home, other), this.homeAccessModel);
    return seconds === undefined ? undefined : wholeMinutes(seconds);
  }

  /** Midnight (00:00 wall clock) at the start of a date, as clock seconds of that date. */
  midnight(date: string): number {
    return this.midnightsOf(date)[0];
  }

  /** Midnight at the start and at the end of a date as clock seconds of that date (once per date: a report asks for every Ortsteil). */
  private midnightsOf(date: string): readonly [number, number] {
    let midnights = this.midnights.get(date);
    if (!midnights) {
      const gtfsDate = parseIsoDate(date)!;
      midnights = [wallClockToServiceSeconds(gtfsDate, 0, this.feeds.timeZone), wallClockToServiceSeconds(gtfsDate, 24 * 3600, this.feeds.timeZone)];
      this.midnights.set(date, midnights);
    }
    return midnights;
  }

  /**
   * A journey as a connection, or null with the reason why it is none: longer than max-journey
   * (the bus of the evening before), or leaving before midnight of the date when the slot is no
   * night shift (`dayBeforeAllowed` false).
   */
  usable(journey: Journey | null, direction: 'outbound' | 'return', date: string, dayBeforeAllowed: boolean, reasons: Reason[]): Journey | null {
    if (!journey) return null;
    const travelSeconds = journey.arrival - journey.departure;
    if (travelSeconds > this.limits.maxJourneySeconds) {
      reasons.push({ code: 'journey-too-long', direction, travelSeconds, departure: journey.departure, arrival: journey.arrival });
      return null;
    }
    if (!dayBeforeAllowed && journey.departure < this.midnight(date)) {
      reasons.push({ code: 'leaves-day-before', direction, departure: journey.departure });
      return null;
    }
    return journey;
  }

  /** True when a slot (clock seconds of `date`) ends after the next midnight: a night shift. */
  isNightSlot(date: string, end: number): boolean {
    return end > this.midnightsOf(date)[1];
  }

  /**
   * Start and end of a slot on a date as clock seconds of that date. A slot ending the next day
   * (22:00–06:00) is refused like a date without service when a loaded feed has no service on
   * that next day (2026-12-31 with BördeBus, which ends then): its way home would read "no bus"
   * although the timetable simply stops.
   */
  slotClock(date: string, slot: SlotTimes): { start: number; end: number } {
    const gtfsDate = requireIsoDate(this.serviceDateOf(date), 'date');
    checkSlotTimes(slot);
    const overnight = slot.endMinutes <= slot.startMinutes;
    if (overnight) {
      try {
        checkServiceDate(this.feeds, addDays(gtfsDate, 1), 'date', 0);
      } catch (error) {
        if (!(error instanceof ErreichbarError)) throw error;
        const times = `${clockText(slot.startMinutes)}-${clockText(slot.endMinutes)}`;
        throw new UsageError(
          { de: `${date}: das Zeitfenster ${times} endet am nächsten Tag, ${error.message}`, en: `${date}: the slot ${times} ends the next day, ${error.messageEn}` },
          'date',
          error.code,
        );
      }
    }
    const endMinutes = overnight ? slot.endMinutes + 24 * 60 : slot.endMinutes;
    return {
      start: wallClockToServiceSeconds(gtfsDate, slot.startMinutes * 60, this.feeds.timeZone),
      end: wallClockToServiceSeconds(gtfsDate, endMinutes * 60, this.feeds.timeZone),
    };
  }

  /**
   * Outbound journeys from many homes to one destination arriving by `start − buffer` and not
   * before `start − maxEarly` (one search). One entry per home, null where there is none.
   */
  outbound(homes: readonly NamedPoint[], destination: NamedPoint, date: string, start: number, { overLong }: Pick<WindowSearch, 'overLong'> = {}): (Journey | null)[] {
    const deadline = start - this.limits.bufferSeconds;
    return this.arriveWithin(homes, destination, date, deadline, this.limits.maxEarlySeconds - this.limits.bufferSeconds, { overLong });
  }

  /**
   * Latest-departure journeys from many homes to one destination arriving at the destination
   * (door) by `deadline` and at most `windowSeconds` before it. Of the journeys with the latest
   * departure, the one arriving first (then with fewer changes, then less walking): a range
   * search over the door arrivals in the window (rRAPTOR on the mirrored timetable, from the
   * earliest allowed arrival to the deadline) keeps a label only when a later arrival allows a
   * strictly later departure. `profile: false` skips that tie-break (one plain search; for
   * explanations that only need the departure); with `horizonSeconds` that plain search looks
   * back no further than that before the deadline (journeys leaving earlier give null). See
   * {@link WindowSearch}.
   *
   * The range search is bounded by the journey horizon (no journey over max-journey is a
   * connection, see {@link usable}): a home that leaves at all within max-journey gets exactly
   * the journey of the unbounded search. Homes left without any are looked up once more with a
   * plain, unbounded search, so that the answer can say why ("the last bus in time leaves the
   * evening before at 19:40"); for such over-long journeys the departure is exact, but of the
   * journeys with that departure the one found need not arrive first (it only feeds the reason).
   * `overLong: false` leaves that search out (see {@link WindowSearch}); a journey over
   * max-journey that the range search met within its horizon (one arriving early in the window)
   * is still returned.
   */
  arriveWithin(
    homes: readonly NamedPoint[],
    destination: NamedPoint,
    date: string,
    deadline: number,
    windowSeconds: number,
    search: WindowSearch = {},
  ): (Journey | null)[] {
    const state = this.state(date);
    if (windowSeconds < 0) return homes.map(() => null);
    const egress = this.accessOf(destination);
    const scratch = state.backward;
    const accesses = homes.map((home) => this.accessOf(home, true));
    // Departure from home (door) for each home access stop, from the labels: −label − access.
    const tracker = new BestPerHome(accesses, (stop) => unfoldJourney(scratch, stop, state.tt, true)!, scratch);
    // On the mirror, time runs backwards: the search starts at −deadline.
    this.search(scratch, tracker, egress, -deadline, windowSeconds, search);
    const egressSeconds = new Map<number, number>();
    for (let i = 0; i < egress.stops.length; i++) egressSeconds.set(egress.stops[i]!, egress.seconds[i]!);
    const bike = this.homeAccess === 'bike';
    return homes.map((home, h) => {
      const bestDeparture = tracker.value[h]!;
      const direct = this.allTheWay(home, destination);
      if (direct !== undefined && deadline - direct >= bestDeparture) return directJourney(home, destination, deadline - direct, direct, bike);
      let best: Journey | null = null;
      for (const { raw, seconds } of tracker.found[h]!) {
        const journey = describeJourney(raw, {
          originName: home.name,
          accessSeconds: seconds,
          accessByBike: bike,
          targetName: destination.name,
          egressSeconds: egressSeconds.get(raw.targetStop) ?? 0,
        });
        if (!best || compareSameDeparture(journey, best) < 0) best = journey;
      }
      return best;
    });
  }

  /**
   * The search behind {@link arriveWithin} and {@link leaveWithin}, from the stops in reach of
   * the origin point, boarding from `start` (+ the walk) to `start + windowSeconds`: with
   * `profile`, a range search bounded by the journey horizon, then one plain search if some home
   * is left without a journey (for the reason); without, one plain search, bounded to
   * `horizonSeconds` after `start` when given. Labels are read into `tracker` after each run.
   */
  private search(scratch: RaptorScratch, tracker: BestPerHome, from: Access, start: number, windowSeconds: number, { profile = true, horizonSeconds, overLong = true }: WindowSearch): void {
    // Only the homes' journeys are read: what cannot improve them is pruned (see RaptorOptions.targets).
    const targets = tracker.targets();
    const plainSearch = (maxArrival?: number): void => {
      const sources: RaptorSource[] = [];
      for (let i = 0; i < from.stops.length; i++) sources.push({ stop: from.stops[i]!, time: start + from.seconds[i]! });
      earliestArrival(scratch, sources, { ...this.raptorOptions(windowSeconds), maxArrival, targets });
      tracker.update();
    };
    if (!profile) {
      plainSearch(horizonSeconds === undefined ? undefined : start + horizonSeconds);
      return;
    }
    const sources: RangeSource[] = [];
    for (let i = 0; i < from.stops.length; i++) sources.push({ stop: from.stops[i]!, accessSeconds: from.seconds[i]! });
    const windowEnd = start + windowSeconds;
    rangeQuery(scratch, sources, start, windowEnd, { ...this.raptorOptions(0), maxArrival: windowEnd + this.limits.maxJourneySeconds, targets }, () => tracker.update());
    if (overLong && tracker.someUnreached()) plainSearch();
  }

  private raptorOptions(maxInitialWaitSeconds: number): RaptorOptions {
    return {
      maxTransfers: this.routing.maxTransfers,
      transferSlackSeconds: this.routing.transferSlackSeconds,
      maxInitialWaitSeconds: Math.max(0, maxInitialWaitSeconds),
    };
  }

  /**
   * Return journeys from one destination to many homes leaving at or after `end + buffer`, the
   * first vehicle within maxLate after the end (one search). One entry per home, null where none.
   */
  returnHome(homes: readonly NamedPoint[], destination: NamedPoint, date: string, end: number, { overLong }: Pick<WindowSearch, 'overLong'> = {}): (Journey | null)[] {
    return this.leaveWithin(homes, destination, date, end + this.limits.bufferSeconds, this.limits.maxLateSeconds - this.limits.bufferSeconds, { overLong });
  }

  /**
   * Earliest-arrival journeys from one origin (`from`) to many points, leaving the origin's door
   * at or after `leave` and boarding the first vehicle within `windowSeconds`. Of the journeys
   * with the earliest arrival, the one leaving last (then with fewer changes, then less
   * walking): a range search over the departures in the window, latest first, keeps a label
   * only when an earlier departure arrives strictly earlier. `profile: false` skips that
   * tie-break (one plain search; for explanations that only need the arrival; `horizonSeconds`
   * bounds it to arrivals at most that long after `leave`). Bounded by the
   * journey horizon like {@link arriveWithin}, with the same fallback for homes left without a
   * journey (its arrival exact, its departure not tie-broken), which `overLong: false` leaves out.
   */
  leaveWithin(
    homes: readonly NamedPoint[],
    from: NamedPoint,
    date: string,
    leave: number,
    windowSeconds: number,
    search: WindowSearch = {},
  ): (Journey | null)[] {
    const state = this.state(date);
    const access = this.accessOf(from);
    const scratch = state.forward;
    const egresses = homes.map((home) => this.accessOf(home, true));
    // Arrival at home (door) for each home egress stop, negated so that larger is better.
    const tracker = new BestPerHome(egresses, (stop) => unfoldJourney(scratch, stop, undefined, true)!, scratch);
    this.search(scratch, tracker, access, leave, Math.max(0, windowSeconds), search);
    const accessSeconds = new Map<number, number>();
    for (let i = 0; i < access.stops.length; i++) accessSeconds.set(access.stops[i]!, access.seconds[i]!);
    const bike = this.homeAccess === 'bike';
    return homes.map((home, h) => {
      const bestArrival = -tracker.value[h]!;
      const direct = this.allTheWay(home, from);
      if (direct !== undefined && leave + direct <= bestArrival) return directJourney(from, home, leave, direct, bike);
      let best: Journey | null = null;
      for (const { raw, seconds } of tracker.found[h]!) {
        const journey = describeJourney(raw, {
          originName: from.name,
          accessSeconds: accessSeconds.get(raw.originStop) ?? 0,
          targetName: home.name,
          egressSeconds: seconds,
          egressByBike: bike,
        });
        if (!best || compareSameArrival(journey, best) < 0) best = journey;
      }
      return best;
    });
  }

  /**
   * Both directions for many homes on one date (two searches), by the slot's kind: shifts and
   * courses are reached by the start and left after the end; opening hours (Kitas) are reached
   * within max-early after opening and left within max-late before closing. `overLong: false`:
   * see {@link WindowSearch}.
   */
  journeysForSlot(
    homes: readonly NamedPoint[],
    destination: NamedPoint,
    date: string,
    slot: SlotTimes,
    { overLong }: Pick<WindowSearch, 'overLong'> = {},
  ): { start: number; end: number; outbound: (Journey | null)[]; back: (Journey | null)[] } {
    const { start, end } = this.slotClock(date, slot);
    if (slot.kind === 'opening-hours') {
      const arriveWindow = this.limits.maxEarlySeconds;
      const leaveWindow = this.limits.maxLateSeconds;
      return {
        start,
        end,
        outbound: this.arriveWithin(homes, destination, date, Math.min(start + arriveWindow, end), Math.min(arriveWindow, end - start), { overLong }),
        back: this.leaveWithin(homes, destination, date, Math.max(end - leaveWindow, start), Math.min(leaveWindow, end - start), { overLong }),
      };
    }
    return { start, end, outbound: this.outbound(homes, destination, date, start, { overLong }), back: this.returnHome(homes, destination, date, end, { overLong }) };
  }

  /** Assesses one home, destination and slot on one date. */
  assess(home: NamedPoint, destination: NamedPoint, slot: SlotTimes, date: string): DayAssessment {
    checkPoint(home, 'home');
    checkPoint(destination, 'destination');
    const { start, end, outbound: outbounds, back: backs } = this.journeysForSlot([home], destination, date, slot);
    const outbound = outbounds[0] ?? null;
    const back = backs[0] ?? null;
    const day = this.judge(date, start, end, outbound, back, slot.kind);
    if (this.explain && day.verdict !== 'reachable' && slot.kind !== 'opening-hours') {
      day.reasons.push(...this.explainFailure(home, destination, date, start, end, day.outbound, day.return));
    }
    return day;
  }

  /**
   * Builds the day assessment from the two journeys. For opening hours, waiting is not judged
   * (arriving after opening and leaving before closing is the point), only travel times.
   */
  judge(date: string, start: number, end: number, outboundFound: Journey | null, backFound: Journey | null, kind: SlotKind = 'attendance'): DayAssessment {
    const state = this.state(date);
    const limits = this.limits;
    const reasons: Reason[] = [];
    // A journey over the hard limit is no connection; the latest departure (outbound) or earliest
    // arrival (return) being that long means every other journey in the window is longer still.
    // Nor is a bus of the evening before, unless the slot is a night shift.
    const night = this.isNightSlot(date, end);
    const outbound = this.usable(outboundFound, 'outbound', date, night, reasons);
    const back = this.usable(backFound, 'return', date, true, reasons);
    const openingHours = kind === 'opening-hours';
    const waitBeforeSeconds = outbound && !openingHours ? start - outbound.arrival : null;
    const waitAfterSeconds = back && !openingHours ? back.departure - end : null;
    let verdict: Verdict;
    if (outbound && back) {
      const travelOut = outbound.arrival - outbound.departure;
      const travelBack = back.arrival - back.departure;
      if (travelOut > limits.maxTravelSeconds) reasons.push({ code: 'travel-too-long', direction: 'outbound', travelSeconds: travelOut });
      if (travelBack > limits.maxTravelSeconds) reasons.push({ code: 'travel-too-long', direction: 'return', travelSeconds: travelBack });
      if (waitBeforeSeconds !== null && waitBeforeSeconds > limits.maxWaitSeconds) reasons.push({ code: 'wait-too-long', direction: 'outbound', waitSeconds: waitBeforeSeconds });
      if (waitAfterSeconds !== null && waitAfterSeconds > limits.maxWaitSeconds) reasons.push({ code: 'wait-too-long', direction: 'return', waitSeconds: waitAfterSeconds });
      verdict = reasons.length > 0 ? 'long-wait' : 'reachable';
    } else {
      verdict = outbound ? 'outbound-only' : back ? 'return-only' : 'unreachable';
      if (!state.hasService) reasons.push({ code: 'no-service' });
      if (!outbound && !outboundFound) reasons.push({ code: 'outbound-none' });
      if (!back && !backFound) reasons.push({ code: 'return-none' });
    }
    return {
      date,
      dayTypeId: state.dayTypeId,
      start,
      end,
      outbound,
      return: back,
      waitBeforeSeconds,
      waitAfterSeconds,
      verdict,
      reasons,
    };
  }

  /** Extra searches that say why a direction failed: the earliest possible arrival, the first bus home. */
  private explainFailure(
    home: NamedPoint,
    destination: NamedPoint,
    date: string,
    start: number,
    end: number,
    outbound: Journey | null,
    back: Journey | null,
  ): Reason[] {
    const reasons: Reason[] = [];
    if (this.accessOf(home, true).stops.length === 0) reasons.push({ code: 'no-stop-near-home', radiusMeters: this.homeAccessModel.radiusMeters });
    if (this.accessOf(destination).stops.length === 0) {
      reasons.push({ code: 'no-stop-near-destination', radiusMeters: this.accessRadiusMeters });
    }
    if (reasons.length > 0) return reasons;
    // Look for arrivals between midnight and the deadline, and for the first vehicle home up to
    // 12 hours after the end (plain searches: only the times matter here).
    if (!outbound) {
      // Leaving home at most max-journey before the start: when is one there at the earliest?
      const deadline = start - this.limits.bufferSeconds;
      const leave = start - this.limits.maxJourneySeconds;
      // The first vehicle may come any time that day: the answer is "the first bus is there at …".
      const first = this.leaveWithin([destination], home, date, leave, 24 * 3600, { profile: false })[0];
      if (first && first.arrival > deadline) reasons.push({ code: 'outbound-too-late', earliestArrival: first.arrival });
      else if (first && first.arrival < start - this.limits.maxEarlySeconds) {
        const latest = this.arriveWithin([home], destination, date, deadline, deadline - leave, { profile: false })[0];
        if (latest) reasons.push({ code: 'outbound-too-early', latestArrival: latest.arrival });
      }
    }
    if (!back) {
      const leave = end + this.limits.bufferSeconds;
      const late = this.leaveWithin([home], destination, date, leave, 12 * 3600 - this.limits.bufferSeconds, { profile: false })[0];
      if (late) reasons.push({ code: 'return-too-late', firstDeparture: late.departure });
    }
    return reasons;
  }
}

/** A search state for `tt`: the one given, now searching `tt`, or a new one. */
function scratchFor(tt: Timetable, reuse: RaptorScratch | undefined): RaptorScratch {
  if (!reuse) return new RaptorScratch(tt);
  reuse.useTimetable(tt);
  return reuse;
}

/** Going all the way on foot (or by bicycle), without any vehicle. */
function directJourney(from: NamedPoint, to: NamedPoint, departure: number, seconds: number, bike: boolean): Journey {
  return {
    departure,
    arrival: departure + seconds,
    transfers: 0,
    legs: [
      {
        mode: 'walk',
        ...(bike ? { bike: true } : {}),
        fromStopId: null,
        fromStopName: from.name,
        toStopId: null,
        toStopName: to.name,
        departure,
        arrival: departure + seconds,
        durationSeconds: seconds,
      },
    ],
  };
}

/** Walking or cycling time rounded up to whole minutes, so every printed time adds up. */
function wholeMinutes(seconds: number): number {
  return Math.ceil(seconds / 60) * 60;
}

/** Seconds walked (or cycled) in a journey. */
function walkingSeconds(journey: Journey): number {
  let total = 0;
  for (const leg of journey.legs) if (leg.mode === 'walk') total += leg.durationSeconds;
  return total;
}

/** Of two journeys leaving at the same time: the earlier arrival, then fewer changes, then less walking first. */
export function compareSameDeparture(a: Journey, b: Journey): number {
  return b.departure - a.departure || a.arrival - b.arrival || a.transfers - b.transfers || walkingSeconds(a) - walkingSeconds(b);
}

/** Of two journeys arriving at the same time: the later departure, then fewer changes, then less walking first. */
export function compareSameArrival(a: Journey, b: Journey): number {
  return a.arrival - b.arrival || b.departure - a.departure || a.transfers - b.transfers || walkingSeconds(a) - walkingSeconds(b);
}

/**
 * The best journey per home over the runs of a range search. After each run, a home's value is
 * read from the ride labels of its stops: −label − the walk between stop and door, which is the
 * door departure on the mirror (labels there are −time) and the negated door arrival on the
 * forward timetable, so larger is better both ways. When it
 * improves, the journeys are unfolded at once, because later runs may overwrite the labels of
 * the stops on the way (a later run only improves a home when its value gets strictly better, so
 * the first run that reaches the final value — the earliest arrival for the latest departure, or
 * the latest departure for the earliest arrival — is the one kept).
 */
/** `22:00` for minutes after midnight. */
function clockText(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

class BestPerHome {
  readonly value: number[];
  readonly found: { raw: RawJourney; seconds: number }[][];

  constructor(
    private readonly stops: readonly Access[],
    private readonly unfold: (stop: number) => RawJourney,
    private readonly scratch: RaptorScratch,
  ) {
    this.value = stops.map(() => -Infinity);
    this.found = stops.map(() => []);
  }

  /** The homes with a stop in reach, as search targets. */
  targets(): Access[] {
    return this.stops.filter((access) => access.stops.length > 0);
  }

  /** True while some home with a stop in reach has no journey yet. */
  someUnreached(): boolean {
    for (let h = 0; h < this.stops.length; h++) if (this.value[h] === -Infinity && this.stops[h]!.stops.length > 0) return true;
    return false;
  }

  update(): void {
    const bestRide = this.scratch.bestRide;
    for (let h = 0; h < this.stops.length; h++) {
      const access = this.stops[h]!;
      let best = -Infinity;
      for (let i = 0; i < access.stops.length; i++) {
        const label = bestRide[access.stops[i]!]!;
        if (label === UNREACHED) continue;
        const value = -label - access.seconds[i]!;
        if (value > best) best = value;
      }
      if (best <= this.value[h]!) continue;
      this.value[h] = best;
      const found: { raw: RawJourney; seconds: number }[] = [];
      for (let i = 0; i < access.stops.length; i++) {
        const label = bestRide[access.stops[i]!]!;
        if (label !== UNREACHED && -label - access.seconds[i]! === best) found.push({ raw: this.unfold(access.stops[i]!), seconds: access.seconds[i]! });
      }
      this.found[h] = found;
    }
  }
}
