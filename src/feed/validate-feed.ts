/**
 * Checks a GTFS feed before it is imported, file by file and row by row, so that bad input gets
 * one clear line naming file, line, field and value (the `gtfs` package's own errors name none
 * of these). Fatal problems throw a {@link DataError}; problems the router can live with (an
 * unknown stop in transfers.txt, a trip without stop times) are returned as warnings.
 *
 * Line numbers are 1-based physical lines of the file, the header being line 1.
 */
import { parse } from 'csv-parse/sync';
import { DataError } from '../errors.js';
import { parseGtfsTime } from '../time/clock.js';
import type { FeedSource } from './feed-source.js';

/** A data problem that does not stop the import. */
export interface FeedProblem {
  /** Stable code, e.g. `UNKNOWN_STOP`. */
  code: string;
  /** One line: `transfers.txt:12: from_stop_id "x" is not in stops.txt`. */
  message: string;
  /** Label of the feed it was found in. */
  feed: string;
}

/** Result of {@link validateFeed}. */
export interface FeedValidation {
  /** Non-fatal problems, at most {@link MAX_PROBLEMS_PER_CODE} per code (the rest are counted). */
  problems: FeedProblem[];
  /** How many problems of each code were found, including those not listed. */
  problemCounts: Record<string, number>;
}

/** Problems listed per code; further ones are only counted. */
export const MAX_PROBLEMS_PER_CODE = 20;

const REQUIRED_FILES = ['agency.txt', 'stops.txt', 'routes.txt', 'trips.txt', 'stop_times.txt'] as const;
const CORE_FILES = ['stops.txt', 'routes.txt', 'trips.txt', 'stop_times.txt'] as const;

interface Table {
  file: string;
  header: string[];
  rows: string[][];
  /** Line of each row (1-based, header = 1). */
  lines: number[];
}

/**
 * Validates a feed. Throws {@link DataError} on the first fatal problem; returns the non-fatal ones.
 */
