/**
 * Checks a GTFS feed before it is imported, file by file and row by row, so that bad input gets
 * one clear line naming file, line, field and value (the `gtfs` package's own errors name none
 * of these). Fatal problems throw a {@link DataError}; problems the router can live with (an
 * unknown stop in transfers.txt, a trip without stop times) are returned as warnings.
 *
 * Streaming: every file is read chunk by chunk and parsed row by row; no file and no row is held.
 * What is kept is what the checks need and the router's part is made of: id → index maps of
 * stops, routes, services and trips, and the stop times as typed-array columns (about 25 bytes
 * a row, see `build-feed-part.ts`): about 0.9 GB for the 35 M stop times of a Germany-size feed.
 *
 * The files checked are exactly the files imported ({@link IMPORTED_FILES}): each is written,
 * as UTF-8 text, to `workDir` while it is read. Trips whose times run backwards (a departure
 * before the arrival at the same stop, or a time earlier than at the stop before) are dropped
 * from trips.txt, stop_times.txt and frequencies.txt with one warning each — they are never
 * routed. Files that are not UTF-8 are read as Windows-1252 (Latin-1) with a warning naming the
 * first line that is not UTF-8 (found by a first, cheap pass over the bytes); UTF-16 is refused.
 *
 * Within one file, the first bad row is reported (all checks of a row before the next row).
 *
 * Limits: frequencies.txt may expand to at most {@link MAX_FREQUENCY_RUNS} runs in all.
 *
 * Line numbers are 1-based physical lines of the file, the header being line 1.
 */
import { isUtf8 } from 'node:buffer';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import { once } from 'node:events';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify';
import { DataError } from '../errors.js';
import { parseGtfsTime } from '../time/clock.js';
import { buildFeedPart, groupStopTimesByTrip, StopTimeColumns, type CollectedFeed, type CollectedService } from './build-feed-part.js';
import type { FeedSource } from './feed-source.js';
import type { FeedPart } from './read-feed-part.js';

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

/** The problems found by {@link validateFeed}. */
export interface FeedValidation {
  /** Non-fatal problems, at most {@link MAX_PROBLEMS_PER_CODE} per code (the rest are counted). */
  problems: FeedProblem[];
  /** How many problems of each code were found, including those not listed. */
  problemCounts: Record<string, number>;
}

/** Result of {@link validateFeed}: the problems, and the feed as the router's columnar part. */
export interface ValidatedFeed {
  validation: FeedValidation;
  /** The feed in the router's columns, equal to what `readFeedPart` reads from its SQLite import. */
  part: FeedPart;
}

/** Problems listed per code; further ones are only counted. */
export const MAX_PROBLEMS_PER_CODE = 20;

