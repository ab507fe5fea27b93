/**
 * The workbench page: the form of one case (home, destination, shift and days, week or day
 * types, Kita, access), the district map to click a home or destination on, and — when the URL
 * names a case — the answer. The answer is the text of `check` (the same renderers, split into a
 * block per day), so the page and the CLI cannot differ in content or wording; what the check's
 * JSON carries beyond that (data notices) is shown too.
 *
 * Pure `(state) => string`. The page needs no inline script or style: `/app.js` and `/app.css`
 * come from the same server, so the CSP allows only `'self'`. Every name from data or URL is
 * escaped.
 */
import type { ReportDestination } from '../analysis/build-report.js';
import type { Place } from '../places/load-places.js';
import type { Lang } from '../report/format-journey.js';
import { CATEGORY_LABELS } from '../report/labels.js';
import type { MapNetwork } from '../report/map-network.js';
import { escapeHtml, MAP_WIDTH, NASA_ATTRIBUTION, projection } from '../report/render-html.js';
import { SHEET_LANGS, SHEET_LANG_NAMES } from '../report/sheet-phrases/index.js';
import { uniqueName } from './suggest-names.js';

/** The parameters of the URL contract, as typed (empty ones left out). */
export type CaseQuery = Partial<Record<CaseField, string>>;

/** Fields of the form, named as in the URL. */
export const CASE_FIELDS = ['from', 'to', 'shift', 'days', 'week', 'daytypes', 'kita', 'kitahours', 'access'] as const;
/** One field of the form. */
export type CaseField = (typeof CASE_FIELDS)[number];

/** A message shown next to a field (or above the form when `field` is undefined). */
export interface FieldError {
  field: CaseField | undefined;
  message: string;
}

/** One block of the answer: a heading line, indented lines, and notices. */
export interface AnswerBlock {
  heading: string;
  lines: string[];
  /** `verdict-reachable`, `works`, … for the look of the block. */
  tone: string;
  notices: string[];
}

/** One slot of the answer. */
export interface AnswerSlot {
  title: string;
  summary: string;
  notices: string[];
  days: AnswerBlock[];
}

/** Everything the page shows. */
export interface PageState {
  lang: Lang;
  query: CaseQuery;
  places: readonly Place[];
  destinations: readonly ReportDestination[];
  network?: MapNetwork;
  error?: FieldError;
  answer?: AnswerSlot[];
  /** Notices about the input, e.g. "Meinten Sie: Wolmirstedt? Verwendet wird Wolmirstedt." */
  notices?: string[];
  /** The homes ranking: a heading and lines, each with the case link of its Ortsteil. */
  homes?: { heading: string; lines: { text: string; href?: string }[] };
}

