/**
 * The trip sheet: one case printed for the client on A4, black and white friendly, German beside
 * the client's language. Per group of days with the same connections (usually one per day type):
 * the bus to take ("ab 05:17 Wolmirstedt, Bahnhof (Bus) — Bus 623 Richtung Wenddorf — an 05:28
 * Zielitz, Schricker Str."), walks, where to change, the way home; then what to do on the days
 * without a connection.
 *
 * Only the connecting words are translated, from the phrase tables in `sheet-phrases/` (one file
 * per language, to be reviewed by native speakers). Stop, line and place names stay as printed on
 * the bus stop sign; in right-to-left languages (Arabic, Persian) they are isolated with `<bdi>`
 * so their Latin letters and punctuation keep their order.
 *
 * Pure `(result, options) => string`; a self-contained HTML page whose only style is inline and
 * allowed by hash in the Content-Security-Policy ({@link SHEET_CSP}); no script.
 */
import { createHash } from 'node:crypto';
import type { CheckResult } from '../cli/commands/check-command.js';
import type { DayAssessment, Reason } from '../analysis/reachability.js';
import type { ChainAssessment } from '../analysis/kita-chain.js';
import type { DayTypeId } from '../analysis/service-calendar.js';
import type { Journey, Leg } from '../router/journey.js';
import { formatClockShort, formatDateForHumans, isoWeekday, parseIsoDate } from '../time/clock.js';
import { chainToJson, wallClockForDay } from './render-check.js';
import type { ToWallClock } from './format-journey.js';
import { escapeHtml, NASA_ATTRIBUTION } from './render-html.js';
import { reasonText, VERDICT_LABELS } from './labels.js';
import { SHEET_PHRASES, type SheetLang, type SheetPhrases } from './sheet-phrases/index.js';

/** Options of {@link renderSheet}. */
export interface RenderSheetOptions {
  /** The client's language, printed beside German (`de`: German only). */
  lang: SheetLang;
}

/** One step of a journey as the sheet prints it. */
type Step =
  | { kind: 'ride'; dep: number; from: string; routeType: number; line: string; headsign: string; arr: number; to: string }
  | { kind: 'walk' | 'bike'; minutes: number; from: string; to: string }
  | { kind: 'change'; minutes: number }
  | { kind: 'platform'; minutes: number }
  | { kind: 'walk-change'; minutes: number; walkMinutes: number; stop: string };

/**
 * The steps of a journey, in the order of `formatLegs` (report/format-journey.ts): a walk
 * between two rides is a change (on the same stop: change platform), two rides in a row are a
 * change with the wait between them.
 */
export function journeySteps(legs: readonly Leg[]): Step[] {
  const steps: Step[] = [];
  const minutes = (seconds: number): number => Math.round(seconds / 60);
  legs.forEach((leg, i) => {
    const previous = legs[i - 1];
    const next = legs[i + 1];
    if (leg.mode === 'walk') {
      if (previous?.mode === 'ride' && next?.mode === 'ride') {
        const wait = minutes(next.departure - previous.arrival);
        steps.push(
          leg.fromStopName === leg.toStopName
            ? { kind: 'platform', minutes: wait }
            : { kind: 'walk-change', minutes: wait, walkMinutes: minutes(leg.durationSeconds), stop: leg.toStopName },
        );
      } else {
        steps.push({ kind: leg.bike ? 'bike' : 'walk', minutes: minutes(leg.durationSeconds), from: leg.fromStopName, to: leg.toStopName });
      }
      return;
    }
    if (previous?.mode === 'ride') steps.push({ kind: 'change', minutes: minutes(leg.departure - previous.arrival) });
    steps.push({ kind: 'ride', dep: leg.departure, from: leg.fromStopName, routeType: leg.routeType, line: leg.route || leg.routeLongName, headsign: leg.headsign, arr: leg.arrival, to: leg.toStopName });
  });
  return steps;
}

