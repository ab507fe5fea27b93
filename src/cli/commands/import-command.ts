/**
 * `erreichbar import <feed...>`: the summary of imported feeds, as text or JSON, with each feed's
 * real service range (and a drop to a fraction of its trips) and the dates all feeds cover.
 */
import { formatNumber } from '../../format-number.js';
import type { FeedSet } from '../../feed/load-feeds.js';
import { commonServiceRange, coverageLines, feedCoverage } from '../../analysis/feed-coverage.js';

/** Renders the import summary. `elapsedMs` is shown so a cache hit is visible as such. */
export function renderImport(feeds: FeedSet, format: 'text' | 'json', lang: 'de' | 'en', elapsedMs: number): string {
  if (format === 'json') {
    return JSON.stringify(
      {
        feeds: feeds.feeds.map((feed) => ({ ...feed, path: feed.path })),
        mergedStops: feeds.stops.length,
        coverage: feedCoverage(feeds),
        commonServiceRange: commonServiceRange(feeds),
        problems: feeds.problems,
        elapsedMs: Math.round(elapsedMs),
      },
      null,
      2,
    );
  }
  const de = lang === 'de';
  const number = (n: number): string => formatNumber(n, de ? 'de' : 'en');
  const lines: string[] = [];
  for (const feed of feeds.feeds) {
    const origin = feed.cacheHit ? (de ? 'aus dem Cache' : 'from cache') : de ? 'neu importiert' : 'imported';
    lines.push(`${feed.label} (${feed.agencies.join(', ')}) — ${origin}`);
    lines.push(
      de
        ? `  Haltestellen ${number(feed.stops)} · Linien ${number(feed.routes)} · Fahrten ${number(feed.trips)} · Halte ${number(feed.stopTimes)}`
        : `  stops ${number(feed.stops)} · routes ${number(feed.routes)} · trips ${number(feed.trips)} · stop times ${number(feed.stopTimes)}`,
    );
    const stated =
      feed.feedInfoEndDate && feed.feedInfoEndDate !== feed.lastServiceDate
        ? de
          ? ` (feed_info.txt nennt ${feed.feedInfoStartDate} bis ${feed.feedInfoEndDate})`
          : ` (feed_info.txt states ${feed.feedInfoStartDate} to ${feed.feedInfoEndDate})`
        : '';
    lines.push(
      feed.firstServiceDate
        ? `  ${de ? 'Fahrten von' : 'service from'} ${feed.firstServiceDate} ${de ? 'bis' : 'to'} ${feed.lastServiceDate}${stated}`
        : `  ${de ? 'keine Fahrten an irgendeinem Tag' : 'no service on any date'}`,
    );
  }
  if (feeds.feeds.length > 1) lines.push(de ? `Zusammengeführt: ${number(feeds.stops.length)} Haltestellen` : `Merged: ${number(feeds.stops.length)} stops`);
  lines.push(de ? 'Verkehr je Fahrplan:' : 'Service per timetable:', ...coverageLines(feeds, lang).map((line) => `  ${line}`));
  if (feeds.problems.length === 0) lines.push(de ? 'Probleme: keine' : 'Problems: none');
  else {
    lines.push(de ? `Probleme (${feeds.problems.length}):` : `Problems (${feeds.problems.length}):`);
    for (const problem of feeds.problems) lines.push(`  ${problem.feed}: ${de ? problem.message : (problem.messageEn ?? problem.message)}`);
  }
  lines.push(de ? `Dauer: ${Math.round(elapsedMs)} ms` : `Time: ${Math.round(elapsedMs)} ms`);
  return lines.join('\n');
}
