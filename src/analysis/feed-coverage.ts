/**
 * What each loaded feed really covers: its first and last date with trips, the validity its
 * feed_info.txt claims, and where its service drops to a fraction for good (the MVB feed of
 * June 2026 runs about 4,200 trips a weekday until 2026-07-03 and at most 761 after). From these,
 * the dates on which every feed runs — the dates a merged answer can be trusted for — and the
 * feed that limits them.
 *
 * A drop counts when, from some weekday on to the end of the feed, no weekday (Mo–Fr) reaches
 * {@link REDUCED_SHARE} of the feed's busiest weekday: single holidays inside the service do not
 * count, since later weekdays climb back, nor does a short tail such as the last day of a year.
 */
import type { FeedSet } from '../feed/load-feeds.js';
import { formatNumber } from '../format-number.js';
import { formatIsoDate, isoWeekday, parseIsoDate } from '../time/clock.js';
import { serviceDays } from '../feed/service-days.js';

/** A weekday below this share of the feed's busiest weekday counts as reduced service. */
export const REDUCED_SHARE = 0.25;
/** A drop counts only when it lasts at least this many weekdays (not the last day of a year). */
const REDUCED_MIN_WEEKDAYS = 5;

/** The coverage of one feed. */
export interface FeedCoverage {
  /** Feed label (file name without extension). */
  label: string;
  /** First and last date with at least one trip (`YYYY-MM-DD`), null if none. */
  firstServiceDate: string | null;
  lastServiceDate: string | null;
  /** Validity stated in feed_info.txt, null if absent. */
  feedInfoEndDate: string | null;
  /** Trips on the busiest weekday. */
  peakWeekdayTrips: number;
  /** From this date on, every weekday runs at most {@link FeedCoverage.reducedMaxTrips}; null if the service never drops for good. */
  reducedFrom: string | null;
  reducedMaxTrips: number | null;
}

/** The dates every loaded feed runs on, and which feed sets each end. */
export interface CommonRange {
  /** `YYYY-MM-DD`, or null when the feeds share no date. */
  from: string | null;
  to: string | null;
  /** Label of the feed whose service starts last / ends first. */
  fromLimitedBy: string | null;
  toLimitedBy: string | null;
}

const coverageCache = new WeakMap<FeedSet, { coverage: FeedCoverage[]; tripsPerDate: Map<number, number>[] }>();

/** Trips per feed and date, computed once per feed set. */
function compute(feeds: FeedSet): { coverage: FeedCoverage[]; tripsPerDate: Map<number, number>[] } {
  const cached = coverageCache.get(feeds);
  if (cached) return cached;
  const service = serviceDays(feeds);
  const tripsPerDate = feeds.feeds.map(() => new Map<number, number>());
  const coverage = feeds.feeds.map((feed, index): FeedCoverage => {
    const counts = tripsPerDate[index]!;
    let peak = 0;
    if (feed.firstServiceDate && feed.lastServiceDate) {
      // The feed's range lies within the service days of the feed set.
      const first = service.indexOf(parseIsoDate(feed.firstServiceDate)!);
      const last = service.indexOf(parseIsoDate(feed.lastServiceDate)!);
      for (let i = first; i <= last; i++) {
        const date = service.dates[i]!;
        const trips = service.tripsPerFeed[index]![i]!;
        counts.set(date, trips);
        if (isoWeekday(date) <= 5) peak = Math.max(peak, trips);
      }
    }
    // Walk back from the end while every weekday stays below the reduced share.
    let reducedFrom: number | null = null;
    let reducedMax = 0;
    let reducedWeekdays = 0;
    const dates = [...counts.keys()].sort((a, b) => b - a);
    for (const date of dates) {
      if (isoWeekday(date) > 5) continue;
      const trips = counts.get(date)!;
      if (trips >= peak * REDUCED_SHARE) break;
      reducedFrom = date;
      reducedMax = Math.max(reducedMax, trips);
      reducedWeekdays++;
    }
    if (reducedWeekdays < REDUCED_MIN_WEEKDAYS) reducedFrom = null;
    const reduced = reducedFrom !== null && feed.firstServiceDate !== null && formatIsoDate(reducedFrom) > feed.firstServiceDate;
    return {
      label: feed.label,
      firstServiceDate: feed.firstServiceDate,
      lastServiceDate: feed.lastServiceDate,
      feedInfoEndDate: feed.feedInfoEndDate,
      peakWeekdayTrips: peak,
      reducedFrom: reduced ? formatIsoDate(reducedFrom!) : null,
      reducedMaxTrips: reduced ? reducedMax : null,
    };
  });
  const result = { coverage, tripsPerDate };
  coverageCache.set(feeds, result);
  return result;
}

