/**
 * Words of the reports in German (default) and English: verdicts, reasons, categories.
 */
import type { Reason, ReachabilityLimits, Verdict } from '../analysis/reachability.js';
import { formatClockShort } from '../time/clock.js';
import { formatDuration, type Lang } from './format-journey.js';

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

/** One reason as a short sentence. */
export function reasonText(reason: Reason, lang: Lang, limits: ReachabilityLimits): string {
  const de = lang === 'de';
  switch (reason.code) {
    case 'no-service':
      return de ? 'an diesem Tag fährt kein Bus' : 'no bus runs on this day';
    case 'no-stop-near-home':
      return de ? `keine Haltestelle im Umkreis von ${reason.radiusMeters} m um den Wohnort` : `no stop within ${reason.radiusMeters} m of home`;
    case 'no-stop-near-destination':
      return de ? `keine Haltestelle im Umkreis von ${reason.radiusMeters} m um das Ziel` : `no stop within ${reason.radiusMeters} m of the destination`;
    case 'outbound-none':
      return de ? 'keine Hinfahrt, die rechtzeitig ankommt' : 'no outbound connection arriving in time';
    case 'outbound-too-late':
      return de ? `früheste Ankunft erst ${formatClockShort(reason.earliestArrival)}` : `earliest arrival only at ${formatClockShort(reason.earliestArrival)}`;
    case 'outbound-too-early':
      return de
        ? `letzte passende Ankunft schon ${formatClockShort(reason.latestArrival)} (mehr als ${formatDuration(limits.maxEarlySeconds)} vor Beginn)`
        : `last arrival in time already at ${formatClockShort(reason.latestArrival)} (more than ${formatDuration(limits.maxEarlySeconds)} before the start)`;
    case 'return-none':
      return de ? `keine Rückfahrt innerhalb von ${formatDuration(limits.maxLateSeconds)} nach Ende` : `no return within ${formatDuration(limits.maxLateSeconds)} after the end`;
    case 'return-too-late':
      return de ? `erste Rückfahrt erst ab ${formatClockShort(reason.firstDeparture)}` : `first return only at ${formatClockShort(reason.firstDeparture)}`;
    case 'travel-too-long':
      return de
        ? `Fahrzeit ${reason.direction === 'outbound' ? 'hin' : 'zurück'} ${formatDuration(reason.travelSeconds)} (über ${formatDuration(limits.maxTravelSeconds)})`
        : `${reason.direction} travel ${formatDuration(reason.travelSeconds)} (over ${formatDuration(limits.maxTravelSeconds)})`;
    case 'journey-too-long':
      return de
        ? `${reason.direction === 'outbound' ? 'Hinfahrt' : 'Rückfahrt'} nur mit ${formatDuration(reason.travelSeconds)} Fahrt (über ${formatDuration(limits.maxJourneySeconds)}: keine brauchbare Verbindung)`
        : `${reason.direction} only with ${formatDuration(reason.travelSeconds)} of travel (over ${formatDuration(limits.maxJourneySeconds)}: no usable connection)`;
    case 'wait-too-long':
      return de
        ? `Wartezeit ${reason.direction === 'outbound' ? 'vor Beginn' : 'nach Ende'} ${formatDuration(reason.waitSeconds)} (über ${formatDuration(limits.maxWaitSeconds)})`
        : `wait ${reason.direction === 'outbound' ? 'before the start' : 'after the end'} ${formatDuration(reason.waitSeconds)} (over ${formatDuration(limits.maxWaitSeconds)})`;
  }
}