function vehicle(routeType: number, p: SheetPhrases): string {
  if (routeType === 0 || routeType === 5 || (routeType >= 900 && routeType < 1000)) return p.vehicles.tram;
  if (routeType === 1 || (routeType >= 400 && routeType < 500)) return p.vehicles.metro;
  if (routeType === 2 || (routeType >= 100 && routeType < 200)) return p.vehicles.train;
  if (routeType === 4 || (routeType >= 1000 && routeType < 1100)) return p.vehicles.ferry;
  if (routeType === 715) return p.vehicles.onDemand;
  return p.vehicles.bus;
}

/** Fills `{name}` placeholders: the template is escaped, names are isolated in `<bdi>`. */
function fill(template: string, values: Record<string, string>): string {
  return template
    .split(/(\{[a-z]+\})/)
    .map((part) => {
      const key = /^\{([a-z]+)\}$/.exec(part)?.[1];
      if (key === undefined) return escapeHtml(part);
      const value = values[key];
      return value === undefined || value === '' ? '\u0000' : value;
    })
    .join('')
    // An empty placeholder takes one of the spaces around it with it (names keep their own spaces).
    .replace(/ \u0000 /g, ' ')
    .replace(/ ?\u0000 ?/g, '')
    .trim();
}

const name = (text: string): string => `<bdi>${escapeHtml(text)}</bdi>`;
/** A clock time of the day as the clocks show it (`wall`: see `wallClockForDate`). */
const time = (clockSeconds: number, wall: ToWallClock): string => `<bdi>${escapeHtml(formatClockShort(wall(clockSeconds)))}</bdi>`;

function stepHtml(step: Step, p: SheetPhrases, wall: ToWallClock): string {
  switch (step.kind) {
    case 'ride': {
      const line = `${vehicle(step.routeType, p)} ${step.line}`.trim();
      return fill(p.ride, {
        dep: time(step.dep, wall),
        from: name(step.from),
        line: name(line),
        towards: step.headsign ? fill(p.towards, { headsign: name(step.headsign) }) : '',
        arr: time(step.arr, wall),
        to: name(step.to),
      });
    }
    case 'walk':
    case 'bike':
      return fill(step.kind === 'walk' ? p.walk : p.bike, { min: String(step.minutes), from: name(step.from), to: name(step.to) });
    case 'change':
      return fill(p.change, { min: String(step.minutes) });
    case 'platform':
      return fill(p.platformChange, { min: String(step.minutes) });
    case 'walk-change':
      return fill(p.walkToChange, { min: String(step.minutes), walk: String(step.walkMinutes), stop: name(step.stop) });
  }
}

function reasonHtml(reason: Reason, p: SheetPhrases, wall: ToWallClock): string {
  switch (reason.code) {
    case 'no-service':
      return fill(p.noBusThatDay, {});
    case 'outbound-none':
    case 'outbound-too-early':
      return fill(p.noWayThere, {});
    case 'outbound-too-late':
      return fill(p.earliestArrival, { time: time(reason.earliestArrival, wall) });
    case 'return-none':
      return fill(p.noWayBack, {});
    case 'return-too-late':
      return fill(p.firstReturn, { time: time(reason.firstDeparture, wall) });
    case 'travel-too-long':
      return fill(p.tooLong, { min: String(Math.round(reason.travelSeconds / 60)) });
    case 'journey-too-long':
      // Only the departure (arrival) of such journeys is exact, not their length: no way there (back).
      return fill(reason.direction === 'outbound' ? p.noWayThere : p.noWayBack, {});
    case 'wait-too-long':
    case 'wait-at-kita-too-long':
      return fill(p.longWait, { min: String(Math.round(reason.waitSeconds / 60)) });
    case 'leaves-day-before':
      return fill(p.noWayThere, {});
    case 'kita-opens-too-late':
    case 'kita-closes-too-early':
    case 'no-stop-near-home':
    case 'no-stop-near-destination':
      return fill(p.noConnection, {});
  }
}

/** A row of the sheet: German, and the client's language (when not German). */
interface Row {
  de: string;
  client: string;
  cls?: string;
}

/** Days with the same connections (and day type) share one block. */
interface Group {
  dayTypeId: DayTypeId;
  dates: string[];
  ok: boolean;
  rows: Row[];
}

