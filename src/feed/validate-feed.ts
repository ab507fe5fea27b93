/**
 * Checks a GTFS feed before it is imported, file by file and row by row, so that bad input gets
 * one clear line naming file, line, field and value (the `gtfs` package's own errors name none
 * of these). Fatal problems throw a {@link DataError}; problems the router can live with (an
 * unknown stop in transfers.txt, a trip without stop times) are returned as warnings.
 *
 * The files checked are exactly the files imported ({@link IMPORTED_FILES}): each is handed to
 * `onFile` as UTF-8 text after it passed. Trips whose times run backwards (a departure before
 * the arrival at the same stop, or a time earlier than at the stop before) are dropped from
 * trips.txt, stop_times.txt and frequencies.txt with one warning each — they are never routed.
 * Files that are not UTF-8 are read as Windows-1252 (Latin-1) with a warning naming the first
 * line that is not UTF-8.
 *
 * Limits: frequencies.txt may expand to at most {@link MAX_FREQUENCY_RUNS} runs in all.
 *
 * Line numbers are 1-based physical lines of the file, the header being line 1.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { DataError } from '../errors.js';
import { parseGtfsTime } from '../time/clock.js';
import type { FeedSource } from './feed-source.js';

/** A data problem that does not stop the import. */
export interface FeedProblem {
  /** Stable code, e.g. `UNKNOWN_STOP`. */
  code: string;
  /** One line: `transfers.txt:12: from_stop_id "x" is not in stops.txt` (German where a German form exists). */
  message: string;
  /** The same line in English, where it differs. */
  messageEn?: string;
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

/** Options for {@link validateFeed}. */
export interface ValidateFeedOptions {
  /** Receives each imported file (lower-case name, UTF-8 text) once it passed the checks. */
  onFile?: (fileName: string, text: string) => Promise<void> | void;
}

/** The files that are checked and imported; every other file of a feed is ignored. */
export const IMPORTED_FILES = [
  'agency.txt', 'stops.txt', 'routes.txt', 'calendar.txt', 'calendar_dates.txt', 'trips.txt', 'stop_times.txt',
  'frequencies.txt', 'transfers.txt', 'feed_info.txt',
] as const;

/** Most runs frequencies.txt may expand to (all rows together): 50× the trips of a big city network (MVB, 8,382). */
export const MAX_FREQUENCY_RUNS = 500_000;

const REQUIRED_FILES = ['agency.txt', 'stops.txt', 'routes.txt', 'trips.txt', 'stop_times.txt'] as const;
const WEEKDAY_FIELDS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
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
export async function validateFeed(source: FeedSource, options: ValidateFeedOptions = {}): Promise<FeedValidation> {
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
  const warn = (code: string, message: string, messageEn?: string): void => {
    problemCounts[code] = (problemCounts[code] ?? 0) + 1;
    if ((problemCounts[code] ?? 0) <= MAX_PROBLEMS_PER_CODE) problems.push({ code, message, feed: source.label, ...(messageEn ? { messageEn } : {}) });
  };
  /** The text of each file read, to be handed on (possibly filtered) once all checks passed. */
  const texts = new Map<string, string>();
  const read = async (file: string): Promise<Table | undefined> => {
    if (!source.files.has(file)) return undefined;
    const text = decodeText(file, await source.read(file), warn);
    texts.set(file, text);
    const table = readTable(file, text);
    checkSchema(table);
    return table;
  };

  const agency = await read('agency.txt');
  if (agency) {
    const zone = column(agency, 'agency_timezone', true);
    agency.rows.forEach((row, i) => {
      const line = agency.lines[i] ?? 0;
      const value = requireValue(agency, row, zone, line);
      if (!isTimeZone(value)) {
        throw new DataError('BAD_TIME_ZONE', { file: 'agency.txt', line, field: 'agency_timezone', value }, {
          de: 'ist keine IANA-Zeitzone wie Europe/Berlin',
          en: 'is not an IANA time zone like Europe/Berlin',
        });
      }
    });
    const zones = new Set(agency.rows.map((row) => row[zone]));
    if (zones.size > 1) {
      const line = agency.lines[agency.rows.findIndex((row) => row[zone] !== agency.rows[0]![zone])] ?? 0;
      const value = agency.rows.find((row) => row[zone] !== agency.rows[0]![zone])?.[zone] ?? '';
      throw new DataError('BAD_TIME_ZONE', { file: 'agency.txt', line, field: 'agency_timezone', value }, {
        de: `weicht von "${agency.rows[0]![zone]}" ab (alle Verkehrsunternehmen eines Feeds brauchen dieselbe Zeitzone)`,
        en: `differs from "${agency.rows[0]![zone]}" (all agencies of a feed need the same time zone)`,
      });
    }
  }

  const stops = await read('stops.txt');
  const stopIds = new Set<string>();
  if (stops) {
    const id = column(stops, 'stop_id', true);
    const lat = column(stops, 'stop_lat', false);
    const lon = column(stops, 'stop_lon', false);
    const locationType = column(stops, 'location_type', false);
    const europe = agency?.rows.some((row) => /^Europe\//.test(row[agency.header.indexOf('agency_timezone')] ?? '')) ?? false;
    stops.rows.forEach((row, i) => {
      const line = stops.lines[i] ?? 0;
      const stopId = requireValue(stops, row, id, line);
      if (stopIds.has(stopId)) {
        throw new DataError('DUPLICATE_STOP', { file: 'stops.txt', line, field: 'stop_id', value: stopId }, {
          de: 'kommt zweimal vor',
          en: 'appears twice',
        });
      }
      stopIds.add(stopId);
      const type = locationType === undefined ? '' : (row[locationType] ?? '');
      if (type === '' || type === '0' || type === '1') {
        const latitude = checkCoordinate(stops, row, lat, line, 'stop_lat', -90, 90);
        const longitude = checkCoordinate(stops, row, lon, line, 'stop_lon', -180, 180);
        const where = `stops.txt:${line}: stop_lat "${row[lat!]}", stop_lon "${row[lon!]}"`;
        if (latitude === 0 && longitude === 0) {
          warn('BAD_COORDINATE', `${where}: Punkt 0,0 ist keine Haltestellenlage`, `${where}: 0,0 is not a stop location`);
        } else if (europe && !inEurope(latitude, longitude) && inEurope(longitude, latitude)) {
          warn('SWAPPED_COORDINATES', `${where}: Breite und Länge scheinen vertauscht`, `${where}: latitude and longitude look swapped`);
        }
      } else {
        // Stations, entrances and nodes may leave their position empty, but not write nonsense.
        if ((row[lat ?? -1] ?? '') !== '') checkCoordinate(stops, row, lat, line, 'stop_lat', -90, 90);
        if ((row[lon ?? -1] ?? '') !== '') checkCoordinate(stops, row, lon, line, 'stop_lon', -180, 180);
      }
    });
  }

  const routes = await read('routes.txt');
  const routeIds = new Set<string>();
  if (routes) {
    const id = column(routes, 'route_id', true);
    routes.rows.forEach((row, i) => {
      const line = routes.lines[i] ?? 0;
      const routeId = requireValue(routes, row, id, line);
      if (routeIds.has(routeId)) {
        throw new DataError('DUPLICATE_ROUTE', { file: 'routes.txt', line, field: 'route_id', value: routeId }, { de: 'kommt zweimal vor', en: 'appears twice' });
      }
      routeIds.add(routeId);
    });
  }

  const serviceIds = new Set<string>();
  const calendar = await read('calendar.txt');
  if (calendar) {
    const id = column(calendar, 'service_id', true);
    const start = column(calendar, 'start_date', true);
    const end = column(calendar, 'end_date', true);
    const weekdays = WEEKDAY_FIELDS.map((field) => column(calendar, field, true));
    calendar.rows.forEach((row, i) => {
      const line = calendar.lines[i] ?? 0;
      const serviceId = requireValue(calendar, row, id, line);
      if (serviceIds.has(serviceId)) {
        throw new DataError('DUPLICATE_SERVICE', { file: 'calendar.txt', line, field: 'service_id', value: serviceId }, { de: 'kommt zweimal vor', en: 'appears twice' });
      }
      serviceIds.add(serviceId);
      weekdays.forEach((index, day) => {
        const value = row[index] ?? '';
        if (value !== '0' && value !== '1') {
          throw new DataError('BAD_VALUE', { file: 'calendar.txt', line, field: WEEKDAY_FIELDS[day], value }, { de: 'ist nicht 0 oder 1', en: 'is not 0 or 1' });
        }
      });
      const first = checkDate(calendar, row, start, line);
      const last = checkDate(calendar, row, end, line);
      if (last < first) {
        warn(
          'BAD_DATE_RANGE',
          `calendar.txt:${line}: end_date "${row[end]}" liegt vor start_date "${row[start]}" (service_id "${serviceId}" fährt nach calendar.txt nie)`,
          `calendar.txt:${line}: end_date "${row[end]}" is before start_date "${row[start]}" (service_id "${serviceId}" never runs by calendar.txt)`,
        );
      }
    });
  }
  const calendarDates = await read('calendar_dates.txt');
  if (calendarDates) {
    const id = column(calendarDates, 'service_id', true);
    const date = column(calendarDates, 'date', true);
    const type = column(calendarDates, 'exception_type', true);
    const seen = new Set<string>();
    calendarDates.rows.forEach((row, i) => {
      const line = calendarDates.lines[i] ?? 0;
      const serviceId = requireValue(calendarDates, row, id, line);
      serviceIds.add(serviceId);
      checkDate(calendarDates, row, date, line);
      const value = row[type] ?? '';
      if (value !== '1' && value !== '2') {
        throw new DataError('BAD_VALUE', { file: 'calendar_dates.txt', line, field: 'exception_type', value }, { de: 'ist nicht 1 oder 2', en: 'is not 1 or 2' });
      }
      const key = `${serviceId}\u0000${row[date]}`;
      if (seen.has(key)) {
        throw new DataError('DUPLICATE_DATE', { file: 'calendar_dates.txt', line, field: 'date', value: row[date] ?? '' }, {
          de: `kommt für service_id "${serviceId}" zweimal vor`,
          en: `appears twice for service_id "${serviceId}"`,
        });
      }
      seen.add(key);
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
  const dropped = new Set<string>();
  {
    const trip = column(stopTimes, 'trip_id', true);
    const stop = column(stopTimes, 'stop_id', true);
    const sequence = column(stopTimes, 'stop_sequence', true);
    const arrival = column(stopTimes, 'arrival_time', false);
    const departure = column(stopTimes, 'departure_time', false);
    /** Per trip: stop_sequence, arrival, departure (-1 = none), line; checked once all rows are read. */
    const timesByTrip = new Map<string, number[]>();
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
      if (!/^\d{1,9}$/.test(seq)) {
        throw new DataError('BAD_VALUE', { file: 'stop_times.txt', line, field: 'stop_sequence', value: seq }, { de: 'ist keine ganze Zahl ≥ 0', en: 'is not a whole number ≥ 0' });
      }
      const arrivalText = arrival === undefined ? '' : (row[arrival] ?? '');
      const departureText = departure === undefined ? '' : (row[departure] ?? '');
      checkTime('stop_times.txt', line, 'arrival_time', arrivalText);
      checkTime('stop_times.txt', line, 'departure_time', departureText);
      if (arrivalText === '' && departureText === '') {
        warn('NO_TIME', `stop_times.txt:${line}: trip "${tripId}" has no time at stop_sequence ${seq} (the stop is skipped)`);
      }
      let list = timesByTrip.get(tripId);
      if (list === undefined) timesByTrip.set(tripId, (list = []));
      list.push(Number(seq), arrivalText === '' ? -1 : parseGtfsTime(arrivalText)!, departureText === '' ? -1 : parseGtfsTime(departureText)!, line);
    });
    for (const [tripId, list] of timesByTrip) {
      const problem = timeTravel(tripId, list);
      if (problem === undefined) continue;
      if (problem.fatal) throw problem.fatal;
      dropped.add(tripId);
      warn('TIME_TRAVEL', problem.de, problem.en);
    }
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
    let runs = 0;
    frequencies.rows.forEach((row, i) => {
      const line = frequencies.lines[i] ?? 0;
      const tripId = row[trip] ?? '';
      if (!tripIds.has(tripId)) {
        throw new DataError('UNKNOWN_TRIP', { file: 'frequencies.txt', line, field: 'trip_id', value: tripId }, { de: 'fehlt in trips.txt', en: 'is not in trips.txt' });
      }
      checkTime('frequencies.txt', line, 'start_time', row[start] ?? '', true);
      checkTime('frequencies.txt', line, 'end_time', row[end] ?? '', true);
      const value = row[headway] ?? '';
      if (!/^\d{1,9}$/.test(value) || Number(value) <= 0) {
        throw new DataError('BAD_VALUE', { file: 'frequencies.txt', line, field: 'headway_secs', value }, { de: 'ist keine ganze Zahl von Sekunden > 0', en: 'is not a whole number of seconds > 0' });
      }
      const from = parseGtfsTime(row[start] ?? '')!;
      const to = parseGtfsTime(row[end] ?? '')!;
      if (to < from) {
        throw new DataError('BAD_TIME', { file: 'frequencies.txt', line, field: 'end_time', value: row[end] ?? '' }, {
          de: `liegt vor start_time "${row[start]}"`,
          en: `is before start_time "${row[start]}"`,
        });
      }
      if (dropped.has(tripId)) return;
      runs += Math.ceil((to - from) / Number(value));
      if (runs > MAX_FREQUENCY_RUNS) {
        throw new DataError('TOO_MANY_RUNS', { file: 'frequencies.txt', line, field: 'headway_secs', value }, {
          de: `ergibt mit den Zeilen davor ${runs.toLocaleString('de-DE')} Fahrten; höchstens ${MAX_FREQUENCY_RUNS.toLocaleString('de-DE')} werden unterstützt`,
          en: `makes ${runs.toLocaleString('en-GB')} runs with the rows before; at most ${MAX_FREQUENCY_RUNS.toLocaleString('en-GB')} are supported`,
        });
      }
    });
  }

  const transfers = await read('transfers.txt');
  if (transfers) {
    const from = column(transfers, 'from_stop_id', false);
    const to = column(transfers, 'to_stop_id', false);
    const minTime = column(transfers, 'min_transfer_time', false);
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
      const seconds = minTime === undefined ? '' : (row[minTime] ?? '');
      if (seconds !== '' && !/^\d{1,6}$/.test(seconds)) {
        throw new DataError('BAD_VALUE', { file: 'transfers.txt', line, field: 'min_transfer_time', value: seconds }, {
          de: 'ist keine ganze Zahl von Sekunden ≥ 0',
          en: 'is not a whole number of seconds ≥ 0',
        });
      }
    });
  }

  const feedInfo = await read('feed_info.txt');
  if (feedInfo) {
    for (const field of ['feed_start_date', 'feed_end_date']) {
      const index = column(feedInfo, field, false);
      if (index === undefined) continue;
      feedInfo.rows.forEach((row, i) => {
        if ((row[index] ?? '') !== '') checkDate(feedInfo, row, index, feedInfo.lines[i] ?? 0);
      });
    }
  }

  if (options.onFile) {
    const tables: Record<string, Table | undefined> = { 'trips.txt': trips, 'stop_times.txt': stopTimes, 'frequencies.txt': frequencies };
    for (const [file, text] of texts) {
      const table = tables[file];
      // Dropped trips leave the files they appear in; the rest is handed on as read.
      await options.onFile(file, dropped.size > 0 && table ? withoutTrips(table, dropped) : text);
    }
  }
  return { problems, problemCounts };
}

/** A table as CSV without the rows of the given trips. */
function withoutTrips(table: Table, trips: ReadonlySet<string>): string {
  const trip = table.header.indexOf('trip_id');
  return stringify([table.header, ...table.rows.filter((row) => !trips.has(row[trip] ?? ''))]);
}

/**
 * Finds the first impossible time of a trip (rows as flat [seq, arrival, departure, line]):
 * a departure before the arrival at one stop, or a time before the previous stop's.
 * A stop_sequence used twice is fatal (the order of the stops is unknown).
 */
function timeTravel(tripId: string, flat: number[]): { fatal?: DataError; de: string; en: string } | undefined {
  const order = Array.from({ length: flat.length / 4 }, (_, i) => i).sort((a, b) => flat[a * 4]! - flat[b * 4]!);
  let previous = -1;
  let previousLine = 0;
  let previousSeq = -1;
  for (const i of order) {
    const [seq, arrival, departure, line] = [flat[i * 4]!, flat[i * 4 + 1]!, flat[i * 4 + 2]!, flat[i * 4 + 3]!];
    if (seq === previousSeq) {
      const fatal = new DataError('DUPLICATE_STOP_SEQUENCE', { file: 'stop_times.txt', line, field: 'stop_sequence', value: String(seq) }, {
        de: `kommt in trip "${tripId}" zweimal vor (auch Zeile ${previousLine})`,
        en: `appears twice in trip "${tripId}" (also line ${previousLine})`,
      });
      return { fatal, de: fatal.message, en: fatal.messageEn };
    }
    previousSeq = seq;
    const first = arrival >= 0 ? arrival : departure;
    if (first >= 0 && previous > first) {
      const field = arrival >= 0 ? 'arrival_time' : 'departure_time';
      const where = `stop_times.txt:${line}: ${field} "${clock(first)}"`;
      return {
        de: `${where} liegt vor ${clock(previous)} an der Haltestelle davor (Zeile ${previousLine}): trip "${tripId}" läuft rückwärts und wird nicht verwendet`,
        en: `${where} is before ${clock(previous)} at the stop before (line ${previousLine}): trip "${tripId}" runs backwards and is not used`,
      };
    }
    if (arrival >= 0 && departure >= 0 && departure < arrival) {
      const where = `stop_times.txt:${line}: departure_time "${clock(departure)}"`;
      return {
        de: `${where} liegt vor arrival_time "${clock(arrival)}": trip "${tripId}" wird nicht verwendet`,
        en: `${where} is before arrival_time "${clock(arrival)}": trip "${tripId}" is not used`,
      };
    }
    const last = departure >= 0 ? departure : arrival;
    if (last >= 0) {
      previous = last;
      previousLine = line;
    }
  }
  return undefined;
}

function clock(seconds: number): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${Math.floor(seconds / 3600)}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;
}

