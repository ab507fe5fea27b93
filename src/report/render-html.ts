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
 */
import { createHash } from 'node:crypto';
import type { Report } from '../analysis/build-report.js';
import { VERDICTS } from '../analysis/reachability.js';
import { DAY_TYPE_LABELS } from '../analysis/service-calendar.js';
import { formatDateForHumans, parseIsoDate } from '../time/clock.js';
import type { Lang } from './format-journey.js';
import { CATEGORY_LABELS, reasonText, VERDICT_LABELS } from './labels.js';
import type { MapNetwork } from './map-network.js';
import { sortedOrtsteile } from './render-report.js';
import { clientScript } from './html-client.js';

/** Options of {@link renderReportHtml}. */
export interface RenderHtmlOptions {
  lang: Lang;
  /** Stops and lines to draw under the Ortsteile. */
  network?: MapNetwork;
}

/** The attribution the NASA licence (CC BY 4.0) asks for. */
export const NASA_ATTRIBUTION =
  'Datenquelle: Nahverkehrsservice Sachsen-Anhalt GmbH (NASA GmbH) sowie die jeweiligen Verkehrsunternehmen, CC BY 4.0';

const MAP_WIDTH = 1000;

/** Colour-blind-safe colours (Okabe–Ito) per verdict, and for "not assessed". */
const VERDICT_COLOURS = ['#009E73', '#E69F00', '#56B4E9', '#CC79A7', '#D55E00'];
const NOT_ASSESSED = '#c8c8c8';

const TEXT = {
  de: {
    title: 'Erreichbarkeit je Ortsteil',
    subtitle: 'Mit Bus und Bahn zur Schicht, zum Kurs, zur Kita — und zurück',
    destination: 'Ziel und Zeitfenster',
    day: 'Tag',
    legend: 'Legende',
    notAssessed: 'nicht geprüft (Zeitfenster gilt an diesem Tag nicht)',
    destinationMark: 'Ziel',
    busStops: 'Haltestellen und Linien',
    clickHint: 'Ortsteil anklicken (oder mit Tab wählen und Enter drücken), um die Verbindungen zu sehen.',
    table: 'Übersicht je Ortsteil',
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
    lines: 'Linie',
    changes: 'Umstiege',
    wait: 'Wartezeit',
    walk: 'Fußweg',
    reasons: 'Gründe',
    none: 'keine Verbindung',
    limitsText: (l: Report['inputs']['limits']) =>
      `Puffer ${l.bufferSeconds / 60} min · Ankunft höchstens ${l.maxEarlySeconds / 60} min vor Beginn · Rückfahrt innerhalb ${l.maxLateSeconds / 60} min nach Ende · Fahrzeit bis ${l.maxTravelSeconds / 60} min · Wartezeit bis ${l.maxWaitSeconds / 60} min · Fahrten über ${l.maxJourneySeconds / 60} min gelten nicht`,
    routingText: (r: Report['inputs']['routing']) =>
      `Fußwege bis ${r.walkRadiusMeters} m zwischen Haltestellen, ${r.accessRadiusMeters} m zu Wohnort und Ziel (Luftlinie × 1,3, 4,5 km/h) · Umsteigezeit ${r.transferSlackSeconds / 60} min · höchstens ${r.maxTransfers} Umstiege${r.homeAccess === 'bike' ? ' · vom Wohnort mit dem Rad (15 km/h, bis 5 km)' : ''}`,
    scale: '10 km',
  },
  en: {
    title: 'Reachability per Ortsteil',
    subtitle: 'By bus and train to the shift, the course, the Kita — and back',
    destination: 'Destination and slot',
    day: 'Day',
    legend: 'Legend',
    notAssessed: 'not assessed (the slot does not apply on this day)',
    destinationMark: 'destination',
    busStops: 'stops and lines',
    clickHint: 'Click an Ortsteil (or Tab to it and press Enter) to see its connections.',
    table: 'Summary per Ortsteil',
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
    lines: 'line',
    changes: 'changes',
    wait: 'wait',
    walk: 'walk',
    reasons: 'Reasons',
    none: 'no connection',
    limitsText: (l: Report['inputs']['limits']) =>
      `buffer ${l.bufferSeconds / 60} min · arrive at most ${l.maxEarlySeconds / 60} min early · return within ${l.maxLateSeconds / 60} min · travel up to ${l.maxTravelSeconds / 60} min · wait up to ${l.maxWaitSeconds / 60} min · journeys over ${l.maxJourneySeconds / 60} min do not count`,
    routingText: (r: Report['inputs']['routing']) =>
      `walks up to ${r.walkRadiusMeters} m between stops, ${r.accessRadiusMeters} m to home and destination (straight line × 1.3, 4.5 km/h) · change time ${r.transferSlackSeconds / 60} min · at most ${r.maxTransfers} changes${r.homeAccess === 'bike' ? ' · from home by bicycle (15 km/h, up to 5 km)' : ''}`,
    scale: '10 km',
  },
};

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** JSON that is safe inside a `<script>` element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