export async function validateFeed(source: FeedSource): Promise<FeedValidation> {
  if (!CORE_FILES.some((file) => source.files.has(file))) {
    throw new DataError(
      'NOT_GTFS',
      { file: source.path },
      { de: `ist kein GTFS-Fahrplan: keine der Dateien ${CORE_FILES.join(', ')} gefunden`, en: `is not a GTFS feed: none of ${CORE_FILES.join(', ')} found` },
    );
  }
  for (const file of REQUIRED_FILES) {
    if (!source.files.has(file)) throw new DataError('MISSING_FILE', { file }, { de: 'fehlt (Pflichtdatei)', en: 'missing (required file)' });
  }
  if (!source.files.has('calendar.txt') && !source.files.has('calendar_dates.txt')) {
    throw new DataError('MISSING_FILE', { file: 'calendar.txt' }, { de: 'fehlt, und calendar_dates.txt fehlt auch', en: 'missing, and there is no calendar_dates.txt either' });
  }

  const problems: FeedProblem[] = [];
  const problemCounts: Record<string, number> = {};
  const warn = (code: string, message: string): void => {
    problemCounts[code] = (problemCounts[code] ?? 0) + 1;
    if ((problemCounts[code] ?? 0) <= MAX_PROBLEMS_PER_CODE) problems.push({ code, message, feed: source.label });
  };
  const read = async (file: string): Promise<Table | undefined> =>
    source.files.has(file) ? readTable(file, await source.read(file)) : undefined;

  const stops = await read('stops.txt');
  const stopIds = new Set<string>();
  if (stops) {
    const id = column(stops, 'stop_id', true);
    const lat = column(stops, 'stop_lat', false);
    const lon = column(stops, 'stop_lon', false);
    const locationType = column(stops, 'location_type', false);
    stops.rows.forEach((row, i) => {
      const line = stops.lines[i] ?? 0;
      const stopId = requireValue(stops, row, id, line);
      if (stopIds.has(stopId)) warn('DUPLICATE_STOP', `stops.txt:${line}: stop_id "${stopId}" appears twice`);
      stopIds.add(stopId);
      const type = locationType === undefined ? '' : (row[locationType] ?? '');
      if (type === '' || type === '0' || type === '1') {
        checkCoordinate(stops, row, lat, line, 'stop_lat', -90, 90);
        checkCoordinate(stops, row, lon, line, 'stop_lon', -180, 180);
      }
    });
  }

  const routes = await read('routes.txt');
  const routeIds = new Set<string>();
  if (routes) {
    const id = column(routes, 'route_id', true);
    routes.rows.forEach((row, i) => routeIds.add(requireValue(routes, row, id, routes.lines[i] ?? 0)));
  }

  const serviceIds = new Set<string>();
  const calendar = await read('calendar.txt');
  if (calendar) {
    const id = column(calendar, 'service_id', true);
    const start = column(calendar, 'start_date', true);
    const end = column(calendar, 'end_date', true);
    calendar.rows.forEach((row, i) => {
      const line = calendar.lines[i] ?? 0;
      serviceIds.add(requireValue(calendar, row, id, line));
      checkDate(calendar, row, start, line);
      checkDate(calendar, row, end, line);
    });
  }
  const calendarDates = await read('calendar_dates.txt');
  if (calendarDates) {
    const id = column(calendarDates, 'service_id', true);
    const date = column(calendarDates, 'date', true);
    const type = column(calendarDates, 'exception_type', true);
    calendarDates.rows.forEach((row, i) => {
      const line = calendarDates.lines[i] ?? 0;
      serviceIds.add(requireValue(calendarDates, row, id, line));
      checkDate(calendarDates, row, date, line);
      const value = row[type] ?? '';
      if (value !== '1' && value !== '2') {
        throw new DataError('BAD_VALUE', { file: 'calendar_dates.txt', line, field: 'exception_type', value }, { de: 'ist nicht 1 oder 2', en: 'is not 1 or 2' });
      }
    });
  }

  const trips = await read('trips.txt');
  const tripIds = new Set<string>();
  if (trips) {
    const id = column(trips, 'trip_id', true);
    const route = column(trips, 'route_id', true);
    const service = column(trips, 'service_id', true);
    trips.rows.forEach((row, i) => {
      const line = trips.lines[i] ?? 0;
      const tripId = requireValue(trips, row, id, line);
      if (tripIds.has(tripId)) {
        throw new DataError('DUPLICATE_TRIP', { file: 'trips.txt', line, field: 'trip_id', value: tripId }, { de: 'kommt doppelt vor', en: 'appears twice' });
      }
      tripIds.add(tripId);
      const routeId = row[route] ?? '';
      if (!routeIds.has(routeId)) {
        throw new DataError('UNKNOWN_ROUTE', { file: 'trips.txt', line, field: 'route_id', value: routeId }, { de: 'fehlt in routes.txt', en: 'is not in routes.txt' });
      }
      const serviceId = row[service] ?? '';
      if (!serviceIds.has(serviceId)) {
        warn('UNKNOWN_SERVICE', `trips.txt:${line}: service_id "${serviceId}" is in neither calendar.txt nor calendar_dates.txt (trip never runs)`);
      }
    });
  }
  if (tripIds.size === 0) throw new DataError('EMPTY_FEED', { file: 'trips.txt' }, { de: 'enthält keine Fahrten (leerer Fahrplan)', en: 'has no trips (empty feed)' });

  const stopTimes = await read('stop_times.txt');
  if (!stopTimes || stopTimes.rows.length === 0) {
    throw new DataError('EMPTY_FEED', { file: 'stop_times.txt' }, { de: 'enthält keine Haltezeiten (leerer Fahrplan)', en: 'has no stop times (empty feed)' });
  }
  const tripsWithTimes = new Set<string>();
  {
    const trip = column(stopTimes, 'trip_id', true);
    const stop = column(stopTimes, 'stop_id', true);
    const sequence = column(stopTimes, 'stop_sequence', true);
    const arrival = column(stopTimes, 'arrival_time', false);
    const departure = column(stopTimes, 'departure_time', false);
    stopTimes.rows.forEach((row, i) => {
      const line = stopTimes.lines[i] ?? 0;
      const tripId = row[trip] ?? '';
      if (!tripIds.has(tripId)) {
        throw new DataError('UNKNOWN_TRIP', { file: 'stop_times.txt', line, field: 'trip_id', value: tripId }, { de: 'fehlt in trips.txt', en: 'is not in trips.txt' });
      }
      tripsWithTimes.add(tripId);
      const stopId = row[stop] ?? '';
      if (!stopIds.has(stopId)) {
        throw new DataError('UNKNOWN_STOP', { file: 'stop_times.txt', line, field: 'stop_id', value: stopId }, { de: 'fehlt in stops.txt', en: 'is not in stops.txt' });
      }
      const seq = row[sequence] ?? '';
      if (!/^\d+$/.test(seq)) {
        throw new DataError('BAD_VALUE', { file: 'stop_times.txt', line, field: 'stop_sequence', value: seq }, { de: 'ist keine ganze Zahl ≥ 0', en: 'is not a whole number ≥ 0' });
      }
      const arrivalText = arrival === undefined ? '' : (row[arrival] ?? '');
      const departureText = departure === undefined ? '' : (row[departure] ?? '');
      checkTime('stop_times.txt', line, 'arrival_time', arrivalText);
      checkTime('stop_times.txt', line, 'departure_time', departureText);
      if (arrivalText === '' && departureText === '') {
        warn('NO_TIME', `stop_times.txt:${line}: trip "${tripId}" has no time at stop_sequence ${seq} (the stop is skipped)`);
      }
    });
  }
  for (const tripId of tripIds) {
    if (!tripsWithTimes.has(tripId)) warn('TRIP_WITHOUT_STOP_TIMES', `trips.txt: trip_id "${tripId}" has no stop times`);
  }

  const frequencies = await read('frequencies.txt');
  if (frequencies) {
    const trip = column(frequencies, 'trip_id', true);
    const start = column(frequencies, 'start_time', true);
    const end = column(frequencies, 'end_time', true);
    const headway = column(frequencies, 'headway_secs', true);
    frequencies.rows.forEach((row, i) => {
      const line = frequencies.lines[i] ?? 0;
      const tripId = row[trip] ?? '';
      if (!tripIds.has(tripId)) {
        throw new DataError('UNKNOWN_TRIP', { file: 'frequencies.txt', line, field: 'trip_id', value: tripId }, { de: 'fehlt in trips.txt', en: 'is not in trips.txt' });
      }
      checkTime('frequencies.txt', line, 'start_time', row[start] ?? '', true);
      checkTime('frequencies.txt', line, 'end_time', row[end] ?? '', true);
      const value = row[headway] ?? '';
      if (!/^\d+$/.test(value) || Number(value) <= 0) {
        throw new DataError('BAD_VALUE', { file: 'frequencies.txt', line, field: 'headway_secs', value }, { de: 'ist keine ganze Zahl von Sekunden > 0', en: 'is not a whole number of seconds > 0' });
      }
    });
  }

  const transfers = await read('transfers.txt');
  if (transfers) {
    const from = column(transfers, 'from_stop_id', false);
    const to = column(transfers, 'to_stop_id', false);
    const type = column(transfers, 'transfer_type', false);
    transfers.rows.forEach((row, i) => {
      const line = transfers.lines[i] ?? 0;
      for (const [index, field] of [
        [from, 'from_stop_id'],
        [to, 'to_stop_id'],
      ] as const) {
        const value = index === undefined ? '' : (row[index] ?? '');
        if (value !== '' && !stopIds.has(value)) {
          warn('UNKNOWN_STOP', `transfers.txt:${line}: ${field} "${value}" is not in stops.txt (row ignored)`);
        }
      }
      const value = type === undefined ? '' : (row[type] ?? '');
      if (!['', '0', '1', '2', '3', '4', '5'].includes(value)) {
        warn('BAD_VALUE', `transfers.txt:${line}: transfer_type "${value}" is not 0–5 (row ignored)`);
      }
    });
  }

  return { problems, problemCounts };
}

