/**
 * `erreichbar route`: one stop-to-stop query as timetable text or JSON, or a batch of queries
 * from a CSV file as CSV.
 */
import { DataError, UsageError } from '../../errors.js';
import { readRecords, requireColumn, requireRows } from '../../places/read-records.js';
import type { RoutePlanner, RouteQuery, RouteResult } from '../../router/route-planner.js';
import { formatJourney, journeyToJson, type Lang } from '../../report/format-journey.js';
import { formatClock, formatDateForHumans, parseClock, parseIsoDate } from '../../time/clock.js';
import { writeCsv, type CsvCell } from '../../report/write-csv.js';

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

/** Where a row of a batch file came from, so that a stop it names can be refused with file, line and column. */
export interface BatchRowSource {
  file: string;
  /** 1-based line (the header is line 1). */
  line: number;
  /** The columns of `from` and `to` as the file names them (`from`/`von`, `to`/`nach`). */
  fromColumn: string;
  toColumn: string;
}

/** One row of a batch file. */
export interface BatchQuery {
  from: string;
  to: string;
  /** As written, `HH:MM:SS`. */
  departText: string;
  depart: number;
  /** Where the row is in the file (absent for queries built in code). */
  source?: BatchRowSource;
}

/** Reads a batch file with columns `from,to,depart` (stop ids, `HH:MM:SS`; `,` or `;`); a file without a query is refused. */
export async function readBatchQueries(file: string): Promise<BatchQuery[]> {
  const table = await readRecords(file);
  const [from, to, depart] = [['from', 'von'], ['to', 'nach'], ['depart', 'ab']].map((names) => requireColumn(table, names)) as [string, string, string];
  requireRows(table, { de: 'keine Abfragen', en: 'no queries' });
  return table.records.map((record) => {
    const at = (field: string, value: string): { file: string; line: number; field: string; value: string } => ({ file: table.file, line: record.line, field, value });
    const departText = record.values.get(depart) ?? '';
    const seconds = parseClock(departText);
    if (seconds === undefined) {
      throw new DataError('BAD_TIME', at(depart, departText), { de: 'ist keine Uhrzeit wie HH:MM:SS', en: 'is not a time like HH:MM:SS' });
    }
    const ends = { from: record.values.get(from) ?? '', to: record.values.get(to) ?? '' };
    for (const [column, value] of [[from, ends.from], [to, ends.to]] as const) {
      if (value.trim() === '') throw new DataError('MISSING_VALUE', at(column, value), { de: 'ist leer', en: 'is empty' });
    }
    return { ...ends, departText, depart: seconds, source: { file: table.file, line: record.line, fromColumn: from, toColumn: to } };
  });
}

/**
 * Runs a batch and renders `from,to,depart,arrival,transfers` (arrival empty when unreachable).
 * A stop that no row can name (unknown or ambiguous) is bad data in the file: a {@link DataError}
 * with the file, line and column, not the `--from`/`--to` of a single query.
 */
export function runBatch(planner: RoutePlanner, date: string, queries: BatchQuery[]): string {
  const rows: CsvCell[][] = [['from', 'to', 'depart', 'arrival', 'transfers']];
  for (const query of queries) {
    let result;
    try {
      result = planner.route({ from: query.from, to: query.to, date, depart: query.depart });
    } catch (error) {
      throw inRow(error, query.source);
    }
    rows.push([query.from, query.to, formatClock(query.depart), result.arrival === null ? '' : formatClock(result.arrival), result.transfers ?? '']);
  }
  return writeCsv(rows, { lineEnd: '\n' });
}

/** A stop the planner cannot resolve (`--from: keine Haltestelle „x“`) as the row's problem: `q.csv:3: Spalte to: keine Haltestelle „x“`. */
function inRow(error: unknown, source: BatchRowSource | undefined): unknown {
  if (!source || !(error instanceof UsageError) || (error.flag !== '--from' && error.flag !== '--to')) return error;
  const column = error.flag === '--from' ? source.fromColumn : source.toColumn;
  const problem = (text: string): string => (text.startsWith(`${error.flag}: `) ? text.slice(error.flag!.length + 2) : text);
  return new DataError(
    error.code,
    { file: source.file, line: source.line },
    { de: `Spalte ${column}: ${problem(error.message)}`, en: `column ${column}: ${problem(error.messageEn)}` },
    { cause: error },
  );
}