const DE = {
  title: 'Erreichbar — Fall prüfen',
  subtitle: 'Kommt man ohne Auto mit dem Bus zur Schicht, zum Kurs, zur Kita — und zurück? Landkreis Börde.',
  from: 'Wohnort',
  fromHint: 'Ortsteil (Tippfehler und Umlaute egal), Punkt auf der Karte oder Koordinaten wie 52.2484,11.6289',
  to: 'Ziel',
  toHint: 'bekanntes Ziel aus der Liste, Punkt auf der Karte oder Koordinaten',
  toPick: 'Ziel aus der Liste …',
  shift: 'Schicht / Zeit',
  shiftHint: 'wie 06:00-14:00; leer: die Zeiten des Ziels',
  days: 'Tage',
  daysHint: 'wie Mo-Fr, Mo-Sa, Sa,So (leer: Mo-Fr)',
  week: 'Woche ab',
  weekHint: 'ein Tag der Woche (leer: die nächste Woche mit Fahrplan)',
  dayTypes: 'stattdessen je ein Tag pro Tagestyp (Schultag, Ferientag, Samstag, Sonntag)',
  kita: 'Kita unterwegs (optional)',
  noKita: 'keine',
  kitaHours: 'Öffnungszeit der Kita',
  kitaHoursHint: 'wie 06:00-17:00 (leer: laut Liste)',
  access: 'Zur Haltestelle',
  walk: 'zu Fuß',
  bike: 'mit dem Rad',
  submit: 'Prüfen',
  map: 'Karte',
  mapSets: 'Klick auf die Karte setzt:',
  mapHint: 'Kreise: Ortsteile, Quadrate: Ziele, Linien: Buslinien. Ein Klick daneben setzt einen Punkt.',
  answer: 'Antwort',
  homes: 'Wo könnte man wohnen? (Wohnorte für dieses Ziel)',
  json: 'als JSON',
  sheet: 'Fahrtenblatt für die Klientin / den Klienten',
  sheetLang: 'Sprache neben Deutsch',
  sheetOpen: 'Fahrtenblatt öffnen',
  notices: 'Hinweise zu den Daten',
  backToCase: 'zurück zum Fall',
  error: 'Fehler',
  suggestions: 'Vorschläge',
};
type PageText = typeof DE;
const EN: PageText = {
  title: 'Erreichbar — check a case',
  subtitle: 'Can one get to the shift, the course, the Kita by bus without a car — and back? Landkreis Börde.',
  from: 'Home',
  fromHint: 'Ortsteil (typos and umlauts forgiven), a point on the map or coordinates like 52.2484,11.6289',
  to: 'Destination',
  toHint: 'a known destination from the list, a point on the map or coordinates',
  toPick: 'Destination from the list …',
  shift: 'Shift / time',
  shiftHint: 'like 06:00-14:00; empty: the destination\'s times',
  days: 'Days',
  daysHint: 'like Mo-Fr, Mo-Sa, Sa,So (empty: Mo-Fr)',
  week: 'Week of',
  weekHint: 'a day of the week (empty: the next week with service)',
  dayTypes: 'instead one day per day type (school day, holiday weekday, Saturday, Sunday)',
  kita: 'Kita on the way (optional)',
  noKita: 'none',
  kitaHours: 'Kita opening hours',
  kitaHoursHint: 'like 06:00-17:00 (empty: from the list)',
  access: 'To the stop',
  walk: 'on foot',
  bike: 'by bicycle',
  submit: 'Check',
  map: 'Map',
  mapSets: 'A click on the map sets:',
  mapHint: 'Circles: Ortsteile, squares: destinations, lines: bus lines. A click elsewhere sets a point.',
  answer: 'Answer',
  homes: 'Where could one live? (homes for this destination)',
  json: 'as JSON',
  sheet: 'Trip sheet for the client',
  sheetLang: 'Language beside German',
  sheetOpen: 'Open the trip sheet',
  notices: 'Notes on the data',
  backToCase: 'back to the case',
  error: 'Error',
  suggestions: 'Suggestions',
};
const TEXT: Record<Lang, PageText> = { de: DE, en: EN };

