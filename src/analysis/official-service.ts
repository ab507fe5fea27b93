/**
 * `--service-as official`: where the timetable's service level on a date disagrees with the
 * official calendar (school-day trips on 23.12.2026, a school holiday; on 25.12.2026, a public
 * holiday), evaluate that date with the service of a reference date of its official day type
 * from the same feeds — the nearest date on which feed and official calendar agree, on the same
 * weekday where there is one (23.12.2026, a Wednesday in the Christmas holidays, gets the trips
 * of the holiday Wednesday 12.08.2026). The result is an assumption and is labelled as such.
 *
 * Limits: one reference date serves all loaded feeds (the day type is read from the first feed);
 * the trips of the evening before and the morning after come from the reference date's
 * neighbours too. Dates on which feed and calendar agree keep their own service.
 */
import type { FeedSet } from '../feed/load-feeds.js';
import { daysBetween, isoWeekday, parseIsoDate } from '../time/clock.js';
import { commonServiceRange } from './feed-coverage.js';
import { fullServiceCalendar } from './service-calendar.js';

/** How dates are evaluated: with their own service (`timetable`) or that of an official reference date (`official`). */
export type ServiceAs = 'timetable' | 'official';

/**
 * Reference dates for the dates whose timetable service disagrees with the official calendar:
 * date → the date whose service to use. Dates without a disagreement, or without any reference
 * date of their official type in the feeds, are not in the map.
 *
 * @example
 * ```ts
 * officialServiceDates(feeds, ['2026-12-23']).get('2026-12-23'); // '2026-08-12' with the BördeBus feed of June 2026
 * ```
 */
export function officialServiceDates(feeds: FeedSet, dates: readonly string[]): Map<string, string> {
  const calendar = fullServiceCalendar(feeds);
  const byDate = new Map(calendar.map((day) => [day.date, day]));
  const range = commonServiceRange(feeds);
  const references = calendar.filter((day) => day.agrees === true && range.from !== null && day.date >= range.from && day.date <= range.to!);
  const result = new Map<string, string>();
  for (const date of new Set(dates)) {
    const day = byDate.get(date);
    if (!day || day.agrees !== false || !day.officialDayTypeId) continue;
    const wanted = day.officialDayTypeId;
    const gtfsDate = parseIsoDate(date)!;
    const weekday = isoWeekday(gtfsDate);
    // Same weekday first (Sundays for holidays), then any date of the type; nearest wins, earlier on a tie.
    const preferredWeekday = wanted === 'sunday-holiday' ? 7 : wanted === 'saturday' ? 6 : weekday;
    const candidates = references.filter((candidate) => candidate.dayTypeId === wanted);
    const nearest = (pool: typeof candidates): string | undefined => {
      let best: string | undefined;
      let bestDistance = Infinity;
      for (const candidate of pool) {
        const distance = Math.abs(daysBetween(gtfsDate, parseIsoDate(candidate.date)!));
        if (distance < bestDistance) {
          best = candidate.date;
          bestDistance = distance;
        }
      }
      return best;
    };
    const reference = nearest(candidates.filter((candidate) => isoWeekday(parseIsoDate(candidate.date)!) === preferredWeekday)) ?? nearest(candidates);
    if (reference) result.set(date, reference);
  }
  return result;
}