/** True for a time zone name the runtime knows (IANA), e.g. `Europe/Berlin`. */
function isTimeZone(name: string): boolean {
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** A generous box around Europe (for the swapped-coordinates check of feeds in a European time zone). */
function inEurope(lat: number, lon: number): boolean {
  return lat >= 34 && lat <= 72 && lon >= -25 && lon <= 45;
}

/**
 * Decodes a file: UTF-8 (BOM removed), or — if it is not valid UTF-8 — Windows-1252 with a
 * warning naming the first line that is not UTF-8 (never silently U+FFFD).
 */
function decodeText(file: string, bytes: Buffer, warn: (code: string, message: string, messageEn?: string) => void): string {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    let line = 1;
    let start = 0;
    const strict = new TextDecoder('utf-8', { fatal: true });
    for (let i = 0; i <= body.length; i++) {
      if (i === body.length || body[i] === 0x0a) {
        try {
          strict.decode(body.subarray(start, i));
        } catch {
          break;
        }
        line++;
        start = i + 1;
      }
    }
    warn('NOT_UTF8', `${file}:${line}: ist kein UTF-8; die Datei wird als Latin-1 (Windows-1252) gelesen`, `${file}:${line}: is not UTF-8; the file is read as Latin-1 (Windows-1252)`);
    return new TextDecoder('windows-1252').decode(body);
  }
}

