/**
 * Renderers of the monitoring sheet (`erreichbar monitor`): Markdown (for the Kreistag: Gemeinde
 * sums, Ortsteile per Gemeinde, the Ortsteile below a standard, the changes), CSV (one row per
 * Ortsteil × date), JSON, and one static, printable HTML file with the map coloured by the
 * departures on the first day type. Pure; sorted by Gemeinde, then Ortsteil (German collation).
 */
import type { MonitorChange, MonitorDay, MonitorOrtsteil, MonitorResult } from '../analysis/monitor.js';
import { DAY_TYPE_LABELS, type DayTypeId } from '../analysis/service-calendar.js';
import { formatClockShort, formatDateForHumans, parseIsoDate } from '../time/clock.js';
import { CLOCK_AS_IS, formatDuration, wallClockForDate, type Lang, type ToWallClock } from './format-journey.js';
import { BASE_STYLE, staticHtmlPage } from './html-page.js';
import { formatNumber } from '../format-number.js';
import type { MapNetwork } from './map-network.js';
import { escapeHtml, NASA_ATTRIBUTION } from './render-html.js';
import { writeCsv, type CsvCell } from './write-csv.js';
import { escapeMarkdown } from './escape-markdown.js';

const clock = (seconds: number | null | undefined, wall: ToWallClock = CLOCK_AS_IS): string => (seconds === null || seconds === undefined ? '–' : formatClockShort(wall(seconds)));
const minutes = (seconds: number | null): string => (seconds === null ? '–' : formatDuration(seconds));
const percent = (s: { reachable: number; assessed: number }, lang: Lang): string =>
  s.assessed === 0 ? '–' : `${formatNumber((100 * s.reachable) / s.assessed, lang)} %`;

function sorted(result: MonitorResult): MonitorOrtsteil[] {
  const collator = new Intl.Collator('de');
  return [...result.ortsteile].sort((a, b) => collator.compare(a.gemeinde, b.gemeinde) || collator.compare(a.name, b.name));
}

const INDICATOR_UNITS: Record<string, (v: number, lang: Lang) => string> = {
  departures: (v, lang) => formatNumber(v, lang),
  travelMinutes: (v) => `${v} min`,
  firstArrival: (v) => formatClockShort(v * 60),
  lastReturn: (v) => formatClockShort(v * 60),
  serviceDays: (v, lang) => formatNumber(v, lang),
  slotShare: (v, lang) => `${formatNumber(v, lang)} %`,
};

/** "S1 mindestens 6 Abfahrten … (hat 2)" */
function missedText(o: MonitorOrtsteil, result: MonitorResult, lang: Lang): string {
  return o.missed
    .map((m) => {
      const standard = result.standards.find((s) => s.id === m.id);
      const unit = INDICATOR_UNITS[standard?.indicator ?? 'departures']!;
      const has = m.value === null ? (lang === 'de' ? 'keine' : 'none') : unit(m.value, lang);
      return `${m.id} ${m.label} (${lang === 'de' ? 'hat' : 'has'} ${has})`;
    })
    .join('; ');
}

function dayHead(dayTypeId: DayTypeId, lang: Lang): string {
  return DAY_TYPE_LABELS[lang][dayTypeId];
}

function changeText(c: MonitorChange, lang: Lang): string {
  const de = lang === 'de';
  const parts: string[] = [];
  const d = c.departures.after - c.departures.before;
  if (d !== 0) parts.push(`${de ? 'Abfahrten' : 'departures'} ${c.departures.before} → ${c.departures.after} (${d > 0 ? '+' : '−'}${Math.abs(d)})`);
  if (c.travelSeconds.before !== c.travelSeconds.after) parts.push(`${de ? 'Fahrzeit' : 'travel'} ${minutes(c.travelSeconds.before)} → ${minutes(c.travelSeconds.after)}`);
  if (c.firstArrival.before !== c.firstArrival.after) parts.push(`${de ? 'erste Ankunft' : 'first arrival'} ${clock(c.firstArrival.before)} → ${clock(c.firstArrival.after)}`);
  if (c.lastReturn.before !== c.lastReturn.after) parts.push(`${de ? 'letzte Rückfahrt' : 'last return'} ${clock(c.lastReturn.before)} → ${clock(c.lastReturn.after)}`);
  if (c.slots.before !== c.slots.after) parts.push(`${de ? 'Zeitfenster erreichbar' : 'slots reachable'} ${c.slots.before} → ${c.slots.after} ${de ? 'von' : 'of'} ${c.slots.assessed}`);
  if (c.serviceDays.before !== c.serviceDays.after) parts.push(`${de ? 'Tage mit Bus' : 'days with a bus'} ${c.serviceDays.before} → ${c.serviceDays.after}`);
  return parts.join('; ');
}

