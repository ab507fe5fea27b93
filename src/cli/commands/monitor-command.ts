/**
 * `erreichbar monitor`: the monitoring sheet per Ortsteil and Gemeinde, with the service
 * standards and, with `--against`, the change since an older timetable.
 */
import { Option, type Command } from 'commander';
import { UsageError } from '../../errors.js';
import { bundledDataPath } from '../../places/bundled-data.js';
import { progressReporter, writeOutput } from '../io.js';
import { parseChoice, parseDateFlag } from '../parse-flags.js';
import type { CliKit } from './cli-kit.js';
import { h } from '../help-text.js';
import type { DayFlags, LimitFlags } from './reachability-commands.js';

interface MonitorFlags extends LimitFlags, DayFlags {
  gtfs?: string[];
  against?: string[];
  cacheDir?: string;
  lang: string;
  quiet?: boolean;
  access: string;
  places?: string;
  destinations?: string;
  centres?: string;
  standards?: string;
  slots: boolean;
  format: string;
  out?: string;
}

/** Registers `monitor` on the program. */
export function registerMonitorCommand(program: Command, kit: CliKit): void {
  kit
    .addDayAndLimitOptions(
      kit.addRoutingOptions(
        kit.addFeedOptions(
          program
            .command('monitor')
            .description(
              h(
                'Monitoring je Ortsteil und Gemeinde: Abfahrten, erste/letzte Fahrt zum nächsten Zentralen Ort, Fahrzeit, Tage mit Bus, erreichbare Zeitfenster; Bedienungsstandards; mit --against die Änderung',
                'monitoring per Ortsteil and Gemeinde: departures, first/last trip to the nearest central place, travel time, days with a bus, reachable slots; service standards; with --against the change',
              ),
            )
            .option('--against <feed...>', 'älterer Fahrplan (GTFS-Zips oder Ordner) zum Vergleich')
            .option('--centres <datei>', 'Zentrale Orte (Standard: data/zentrale-orte.csv)')
            .option('--standards <datei>', 'Bedienungsstandards (Standard: data/bedienungsstandards.csv)')
            .option('--no-slots', 'ohne den Anteil erreichbarer Zeitfenster (schneller)')
            .addOption(new Option('--format <format>', 'md, html, csv oder json').default('md'))
            .option('--out <datei>', 'in eine Datei schreiben (atomar) statt auf stdout'),
        ),
      ),
    )
    .action(async (flags: MonitorFlags) => {
      const lang = kit.lang(flags);
      const format = parseChoice('--format', flags.format, ['md', 'html', 'csv', 'json'] as const);
      if (kit.homeAccess(flags) === 'bike') {
        throw new UsageError({ de: '--access bike passt nicht zu monitor (gezählt wird der Fußweg zur Haltestelle)', en: '--access bike does not fit monitor (it counts stops within walking distance)' }, '--access');
      }
      const { readPlaces, readDestinations, limitsFromFlags, daySelection, today, checkSelectedDates, warnDaysNotFromToday } = await import('./reachability-commands.js');
      const { loadCentralPlaces, loadServiceStandards } = await import('../../places/load-planning-tables.js');
      const { buildMonitor, compareMonitors } = await import('../../analysis/monitor.js');
      const warn = progressReporter(!flags.quiet);
      const { places } = await readPlaces(flags.places, warn);
      const destinations = flags.slots ? (await readDestinations(flags.destinations, undefined, warn)).destinations : [];
      const withFlag = async <T>(flag: string, load: () => Promise<T>): Promise<T> =>
        load().catch((error: unknown) => {
          if (error instanceof UsageError && error.code === 'NO_SUCH_PATH') throw new UsageError({ de: `${flag}: ${error.message}`, en: `${flag}: ${error.messageEn}` }, flag, 'NO_SUCH_PATH');
          throw error;
        });
      const centres = await withFlag('--centres', () => loadCentralPlaces(flags.centres ?? bundledDataPath('zentrale-orte.csv')));
      const standards = await withFlag('--standards', () => loadServiceStandards(flags.standards ?? bundledDataPath('bedienungsstandards.csv')));
      const progress = progressReporter(!flags.quiet && process.stderr.isTTY === true);
      const common = { centres, standards, destinations, routing: kit.routingOptions(flags), limits: limitsFromFlags(flags), onProgress: progress };
      const feeds = await kit.openFeeds(flags);
      const days = daySelection(feeds, flags, today(), 'day-types');
      warnDaysNotFromToday(feeds, days, kit.lang(flags));
      checkSelectedDates(feeds, days);
      let result = buildMonitor(feeds, places, { ...common, days });
      if (flags.against) {
        const older = await kit.openFeeds({ ...flags, gtfs: flags.against, feedsFlag: '--against' });
        // Compared by day type: the same dates where the older timetable runs on them (--dates,
        // --week), else one date per day type of its own service.
        let olderDays = daySelection(older, flags, today(), 'day-types');
        try {
          checkSelectedDates(older, olderDays);
        } catch {
          olderDays = daySelection(older, {}, today(), 'day-types');
        }
        const before = buildMonitor(older, places, { ...common, days: olderDays });
        result = compareMonitors(result, before);
      }
      const render = await import('../../report/render-monitor.js');
      if (format === 'html') {
        const { buildMapNetwork, boundsAround } = await import('../../report/map-network.js');
        const { buildTimetable } = await import('../../timetable/build-timetable.js');
        const first = result.dates[0]?.date;
        const network = first && places.length > 0 ? buildMapNetwork(buildTimetable(feeds, parseDateFlag('--date', first), { walkRadiusMeters: 0 }), boundsAround(places, 3000)) : undefined;
        await writeOutput(render.renderMonitorHtml(result, lang, { network }), flags.out);
        return;
      }
      const text = format === 'json' ? render.renderMonitorJson(result) : format === 'csv' ? render.renderMonitorCsv(result) : render.renderMonitorMarkdown(result, lang);
      await writeOutput(text, flags.out);
    });
}
