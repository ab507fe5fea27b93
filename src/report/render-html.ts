/**
 * The district report as one self-contained HTML file: a map of Landkreis Börde drawn from the
 * data (Ortsteile coloured by verdict, destinations, bus lines and stops, Gemeinde names, a scale
 * bar), controls for destination, slot and day, a panel with the connections of a clicked
 * Ortsteil, a sortable summary table, the inputs and the attribution. No external requests: all
 * CSS, JavaScript and SVG are inline, and a strict Content-Security-Policy with hashes allows
 * exactly the inline style and script. Printable on A4 landscape.
 *
 * Data from users and feeds (names) is escaped in markup and set with `textContent` in the
 * script; the embedded JSON escapes `<` so no name can end the script element.
 *
 * The embedded data is compact, so that the full default report (≈ 220 Ortsteile × 35 slots ×
 * 4 days) stays around 1.5 MB: arrays instead of objects, verdicts as indices into `VERDICTS`,
 * clock times in minutes, and every text of the results (lines, stop names, reason sentences)
 * once in a string table that cells refer to by index. Coordinates are projected to map units
 * here, so the script draws without knowing about degrees. See {@link HtmlData}.
 *
 * Limits: no district boundary (no polygon in the data) and no background map; Ortsteil names
 * appear on hover and for the selected one, Gemeinde names always.
 */
import { createHash } from 'node:crypto';
import type { Report } from '../analysis/build-report.js';
import { VERDICTS } from '../analysis/reachability.js';
import { DAY_TYPE_LABELS } from '../analysis/service-calendar.js';
import { formatDateForHumans, parseIsoDate } from '../time/clock.js';
import { utcOffsetSeconds } from '../time/service-day-offset.js';
import { wallClockForDate, type Lang, type ToWallClock } from './format-journey.js';
import { CATEGORY_LABELS, reasonText, VERDICT_LABELS, VERDICT_SYMBOLS } from './labels.js';
import type { MapNetwork } from './map-network.js';
import { sortedOrtsteile } from './render-report.js';
import { clientScript, type HtmlData, type HtmlCell, type HtmlJourney } from './html-client.js';

/** Options of {@link renderReportHtml}. */
export interface RenderHtmlOptions {
  lang: Lang;
  /** Stops and lines to draw under the Ortsteile. */
  network?: MapNetwork;
}

/** The attribution the NASA licence (CC BY 4.0) asks for. */
export const NASA_ATTRIBUTION =
  'Datenquelle: Nahverkehrsservice Sachsen-Anhalt GmbH (NASA GmbH) sowie die jeweiligen Verkehrsunternehmen, CC BY 4.0';

/** Width of the map in SVG units; the height follows from the district's shape. */
export const MAP_WIDTH = 1000;

/** Colour-blind-safe colours (Okabe–Ito) per verdict, in the order of `VERDICTS`. */
const VERDICT_COLOURS = ['#009E73', '#E69F00', '#56B4E9', '#CC79A7', '#D55E00'];
const NOT_ASSESSED = '#d0d0d0';

/** The subtitle when a rail feed is loaded (only then may the page promise trains). */
const SUBTITLE_WITH_RAIL = {
  de: 'Mit Bus und Bahn zur Schicht, zum Kurs, zur Kita — und zurück. Landkreis Börde.',
  en: 'By bus and train to the shift, the course, the Kita — and back. Landkreis Börde.',
} as const;

