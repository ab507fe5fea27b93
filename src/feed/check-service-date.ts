/**
 * Refuses dates on which no feed runs, with the feeds' real service ranges, so that a date
 * beyond the timetable never reads as "nothing is reachable". The NASA feeds state validity
 * until 2027-06-04 in feed_info.txt but have no trips after 2026-12-31; the message says both.
 */
import { UsageError } from '../errors.js';
import { addDays, formatIsoDate, requireGtfsDate } from '../time/clock.js';
import type { FeedSet } from './load-feeds.js';

/**
 * Throws a {@link UsageError} (code `NO_SERVICE`) if the date lies outside the service range of
 * every feed, widened by one day on each side (a search uses the trips of the day before and
 * after: the night before the first service day can still reach its first trips). Returns the labels of feeds that have no service range covering the date (for a
 * warning when several feeds are merged and only some end early).
 */
export function checkServiceDate(feeds: FeedSet, gtfsDate: number, flag = '--date'): string[] {
  const iso = formatIsoDate(requireGtfsDate(gtfsDate, flag));
  const before = formatIsoDate(addDays(gtfsDate, 1));
  const after = formatIsoDate(addDays(gtfsDate, -1));
  const outside = feeds.feeds.filter(
    (feed) => feed.firstServiceDate === null || before < feed.firstServiceDate || after > (feed.lastServiceDate ?? ''),
  );
  if (outside.length === feeds.feeds.length) {
    const ranges = (lang: 'de' | 'en'): string =>
      feeds.feeds
        .map((feed) => {
          const range = feed.firstServiceDate
            ? `${feed.firstServiceDate} ${lang === 'de' ? 'bis' : 'to'} ${feed.lastServiceDate}`
            : lang === 'de' ? 'gar kein Verkehr' : 'no service at all';
          const stated =
            feed.feedInfoEndDate && feed.lastServiceDate && feed.feedInfoEndDate !== feed.lastServiceDate
              ? lang === 'de' ? ` (feed_info.txt behauptet bis ${feed.feedInfoEndDate})` : ` (feed_info.txt claims until ${feed.feedInfoEndDate})`
              : '';
          return `${feed.label}: ${range}${stated}`;
        })
        .join('; ');
    throw new UsageError(
      {
        de: `${flag} ${iso}: der Fahrplan hat an diesem Tag keinen Verkehr; Verkehr gibt es ${ranges('de')}`,
        en: `${flag} ${iso}: the timetable has no service on that date; service runs ${ranges('en')}`,
      },
      flag,
      'NO_SERVICE',
    );
  }
  return outside.map((feed) => feed.label);
}