/** The URL of a case (empty parameters left out), e.g. `/?from=Wolmirstedt&to=K%2BS…`. */
export function caseUrl(path: string, query: CaseQuery, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const field of CASE_FIELDS) {
    const value = query[field];
    if (value !== undefined && value !== '') params.set(field, value);
  }
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** Renders the workbench page. */
export function renderPage(state: PageState): string {
  const t = TEXT[state.lang];
  const q = state.query;
  const attr = (value: string | undefined): string => escapeHtml(value ?? '');
  const errorFor = (field: CaseField): string =>
    state.error && state.error.field === field ? `<p class="error" id="error-${field}" role="alert">${escapeHtml(state.error.message)}</p>` : '';
  const invalid = (field: CaseField): string => (state.error?.field === field ? ' aria-invalid="true"' : '');
  const input = (field: CaseField, label: string, hint: string, extra = ''): string =>
    `<div class="field" id="field-${field}"><label for="${field}">${escapeHtml(label)}</label>` +
    `<input id="${field}" name="${field}" value="${attr(q[field])}" aria-describedby="hint-${field}"${invalid(field)}${extra}>` +
    `<small id="hint-${field}">${escapeHtml(hint)}</small>${errorFor(field)}</div>`;

  const groups = new Map<string, ReportDestination[]>();
  for (const destination of state.destinations) {
    const list = groups.get(destination.category) ?? [];
    list.push(destination);
    groups.set(destination.category, list);
  }
  const optgroups = [...groups.entries()]
    .map(
      ([category, list]) =>
        `<optgroup label="${attr(CATEGORY_LABELS[state.lang][category] ?? category)}">${list
          .map((d) => `<option value="${attr(d.name)}"${d.name === q.to ? ' selected' : ''}>${escapeHtml(d.name)}</option>`)
          .join('')}</optgroup>`,
    )
    .join('');
  const kitas = state.destinations.filter((d) => d.category === 'childcare');
  const kitaKnown = q.kita === undefined || q.kita === '' || kitas.some((k) => k.name === q.kita);
  const kitaOptions =
    `<option value="">${escapeHtml(t.noKita)}</option>` +
    kitas.map((k) => `<option value="${attr(k.name)}"${k.name === q.kita ? ' selected' : ''}>${escapeHtml(k.name)}</option>`).join('') +
    (kitaKnown ? '' : `<option value="${attr(q.kita)}" selected>${escapeHtml(q.kita!)}</option>`);
  const access = q.access ?? 'walk';
  const form = `<form id="case" method="get" action="/" autocomplete="off">
${input('from', t.from, t.fromHint, ' role="combobox" aria-autocomplete="list" aria-expanded="false" aria-controls="from-list" required')}
<ul id="from-list" class="suggest" role="listbox" aria-label="${attr(t.suggestions)}" hidden></ul>
<div class="field" id="field-to"><label for="to">${escapeHtml(t.to)}</label>
<div class="row"><input id="to" name="to" value="${attr(q.to)}" aria-describedby="hint-to"${invalid('to')} role="combobox" aria-autocomplete="list" aria-expanded="false" aria-controls="to-list" required>
<select id="to-pick" aria-label="${attr(t.toPick)}"><option value="">${escapeHtml(t.toPick)}</option>${optgroups}</select></div>
<small id="hint-to">${escapeHtml(t.toHint)}</small>${errorFor('to')}</div>
<ul id="to-list" class="suggest" role="listbox" aria-label="${attr(t.suggestions)}" hidden></ul>
<div class="pair">${input('shift', t.shift, t.shiftHint, ' placeholder="06:00-14:00"')}${input('days', t.days, t.daysHint, ' placeholder="Mo-Fr"')}</div>
<div class="pair">${input('week', t.week, t.weekHint, ' type="date"')}
<div class="field" id="field-daytypes"><label><input type="checkbox" id="daytypes" name="daytypes" value="1"${q.daytypes ? ' checked' : ''}${invalid('daytypes')}> ${escapeHtml(t.dayTypes)}</label>${errorFor('daytypes')}</div></div>
<div class="pair"><div class="field" id="field-kita"><label for="kita">${escapeHtml(t.kita)}</label><select id="kita" name="kita"${invalid('kita')}>${kitaOptions}</select>${errorFor('kita')}</div>
${input('kitahours', t.kitaHours, t.kitaHoursHint, ' placeholder="06:00-17:00"')}</div>
<fieldset class="field" id="field-access"><legend>${escapeHtml(t.access)}</legend>
<label><input type="radio" name="access" value="walk"${access !== 'bike' ? ' checked' : ''}> ${escapeHtml(t.walk)}</label>
<label><input type="radio" name="access" value="bike"${access === 'bike' ? ' checked' : ''}> ${escapeHtml(t.bike)}</label>${errorFor('access')}</fieldset>
<p><button type="submit" id="submit">${escapeHtml(t.submit)}</button></p>
</form>`;

  const general = state.error && state.error.field === undefined ? `<p class="error" id="error-general" role="alert">${escapeHtml(state.error.message)}</p>` : '';
  const answer = state.answer ? renderAnswer(state, t) : '';
  const homes = state.homes
    ? `<section id="homes" aria-labelledby="homes-title"><h2 id="homes-title">${escapeHtml(state.homes.heading)}</h2><ol class="lines">${state.homes.lines
        .map((line) => `<li>${line.href ? `<a href="${attr(line.href)}">${escapeHtml(line.text)}</a>` : escapeHtml(line.text)}</li>`)
        .join('')}</ol><p><a href="${attr(caseUrl('/', q))}">${escapeHtml(t.backToCase)}</a></p></section>`
    : '';
  return `<!DOCTYPE html>
<html lang="${state.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(q.from && q.to ? `${q.from} → ${q.to} — ${t.title}` : t.title)}</title>
<link rel="stylesheet" href="/app.css">
<script src="/app.js" defer></script>
</head>
<body>
<header><h1><a href="/">${escapeHtml(t.title)}</a></h1><p>${escapeHtml(t.subtitle)}</p></header>
<main>
<section class="inputs">${general}${form}</section>
<section class="mapbox" aria-label="${attr(t.map)}">
<p class="mapfor">${escapeHtml(t.mapSets)} <label><input type="radio" name="mapfor" value="from" checked form="none"> ${escapeHtml(t.from)}</label> <label><input type="radio" name="mapfor" value="to" form="none"> ${escapeHtml(t.to)}</label></p>
${renderMap(state)}
<p class="note">${escapeHtml(t.mapHint)}</p>
</section>
</main>
${answer}${homes}
<footer><p class="attribution">${escapeHtml(NASA_ATTRIBUTION)}</p></footer>
</body>
</html>
`;
}