const DE = {
  title: 'Erreichbarkeit je Ortsteil',
  railStation: 'Bahnhof',
  railStationMissing: 'Bahnhof (Züge nicht in den Fahrplandaten)',
  subtitle: 'Mit dem Bus zur Schicht, zum Kurs, zur Kita — und zurück. Landkreis Börde (Züge sind in den geladenen Fahrplänen nicht enthalten).',
  destination: 'Ziel und Zeitfenster',
  day: 'Tag',
  legend: 'Legende',
  notAssessed: 'nicht geprüft (Zeitfenster gilt an diesem Tag nicht)',
  destinationMark: 'Ziel (ausgewählt: schwarz)',
  busStops: 'Haltestellen und Linien',
  gemeindeName: 'Gemeinde (Name in Grau)',
  size: 'Kreisgröße nach Einwohnerzahl',
  clickHint: 'Ortsteil auf der Karte oder in der Tabelle anklicken (oder mit Tab wählen und Enter drücken), um die Verbindungen zu sehen. Ein Ziel auf der Karte anklicken wählt es aus.',
  table: 'Übersicht je Ortsteil',
  tableHint: 'Zählung über alle Ziele und Zeitfenster; „Auswahl“ zeigt das Ergebnis für Ziel, Zeitfenster und Tag oben. Spaltenkopf anklicken sortiert.',
  gemeinde: 'Gemeinde',
  ortsteil: 'Ortsteil',
  population: 'Einwohner',
  always: 'immer erreichbar',
  sometimes: 'manchmal',
  never: 'nie',
  selection: 'Auswahl',
  inputs: 'Grundlagen',
  feeds: 'Fahrpläne',
  service: 'Fahrten von',
  to: 'bis',
  places: 'Ortsteile',
  destinations: 'Ziele',
  dates: 'Geprüfte Tage',
  limits: 'Grenzen',
  routing: 'Wege',
  generated: 'Erstellt',
  there: 'hin',
  back: 'zurück',
  dep: 'ab',
  arr: 'an',
  line: 'Linie',
  lines: 'Linien',
  changes: 'Umstiege',
  change: 'Umstieg',
  wait: 'Wartezeit',
  walk: 'Fußweg',
  walkOrBike: 'Fuß-/Radweg',
  onFoot: 'zu Fuß',
  reasons: 'Gründe',
  none: 'keine Verbindung',
  otherDays: 'Alle geprüften Tage',
  nextDay: 'Folgetag',
  scale: '10 km',
};
type UiText = typeof DE;

const EN: UiText = {
  title: 'Reachability per Ortsteil',
  railStation: 'Station',
  railStationMissing: 'Railway station (trains not in the timetable data)',
  subtitle: 'By bus to the shift, the course, the Kita — and back. Landkreis Börde (trains are not in the loaded timetables).',
  destination: 'Destination and slot',
  day: 'Day',
  legend: 'Legend',
  notAssessed: 'not assessed (the slot does not apply on this day)',
  destinationMark: 'destination (selected: black)',
  busStops: 'stops and lines',
  gemeindeName: 'municipality (name in grey)',
  size: 'circle size by population',
  clickHint: 'Click an Ortsteil on the map or in the table (or Tab to it and press Enter) to see its connections. Clicking a destination on the map selects it.',
  table: 'Summary per Ortsteil',
  tableHint: 'Counts over all destinations and slots; “Selection” shows the result for the destination, slot and day chosen above. Click a column header to sort.',
  gemeinde: 'Municipality',
  ortsteil: 'Ortsteil',
  population: 'Population',
  always: 'always reachable',
  sometimes: 'sometimes',
  never: 'never',
  selection: 'Selection',
  inputs: 'Inputs',
  feeds: 'Timetables',
  service: 'service from',
  to: 'to',
  places: 'Ortsteile',
  destinations: 'Destinations',
  dates: 'Days assessed',
  limits: 'Limits',
  routing: 'Routing',
  generated: 'Generated',
  there: 'there',
  back: 'back',
  dep: 'dep',
  arr: 'arr',
  line: 'line',
  lines: 'lines',
  changes: 'changes',
  change: 'change',
  wait: 'wait',
  walk: 'walk',
  walkOrBike: 'walk/bike',
  onFoot: 'on foot',
  reasons: 'Reasons',
  none: 'no connection',
  otherDays: 'All days assessed',
  nextDay: 'next day',
  scale: '10 km',
};

const TEXT: Record<Lang, UiText> = { de: DE, en: EN };

function limitsText(l: Report['inputs']['limits'], lang: Lang): string {
  const min = (seconds: number): number => Math.round(seconds / 60);
  return lang === 'de'
    ? `Puffer ${min(l.bufferSeconds)} min · Ankunft höchstens ${min(l.maxEarlySeconds)} min vor Beginn · Rückfahrt innerhalb ${min(l.maxLateSeconds)} min nach Ende · Fahrzeit bis ${min(l.maxTravelSeconds)} min · Wartezeit bis ${min(l.maxWaitSeconds)} min · Fahrten über ${min(l.maxJourneySeconds)} min gelten nicht`
    : `buffer ${min(l.bufferSeconds)} min · arrive at most ${min(l.maxEarlySeconds)} min early · return within ${min(l.maxLateSeconds)} min · travel up to ${min(l.maxTravelSeconds)} min · wait up to ${min(l.maxWaitSeconds)} min · journeys over ${min(l.maxJourneySeconds)} min do not count`;
}

