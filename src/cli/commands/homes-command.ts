/**
 * The reverse question, from the words a person typed to the answer: where could one live and
 * still make this slot? `erreichbar homes` and the workbench's homes view both call
 * {@link runHomes}, so they rank the same Ortsteile.
 */
import { UsageError, type UserText } from '../../errors.js';
import { NAME_KINDS } from '../../places/match-name.js';
import type { FeedSet } from '../../feed/load-feeds.js';
import { buildReport, type Report, type ReportDestination } from '../../analysis/build-report.js';
import type { Place } from '../../places/load-places.js';
import { DEFAULT_ROUTING, type RoutingOptions } from '../../router/routing-options.js';
import { parseChoice } from '../parse-flags.js';
import { checkSelectedDates, daySelection, limitsFromFlags, parseDaysFlag, resolvePoint, restrictSlotsToDays, slotFromFlags, type DayFlags, type LimitFlags } from './reachability-commands.js';

/** The parameters of a homes question, as typed on the command line (flag names without `--`). */
export interface HomesParams extends DayFlags, LimitFlags {
  /** Destination name or `lat,lon`. */
  to?: string;
  /** Slot like `06:00-14:00`; default: the destination's first slot. */
  shift?: string;
  /** Days of the slot like `Mo-Sa` (default `Mo-Fr`). */
  days?: string;
  /** `walk` (default) or `bike`. */
  access?: string;
  /** `timetable` (default) or `official` (see `BuildReportOptions.serviceAs`). */
  serviceAs?: string;
  /** Language of the data warnings: `de` (default) or `en`. */
  lang?: string;
}

/** What a homes question needs besides its parameters. */
export interface HomesInputs {
  /** The timetables, or how to load them (loaded only once the destination and slot are valid). */
  feeds: FeedSet | (() => Promise<FeedSet>);
  places: readonly Place[];
  destinations: readonly ReportDestination[];
  /** Today as `YYYY-MM-DD` (day types are chosen from today on). */
  today: string;
  /** The routing model (default {@link DEFAULT_ROUTING}). */
  routing?: RoutingOptions;
  /**
   * Told when a misspelt name was taken for its single close spelling ("Meinten Sie: Wolmirstedt?
   * Verwendet wird Wolmirstedt."); without it such a name is refused with that suggestion.
   */
  onNotice?: (text: UserText) => void;
}

/**
 * Assesses every Ortsteil for one destination and slot (a one-destination report, ranked by
 * `rankHomes`/`renderHomes`).
 *
 * @throws {UsageError} naming the flag for every bad parameter.
 */
export async function runHomes(inputs: HomesInputs, params: HomesParams): Promise<Report> {
  if (!params.to) throw new UsageError({ de: '--to fehlt (Name des Ziels oder lat,lon)', en: '--to is required (destination name or lat,lon)' }, '--to');
  const target = resolvePoint(params.to, inputs.destinations, '--to', NAME_KINDS.destination, inputs.onNotice);
  const schedule = (target as Partial<ReportDestination>).schedule;
  // --days without --shift restricts the destination's own slots (the first one left is shown).
  const slot = params.shift ? slotFromFlags(params.shift, params.days) : schedule ? restrictSlotsToDays(schedule, params.days, target.name)[0] : undefined;
  if (!params.shift && !schedule && params.days !== undefined) parseDaysFlag(params.days);
  if (!slot) throw new UsageError({ de: '--shift fehlt, wenn --to ein Punkt ist (z. B. --shift 06:00-14:00)', en: '--shift is required when --to is a point (e.g. --shift 06:00-14:00)' }, '--shift');
  const access = parseChoice('--access', params.access ?? 'walk', ['walk', 'bike'] as const);
  const serviceAs = parseChoice('--service-as', params.serviceAs ?? 'timetable', ['timetable', 'official'] as const);
  const lang = parseChoice('--lang', params.lang ?? 'de', ['de', 'en'] as const);
  const feeds = typeof inputs.feeds === 'function' ? await inputs.feeds() : inputs.feeds;
  const days = daySelection(feeds, params, inputs.today, 'day-types');
  checkSelectedDates(feeds, days);
  return buildReport(feeds, [...inputs.places], [{ ...target, category: (target as Partial<ReportDestination>).category ?? 'workplace', schedule: [slot] }], {
    days,
    routing: inputs.routing ?? { ...DEFAULT_ROUTING },
    limits: limitsFromFlags(params),
    homeAccess: access,
    serviceAs,
    lang,
  });
}