function journeyRows(journey: Journey | null, heading: [string, string], extra: [string, string] | undefined, p: SheetPhrases, de: SheetPhrases, wall: ToWallClock): Row[] {
  if (!journey) return [];
  const rows: Row[] = [{ de: `<strong>${escapeHtml(heading[0])}</strong>${extra ? ` — ${extra[0]}` : ''}`, client: `<strong>${escapeHtml(heading[1])}</strong>${extra ? ` — ${extra[1]}` : ''}`, cls: 'head' }];
  for (const step of journeySteps(journey.legs)) rows.push({ de: stepHtml(step, de, wall), client: stepHtml(step, p, wall), cls: step.kind === 'ride' ? 'ride' : 'step' });
  return rows;
}

function groupDays<T extends { date: string; dayTypeId: DayTypeId }>(days: readonly T[], key: (day: T) => string, build: (day: T) => { ok: boolean; rows: Row[] }): Group[] {
  const groups = new Map<string, Group>();
  for (const day of days) {
    const k = `${day.dayTypeId}\u0000${key(day)}`;
    const group = groups.get(k);
    if (group) group.dates.push(day.date);
    else groups.set(k, { dayTypeId: day.dayTypeId, dates: [day.date], ...build(day) });
  }
  return [...groups.values()];
}

/** Days share a block only when the clocks show the same times (not across a DST change). */
const legKey = (journey: Journey | null, wall: ToWallClock): string =>
  journey ? journey.legs.map((leg) => `${leg.mode}:${wall(leg.departure)}:${wall(leg.arrival)}:${leg.fromStopName}:${leg.toStopName}`).join('|') : '-';

function checkGroups(days: DayAssessment[], p: SheetPhrases, de: SheetPhrases, limits: Parameters<typeof reasonText>[2], wallOf: (date: string) => ToWallClock): Group[] {
  return groupDays(
    days,
    (day) => {
      const wall = wallOf(day.date);
      return `${day.verdict}\u0000${legKey(day.outbound, wall)}\u0000${legKey(day.return, wall)}\u0000${wall(day.start)}\u0000${wall(day.end)}\u0000${day.reasons.map((r) => JSON.stringify(r) + reasonText(r, 'de', limits, wall)).join()}`;
    },
    (day) => {
      const wall = wallOf(day.date);
      const waitBefore = day.waitBeforeSeconds === null ? undefined : Math.round(day.waitBeforeSeconds / 60);
      const waitAfter = day.waitAfterSeconds === null ? undefined : Math.round(day.waitAfterSeconds / 60);
      const before = (phrases: SheetPhrases): string =>
        waitBefore === undefined ? fill(phrases.opens, { time: time(day.start, wall) }) : fill(phrases.waitBefore, { min: String(waitBefore), time: time(day.start, wall) });
      const after = (phrases: SheetPhrases): string =>
        waitAfter === undefined ? fill(phrases.closes, { time: time(day.end, wall) }) : fill(phrases.waitAfter, { min: String(waitAfter), time: time(day.end, wall) });
      const rows = [
        ...journeyRows(day.outbound, [de.there, p.there], [before(de), before(p)], p, de, wall),
        ...journeyRows(day.return, [de.back, p.back], [after(de), after(p)], p, de, wall),
      ];
      if (day.verdict !== 'reachable') {
        rows.push({ de: `<strong>${escapeHtml(VERDICT_LABELS.de[day.verdict])}</strong>`, client: `<strong>${escapeHtml(p.noConnection)}</strong>`, cls: 'warn' });
        for (const reason of day.reasons) rows.push({ de: escapeHtml(reasonText(reason, 'de', limits, wall)), client: reasonHtml(reason, p, wall), cls: 'warn' });
      }
      return { ok: day.verdict === 'reachable', rows };
    },
  );
}

