/**
 * Words of the reports in German (default) and English: verdicts, reasons, categories.
 */
import type { Reason, ReachabilityLimits, Verdict } from '../analysis/reachability.js';
import { formatClockShort } from '../time/clock.js';
import { CLOCK_AS_IS, formatDuration, type Lang, type ToWallClock } from './format-journey.js';

/** Verdict labels. */
export const VERDICT_LABELS: Record<Lang, Record<Verdict, string>> = {
  de: {
    reachable: 'erreichbar',
    'long-wait': 'nur mit langen Wartezeiten',
    'outbound-only': 'nur Hinweg',
    'return-only': 'nur Rückweg',
    unreachable: 'nicht erreichbar',
  },
  en: {
    reachable: 'reachable',
    'long-wait': 'only with long waits',
    'outbound-only': 'outbound only',
    'return-only': 'return only',
    unreachable: 'not reachable',
  },
};

/** Short verdict symbols for dense tables. */
export const VERDICT_SYMBOLS: Record<Verdict, string> = {
  reachable: '✔',
  'long-wait': '◐',
  'outbound-only': '→',
  'return-only': '←',
  unreachable: '✘',
};

/** Category labels. */
export const CATEGORY_LABELS: Record<Lang, Record<string, string>> = {
  de: { workplace: 'Arbeitsplatz', course: 'Kurs', childcare: 'Kita', other: 'Sonstiges' },
  en: { workplace: 'workplace', course: 'course', childcare: 'childcare', other: 'other' },
};

/**
 * A clock time with its day in words: `um 19:40`, `am Vorabend um 19:40`, `am nächsten Tag um
 * 05:03` (English: `at 19:40`, `the evening before at 19:40`, `the next day at 05:03`).
 */
export function clockInWords(clockSeconds: number, lang: Lang, wall: ToWallClock = CLOCK_AS_IS): string {
  const de = lang === 'de';
  const wallSeconds = wall(clockSeconds);
  const day = Math.floor(wallSeconds / 86_400);
  const time = formatClockShort(wallSeconds - day * 86_400);
  if (day === 0) return de ? `um ${time}` : `at ${time}`;
  if (day === -1) return de ? `am Vorabend um ${time}` : `the evening before at ${time}`;
  if (day === 1) return de ? `am nächsten Tag um ${time}` : `the next day at ${time}`;
  return de ? `${day > 0 ? `${day} Tage später` : `${-day} Tage vorher`} um ${time}` : `${Math.abs(day)} days ${day > 0 ? 'later' : 'before'} at ${time}`;
}

/**
 * One reason as a sentence a caseworker can pass on (German default, English with `en`); `wall`
 * prints its times as the wall clock of the day's date (see `wallClockOf`).
 */
