/**
 * `erreichbar calendar`: per date the weekday, active trips (in total and per feed), the day type
 * by the timetable's service level, the official day type of Sachsen-Anhalt beside it (with the
 * holiday's name) and a mark where the two disagree. The table starts with each feed's real
 * service range and where the feeds end at different dates.
 */
import type { FeedSet } from '../../feed/load-feeds.js';
import type { CalendarDay } from '../../analysis/service-calendar.js';
import { writeCsv } from '../../report/write-csv.js';
import { tripsPerFeed } from '../../analysis/feed-coverage.js';

/** A calendar day with the trips of each feed (by feed label). */
export type CalendarRow = CalendarDay & { tripsPerFeed: Record<string, number> };

/** Adds the trips of each loaded feed to calendar days. */
export function withTripsPerFeed(feeds: FeedSet, days: readonly CalendarDay[]): CalendarRow[] {
  return days.map((day) => {
    const counts = tripsPerFeed(feeds, day.date);
    return { ...day, tripsPerFeed: Object.fromEntries(feeds.feeds.map((feed, i) => [feed.label, counts[i] ?? 0])) };
  });
}

/**
 * Renders calendar days as a table, CSV or JSON (`[{ date, weekday, activeTrips, dayType,
 * officialDayType, holiday, agrees, tripsPerFeed, … }]`). `coverage` lines (see
 * `coverageLines`) head the table.
 */
export function renderCalendar(days: CalendarRow[], format: 'table' | 'json' | 'csv', lang: 'de' | 'en', coverage: string[] = []): string {
  if (format === 'json') return JSON.stringify(days, null, 2);
  const de = lang === 'de';
  const feedLabels = days[0] ? Object.keys(days[0].tripsPerFeed) : [];
  const perFeed = feedLabels.length > 1;
  const mark = (day: CalendarDay): string => (day.agrees === false ? (de ? '≠ abweichend' : '≠ differs') : '');
  if (format === 'csv') {
    const header = ['date', 'weekday', 'activeTrips', ...(perFeed ? feedLabels.map((label) => `trips_${label}`) : []), 'dayType', 'officialDayType', 'holiday', 'agrees', 'pattern'];
    const rows = days.map((day) =>
      [
        day.date,
        day.weekday,
        String(day.activeTrips),
        ...(perFeed ? feedLabels.map((label) => String(day.tripsPerFeed[label] ?? 0)) : []),
        day.dayType,
        day.officialDayType,
        day.holiday ?? '',
        day.agrees === null ? '' : String(day.agrees),
        day.pattern,
      ],
    );
    return writeCsv([header, ...rows], { lineEnd: '\n' });
  }
  const header = [
    de ? 'Datum' : 'date',
    de ? 'Tag' : 'day',
    de ? 'Fahrten' : 'trips',
    ...(perFeed ? feedLabels.map((label) => label.replace(/^gtfs_/, '').replace(/_std_kn$/, '')) : []),
    de ? 'Tagesart (Fahrplan)' : 'day type (timetable)',
    de ? 'amtlich' : 'official',
    de ? 'Feiertag/Ferien' : 'holiday',
    de ? 'Muster' : 'pattern',
    '',
  ];
  const numeric = new Set([2, ...feedLabels.map((_, i) => 3 + i).filter(() => perFeed)]);
  const rows = days.map((day) => [
    day.date,
    day.weekday,
    String(day.activeTrips),
    ...(perFeed ? feedLabels.map((label) => String(day.tripsPerFeed[label] ?? 0)) : []),
    day.dayType,
    day.officialDayType,
    day.holiday ?? '',
    day.pattern,
    mark(day),
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (row: string[]): string =>
    row.map((cell, i) => (numeric.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ').trimEnd();
  const differing = days.filter((day) => day.agrees === false).length;
  const footer =
    differing > 0
      ? [
          '',
          de
            ? `≠ an ${differing} ${differing === 1 ? 'Tag' : 'Tagen'} weicht der Verkehr im Fahrplan vom amtlichen Kalender ab (Feiertage, Schulferien Sachsen-Anhalt); Auskünfte folgen dem Fahrplan, --service-as official nimmt den Verkehr eines passenden Tages an`
            : `≠ on ${differing} ${differing === 1 ? 'date' : 'dates'} the timetable's service differs from the official calendar (public and school holidays of Sachsen-Anhalt); answers follow the timetable, --service-as official assumes the service of a matching date`,
        ]
      : [];
  return [...coverage, ...(coverage.length ? [''] : []), line(header), ...rows.map(line), ...footer].join('\n');
}
