/**
 * `erreichbar best-times`: for every candidate start of a course, shift or Kita opening, how
 * many Ortsteile (and inhabitants or participants) can get there and back, per day type; the
 * best starts against the current one.
 */
import { Option, type Command } from 'commander';
import { ErreichbarError, UsageError, userTextIn } from '../../errors.js';
import type { ReportDestination } from '../../analysis/build-report.js';
import { progressReporter, writeOutput } from '../io.js';
import { parseChoice, parseWholeNumber } from '../parse-flags.js';
import type { CliKit } from './cli-kit.js';
import { h } from '../help-text.js';
import type { LimitFlags } from './reachability-commands.js';

interface BestTimesFlags extends LimitFlags {
  gtfs?: string[];
  cacheDir?: string;
  lang: string;
  quiet?: boolean;
  access: string;
  to?: string;
  duration?: string;
  days?: string;
  between?: string;
  step: string;
  current?: string;
  places?: string;
  destinations?: string;
  participants?: string;
  top: string;
  format: string;
  out?: string;
  week?: string;
  dates?: string[];
  dayTypes?: boolean;
}

/**
 * A duration as users write it: `4h15`, `4h 15min`, `4:15`, `255` (minutes), `45min`, `8h`.
 * Returns minutes, or undefined when the text is none of these.
 */
export function parseDurationMinutes(text: string): number | undefined {
  const t = text.trim().toLowerCase().replace(/\s+/g, '');
  let match = /^(\d{1,2})(?:h|std)(?:(\d{1,2})(?:m|min)?)?$/.exec(t);
  if (match) return Number(match[1]) * 60 + Number(match[2] ?? 0);
  match = /^(\d{1,2}):(\d{2})$/.exec(t);
  if (match && Number(match[2]) < 60) return Number(match[1]) * 60 + Number(match[2]);
  match = /^(\d{1,4})(?:m|min)?$/.exec(t);
  if (match) return Number(match[1]);
  return undefined;
}

function parseClockMinutes(flag: string, text: string): number {
  const match = /^(\d{1,2})(?:[:.](\d{2}))?$/.exec(text.trim());
  if (!match || Number(match[1]) > 23 || Number(match[2] ?? 0) > 59) {
    throw new UsageError({ de: `${flag} muss wie 08:30 aussehen, nicht "${text}"`, en: `${flag} must look like 08:30, got "${text}"` }, flag);
  }
  return Number(match[1]) * 60 + Number(match[2] ?? 0);
}