export function reasonText(reason: Reason, lang: Lang, limits: ReachabilityLimits, wall: ToWallClock = CLOCK_AS_IS): string {
  const de = lang === 'de';
  switch (reason.code) {
    case 'no-service':
      return de ? 'An diesem Tag fährt kein Bus' : 'No bus runs on this day';
    case 'no-stop-near-home':
      return de ? `Keine Haltestelle im Umkreis von ${reason.radiusMeters} m um den Wohnort` : `No stop within ${reason.radiusMeters} m of home`;
    case 'no-stop-near-destination':
      return de ? `Keine Haltestelle im Umkreis von ${reason.radiusMeters} m um das Ziel` : `No stop within ${reason.radiusMeters} m of the destination`;
    case 'outbound-none':
      return de ? 'Kein Bus kommt rechtzeitig an' : 'No bus arrives in time';
    case 'outbound-too-late':
      return de ? `Der erste Bus kommt erst ${clockInWords(reason.earliestArrival, lang, wall).replace(/^um /, '')} an` : `The first bus arrives only ${clockInWords(reason.earliestArrival, lang, wall)}`;
    case 'outbound-too-early':
      return de
        ? `Der letzte passende Bus kommt schon ${clockInWords(reason.latestArrival, lang, wall)} an, mehr als ${formatDuration(limits.maxEarlySeconds)} vor Beginn`
        : `The last bus in time arrives already ${clockInWords(reason.latestArrival, lang, wall)}, more than ${formatDuration(limits.maxEarlySeconds)} before the start`;
    case 'return-none':
      return de ? `Innerhalb von ${formatDuration(limits.maxLateSeconds)} nach Ende fährt kein Bus zurück` : `No bus home within ${formatDuration(limits.maxLateSeconds)} after the end`;
    case 'return-too-late':
      return de ? `Der erste Bus zurück fährt erst ${clockInWords(reason.firstDeparture, lang, wall)}` : `The first bus home leaves only ${clockInWords(reason.firstDeparture, lang, wall)}`;
    case 'travel-too-long':
      return de
        ? `${reason.direction === 'outbound' ? 'Die Hinfahrt' : 'Die Rückfahrt'} dauert ${formatDuration(reason.travelSeconds)} (mehr als ${formatDuration(limits.maxTravelSeconds)})`
        : `The ${reason.direction === 'outbound' ? 'journey there' : 'journey home'} takes ${formatDuration(reason.travelSeconds)} (more than ${formatDuration(limits.maxTravelSeconds)})`;
    case 'journey-too-long':
      if (reason.direction === 'outbound') {
        return de
          ? `Der letzte Bus, der rechtzeitig ankommt, fährt schon ${clockInWords(reason.departure, lang, wall)} (mehr als ${formatDuration(limits.maxJourneySeconds)} unterwegs)`
          : `The last bus that arrives in time leaves already ${clockInWords(reason.departure, lang, wall)} (more than ${formatDuration(limits.maxJourneySeconds)} on the way)`;
      }
      return de
        ? `Der erste Bus zurück kommt erst ${clockInWords(reason.arrival, lang, wall)} an (mehr als ${formatDuration(limits.maxJourneySeconds)} unterwegs)`
        : `The first bus home arrives only ${clockInWords(reason.arrival, lang, wall)} (more than ${formatDuration(limits.maxJourneySeconds)} on the way)`;
    case 'leaves-day-before':
      return de
        ? `Der letzte Bus, der rechtzeitig ankommt, fährt schon ${clockInWords(reason.departure, lang, wall)}`
        : `The last bus that arrives in time leaves already ${clockInWords(reason.departure, lang, wall)}`;
    case 'wait-at-kita-too-long':
      return de
        ? `${formatDuration(reason.waitSeconds)} Wartezeit an der Kita ${reason.direction === 'outbound' ? 'bis zum Bus zum Ziel' : 'bis zum Bus nach Hause'} (mehr als ${formatDuration(limits.maxWaitSeconds)})`
        : `${formatDuration(reason.waitSeconds)} of waiting at the Kita ${reason.direction === 'outbound' ? 'for the bus to the destination' : 'for the bus home'} (more than ${formatDuration(limits.maxWaitSeconds)})`;
    case 'kita-opens-too-late':
      if (reason.onFoot) {
        return de
          ? `Die Kita öffnet erst ${clockInWords(reason.opening, lang, wall)}, man müsste dort schon ${clockInWords(reason.departure, lang, wall)} zu Fuß zum Ziel losgehen`
          : `The Kita opens only ${clockInWords(reason.opening, lang, wall)}; one would have to set off from there on foot already ${clockInWords(reason.departure, lang, wall)}`;
      }
      return de
        ? `Die Kita öffnet erst ${clockInWords(reason.opening, lang, wall)}, der letzte passende Bus zum Ziel fährt dort schon ${clockInWords(reason.departure, lang, wall)}`
        : `The Kita opens only ${clockInWords(reason.opening, lang, wall)}; the last bus to the destination in time leaves there already ${clockInWords(reason.departure, lang, wall)}`;
    case 'kita-closes-too-early':
      return de
        ? `Man ist erst ${clockInWords(reason.arrival, lang, wall)} an der Kita, sie schließt ${clockInWords(reason.closing, lang, wall)}`
        : `One is back at the Kita only ${clockInWords(reason.arrival, lang, wall)}; it closes ${clockInWords(reason.closing, lang, wall)}`;
    case 'wait-too-long':
      return de
        ? `${formatDuration(reason.waitSeconds)} Wartezeit ${reason.direction === 'outbound' ? 'vor Beginn' : 'nach Ende'} (mehr als ${formatDuration(limits.maxWaitSeconds)})`
        : `${formatDuration(reason.waitSeconds)} of waiting ${reason.direction === 'outbound' ? 'before the start' : 'after the end'} (more than ${formatDuration(limits.maxWaitSeconds)})`;
  }
}