function renderAnswer(state: PageState, t: PageText): string {
  const q = state.query;
  const slots = (state.answer ?? [])
    .map(
      (slot) => `<article class="slot"><h3>${escapeHtml(slot.title)}</h3><p class="summary">${escapeHtml(slot.summary)}</p>${noticeList(slot.notices, t)}
${slot.days
  .map(
    (day) =>
      `<section class="day ${day.tone}"><h4>${escapeHtml(day.heading)}</h4><ul class="lines">${day.lines
        .map((line) => {
          const depth = (line.length - line.trimStart().length) / 2;
          return `<li class="d${Math.min(depth, 4)}">${escapeHtml(line.trim())}</li>`;
        })
        .join('')}</ul>${noticeList(day.notices, t)}</section>`,
  )
  .join('\n')}</article>`,
    )
    .join('\n');
  const sheetOptions = SHEET_LANGS.map((code) => `<option value="${code}"${code === 'ar' ? ' selected' : ''}>${escapeHtml(SHEET_LANG_NAMES[code])}</option>`).join('');
  const hidden = CASE_FIELDS.filter((field) => q[field] !== undefined && q[field] !== '')
    .map((field) => `<input type="hidden" name="${field}" value="${escapeHtml(q[field]!)}">`)
    .join('');
  return `<section id="answer" aria-labelledby="answer-title"><h2 id="answer-title">${escapeHtml(t.answer)}</h2>
${noticeList(state.notices ?? [], t)}${slots}
<nav class="next">
<p><a id="homes-link" href="${escapeHtml(caseUrl('/homes', { to: q.to, shift: q.shift, days: q.days, week: q.week, daytypes: q.daytypes, access: q.access }))}">${escapeHtml(t.homes)}</a>
· <a id="json-link" href="${escapeHtml(caseUrl('/api/check', q))}">${escapeHtml(t.json)}</a></p>
<form id="sheet-form" method="get" action="/sheet">${hidden}<label for="sheet-lang">${escapeHtml(t.sheetLang)}</label> <select id="sheet-lang" name="lang">${sheetOptions}</select> <button type="submit" id="sheet-open">${escapeHtml(t.sheetOpen)}</button> <span class="note">${escapeHtml(t.sheet)}</span></form>
</nav>
</section>`;
}