/** Registers `best-times` on the program. */
export function registerBestTimesCommand(program: Command, kit: CliKit): void {
  kit
    .addDayAndLimitOptions(
      kit.addRoutingOptions(
        kit.addFeedOptions(
          program
            .command('best-times')
            .description(
              h(
                'beste Beginnzeiten: wie viele Ortsteile (und Einwohner oder Teilnehmende) kommen bei jedem möglichen Beginn hin und zurück, je Tagesart',
                'best start times: how many Ortsteile (and inhabitants or participants) can come and get home for each possible start, per day type',
              ),
            )
            .option('--to <destination>', 'Ziel (Name aus der Zielliste oder lat,lon), z. B. "KVHS Haldensleben"')
            .option('--duration <dauer>', 'Dauer des Kurses, der Schicht oder der Öffnung, z. B. 4h15, 8h, 4:15, 255 (Minuten); Standard: wie im Zeitplan des Ziels')
            .option('--days <tage>', 'Tage wie Mo-Fr, Mo-Sa (Standard: wie im Zeitplan des Ziels, sonst Mo-Fr)')
            .option('--between <von-bis>', 'mögliche Beginnzeiten, z. B. 06:00-10:00 (Standard: bisheriger Beginn ± 2 h, sonst 06:00-10:00)')
            .option('--step <minuten>', 'Abstand der Beginnzeiten in Minuten', '15')
            .option('--current <hh:mm>', 'bisheriger Beginn (Standard: aus dem Zeitplan des Ziels)')
            .option('--participants <datei>', 'Teilnehmende je Ortsteil, CSV "Ortsteil,Anzahl" (optional Spalte Gemeinde); gewichtet statt nach Einwohnern')
            .option('--top <n>', 'so viele beste Beginnzeiten nennen', '3')
            .addOption(new Option('--format <format>', 'text, csv, json oder html').default('text'))
            .option('--out <datei>', 'in eine Datei schreiben (atomar) statt auf stdout'),
        ),
      ),
    )
    .action(async (flags: BestTimesFlags) => {
      const lang = kit.lang(flags);
      const format = parseChoice('--format', flags.format, ['text', 'csv', 'json', 'html'] as const);
      if (!flags.to) throw new UsageError({ de: '--to fehlt (Name des Ziels oder lat,lon)', en: '--to is required (destination name or lat,lon)' }, '--to');
      const { readPlaces, readDestinations, resolvePoint, limitsFromFlags, daySelection, today, checkSelectedDates, warnDaysNotFromToday } = await import('./reachability-commands.js');
      const { parseDays } = await import('../../places/parse-schedule.js');
      const { NAME_KINDS } = await import('../../places/match-name.js');
      const { bestStartTimes } = await import('../../analysis/best-times.js');
      const warn = progressReporter(!flags.quiet);
      const { places } = await readPlaces(flags.places, warn);
      const { destinations } = await readDestinations(flags.destinations, undefined, warn);
      const target = resolvePoint(flags.to, destinations, '--to', NAME_KINDS.destination, (text) => warn(userTextIn(text, lang))) as Partial<ReportDestination> & { name: string; lat: number; lon: number };
      let dayList: number[] | undefined;
      if (flags.days !== undefined) {
        try {
          dayList = parseDays(flags.days);
        } catch (error) {
          throw new UsageError(error instanceof ErreichbarError ? { de: `--days: ${error.message}`, en: `--days: ${error.messageEn}` } : `--days: ${(error as Error).message}`, '--days');
        }
      }
      const schedule = target.schedule ?? [];
      const currentSlot = dayList ? (schedule.find((s) => s.days.some((d) => dayList!.includes(d))) ?? schedule[0]) : schedule[0];
      const currentStart = flags.current !== undefined ? parseClockMinutes('--current', flags.current) : currentSlot?.startMinutes;
      let durationMinutes: number | undefined;
      if (flags.duration !== undefined) {
        durationMinutes = parseDurationMinutes(flags.duration);
        if (durationMinutes === undefined || durationMinutes <= 0 || durationMinutes >= 24 * 60) {
          throw new UsageError({ de: `--duration muss wie 4h15, 8h oder 255 aussehen (unter 24 h), nicht "${flags.duration}"`, en: `--duration must look like 4h15, 8h or 255 (under 24 h), got "${flags.duration}"` }, '--duration');
        }
      } else if (currentSlot) {
        durationMinutes = (currentSlot.endMinutes - currentSlot.startMinutes + 1440) % 1440 || 1440;
      } else {
        throw new UsageError({ de: '--duration fehlt (das Ziel hat keinen Zeitplan), z. B. --duration 4h15', en: '--duration is required (the destination has no schedule), e.g. --duration 4h15' }, '--duration');
      }
      let fromMinutes: number;
      let toMinutes: number;
      if (flags.between !== undefined) {
        const match = /^\s*([^-–]+?)\s*[-–]\s*([^-–]+?)\s*$/.exec(flags.between);
        if (!match) throw new UsageError({ de: `--between muss wie 06:00-10:00 aussehen, nicht "${flags.between}"`, en: `--between must look like 06:00-10:00, got "${flags.between}"` }, '--between');
        fromMinutes = parseClockMinutes('--between', match[1]!);
        toMinutes = parseClockMinutes('--between', match[2]!);
        if (toMinutes < fromMinutes) throw new UsageError({ de: `--between: das Ende liegt vor dem Anfang ("${flags.between}")`, en: `--between: the end is before the start ("${flags.between}")` }, '--between');
      } else if (currentStart !== undefined) {
        fromMinutes = Math.max(0, currentStart - 120);
        toMinutes = Math.min(23 * 60 + 59, currentStart + 120);
      } else {
        fromMinutes = 6 * 60;
        toMinutes = 10 * 60;
      }
      const stepMinutes = parseWholeNumber('--step', flags.step, 1);
      const top = parseWholeNumber('--top', flags.top, 1);
      const feeds = await kit.openFeeds(flags);
      const selection = daySelection(feeds, flags, today(), 'day-types');
      warnDaysNotFromToday(feeds, selection, kit.lang(flags));
      checkSelectedDates(feeds, selection);
      let weights: { kind: 'population' | 'participants'; values: (number | undefined)[] };
      if (flags.participants) {
        const { loadParticipants } = await import('../../places/load-participants.js');
        const file = flags.participants;
        const counts = await loadParticipants(file, places).catch((error: unknown) => {
          if (error instanceof UsageError && error.code === 'NO_SUCH_PATH') throw new UsageError({ de: `--participants: ${error.message}`, en: `--participants: ${error.messageEn}` }, '--participants', 'NO_SUCH_PATH');
          throw error;
        });
        weights = { kind: 'participants', values: counts.map((c) => (c > 0 ? c : undefined)) };
      } else {
        weights = { kind: 'population', values: places.map((p) => p.population) };
      }
      const progress = progressReporter(!flags.quiet && process.stderr.isTTY === true);
      progress(lang === 'de' ? 'berechne Beginnzeiten …' : 'assessing start times …');
      const result = bestStartTimes(
        feeds,
        places,
        { name: target.name, lat: target.lat, lon: target.lon, category: target.category ?? 'workplace' },
        {
          durationMinutes,
          days: dayList ?? currentSlot?.days ?? [1, 2, 3, 4, 5],
          fromMinutes,
          toMinutes,
          stepMinutes,
          currentStartMinutes: currentStart,
          selection,
          weights,
          routing: kit.routingOptions(flags),
          limits: limitsFromFlags(flags),
          homeAccess: kit.homeAccess(flags),
          top,
        },
      );
      const render = await import('../../report/render-best-times.js');
      const text =
        format === 'json'
          ? render.renderBestTimesJson(result)
          : format === 'csv'
            ? render.renderBestTimesCsv(result)
            : format === 'html'
              ? render.renderBestTimesHtml(result, lang)
              : render.renderBestTimesText(result, lang);
      await writeOutput(text, flags.out);
    });
}