/**
 * Columns the `gtfs` package constrains (NOT NULL, integer or number ranges): checked here so a
 * bad value is named with file, line, field and value instead of a bare SQLite constraint error.
 */
const SCHEMA: Record<string, { required?: string[]; key?: string[]; ranges?: Record<string, [min: number, max: number, integer: boolean]> }> = {
  'agency.txt': { required: ['agency_name', 'agency_url', 'agency_timezone'], key: ['agency_id'] },
  'stops.txt': { ranges: { location_type: [0, 4, true], wheelchair_boarding: [0, 2, true] } },
  'routes.txt': {
    required: ['route_id', 'route_type'],
    ranges: { route_type: [0, 9999, true], route_sort_order: [0, 1e9, true], continuous_pickup: [0, 3, true], continuous_drop_off: [0, 3, true] },
  },
  'trips.txt': { ranges: { direction_id: [0, 1, true], wheelchair_accessible: [0, 2, true], bikes_allowed: [0, 2, true], cars_allowed: [0, 2, true] } },
  'stop_times.txt': {
    ranges: { pickup_type: [0, 3, true], drop_off_type: [0, 3, true], continuous_pickup: [0, 3, true], continuous_drop_off: [0, 3, true], timepoint: [0, 1, true], shape_dist_traveled: [0, 1e12, false] },
  },
  'frequencies.txt': { key: ['trip_id', 'start_time'], ranges: { exact_times: [0, 1, true] } },
  'transfers.txt': {
    key: ['from_stop_id', 'to_stop_id', 'from_route_id', 'to_route_id', 'from_trip_id', 'to_trip_id'],
    ranges: { transfer_type: [0, 5, true], min_transfer_time: [0, 1e9, true] },
  },
  'feed_info.txt': { required: ['feed_publisher_name', 'feed_publisher_url', 'feed_lang'] },
};