interface Table {
  head: string[];
  rows: string[][];
}

function gemeindeTable(result: MonitorResult, lang: Lang): Table {
  const de = lang === 'de';
  const head = [de ? 'Gemeinde' : 'Municipality', 'Ortsteile', de ? 'Einwohner (bekannt)' : 'population (known)', de ? 'unter Standard' : 'below standard'];
  for (const d of result.dates) head.push(`${dayHead(d.dayTypeId, lang)}: ${de ? 'Abfahrten' : 'departures'}`, `${dayHead(d.dayTypeId, lang)}: ${de ? 'ohne Bus' : 'no bus'}`, `${dayHead(d.dayTypeId, lang)}: ${de ? 'Zeitfenster erreichbar' : 'slots reachable'}`);
  const rows = result.gemeinden.map((g) => [
    g.name,
    String(g.ortsteile),
    `${formatNumber(g.population, lang)}${g.populationMissing ? ` (${g.populationMissing} ${de ? 'ohne Zahl' : 'without figure'})` : ''}`,
    String(g.belowStandard),
    ...g.days.flatMap((d) => [formatNumber(d.departures, lang), String(d.withoutService), percent(d.slots, lang)]),
  ]);
  return { head, rows };
}

function ortsteilTable(result: MonitorResult, lang: Lang): Table {
  const de = lang === 'de';
  const main = result.dates[0];
  const head = [
    'Ortsteil',
    'Gemeinde',
    de ? 'Zentraler Ort' : 'central place',
    ...result.dates.map((d) => `${de ? 'Abfahrten' : 'departures'} ${dayHead(d.dayTypeId, lang)}`),
    main ? `${de ? 'erste Fahrt hin (ab–an)' : 'first there (dep–arr)'} ${dayHead(main.dayTypeId, lang)}` : '',
    main ? `${de ? 'letzte Fahrt hin' : 'last there'}` : '',
    main ? `${de ? 'letzte Rückfahrt' : 'last return'}` : '',
    de ? 'Fahrzeit' : 'travel',
    de ? 'Tage/Woche mit Bus' : 'days/week with a bus',
    ...result.dates.map((d) => `${de ? 'Zeitfenster' : 'slots'} ${dayHead(d.dayTypeId, lang)}`),
  ];
  const conn = (c: MonitorDay['firstToCentre'], wall: ToWallClock): string => (c ? `${clock(c.departure, wall)}–${clock(c.arrival, wall)}` : '–');
  const rows = sorted(result).map((o) => {
    const first = o.days[0];
    const wall = first ? wallClockForDate(first.date) : CLOCK_AS_IS;
    return [
      o.name,
      o.gemeinde,
      o.isCentre ? (de ? `${o.centre!.name} (selbst)` : `${o.centre!.name} (itself)`) : o.centre ? `${o.centre.name} (${o.centre.level})` : '–',
      ...result.dates.map((d) => String(o.days.find((x) => x.date === d.date)?.departures ?? '–')),
      o.isCentre ? '' : conn(first?.firstToCentre ?? null, wall),
      o.isCentre ? '' : conn(first?.lastToCentre ?? null, wall),
      o.isCentre ? '' : conn(first?.lastReturn ?? null, wall),
      o.isCentre ? '' : minutes(first?.travelSeconds ?? null),
      String(o.serviceDays),
      ...result.dates.map((d) => {
        const day = o.days.find((x) => x.date === d.date);
        return day ? percent(day.slots, lang) : '–';
      }),
    ];
  });
  return { head, rows };
}

