/**
 * Raw-feed helpers for the planning tests, independent of `src/`: which services run on a date
 * (calendar.txt weekdays and range, then calendar_dates.txt exceptions), stop times per trip,
 * and a straight-line distance.
 */
import type { RawRecord, RawTables } from '../support/raw-gtfs.js';

const WEEKDAY_COLUMNS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** service_ids running on `yyyymmdd` (e.g. `20261209`). */
export function activeServices(tables: RawTables, yyyymmdd: string): Set<string> {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  const weekday = (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7;
  const active = new Set<string>();
  for (const row of tables.calendar ?? []) {
    if (row.start_date! <= yyyymmdd && yyyymmdd <= row.end_date! && row[WEEKDAY_COLUMNS[weekday]!] === '1') active.add(row.service_id!);
  }
  for (const row of tables.calendar_dates ?? []) {
    if (row.date !== yyyymmdd) continue;
    if (row.exception_type === '1') active.add(row.service_id!);
    if (row.exception_type === '2') active.delete(row.service_id!);
  }
  return active;
}

/** `H:MM:SS` or `HH:MM:SS` → seconds. */
export function seconds(text: string): number {
  const [h, m, s] = text.split(':').map(Number);
  return h! * 3600 + m! * 60 + s!;
}

/** Stop times of the trips running on a date, grouped by trip, in stop_sequence order. */
export function tripsOn(tables: RawTables, yyyymmdd: string): Map<string, RawRecord[]> {
  const services = activeServices(tables, yyyymmdd);
  const running = new Set(tables.trips!.filter((t) => services.has(t.service_id!)).map((t) => t.trip_id!));
  const byTrip = new Map<string, RawRecord[]>();
  for (const st of tables.stop_times!) {
    if (!running.has(st.trip_id!)) continue;
    const list = byTrip.get(st.trip_id!) ?? [];
    list.push(st);
    byTrip.set(st.trip_id!, list);
  }
  for (const list of byTrip.values()) list.sort((a, b) => Number(a.stop_sequence) - Number(b.stop_sequence));
  return byTrip;
}

/** Haversine distance in metres. */
export function haversineMeters(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const r = 6_371_008.8;
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * r * Math.asin(Math.min(1, Math.sqrt(h)));
}
