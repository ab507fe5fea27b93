/**
 * The answer of `erreichbar check` for the integration office: a one-line verdict on top, then
 * per day the concrete connections there and back, or the reason it fails. Also its JSON form.
 */
import type { DayAssessment, NamedPoint, ReachabilityLimits } from '../analysis/reachability.js';
import type { ChainAssessment, ChainBreak, ChainLeg, ChainReason } from '../analysis/kita-chain.js';
import { DAY_TYPE_LABELS } from '../analysis/service-calendar.js';
import { formatClockShort, formatDateForHumans, isoWeekday, parseIsoDate } from '../time/clock.js';
import { formatDays } from '../places/parse-schedule.js';
import { formatLegs, formatSpan, journeyToJson, printedMinutes, wallClockForDate, type Lang, type ToWallClock } from './format-journey.js';
import { reasonText, VERDICT_LABELS } from './labels.js';

/** Version of the check JSON layout. */
export const CHECK_SCHEMA_VERSION = 1;

/** What was checked. */
export interface CheckSubject {
  from: NamedPoint;
  to: NamedPoint;
  /** The slot as written, e.g. `Mo-Fr 06:00-14:00`. */
  slot: string;
  via?: NamedPoint;
  /** Dates asked for (`--dates`) on which the slot does not apply; named in the output. */
  outside?: readonly string[];
  /** The slot's ISO weekdays (to say which days it applies on). */
  slotDays?: readonly number[];
  /**
   * Time zone of the feeds' clock times (default Europe/Berlin): times are printed as the wall
   * clock of each day, so a night across a DST change reads as the clocks show it.
   */
  timeZone?: string;
  /** Dates answered with the service of another date (`--service-as official`): their times are that date's clock. */
  serviceDates?: ReadonlyMap<string, string>;
}

/** How the times of a day are printed: the wall clock of its date in the subject's time zone. */
export function wallClockForDay(subject: Pick<CheckSubject, 'timeZone' | 'serviceDates'>, date: string): ToWallClock {
  return wallClockForDate(date, subject.serviceDates?.get(date), subject.timeZone);
}

const WEEKDAY_NAMES = {
  de: ['Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag', 'Sonntag'],
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
} as const;

/** `12.12.2026 ist ein Samstag, das Zeitfenster gilt Mo-Fr` (English: `2026-12-12 is a Saturday; the slot applies Mo-Fr`). */
export function outsideSlotText(date: string, slotDays: readonly number[], lang: Lang): string {
  const gtfsDate = parseIsoDate(date)!;
  const weekday = WEEKDAY_NAMES[lang][isoWeekday(gtfsDate) - 1];
  const [y, m, d] = date.split('-');
  return lang === 'de'
    ? `${d}.${m}.${y} ist ein ${weekday}, das Zeitfenster gilt ${formatDays(slotDays)}`
    : `${date} is a ${weekday}; the slot applies ${formatDays(slotDays)}`;
}

/** The sentences for the dates outside the slot. */
function outsideLines(subject: CheckSubject, lang: Lang): string[] {
  return (subject.outside ?? []).map((date) => outsideSlotText(date, subject.slotDays ?? [], lang));
}

/** The check as JSON: `{ schemaVersion, from, to, slot, days: [{ date, dayType, outbound, return, verdict }] }`. */
export function checkToJson(subject: CheckSubject, days: DayAssessment[], limits: ReachabilityLimits, lang: Lang, extras: CheckExtras = {}): object {
  return {
    schemaVersion: CHECK_SCHEMA_VERSION,
    from: subject.from,
    to: subject.to,
    slot: subject.slot,
    limits,
    summary: summaryLine(days, lang),
    outsideSlot: outsideLines(subject, lang),
    days: days.map((day, i) => ({
      date: day.date,
      dayType: day.dayTypeId,
      verdict: day.verdict,
      ...(extras.bridges ? { bridge: extras.bridges[i] ?? null } : {}),
      waitBeforeMinutes: day.waitBeforeSeconds === null || !day.outbound ? null : printedMinutes(day.outbound.arrival, day.start),
      waitAfterMinutes: day.waitAfterSeconds === null || !day.return ? null : printedMinutes(day.end, day.return.departure),
      reasons: day.reasons.map((reason) => ({ ...reason, text: reasonText(reason, lang, limits, wallClockForDay(subject, day.date)) })),
      outbound: day.outbound ? journeyToJson(day.outbound) : null,
      return: day.return ? journeyToJson(day.return) : null,
    })),
  };
}