function noticeList(notices: string[], t: PageText): string {
  if (notices.length === 0) return '';
  return `<div class="notices" role="note"><strong>${escapeHtml(t.notices)}:</strong><ul>${notices.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul></div>`;
}

/**
 * The district map as SVG: bus lines and stops under the Ortsteile (circles) and destinations
 * (squares). The `data-*` attributes of the SVG carry the linear map from map units back to
 * degrees, so a click can become a `lat,lon` point.
 */
function renderMap(state: PageState): string {
  // The map is the same for every request of a server (the selection is marked by the script).
  const cached = mapCache.get(state.places);
  if (cached && cached.destinations === state.destinations && cached.network === state.network) return cached.svg;
  const svg = drawMap(state);
  mapCache.set(state.places, { destinations: state.destinations, network: state.network, svg });
  return svg;
}

const mapCache = new WeakMap<readonly Place[], { destinations: readonly ReportDestination[]; network: MapNetwork | undefined; svg: string }>();

function drawMap(state: PageState): string {
  const points = [...state.places, ...state.destinations];
  const proj = projection(points.length ? points : [{ lat: 52.0, lon: 11.0 }, { lat: 52.5, lon: 11.8 }]);
  // x = ax·lon + bx and y = ay·lat + by (the projection is linear in each coordinate).
  const ax = proj.x(12) - proj.x(11);
  const bx = proj.x(11) - 11 * ax;
  const ay = proj.y(53) - proj.y(52);
  const by = proj.y(52) - 52 * ay;
  const parts: string[] = [];
  if (state.network) {
    const lines = state.network.lines.map((line) => `M${line.map(([lat, lon]) => `${proj.x(lon)} ${proj.y(lat)}`).join('L')}`).join('');
    if (lines) parts.push(`<path class="net" d="${lines}"/>`);
    const stops = state.network.stops.map(([lat, lon]) => `M${proj.x(lon)} ${proj.y(lat)}h0`).join('');
    if (stops) parts.push(`<path class="stop" d="${stops}"/>`);
  }
  parts.push(
    `<g id="places">${state.places
      .map(
        (p) =>
          `<circle class="pl" cx="${proj.x(p.lon)}" cy="${proj.y(p.lat)}" r="${p.population && p.population > 5000 ? 9 : 6}" data-name="${escapeHtml(uniqueName(p, state.places))}" tabindex="0"><title>${escapeHtml(p.gemeinde && p.gemeinde !== p.name ? `${p.name} (${p.gemeinde})` : p.name)}</title></circle>`,
      )
      .join('')}</g>`,
    `<g id="destinations">${state.destinations
      .map(
        (d) =>
          `<rect class="dest" x="${(proj.x(d.lon) - 7).toFixed(1)}" y="${(proj.y(d.lat) - 7).toFixed(1)}" width="14" height="14" data-name="${escapeHtml(d.name)}" tabindex="0"><title>${escapeHtml(d.name)}</title></rect>`,
      )
      .join('')}</g>`,
    '<g id="marker"></g>',
  );
  return `<svg id="map" viewBox="0 0 ${MAP_WIDTH} ${proj.height}" role="img" aria-label="Landkreis Börde" data-ax="${ax}" data-bx="${bx}" data-ay="${ay}" data-by="${by}">${parts.join('')}</svg>`;
}