function intro(result: MonitorResult, lang: Lang): string[] {
  const de = lang === 'de';
  const days = result.dates.map((d) => `${dayHead(d.dayTypeId, lang)} ${formatDateForHumans(parseIsoDate(d.date)!, lang)}`).join(' · ');
  return [
    de ? `Tage: ${days}; Tage mit Bus gezählt in der Woche ab ${result.week}.` : `Days: ${days}; days with a bus counted in the week from ${result.week}.`,
    de
      ? 'Abfahrten: Fahrten des Tages, die an einer Haltestelle im Fußweg-Umkreis des Ortsteils abfahren (jede Fahrt einmal). Zentraler Ort: der nächste (Luftlinie) aus data/zentrale-orte.csv. Erste/letzte Fahrt: früheste Ankunft dort, späteste Abfahrt dorthin, späteste Rückfahrt am selben Betriebstag. Fahrzeit: kürzeste der letzten Verbindungen mit Ankunft bis 08:00, 12:00 und 16:00. Zeitfenster: Anteil der Ziele × Zeitfenster des Berichts, die erreichbar sind.'
      : 'Departures: trips of the day leaving a stop within walking distance of the Ortsteil (each trip once). Central place: the nearest (straight line) of data/zentrale-orte.csv. First/last: earliest arrival there, latest departure there, latest return the same service day. Travel: shortest of the latest connections arriving by 08:00, 12:00 and 16:00. Slots: share of the report\'s destination slots that are reachable.',
  ];
}

function markdownTable(t: Table): string[] {
  const esc = escapeMarkdown;
  return [`| ${t.head.map(esc).join(' | ')} |`, `|${t.head.map(() => '---').join('|')}|`, ...t.rows.map((r) => `| ${r.map(esc).join(' | ')} |`)];
}

/** Markdown: Gemeinde sums, Ortsteile, standards missed, changes. */
export function renderMonitorMarkdown(result: MonitorResult, lang: Lang): string {
  const de = lang === 'de';
  const lines: string[] = [`# ${de ? 'Monitoring: Busanbindung je Ortsteil und Gemeinde' : 'Monitoring: bus service per Ortsteil and Gemeinde'}`, '', ...intro(result, lang), ''];
  lines.push(`## ${de ? 'Gemeinden' : 'Municipalities'}`, '', ...markdownTable(gemeindeTable(result, lang)), '');
  lines.push(`## Ortsteile`, '', ...markdownTable(ortsteilTable(result, lang)), '');
  lines.push(`## ${de ? 'Unter einem Bedienungsstandard' : 'Below a service standard'}`, '');
  for (const s of result.standards) lines.push(`- ${s.id}: ${s.label} — ${de ? 'Quelle' : 'source'}: ${s.source}`);
  lines.push('');
  const below = sorted(result).filter((o) => o.missed.length > 0);
  if (below.length === 0) lines.push(de ? 'Keine.' : 'None.');
  for (const o of below) lines.push(`- ${o.name} (${o.gemeinde}): ${missedText(o, result, lang)}`);
  if (result.against) {
    lines.push('', `## ${de ? 'Änderungen gegenüber dem älteren Fahrplan' : 'Changes against the older timetable'}`, '');
    lines.push(de ? `Älterer Fahrplan: ${result.against.dates.map((d) => `${dayHead(d.dayTypeId, lang)} ${d.date}`).join(', ')}` : `Older timetable: ${result.against.dates.map((d) => `${dayHead(d.dayTypeId, lang)} ${d.date}`).join(', ')}`, '');
    if (result.against.changes.length === 0) lines.push(de ? 'Keine Änderungen.' : 'No changes.');
    for (const c of result.against.changes) lines.push(`- ${c.ortsteil} (${c.gemeinde}), ${dayHead(c.dayTypeId, lang)}: ${changeText(c, lang)}`);
  }
  lines.push('', NASA_ATTRIBUTION);
  return lines.join('\n');
}

