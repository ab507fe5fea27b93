/**
 * One case, from the words a person typed to the answer: `erreichbar check` and the workbench's
 * `/api/check` both call {@link runCheck} and render its result with {@link checkResultToJson} or
 * {@link renderCheckResult}, so the two can never disagree in content or wording.
 *
 * Parameters arrive as the strings of the command line (`from`, `to`, `shift`, `days`, `week`, …);
 * every bad one is a {@link UsageError} naming the flag (`--shift`), with the same one-line
 * message wherever it was typed.
 */
import { UsageError, type UserText } from '../../errors.js';
import { NAME_KINDS } from '../../places/match-name.js';
import type { FeedSet } from '../../feed/load-feeds.js';
import { ReachabilityEngine, type AccessMode, type DayAssessment, type NamedPoint, type ReachabilityLimits, type ReachabilityOptions, type SlotKind } from '../../analysis/reachability.js';
import { chooseDates, dateByDate } from '../../analysis/choose-days.js';
import { slotKindOf, type ReportDestination, type ReportSlot } from '../../analysis/build-report.js';
import { assessKitaChain, type ChainAssessment } from '../../analysis/kita-chain.js';
import type { Place } from '../../places/load-places.js';
import { DEFAULT_ROUTING, type RoutingOptions } from '../../router/routing-options.js';
import { chainToJson, checkToJson, renderChain, renderCheck, wallClockForDay, type CheckSubject } from '../../report/render-check.js';
import type { Lang } from '../../report/format-journey.js';
import { bridgesForDays, CAR_RIDE_MODEL, type CaseBridge } from '../../analysis/bridges.js';
import { bridgeSentence, bridgeToJson } from '../../report/bridge-sentence.js';
import { parseChoice } from '../parse-flags.js';
import { checkSelectedDates, datesOutsideSlot, daySelection, limitsFromFlags, parseDaysFlag, resolvePoint, restrictSlotsToDays, slotFromFlags, type DayFlags, type LimitFlags } from './reachability-commands.js';
import { dataWarnings, type DataWarning } from '../../analysis/data-notices.js';
import { officialServiceDates } from '../../analysis/official-service.js';
import { railNotices, type RailNotice } from '../../analysis/rail-notice.js';

/** The parameters of one check, as typed on the command line (flag names without `--`). */
export interface CheckParams extends DayFlags, LimitFlags {
  /** Home: Ortsteil name or `lat,lon`. */
  from?: string;
  /** Destination name or `lat,lon`. */
  to?: string;
  /** Slot like `06:00-14:00`; default: the destination's schedule. */
  shift?: string;
  /** Days of the slot like `Mo-Sa` (default `Mo-Fr`). */
  days?: string;
  /** Trip chain through this Kita (name or `lat,lon`). */
  viaKita?: string;
  /** The Kita's opening hours like `06:00-17:00`. */
  kitaHours?: string;
  /** `walk` (default) or `bike`. */
  access?: string;
  /** `timetable` (default) or `official`: see `officialServiceDates`. */
  serviceAs?: string;
}

/** One line about the limits of the data: a data warning, or a railway station nearby (`code: 'rail-station-nearby'`). */
export type CheckNotice = DataWarning | (RailNotice & { code: 'rail-station-nearby' });

/** What a check needs besides its parameters. */
export interface CheckInputs {
  /** The timetables, or how to load them (loaded only once the parameters naming places are valid). */
  feeds: FeedSet | (() => Promise<FeedSet>);
  places: readonly Place[];
  destinations: readonly ReportDestination[];
  /** Today as `YYYY-MM-DD` (the default week is the next one with service). */
  today: string;
  /** The routing model (default {@link DEFAULT_ROUTING}). */
  routing?: RoutingOptions;
  /**
   * Where the engine comes from: a long-running server hands out warm engines (timetables per
   * date already built); by default a new one per check.
   */
  engineFor?: (feeds: FeedSet, options: ReachabilityOptions) => ReachabilityEngine;
  /**
   * Told when a misspelt name was taken for its single close spelling ("Meinten Sie: Wolmirstedt?
   * Verwendet wird Wolmirstedt."); without it such a name is refused with that suggestion.
   */
  onNotice?: (text: UserText) => void;
}

