/**
 * Kita trip chains: home → Kita (drop the child off after it opens) → work or course (by the
 * start) and back → Kita (pick up before it closes) → home. Solved backwards from the start and
 * forwards from the end, so every leg takes the latest (morning) or earliest (afternoon) bus
 * that still fits; the chain breaks at the first leg that does not.
 *
 * Every leg obeys the limits of a shift: no leg longer than max-journey (it is no connection),
 * none leaving the evening before unless the slot is a night shift; the bus to the destination
 * arrives within max-early before the start and the bus from it leaves within max-late after the
 * end; the child is dropped off after opening and at most max-early before the bus on, picked up
 * before closing, and the bus home leaves within max-late after the pick-up. Travel over
 * max-travel and waits over max-wait (before the start, after the end, at the Kita) make the
 * verdict `long-wait`, as for a shift; the reasons name the leg.
 *
 * Limits: drop-off and pick-up take a fixed time each (default 5 minutes); the Kita's opening
 * hours are those of the slot's start date (a night shift ending the next morning is picked up
 * from the same day's hours).
 */
import type { Journey } from '../router/journey.js';
import type { DayTypeId } from './service-calendar.js';
import type { NamedPoint, ReachabilityEngine, Reason, SlotTimes, Verdict } from './reachability.js';

/** Opening hours of a Kita as wall-clock minutes after midnight. */
export interface OpeningHours {
  openMinutes: number;
  closeMinutes: number;
}

/** Where a chain breaks. */
export type ChainBreak =
  | 'home-to-kita'
  | 'kita-to-destination'
  | 'destination-to-kita'
  | 'kita-to-home'
  | 'kita-opens-too-late'
  | 'kita-closes-too-early';

/** The four legs of a chain, in the order of the day. */
export type ChainLeg = 'homeToKita' | 'kitaToDestination' | 'destinationToKita' | 'kitaToHome';

/** A reason, with the leg it concerns (null: the chain as a whole). */
export type ChainReason = Reason & { leg: ChainLeg | null };

/** One date of a trip chain. Clock times are seconds of the date. */
export interface ChainAssessment {
  date: string;
  dayTypeId: DayTypeId;
  /** Start and end of the slot (clock seconds). */
  start: number;
  end: number;
  /** Home → Kita, Kita → destination, destination → Kita, Kita → home; null where missing. */
  legs: Record<ChainLeg, Journey | null>;
  /** The verdict on the same scale as a shift: both halves of the day, within the limits. */
  verdict: Verdict;
  /** True when the verdict is `reachable`. */
  works: boolean;
  /** The first place the chain fails, in the order of the day; null if both halves work. */
  breaksAt: ChainBreak | null;
  /** Why it is not simply reachable, each naming its leg. */
  reasons: ChainReason[];
  /** When the child is dropped off and picked up (clock seconds), if those legs exist. */
  dropOff: number | null;
  pickUp: number | null;
}

/** Drop-off and pick-up times, seconds. */
export interface ChainOptions {
  dropOffSeconds?: number;
  pickUpSeconds?: number;
}

/**
 * Assesses the chain on one date.
 *
 * @example
 * ```ts
 * const day = assessKitaChain(engine, home, kita, { openMinutes: 360, closeMinutes: 1020 }, kvhs, { startMinutes: 510, endMinutes: 765 }, '2026-12-09');
 * day.verdict; // 'reachable' | 'long-wait' | 'outbound-only' | 'return-only' | 'unreachable'
 * ```
 */