/** CSV: one row per Ortsteil × date (with the older values when compared). */
export function renderMonitorCsv(result: MonitorResult): string {
  const head = [
    'ortsteil', 'gemeinde', 'population', 'centre', 'centreLevel', 'isCentre', 'stops', 'date', 'dayType', 'departures', 'firstDeparture', 'lastDeparture',
    'firstToCentreDeparture', 'firstToCentreArrival', 'lastToCentreDeparture', 'lastToCentreArrival', 'lastReturnDeparture', 'lastReturnArrival',
    'travelMinutes', 'serviceDays', 'slotsReachable', 'slotsAssessed', 'missedStandards',
  ];
  if (result.against) head.push('departuresBefore', 'travelMinutesBefore', 'slotsReachableBefore', 'serviceDaysBefore');
  const rows: CsvCell[][] = [head];
  const changes = new Map((result.against?.changes ?? []).map((c) => [`${c.ortsteil}\u0000${c.gemeinde}\u0000${c.dayTypeId}`, c]));
  for (const o of sorted(result)) {
    for (const d of o.days) {
      const wall = wallClockForDate(d.date);
      const t = (s: number | null | undefined): string | null => (s === null || s === undefined ? null : formatClockShort(wall(s)));
      const row: (string | number | null)[] = [
        o.name, o.gemeinde, o.population, o.centre?.name ?? null, o.centre?.level ?? null, o.isCentre ? 'yes' : 'no', o.stops, d.date, d.dayTypeId, d.departures, t(d.firstDeparture), t(d.lastDeparture),
        t(d.firstToCentre?.departure), t(d.firstToCentre?.arrival), t(d.lastToCentre?.departure), t(d.lastToCentre?.arrival), t(d.lastReturn?.departure), t(d.lastReturn?.arrival),
        d.travelSeconds === null ? null : Math.round(d.travelSeconds / 60), o.serviceDays, d.slots.reachable, d.slots.assessed, o.missed.map((m) => m.id).join(' '),
      ];
      if (result.against) {
        const c = changes.get(`${o.name}\u0000${o.gemeinde}\u0000${d.dayTypeId}`);
        row.push(
          c ? c.departures.before : d.departures,
          c ? (c.travelSeconds.before === null ? null : Math.round(c.travelSeconds.before / 60)) : d.travelSeconds === null ? null : Math.round(d.travelSeconds / 60),
          c ? c.slots.before : d.slots.reachable,
          c ? c.serviceDays.before : o.serviceDays,
        );
      }
      rows.push(row);
    }
  }
  return writeCsv(rows, { lineEnd: '\n' });
}

/** JSON: the sheet as it is. */
export function renderMonitorJson(result: MonitorResult): string {
  return JSON.stringify(result, null, 2);
}

/** Colour classes of departures per day (Okabe–Ito, colour-blind safe), from none to many. */
const CLASSES: { min: number; colour: string; de: string; en: string }[] = [
  { min: 0, colour: '#D55E00', de: 'kein Bus', en: 'no bus' },
  { min: 1, colour: '#E69F00', de: '1–5 Abfahrten', en: '1–5 departures' },
  { min: 6, colour: '#F0E442', de: '6–11', en: '6–11' },
  { min: 12, colour: '#56B4E9', de: '12–23', en: '12–23' },
  { min: 24, colour: '#009E73', de: '24 und mehr', en: '24 or more' },
];

function classOf(departures: number): (typeof CLASSES)[number] {
  let found = CLASSES[0]!;
  for (const c of CLASSES) if (departures >= c.min) found = c;
  return found;
}

