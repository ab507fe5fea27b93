/**
 * Renderers of the district report: terminal table (grouped by Gemeinde and Ortsteil), CSV (one
 * row per Ortsteil × destination × slot × date; formula-safe; `excel-de` dialect with `;`,
 * decimal comma and BOM), JSON, Markdown and GeoJSON (Ortsteil points with summary properties
 * for QGIS). Pure: `(report, options) => string`, stable order (Gemeinde, Ortsteil, input order
 * of destinations and slots, date).
 */
import type { OrtsteilReport, Report, ReportDay, ReportSlotResult } from '../analysis/build-report.js';
import { VERDICTS, type Verdict } from '../analysis/reachability.js';
import { DAY_TYPE_LABELS, type DayTypeId } from '../analysis/service-calendar.js';
import { formatClockShort } from '../time/clock.js';
import { wallClockForDate, type Lang, type ToWallClock } from './format-journey.js';
import { CATEGORY_LABELS, reasonText, VERDICT_LABELS, VERDICT_SYMBOLS } from './labels.js';
import { CAR_RIDE_MODEL } from '../analysis/bridges.js';
import { bridgeSentence } from './bridge-sentence.js';
import { writeCsv, type CsvCell, type CsvDialect } from './write-csv.js';
import { escapeMarkdown } from './escape-markdown.js';
import { formatNumber } from '../format-number.js';

export type { CsvDialect } from './write-csv.js';

/** Options of the renderers. */
export interface RenderReportOptions {
  lang: Lang;
  csvDialect?: CsvDialect;
}

const DAY_TYPE_ORDER: DayTypeId[] = ['school-day', 'holiday-weekday', 'saturday', 'sunday-holiday', 'no-service'];

/** Ortsteile sorted by Gemeinde, then name (German collation). */
export function sortedOrtsteile(report: Report): OrtsteilReport[] {
  const collator = new Intl.Collator('de');
  return [...report.ortsteile].sort((a, b) => collator.compare(a.gemeinde, b.gemeinde) || collator.compare(a.name, b.name));
}

/** The terminal table. */
export function renderReportTable(report: Report, options: RenderReportOptions): string {
  const { lang } = options;
  const de = lang === 'de';
  const lines: string[] = warningBlock(report);
  const dates = report.inputs.dates.map((d) => `${d.date} ${DAY_TYPE_LABELS[lang][d.dayTypeId]}`).join(', ');
  lines.push(de ? `Erreichbarkeit je Ortsteil — Tage: ${dates}` : `Reachability per Ortsteil — days: ${dates}`);
  lines.push(
    de
      ? `Zeichen: ${VERDICTS.map((v) => `${VERDICT_SYMBOLS[v]} ${VERDICT_LABELS.de[v]}`).join(' · ')}`
      : `Symbols: ${VERDICTS.map((v) => `${VERDICT_SYMBOLS[v]} ${VERDICT_LABELS.en[v]}`).join(' · ')}`,
  );
  let gemeinde: string | undefined;
  for (const ortsteil of sortedOrtsteile(report)) {
    if (ortsteil.gemeinde !== gemeinde) {
      gemeinde = ortsteil.gemeinde;
      lines.push('', `${de ? 'Gemeinde' : 'Municipality'} ${gemeinde}`);
    }
    const people = ortsteil.population ? ` (${formatNumber(ortsteil.population, lang)} ${de ? 'EW' : 'inh.'})` : '';
    const s = ortsteil.summary;
    lines.push(
      de
        ? `  ${ortsteil.name}${people}: ${s.reachableAlways} von ${s.slots} ${s.slots === 1 ? 'Zeitfenster' : 'Zeitfenstern'} immer erreichbar, ${s.reachableSometimes} nur an manchen Tagen, ${s.never} nie`
        : `  ${ortsteil.name}${people}: ${s.reachableAlways} of ${s.slots} ${s.slots === 1 ? 'slot' : 'slots'} always reachable, ${s.reachableSometimes} on some days, ${s.never} never`,
    );
    const width = Math.max(...ortsteil.results.map((r) => `${r.destination}, ${r.slot}`.length), 10);
    for (const result of ortsteil.results) {
      const cells = DAY_TYPE_ORDER.filter((type) => result.byDayType[type] !== undefined).map(
        (type) => `${DAY_TYPE_LABELS[lang][type]} ${VERDICT_SYMBOLS[result.byDayType[type]!]}`,
      );
      lines.push(`    ${`${result.destination}, ${result.slot}`.padEnd(width)}  ${cells.join('  ') || (de ? '(kein passender Tag)' : '(no matching day)')}`);
    }
  }
  return lines.join('\n');
}