/** The page's style sheet, served as `/app.css`. Black-and-white friendly when printed. */
export const PAGE_STYLE = `
:root{font-family:system-ui,"Segoe UI",Arial,sans-serif;color:#1b1b1b;background:#fff}
body{margin:0 auto;max-width:1400px;padding:8px 18px}
header h1{font-size:1.4rem;margin:.2rem 0}header h1 a{color:inherit;text-decoration:none}header p{margin:0 0 .6rem;color:#555}
main{display:grid;grid-template-columns:minmax(22rem,32rem) 1fr;gap:1.2rem;align-items:start}
.field{margin:0 0 .55rem;display:flex;flex-direction:column;gap:.15rem;border:0;padding:0}
.field label,.field legend{font-weight:600}
.field small{color:#555;font-size:.8rem}
.field input:not([type=checkbox]):not([type=radio]),.field select{font-size:1rem;padding:.3rem .4rem}
.row{display:flex;gap:.4rem}.row input{flex:1;min-width:0}.row select{max-width:45%}
.pair{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:.6rem}.pair .field input,.pair .field select{width:100%;box-sizing:border-box}
fieldset.field label{font-weight:400;margin-right:1rem}
[aria-invalid=true]{border:2px solid #b00020;outline:none}
.error{color:#b00020;font-weight:600;margin:.15rem 0}
.suggest{list-style:none;margin:-.45rem 0 .5rem;padding:0;border:1px solid #999;max-height:14rem;overflow:auto;background:#fff}
.suggest li{padding:.3rem .5rem;cursor:pointer}.suggest li small{color:#555;margin-left:.4rem}
.suggest li[aria-selected=true],.suggest li:hover{background:#e8eef7}
button{font-size:1rem;padding:.4rem 1.2rem;cursor:pointer}
#map{display:block;width:100%;height:auto;max-height:calc(100vh - 9rem);border:1px solid #c9c9c9;background:#fbfbf7;cursor:crosshair}
.net{fill:none;stroke:#8fa9c2;stroke-width:.9;stroke-linejoin:round;opacity:.55}
.stop{stroke:#5f7d9b;stroke-width:2.4;stroke-linecap:round;opacity:.55}
.pl{fill:#fff;stroke:#1b1b1b;stroke-width:1;cursor:pointer}.pl:hover,.pl:focus{stroke-width:2.5;outline:none}
.pl.sel{fill:#1b1b1b}
.dest{fill:#fff;stroke:#444;stroke-width:1.4;cursor:pointer}.dest:hover,.dest:focus{stroke-width:3;outline:none}.dest.sel{fill:#000}
#marker circle{fill:none;stroke:#b00020;stroke-width:3}
.mapfor{margin:.1rem 0 .3rem}.note{color:#555;font-size:.85rem}
#answer h2,#homes h2{font-size:1.2rem;border-top:2px solid #1b1b1b;padding-top:.5rem}
.slot h3{font-size:1.1rem;margin:.4rem 0 .1rem}.summary{font-weight:600;margin:.2rem 0 .6rem}
.day{border-left:6px solid #999;padding:.1rem .7rem;margin:.5rem 0}
.day h4{margin:.2rem 0;font-size:1rem}
.day.verdict-reachable,.day.works{border-left-color:#009E73}
.day.verdict-long-wait{border-left-color:#E69F00;border-left-style:dashed}
.day.verdict-outbound-only,.day.verdict-return-only{border-left-color:#56B4E9;border-left-style:dotted}
.day.verdict-unreachable,.day.breaks{border-left-color:#D55E00;border-left-style:double}
.lines{list-style:none;padding:0;margin:.1rem 0;font-variant-numeric:tabular-nums}
.lines .d1{margin-left:0}.lines .d2{margin-left:1.5rem}.lines .d3{margin-left:3rem}.lines .d4{margin-left:4.5rem}
ol.lines{font-family:ui-monospace,monospace;white-space:pre}
.notices{border:1px solid #E69F00;background:#fff8e6;padding:.3rem .6rem;margin:.4rem 0}
.notices ul{margin:.2rem 0;padding-left:1.2rem}
.next{margin:.8rem 0;padding:.5rem 0;border-top:1px solid #ccc}
footer{margin-top:1.5rem;color:#555;font-size:.8rem}
@media (max-width:900px){main{grid-template-columns:1fr}}
@media print{.inputs,.mapbox,.next,header p{display:none}main{display:block}.day{break-inside:avoid}}
`;
