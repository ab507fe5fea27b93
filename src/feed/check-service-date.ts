/**
 * Refuses dates on which a loaded feed has no service, with the feed's real service range, so
 * that a date beyond a timetable never reads as "nothing is reachable". The NASA feeds state
 * validity until 2027-06-04 in feed_info.txt but BördeBus has no trips after 2026-12-31 while MVB
 * runs on: with both loaded, 2027-01-12 would answer every village "nicht erreichbar". A date
 * outside any one feed's service range is therefore refused, naming that feed.
 */
import { UsageError } from '../errors.js';
import { addDays, formatIsoDate, requireGtfsDate } from '../time/clock.js';
import type { FeedSet } from './load-feeds.js';

/**
 * Throws a {@link UsageError} (code `NO_SERVICE`, exit 2) if the date lies outside the service
 * range (first to last date with trips) of any loaded feed, widened by `marginDays` on each side.
 * The message names the feeds without service, their real ranges (and feed_info.txt's claim
 * where it differs), and the dates all feeds cover. Returns an empty list (kept for callers that
 * expected the labels of feeds that end early: there are none once the date is accepted).
 *
 * `marginDays` 1 (the default, for `route`): a search uses the trips of the day before and
 * after, so the night before the first service day can still reach its first trips. Answers per
 * service date (`check`, `report`, `homes`) use 0: a slot on 2027-01-01 must not be judged by
 * the last trips of 2026-12-31 running past midnight.
 */
export function checkServiceDate(feeds: FeedSet, gtfsDate: number, flag = '--date', marginDays = 1): string[] {
  const iso = formatIsoDate(requireGtfsDate(gtfsDate, flag));
  const before = formatIsoDate(addDays(gtfsDate, marginDays));
  const after = formatIsoDate(addDays(gtfsDate, -marginDays));
  const outside = feeds.feeds.filter((feed) => feed.firstServiceDate === null || before < feed.firstServiceDate || after > (feed.lastServiceDate ?? ''));
  if (outside.length === 0) return [];
  const describe = (lang: 'de' | 'en'): string => {
    const de = lang === 'de';
    const ranges = outside
      .map((feed) => {
        if (!feed.firstServiceDate) return `${feed.label}: ${de ? 'keine Fahrten an irgendeinem Tag' : 'no service at all'}`;
        const stated =
          feed.feedInfoEndDate && feed.feedInfoEndDate !== feed.lastServiceDate
            ? de
              ? ` (feed_info.txt behauptet bis ${feed.feedInfoEndDate})`
              : ` (feed_info.txt claims until ${feed.feedInfoEndDate})`
            : '';
        return `${feed.label}: ${feed.firstServiceDate} ${de ? 'bis' : 'to'} ${feed.lastServiceDate}${stated}`;
      })
      .join('; ');
    const label = flag.startsWith('-') ? `${flag} ${iso}` : iso;
    let text = de
      ? `${label}: ${outside.length === feeds.feeds.length ? 'der Fahrplan hat' : outside.length === 1 ? 'ein geladener Fahrplan hat' : 'mehrere geladene Fahrpläne haben'} an diesem Tag keinen Verkehr; Verkehr gibt es ${ranges}`
      : `${label}: ${outside.length === feeds.feeds.length ? 'the timetable has' : outside.length === 1 ? 'a loaded timetable has' : 'several loaded timetables have'} no service on that date; service runs ${ranges}`;
    if (feeds.feeds.length > 1) {
      let from: string | null = null;
      let to: string | null = null;
      let limitedBy = '';
      for (const feed of feeds.feeds) {
        if (!feed.firstServiceDate || !feed.lastServiceDate) continue;
        if (from === null || feed.firstServiceDate > from) from = feed.firstServiceDate;
        if (to === null || feed.lastServiceDate < to) {
          to = feed.lastServiceDate;
          limitedBy = feed.label;
        }
      }
      if (from !== null && to !== null && from <= to) {
        text += de ? `. Alle geladenen Fahrpläne fahren von ${from} bis ${to} (Ende durch ${limitedBy})` : `. All loaded timetables run from ${from} to ${to} (end set by ${limitedBy})`;
      }
    }
    return text;
  };
  throw new UsageError({ de: describe('de'), en: describe('en') }, flag, 'NO_SERVICE');
}