/** One line over all days: "erreichbar an 5 von 5 Tagen" or which days work and which do not. */
export function summaryLine(days: readonly Pick<DayAssessment, 'date' | 'dayTypeId' | 'verdict'>[], lang: Lang): string {
  const de = lang === 'de';
  if (days.length === 0) return de ? 'keine passenden Tage im gewählten Zeitraum' : 'no matching days in the chosen period';
  const good = days.filter((day) => day.verdict === 'reachable');
  const name = (day: Pick<DayAssessment, 'date' | 'dayTypeId'>): string => {
    const date = formatDateForHumans(parseIsoDate(day.date)!, lang);
    return `${date.slice(0, date.indexOf(','))} (${DAY_TYPE_LABELS[lang][day.dayTypeId]})`;
  };
  // One day reads "am geprüften Tag", not "an allen 1 geprüften Tagen".
  const one = days.length === 1;
  if (good.length === days.length) {
    if (one) return de ? 'Erreichbar am geprüften Tag.' : 'Reachable on the day checked.';
    return de ? `Erreichbar an allen ${days.length} geprüften Tagen.` : `Reachable on all ${days.length} days checked.`;
  }
  if (good.length === 0) {
    const verdicts = [...new Set(days.map((day) => VERDICT_LABELS[lang][day.verdict]))].join(', ');
    if (one) return de ? `Am geprüften Tag nicht erreichbar (${verdicts}).` : `Not reachable on the day checked (${verdicts}).`;
    return de ? `An keinem der ${days.length} geprüften Tage erreichbar (${verdicts}).` : `Not reachable on any of the ${days.length} days checked (${verdicts}).`;
  }
  const bad = days.filter((day) => day.verdict !== 'reachable');
  return de
    ? `Erreichbar an ${good.length} von ${days.length} Tagen: ${good.map(name).join(', ')}; nicht an: ${bad.map(name).join(', ')}.`
    : `Reachable on ${good.length} of ${days.length} days: ${good.map(name).join(', ')}; not on: ${bad.map(name).join(', ')}.`;
}

/** Additions of the planning layer: per day a bridge (see `analysis/bridges.ts`), as a sentence and as JSON. */
export interface CheckExtras {
  /** Per day (same order as the days): one sentence printed as `Brücke: …` under a failing day. */
  dayNotes?: readonly (string | undefined)[];
  /** Per day: the bridge as JSON (`days[i].bridge`), null where none is needed. */
  bridges?: readonly (object | null | undefined)[];
}

/** The check as text. */
export function renderCheck(subject: CheckSubject, days: DayAssessment[], limits: ReachabilityLimits, lang: Lang, extras: CheckExtras = {}): string {
  const de = lang === 'de';
  const lines: string[] = [];
  const via = subject.via ? (de ? ` über ${subject.via.name}` : ` via ${subject.via.name}`) : '';
  lines.push(`${subject.from.name} → ${subject.to.name}${via}, ${subject.slot}`);
  const outside = outsideLines(subject, lang);
  if (days.length > 0 || outside.length === 0) lines.push(summaryLine(days, lang));
  lines.push(...outside);
  days.forEach((day, dayIndex) => {
    const date = formatDateForHumans(parseIsoDate(day.date)!, lang);
    const wall = wallClockForDay(subject, day.date);
    const clock = (clockSeconds: number): string => formatClockShort(wall(clockSeconds));
    lines.push('');
    lines.push(`${date} (${DAY_TYPE_LABELS[lang][day.dayTypeId]}): ${VERDICT_LABELS[lang][day.verdict]}`);
    if (day.outbound) {
      const note =
        day.waitBeforeSeconds === null
          ? `${de ? 'geöffnet ab' : 'open from'} ${clock(day.start)}`
          : `${formatSpan(day.outbound.arrival, day.start)} ${de ? 'Wartezeit bis Beginn' : 'wait until the start'} ${clock(day.start)}`;
      lines.push(
        `  ${de ? 'hin' : 'there'}: ${de ? 'ab' : 'dep'} ${clock(day.outbound.departure)}, ${de ? 'an' : 'arr'} ${clock(day.outbound.arrival)} (${note})`,
      );
      lines.push(...formatLegs(day.outbound.legs, lang, '    ', wall));
    }
    if (day.return) {
      const note =
        day.waitAfterSeconds === null
          ? `${de ? 'geöffnet bis' : 'open until'} ${clock(day.end)}`
          : `${formatSpan(day.end, day.return.departure)} ${de ? 'Wartezeit nach Ende' : 'wait after the end'} ${clock(day.end)}`;
      lines.push(
        `  ${de ? 'zurück' : 'back'}: ${de ? 'ab' : 'dep'} ${clock(day.return.departure)}, ${de ? 'an' : 'arr'} ${clock(day.return.arrival)} (${note})`,
      );
      lines.push(...formatLegs(day.return.legs, lang, '    ', wall));
    }
    for (const reason of day.reasons) lines.push(`  ${de ? 'Grund' : 'reason'}: ${reasonText(reason, lang, limits, wall)}`);
    const note = extras.dayNotes?.[dayIndex];
    if (note) lines.push(`  ${de ? 'Brücke' : 'bridge'}: ${note}`);
  });
  return lines.join('\n');
}

