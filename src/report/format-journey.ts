/**
 * Journeys as people read them: a German (or English) timetable information text, and the JSON
 * shape of `route --format json` with clock times as `HH:MM:SS` strings (hours may exceed 23).
 */
import type { Journey, Leg } from '../router/journey.js';
import { formatClock, formatClockShort, parseIsoDate } from '../time/clock.js';
import { DISTRICT_TIME_ZONE, wallClockOf } from '../time/service-day-offset.js';

/** Language of labels. */
export type Lang = 'de' | 'en';

/**
 * Turns clock seconds of a service date into the wall-clock seconds printed for people (see
 * `wallClockOf`); the identity where the caller knows no date (every day without a DST change).
 */
export type ToWallClock = (clockSeconds: number) => number;

/** Clock seconds printed as they are (no date known). */
export const CLOCK_AS_IS: ToWallClock = (clockSeconds) => clockSeconds;

/**
 * How the clock times of a dated answer are printed: as the wall clock of its service date
 * (`serviceDate`, the date whose timetable was used, else `date`) in the feeds' zone. Every
 * renderer that prints times of a day for people goes through this; JSON keeps the clock.
 */
export function wallClockForDate(date: string, serviceDate?: string | null, timeZone: string = DISTRICT_TIME_ZONE): ToWallClock {
  const gtfsDate = parseIsoDate(serviceDate ?? date);
  return gtfsDate === undefined ? CLOCK_AS_IS : wallClockOf(gtfsDate, timeZone);
}

/** A leg in JSON form. */
export type LegJson = Omit<Leg, 'departure' | 'arrival'> & { departure: string; arrival: string };

/** A journey in JSON form: `{ departure, arrival, transfers, legs }`. */
export interface JourneyJson {
  departure: string | null;
  arrival: string | null;
  transfers: number | null;
  legs: LegJson[];
}

/** Converts a journey (or its absence) to the JSON shape of `route --format json`. */
export function journeyToJson(journey: { departure: number | null; arrival: number | null; transfers: number | null; legs: Leg[] }): JourneyJson {
  return {
    departure: journey.departure === null ? null : formatClock(journey.departure),
    arrival: journey.arrival === null ? null : formatClock(journey.arrival),
    transfers: journey.transfers,
    legs: journey.legs.map((leg) => ({ ...leg, departure: formatClock(leg.departure), arrival: formatClock(leg.arrival) })),
  };
}

/** German or English name of a GTFS route type: `Bus`, `Straßenbahn`, `Zug`, `Fähre`. */
export function vehicleName(routeType: number, lang: Lang = 'de'): string {
  const de = lang === 'de';
  if (routeType === 0 || routeType === 5 || (routeType >= 900 && routeType < 1000)) return de ? 'Straßenbahn' : 'Tram';
  if (routeType === 1 || (routeType >= 400 && routeType < 500)) return de ? 'U-Bahn' : 'Metro';
  if (routeType === 2 || (routeType >= 100 && routeType < 200)) return de ? 'Zug' : 'Train';
  if (routeType === 4 || (routeType >= 1000 && routeType < 1100)) return de ? 'Fähre' : 'Ferry';
  if (routeType === 715) return de ? 'Rufbus' : 'On-demand bus';
  return 'Bus';
}

/** Duration as `1 h 05 min` or `17 min`. */
export function formatDuration(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const rest = minutes % 60;
  return `${Math.floor(minutes / 60)} h ${rest < 10 ? '0' : ''}${rest} min`;
}

/**
 * Whole minutes between two clock times as they are printed (`HH:MM`, seconds dropped), so that
 * `an 05:28` plus `Fußweg 16 min` is `05:44` on the next line: every printed duration is the
 * difference of the printed times around it.
 */
export function printedMinutes(fromClock: number, toClock: number): number {
  return Math.floor(toClock / 60) - Math.floor(fromClock / 60);
}

/** {@link formatDuration} of the printed minutes between two clock times. */
export function formatSpan(fromClock: number, toClock: number): string {
  return formatDuration(printedMinutes(fromClock, toClock) * 60);
}

/**
 * One line per leg, like a timetable information:
 * `ab 05:41 Wolmirstedt, Bahnhof (Bus) — Bus 656 Richtung Zielitz — an 06:03 Zielitz, Schacht`.
 * `wall` prints the times as the wall clock of the legs' service date (a night across a DST change).
 */
export function formatLegs(legs: readonly Leg[], lang: Lang = 'de', indent = '  ', wall: ToWallClock = CLOCK_AS_IS): string[] {
  const de = lang === 'de';
  const lines: string[] = [];
  legs.forEach((leg, i) => {
    const previous = legs[i - 1];
    const next = legs[i + 1];
    if (leg.mode === 'walk') {
      const between = previous?.mode === 'ride' && next?.mode === 'ride';
      const platformChange = leg.fromStopName === leg.toStopName;
      if (between) {
        const how = platformChange
          ? de ? 'Steig wechseln' : 'change platform'
          : `${formatDuration(Math.ceil(leg.durationSeconds / 60) * 60)} ${de ? 'Fußweg zu' : 'walk to'} ${leg.toStopName}`;
        lines.push(`${indent}${de ? 'Umstieg' : 'Change'}, ${formatSpan(previous.arrival, next.departure)} (${how})`);
      } else {
        const how = leg.bike ? (de ? 'Rad' : 'Bike') : de ? 'Fußweg' : 'Walk';
        lines.push(`${indent}${how} ${formatSpan(leg.departure, leg.arrival)}: ${leg.fromStopName} → ${leg.toStopName}`);
      }
      return;
    }
    if (previous?.mode === 'ride') {
      lines.push(`${indent}${de ? 'Umstieg' : 'Change'}, ${formatSpan(previous.arrival, leg.departure)} ${de ? 'Aufenthalt' : 'wait'}`);
    }
    const line = `${vehicleName(leg.routeType, lang)} ${leg.route || leg.routeLongName}`.trim();
    const towards = leg.headsign ? ` ${de ? 'Richtung' : 'towards'} ${leg.headsign}` : '';
    lines.push(
      `${indent}${de ? 'ab' : 'dep'} ${formatClockShort(wall(leg.departure))} ${leg.fromStopName} — ${line}${towards} — ${de ? 'an' : 'arr'} ${formatClockShort(wall(leg.arrival))} ${leg.toStopName}`,
    );
  });
  return lines;
}

/** A whole journey: a summary line and its legs. */
export function formatJourney(journey: Journey, lang: Lang = 'de'): string {
  const de = lang === 'de';
  const changes =
    journey.transfers === 0
      ? de
        ? 'ohne Umstieg'
        : 'no change'
      : `${journey.transfers} ${de ? (journey.transfers === 1 ? 'Umstieg' : 'Umstiege') : journey.transfers === 1 ? 'change' : 'changes'}`;
  const head = `${de ? 'ab' : 'dep'} ${formatClockShort(journey.departure)}, ${de ? 'an' : 'arr'} ${formatClockShort(journey.arrival)} (${formatSpan(journey.departure, journey.arrival)}, ${changes})`;
  return [head, ...formatLegs(journey.legs, lang)].join('\n');
}
