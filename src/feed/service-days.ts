/**
 * Which services run on which date, over the whole service range of merged feeds: per date the
 * trips of each feed and the services that run. Computed once per feed set by walking each
 * service's own dates (its calendar.txt range on its weekdays, then its calendar_dates.txt
 * rows) instead of asking every service about every date: the calendar, the day types and the
 * feed coverage all count trips per date, and one `check` used to pay for three passes of
 * 400 dates × 220 services in code that had not been optimised yet.
 *
 * Only services with trips count, as everywhere trips are counted; they run on no date outside
 * the range (the range is where the feeds' trips run, see `FeedSummary.firstServiceDate`).
 */
import type { FeedSet } from './load-feeds.js';
import { addDays, isoWeekday, parseIsoDate } from '../time/clock.js';

/** The service of each date in the range; see {@link serviceDays}. */
export interface ServiceDays {
  /** The dates of the range, one after the other, as GTFS integers (empty when no feed runs). */
  readonly dates: Int32Array;
  /** Trips of each feed (in load order) per date: `tripsPerFeed[f][i]` on `dates[i]`. */
  readonly tripsPerFeed: readonly Int32Array[];
  /** Trips of all feeds per date. */
  readonly trips: Int32Array;
  /** The services with trips that run on `dates[i]`, in ascending index. */
  readonly activeServices: readonly (readonly number[])[];
  /** Position of a date (GTFS integer) in {@link dates}, or -1 outside the range. */
  indexOf(gtfsDate: number): number;
}

const cache = new WeakMap<FeedSet, ServiceDays>();

/**
 * The service days of a feed set (computed on first use, then cached with it).
 *
 * @example
 * ```ts
 * const days = serviceDays(feeds);
 * days.trips[days.indexOf(20261208)]; // trips of all feeds on Tue, 08.12.2026
 * ```
 */
export function serviceDays(feeds: FeedSet): ServiceDays {
  const cached = cache.get(feeds);
  if (cached) return cached;
  const first = firstServiceDate(feeds);
  const last = lastServiceDate(feeds);
  const dateList: number[] = [];
  if (first !== undefined && last !== undefined) for (let date = first; date <= last; date = addDays(date, 1)) dateList.push(date);
  const dates = Int32Array.from(dateList);
  const positions = new Map<number, number>();
  dates.forEach((date, i) => positions.set(date, i));
  const indexOf = (gtfsDate: number): number => positions.get(gtfsDate) ?? -1;
  const weekdayBits = Uint8Array.from(dateList, (date) => 1 << (isoWeekday(date) - 1));

  const tripsPerService = new Int32Array(feeds.services.length);
  for (let t = 0; t < feeds.trips.count; t++) tripsPerService[feeds.trips.service[t]!]!++;
  const tripsPerFeed = feeds.feeds.map(() => new Int32Array(dates.length));
  const trips = new Int32Array(dates.length);
  const activeServices: number[][] = dateList.map(() => []);
  const run = (s: number, i: number, count: number, feedTrips: Int32Array): void => {
    feedTrips[i]! += count;
    trips[i]! += count;
    activeServices[i]!.push(s);
  };
  feeds.services.forEach((service, s) => {
    const count = tripsPerService[s]!;
    if (count === 0) return;
    const feedTrips = tripsPerFeed[service.feed]!;
    // calendar.txt: the range on its weekdays, but for removed dates (removal wins).
    const inRange = (date: number): boolean =>
      service.startDate !== 0 && date >= service.startDate && date <= service.endDate && (service.weekdayMask & weekdayBits[indexOf(date)]!) !== 0;
    if (service.startDate !== 0 && service.weekdayMask !== 0) {
      const from = Math.max(0, lowerBound(dates, service.startDate));
      const to = lowerBound(dates, service.endDate + 1);
      for (let i = from; i < to; i++) {
        if ((service.weekdayMask & weekdayBits[i]!) !== 0 && !service.removed.has(dates[i]!)) run(s, i, count, feedTrips);
      }
    }
    // calendar_dates.txt: added dates not already in the range.
    for (const date of service.added) {
      const i = indexOf(date);
      if (i < 0 || service.removed.has(date) || inRange(date)) continue;
      run(s, i, count, feedTrips);
    }
  });
  // Services are walked in index order, so each date's list is ascending.
  const days: ServiceDays = { dates, tripsPerFeed, trips, activeServices, indexOf };
  cache.set(feeds, days);
  return days;
}

/** First date on which any feed has service (GTFS integer), undefined if none. */
export function firstServiceDate(feeds: FeedSet): number | undefined {
  const dates = feeds.feeds.map((feed) => feed.firstServiceDate).filter((date): date is string => date !== null);
  return dates.length ? parseIsoDate(dates.sort()[0]!) : undefined;
}

/** Last date on which any feed has service (GTFS integer), undefined if none. */
export function lastServiceDate(feeds: FeedSet): number | undefined {
  const dates = feeds.feeds.map((feed) => feed.lastServiceDate).filter((date): date is string => date !== null);
  return dates.length ? parseIsoDate(dates.sort()[dates.length - 1]!) : undefined;
}

/** First position in ascending `values` holding at least `value`. */
function lowerBound(values: Int32Array, value: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