/** One static, printable HTML file: map coloured by departures on the first day type, tables, standards, changes. */
export function renderMonitorHtml(result: MonitorResult, lang: Lang, options: { network?: MapNetwork } = {}): string {
  const de = lang === 'de';
  const title = de ? 'Monitoring: Busanbindung je Ortsteil und Gemeinde' : 'Monitoring: bus service per Ortsteil and Gemeinde';
  const main = result.dates[0];
  const points = result.ortsteile.length ? result.ortsteile : [{ lat: 52, lon: 11 }, { lat: 52.5, lon: 11.8 }];
  const lats = points.map((p) => p.lat);
  const lons = points.map((p) => p.lon);
  const [south, north, west, east] = [Math.min(...lats), Math.max(...lats), Math.min(...lons), Math.max(...lons)];
  const k = Math.cos((((south + north) / 2) * Math.PI) / 180);
  const width = 900;
  const pad = 20;
  const scale = (width - 2 * pad) / (((east - west) * k) || 0.1);
  const height = Math.round((north - south) * scale + 2 * pad) || 600;
  const x = (lon: number): string => (pad + (lon - west) * k * scale).toFixed(1);
  const y = (lat: number): string => (pad + (north - lat) * scale).toFixed(1);
  const parts: string[] = [];
  if (options.network) {
    const lines = options.network.lines.map((line) => `M${line.map(([lat, lon]) => `${x(lon)} ${y(lat)}`).join('L')}`).join('');
    if (lines) parts.push(`<path d="${lines}" fill="none" stroke="#8fa9c2" stroke-width="0.9" opacity="0.6"/>`);
  }
  for (const c of result.centres) {
    parts.push(`<rect x="${(Number(x(c.lon)) - 5).toFixed(1)}" y="${(Number(y(c.lat)) - 5).toFixed(1)}" width="10" height="10" fill="none" stroke="#000" stroke-width="1.5"><title>${escapeHtml(`${c.name} (${c.level})`)}</title></rect>`);
  }
  for (const o of sorted(result)) {
    const day = o.days.find((d) => d.date === main?.date);
    const cls = classOf(day?.departures ?? 0);
    const r = o.population ? Math.max(3, Math.min(9, Math.sqrt(o.population) / 8)) : 3.5;
    parts.push(
      `<circle cx="${x(o.lon)}" cy="${y(o.lat)}" r="${r.toFixed(1)}" fill="${cls.colour}" stroke="#1b1b1b" stroke-width="${o.missed.length ? 1.8 : 0.6}"><title>${escapeHtml(`${o.name} (${o.gemeinde}): ${day?.departures ?? 0} ${de ? 'Abfahrten' : 'departures'}`)}</title></circle>`,
    );
  }
  const svg = `<svg viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(title)}">${parts.join('')}</svg>`;
  const legend = CLASSES.map((c) => `<span class="key"><svg viewBox="0 0 12 12" width="12" height="12"><circle cx="6" cy="6" r="5" fill="${c.colour}" stroke="#1b1b1b" stroke-width="0.6"/></svg> ${escapeHtml(de ? c.de : c.en)}</span>`).join(' ');
  const table = (t: Table): string =>
    `<table><thead><tr>${t.head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${t.rows.map((r) => `<tr>${r.map((c, i) => `<td${i > 0 && /^[\d–.,: %+−-]+$/.test(c) ? ' class="num"' : ''}>${escapeHtml(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
  const below = sorted(result).filter((o) => o.missed.length > 0);
  const body = `<h1>${escapeHtml(title)}</h1>
${intro(result, lang).map((line) => `<p class="sub">${escapeHtml(line)}</p>`).join('\n')}
<h2>${escapeHtml(de ? `Karte: Abfahrten je Ortsteil, ${main ? dayHead(main.dayTypeId, lang) : ''}` : `Map: departures per Ortsteil, ${main ? dayHead(main.dayTypeId, lang) : ''}`)}</h2>
${svg}
<p class="note">${legend} · ${escapeHtml(de ? 'Quadrat: Zentraler Ort; dicker Rand: unter einem Standard; Kreisgröße: Einwohner (wo bekannt)' : 'square: central place; thick outline: below a standard; circle size: population (where known)')}</p>
<h2>${de ? 'Gemeinden' : 'Municipalities'}</h2>
${table(gemeindeTable(result, lang))}
<h2>Ortsteile</h2>
${table(ortsteilTable(result, lang))}
<h2>${de ? 'Unter einem Bedienungsstandard' : 'Below a service standard'}</h2>
<ul>${result.standards.map((s) => `<li>${escapeHtml(`${s.id}: ${s.label} — ${de ? 'Quelle' : 'source'}: ${s.source}`)}</li>`).join('')}</ul>
<ul>${below.map((o) => `<li>${escapeHtml(`${o.name} (${o.gemeinde}): ${missedText(o, result, lang)}`)}</li>`).join('') || `<li>${de ? 'keine' : 'none'}</li>`}</ul>
${
  result.against
    ? `<h2>${de ? 'Änderungen gegenüber dem älteren Fahrplan' : 'Changes against the older timetable'}</h2><ul>${
        result.against.changes.map((c) => `<li>${escapeHtml(`${c.ortsteil} (${c.gemeinde}), ${dayHead(c.dayTypeId, lang)}: ${changeText(c, lang)}`)}</li>`).join('') || `<li>${de ? 'keine' : 'none'}</li>`
      }</ul>`
    : ''
}
<p class="attribution">${escapeHtml(NASA_ATTRIBUTION)}</p>`;
  return staticHtmlPage({ lang, title, style: `${BASE_STYLE}.key{margin-right:.8rem;white-space:nowrap}table{font-size:.8rem}`, body });
}