/**
 * The coverage of every loaded feed, in load order.
 *
 * @example
 * ```ts
 * feedCoverage(feeds).map((c) => `${c.label}: ${c.firstServiceDate} – ${c.lastServiceDate}`);
 * ```
 */
export function feedCoverage(feeds: FeedSet): FeedCoverage[] {
  return compute(feeds).coverage;
}

/** Trips of each feed on a date (`YYYY-MM-DD`), in load order. */
export function tripsPerFeed(feeds: FeedSet, date: string): number[] {
  const gtfsDate = parseIsoDate(date);
  return compute(feeds).tripsPerDate.map((counts) => (gtfsDate === undefined ? 0 : (counts.get(gtfsDate) ?? 0)));
}

/** The dates on which every loaded feed has service, and the feeds that limit them. */
export function commonServiceRange(feeds: FeedSet): CommonRange {
  let from: string | null = null;
  let to: string | null = null;
  let fromLimitedBy: string | null = null;
  let toLimitedBy: string | null = null;
  for (const feed of feeds.feeds) {
    if (!feed.firstServiceDate || !feed.lastServiceDate) return { from: null, to: null, fromLimitedBy: feed.label, toLimitedBy: feed.label };
    if (from === null || feed.firstServiceDate > from) {
      from = feed.firstServiceDate;
      fromLimitedBy = feed.label;
    }
    if (to === null || feed.lastServiceDate < to) {
      to = feed.lastServiceDate;
      toLimitedBy = feed.label;
    }
  }
  if (from !== null && to !== null && from > to) return { from: null, to: null, fromLimitedBy, toLimitedBy };
  return { from, to, fromLimitedBy, toLimitedBy };
}

/**
 * Lines for `import` and `calendar`: per feed its real service range (and the drop to a fraction),
 * then where the feeds end at different dates and which dates all of them cover.
 */
export function coverageLines(feeds: FeedSet, lang: 'de' | 'en'): string[] {
  const de = lang === 'de';
  const number = (n: number): string => formatNumber(n, lang);
  const lines: string[] = [];
  const coverage = feedCoverage(feeds);
  for (const feed of coverage) {
    if (!feed.firstServiceDate) {
      lines.push(`${feed.label}: ${de ? 'keine Fahrten an irgendeinem Tag' : 'no service on any date'}`);
      continue;
    }
    const claimed =
      feed.feedInfoEndDate && feed.feedInfoEndDate !== feed.lastServiceDate
        ? de
          ? ` (feed_info.txt nennt ${feed.feedInfoEndDate})`
          : ` (feed_info.txt states ${feed.feedInfoEndDate})`
        : '';
    let line = `${feed.label}: ${de ? 'Fahrten' : 'service'} ${feed.firstServiceDate} ${de ? 'bis' : 'to'} ${feed.lastServiceDate}${claimed}`;
    if (feed.reducedFrom && feed.reducedMaxTrips !== null) {
      const share = Math.round((100 * feed.reducedMaxTrips) / feed.peakWeekdayTrips);
      line += de
        ? `; ab ${feed.reducedFrom} nur noch ein Bruchteil: höchstens ${number(feed.reducedMaxTrips)} statt bis zu ${number(feed.peakWeekdayTrips)} Fahrten je Werktag (${share} %)`
        : `; from ${feed.reducedFrom} only a fraction: at most ${number(feed.reducedMaxTrips)} instead of up to ${number(feed.peakWeekdayTrips)} trips a weekday (${share} %)`;
    }
    lines.push(line);
  }
  if (coverage.length > 1) {
    const range = commonServiceRange(feeds);
    const ends = new Set(coverage.map((feed) => feed.lastServiceDate));
    const starts = new Set(coverage.map((feed) => feed.firstServiceDate));
    if (range.from === null) lines.push(de ? 'Die Fahrpläne haben keinen gemeinsamen Tag mit Verkehr.' : 'The timetables share no date with service.');
    else if (ends.size > 1 || starts.size > 1) {
      lines.push(
        de
          ? `Die Fahrpläne enden an verschiedenen Tagen: alle fahren nur von ${range.from} bis ${range.to} (Ende durch ${range.toLimitedBy}${starts.size > 1 ? `, Beginn durch ${range.fromLimitedBy}` : ''}); andere Tage werden abgelehnt`
          : `The timetables end on different dates: all of them run only from ${range.from} to ${range.to} (end set by ${range.toLimitedBy}${starts.size > 1 ? `, start by ${range.fromLimitedBy}` : ''}); other dates are refused`,
      );
    } else lines.push(de ? `Alle Fahrpläne fahren von ${range.from} bis ${range.to}` : `All timetables run from ${range.from} to ${range.to}`);
  }
  return lines;
}