/** One slot of a plain check. */
export interface CheckItem {
  subject: CheckSubject;
  days: DayAssessment[];
  limits: ReachabilityLimits;
  /** Per day: the smallest ride that would make a failing day work (null where it works); see `analysis/bridges.ts`. */
  bridges?: (CaseBridge | null)[];
}

/** One slot of a Kita trip chain. */
export interface ChainItem {
  subject: CheckSubject & { via: NamedPoint };
  days: ChainAssessment[];
  limits: ReachabilityLimits;
}

/** The answer of one check: per slot of the destination (usually one), the days. */
export type CheckResult = (
  | { kind: 'check'; items: CheckItem[]; access: AccessMode }
  | { kind: 'chain'; items: ChainItem[]; access: AccessMode }
) & {
  /** What the data do not know, per language: printed on top, `warnings` in JSON. */
  notices?: Record<Lang, CheckNotice[]>;
};

/**
 * Runs one check: resolves home, destination and slot, chooses the days and assesses each.
 *
 * @throws {UsageError} naming the flag for every bad parameter (`--from`, `--shift`, `--week`, …).
 * @example
 * ```ts
 * const result = await runCheck({ feeds, places, destinations, today: '2026-12-01' },
 *   { from: 'Wolmirstedt', to: 'K+S', shift: '06:00-14:00', days: 'Mo-Sa', week: '2026-12-07' });
 * console.log(checkResultToJson(result, 'de'));
 * ```
 */
export async function runCheck(inputs: CheckInputs, params: CheckParams): Promise<CheckResult> {
  if (!params.from) throw new UsageError({ de: '--from fehlt (Name des Ortsteils oder lat,lon)', en: '--from is required (Ortsteil name or lat,lon)' }, '--from');
  if (!params.to) throw new UsageError({ de: '--to fehlt (Name des Ziels oder lat,lon)', en: '--to is required (destination name or lat,lon)' }, '--to');
  const home = resolvePoint(params.from, inputs.places, '--from', NAME_KINDS.place, inputs.onNotice);
  const destination = resolvePoint(params.to, inputs.destinations, '--to', NAME_KINDS.destination, inputs.onNotice);
  const kind = 'category' in destination ? slotKindOf(destination as ReportDestination) : 'attendance';
  const slots: (ReportSlot & { kind: SlotKind })[] = (
    params.shift
      ? [slotFromFlags(params.shift, params.days)]
      : 'schedule' in destination
        ? restrictSlotsToDays((destination as ReportDestination).schedule, params.days, destination.name)
        : []
  ).map((slot) => ({ ...slot, kind }));
  if (params.days !== undefined) parseDaysFlag(params.days);
  if (slots.length === 0) throw new UsageError({ de: '--shift fehlt, wenn --to ein Punkt ist (z. B. --shift 06:00-14:00 --days Mo-Fr)', en: '--shift is required when --to is a point (e.g. --shift 06:00-14:00 --days Mo-Fr)' }, '--shift');
  const access = parseChoice('--access', params.access ?? 'walk', ['walk', 'bike'] as const);
  const feeds = typeof inputs.feeds === 'function' ? await inputs.feeds() : inputs.feeds;
  const serviceAs = parseChoice('--service-as', params.serviceAs ?? 'timetable', ['timetable', 'official'] as const);
  const limits = limitsFromFlags(params);
  const selection = daySelection(feeds, params, inputs.today, 'week');
  checkSelectedDates(feeds, selection, { overnight: slots.some((slot) => slot.endMinutes <= slot.startMinutes) });
  const slotDates = slots.map((slot) => chooseDates(feeds, selection, slot.days).map(({ date }) => date));
  // What the data do not know: calendar disagreements, reduced feeds, missing trains.
  const allDates = [...new Set(slotDates.flat())];
  const serviceDates = serviceAs === 'official' ? officialServiceDates(feeds, allDates) : new Map<string, string>();
  const options: ReachabilityOptions = { routing: inputs.routing ?? { ...DEFAULT_ROUTING }, limits, explain: true, homeAccess: access, serviceDates };
  // A warm engine from a server knows only each date's own service. A new engine goes through
  // the dates one after the other, all in the memory of one (see `datesInMemory`).
  const engine = inputs.engineFor && serviceDates.size === 0 ? inputs.engineFor(feeds, options) : new ReachabilityEngine(feeds, { ...options, datesInMemory: 1 });
  const ends = [
    { ...home, role: 'home' as const },
    { ...destination, role: 'destination' as const },
  ];
  const noticesIn = (lang: Lang): CheckNotice[] => [
    ...dataWarnings(feeds, allDates, { lang, serviceDates, days: selection }),
    ...railNotices(feeds, ends, engine.accessRadiusMeters, lang).map((notice) => ({ code: 'rail-station-nearby' as const, ...notice })),
  ];
  const notices = { de: noticesIn('de'), en: noticesIn('en') };
  if (params.viaKita) {
    const kita = resolvePoint(params.viaKita, inputs.destinations, '--via-kita', NAME_KINDS.kita, inputs.onNotice);
    const kitaSlot = (kita as Partial<ReportDestination>).schedule?.[0];
    const hours = params.kitaHours ? slotFromFlags(params.kitaHours, 'Mo-So') : (kitaSlot ?? { startMinutes: 6 * 60, endMinutes: 17 * 60 });
    const chains = dateByDate(slotDates, (i, date) => assessKitaChain(engine, home, kita, { openMinutes: hours.startMinutes, closeMinutes: hours.endMinutes }, destination, slots[i]!, date));
    const items = slots.map((slot, i) => ({
      subject: { from: home, to: destination, via: kita, slot: slot.label, outside: datesOutsideSlot(selection, slot.days), slotDays: slot.days, timeZone: feeds.timeZone, serviceDates },
      days: chains[i]!,
      limits,
    }));
    return { kind: 'chain', items, access, notices };
  }
  // A day and its bridge (the smallest ride that would make it work) while its timetable is at hand.
  const assessed = dateByDate(slotDates, (i, date) => {
    const day = engine.assess(home, destination, slots[i]!, date);
    return { day, bridge: bridgesForDays(engine, home, destination, slots[i]!, [day])[0] ?? null };
  });
  const items = slots.map((slot, i) => ({
    subject: { from: home, to: destination, slot: slot.label, outside: datesOutsideSlot(selection, slot.days), slotDays: slot.days, timeZone: feeds.timeZone, serviceDates },
    days: assessed[i]!.map(({ day }) => day),
    limits,
    bridges: assessed[i]!.map(({ bridge }) => bridge),
  }));
  return { kind: 'check', items, access, notices };
}