/** CSV: one row per Ortsteil × destination × slot × date. */
export function renderReportCsv(report: Report, options: RenderReportOptions): string {
  const dialect = options.csvDialect ?? 'standard';
  const { lang } = options;
  const header = [
    'gemeinde', 'ortsteil', 'destination', 'category', 'slot', 'date', 'day_type', 'verdict',
    'outbound_departure', 'outbound_arrival', 'outbound_transfers', 'outbound_lines', 'wait_before_min',
    'return_departure', 'return_arrival', 'return_transfers', 'return_lines', 'wait_after_min', 'reasons',
    'service_date', 'data_warning', 'rail_station',
  ];
  // `report --bridges`: one more column with the smallest ride that would make a failing day work.
  const bridges = report.ortsteile.some((o) => o.results.some((r) => r.days.some((d) => d.bridge !== undefined)));
  if (bridges) header.push('bridge');
  const warningOf = new Map((report.warnings ?? []).filter((w) => w.date !== null).map((w) => [w.date!, w.message]));
  const rows: CsvCell[][] = [header];
  // Times as the clocks show them on the day (see wallClockForDate).
  const time = (seconds: number | undefined, wall: ToWallClock): string | null => (seconds === undefined ? null : formatClockShort(wall(seconds)));
  for (const ortsteil of sortedOrtsteile(report)) {
    for (const result of ortsteil.results) {
      for (const day of result.days) {
        const wall = wallClockForDate(day.date, day.serviceDate);
        const row: (string | number | null)[] = [
          ortsteil.gemeinde, ortsteil.name, result.destination, result.category, result.slot, day.date,
          DAY_TYPE_LABELS[lang][day.dayTypeId], VERDICT_LABELS[lang][day.verdict],
          time(day.outbound?.departure, wall), time(day.outbound?.arrival, wall), day.outbound?.transfers ?? null, day.outbound?.routes.join(' ') ?? null,
          day.waitBeforeSeconds === null ? null : Math.round(day.waitBeforeSeconds / 60),
          time(day.return?.departure, wall), time(day.return?.arrival, wall), day.return?.transfers ?? null, day.return?.routes.join(' ') ?? null,
          day.waitAfterSeconds === null ? null : Math.round(day.waitAfterSeconds / 60),
          day.reasons.map((reason) => reasonText(reason, lang, report.inputs.limits, wall)).join('; '),
          day.serviceDate ?? null, warningOf.get(day.date) ?? null,
          ortsteil.railStation ? `${ortsteil.railStation.name} ${ortsteil.railStation.distanceMeters} m` : null,
        ];
        if (bridges) row.push(day.bridge ? bridgeSentence(day.bridge, CAR_RIDE_MODEL, lang, wall) : null);
        rows.push(row);
      }
    }
  }
  return writeCsv(rows, { dialect });
}

/** JSON with `schemaVersion`, inputs and one entry per Ortsteil. */
export function renderReportJson(report: Report): string {
  return JSON.stringify({ ...report, ortsteile: sortedOrtsteile(report) }, null, 1);
}

const mdEscape = escapeMarkdown;

/** Markdown: inputs, then one table per Gemeinde (Ortsteil × destination slot × day type). */
export function renderReportMarkdown(report: Report, options: RenderReportOptions): string {
  const { lang } = options;
  const de = lang === 'de';
  const lines: string[] = [`# ${de ? 'Erreichbarkeit je Ortsteil' : 'Reachability per Ortsteil'}`, ''];
  for (const line of warningBlock(report)) lines.push(line ? `> ${mdEscape(line)}` : '');
  lines.push(`${de ? 'Tage' : 'Days'}: ${report.inputs.dates.map((d) => `${d.date} (${DAY_TYPE_LABELS[lang][d.dayTypeId]})`).join(', ')}`, '');
  lines.push(`${de ? 'Fahrpläne' : 'Timetables'}: ${report.inputs.feeds.map((f) => `${f.label} (${f.firstServiceDate} – ${f.lastServiceDate})`).join(', ')}`, '');
  const types = DAY_TYPE_ORDER.filter((type) => report.inputs.dates.some((d) => d.dayTypeId === type));
  let gemeinde: string | undefined;
  for (const ortsteil of sortedOrtsteile(report)) {
    if (ortsteil.gemeinde !== gemeinde) {
      gemeinde = ortsteil.gemeinde;
      lines.push('', `## ${mdEscape(gemeinde)}`, '');
      lines.push(`| Ortsteil | ${de ? 'Ziel' : 'Destination'} | ${de ? 'Zeitfenster' : 'Slot'} | ${types.map((t) => DAY_TYPE_LABELS[lang][t]).join(' | ')} |`);
      lines.push(`|---|---|---|${types.map(() => '---').join('|')}|`);
    }
    for (const result of ortsteil.results) {
      const cells = types.map((type) => (result.byDayType[type] ? VERDICT_LABELS[lang][result.byDayType[type]!] : '–'));
      lines.push(`| ${mdEscape(ortsteil.name)} | ${mdEscape(result.destination)} | ${mdEscape(result.slot)} | ${cells.join(' | ')} |`);
    }
  }
  const nearStations = sortedOrtsteile(report).filter((ortsteil) => ortsteil.railStation);
  if (nearStations.length > 0) {
    lines.push('', `## ${de ? 'Bahnhof in Gehnähe, Züge nicht in den Fahrplandaten' : 'Station within walking reach, trains not in the timetable data'}`, '');
    for (const ortsteil of nearStations) lines.push(`- ${mdEscape(ortsteil.name)}: ${de ? 'Bahnhof' : 'station'} ${mdEscape(ortsteil.railStation!.name)} ${ortsteil.railStation!.distanceMeters} m`);
  }
  return lines.join('\n');
}

