/**
 * `erreichbar gaps`: the failing cases of one destination (or all) with the smallest bridge
 * each, and the meeting points ranked by the cases they would solve.
 */
import { Option, type Command } from 'commander';
import { UsageError, userTextIn } from '../../errors.js';
import type { ReportDestination } from '../../analysis/build-report.js';
import { progressReporter, writeOutput } from '../io.js';
import { parseChoice, parseWholeNumber } from '../parse-flags.js';
import type { CliKit } from './cli-kit.js';
import { h } from '../help-text.js';
import type { DayFlags, LimitFlags } from './reachability-commands.js';

interface GapsFlags extends LimitFlags, DayFlags {
  gtfs?: string[];
  cacheDir?: string;
  lang: string;
  quiet?: boolean;
  access: string;
  to?: string;
  category?: string;
  shift?: string;
  days?: string;
  maxRideKm: string;
  limit?: string;
  places?: string;
  destinations?: string;
  format: string;
  out?: string;
}

/** Registers `gaps` on the program. */
export function registerGapsCommand(program: Command, kit: CliKit): void {
  kit
    .addDayAndLimitOptions(
      kit.addRoutingOptions(
        kit.addFeedOptions(
          program
            .command('gaps')
            .description(
              h(
                'Lücken und Brücken: für jeden scheiternden Fall die kleinste Mitfahrt oder Radfahrt zu einer Haltestelle, die ihn lösen würde; die besten Treffpunkte',
                'gaps and bridges: for every failing case the smallest car or bicycle ride to a stop that would solve it; the best meeting points',
              ),
            )
            .option('--to <destination>', 'nur dieses Ziel (Name oder lat,lon); ohne: alle Ziele')
            .option('--category <category>', 'nur Ziele dieser Kategorie: workplace, course, childcare, other')
            .option('--shift <zeiten>', 'Zeitfenster wie 06:00-14:00 (Standard: der Zeitplan des Ziels)')
            .option('--days <tage>', 'Tage des Zeitfensters wie Mo-Sa (Standard Mo-Fr)')
            .option('--max-ride-km <km>', 'längste Mitfahrt in km Luftlinie (Modell: Luftlinie × 1,3 mit 40 km/h)', '10')
            .option('--limit <n>', 'höchstens so viele Treffpunkte zeigen')
            .addOption(new Option('--format <format>', 'text, csv oder json').default('text'))
            .option('--out <datei>', 'in eine Datei schreiben (atomar) statt auf stdout'),
        ),
      ),
    )
    .action(async (flags: GapsFlags) => {
      const lang = kit.lang(flags);
      const format = parseChoice('--format', flags.format, ['text', 'csv', 'json'] as const);
      if (kit.homeAccess(flags) === 'bike') {
        throw new UsageError({ de: '--access bike passt nicht zu gaps: die Brücken prüfen Rad und Mitfahrt selbst', en: '--access bike does not fit gaps: bridges try bicycle and car themselves' }, '--access');
      }
      const maxRideKm = Number(flags.maxRideKm.replace(',', '.'));
      if (!Number.isFinite(maxRideKm) || maxRideKm <= 0 || maxRideKm > 100) {
        throw new UsageError({ de: `--max-ride-km muss eine Zahl über 0 und bis 100 sein, nicht "${flags.maxRideKm}"`, en: `--max-ride-km must be a number above 0 and up to 100, got "${flags.maxRideKm}"` }, '--max-ride-km');
      }
      const { readPlaces, readDestinations, resolvePoint, slotFromFlags, limitsFromFlags, daySelection, today, checkSelectedDates, warnDaysNotFromToday } = await import('./reachability-commands.js');
      const { NAME_KINDS } = await import('../../places/match-name.js');
      const { findGaps } = await import('../../analysis/gaps.js');
      const warn = progressReporter(!flags.quiet);
      const { places } = await readPlaces(flags.places, warn);
      const { destinations } = await readDestinations(flags.destinations, flags.category, warn);
      let targets: ReportDestination[];
      if (flags.to) {
        const target = resolvePoint(flags.to, destinations, '--to', NAME_KINDS.destination, (text) => warn(userTextIn(text, lang))) as Partial<ReportDestination> & { name: string; lat: number; lon: number };
        const schedule = flags.shift ? [slotFromFlags(flags.shift, flags.days)] : (target.schedule ?? []);
        if (schedule.length === 0) throw new UsageError({ de: '--shift fehlt, wenn --to ein Punkt ist (z. B. --shift 06:00-14:00 --days Mo-Fr)', en: '--shift is required when --to is a point (e.g. --shift 06:00-14:00 --days Mo-Fr)' }, '--shift');
        targets = [{ name: target.name, lat: target.lat, lon: target.lon, category: target.category ?? 'workplace', schedule }];
      } else {
        if (flags.shift) throw new UsageError({ de: '--shift braucht --to', en: '--shift needs --to' }, '--shift');
        targets = destinations;
      }
      const feeds = await kit.openFeeds(flags);
      const days = daySelection(feeds, flags, today(), 'day-types');
      warnDaysNotFromToday(feeds, days, lang);
      checkSelectedDates(feeds, days);
      const progress = progressReporter(!flags.quiet && process.stderr.isTTY === true);
      const result = findGaps(feeds, places, targets, {
        days,
        routing: kit.routingOptions(flags),
        limits: limitsFromFlags(flags),
        maxRideMeters: maxRideKm * 1000,
        onProgress: (done, total, name) => progress(`[${done}/${total}] ${name}`),
      });
      const render = await import('../../report/render-gaps.js');
      const limit = flags.limit === undefined ? undefined : parseWholeNumber('--limit', flags.limit, 1);
      const text = format === 'json' ? render.renderGapsJson(result) : format === 'csv' ? render.renderGapsCsv(result) : render.renderGapsText(result, lang, { limit });
      await writeOutput(text, flags.out);
    });
}