function readTable(file: string, content: Buffer): Table {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(content, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    const reason = String((error as Error).message).replace(/^Invalid Record Length:.*|^[A-Za-z ]+: /, '');
    throw new DataError('MALFORMED_CSV', { file, line }, { de: `ist kein gültiges CSV: ${reason}`, en: `is not valid CSV: ${reason}` }, { cause: error });
  }
  const first = records[0];
  if (!first) return { file, header: [], rows: [], lines: [] };
  const header = first.record.map((name) => name.trim().toLowerCase());
  const rows: string[][] = [];
  const lines: number[] = [];
  for (let i = 1; i < records.length; i++) {
    const { record, info } = records[i]!;
    if (record.length !== header.length) {
      // A trailing empty field or a single empty line is harmless; anything else is a broken row.
      if (!(record.length === 1 && record[0] === '')) {
        throw new DataError(
          'MALFORMED_ROW',
          { file, line: info.lines },
          { de: `hat ${record.length} Felder, die Kopfzeile aber ${header.length}`, en: `has ${record.length} fields, but the header has ${header.length}` },
        );
      }
      continue;
    }
    rows.push(record);
    lines.push(info.lines);
  }
  return { file, header, rows, lines };
}

function column(table: Table, name: string, required: true): number;
function column(table: Table, name: string, required: false): number | undefined;
function column(table: Table, name: string, required: boolean): number | undefined {
  const index = table.header.indexOf(name);
  if (index === -1) {
    if (required) throw new DataError('MISSING_COLUMN', { file: table.file, line: 1, field: name }, { de: 'Spalte fehlt', en: 'column is missing' });
    return undefined;
  }
  return index;
}