/** GeoJSON FeatureCollection of Ortsteil points with summary properties (for QGIS). */
export function renderReportGeoJson(report: Report, options: RenderReportOptions): string {
  const { lang } = options;
  const features = sortedOrtsteile(report).map((ortsteil) => {
    const best: Record<string, string> = {};
    for (const result of ortsteil.results) {
      for (const [type, verdict] of Object.entries(result.byDayType)) {
        best[`${result.destination} | ${result.slot} | ${DAY_TYPE_LABELS[lang][type as DayTypeId]}`] = VERDICT_LABELS[lang][verdict as Verdict];
      }
    }
    return {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [round6(ortsteil.lon), round6(ortsteil.lat)] },
      properties: {
        name: ortsteil.name,
        gemeinde: ortsteil.gemeinde,
        population: ortsteil.population,
        slots: ortsteil.summary.slots,
        reachable_always: ortsteil.summary.reachableAlways,
        reachable_sometimes: ortsteil.summary.reachableSometimes,
        never: ortsteil.summary.never,
        share_always: ortsteil.summary.slots ? Math.round((100 * ortsteil.summary.reachableAlways) / ortsteil.summary.slots) / 100 : null,
        ...(report.warnings?.length ? { data_warnings: report.warnings.map((w) => w.message).join(' | ') } : {}),
        rail_station: ortsteil.railStation?.name ?? null,
        rail_station_m: ortsteil.railStation?.distanceMeters ?? null,
        ...best,
      },
    };
  });
  return JSON.stringify({ type: 'FeatureCollection', ...(report.warnings?.length ? { warnings: report.warnings.map((w) => w.message) } : {}), features }, null, 1);
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** Where an Ortsteil stands for `homes`: both ways within the limits on some day, only with long waits, one way only, or not at all. */
export type HomeGroup = 'both-ways' | 'long-wait' | 'one-way' | 'none';

/** One Ortsteil's ranking line for `homes`: best first. */
export interface HomeRanking {
  ortsteil: OrtsteilReport;
  result: ReportSlotResult;
  /** By the best day: `both-ways` when on at least one day both ways work within the limits. */
  group: HomeGroup;
  /** Days on which both ways work within the limits (`reachable`). */
  reachableDays: number;
  score: number;
  /** Median door-to-door outbound travel over days with both ways, seconds, or null. */
  travelSeconds: number | null;
}

const GROUP_ORDER: HomeGroup[] = ['both-ways', 'long-wait', 'one-way', 'none'];

/**
 * Ranks Ortsteile for one destination slot: first those where both ways work within the limits
 * on at least one day (more such days first), then those with long waits only, then one way
 * only; within a group better verdicts over all days, then shorter travel.
 */