export function assessKitaChain(
  engine: ReachabilityEngine,
  home: NamedPoint,
  kita: NamedPoint,
  hours: OpeningHours,
  destination: NamedPoint,
  slot: SlotTimes,
  date: string,
  options: ChainOptions = {},
): ChainAssessment {
  const dropOffSeconds = options.dropOffSeconds ?? 300;
  const pickUpSeconds = options.pickUpSeconds ?? 300;
  const limits = engine.limits;
  const { start, end } = engine.slotClock(date, { ...slot, kind: 'attendance' });
  const kitaTimes = engine.slotClock(date, { startMinutes: hours.openMinutes, endMinutes: hours.closeMinutes });
  const dayTypeId = engine.judge(date, start, end, null, null).dayTypeId;
  const night = engine.isNightSlot(date, end);
  const legs: Record<ChainLeg, Journey | null> = { homeToKita: null, kitaToDestination: null, destinationToKita: null, kitaToHome: null };
  const reasons: ChainReason[] = [];
  const soft: ChainReason[] = [];
  let dropOff: number | null = null;
  let pickUp: number | null = null;
  const add = (leg: ChainLeg | null, list: ChainReason[], found: Reason[]): void => {
    for (const reason of found) list.push({ ...reason, leg });
  };

  /**
   * A morning leg: the latest departure arriving (door) in [windowStart, deadline], as a
   * connection within the limits, or null with the reasons why there is none.
   */
  const morningLeg = (leg: ChainLeg, from: NamedPoint, to: NamedPoint, deadline: number, windowStart: number): Journey | null => {
    const found: Reason[] = [];
    const journey = engine.usable(engine.arriveWithin([from], to, date, deadline, deadline - windowStart)[0] ?? null, 'outbound', date, night, found);
    if (!journey && found.length === 0) {
      // Nothing in the window at all: when is one there at the earliest (leaving at most
      // max-journey before, and not before midnight)?
      const leave = night ? deadline - limits.maxJourneySeconds : Math.max(engine.midnight(date), deadline - limits.maxJourneySeconds);
      const first = engine.leaveWithin([to], from, date, leave, 24 * 3600, { profile: false })[0];
      if (first && first.arrival > deadline) found.push({ code: 'outbound-too-late', earliestArrival: first.arrival });
      else if (first && first.arrival < windowStart) {
        const latest = engine.arriveWithin([from], to, date, windowStart, windowStart - leave, { profile: false })[0];
        found.push(latest ? { code: 'outbound-too-early', latestArrival: latest.arrival } : { code: 'outbound-none' });
      } else found.push({ code: 'outbound-none' });
    }
    add(leg, reasons, found);
    return journey;
  };

  /** An afternoon leg: the earliest arrival leaving (door) at or after `leave`, first vehicle within `windowSeconds`. */
  const afternoonLeg = (leg: ChainLeg, from: NamedPoint, to: NamedPoint, leave: number, windowSeconds: number): Journey | null => {
    const found: Reason[] = [];
    const journey = engine.usable(engine.leaveWithin([to], from, date, leave, windowSeconds)[0] ?? null, 'return', date, true, found);
    if (!journey && found.length === 0) {
      found.push({ code: 'return-none' });
      const late = engine.leaveWithin([to], from, date, leave, 12 * 3600, { profile: false })[0];
      if (late) found.push({ code: 'return-too-late', firstDeparture: late.departure });
    }
    add(leg, reasons, found);
    return journey;
  };

  const travel = (leg: ChainLeg, journey: Journey, direction: 'outbound' | 'return'): void => {
    const travelSeconds = journey.arrival - journey.departure;
    if (travelSeconds > limits.maxTravelSeconds) soft.push({ code: 'travel-too-long', direction, travelSeconds, leg });
  };

  // Morning: Kita → destination first (latest departure from the Kita), then home → Kita.
  let morningBreak: ChainBreak | null = null;
  const deadline = start - limits.bufferSeconds;
  const toWork = morningLeg('kitaToDestination', kita, destination, deadline, start - limits.maxEarlySeconds);
  legs.kitaToDestination = toWork;
  if (!toWork) morningBreak = 'kita-to-destination';
  else {
    const dropOffBy = toWork.departure - dropOffSeconds;
    if (dropOffBy < kitaTimes.start) {
      morningBreak = 'kita-opens-too-late';
      const onFoot = toWork.legs.every((step) => step.mode === 'walk');
      reasons.push({ code: 'kita-opens-too-late', opening: kitaTimes.start, departure: toWork.departure, ...(onFoot ? { onFoot: true as const } : {}), leg: 'kitaToDestination' });
    } else {
      const toKita = morningLeg('homeToKita', home, kita, dropOffBy, Math.max(kitaTimes.start, dropOffBy - limits.maxEarlySeconds));
      legs.homeToKita = toKita;
      if (!toKita) morningBreak = 'home-to-kita';
      else {
        dropOff = toKita.arrival;
        travel('homeToKita', toKita, 'outbound');
        travel('kitaToDestination', toWork, 'outbound');
        const waitAtKita = toWork.departure - toKita.arrival - dropOffSeconds;
        if (waitAtKita > limits.maxWaitSeconds) soft.push({ code: 'wait-at-kita-too-long', direction: 'outbound', waitSeconds: waitAtKita, leg: 'kitaToDestination' });
        const waitBefore = start - toWork.arrival;
        if (waitBefore > limits.maxWaitSeconds) soft.push({ code: 'wait-too-long', direction: 'outbound', waitSeconds: waitBefore, leg: 'kitaToDestination' });
      }
    }
  }

  // Afternoon: destination → Kita (earliest arrival), then Kita → home.
  let afternoonBreak: ChainBreak | null = null;
  const backToKita = afternoonLeg('destinationToKita', destination, kita, end + limits.bufferSeconds, limits.maxLateSeconds - limits.bufferSeconds);
  legs.destinationToKita = backToKita;
  if (!backToKita) afternoonBreak = 'destination-to-kita';
  else if (backToKita.arrival + pickUpSeconds > kitaTimes.end) {
    afternoonBreak = 'kita-closes-too-early';
    reasons.push({ code: 'kita-closes-too-early', closing: kitaTimes.end, arrival: backToKita.arrival, leg: 'destinationToKita' });
  } else {
    pickUp = backToKita.arrival;
    const kitaToHome = afternoonLeg('kitaToHome', kita, home, backToKita.arrival + pickUpSeconds, limits.maxLateSeconds);
    legs.kitaToHome = kitaToHome;
    if (!kitaToHome) afternoonBreak = 'kita-to-home';
    else {
      travel('destinationToKita', backToKita, 'return');
      travel('kitaToHome', kitaToHome, 'return');
      const waitAfter = backToKita.departure - end;
      if (waitAfter > limits.maxWaitSeconds) soft.push({ code: 'wait-too-long', direction: 'return', waitSeconds: waitAfter, leg: 'destinationToKita' });
      const waitAtKita = kitaToHome.departure - backToKita.arrival - pickUpSeconds;
      if (waitAtKita > limits.maxWaitSeconds) soft.push({ code: 'wait-at-kita-too-long', direction: 'return', waitSeconds: waitAtKita, leg: 'kitaToHome' });
    }
  }

  const verdict: Verdict =
    morningBreak === null && afternoonBreak === null
      ? soft.length > 0
        ? 'long-wait'
        : 'reachable'
      : morningBreak === null
        ? 'outbound-only'
        : afternoonBreak === null
          ? 'return-only'
          : 'unreachable';
  // Waits and travel times only matter where both halves of the day work.
  const allReasons = verdict === 'long-wait' ? soft : reasons;
  return {
    date,
    dayTypeId,
    start,
    end,
    legs,
    verdict,
    works: verdict === 'reachable',
    breaksAt: morningBreak ?? afternoonBreak,
    reasons: allReasons,
    dropOff,
    pickUp,
  };
}
