/**
 * Kita trip chains: home → Kita (drop the child off after it opens) → work or course (by the
 * start) and back → Kita (pick up before it closes) → home. Solved backwards from the start and
 * forwards from the end, so every leg takes the latest (morning) or earliest (afternoon) bus
 * that still fits; the chain breaks at the first leg that does not.
 *
 * Limits: drop-off and pick-up take a fixed time each (default 5 minutes); a night shift has no
 * Kita chain (the Kita is closed).
 */
import type { Journey } from '../router/journey.js';
import type { DayTypeId } from './service-calendar.js';
import type { NamedPoint, ReachabilityEngine, SlotTimes } from './reachability.js';

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

/** One date of a trip chain. Clock times are seconds of the date. */
export interface ChainAssessment {
  date: string;
  dayTypeId: DayTypeId;
  /** Home → Kita, Kita → destination, destination → Kita, Kita → home; null where missing. */
  legs: {
    homeToKita: Journey | null;
    kitaToDestination: Journey | null;
    destinationToKita: Journey | null;
    kitaToHome: Journey | null;
  };
  works: boolean;
  /** The first place the chain fails, in the order of the day; null if it works. */
  breaksAt: ChainBreak | null;
  /** When the child is dropped off and picked up (clock seconds), if those legs exist. */
  dropOff: number | null;
  pickUp: number | null;
}

/** Drop-off and pick-up times, seconds. */
export interface ChainOptions {
  dropOffSeconds?: number;
  pickUpSeconds?: number;
}

/** Assesses the chain on one date. */
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
  const { start, end } = engine.slotClock(date, slot);
  const kitaTimes = engine.slotClock(date, { startMinutes: hours.openMinutes, endMinutes: hours.closeMinutes });
  const dayTypeId = engine.judge(date, start, end, null, null).dayTypeId;
  const result: ChainAssessment = {
    date,
    dayTypeId,
    legs: { homeToKita: null, kitaToDestination: null, destinationToKita: null, kitaToHome: null },
    works: false,
    breaksAt: null,
    dropOff: null,
    pickUp: null,
  };
  const fail = (at: ChainBreak): ChainAssessment => ({ ...result, breaksAt: at });

  // Morning: Kita → destination first (latest departure from the Kita), then home → Kita.
  const toWork = engine.outbound([kita], destination, date, start)[0] ?? null;
  result.legs.kitaToDestination = toWork;
  if (!toWork) return fail('kita-to-destination');
  const dropOffBy = toWork.departure - dropOffSeconds;
  if (dropOffBy < kitaTimes.start) return fail('kita-opens-too-late');
  const toKita = engine.arriveWithin([home], kita, date, dropOffBy, dropOffBy - kitaTimes.start)[0] ?? null;
  result.legs.homeToKita = toKita;
  if (!toKita) return fail('home-to-kita');
  result.dropOff = toKita.arrival;

  // Afternoon: destination → Kita (earliest arrival), then Kita → home.
  const backToKita = engine.returnHome([kita], destination, date, end)[0] ?? null;
  result.legs.destinationToKita = backToKita;
  if (!backToKita) return fail('destination-to-kita');
  if (backToKita.arrival + pickUpSeconds > kitaTimes.end) return fail('kita-closes-too-early');
  result.pickUp = backToKita.arrival;
  const home2 = engine.leaveWithin([home], kita, date, backToKita.arrival + pickUpSeconds, engine.limits.maxLateSeconds)[0] ?? null;
  result.legs.kitaToHome = home2;
  if (!home2) return fail('kita-to-home');
  return { ...result, works: true };
}