interface Projection {
  x(lon: number): number;
  y(lat: number): number;
  height: number;
  metersPerUnit: number;
}

/** Equirectangular projection scaled by cos(mean latitude): true to scale near the district. */
function projection(points: { lat: number; lon: number }[]): Projection {
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
 * Renders the report as a self-contained HTML page.
 *
 * @example
 * ```ts
 * const html = renderReportHtml(report, { lang: 'de', network: buildMapNetwork(tt, boundsAround(places, 5000)) });
 * ```
 */
export function renderReportHtml(report: Report, options: RenderHtmlOptions): string {
  const lang = options.lang;
  const t = TEXT[lang];
  const ortsteile = sortedOrtsteile(report);
  const allPoints = [...ortsteile, ...report.destinations];
  const proj = projection(allPoints.length ? allPoints : [{ lat: 52.0, lon: 11.0 }, { lat: 52.5, lon: 11.8 }]);

  // Compact data: strings deduplicated, times in minutes, verdicts as indices.
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
  const minutes = (seconds: number | null | undefined): number | null => (seconds === null || seconds === undefined ? null : Math.round(seconds / 60));
  // Day types in their usual order (school day first), then by date.
  const typeOrder = ['school-day', 'holiday-weekday', 'saturday', 'sunday-holiday', 'no-service'];
  const dates = [...report.inputs.dates].sort((a, b) => typeOrder.indexOf(a.dayTypeId) - typeOrder.indexOf(b.dayTypeId) || a.date.localeCompare(b.date));
  const dateIndex = new Map(dates.map((d, i) => [d.date, i]));
  const slots: [number, string][] = [];
  const slotIndex = new Map<string, number>();
  report.destinations.forEach((destination, d) => {
    for (const label of destination.slots) {
      slotIndex.set(`${destination.name}\u0000${label}`, slots.length);
      slots.push([d, label]);
    }
  });
  // cells[slot][place][date] = 0 (not assessed) or [verdict, out…, back…, reasons]
  const cells: unknown[][][] = slots.map(() => ortsteile.map(() => dates.map(() => 0)));
  ortsteile.forEach((ortsteil, p) => {
    for (const result of ortsteil.results) {
      const s = slotIndex.get(`${result.destination}\u0000${result.slot}`);
      if (s === undefined) continue;
      for (const day of result.days) {
        const di = dateIndex.get(day.date);
        if (di === undefined) continue;
        const journey = (j: typeof day.outbound): unknown[] =>
          j ? [minutes(j.departure), minutes(j.arrival), j.transfers, str(j.routes.join(' → ')), str(j.firstStop ?? ''), str(j.lastStop ?? ''), minutes(j.walkSeconds)] : [];
        cells[s]![p]![di] = [
          VERDICTS.indexOf(day.verdict),
          journey(day.outbound),
          minutes(day.waitBeforeSeconds),
          journey(day.return),
          minutes(day.waitAfterSeconds),
          day.reasons.map((reason) => str(reasonText(reason, lang, report.inputs.limits))),
        ];
      }
    }
  });

  const data = {
    lang,
    verdicts: VERDICTS.map((v) => VERDICT_LABELS[lang][v]),
    colours: VERDICT_COLOURS,
    notAssessed: NOT_ASSESSED,
    places: ortsteile.map((o) => [o.name, o.gemeinde, proj.x(o.lon), proj.y(o.lat), o.population ?? 0, o.summary.reachableAlways, o.summary.reachableSometimes, o.summary.never]),
    destinations: report.destinations.map((d) => [d.name, CATEGORY_LABELS[lang][d.category] ?? d.category, proj.x(d.lon), proj.y(d.lat)]),
    slots,
    dates: dates.map((d) => `${DAY_TYPE_LABELS[lang][d.dayTypeId]} (${formatDateForHumans(parseIsoDate(d.date)!, lang)})`),
    strings,
    cells,
    text: { ...t, limitsText: undefined, routingText: undefined },
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
  // Gemeinde names at the centroid of their Ortsteile.
  const byGemeinde = new Map<string, { x: number; y: number; n: number }>();
  for (const o of ortsteile) {
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
  svgParts.push('<g id="places"></g><g id="destinations"></g>');
  const scaleUnits = 10_000 / proj.metersPerUnit;
  svgParts.push(
    `<g class="scale" transform="translate(20 ${proj.height - 20})"><path d="M0 0h${scaleUnits.toFixed(1)}M0 -5v5M${scaleUnits.toFixed(1)} -5v5"/><text x="${(scaleUnits / 2).toFixed(1)}" y="-8">${t.scale}</text></g>`,
  );
  const svg = `<svg id="map" viewBox="0 0 ${MAP_WIDTH} ${proj.height}" role="img" aria-label="${escapeHtml(t.title)}">${svgParts.join('')}</svg>`;

  const feeds = report.inputs.feeds
    .map((f) => `<li>${escapeHtml(f.label)} (${escapeHtml(f.agencies.join(', '))}): ${t.service} ${escapeHtml(f.firstServiceDate ?? '–')} ${t.to} ${escapeHtml(f.lastServiceDate ?? '–')}</li>`)
    .join('');
  const generated = new Date(report.generatedAt);
  const generatedText = Number.isNaN(generated.getTime())
    ? report.generatedAt
    : `${formatDateForHumans(Number(report.generatedAt.slice(0, 10).replace(/-/g, '')), lang)} ${report.generatedAt.slice(11, 16)} UTC`;
  const legend = VERDICTS.map(
    (v, i) => `<li><svg viewBox="0 0 12 12" class="key"><circle cx="6" cy="6" r="5" fill="${VERDICT_COLOURS[i]}" class="v${i}"/></svg>${escapeHtml(VERDICT_LABELS[lang][v])}</li>`,
  ).join('');

  const style = STYLE;
  const script = `(${clientScript.toString()})();`;
  const csp = `default-src 'none'; style-src 'sha256-${sha256(style)}'; script-src 'sha256-${sha256(script)}'; img-src data:; base-uri 'none'; form-action 'none'`;
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
<header><h1>${escapeHtml(t.title)}</h1><p>${escapeHtml(t.subtitle)}</p></header>
<div class="controls">
<label>${escapeHtml(t.destination)} <select id="slot"></select></label>
<label>${escapeHtml(t.day)} <select id="day"></select></label>
</div>
<main>
<section class="mapbox">${svg}
<ul class="legend">${legend}<li><svg viewBox="0 0 12 12" class="key"><circle cx="6" cy="6" r="5" fill="${NOT_ASSESSED}"/></svg>${escapeHtml(t.notAssessed)}</li><li><svg viewBox="0 0 12 12" class="key"><rect x="1" y="1" width="10" height="10" class="dest"/></svg>${escapeHtml(t.destinationMark)}</li><li><svg viewBox="0 0 12 12" class="key"><path d="M0 6h12" class="net"/></svg>${escapeHtml(t.busStops)}</li></ul>
</section>
<aside id="panel"><p class="hint">${escapeHtml(t.clickHint)}</p></aside>
</main>
<section><h2>${escapeHtml(t.table)}</h2>
<table id="summary"><thead><tr><th data-key="1">${escapeHtml(t.gemeinde)}</th><th data-key="0">${escapeHtml(t.ortsteil)}</th><th data-key="4" class="num">${escapeHtml(t.population)}</th><th data-key="5" class="num">${escapeHtml(t.always)}</th><th data-key="6" class="num">${escapeHtml(t.sometimes)}</th><th data-key="7" class="num">${escapeHtml(t.never)}</th><th data-key="sel">${escapeHtml(t.selection)}</th></tr></thead><tbody></tbody></table>
</section>
<section class="inputs"><h2>${escapeHtml(t.inputs)}</h2>
<dl>
<dt>${escapeHtml(t.feeds)}</dt><dd><ul>${feeds}</ul><p class="attribution">${escapeHtml(NASA_ATTRIBUTION)}</p></dd>
<dt>${escapeHtml(t.places)}</dt><dd>${escapeHtml(report.inputs.places || '–')} (${ortsteile.length})</dd>
<dt>${escapeHtml(t.destinations)}</dt><dd>${escapeHtml(report.inputs.destinations || '–')} (${report.destinations.length})</dd>
<dt>${escapeHtml(t.dates)}</dt><dd>${escapeHtml(data.dates.join(', '))}</dd>
<dt>${escapeHtml(t.limits)}</dt><dd>${escapeHtml(t.limitsText(report.inputs.limits))}</dd>
<dt>${escapeHtml(t.routing)}</dt><dd>${escapeHtml(t.routingText(report.inputs.routing))}</dd>
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
body{margin:0 auto;max-width:1400px;padding:12px 20px}
h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.15rem;margin:1.2rem 0 .4rem}
header p{margin:0 0 .6rem;color:#555}
.controls{display:flex;flex-wrap:wrap;gap:1rem;margin:.4rem 0}
.controls select{font-size:1rem;max-width:32rem}
main{display:grid;grid-template-columns:minmax(0,3fr) minmax(16rem,1fr);gap:1rem;align-items:start}
#map{width:100%;height:auto;border:1px solid #ccc;background:#fbfbf8}
.net{fill:none;stroke:#9fb6cc;stroke-width:.8;stroke-linejoin:round;stroke-linecap:round;opacity:.7}
.stop{stroke:#6f8aa5;stroke-width:2.2;stroke-linecap:round;opacity:.6}
.gemeinden text{font-size:13px;fill:#777;text-anchor:middle;font-weight:600;paint-order:stroke;stroke:#fbfbf8;stroke-width:3px;pointer-events:none}
#places circle{stroke:#222;stroke-width:.8;cursor:pointer}
#places circle:focus,#places circle.sel{stroke:#000;stroke-width:3;outline:none}
#places circle.v2,#places circle.v3{stroke-dasharray:2 1.5}
#places circle.v4{stroke-width:1.6}
.dest{fill:#fff;stroke:#000;stroke-width:1.6}
.dest.active{fill:#000}
#destinations text{font-size:12px;font-weight:700;paint-order:stroke;stroke:#fff;stroke-width:3px}
.scale path{stroke:#333;stroke-width:2;fill:none}.scale text{font-size:12px;text-anchor:middle}
.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.3rem 1rem;font-size:.85rem}
.legend li{display:flex;align-items:center;gap:.3rem}.key{width:14px;height:14px}
#panel{border:1px solid #ccc;padding:.6rem .8rem;font-size:.92rem;min-height:10rem}
#panel h3{margin:.1rem 0 .3rem;font-size:1.05rem}#panel p{margin:.25rem 0}
.verdict{font-weight:700}
table{border-collapse:collapse;width:100%;font-size:.85rem}
th,td{border-bottom:1px solid #e3e3e3;padding:.2rem .4rem;text-align:left}
th{cursor:pointer;background:#f2f2f2;position:sticky;top:0}
th.num,td.num{text-align:right}
.badge{display:inline-block;width:.8em;height:.8em;border-radius:50%;margin-right:.3em;vertical-align:-.05em;border:1px solid #333}
.inputs dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;font-size:.88rem}
.inputs dt{font-weight:700}.inputs dd{margin:0}.inputs ul{margin:0;padding-left:1.1rem}
.attribution{font-size:.85rem;color:#333}
@page{size:A4 landscape;margin:10mm}
@media print{.controls,.hint{display:none}body{max-width:none;padding:0}main{grid-template-columns:3fr 1fr}
th{position:static}table{font-size:7.5pt}tr{break-inside:avoid}#map{border:none}}
@media (max-width:900px){main{grid-template-columns:1fr}}
`;
