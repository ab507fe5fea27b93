/**
 * Monitoring: two reports of the same Ortsteile and destinations — two timetable years, or two
 * dates — compared slot by slot and day type by day type. Which Ortsteile gained or lost which
 * connections, and which got better or worse (e.g. from "long waits" to "reachable").
 *
 * Entries are matched by Ortsteil (name and Gemeinde), destination, slot and day type; a day
 * type present on one side only is "not assessed" on the other, which is neither a loss nor a
 * gain (it is left out of the changes).
 */
import type { Report } from './build-report.js';
import { VERDICTS, type Verdict } from './reachability.js';
import { DAY_TYPE_IDS, type DayTypeId } from './service-calendar.js';

/** How one entry changed. */
export type Change = 'gained' | 'lost' | 'better' | 'worse';

/** One changed entry. */
export interface ComparisonEntry {
  gemeinde: string;
  ortsteil: string;
  destination: string;
  slot: string;
  /** Day type (of the earlier report's date when days pair by order). */
  dayTypeId: DayTypeId;
  /** With days paired by order: the day type of the later report's date. */
  dayTypeAfter?: DayTypeId | null;
  /** Verdict before and after; null where the day type was not assessed. */
  before: Verdict | null;
  after: Verdict | null;
  change: Change;
}

/** The comparison: changed entries and counts per Ortsteil. */
export interface Comparison {
  schemaVersion: number;
  matching: DayMatching;
  before: { feeds: string[]; dates: Report['inputs']['dates'] };
  after: { feeds: string[]; dates: Report['inputs']['dates'] };
  changes: ComparisonEntry[];
  /** Per Ortsteil with at least one change: how many connections it gained, lost, … */
  ortsteile: { gemeinde: string; ortsteil: string; gained: number; lost: number; better: number; worse: number }[];
  /** The data warnings of both reports (calendar disagreements, reduced feeds, assumptions), each once. */
  warnings: Report['warnings'];
}

/** "Reachable" in the sense of monitoring: both ways possible (reachable or with long waits). */
function connected(verdict: Verdict | null): boolean {
  return verdict === 'reachable' || verdict === 'long-wait';
}

/** Classifies a change of verdict, or undefined if nothing changed. */
export function classifyChange(before: Verdict | null, after: Verdict | null): Change | undefined {
  // Not assessed on one side (a day type the other timetable or date list lacks) is no change.
  if (before === after || before === null || after === null) return undefined;
  if (!connected(before) && connected(after)) return 'gained';
  if (connected(before) && !connected(after)) return 'lost';
  const rank = (verdict: Verdict | null): number => (verdict === null ? VERDICTS.length : VERDICTS.indexOf(verdict));
  return rank(after) < rank(before) ? 'better' : 'worse';
}

/** How days of the two reports are paired. */
export type DayMatching = 'day-type' | 'order';

/**
 * Compares two reports. With `day-type` (two timetables), entries pair up by day type (best
 * verdict of that type); with `order` (two dates or date lists of one timetable), the first
 * date of each report pairs with the first of the other, and so on.
 *
 * @example
 * ```ts
 * const diff = compareReports(reportOfOldTimetable, reportOfNewTimetable);
 * diff.changes.filter((c) => c.change === 'lost');
 * ```
 */
export function compareReports(before: Report, after: Report, matching: DayMatching = 'day-type'): Comparison {
  const key = (...parts: string[]): string => parts.join('\u0000');
  /** (ortsteil, destination, slot, day) → verdict, plus the day type of each day key. */
  const index = (report: Report): Map<string, { verdict: Verdict; dayTypeId: DayTypeId; parts: string[] }> => {
    const dateOrder = [...report.inputs.dates].map((d) => d.date).sort();
    const map = new Map<string, { verdict: Verdict; dayTypeId: DayTypeId; parts: string[] }>();
    for (const ortsteil of report.ortsteile) {
      for (const result of ortsteil.results) {
        const base = [ortsteil.gemeinde, ortsteil.name, result.destination, result.slot];
        if (matching === 'day-type') {
          for (const [type, verdict] of Object.entries(result.byDayType) as [DayTypeId, Verdict][]) {
            map.set(key(...base, type), { verdict, dayTypeId: type, parts: [...base, type] });
          }
        } else {
          for (const day of result.days) {
            const position = String(dateOrder.indexOf(day.date));
            map.set(key(...base, position), { verdict: day.verdict, dayTypeId: day.dayTypeId, parts: [...base, position] });
          }
        }
      }
    }
    return map;
  };
  const was = index(before);
  const now = index(after);
  const changes: ComparisonEntry[] = [];
  for (const k of new Set([...was.keys(), ...now.keys()])) {
    const a = was.get(k);
    const b = now.get(k);
    const change = classifyChange(a?.verdict ?? null, b?.verdict ?? null);
    if (!change) continue;
    const [gemeinde, ortsteil, destination, slot] = (a ?? b)!.parts as [string, string, string, string];
    changes.push({
      gemeinde,
      ortsteil,
      destination,
      slot,
      dayTypeId: (a ?? b)!.dayTypeId,
      ...(matching === 'order' ? { dayTypeAfter: b?.dayTypeId ?? null } : {}),
      before: a?.verdict ?? null,
      after: b?.verdict ?? null,
      change,
    });
  }
  const collator = new Intl.Collator('de');
  changes.sort(
    (x, y) =>
      collator.compare(x.gemeinde, y.gemeinde) ||
      collator.compare(x.ortsteil, y.ortsteil) ||
      collator.compare(x.destination, y.destination) ||
      collator.compare(x.slot, y.slot) ||
      DAY_TYPE_IDS.indexOf(x.dayTypeId) - DAY_TYPE_IDS.indexOf(y.dayTypeId),
  );
  const counts = new Map<string, Comparison['ortsteile'][number]>();
  for (const entry of changes) {
    const k = key(entry.gemeinde, entry.ortsteil);
    const count = counts.get(k) ?? { gemeinde: entry.gemeinde, ortsteil: entry.ortsteil, gained: 0, lost: 0, better: 0, worse: 0 };
    count[entry.change]++;
    counts.set(k, count);
  }
  return {
    schemaVersion: 1,
    matching,
    before: { feeds: before.inputs.feeds.map((feed) => feed.label), dates: before.inputs.dates },
    after: { feeds: after.inputs.feeds.map((feed) => feed.label), dates: after.inputs.dates },
    changes,
    ortsteile: [...counts.values()],
    warnings: [...new Map([...(before.warnings ?? []), ...(after.warnings ?? [])].map((warning) => [warning.message, warning])).values()],
  };
}
