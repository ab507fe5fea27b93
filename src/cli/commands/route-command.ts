/**
 * `erreichbar route`: one stop-to-stop query as timetable text or JSON, or a batch of queries
 * from a CSV file as CSV.
 */
import { parse } from 'csv-parse/sync';
import { DataError } from '../../errors.js';
import type { RoutePlanner, RouteQuery, RouteResult } from '../../router/route-planner.js';
import { formatJourney, journeyToJson, type Lang } from '../../report/format-journey.js';
import { formatClock, formatDateForHumans, parseClock, parseIsoDate } from '../../time/clock.js';

/** Renders one route result. */
export function renderRoute(query: RouteQuery, result: RouteResult, format: 'text' | 'json', lang: Lang): string {
  if (format === 'json') return JSON.stringify({ date: query.date, from: query.from, to: query.to, ...journeyToJson(result) }, null, 2);
  const de = lang === 'de';
  const date = formatDateForHumans(parseIsoDate(query.date)!, lang);
  if (result.arrival === null || result.departure === null) {
    const when =
      query.depart !== undefined
        ? `${de ? 'ab' : 'departing after'} ${formatClock(query.depart).slice(0, 5)}`
        : `${de ? 'an bis' : 'arriving by'} ${formatClock(query.arrive!).slice(0, 5)}`;
    return de
      ? `${date}: keine Verbindung von ${query.from} nach ${query.to} (${when}, bis Betriebsschluss des Folgetags)`
      : `${date}: no connection from ${query.from} to ${query.to} (${when}, until the end of the next service day)`;
  }
  if (result.legs.length === 0) {
    return de ? `${date}: Start und Ziel sind dieselbe Haltestelle.` : `${date}: origin and destination are the same stop.`;
  }
  return `${date}: ${formatJourney({ departure: result.departure, arrival: result.arrival, transfers: result.transfers ?? 0, legs: result.legs }, lang)}`;
}

/** One row of a batch file. */
export interface BatchQuery {
  from: string;
  to: string;
  /** As written, `HH:MM:SS`. */
  departText: string;
  depart: number;
}

/** Reads a batch file with columns `from,to,depart` (stop ids, `HH:MM:SS`). */
export function parseBatchQueries(content: string, file: string): BatchQuery[] {
  let records: string[][];
  try {
    records = parse(content, { bom: true, skip_empty_lines: true, trim: true, relax_column_count: true }) as string[][];
  } catch (error) {
    throw new DataError('MALFORMED_CSV', { file, line: (error as { lines?: number }).lines }, `is not valid CSV: ${(error as Error).message}`);
  }
  const header = (records[0] ?? []).map((name) => name.toLowerCase());
  const column = (name: string): number => {
    const index = header.indexOf(name);
    if (index === -1) throw new DataError('MISSING_COLUMN', { file, line: 1, field: name }, 'column is missing (need from,to,depart)');
    return index;
  };
  const [from, to, depart] = [column('from'), column('to'), column('depart')];
  return records.slice(1).map((row, i) => {
    const line = i + 2;
    const departText = row[depart] ?? '';
    const seconds = parseClock(departText);
    if (seconds === undefined) throw new DataError('BAD_TIME', { file, line, field: 'depart', value: departText }, 'is not a time like HH:MM:SS');
    return { from: row[from] ?? '', to: row[to] ?? '', departText, depart: seconds };
  });
}

/** Runs a batch and renders `from,to,depart,arrival,transfers` (arrival empty when unreachable). */
export function runBatch(planner: RoutePlanner, date: string, queries: BatchQuery[]): string {
  const lines = ['from,to,depart,arrival,transfers'];
  for (const query of queries) {
    const result = planner.route({ from: query.from, to: query.to, date, depart: query.depart });
    lines.push(
      [query.from, query.to, formatClock(query.depart), result.arrival === null ? '' : formatClock(result.arrival), result.transfers ?? ''].join(','),
    );
  }
  return lines.join('\n');
}
