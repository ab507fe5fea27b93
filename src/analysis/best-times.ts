/**
 * Best start times for a course, a shift or a Kita's opening: for every candidate start in a
 * window, how many Ortsteile (and how many inhabitants or participants) can get there in time
 * and back home afterwards, per verdict and per day type; and how much better the best starts
 * are than the destination's current one.
 *
 * Every candidate start is a slot of one destination; all candidates go through one
 * {@link buildReport} call, so they share one engine with one timetable per date, and every
 * (start, date) costs the report's two searches for all Ortsteile at once. A candidate's counts
 * are therefore exactly what `erreichbar report` says for a destination with that schedule.
 *
 * Limits: the weighting is as good as its figures — Ortsteile without a population figure
 * weigh 0 and are counted in {@link Weighting.missing}; participants files name Ortsteile that
 * must exist in the places.
 */
import type { FeedSet } from '../feed/load-feeds.js';
import { formatDays } from '../places/parse-schedule.js';
import type { RoutingOptions } from '../router/route-planner.js';
import { buildReport, slotKindOf, type Report, type ReportDestination, type ReportPlace, type ReportSlot } from './build-report.js';
import type { DaySelection } from './choose-days.js';
import { VERDICTS, type AccessMode, type ReachabilityLimits, type SlotKind, type Verdict } from './reachability.js';
import { DAY_TYPE_IDS, type DayTypeId } from './service-calendar.js';

/** Version of the best-times JSON layout. */
export const BEST_TIMES_SCHEMA_VERSION = 1;

/** What a weight means: inhabitants (population column), participants (a file), or none. */
export type WeightKind = 'population' | 'participants' | 'none';

/** How Ortsteile are weighted, and how many lacked a figure. */
export interface Weighting {
  kind: WeightKind;
  /** Ortsteile without a figure (weight 0); for participants: Ortsteile not named in the file. */
  missing: number;
  /** Ortsteile in all. */
  total: number;
  /** Sum of all weights. */
  sum: number;
}

/** Ortsteile with one verdict at one start on one date. */
export interface VerdictGroup {
  count: number;
  /** Sum of their weights (inhabitants or participants; 0 without weighting). */
  weight: number;
  /** Names (with the Gemeinde in brackets where a name occurs in several Gemeinden), sorted. */
  ortsteile: string[];
}

/** One candidate start on one date. */
export interface BestTimesDay {
  date: string;
  dayTypeId: DayTypeId;
  verdicts: Record<Verdict, VerdictGroup>;
}

/** One candidate start. */
export interface BestTimesCandidate {
  /** `HH:MM`. */
  start: string;
  startMinutes: number;
  /** `HH:MM` (next day for slots across midnight). */
  end: string;
  /** The slot as `report` would write it, e.g. `Mo-Fr 08:45-13:00`. */
  slot: string;
  /** True for the destination's current start. */
  current: boolean;
  days: BestTimesDay[];
  /** Rank by {@link BestTimesResult.ranking} (1 = best). */
  rank: number;
}

/** How a better start compares with the current one on one day type. */
export interface BestTimesGain {
  dayTypeId: DayTypeId;
  date: string;
  /** Reachable Ortsteile more (negative: fewer) than at the current start. */
  ortsteile: number;
  /** Weight more (inhabitants or participants). */
  weight: number;
}

/** The answer of {@link bestStartTimes}. */
export interface BestTimesResult {
  schemaVersion: number;
  destination: { name: string; category: string; lat: number; lon: number };
  /** How the slot is attended (opening hours for Kitas). */
  kind: SlotKind;
  durationMinutes: number;
  /** ISO weekdays of the slot. */
  days: number[];
  /** The candidates' window and step, minutes after midnight. */
  window: { fromMinutes: number; toMinutes: number; stepMinutes: number };
  /** The destination's current start, if known. */
  currentStart: string | null;
  weighting: Weighting;
  /** Dates used, in day-type order. */
  dates: { date: string; dayTypeId: DayTypeId }[];
  limits: ReachabilityLimits;
  /**
   * What "best" means: reachable Ortsteile (or weight, with participants) summed over the dates,
   * then the weight, then long-wait Ortsteile, then closeness to the current start.
   */
  ranking: string;
  /** In start order. */
  candidates: BestTimesCandidate[];
  /** The best candidates (at most `top`), best first, with their gain over the current start. */
  best: { start: string; rank: number; gains: BestTimesGain[] }[];
}

