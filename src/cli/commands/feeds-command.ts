/**
 * `erreichbar feeds download` and `erreichbar feeds list`: the NASA timetables for a machine that
 * has none, kept in the cache folder, used whenever `--gtfs` is not given.
 */
import { formatNumber } from '../../format-number.js';
import { Command, Option } from 'commander';
import { defaultCacheDir, progressReporter, writeOutput } from '../io.js';
import type { CliKit } from './cli-kit.js';
import { h } from '../help-text.js';
import { DISTRICT_TIME_ZONE, utcOffsetSeconds } from '../../time/service-day-offset.js';

/** Environment variable that replaces the portal address (a mirror, a test server). */
export const GTFS_URL_ENV = 'ERREICHBAR_GTFS_URL';

interface FeedsFlags {
  cacheDir?: string;
  url?: string;
  lang: string;
  quiet?: boolean;
}

/** Registers `feeds download` and `feeds list`. */
export function registerFeedsCommand(program: Command, kit: Pick<CliKit, 'lang'>): void {
  const feeds = program
    .command('feeds')
    .description(h('Fahrplandaten (NASA-GTFS) herunterladen und anzeigen; ohne --gtfs werden die heruntergeladenen verwendet', 'download and list timetables (NASA GTFS); without --gtfs the downloaded ones are used'))
    .exitOverride();
  const common = (command: Command): Command =>
    command
      .option('--cache-dir <dir>', h('Cache-Ordner (Standard: ~/.cache/erreichbar oder $ERREICHBAR_CACHE_DIR)', 'cache folder (default: ~/.cache/erreichbar or $ERREICHBAR_CACHE_DIR)'))
      .addOption(new Option('--lang <lang>', h('Sprache der Ausgabe: de oder en', 'language of labels: de or en')).default('de'))
      .option('-q, --quiet', h('keine Fortschrittsmeldungen auf stderr', 'no progress messages on stderr'))
      .option('--debug', h('Stacktraces zeigen', 'show stack traces'))
      .exitOverride();

  common(
    feeds
      .command('download')
      .description(
        h(
          'die aktuellen NASA-GTFS-Zips vom Open-Data-Portal laden (eine Datei, die dort fehlt oder unlesbar ist, aus einer öffentlichen Kopie derselben Zips), prüfen und im Cache-Ordner ablegen (mit Downloaddatum und Adresse)',
          'fetch the current NASA GTFS zips from the open-data portal (a file missing or unreadable there from a public copy of the same zips), check them and keep them in the cache folder (with their download date and address)',
        ),
      )
      .argument('[feed...]', h('nur diese: boerdebus, mvb, kvg, njl, pvgs (Standard: alle)', 'only these: boerdebus, mvb, kvg, njl, pvgs (default: all)'))
      .option('--url <base>', h(`nur diese Basisadresse statt Portal und Kopie (auch $${GTFS_URL_ENV})`, `only this base address instead of the portal and the copy (also $${GTFS_URL_ENV})`)),
  ).action(async (names: string[], flags: FeedsFlags) => {
    const { downloadFeeds } = await import('../../feed/download-feeds.js');
    const lang = kit.lang(flags);
    const downloaded = await downloadFeeds({
      cacheDir: flags.cacheDir ?? defaultCacheDir(),
      baseUrl: flags.url ?? (process.env[GTFS_URL_ENV] || undefined),
      names,
      onProgress: progressReporter(!flags.quiet),
    });
    await writeOutput(listText(downloaded, lang), undefined);
  });

  common(feeds.command('list').description(h('die heruntergeladenen Fahrplandaten mit Downloaddatum', 'the downloaded timetables with their download date'))).action(async (flags: FeedsFlags) => {
    const { downloadedFeeds } = await import('../../feed/download-feeds.js');
    await writeOutput(listText(await downloadedFeeds(flags.cacheDir ?? defaultCacheDir()), kit.lang(flags)), undefined);
  });
}

function listText(feeds: readonly { file: string; downloadedAt: string; bytes: number; url: string }[], lang: 'de' | 'en'): string {
  if (feeds.length === 0) {
    return lang === 'en' ? 'No timetables downloaded yet: erreichbar feeds download' : 'Noch keine Fahrplandaten heruntergeladen: erreichbar feeds download';
  }
  // Date and time of the download in the district's zone (in UTC, a download after 23:00 in
  // winter would show the day before).
  const date = (iso: string): string => {
    const instantMs = Date.parse(iso);
    if (Number.isNaN(instantMs)) return iso;
    const local = new Date(instantMs + utcOffsetSeconds(instantMs, DISTRICT_TIME_ZONE) * 1000).toISOString();
    const [y, m, d] = local.slice(0, 10).split('-');
    return lang === 'en' ? `${local.slice(0, 10)} ${local.slice(11, 16)}` : `${d}.${m}.${y} um ${local.slice(11, 16)}`;
  };
  const size = (bytes: number): string => {
    const kb = Math.round(bytes / 1024);
    return `${formatNumber(kb, lang === 'en' ? 'en' : 'de')} KB`;
  };
  const header = lang === 'en' ? `${feeds.length} timetable${feeds.length === 1 ? '' : 's'} (used when --gtfs is not given):` : `${feeds.length} ${feeds.length === 1 ? 'Fahrplan' : 'Fahrpläne'} (verwendet, wenn --gtfs fehlt):`;
  const rows = feeds.map((feed) =>
    lang === 'en'
      ? `  ${feed.file}  ${size(feed.bytes)}, downloaded ${date(feed.downloadedAt)} from ${feed.url}`
      : `  ${feed.file}  ${size(feed.bytes)}, geladen am ${date(feed.downloadedAt)} von ${feed.url}`,
  );
  return [header, ...rows].join('\n');
}
