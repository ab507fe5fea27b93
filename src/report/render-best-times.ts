/**
 * Renderers of `erreichbar best-times`: text with a small bar chart per day type, CSV (one row
 * per start × date), JSON (the whole result, with the Ortsteile per verdict), and a static HTML
 * page with an inline SVG chart. Pure: `(result, options) => string`; candidates in start order.
 */
import type { BestTimesCandidate, BestTimesGain, BestTimesResult, WeightKind } from '../analysis/best-times.js';
import { VERDICTS } from '../analysis/reachability.js';
import { DAY_TYPE_LABELS } from '../analysis/service-calendar.js';
import { formatDateForHumans, parseIsoDate } from '../time/clock.js';
import { formatDuration, type Lang } from './format-journey.js';
import { BASE_STYLE, staticHtmlPage } from './html-page.js';
import { formatNumber } from '../format-number.js';
import { CATEGORY_LABELS, VERDICT_LABELS } from './labels.js';
import { escapeHtml, NASA_ATTRIBUTION } from './render-html.js';
import { writeCsv, type CsvCell } from './write-csv.js';

const WEIGHT_WORDS: Record<Lang, Record<WeightKind, string>> = {
  de: { population: 'Einwohner', participants: 'Teilnehmende', none: '' },
  en: { population: 'inhabitants', participants: 'participants', none: '' },
};

/** The weighting in one sentence, saying how many Ortsteile lacked a figure. */
export function weightingText(result: BestTimesResult, lang: Lang): string {
  const w = result.weighting;
  const de = lang === 'de';
  if (w.kind === 'none') return de ? 'Gewichtung: keine (nur Ortsteile gezählt)' : 'Weighting: none (Ortsteile counted)';
  if (w.kind === 'participants') {
    return de
      ? `Gewichtung: ${formatNumber(w.sum, lang)} Teilnehmende aus ${w.total - w.missing === 1 ? 'einem Ortsteil' : `${w.total - w.missing} Ortsteilen`} (die übrigen ${w.missing} zählen 0)`
      : `Weighting: ${formatNumber(w.sum, lang)} participants from ${w.total - w.missing} Ortsteile (the other ${w.missing} count 0)`;
  }
  return de
    ? `Gewichtung: Einwohner (${formatNumber(w.sum, lang)}); für ${w.missing} von ${w.total} Ortsteilen fehlt eine Einwohnerzahl (zählen 0)`
    : `Weighting: inhabitants (${formatNumber(w.sum, lang)}); ${w.missing} of ${w.total} Ortsteile lack a population figure (count 0)`;
}

function dayLabel(day: { date: string; dayTypeId: BestTimesCandidate['days'][number]['dayTypeId'] }, lang: Lang): string {
  return `${DAY_TYPE_LABELS[lang][day.dayTypeId]} ${formatDateForHumans(parseIsoDate(day.date)!, lang)}`;
}

/** "14 Ortsteile mehr, 3.100 Einwohner" for one day type. */
function gainText(gain: BestTimesGain, kind: WeightKind, lang: Lang): string {
  const de = lang === 'de';
  const n = Math.abs(gain.ortsteile);
  const count =
    gain.ortsteile === 0
      ? de ? 'gleich viele Ortsteile' : 'as many Ortsteile'
      : de ? `${formatNumber(n, lang)} ${n === 1 ? 'Ortsteil' : 'Ortsteile'} ${gain.ortsteile > 0 ? 'mehr' : 'weniger'}` : `${formatNumber(n, lang)} ${n === 1 ? 'Ortsteil' : 'Ortsteile'} ${gain.ortsteile > 0 ? 'more' : 'fewer'}`;
  if (kind === 'none') return count;
  const sign = gain.weight > 0 ? '+' : gain.weight < 0 ? '−' : '±';
  return `${count}, ${sign}${formatNumber(Math.abs(gain.weight), lang)} ${WEIGHT_WORDS[lang][kind]}`;
}