const CHAIN_BREAK_TEXT: Record<Lang, Record<ChainBreak, string>> = {
  de: {
    'home-to-kita': 'keine Verbindung vom Wohnort zur Kita, die nach der Öffnung rechtzeitig ankommt',
    'kita-to-destination': 'keine Verbindung von der Kita zum Ziel, die rechtzeitig ankommt',
    'kita-opens-too-late': 'die Kita öffnet zu spät für den Weg zum Ziel',
    'destination-to-kita': 'nach Ende keine Verbindung vom Ziel zur Kita',
    'kita-closes-too-early': 'die Kita schließt, bevor man sie nach Ende erreicht',
    'kita-to-home': 'keine Verbindung von der Kita nach Hause',
  },
  en: {
    'home-to-kita': 'no connection from home to the Kita arriving after it opens and in time',
    'kita-to-destination': 'no connection from the Kita to the destination arriving in time',
    'kita-opens-too-late': 'the Kita opens too late for the way on to the destination',
    'destination-to-kita': 'no connection from the destination to the Kita after the end',
    'kita-closes-too-early': 'the Kita closes before one can get there after the end',
    'kita-to-home': 'no connection from the Kita home',
  },
};

const LEG_NAMES: Record<Lang, Record<ChainLeg, string>> = {
  de: { homeToKita: 'Wohnort → Kita', kitaToDestination: 'Kita → Ziel', destinationToKita: 'Ziel → Kita', kitaToHome: 'Kita → Wohnort' },
  en: { homeToKita: 'home → Kita', kitaToDestination: 'Kita → destination', destinationToKita: 'destination → Kita', kitaToHome: 'Kita → home' },
};

/** A chain reason as text, prefixed with the leg it concerns: `Wohnort → Kita: Der letzte Bus …`. */
export function chainReasonText(reason: ChainReason, lang: Lang, limits: ReachabilityLimits, wall?: ToWallClock): string {
  const text = reasonText(reason, lang, limits, wall);
  return reason.leg ? `${LEG_NAMES[lang][reason.leg]}: ${text}` : text;
}

/** A Kita trip chain per day as text. */
export function renderChain(subject: CheckSubject & { via: NamedPoint }, days: ChainAssessment[], lang: Lang, limits: ReachabilityLimits): string {
  const de = lang === 'de';
  const lines: string[] = [];
  lines.push(`${subject.from.name} → ${subject.via.name} → ${subject.to.name} → ${subject.via.name} → ${subject.from.name}, ${subject.slot}`);
  const outside = outsideLines(subject, lang);
  if (days.length > 0 || outside.length === 0) lines.push(summaryLine(days, lang));
  lines.push(...outside);
  const order: ChainLeg[] = ['homeToKita', 'kitaToDestination', 'destinationToKita', 'kitaToHome'];
  for (const day of days) {
    const date = formatDateForHumans(parseIsoDate(day.date)!, lang);
    const wall = wallClockForDay(subject, day.date);
    lines.push('');
    const broken = day.breaksAt ? ` — ${de ? 'bricht' : 'breaks'}: ${CHAIN_BREAK_TEXT[lang][day.breaksAt]}` : '';
    lines.push(`${date} (${DAY_TYPE_LABELS[lang][day.dayTypeId]}): ${VERDICT_LABELS[lang][day.verdict]}${broken}`);
    for (const key of order) {
      const journey = day.legs[key];
      if (!journey) continue;
      lines.push(`  ${LEG_NAMES[lang][key]}: ${de ? 'ab' : 'dep'} ${formatClockShort(wall(journey.departure))}, ${de ? 'an' : 'arr'} ${formatClockShort(wall(journey.arrival))}`);
      lines.push(...formatLegs(journey.legs, lang, '    ', wall));
    }
    for (const reason of day.reasons) lines.push(`  ${de ? 'Grund' : 'reason'}: ${chainReasonText(reason, lang, limits, wall)}`);
  }
  return lines.join('\n');
}

/** The chain as JSON: per day the verdict, where it breaks, the reasons (with their leg) and the four legs. */
export function chainToJson(subject: CheckSubject & { via: NamedPoint }, days: ChainAssessment[], lang: Lang, limits: ReachabilityLimits): object {
  return {
    schemaVersion: CHECK_SCHEMA_VERSION,
    from: subject.from,
    via: subject.via,
    to: subject.to,
    slot: subject.slot,
    limits,
    summary: summaryLine(days, lang),
    outsideSlot: outsideLines(subject, lang),
    days: days.map((day) => ({
      date: day.date,
      dayType: day.dayTypeId,
      verdict: day.verdict,
      works: day.works,
      breaksAt: day.breaksAt,
      reason: day.breaksAt ? CHAIN_BREAK_TEXT[lang][day.breaksAt] : null,
      reasons: day.reasons.map((reason) => ({ ...reason, text: chainReasonText(reason, lang, limits, wallClockForDay(subject, day.date)) })),
      legs: Object.fromEntries(Object.entries(day.legs).map(([key, journey]) => [key, journey ? journeyToJson(journey) : null])),
    })),
  };
}