function requireValue(table: Table, row: string[], index: number, line: number): string {
  const value = row[index] ?? '';
  if (value === '') {
    throw new DataError('MISSING_VALUE', { file: table.file, line, field: table.header[index] ?? '?', value }, { de: 'ist leer', en: 'is empty' });
  }
  return value;
}

function checkCoordinate(table: Table, row: string[], index: number | undefined, line: number, field: string, min: number, max: number): void {
  const value = index === undefined ? '' : (row[index] ?? '');
  const number = Number(value);
  if (value === '' || !Number.isFinite(number) || number < min || number > max) {
    throw new DataError('BAD_COORDINATE', { file: table.file, line, field, value }, { de: `ist keine Zahl von ${min} bis ${max}`, en: `is not a number from ${min} to ${max}` });
  }
}

function checkDate(table: Table, row: string[], index: number, line: number): void {
  const value = row[index] ?? '';
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  const month = Number(match?.[2]);
  const day = Number(match?.[3]);
  if (!match || month < 1 || month > 12 || day < 1 || day > 31) {
    throw new DataError('BAD_DATE', { file: table.file, line, field: table.header[index] ?? '?', value }, { de: 'ist kein Datum wie JJJJMMTT', en: 'is not a date like YYYYMMDD' });
  }
}

function checkTime(file: string, line: number, field: string, value: string, required = false): void {
  if (value === '' && !required) return;
  if (parseGtfsTime(value) === undefined) {
    throw new DataError('BAD_TIME', { file, line, field, value }, { de: 'ist keine Uhrzeit wie H:MM:SS', en: 'is not a time like H:MM:SS' });
  }
}