/** The best starts as sentences ("Beginn 08:45 statt 08:30: Schultag 14 Ortsteile mehr, +3.100 Einwohner; …"). */
export function bestStartLines(result: BestTimesResult, lang: Lang): string[] {
  const de = lang === 'de';
  return result.best.map((best) => {
    const head =
      result.currentStart && best.start !== result.currentStart
        ? de ? `Beginn ${best.start} statt ${result.currentStart}` : `Start ${best.start} instead of ${result.currentStart}`
        : result.currentStart
          ? de ? `Beginn ${best.start} (wie bisher)` : `Start ${best.start} (as now)`
          : de ? `Beginn ${best.start}` : `Start ${best.start}`;
    const candidate = result.candidates.find((c) => c.start === best.start)!;
    const parts = best.gains.map((gain) => {
      const day = candidate.days.find((d) => d.date === gain.date)!;
      const reach = day.verdicts.reachable;
      const absolute = `${formatNumber(reach.count, lang)} ${de ? 'Ortsteile' : 'Ortsteile'}${result.weighting.kind === 'none' ? '' : `, ${formatNumber(reach.weight, lang)} ${WEIGHT_WORDS[lang][result.weighting.kind]}`}`;
      return `${DAY_TYPE_LABELS[lang][gain.dayTypeId]} ${result.currentStart ? gainText(gain, result.weighting.kind, lang) : absolute}`;
    });
    return `${best.rank}. ${head}: ${parts.join('; ')}`;
  });
}

function headline(result: BestTimesResult, lang: Lang): string[] {
  const de = lang === 'de';
  const category = CATEGORY_LABELS[lang][result.destination.category] ?? result.destination.category;
  const daysText = result.candidates[0]?.slot.split(' ')[0] ?? '';
  const what = result.kind === 'opening-hours' ? (de ? 'Öffnungszeit' : 'opening time') : de ? 'Beginn' : 'start';
  const step = `${result.window.stepMinutes} min`;
  return [
    de
      ? `Beste Beginnzeiten: ${result.destination.name} (${category}), Dauer ${formatDuration(result.durationMinutes * 60)}, ${daysText}; ${what} ${clock(result.window.fromMinutes)}–${clock(result.window.toMinutes)} alle ${step}`
      : `Best start times: ${result.destination.name} (${category}), duration ${formatDuration(result.durationMinutes * 60)}, ${daysText}; ${what} ${clock(result.window.fromMinutes)}–${clock(result.window.toMinutes)} every ${step}`,
    weightingText(result, lang),
    `${de ? 'Tage' : 'Days'}: ${result.dates.map((d) => dayLabel(d, lang)).join(' · ') || (de ? 'keine' : 'none')}`,
    result.currentStart ? `${de ? 'Bisheriger Beginn' : 'Current start'}: ${result.currentStart}` : de ? 'Bisheriger Beginn: unbekannt' : 'Current start: unknown',
  ];
}

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60) % 24).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Text with a bar chart: per start and day type, the reachable Ortsteile as a bar. */
export function renderBestTimesText(result: BestTimesResult, lang: Lang): string {
  const de = lang === 'de';
  const lines = headline(result, lang);
  const dates = result.dates;
  const max = Math.max(1, ...result.candidates.flatMap((c) => c.days.map((d) => d.verdicts.reachable.count)));
  const barWidth = 20;
  const unit = result.weighting.kind === 'none' ? '' : de ? (result.weighting.kind === 'population' ? ' EW' : ' TN') : result.weighting.kind === 'population' ? ' inh.' : ' part.';
  const cell = (c: BestTimesCandidate, date: string): string => {
    const day = c.days.find((d) => d.date === date);
    if (!day) return ''.padEnd(barWidth + 16);
    const r = day.verdicts.reachable;
    const filled = Math.round((r.count / max) * barWidth);
    const bar = '█'.repeat(filled) + '·'.repeat(barWidth - filled);
    const weight = result.weighting.kind === 'none' ? '' : ` ${formatNumber(r.weight, lang)}${unit}`;
    return `${bar} ${String(r.count).padStart(3)}${weight}`.padEnd(barWidth + 16);
  };
  lines.push('');
  lines.push(
    `${de ? 'Beginn' : 'Start'}   ${dates.map((d) => `${DAY_TYPE_LABELS[lang][d.dayTypeId]} (${de ? 'erreichbare Ortsteile' : 'reachable Ortsteile'})`.padEnd(barWidth + 16)).join('  ')}`.trimEnd(),
  );
  for (const c of result.candidates) {
    lines.push(`${c.start}${c.current ? '*' : ' '}   ${dates.map((d) => cell(c, d.date)).join('  ')}`.trimEnd());
  }
  if (result.currentStart) lines.push(de ? '* bisheriger Beginn' : '* current start');
  lines.push('', de ? 'Beste Beginnzeiten:' : 'Best starts:');
  lines.push(...bestStartLines(result, lang).map((line) => `  ${line}`));
  const example = result.best[0] ? result.candidates.find((c) => c.start === result.best[0]!.start) : undefined;
  if (example) {
    const shift = example.slot.slice(example.slot.indexOf(' ') + 1);
    const days = example.slot.slice(0, example.slot.indexOf(' '));
    lines.push(
      '',
      de
        ? `Nachprüfen: erreichbar check --from <Ortsteil> --to "${result.destination.name}" --shift ${shift} --days ${days} --dates ${result.dates.map((d) => d.date).join(' ')}; die Ortsteile je Urteil stehen in --format json.`
        : `Re-check: erreichbar check --from <Ortsteil> --to "${result.destination.name}" --shift ${shift} --days ${days} --dates ${result.dates.map((d) => d.date).join(' ')}; the Ortsteile per verdict are in --format json.`,
    );
  }
  return lines.join('\n');
}