function chainGroups(days: ChainAssessment[], reasons: Map<string, string | null>, p: SheetPhrases, de: SheetPhrases, wallOf: (date: string) => ToWallClock): Group[] {
  const order = ['homeToKita', 'kitaToDestination', 'destinationToKita', 'kitaToHome'] as const;
  return groupDays(
    days,
    (day) => `${day.works}\u0000${day.breaksAt}\u0000${order.map((k) => legKey(day.legs[k], wallOf(day.date))).join('\u0000')}\u0000${reasons.get(day.date) ?? ''}`,
    (day) => {
      const rows = order.flatMap((k) => journeyRows(day.legs[k], [de.chainLegs[k], p.chainLegs[k]], undefined, p, de, wallOf(day.date)));
      if (!day.works) {
        rows.push({ de: `<strong>${escapeHtml(reasons.get(day.date) ?? de.noConnection)}</strong>`, client: `<strong>${escapeHtml(p.noConnection)}</strong>`, cls: 'warn' });
      }
      return { ok: day.works, rows };
    },
  );
}

function dayNames(dates: string[], p: SheetPhrases): string {
  return dates.map((date) => p.weekdays[isoWeekday(parseIsoDate(date)!) - 1]).join(p.dir === 'rtl' ? '، ' : ', ');
}

function table(rows: Row[], bilingual: boolean, lang: SheetLang): string {
  const clientCell = (row: Row): string => (bilingual ? `<td class="client" lang="${lang}" dir="${SHEET_PHRASES[lang].dir}">${row.client}</td>` : '');
  return `<table>${rows.map((row) => `<tr${row.cls ? ` class="${row.cls}"` : ''}><td class="de" lang="de" dir="ltr">${row.de}</td>${clientCell(row)}</tr>`).join('')}</table>`;
}

/**
 * Renders the trip sheet of a check.
 *
 * @example
 * ```ts
 * const result = await runCheck(inputs, { from: 'Wolmirstedt', to: 'K+S', shift: '06:00-14:00', days: 'Mo-Sa' });
 * await writeFile('blatt.html', renderSheet(result, { lang: 'ar' }));
 * ```
 */
export function renderSheet(result: CheckResult, options: RenderSheetOptions): string {
  const de = SHEET_PHRASES.de;
  const client = SHEET_PHRASES[options.lang];
  const p = client;
  const bilingual = options.lang !== 'de';
  const both = (deText: string, clientText: string): string =>
    bilingual ? `<span lang="de" dir="ltr">${deText}</span><span class="sep"> · </span><span lang="${options.lang}" dir="${client.dir}">${clientText}</span>` : deText;
  const sections: string[] = [];
  const noConnectionDays: string[] = [];
  for (const item of result.items) {
    const { subject } = item;
    const wallOf = (date: string): ToWallClock => wallClockForDay(subject, date);
    const groups =
      result.kind === 'chain'
        ? chainGroups(
            item.days as ChainAssessment[],
            new Map(
              (chainToJson(subject as typeof subject & { via: NonNullable<typeof subject.via> }, item.days as ChainAssessment[], 'de', item.limits) as { days: { date: string; reason: string | null }[] }).days.map((d) => [d.date, d.reason]),
            ),
            p,
            de,
            wallOf,
          )
        : checkGroups(item.days as DayAssessment[], p, de, (item as { limits: Parameters<typeof reasonText>[2] }).limits, wallOf);
    const facts: Row[] = [
      { de: `${escapeHtml(de.from)}: ${name(subject.from.name)}`, client: `${escapeHtml(p.from)}: ${name(subject.from.name)}` },
      ...(subject.via ? [{ de: `${escapeHtml(de.via)}: ${name(subject.via.name)}`, client: `${escapeHtml(p.via)}: ${name(subject.via.name)}` }] : []),
      { de: `${escapeHtml(de.to)}: ${name(subject.to.name)}`, client: `${escapeHtml(p.to)}: ${name(subject.to.name)}` },
      { de: `${escapeHtml(de.time)}: ${name(subject.slot)}`, client: `${escapeHtml(p.time)}: ${name(subject.slot)}` },
    ];
    const blocks = groups.map((group) => {
      const dates = group.dates.map((date) => formatDateForHumans(parseIsoDate(date)!, 'de')).join(', ');
      if (!group.ok) noConnectionDays.push(...group.dates);
      const heading = both(
        `${escapeHtml(dayNames(group.dates, de))} — ${escapeHtml(de.dayTypes[group.dayTypeId])}`,
        `${escapeHtml(dayNames(group.dates, client))} — ${escapeHtml(client.dayTypes[group.dayTypeId])}`,
      );
      return `<section class="group${group.ok ? '' : ' none'}"><h2>${group.ok ? '' : '✘ '}${heading}</h2><p class="dates">${escapeHtml(dates)}</p>${table(group.rows, bilingual, options.lang)}</section>`;
    });
    sections.push(`<section class="case">${table(facts, bilingual, options.lang)}${blocks.join('')}</section>`);
  }
  const unique = [...new Set(noConnectionDays)].sort();
  const advice =
    unique.length === 0
      ? ''
      : `<section class="advice"><h2>${both(escapeHtml(de.whatToDo), escapeHtml(client.whatToDo))}</h2>${table(
          [
            { de: `${escapeHtml(de.onDays)}: ${escapeHtml(unique.map((d) => formatDateForHumans(parseIsoDate(d)!, 'de')).join(', '))}`, client: `${escapeHtml(p.onDays)}: ${escapeHtml(dayNames(unique, client))}` },
            ...de.advice.map((line, i) => ({ de: `• ${escapeHtml(line)}`, client: `• ${escapeHtml(client.advice[i] ?? '')}` })),
          ],
          bilingual,
          options.lang,
        )}</section>`;
  const title = both(escapeHtml(de.title), escapeHtml(client.title));
  return `<!DOCTYPE html>
<html lang="${options.lang}" dir="${client.dir}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${SHEET_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(de.title)}${bilingual ? ` · ${escapeHtml(client.title)}` : ''}</title>
<style>${SHEET_STYLE}</style>
</head>
<body>
<header><h1>${title}</h1><p>${both(escapeHtml(de.intro), escapeHtml(client.intro))}</p></header>
${sections.join('\n')}
${advice}
<footer><p>${both(escapeHtml(de.disclaimer), escapeHtml(client.disclaimer))}</p><p class="source" lang="de" dir="ltr">${escapeHtml(NASA_ATTRIBUTION)}</p></footer>
</body>
</html>
`;
}