/** Options for {@link validateFeed}. */
export interface ValidateFeedOptions {
  /** Folder that receives each imported file (lower-case name, UTF-8, dropped trips removed) as it is checked. */
  workDir?: string;
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

/** A file being read: its name and its header (lower-case, trimmed). */
interface Table {
  file: string;
  header: string[];
}

/** Checks one row (its fields, its physical line). */
type RowCheck = (row: string[], line: number) => void;

type Warn = (code: string, message: string, messageEn?: string) => void;

/**
 * Validates a feed and builds its router part. Throws {@link DataError} on the first fatal
 * problem; returns the non-fatal ones.
 */
export async function validateFeed(source: FeedSource, options: ValidateFeedOptions = {}): Promise<ValidatedFeed> {
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
  const warn: Warn = (code, message, messageEn) => {
    problemCounts[code] = (problemCounts[code] ?? 0) + 1;
    if ((problemCounts[code] ?? 0) <= MAX_PROBLEMS_PER_CODE) problems.push({ code, message, feed: source.label, ...(messageEn ? { messageEn } : {}) });
  };
  /** Streams one file through the schema checks and `start(table)`'s row check; false if the feed has no such file. */
  const read = async (file: string, start: (table: Table) => RowCheck): Promise<boolean> => {
    if (!source.files.has(file)) return false;
    await readRows(source, file, warn, options.workDir, (table) => {
      const schema = schemaCheck(table);
      const check = start(table);
      return (row, line) => {
        schema(row, line);
        check(row, line);
      };
    });
    return true;
  };

  const agencyNames: string[] = [];
  const agencyZones: string[] = [];
  const agencyLines: number[] = [];
  await read('agency.txt', (table) => {
    const zone = column(table, 'agency_timezone', true);
    const name = table.header.indexOf('agency_name');
    return (row, line) => {
      const value = requireValue(table, row, zone, line);
      if (!isTimeZone(value)) {
        throw new DataError('BAD_TIME_ZONE', { file: 'agency.txt', line, field: 'agency_timezone', value }, {
          de: 'ist keine IANA-Zeitzone wie Europe/Berlin',
          en: 'is not an IANA time zone like Europe/Berlin',
        });
      }
      agencyNames.push(row[name] ?? '');
      agencyZones.push(value);
      agencyLines.push(line);
    };
  });
  const otherZone = agencyZones.findIndex((zone) => zone !== agencyZones[0]);
  if (otherZone !== -1) {
    const value = agencyZones[otherZone]!;
    throw new DataError('BAD_TIME_ZONE', { file: 'agency.txt', line: agencyLines[otherZone] ?? 0, field: 'agency_timezone', value }, {
      de: `weicht von "${agencyZones[0]}" ab (alle Verkehrsunternehmen eines Feeds brauchen dieselbe Zeitzone)`,
      en: `differs from "${agencyZones[0]}" (all agencies of a feed need the same time zone)`,
    });
  }

  const stopIndex = new Map<string, number>();
  const stopId: string[] = [];
  const stopName: string[] = [];
  const stopLat: number[] = [];
  const stopLon: number[] = [];
  await read('stops.txt', (table) => {
    const id = column(table, 'stop_id', true);
    const lat = column(table, 'stop_lat', false);
    const lon = column(table, 'stop_lon', false);
    const name = table.header.indexOf('stop_name');
    const locationType = column(table, 'location_type', false);
    const europe = agencyZones.some((zone) => /^Europe\//.test(zone));
    return (row, line) => {
      const id_ = requireValue(table, row, id, line);
      if (stopIndex.has(id_)) {
        throw new DataError('DUPLICATE_STOP', { file: 'stops.txt', line, field: 'stop_id', value: id_ }, {
          de: 'kommt zweimal vor',
          en: 'appears twice',
        });
      }
      stopIndex.set(id_, stopId.length);
      stopId.push(id_);
      // As the SQLite reading gives them: an empty name is the id, an empty position 0.
      stopName.push(row[name] || id_);
      stopLat.push(Number(row[lat ?? -1] || 0));
      stopLon.push(Number(row[lon ?? -1] || 0));
      const type = locationType === undefined ? '' : (row[locationType] ?? '');
      if (type === '' || type === '0' || type === '1') {
        const latitude = checkCoordinate(table, row, lat, line, 'stop_lat', -90, 90);
        const longitude = checkCoordinate(table, row, lon, line, 'stop_lon', -180, 180);
        const where = `stops.txt:${line}: stop_lat "${row[lat!]}", stop_lon "${row[lon!]}"`;
        if (latitude === 0 && longitude === 0) {
          warn('BAD_COORDINATE', `${where}: Punkt 0,0 ist keine Haltestellenlage`, `${where}: 0,0 is not a stop location`);
        } else if (europe && !inEurope(latitude, longitude) && inEurope(longitude, latitude)) {
          warn('SWAPPED_COORDINATES', `${where}: Breite und Länge scheinen vertauscht`, `${where}: latitude and longitude look swapped`);
        }
      } else {
        // Stations, entrances and nodes may leave their position empty, but not write nonsense.
        if ((row[lat ?? -1] ?? '') !== '') checkCoordinate(table, row, lat, line, 'stop_lat', -90, 90);
        if ((row[lon ?? -1] ?? '') !== '') checkCoordinate(table, row, lon, line, 'stop_lon', -180, 180);
      }
    };
  });

  const routeIndex = new Map<string, number>();
  const routeId: string[] = [];
  const routeShort: string[] = [];
  const routeLong: string[] = [];
  const routeType: number[] = [];
  await read('routes.txt', (table) => {
    const id = column(table, 'route_id', true);
    const short = table.header.indexOf('route_short_name');
    const long = table.header.indexOf('route_long_name');
    const type = table.header.indexOf('route_type');
    return (row, line) => {
      const id_ = requireValue(table, row, id, line);
      if (routeIndex.has(id_)) {
        throw new DataError('DUPLICATE_ROUTE', { file: 'routes.txt', line, field: 'route_id', value: id_ }, { de: 'kommt zweimal vor', en: 'appears twice' });
      }
      routeIndex.set(id_, routeId.length);
      routeId.push(id_);
      routeShort.push(row[short] ?? '');
      routeLong.push(row[long] ?? '');
      routeType.push(Number(row[type] || 3));
    };
  });

  const serviceIndex = new Map<string, number>();
  const services: CollectedService[] = [];
  const serviceFor = (id: string): CollectedService => {
    let index = serviceIndex.get(id);
    if (index === undefined) {
      index = services.length;
      serviceIndex.set(id, index);
      services.push({ serviceId: id, weekdayMask: 0, startDate: 0, endDate: 0, added: [], removed: [] });
    }
    return services[index]!;
  };
  await read('calendar.txt', (table) => {
    const id = column(table, 'service_id', true);
    const start = column(table, 'start_date', true);
    const end = column(table, 'end_date', true);
    const weekdays = WEEKDAY_FIELDS.map((field) => column(table, field, true));
    const inCalendar = new Set<string>();
    return (row, line) => {
      const serviceId = requireValue(table, row, id, line);
      if (inCalendar.has(serviceId)) {
        throw new DataError('DUPLICATE_SERVICE', { file: 'calendar.txt', line, field: 'service_id', value: serviceId }, { de: 'kommt zweimal vor', en: 'appears twice' });
      }
      inCalendar.add(serviceId);
      let mask = 0;
      weekdays.forEach((index, day) => {
        const value = row[index] ?? '';
        if (value !== '0' && value !== '1') {
          throw new DataError('BAD_VALUE', { file: 'calendar.txt', line, field: WEEKDAY_FIELDS[day], value }, { de: 'ist nicht 0 oder 1', en: 'is not 0 or 1' });
        }
        if (value === '1') mask |= 1 << day;
      });
      const first = checkDate(table, row, start, line);
      const last = checkDate(table, row, end, line);
      if (last < first) {
        warn(
          'BAD_DATE_RANGE',
          `calendar.txt:${line}: end_date "${row[end]}" liegt vor start_date "${row[start]}" (service_id "${serviceId}" fährt nach calendar.txt nie)`,
          `calendar.txt:${line}: end_date "${row[end]}" is before start_date "${row[start]}" (service_id "${serviceId}" never runs by calendar.txt)`,
        );
      }
      const service = serviceFor(serviceId);
      service.weekdayMask = mask;
      service.startDate = first;
      service.endDate = last;
    };
  });
  await read('calendar_dates.txt', (table) => {
    const id = column(table, 'service_id', true);
    const date = column(table, 'date', true);
    const type = column(table, 'exception_type', true);
    const seen = new Set<string>();
    return (row, line) => {
      const serviceId = requireValue(table, row, id, line);
      const day = checkDate(table, row, date, line);
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
      const service = serviceFor(serviceId);
      (value === '1' ? service.added : service.removed).push(day);
    };
  });

  const tripIndex = new Map<string, number>();
  const tripId: string[] = [];
  const tripHeadsign: string[] = [];
  const tripRoute: number[] = [];
  const tripService: number[] = [];
  const tripOnlyServices = new Map<string, number>();
  await read('trips.txt', (table) => {
    const id = column(table, 'trip_id', true);
    const route = column(table, 'route_id', true);
    const service = column(table, 'service_id', true);
    const headsign = table.header.indexOf('trip_headsign');
    return (row, line) => {
      const id_ = requireValue(table, row, id, line);
      if (tripIndex.has(id_)) {
        throw new DataError('DUPLICATE_TRIP', { file: 'trips.txt', line, field: 'trip_id', value: id_ }, { de: 'kommt doppelt vor', en: 'appears twice' });
      }
      const routeId_ = row[route] ?? '';
      const routeAt = routeIndex.get(routeId_);
      if (routeAt === undefined) {
        throw new DataError('UNKNOWN_ROUTE', { file: 'trips.txt', line, field: 'route_id', value: routeId_ }, { de: 'fehlt in routes.txt', en: 'is not in routes.txt' });
      }
      const serviceId = row[service] ?? '';
      let serviceAt = serviceIndex.get(serviceId);
      if (serviceAt === undefined) {
        warn('UNKNOWN_SERVICE', `trips.txt:${line}: service_id "${serviceId}" steht weder in calendar.txt noch in calendar_dates.txt (die Fahrt fährt nie)`, `trips.txt:${line}: service_id "${serviceId}" is in neither calendar.txt nor calendar_dates.txt (trip never runs)`);
        let k = tripOnlyServices.get(serviceId);
        if (k === undefined) tripOnlyServices.set(serviceId, (k = tripOnlyServices.size));
        serviceAt = -1 - k;
      }
      tripIndex.set(id_, tripId.length);
      tripId.push(id_);
      tripHeadsign.push(row[headsign] ?? '');
      tripRoute.push(routeAt);
      tripService.push(serviceAt);
    };
  });
  if (tripId.length === 0) throw new DataError('EMPTY_FEED', { file: 'trips.txt' }, { de: 'enthält keine Fahrten (leerer Fahrplan)', en: 'has no trips (empty feed)' });

  const stopTimes = new StopTimeColumns();
  /** File-order trips in the order they first appear in stop_times.txt (the order problems are reported in). */
  const tripsInStopTimes: number[] = [];
  const hasTimes = new Uint8Array(tripId.length);
  await read('stop_times.txt', (table) => {
    const trip = column(table, 'trip_id', true);
    const stop = column(table, 'stop_id', true);
    const sequence = column(table, 'stop_sequence', true);
    const arrival = column(table, 'arrival_time', false);
    const departure = column(table, 'departure_time', false);
    const pickup = table.header.indexOf('pickup_type');
    const dropOff = table.header.indexOf('drop_off_type');
    return (row, line) => {
      const tripId_ = row[trip] ?? '';
      const t = tripIndex.get(tripId_);
      if (t === undefined) {
        throw new DataError('UNKNOWN_TRIP', { file: 'stop_times.txt', line, field: 'trip_id', value: tripId_ }, { de: 'fehlt in trips.txt', en: 'is not in trips.txt' });
      }
      if (hasTimes[t] === 0) {
        hasTimes[t] = 1;
        tripsInStopTimes.push(t);
      }
      const stopId_ = row[stop] ?? '';
      const s = stopIndex.get(stopId_);
      if (s === undefined) {
        throw new DataError('UNKNOWN_STOP', { file: 'stop_times.txt', line, field: 'stop_id', value: stopId_ }, { de: 'fehlt in stops.txt', en: 'is not in stops.txt' });
      }
      const seq = row[sequence] ?? '';
      if (!/^\d{1,9}$/.test(seq)) {
        throw new DataError('BAD_VALUE', { file: 'stop_times.txt', line, field: 'stop_sequence', value: seq }, { de: 'ist keine ganze Zahl ≥ 0', en: 'is not a whole number ≥ 0' });
      }
      const arrivalText = arrival === undefined ? '' : (row[arrival] ?? '');
      const departureText = departure === undefined ? '' : (row[departure] ?? '');
      const arrivalSeconds = checkTime('stop_times.txt', line, 'arrival_time', arrivalText);
      const departureSeconds = checkTime('stop_times.txt', line, 'departure_time', departureText);
      if (arrivalText === '' && departureText === '') {
        warn('NO_TIME', `stop_times.txt:${line}: trip "${tripId_}" hat bei stop_sequence ${seq} keine Uhrzeit (die Haltestelle wird übergangen)`, `stop_times.txt:${line}: trip "${tripId_}" has no time at stop_sequence ${seq} (the stop is skipped)`);
      }
      const flags = (row[pickup] === '1' ? 1 : 0) | (row[dropOff] === '1' ? 2 : 0);
      stopTimes.push(t, s, Number(seq), arrivalSeconds, departureSeconds, line, flags);
    };
  });
  if (stopTimes.length === 0) {
    throw new DataError('EMPTY_FEED', { file: 'stop_times.txt' }, { de: 'enthält keine Haltezeiten (leerer Fahrplan)', en: 'has no stop times (empty feed)' });
  }
  const grouped = groupStopTimesByTrip(stopTimes, tripId.length);
  const dropped = new Uint8Array(tripId.length);
  const droppedIds = new Set<string>();
  for (const t of tripsInStopTimes) {
    const problem = timeTravel(tripId[t]!, stopTimes, grouped.rows.subarray(grouped.start[t]!, grouped.start[t + 1]!));
    if (problem === undefined) continue;
    if (problem.fatal) throw problem.fatal;
    dropped[t] = 1;
    droppedIds.add(tripId[t]!);
    warn('TIME_TRAVEL', problem.de, problem.en);
  }
  for (let t = 0; t < tripId.length; t++) {
    if (hasTimes[t] === 0) warn('TRIP_WITHOUT_STOP_TIMES', `trips.txt: trip_id "${tripId[t]}" hat keine Zeilen in stop_times.txt`, `trips.txt: trip_id "${tripId[t]}" has no stop times`);
  }

  const frequencies: CollectedFeed['frequencies'] = [];
  await read('frequencies.txt', (table) => {
    const trip = column(table, 'trip_id', true);
    const start = column(table, 'start_time', true);
    const end = column(table, 'end_time', true);
    const headway = column(table, 'headway_secs', true);
    const exact = table.header.indexOf('exact_times');
    let runs = 0;
    return (row, line) => {
      const tripId_ = row[trip] ?? '';
      const t = tripIndex.get(tripId_);
      if (t === undefined) {
        throw new DataError('UNKNOWN_TRIP', { file: 'frequencies.txt', line, field: 'trip_id', value: tripId_ }, { de: 'fehlt in trips.txt', en: 'is not in trips.txt' });
      }
      const from = checkTime('frequencies.txt', line, 'start_time', row[start] ?? '', true);
      const to = checkTime('frequencies.txt', line, 'end_time', row[end] ?? '', true);
      const value = row[headway] ?? '';
      if (!/^\d{1,9}$/.test(value) || Number(value) <= 0) {
        throw new DataError('BAD_VALUE', { file: 'frequencies.txt', line, field: 'headway_secs', value }, { de: 'ist keine ganze Zahl von Sekunden > 0', en: 'is not a whole number of seconds > 0' });
      }
      if (to < from) {
        throw new DataError('BAD_TIME', { file: 'frequencies.txt', line, field: 'end_time', value: row[end] ?? '' }, {
          de: `liegt vor start_time "${row[start]}"`,
          en: `is before start_time "${row[start]}"`,
        });
      }
      if (dropped[t] === 1) return;
      runs += Math.ceil((to - from) / Number(value));
      if (runs > MAX_FREQUENCY_RUNS) {
        throw new DataError('TOO_MANY_RUNS', { file: 'frequencies.txt', line, field: 'headway_secs', value }, {
          de: `ergibt mit den Zeilen davor ${runs.toLocaleString('de-DE')} Fahrten; höchstens ${MAX_FREQUENCY_RUNS.toLocaleString('de-DE')} werden unterstützt`,
          en: `makes ${runs.toLocaleString('en-GB')} runs with the rows before; at most ${MAX_FREQUENCY_RUNS.toLocaleString('en-GB')} are supported`,
        });
      }
      frequencies.push({ trip: t, startSeconds: from, endSeconds: to, headwaySeconds: Number(value), exactTimes: row[exact] === '1' });
    };
  });

  const transfers: CollectedFeed['transfers'] = [];
  await read('transfers.txt', (table) => {
    const from = column(table, 'from_stop_id', false);
    const to = column(table, 'to_stop_id', false);
    const minTime = column(table, 'min_transfer_time', false);
    const type = table.header.indexOf('transfer_type');
    const fromRoute = table.header.indexOf('from_route_id');
    const toRoute = table.header.indexOf('to_route_id');
    const fromTrip = table.header.indexOf('from_trip_id');
    const toTrip = table.header.indexOf('to_trip_id');
    return (row, line) => {
      for (const [index, field] of [
        [from, 'from_stop_id'],
        [to, 'to_stop_id'],
      ] as const) {
        const value = index === undefined ? '' : (row[index] ?? '');
        if (value !== '' && !stopIndex.has(value)) {
          warn('UNKNOWN_STOP', `transfers.txt:${line}: ${field} "${value}" steht nicht in stops.txt (Zeile übergangen)`, `transfers.txt:${line}: ${field} "${value}" is not in stops.txt (row ignored)`);
        }
      }
      const seconds = minTime === undefined ? '' : (row[minTime] ?? '');
      if (seconds !== '' && !/^\d{1,6}$/.test(seconds)) {
        throw new DataError('BAD_VALUE', { file: 'transfers.txt', line, field: 'min_transfer_time', value: seconds }, {
          de: 'ist keine ganze Zahl von Sekunden ≥ 0',
          en: 'is not a whole number of seconds ≥ 0',
        });
      }
      // Route-scoped rows (from_route_id/to_route_id) are not modelled, like trip-scoped ones are
      // only kept for their trips; transfer_type 4 and 5 (in-seat) are not routed.
      const fromStop = stopIndex.get(row[from ?? -1] ?? '');
      const toStop = stopIndex.get(row[to ?? -1] ?? '');
      const transferType = Number(row[type] || 0);
      if ((row[fromRoute] ?? '') !== '' || (row[toRoute] ?? '') !== '' || fromStop === undefined || toStop === undefined || transferType > 3) return;
      transfers.push({
        fromStop,
        toStop,
        type: transferType,
        minTransferSeconds: seconds === '' ? undefined : Number(seconds),
        fromTrip: row[fromTrip] ? (tripIndex.get(row[fromTrip]!) ?? -1) : -1,
        toTrip: row[toTrip] ? (tripIndex.get(row[toTrip]!) ?? -1) : -1,
      });
    };
  });

  let feedInfoStartDate: number | null = null;
  let feedInfoEndDate: number | null = null;
  await read('feed_info.txt', (table) => {
    const start = column(table, 'feed_start_date', false);
    const end = column(table, 'feed_end_date', false);
    let first = true;
    return (row, line) => {
      const dates = [start, end].map((index) => (index !== undefined && (row[index] ?? '') !== '' ? checkDate(table, row, index, line) : null));
      if (first) [feedInfoStartDate, feedInfoEndDate] = dates as [number | null, number | null];
      first = false;
    };
  });

  if (options.workDir && droppedIds.size > 0) {
    // Dropped trips leave the files they appear in; the rest is handed on as read.
    for (const file of ['trips.txt', 'stop_times.txt', 'frequencies.txt']) {
      if (source.files.has(file)) await removeTrips(path.join(options.workDir, file), droppedIds);
    }
  }

  const part = buildFeedPart({
    agencyNames,
    agencyTimeZones: agencyZones,
    stopId,
    stopName,
    stopLat,
    stopLon,
    routeId,
    routeShort,
    routeLong,
    routeType,
    services,
    tripId,
    tripRoute: Int32Array.from(tripRoute),
    tripService: Int32Array.from(tripService),
    tripOnlyServices: [...tripOnlyServices.keys()],
    tripHeadsign,
    dropped,
    stopTimes,
    grouped,
    frequencies,
    transfers,
    feedInfoStartDate,
    feedInfoEndDate,
  });
  return { validation: { problems, problemCounts }, part };
}

/** CSV options shared by the check and the rewrite: the same rows in both. */
const CSV_OPTIONS = { info: true, relax_column_count: true, skip_empty_lines: true, trim: true } as const;

/**
 * Streams one file: detects its encoding, decodes it, copies the text to `workDir`, parses it and
 * hands each well-formed row to the check `start(table)` returns once the header is known.
 */
async function readRows(source: FeedSource, file: string, warn: Warn, workDir: string | undefined, start: (table: Table) => RowCheck): Promise<void> {
  const { encoding, plain } = await scanBytes(source, file, warn);
  const sinkPath = workDir ? path.join(workDir, file) : '';
  const sink = workDir ? createWriteStream(sinkPath) : undefined;
  // A failed write (TMPDIR full) is reported with the file it was for; later errors of a stream
  // destroyed on purpose are expected and ignored.
  let sinkError: NodeJS.ErrnoException | undefined;
  sink?.on('error', (error: NodeJS.ErrnoException) => {
    sinkError ??= Object.assign(error, { path: error.path ?? sinkPath });
  });
  let check: RowCheck | undefined;
  let width = 0;
  const rows = async (records: AsyncIterable<{ record: string[]; info: { lines: number } }>): Promise<void> => {
    for await (const { record, info } of records) {
      if (check === undefined) {
        const header = record.map((name) => name.trim().toLowerCase());
        width = header.length;
        check = start({ file, header });
        continue;
      }
      if (record.length !== width) {
        // A trailing empty field or a single empty line is harmless; anything else is a broken row.
        if (!(record.length === 1 && record[0] === '')) {
          throw new DataError(
            'MALFORMED_ROW',
            { file, line: info.lines },
            { de: `hat ${record.length} Felder, die Kopfzeile aber ${width}`, en: `has ${record.length} fields, but the header has ${width}` },
          );
        }
        continue;
      }
      check(record, info.lines);
    }
  };
  try {
    const text = decode(source.stream(file), encoding, sink);
    await (plain ? rows(splitPlainCsv(text)) : pipeline(text, parse(CSV_OPTIONS), rows));
    if (sink) {
      sink.end();
      await once(sink, 'close');
      if (sinkError) throw sinkError;
    }
  } catch (error) {
    sink?.destroy();
    if (sinkError) throw sinkError;
    const code = (error as { code?: unknown }).code;
    // csv-parse's codes: CSV_QUOTE_NOT_CLOSED, CSV_INVALID_CLOSING_QUOTE … and INVALID_OPENING_QUOTE
    // (a quote inside an unquoted field, `Haldensleben "Markt"`), which has no CSV_ prefix.
    if (typeof code === 'string' && (code.startsWith('CSV_') || code === 'INVALID_OPENING_QUOTE')) {
      const { lines: line, index } = error as { lines?: number; index?: number };
      if (code === 'INVALID_OPENING_QUOTE' && typeof index === 'number') {
        throw new DataError('MALFORMED_CSV', { file, line }, {
          de: `ist kein gültiges CSV: Anführungszeichen mitten im Text in Feld ${index + 1} (den ganzen Wert in "…" setzen und innere " verdoppeln)`,
          en: `is not valid CSV: a quote inside the text in field ${index + 1} (put the whole value in "…" and double inner ")`,
        }, { cause: error });
      }
      if (code === 'CSV_QUOTE_NOT_CLOSED') {
        // csv-parse names the end of the file; the record with the open quote starts earlier.
        throw new DataError('MALFORMED_CSV', { file, line: await recordStartLine(source, file, encoding, line ?? Infinity) }, {
          de: 'ist kein gültiges CSV: ein Anführungszeichen wird bis zum Dateiende nicht geschlossen',
          en: 'is not valid CSV: a quote is not closed before the end of the file',
        }, { cause: error });
      }
      if (code === 'CSV_INVALID_CLOSING_QUOTE' || code === 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE') {
        const after = /got "(.*?)"/.exec(String((error as Error).message))?.[1];
        const shown = { de: after === undefined ? '' : ` „${after}“`, en: after === undefined ? '' : ` "${after}"` };
        const first = typeof line === 'number' ? await recordStartLine(source, file, encoding, line) : undefined;
        if (first !== undefined && line! > first) {
          // The record runs over several lines: a quote opened on its first line closed only here.
          throw new DataError('MALFORMED_CSV', { file, line: first }, {
            de: `ist kein gültiges CSV: ein Anführungszeichen in dieser Zeile wird nicht geschlossen (das nächste steht erst in Zeile ${line}, vor${shown.de || ' weiterem Text'})`,
            en: `is not valid CSV: a quote on this line is not closed (the next one is only on line ${line}, before${shown.en || ' more text'})`,
          }, { cause: error });
        }
        throw new DataError('MALFORMED_CSV', { file, line }, {
          de: `ist kein gültiges CSV: Text${shown.de} nach dem schließenden Anführungszeichen (den ganzen Wert in "…" setzen und innere " verdoppeln)`,
          en: `is not valid CSV: text${shown.en} after the closing quote (put the whole value in "…" and double inner ")`,
        }, { cause: error });
      }
      const reason = String((error as Error).message).replace(/^Invalid Record Length:.*|^[A-Za-z ]+: /, '');
      throw new DataError('MALFORMED_CSV', { file, line }, { de: `ist kein gültiges CSV (${code}): ${reason}`, en: `is not valid CSV: ${reason}` }, { cause: error });
    }
    throw error;
  }
  // An empty file still needs its columns.
  if (check === undefined) start({ file, header: [] });
}

/**
 * The line on which the record that csv-parse refused on `errorLine` starts: a record runs over
 * several lines only inside quotes, so this is the line after the last newline outside quotes.
 * Read again only for the error message, so that the good path pays nothing for it. Up to the
 * error the text is valid CSV (csv-parse stops at the first fault), so counting quotes is enough:
 * a doubled quote inside a quoted field toggles twice.
 */
async function recordStartLine(source: FeedSource, file: string, encoding: 'utf-8' | 'windows-1252', errorLine: number): Promise<number> {
  let line = 1;
  let start = 1;
  let quoted = false;
  for await (const text of decode(source.stream(file), encoding, undefined)) {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === 34) quoted = !quoted;
      else if (code === 10) {
        line++;
        if (!quoted) start = line;
        if (line >= errorLine) return start;
      }
    }
  }
  return start;
}

