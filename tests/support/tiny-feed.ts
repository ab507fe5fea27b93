/**
 * Builders that make a hand-made feed read like a timetable, for oracle and router tests:
 *
 *   tinyFeed({
 *     stops: ['A', 'B'],
 *     trips: [trip('t1', ['A', '8:00:00'], ['B', '8:10:00'])],
 *   })
 *
 * Defaults: agency in Europe/Berlin, one route, service "daily" running every day of 2026–2027.
 */
import type { RawRecord, RawTables } from './raw-gtfs.js';

/** One stop of a trip: stop id, time (arrival = departure) or [arrival, departure], optional flags. */
export type StopTimeSpec = [stopId: string, time: string | [arrival: string, departure: string], flags?: { noPickup?: boolean; noDropOff?: boolean }];

/** A trip of a tiny feed. */
export interface TripSpec {
  tripId: string;
  serviceId: string;
  stopTimes: StopTimeSpec[];
}

/** A trip on service "daily" unless `serviceId` is given via {@link tripOn}. */
export function trip(tripId: string, ...stopTimes: StopTimeSpec[]): TripSpec {
  return { tripId, serviceId: 'daily', stopTimes };
}

/** A trip on a named service. */
export function tripOn(serviceId: string, tripId: string, ...stopTimes: StopTimeSpec[]): TripSpec {
  return { tripId, serviceId, stopTimes };
}

/** A stop: id alone (placed far from all others) or with coordinates. */
export type StopSpec = string | [stopId: string, lat: number, lon: number];

/** Input of {@link tinyFeed}; every table may be given raw as well. */
export interface TinyFeedSpec {
  stops: StopSpec[];
  trips: TripSpec[];
  /** calendar.txt rows; default: service "daily" on all weekdays 20260101–20271231. */
  calendar?: RawRecord[];
  calendar_dates?: RawRecord[];
  transfers?: RawRecord[];
  frequencies?: RawRecord[];
  timeZone?: string;
}

/** A calendar.txt row; `days` is seven 0/1 flags Monday..Sunday, e.g. '1111100'. */
export function calendarRow(serviceId: string, days: string, startDate: string, endDate: string): RawRecord {
  const names = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
  const row: RawRecord = { service_id: serviceId, start_date: startDate, end_date: endDate };
  names.forEach((name, i) => (row[name] = days[i] ?? '0'));
  return row;
}

/** Builds raw tables (as `readRawGtfs` would return them) from a spec. */
export function tinyFeed(spec: TinyFeedSpec): RawTables {
  const stops = spec.stops.map((stop, i): RawRecord => {
    const [stopId, lat, lon] = typeof stop === 'string' ? [stop, 50 + i, 10] : stop;
    return { stop_id: stopId, stop_name: stopId, stop_lat: String(lat), stop_lon: String(lon) };
  });
  const stopTimes: RawRecord[] = [];
  for (const t of spec.trips) {
    t.stopTimes.forEach(([stopId, time, flags], i) => {
      const [arrival, departure] = typeof time === 'string' ? [time, time] : time;
      stopTimes.push({
        trip_id: t.tripId,
        stop_id: stopId,
        stop_sequence: String(i),
        arrival_time: arrival,
        departure_time: departure,
        pickup_type: flags?.noPickup ? '1' : '0',
        drop_off_type: flags?.noDropOff ? '1' : '0',
      });
    });
  }
  const tables: RawTables = {
    agency: [{ agency_id: 'A', agency_name: 'Test', agency_url: 'https://example.org', agency_timezone: spec.timeZone ?? 'Europe/Berlin' }],
    stops,
    routes: [{ route_id: 'R', agency_id: 'A', route_short_name: '1', route_type: '3' }],
    trips: spec.trips.map((t) => ({ route_id: 'R', service_id: t.serviceId, trip_id: t.tripId })),
    stop_times: stopTimes,
    calendar: spec.calendar ?? [calendarRow('daily', '1111111', '20260101', '20271231')],
  };
  if (spec.calendar_dates) tables.calendar_dates = spec.calendar_dates;
  if (spec.transfers) tables.transfers = spec.transfers;
  if (spec.frequencies) tables.frequencies = spec.frequencies;
  return tables;
}

/** Seconds from `H:MM:SS` (a tiny local copy so test tables read as times). */
export function hms(value: string): number {
  const [h, m, s] = value.split(':').map(Number);
  return (h ?? 0) * 3600 + (m ?? 0) * 60 + (s ?? 0);
}