const SHEET_STYLE = `
@page{size:A4;margin:14mm 12mm}
:root{font-family:"DejaVu Sans","Noto Sans","Segoe UI",Arial,sans-serif;color:#000;background:#fff;font-size:11pt}
body{margin:0 auto;max-width:190mm;padding:6mm}
h1{font-size:17pt;margin:0 0 2mm}h2{font-size:12.5pt;margin:5mm 0 1mm;border-bottom:1.5pt solid #000;padding-bottom:1mm}
header p{margin:0 0 3mm}
.sep{color:#000}
table{width:100%;border-collapse:collapse;margin:1mm 0 2mm}
td{vertical-align:top;padding:1.2mm 2mm;border-bottom:.5pt solid #777;line-height:1.35}
td.de{width:50%}
td.client{border-inline-start:1pt solid #000;font-size:11.5pt}
tr.head td{border-bottom:1pt solid #000;padding-top:2.5mm}
tr.ride td{font-weight:600}
tr.step td{padding-inline-start:6mm}
tr.warn td{font-style:italic}
.group{break-inside:avoid}
.group.none h2{border-bottom-style:dashed}
.dates{font-size:9pt;margin:0 0 1mm}
.case>table:first-child td{border:0;padding:.6mm 2mm;font-size:12pt}
.advice{break-inside:avoid;border:1.5pt solid #000;padding:1mm 3mm;margin-top:5mm}
.advice h2{border:0;margin-top:2mm}
footer{margin-top:6mm;font-size:9.5pt}footer .source{font-size:8pt}
bdi{unicode-bidi:isolate}
@media print{body{padding:0;max-width:none}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
`;

/** The Content-Security-Policy of the sheet: its inline style (by hash) and nothing else. */
export const SHEET_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(SHEET_STYLE, 'utf8').digest('base64')}'; img-src 'none'; base-uri 'none'; form-action 'none'`;