function routingText(r: Report['inputs']['routing'], lang: Lang): string {
  const bike = r.homeAccess === 'bike';
  return lang === 'de'
    ? `Fußwege bis ${r.walkRadiusMeters} m zwischen Haltestellen, ${r.accessRadiusMeters} m zu Wohnort und Ziel (Luftlinie × 1,3, 4,5 km/h) · Umsteigezeit ${r.transferSlackSeconds / 60} min · höchstens ${r.maxTransfers} Umstiege${bike ? ' · vom Wohnort mit dem Rad (15 km/h, bis 5 km)' : ''}`
    : `walks up to ${r.walkRadiusMeters} m between stops, ${r.accessRadiusMeters} m to home and destination (straight line × 1.3, 4.5 km/h) · change time ${r.transferSlackSeconds / 60} min · at most ${r.maxTransfers} changes${bike ? ' · from home by bicycle (15 km/h, up to 5 km)' : ''}`;
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** JSON that is safe inside a `<script>` element: no `<` can start `</script>` or `<!--`. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** Base64 SHA-256 as a CSP source expects it. */
function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

/** `Di, 08.12.2026 15:05` (local time of the feeds' zone) for an ISO time stamp. */
function formatGeneratedAt(iso: string, timeZone: string, lang: Lang): string {
  const instantMs = Date.parse(iso);
  if (Number.isNaN(instantMs)) return iso;
  const local = new Date(instantMs + utcOffsetSeconds(instantMs, timeZone) * 1000);
  const gtfsDate = local.getUTCFullYear() * 10000 + (local.getUTCMonth() + 1) * 100 + local.getUTCDate();
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${formatDateForHumans(gtfsDate, lang)} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
}

/** A projection of WGS84 degrees to map units (see {@link projection}). */
export interface Projection {
  x(lon: number): number;
  y(lat: number): number;
  height: number;
  metersPerUnit: number;
}

/**
 * Equirectangular projection with longitudes scaled by cos(mean latitude): distances are true
 * to about 0.5 % across a district of 80 km, and north is up.
 */
export function projection(points: { lat: number; lon: number }[]): Projection {
  const lats = points.map((p) => p.lat);
  const lons = points.map((p) => p.lon);
  const [south, north, west, east] = [Math.min(...lats), Math.max(...lats), Math.min(...lons), Math.max(...lons)];
  const k = Math.cos((((south + north) / 2) * Math.PI) / 180);
  const pad = 0.04;
  const widthDeg = (east - west) * k * (1 + 2 * pad) || 0.1;
  const unitsPerDeg = MAP_WIDTH / widthDeg;
  const x0 = west * k - (east - west) * k * pad;
  const y0 = north + (north - south) * pad;
  const height = Math.round((north - south) * (1 + 2 * pad) * unitsPerDeg) || 600;
  return {
    x: (lon) => Math.round((lon * k - x0) * unitsPerDeg * 10) / 10,
    y: (lat) => Math.round((y0 - lat) * unitsPerDeg * 10) / 10,
    height,
    metersPerUnit: 111_320 / unitsPerDeg,
  };
}

/**
 * Renders the report as a self-contained HTML page (German by default, English with
 * `lang: 'en'`). Pure: the same report gives the same bytes.
 *
 * @example
 * ```ts
 * const network = buildMapNetwork(buildTimetable(feeds, parseIsoDate(report.inputs.dates[0]!.date)!), boundsAround(places, 5000));
 * await writeFile('bericht.html', renderReportHtml(report, { lang: 'de', network }));
 * ```
 */
export function renderReportHtml(report: Report, options: RenderHtmlOptions): string {
  const lang = options.lang;
  const t = TEXT[lang];
  const ortsteile = sortedOrtsteile(report);
  const allPoints = [...ortsteile, ...report.destinations];
  const proj = projection(allPoints.length ? allPoints : [{ lat: 52.0, lon: 11.0 }, { lat: 52.5, lon: 11.8 }]);

  // Every text of the results once; cells refer to it by index.
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const str = (text: string): number => {
    let index = stringIndex.get(text);
    if (index === undefined) {
      index = strings.length;
      strings.push(text);
      stringIndex.set(text, index);
    }
    return index;
  };
  const minutes = (seconds: number | null): number | null => (seconds === null ? null : Math.round(seconds / 60));
  // `inputs.dates` come in day-type order (school day first), then by date.
  const dates = report.inputs.dates;
  const dateIndex = new Map(dates.map((d, i) => [d.date, i]));
  const slots: [number, string][] = [];
  const slotIndex = new Map<string, number>();
  report.destinations.forEach((destination, d) => {
    for (const label of destination.slots) {
      slotIndex.set(`${destination.name}\u0000${label}`, slots.length);
      slots.push([d, label]);
    }
  });
  const cells: HtmlCell[][][] = slots.map(() => ortsteile.map(() => dates.map((): HtmlCell => 0)));
  // Clock times as the clocks show them on the day (see wallClockForDate); durations stay elapsed.
  const journey = (j: Report['ortsteile'][number]['results'][number]['days'][number]['outbound'], wall: ToWallClock): HtmlJourney =>
    j ? [minutes(wall(j.departure))!, minutes(wall(j.arrival))!, j.transfers, str(j.routes.join(' → ')), str(j.firstStop ?? ''), str(j.lastStop ?? ''), minutes(j.walkSeconds)!] : 0;
  ortsteile.forEach((ortsteil, p) => {
    for (const result of ortsteil.results) {
      const s = slotIndex.get(`${result.destination}\u0000${result.slot}`);
      if (s === undefined) continue;
      for (const day of result.days) {
        const di = dateIndex.get(day.date);
        if (di === undefined) continue;
        const wall = wallClockForDate(day.date, day.serviceDate);
        cells[s]![p]![di] = [
          VERDICTS.indexOf(day.verdict),
          journey(day.outbound, wall),
          minutes(day.waitBeforeSeconds),
          journey(day.return, wall),
          minutes(day.waitAfterSeconds),
          day.reasons.map((reason) => str(reasonText(reason, lang, report.inputs.limits, wall))),
        ];
      }
    }
  });

  const data: HtmlData = {
    verdicts: VERDICTS.map((v) => VERDICT_LABELS[lang][v]),
    symbols: VERDICTS.map((v) => VERDICT_SYMBOLS[v]),
    colours: VERDICT_COLOURS,
    notAssessed: NOT_ASSESSED,
    bike: report.inputs.routing.homeAccess === 'bike',
    places: ortsteile.map((o) => [o.name, o.gemeinde, proj.x(o.lon), proj.y(o.lat), o.population ?? 0, o.summary.reachableAlways, o.summary.reachableSometimes, o.summary.never]),
    destinations: report.destinations.map((d) => [d.name, CATEGORY_LABELS[lang][d.category] ?? d.category, proj.x(d.lon), proj.y(d.lat)]),
    slots,
    dates: dates.map((d) => `${DAY_TYPE_LABELS[lang][d.dayTypeId]} (${formatDateForHumans(parseIsoDate(d.date)!, lang)})`),
    strings,
    cells,
    text: t,
  };

  const svgParts: string[] = [];
  if (options.network) {
    const lines = options.network.lines
      .map((line) => `M${line.map(([lat, lon]) => `${proj.x(lon)} ${proj.y(lat)}`).join('L')}`)
      .join('');
    if (lines) svgParts.push(`<path class="net" d="${lines}"/>`);
    const stops = options.network.stops.map(([lat, lon]) => `M${proj.x(lon)} ${proj.y(lat)}h0`).join('');
    if (stops) svgParts.push(`<path class="stop" d="${stops}"/>`);
  }
  // Gemeinde names at the centroid of their Ortsteile, under the circles so these stay clickable.
  const byGemeinde = new Map<string, { x: number; y: number; n: number }>();
  for (const o of ortsteile) {
    if (!o.gemeinde) continue;
    const g = byGemeinde.get(o.gemeinde) ?? { x: 0, y: 0, n: 0 };
    g.x += proj.x(o.lon);
    g.y += proj.y(o.lat);
    g.n++;
    byGemeinde.set(o.gemeinde, g);
  }
  svgParts.push(
    `<g class="gemeinden">${[...byGemeinde.entries()]
      .map(([name, g]) => `<text x="${(g.x / g.n).toFixed(1)}" y="${(g.y / g.n).toFixed(1)}">${escapeHtml(name)}</text>`)
      .join('')}</g>`,
  );
  // Railway stations (from data/bahnhoefe.csv), drawn whether or not trains are in the timetables.
  const stations = (report.railStations ?? []).filter((station) => {
    const [x, y] = [proj.x(station.lon), proj.y(station.lat)];
    return x >= 0 && x <= MAP_WIDTH && y >= 0 && y <= proj.height;
  });
  if (stations.length > 0) {
    svgParts.push(
      `<g class="rail">${stations.map((station) => `<rect x="${(proj.x(station.lon) - 4).toFixed(1)}" y="${(proj.y(station.lat) - 4).toFixed(1)}" width="8" height="8" transform="rotate(45 ${proj.x(station.lon).toFixed(1)} ${proj.y(station.lat).toFixed(1)})"><title>${escapeHtml(`${t.railStation} ${station.name}`)}</title></rect>`).join('')}</g>`,
    );
  }
  svgParts.push('<g id="places"></g><g id="destinations"></g><text id="place-label" visibility="hidden"></text>');
  const scaleUnits = (10_000 / proj.metersPerUnit).toFixed(1);
  svgParts.push(
    `<g class="scale" transform="translate(24 ${proj.height - 24})"><path d="M0 -6v6h${scaleUnits}v-6"/><text x="${(Number(scaleUnits) / 2).toFixed(1)}" y="-9">${t.scale}</text></g>`,
    `<g class="north" transform="translate(${MAP_WIDTH - 30} 40)"><path d="M0 -22l7 18h-14z"/><text y="14">N</text></g>`,
  );
  const svg = `<svg id="map" viewBox="0 0 ${MAP_WIDTH} ${proj.height}" role="img" aria-label="${escapeHtml(t.title)}">${svgParts.join('')}</svg>`;

  const feeds = report.inputs.feeds
    .map((f) => `<li>${escapeHtml(f.label)} (${escapeHtml(f.agencies.join(', '))}): ${t.service} ${escapeHtml(f.firstServiceDate ?? '–')} ${t.to} ${escapeHtml(f.lastServiceDate ?? '–')}</li>`)
    .join('');
  const generatedText = formatGeneratedAt(report.generatedAt, report.inputs.feeds[0]?.timeZone ?? 'Europe/Berlin', lang);
  const key = (shape: string, label: string): string => `<li><svg viewBox="0 0 16 16" class="key" aria-hidden="true">${shape}</svg>${escapeHtml(label)}</li>`;
  const legend = [
    ...VERDICTS.map((v, i) => key(`<circle cx="8" cy="8" r="6" fill="${VERDICT_COLOURS[i]}" class="pl v${i}"/>`, `${VERDICT_SYMBOLS[v]} ${VERDICT_LABELS[lang][v]}`)),
    key(`<circle cx="8" cy="8" r="6" fill="${NOT_ASSESSED}" class="pl na"/>`, t.notAssessed),
    key('<circle cx="5" cy="11" r="3" fill="#fff" class="pl"/><circle cx="10" cy="7" r="6" fill="#fff" class="pl"/>', t.size),
    key('<rect x="3" y="3" width="10" height="10" class="dest active"/>', t.destinationMark),
    key('<path d="M0 12L6 6L16 9" class="net"/><path d="M6 6h0" class="stop"/>', t.busStops),
    key('<text x="8" y="12" class="gkey">A</text>', t.gemeindeName),
    ...(stations.length ? [key('<rect x="4" y="4" width="8" height="8" class="railkey" transform="rotate(45 8 8)"/>', report.inputs.railLoaded ? t.railStation : t.railStationMissing)] : []),
  ].join('');

  const style = STYLE;
  const script = `(${clientScript.toString()})();`;
  const csp = `default-src 'none'; style-src 'sha256-${sha256(style)}'; script-src 'sha256-${sha256(script)}'; img-src data:; base-uri 'none'; form-action 'none'`;
  const th = (sortKey: string, label: string, numeric = false): string =>
    `<th data-key="${sortKey}"${numeric ? ' class="num"' : ''} tabindex="0" aria-sort="none">${escapeHtml(label)}</th>`;
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t.title)}</title>
<style>${style}</style>
</head>
<body>
<header><h1>${escapeHtml(t.title)}</h1><p>${escapeHtml(report.inputs.railLoaded ? SUBTITLE_WITH_RAIL[lang] : t.subtitle)}</p></header>
${(report.warnings ?? []).length ? `<section class="warnings"><ul>${report.warnings.map((w) => `<li>${escapeHtml(w.message)}</li>`).join('')}</ul></section>` : ''}
<div class="controls">
<label>${escapeHtml(t.destination)} <select id="slot"></select></label>
<label>${escapeHtml(t.day)} <select id="day"></select></label>
</div>
<p id="caption" class="print-only"></p>
<main>
<section class="mapbox">${svg}</section>
<aside>
<div id="panel" aria-live="polite"><p class="hint">${escapeHtml(t.clickHint)}</p></div>
<h2>${escapeHtml(t.legend)}</h2>
<ul class="legend">${legend}</ul>
</aside>
</main>
<section class="summary"><h2>${escapeHtml(t.table)}</h2>
<p class="note">${escapeHtml(t.tableHint)}</p>
<table id="summary"><thead><tr>${th('1', t.gemeinde)}${th('0', t.ortsteil)}${th('4', t.population, true)}${th('5', t.always, true)}${th('6', t.sometimes, true)}${th('7', t.never, true)}${th('sel', t.selection)}</tr></thead><tbody></tbody></table>
</section>
<section class="inputs"><h2>${escapeHtml(t.inputs)}</h2>
<dl>
<dt>${escapeHtml(t.feeds)}</dt><dd><ul>${feeds}</ul><p class="attribution">${escapeHtml(NASA_ATTRIBUTION)}</p></dd>
<dt>${escapeHtml(t.places)}</dt><dd>${escapeHtml(report.inputs.places || '–')} (${ortsteile.length})</dd>
<dt>${escapeHtml(t.destinations)}</dt><dd>${escapeHtml(report.inputs.destinations || '–')} (${report.destinations.length})</dd>
<dt>${escapeHtml(t.dates)}</dt><dd>${escapeHtml(data.dates.join(', '))}</dd>
<dt>${escapeHtml(t.limits)}</dt><dd>${escapeHtml(limitsText(report.inputs.limits, lang))}</dd>
<dt>${escapeHtml(t.routing)}</dt><dd>${escapeHtml(routingText(report.inputs.routing, lang))}</dd>
<dt>${escapeHtml(t.generated)}</dt><dd>${escapeHtml(generatedText)}</dd>
</dl>
</section>
<script type="application/json" id="data">${scriptJson(data)}</script>
<script>${script}</script>
</body>
</html>
`;
}

const STYLE = `
:root{font-family:system-ui,"Segoe UI",Arial,sans-serif;color:#1b1b1b;background:#fff}
body{margin:0 auto;max-width:1500px;padding:10px 20px}
h1{font-size:1.45rem;margin:.1rem 0}h2{font-size:1.1rem;margin:1.1rem 0 .4rem}
header p{margin:0 0 .4rem;color:#555}
.rail rect,.railkey{fill:#fff;stroke:#444;stroke-width:1.6}
.warnings{border-left:4px solid #b35900;background:#fff6ea;padding:.2rem .8rem;margin:.3rem 0}.warnings ul{margin:.3rem 0;padding-left:1rem}
.controls{display:flex;flex-wrap:wrap;gap:.5rem 1.2rem;margin:.3rem 0 .5rem}
.controls label{font-weight:600}
.controls select{font-size:1rem;max-width:36rem;margin-left:.3rem}
.print-only{display:none}
main{display:grid;grid-template-columns:auto minmax(18rem,1fr);gap:1rem;align-items:start}
.mapbox{min-width:0}
#map{display:block;height:max(28rem,calc(100vh - 8.5rem));width:auto;max-width:100%;border:1px solid #c9c9c9;background:#fbfbf7}
.net{fill:none;stroke:#8fa9c2;stroke-width:.9;stroke-linejoin:round;stroke-linecap:round;opacity:.55}
.stop{stroke:#5f7d9b;stroke-width:2.4;stroke-linecap:round;opacity:.55}
.gemeinden text,.gkey{font-size:15px;fill:#6b6b6b;text-anchor:middle;font-weight:700;letter-spacing:.02em;paint-order:stroke;stroke:#fbfbf7;stroke-width:4px;stroke-linejoin:round;pointer-events:none}
.gkey{font-size:12px;stroke:none}
.pl{stroke:#1b1b1b;stroke-width:.9}
#places circle{cursor:pointer}
.pl.v1{stroke-dasharray:1.2 1.2}
.pl.v2{stroke-dasharray:3.5 1.5}
.pl.v3{stroke-dasharray:3.5 1.2 1 1.2}
.pl.v4{stroke-width:2}
.pl.na{stroke:#8a8a8a}
#places circle:hover{stroke-width:2.2}
#places circle:focus,#places circle.sel{stroke:#000;stroke-width:3.2;stroke-dasharray:none;outline:none}
.dest{fill:#fff;stroke:#444;stroke-width:1.4;cursor:pointer}
.dest.active{fill:#000;stroke:#fff;stroke-width:1.6}
.dest:focus{outline:none;stroke:#0072B2;stroke-width:3}
#destinations text,#place-label{font-size:14px;font-weight:700;paint-order:stroke;stroke:#fff;stroke-width:4px;stroke-linejoin:round;pointer-events:none}
#place-label{font-size:13px;font-weight:600}
.scale path{stroke:#333;stroke-width:2;fill:none}.scale text,.north text{font-size:13px;text-anchor:middle;fill:#333}
.north path{fill:#555}
aside h2{font-size:1rem;margin:.9rem 0 .3rem}
.legend{list-style:none;padding:0;margin:0;display:grid;gap:.25rem;font-size:.86rem}
.legend li{display:flex;align-items:center;gap:.45rem}.key{width:18px;height:18px;flex:none}
#panel{border:1px solid #c9c9c9;border-radius:4px;padding:.6rem .8rem;font-size:.92rem;min-height:9rem;background:#fff}
#panel h3{margin:.1rem 0 .25rem;font-size:1.1rem}#panel p{margin:.25rem 0}#panel .meta{color:#444}
#panel .sub{margin:0 0 .35rem 1.1rem;color:#444;font-size:.86rem}
#panel ul{margin:.2rem 0;padding-left:1.2rem}
#panel .days{list-style:none;padding:0}
#panel .days button{font:inherit;font-size:.86rem;background:none;border:0;padding:.05rem 0;cursor:pointer;text-align:left;color:inherit}
#panel .days button:hover,#panel .days button:focus{text-decoration:underline}
#panel .days .current{font-weight:700}
.hint{color:#555}
.verdict{font-weight:700}
.note{font-size:.85rem;color:#555;margin:.1rem 0 .4rem}
table{border-collapse:collapse;width:100%;font-size:.86rem}
th,td{border-bottom:1px solid #e3e3e3;padding:.22rem .45rem;text-align:left}
th{cursor:pointer;background:#f0f0f0;position:sticky;top:0;user-select:none;white-space:nowrap}
th[aria-sort=ascending]::after{content:" ▲";font-size:.7em}th[aria-sort=descending]::after{content:" ▼";font-size:.7em}
th.num,td.num{text-align:right}
tbody tr{cursor:pointer}tbody tr:hover{background:#f6f6f1}tbody tr.sel{background:#fff3c4}
.badge{display:inline-block;width:.85em;height:.85em;border-radius:50%;margin-right:.35em;vertical-align:-.08em;border:1px solid #333}
.inputs dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;font-size:.88rem}
.inputs dt{font-weight:700}.inputs dd{margin:0}.inputs ul{margin:0;padding-left:1.1rem}
.attribution{font-size:.85rem;color:#333}
@page{size:A4 landscape;margin:10mm}
@media print{
.controls,.hint,.note{display:none}.print-only{display:block}
html{font-size:9pt}body{max-width:none;padding:0}h1{font-size:14pt}
#caption{font-weight:700;margin:.1rem 0 .3rem}
main{grid-template-columns:auto 1fr;break-after:page}
#map{height:160mm;width:auto;border:none}
#panel{min-height:0;border-color:#999}
th{position:static}table{font-size:7.5pt}tr{break-inside:avoid}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
@media (max-width:900px){main{grid-template-columns:1fr}#map{width:100%;height:auto}}
`;