/** Options of {@link bestStartTimes}. */
export interface BestTimesOptions {
  /** Length of the slot in minutes (the course, the shift, the Kita day). */
  durationMinutes: number;
  /** ISO weekdays 1–7 of the slot. */
  days: readonly number[];
  /** Candidate starts: from, to (inclusive), step; minutes after midnight. */
  fromMinutes: number;
  toMinutes: number;
  stepMinutes: number;
  /** The destination's current start (minutes); always assessed, even off the step grid. */
  currentStartMinutes?: number;
  selection: DaySelection;
  /** Weight per place (same order as `places`); undefined = no figure. Omit for no weighting. */
  weights?: { kind: Exclude<WeightKind, 'none'>; values: readonly (number | undefined)[] };
  routing?: Partial<RoutingOptions>;
  limits?: Partial<ReachabilityLimits>;
  homeAccess?: AccessMode;
  /** How many best starts to list (default 3). */
  top?: number;
  onProgress?: (message: string) => void;
}

/** `HH:MM` of minutes after midnight (24:00 and later wrap to the next day). */
export function clockOfMinutes(minutes: number): string {
  const m = ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/**
 * Assesses every candidate start of a destination.
 *
 * @example
 * ```ts
 * const result = bestStartTimes(feeds, places, kvhs, {
 *   durationMinutes: 255, days: [1, 2, 3, 4, 5], fromMinutes: 360, toMinutes: 600, stepMinutes: 15,
 *   currentStartMinutes: 510, selection: { kind: 'day-types', from: '2026-11-30' },
 *   weights: { kind: 'population', values: places.map((p) => p.population) },
 * });
 * result.best[0]?.start; // '08:45'
 * ```
 */
export function bestStartTimes(
  feeds: FeedSet,
  places: readonly ReportPlace[],
  destination: Omit<ReportDestination, 'schedule'> & { schedule?: readonly ReportSlot[] },
  options: BestTimesOptions,
): BestTimesResult {
  const days = [...new Set(options.days)].sort((a, b) => a - b);
  const starts = new Set<number>();
  for (let m = options.fromMinutes; m <= options.toMinutes; m += Math.max(1, options.stepMinutes)) starts.add(m);
  if (options.currentStartMinutes !== undefined) starts.add(options.currentStartMinutes);
  const sortedStarts = [...starts].sort((a, b) => a - b);
  const daysLabel = formatDays(days);
  const slots: ReportSlot[] = sortedStarts.map((startMinutes) => {
    const endMinutes = (startMinutes + options.durationMinutes) % 1440;
    return { label: `${daysLabel} ${clockOfMinutes(startMinutes)}-${clockOfMinutes(endMinutes)}`, days, startMinutes, endMinutes };
  });
  const report = buildReport(feeds, places, [{ ...destination, schedule: slots }], {
    days: options.selection,
    routing: options.routing,
    limits: options.limits,
    homeAccess: options.homeAccess,
  });

  const names = displayNames(places);
  const weights = places.map((_, p) => options.weights?.values[p]);
  const weighting: Weighting = {
    kind: options.weights?.kind ?? 'none',
    missing: options.weights ? weights.filter((w) => w === undefined).length : places.length,
    total: places.length,
    sum: weights.reduce<number>((sum, w) => sum + (w ?? 0), 0),
  };
  const dateOrder = new Map(report.inputs.dates.map((d, i) => [d.date, i]));
  const candidates: BestTimesCandidate[] = slots.map((slot, s) => {
    const byDate = new Map<string, BestTimesDay>();
    report.ortsteile.forEach((ortsteil, p) => {
      const result = ortsteil.results[s];
      if (!result) return;
      for (const day of result.days) {
        let entry = byDate.get(day.date);
        if (!entry) {
          entry = { date: day.date, dayTypeId: day.dayTypeId, verdicts: emptyGroups() };
          byDate.set(day.date, entry);
        }
        const group = entry.verdicts[day.verdict];
        group.count++;
        group.weight += weights[p] ?? 0;
        group.ortsteile.push(names[p]!);
      }
    });
    const collator = new Intl.Collator('de');
    for (const entry of byDate.values()) for (const v of VERDICTS) entry.verdicts[v].ortsteile.sort(collator.compare);
    return {
      start: clockOfMinutes(slot.startMinutes),
      startMinutes: slot.startMinutes,
      end: clockOfMinutes(slot.endMinutes),
      slot: slot.label,
      current: slot.startMinutes === options.currentStartMinutes,
      days: [...byDate.values()].sort((a, b) => (dateOrder.get(a.date) ?? 0) - (dateOrder.get(b.date) ?? 0)),
      rank: 0,
    };
  });

  const byWeight = weighting.kind === 'participants';
  const score = (c: BestTimesCandidate): number[] => {
    const sum = (f: (d: BestTimesDay) => number): number => c.days.reduce((n, d) => n + f(d), 0);
    const reachable = sum((d) => d.verdicts.reachable.count);
    const weight = sum((d) => d.verdicts.reachable.weight);
    const longWait = sum((d) => d.verdicts['long-wait'].count);
    const distance = options.currentStartMinutes === undefined ? 0 : Math.abs(c.startMinutes - options.currentStartMinutes);
    return byWeight ? [weight, reachable, longWait, -distance, -c.startMinutes] : [reachable, weight, longWait, -distance, -c.startMinutes];
  };
  const ranked = [...candidates].sort((a, b) => {
    const sa = score(a);
    const sb = score(b);
    for (let i = 0; i < sa.length; i++) if (sa[i] !== sb[i]) return sb[i]! - sa[i]!;
    return 0;
  });
  ranked.forEach((c, i) => (c.rank = i + 1));
  const current = candidates.find((c) => c.current);
  const best = ranked.slice(0, options.top ?? 3).map((c) => ({
    start: c.start,
    rank: c.rank,
    gains: c.days.map((day): BestTimesGain => {
      const base = current?.days.find((d) => d.date === day.date);
      return {
        dayTypeId: day.dayTypeId,
        date: day.date,
        ortsteile: day.verdicts.reachable.count - (base?.verdicts.reachable.count ?? 0),
        weight: day.verdicts.reachable.weight - (base?.verdicts.reachable.weight ?? 0),
      };
    }),
  }));
  return {
    schemaVersion: BEST_TIMES_SCHEMA_VERSION,
    destination: { name: destination.name, category: destination.category, lat: destination.lat, lon: destination.lon },
    kind: slotKindOf(destination),
    durationMinutes: options.durationMinutes,
    days,
    window: { fromMinutes: options.fromMinutes, toMinutes: options.toMinutes, stepMinutes: options.stepMinutes },
    currentStart: options.currentStartMinutes === undefined ? null : clockOfMinutes(options.currentStartMinutes),
    weighting,
    dates: sortDates(report),
    limits: report.inputs.limits,
    ranking: byWeight
      ? 'participants who can come and get home, summed over the dates; then reachable Ortsteile; then long-wait Ortsteile; then closeness to the current start'
      : 'reachable Ortsteile summed over the dates; then their weight; then long-wait Ortsteile; then closeness to the current start',
    candidates,
    best,
  };
}

function emptyGroups(): Record<Verdict, VerdictGroup> {
  return Object.fromEntries(VERDICTS.map((v) => [v, { count: 0, weight: 0, ortsteile: [] }])) as unknown as Record<Verdict, VerdictGroup>;
}

function sortDates(report: Report): { date: string; dayTypeId: DayTypeId }[] {
  return [...report.inputs.dates].sort((a, b) => DAY_TYPE_IDS.indexOf(a.dayTypeId) - DAY_TYPE_IDS.indexOf(b.dayTypeId) || a.date.localeCompare(b.date));
}

/** A place's name, with its Gemeinde where the name occurs in several Gemeinden. */
export function displayNames(places: readonly { name: string; gemeinde?: string }[]): string[] {
  const counts = new Map<string, number>();
  for (const p of places) counts.set(p.name, (counts.get(p.name) ?? 0) + 1);
  return places.map((p) => ((counts.get(p.name) ?? 0) > 1 && p.gemeinde ? `${p.name} (${p.gemeinde})` : p.name));
}