/**
 * Splits CSV text that has no quote and no carriage return into records as csv-parse does with
 * {@link CSV_OPTIONS} (fields trimmed, empty lines skipped, `lines` = physical line): such text
 * has no other syntax than commas and newlines. About twice as fast as csv-parse, which matters
 * at 35 M rows; anything with quotes goes through csv-parse.
 */
async function* splitPlainCsv(texts: AsyncIterable<string>): AsyncIterable<{ record: string[]; info: { lines: number } }> {
  let carry = '';
  let line = 0;
  const record = (text: string): { record: string[]; info: { lines: number } } => {
    const fields = text.split(',');
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i]!;
      // Trim only what needs it: most fields have no surrounding white space.
      if (field.length > 0 && (field.charCodeAt(0) <= 32 || field.charCodeAt(field.length - 1) <= 32 || field.charCodeAt(0) > 127 || field.charCodeAt(field.length - 1) > 127)) {
        fields[i] = field.trim();
      }
    }
    return { record: fields, info: { lines: line } };
  };
  for await (const text of texts) {
    const lines = (carry + text).split('\n');
    carry = lines.pop()!;
    const records: { record: string[]; info: { lines: number } }[] = [];
    for (const one of lines) {
      line++;
      if (one !== '') records.push(record(one));
    }
    yield* records;
  }
  line++;
  if (carry !== '') yield record(carry);
}