/** The check as `check --format json` prints it (one object, or an array for several slots, each with `warnings`; no final newline). */
export function checkResultToJson(result: CheckResult, lang: Lang): string {
  const warnings = result.notices?.[lang] ?? [];
  const jsons = (
    result.kind === 'chain'
      ? result.items.map((item) => chainToJson(item.subject, item.days, lang, item.limits))
      : result.items.map((item) =>
          checkToJson(item.subject, item.days, item.limits, lang, {
            bridges: item.bridges?.map((b, i) => (b ? bridgeToJson(b, CAR_RIDE_MODEL, lang, wallClockForDay(item.subject, item.days[i]!.date)) : null)),
          }),
        )
  ).map((json) => ({ ...json, warnings }));
  return JSON.stringify(jsons.length === 1 ? jsons[0] : jsons, null, 2);
}

/**
 * The check as `check` prints it as text: the data notices on top (one line each), then each
 * slot. `withNotices: false` leaves the notices out (a page that shows them from the JSON's
 * `warnings`).
 */
export function renderCheckResult(result: CheckResult, lang: Lang, options: { withNotices?: boolean } = {}): string {
  const notices = options.withNotices === false ? [] : (result.notices?.[lang] ?? []);
  const block = notices.length ? `${notices.map((notice) => notice.message).join('\n')}\n\n` : '';
  const texts =
    result.kind === 'chain'
      ? result.items.map((item) => renderChain(item.subject, item.days, lang, item.limits))
      : result.items.map((item) =>
          renderCheck(item.subject, item.days, item.limits, lang, {
            dayNotes: item.bridges?.map((b, i) => (b ? bridgeSentence(b, CAR_RIDE_MODEL, lang, wallClockForDay(item.subject, item.days[i]!.date)) : undefined)),
          }),
        );
  return block + texts.join('\n\n');
}