/** CSV: one row per start × date with counts and weights per verdict. */
export function renderBestTimesCsv(result: BestTimesResult): string {
  const header = ['start', 'end', 'current', 'rank', 'date', 'dayType', ...VERDICTS.flatMap((v) => [v, `${v}Weight`])];
  const rows: CsvCell[][] = [header];
  for (const c of result.candidates) {
    for (const day of c.days) {
      rows.push([c.start, c.end, c.current ? 'yes' : 'no', c.rank, day.date, day.dayTypeId, ...VERDICTS.flatMap((v) => [day.verdicts[v].count, day.verdicts[v].weight])]);
    }
  }
  return writeCsv(rows, { lineEnd: '\n' });
}

/** JSON: the result as it is (schemaVersion, inputs, candidates with Ortsteile per verdict, best). */
export function renderBestTimesJson(result: BestTimesResult): string {
  return JSON.stringify(result, null, 2);
}

const DAY_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7'];

/** A static HTML page: SVG chart of reachable Ortsteile per start and day type, best starts, and a table. */
export function renderBestTimesHtml(result: BestTimesResult, lang: Lang): string {
  const de = lang === 'de';
  const [title, ...info] = headline(result, lang);
  const width = 900;
  const height = 320;
  const left = 50;
  const bottom = 40;
  const top = 20;
  const right = 20;
  const n = result.candidates.length;
  const max = Math.max(1, ...result.candidates.flatMap((c) => c.days.map((d) => d.verdicts.reachable.count)));
  const x = (i: number): number => left + (n <= 1 ? (width - left - right) / 2 : (i * (width - left - right)) / (n - 1));
  const y = (v: number): number => top + (1 - v / max) * (height - top - bottom);
  const parts: string[] = [];
  const ticks = 5;
  for (let t = 0; t <= ticks; t++) {
    const v = Math.round((max * t) / ticks);
    parts.push(`<line x1="${left}" x2="${width - right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#ddd"/>`);
    parts.push(`<text x="${left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${v}</text>`);
  }
  const labelEvery = Math.max(1, Math.ceil(n / 12));
  result.candidates.forEach((c, i) => {
    if (i % labelEvery === 0 || c.current) parts.push(`<text x="${x(i).toFixed(1)}" y="${height - bottom + 16}" text-anchor="middle"${c.current ? ' font-weight="700"' : ''}>${c.start}</text>`);
    if (c.current) parts.push(`<line x1="${x(i).toFixed(1)}" x2="${x(i).toFixed(1)}" y1="${top}" y2="${height - bottom}" stroke="#555" stroke-dasharray="4 3"/>`);
  });
  result.dates.forEach((date, k) => {
    const colour = DAY_COLOURS[k % DAY_COLOURS.length]!;
    const points = result.candidates
      .map((c, i) => {
        const day = c.days.find((d) => d.date === date.date);
        return day ? `${x(i).toFixed(1)},${y(day.verdicts.reachable.count).toFixed(1)}` : undefined;
      })
      .filter((p): p is string => p !== undefined);
    parts.push(`<polyline fill="none" stroke="${colour}" stroke-width="2.5" points="${points.join(' ')}"/>`);
    for (const p of points) {
      const [px, py] = p.split(',');
      parts.push(`<circle cx="${px}" cy="${py}" r="3.5" fill="${colour}"/>`);
    }
    parts.push(`<rect x="${left + 10 + k * 190}" y="${height - 14}" width="12" height="4" fill="${colour}"/><text x="${left + 28 + k * 190}" y="${height - 9}">${escapeHtml(DAY_TYPE_LABELS[lang][date.dayTypeId])}</text>`);
  });
  parts.push(`<text x="12" y="${top + (height - top - bottom) / 2}" transform="rotate(-90 12 ${top + (height - top - bottom) / 2})" text-anchor="middle">${de ? 'erreichbare Ortsteile' : 'reachable Ortsteile'}</text>`);
  const svg = `<svg viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(title!)}">${parts.join('')}</svg>`;

  const weightHead = result.weighting.kind === 'none' ? '' : WEIGHT_WORDS[lang][result.weighting.kind];
  const head = `<tr><th>${de ? 'Beginn' : 'Start'}</th><th>${de ? 'Rang' : 'Rank'}</th>${result.dates
    .map((d) => `<th class="num">${escapeHtml(DAY_TYPE_LABELS[lang][d.dayTypeId])}: ${escapeHtml(VERDICT_LABELS[lang].reachable)}</th>${weightHead ? `<th class="num">${escapeHtml(weightHead)}</th>` : ''}<th class="num">${escapeHtml(VERDICT_LABELS[lang]['long-wait'])}</th>`)
    .join('')}</tr>`;
  const rows = result.candidates
    .map((c) => {
      const cells = result.dates
        .map((d) => {
          const day = c.days.find((e) => e.date === d.date);
          if (!day) return `<td></td>${weightHead ? '<td></td>' : ''}<td></td>`;
          return `<td class="num">${day.verdicts.reachable.count}</td>${weightHead ? `<td class="num">${formatNumber(day.verdicts.reachable.weight, lang)}</td>` : ''}<td class="num">${day.verdicts['long-wait'].count}</td>`;
        })
        .join('');
      return `<tr${c.current ? ' class="current"' : ''}><td>${c.start}${c.current ? (de ? ' (bisher)' : ' (current)') : ''}</td><td class="num">${c.rank}</td>${cells}</tr>`;
    })
    .join('');
  const body = `<h1>${escapeHtml(title!)}</h1>
${info.map((line) => `<p class="sub">${escapeHtml(line)}</p>`).join('\n')}
${svg}
<h2>${de ? 'Beste Beginnzeiten' : 'Best starts'}</h2>
<ol>${bestStartLines(result, lang).map((line) => `<li>${escapeHtml(line.replace(/^\d+\.\s*/, ''))}</li>`).join('')}</ol>
<h2>${de ? 'Alle Beginnzeiten' : 'All starts'}</h2>
<table><thead>${head}</thead><tbody>${rows}</tbody></table>
<p class="note">${escapeHtml(de ? 'Die Namen der Ortsteile je Urteil und Beginn stehen in der JSON-Ausgabe (--format json); jeder Beginn lässt sich mit „erreichbar report“ oder „erreichbar check“ nachprüfen.' : 'The names of the Ortsteile per verdict and start are in the JSON output (--format json); every start can be re-checked with "erreichbar report" or "erreichbar check".')}</p>
<p class="attribution">${escapeHtml(NASA_ATTRIBUTION)}</p>`;
  return staticHtmlPage({ lang, title: title!, style: BASE_STYLE, body });
}