export function rankHomes(report: Report): HomeRanking[] {
  const rankings: HomeRanking[] = [];
  for (const ortsteil of report.ortsteile) {
    const result = ortsteil.results[0];
    if (!result) continue;
    const score = result.days.reduce((sum, day) => sum + (VERDICTS.length - 1 - VERDICTS.indexOf(day.verdict)), 0);
    const reachableDays = result.days.filter((day) => day.verdict === 'reachable').length;
    const verdicts = new Set(result.days.map((day) => day.verdict));
    const group: HomeGroup = verdicts.has('reachable')
      ? 'both-ways'
      : verdicts.has('long-wait')
        ? 'long-wait'
        : verdicts.has('outbound-only') || verdicts.has('return-only')
          ? 'one-way'
          : 'none';
    const travels = result.days
      .filter((day) => day.outbound && (day.verdict === 'reachable' || day.verdict === 'long-wait'))
      .map((day) => day.outbound!.arrival - day.outbound!.departure)
      .sort((a, b) => a - b);
    rankings.push({ ortsteil, result, group, reachableDays, score, travelSeconds: travels.length ? travels[Math.floor(travels.length / 2)]! : null });
  }
  const collator = new Intl.Collator('de');
  return rankings.sort(
    (a, b) =>
      GROUP_ORDER.indexOf(a.group) - GROUP_ORDER.indexOf(b.group) ||
      b.reachableDays - a.reachableDays ||
      b.score - a.score ||
      (a.travelSeconds ?? Infinity) - (b.travelSeconds ?? Infinity) ||
      collator.compare(a.ortsteil.gemeinde, b.ortsteil.gemeinde) ||
      collator.compare(a.ortsteil.name, b.ortsteil.name),
  );
}

/**
 * The `homes` answer as text: the count and ranking of Ortsteile where both ways work within
 * the limits on at least one day, then, separately, those with long waits only and those with
 * one way only. `limit` caps each list.
 */
export function renderHomes(report: Report, options: RenderReportOptions & { limit?: number }): string {
  const { lang } = options;
  const de = lang === 'de';
  const ranking = rankHomes(report);
  const destination = report.destinations[0];
  const of = (group: HomeGroup): HomeRanking[] => ranking.filter((r) => r.group === group);
  const ortsteile = (n: number): string => `${n} ${n === 1 ? 'Ortsteil' : 'Ortsteile'}`;
  const both = of('both-ways');
  const lines = [
    ...warningBlock(report),
    de
      ? `Wohnorte für ${destination?.name ?? '?'}, ${destination?.slots[0] ?? ''} — ${ortsteile(both.length)} mit Hin- und Rückweg an mindestens einem Tag`
      : `Homes for ${destination?.name ?? '?'}, ${destination?.slots[0] ?? ''} — ${ortsteile(both.length)} with a way there and back on at least one day`,
  ];
  const list = (entries: HomeRanking[]): void => {
    entries.slice(0, options.limit ?? entries.length).forEach((entry, i) => {
      const cells = DAY_TYPE_ORDER.filter((type) => entry.result.byDayType[type] !== undefined).map(
        (type) => `${DAY_TYPE_LABELS[lang][type]} ${VERDICT_SYMBOLS[entry.result.byDayType[type]!]}`,
      );
      const travel = entry.travelSeconds === null ? '' : ` · ${Math.round(entry.travelSeconds / 60)} min ${de ? 'Fahrt' : 'travel'}`;
      lines.push(`${String(i + 1).padStart(3)}. ${entry.ortsteil.name} (${entry.ortsteil.gemeinde}) — ${cells.join('  ')}${travel}`);
    });
    if (options.limit !== undefined && entries.length > options.limit) lines.push(de ? `     … und ${entries.length - options.limit} weitere` : `     … and ${entries.length - options.limit} more`);
  };
  list(both);
  const longWait = of('long-wait');
  if (longWait.length > 0) {
    lines.push('', de ? `Nur mit langen Wartezeiten oder Fahrzeiten (${ortsteile(longWait.length)}):` : `Only with long waits or travel times (${ortsteile(longWait.length)}):`);
    list(longWait);
  }
  const oneWay = of('one-way');
  if (oneWay.length > 0) {
    lines.push('', de ? `Nur Hin- oder nur Rückweg (${ortsteile(oneWay.length)}):` : `One way only (${ortsteile(oneWay.length)}):`);
    list(oneWay);
  }
  return lines.join('\n');
}

/** The report's data warnings, one line each, and a blank line after them (nothing without warnings). */
export function warningBlock(report: Pick<Report, 'warnings'>): string[] {
  const warnings = report.warnings ?? [];
  return warnings.length ? [...warnings.map((warning) => warning.message), ''] : [];
}

/** Category label helper for other renderers. */
export function categoryLabel(category: string, lang: Lang): string {
  return CATEGORY_LABELS[lang][category] ?? category;
}

/** Days of one result that are not reachable, for explanations. */
export function failingDays(result: ReportSlotResult): ReportDay[] {
  return result.days.filter((day) => day.verdict !== 'reachable');
}