function checkSchema(table: Table): void {
  const schema = SCHEMA[table.file];
  if (!schema) return;
  for (const name of schema.required ?? []) {
    const index = column(table, name, true);
    table.rows.forEach((row, i) => requireValue(table, row, index, table.lines[i] ?? 0));
  }
  if (schema.key) {
    // The gtfs package's primary key: a second row with the same key would abort its import.
    const indices = schema.key.map((name) => table.header.indexOf(name));
    const seen = new Map<string, number>();
    table.rows.forEach((row, i) => {
      const values = indices.map((index) => (index === -1 ? '' : (row[index] ?? '')));
      // An empty part is NULL in SQLite, and NULLs never collide in a key.
      if (values.some((value) => value === '')) return;
      const key = values.join('\u0000');
      const line = table.lines[i] ?? 0;
      const first = seen.get(key);
      if (first !== undefined) {
        const field = schema.key!.join(', ');
        const value = values.join(', ');
        throw new DataError('DUPLICATE_KEY', { file: table.file, line, field, value }, {
          de: `kommt zweimal vor (auch Zeile ${first})`,
          en: `appears twice (also line ${first})`,
        });
      }
      seen.set(key, line);
    });
  }
  for (const [name, [min, max, integer]] of Object.entries(schema.ranges ?? {})) {
    const index = column(table, name, false);
    if (index === undefined) continue;
    table.rows.forEach((row, i) => {
      const value = row[index] ?? '';
      if (value === '') return;
      const number = Number(value);
      const shape = integer ? /^-?\d{1,12}$/ : /^[-+]?(\d+\.?\d*|\.\d+)$/;
      if (!shape.test(value) || number < min || number > max) {
        const kind = integer ? { de: 'ganze Zahl', en: 'whole number' } : { de: 'Zahl', en: 'number' };
        throw new DataError('BAD_VALUE', { file: table.file, line: table.lines[i] ?? 0, field: name, value }, {
          de: `ist keine ${kind.de} von ${min} bis ${max}`,
          en: `is not a ${kind.en} from ${min} to ${max}`,
        });
      }
    });
  }
}