/** Decodes byte chunks to text (BOM removed), writing the text to `sink` as well. */
async function* decode(chunks: AsyncIterable<Buffer>, encoding: 'utf-8' | 'windows-1252', sink: WriteStream | undefined): AsyncIterable<string> {
  const decoder = new TextDecoder(encoding, { ignoreBOM: true });
  let first = true;
  const emit = async (text: string): Promise<void> => {
    if (sink && !sink.write(text)) {
      // Wait for room, or for the end of a stream that failed (its error is thrown below).
      await new Promise<void>((resolve) => {
        const done = (): void => {
          sink.off('drain', done);
          sink.off('close', done);
          resolve();
        };
        sink.on('drain', done);
        sink.on('close', done);
      });
    }
    if (sink?.errored) throw sink.errored;
  };
  for await (const chunk of chunks) {
    let bytes = chunk;
    if (first && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    first = false;
    const text = decoder.decode(bytes, { stream: true });
    if (text === '') continue;
    await emit(text);
    yield text;
  }
  const rest = decoder.decode();
  if (rest !== '') {
    await emit(rest);
    yield rest;
  }
}

/**
 * The first pass over a file's bytes. Encoding: UTF-8 (BOM ignored), or — if the file is not
 * valid UTF-8 — Windows-1252 with a warning naming the first line that is not UTF-8 (never
 * silently U+FFFD); the bytes are checked line-aligned: a newline byte never occurs inside a
 * UTF-8 sequence, so whole lines can be checked alone. `plain`: the file has no quote and no
 * carriage return, so {@link splitPlainCsv} may parse it.
 */
async function scanBytes(source: FeedSource, file: string, warn: Warn): Promise<{ encoding: 'utf-8' | 'windows-1252'; plain: boolean }> {
  let plain = true;
  let carry = Buffer.alloc(0);
  let line = 1;
  let first = true;
  const badLine = (bytes: Buffer): number | undefined => {
    if (isUtf8(bytes)) {
      for (let i = bytes.indexOf(0x0a); i !== -1; i = bytes.indexOf(0x0a, i + 1)) line++;
      return undefined;
    }
    let start = 0;
    for (let i = 0; i <= bytes.length; i++) {
      if (i === bytes.length || bytes[i] === 0x0a) {
        if (!isUtf8(bytes.subarray(start, i))) return line;
        line++;
        start = i + 1;
      }
    }
    return line;
  };
  let bad: number | undefined;
  for await (const chunk of source.stream(file)) {
    if (plain && (chunk.includes(0x22) || chunk.includes(0x0d))) plain = false;
    let bytes = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    if (first && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    if (first) refuseUtf16(file, bytes);
    first = false;
    const end = bytes.lastIndexOf(0x0a) + 1;
    bad = badLine(bytes.subarray(0, end));
    if (bad !== undefined) break;
    carry = Buffer.from(bytes.subarray(end));
  }
  if (bad === undefined && carry.length > 0) bad = badLine(carry);
  if (bad === undefined) return { encoding: 'utf-8', plain };
  warn('NOT_UTF8', `${file}:${bad}: ist kein UTF-8; die Datei wird als Latin-1 (Windows-1252) gelesen`, `${file}:${bad}: is not UTF-8; the file is read as Latin-1 (Windows-1252)`);
  // The bytes after the first bad line were not looked at: csv-parse handles whatever they hold.
  return { encoding: 'windows-1252', plain: false };
}

/**
 * Refuses UTF-16 (a BOM, or NUL bytes at the start): read as Latin-1 it would be a NUL before every
 * character, and csv-parse would blame a quote or a column instead of the encoding.
 */
function refuseUtf16(file: string, bytes: Buffer): void {
  const bom = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (!bom && !bytes.subarray(0, 4096).includes(0)) return;
  throw new DataError('NOT_UTF8', { file }, {
    de: `ist ${bom ? 'UTF-16' : 'keine Textdatei in UTF-8 (Null-Bytes, vermutlich UTF-16)'}; GTFS-Dateien müssen UTF-8 sein`,
    en: `is ${bom ? 'UTF-16' : 'not a UTF-8 text file (NUL bytes, probably UTF-16)'}; GTFS files must be UTF-8`,
  });
}

/** Rewrites a checked file of the work folder without the rows of the given trips. */
async function removeTrips(file: string, trips: ReadonlySet<string>): Promise<void> {
  let header: string[] | undefined;
  let trip = -1;
  async function* kept(records: AsyncIterable<{ record: string[] }>): AsyncIterable<string[]> {
    for await (const { record } of records) {
      if (header === undefined) {
        header = record.map((name) => name.trim().toLowerCase());
        trip = header.indexOf('trip_id');
        yield header;
      } else if (record.length === header.length && !trips.has(record[trip] ?? '')) {
        yield record;
      }
    }
  }
  const partial = `${file}.without-dropped`;
  try {
    await pipeline(createReadStream(file), parse(CSV_OPTIONS), kept, stringify(), createWriteStream(partial));
    await rename(partial, file);
  } catch (error) {
    // Named like a failed write of the work folder (TMPDIR full), which it is.
    throw Object.assign(error as NodeJS.ErrnoException, { path: (error as NodeJS.ErrnoException).path ?? partial });
  }
}

/**
 * Finds the first impossible time of a trip (its rows in stop_sequence order): a departure
 * before the arrival at one stop, or a time before the previous stop's. A stop_sequence used
 * twice is fatal (the order of the stops is unknown).
 */
function timeTravel(tripId: string, columns: StopTimeColumns, rows: Int32Array): { fatal?: DataError; de: string; en: string } | undefined {
  let previous = -1;
  let previousLine = 0;
  let previousSeq = -1;
  for (const i of rows) {
    const [seq, arrival, departure, line] = [columns.sequence[i]!, columns.arrival[i]!, columns.departure[i]!, columns.line[i]!];
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


/** The row check of a file's {@link SCHEMA}: required values, the primary key, number ranges. */
function schemaCheck(table: Table): RowCheck {
  const schema = SCHEMA[table.file];
  if (!schema) return () => undefined;
  const required = (schema.required ?? []).map((name) => column(table, name, true));
  // The gtfs package's primary key: a second row with the same key would abort its import.
  const keyIndices = schema.key?.map((name) => table.header.indexOf(name));
  const seen = new Map<string, number>();
  const ranges = Object.entries(schema.ranges ?? {}).flatMap(([name, [min, max, integer]]) => {
    const index = column(table, name, false);
    return index === undefined ? [] : [{ name, index, min, max, integer, shape: integer ? /^-?\d{1,12}$/ : /^[-+]?(\d+\.?\d*|\.\d+)$/ }];
  });
  return (row, line) => {
    for (const index of required) requireValue(table, row, index, line);
    if (keyIndices) {
      const values = keyIndices.map((index) => (index === -1 ? '' : (row[index] ?? '')));
      // An empty part is NULL in SQLite, and NULLs never collide in a key.
      if (!values.some((value) => value === '')) {
        const key = values.join('\u0000');
        const first = seen.get(key);
        if (first !== undefined) {
          throw new DataError('DUPLICATE_KEY', { file: table.file, line, field: schema.key!.join(', '), value: values.join(', ') }, {
            de: `kommt zweimal vor (auch Zeile ${first})`,
            en: `appears twice (also line ${first})`,
          });
        }
        seen.set(key, line);
      }
    }
    for (const { name, index, min, max, integer, shape } of ranges) {
      const value = row[index] ?? '';
      if (value === '') continue;
      const number = Number(value);
      if (!shape.test(value) || number < min || number > max) {
        const kind = integer ? { de: 'ganze Zahl', en: 'whole number' } : { de: 'Zahl', en: 'number' };
        throw new DataError('BAD_VALUE', { file: table.file, line, field: name, value }, {
          de: `ist keine ${kind.de} von ${min} bis ${max}`,
          en: `is not a ${kind.en} from ${min} to ${max}`,
        });
      }
    }
  };
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

/** Checks a GTFS time (empty allowed unless required); returns its clock seconds, -1 when empty. */
function checkTime(file: string, line: number, field: string, value: string, required = false): number {
  if (value === '' && !required) return -1;
  const seconds = parseGtfsTime(value);
  if (seconds === undefined) {
    throw new DataError('BAD_TIME', { file, line, field, value }, { de: 'ist keine Uhrzeit wie H:MM:SS', en: 'is not a time like H:MM:SS' });
  }
  return seconds;
}
