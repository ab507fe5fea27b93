/**
 * `erreichbar calendar`: per date the weekday, active trips and day type.
 */
import type { CalendarDay } from '../../analysis/service-calendar.js';
import { writeCsv } from '../../report/write-csv.js';

/** Renders calendar days as a table, CSV or JSON (`[{ date, weekday, activeTrips, dayType, … }]`). */
export function renderCalendar(days: CalendarDay[], format: 'table' | 'json' | 'csv', lang: 'de' | 'en'): string {
  if (format === 'json') return JSON.stringify(days, null, 2);
  const header = lang === 'de' ? ['Datum', 'Tag', 'Fahrten', 'Tagesart', 'Muster'] : ['date', 'day', 'trips', 'day type', 'pattern'];
  const rows = days.map((day) => [day.date, day.weekday, String(day.activeTrips), day.dayType, day.pattern]);
  if (format === 'csv') {
    return writeCsv([['date', 'weekday', 'activeTrips', 'dayType', 'pattern'], ...rows], { lineEnd: '\n' });
  }
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (row: string[]): string =>
    row.map((cell, i) => (i === 2 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