function readTable(file: string, content: string): Table {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(content, {
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

function checkCoordinate(table: Table, row: string[], index: number | undefined, line: number, field: string, min: number, max: number): number {
  const value = index === undefined ? '' : (row[index] ?? '');
  const number = Number(value);
  if (value === '' || !/^[-+]?(\d+\.?\d*|\.\d+)$/.test(value) || !Number.isFinite(number) || number < min || number > max) {
    throw new DataError('BAD_COORDINATE', { file: table.file, line, field, value }, { de: `ist keine Zahl von ${min} bis ${max}`, en: `is not a number from ${min} to ${max}` });
  }
  return number;
}

/** Service dates outside these years are typing errors, not timetables. */
const FIRST_YEAR = 1990;
const LAST_YEAR = 2199;

/** Checks a `YYYYMMDD` date that exists in the calendar (no 20260231) and lies in a plausible year; returns it as a number. */
function checkDate(table: Table, row: string[], index: number, line: number): number {
  const value = row[index] ?? '';
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  const field = table.header[index] ?? '?';
  if (!match) throw new DataError('BAD_DATE', { file: table.file, line, field, value }, { de: 'ist kein Datum wie JJJJMMTT', en: 'is not a date like YYYYMMDD' });
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const real = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || day < 1 || real.getUTCMonth() !== month - 1 || real.getUTCDate() !== day) {
    throw new DataError('BAD_DATE', { file: table.file, line, field, value }, { de: 'ist kein Kalenderdatum (JJJJMMTT)', en: 'is not a calendar date (YYYYMMDD)' });
  }
  if (year < FIRST_YEAR || year > LAST_YEAR) {
    throw new DataError('BAD_DATE', { file: table.file, line, field, value }, {
      de: `liegt nicht zwischen ${FIRST_YEAR} und ${LAST_YEAR}`,
      en: `is not between ${FIRST_YEAR} and ${LAST_YEAR}`,
    });
  }
  return Number(value);
}

function checkTime(file: string, line: number, field: string, value: string, required = false): void {
  if (value === '' && !required) return;
  if (parseGtfsTime(value) === undefined) {
    throw new DataError('BAD_TIME', { file, line, field, value }, { de: 'ist keine Uhrzeit wie H:MM:SS', en: 'is not a time like H:MM:SS' });
  }
}
