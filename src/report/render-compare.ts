/**
 * The comparison of two reports as text (grouped by Gemeinde and Ortsteil, changes only), CSV
 * or JSON.
 */
import type { Comparison } from '../analysis/compare-reports.js';
import { DAY_TYPE_LABELS } from '../analysis/service-calendar.js';
import type { Lang } from './format-journey.js';
import { VERDICT_LABELS } from './labels.js';
import type { CsvDialect } from './render-report.js';
import { writeCsv } from './write-csv.js';

const SYMBOLS = { gained: '+', lost: '−', better: '↑', worse: '↓' } as const;
const CHANGE_LABELS = {
  de: { gained: 'gewonnen', lost: 'verloren', better: 'besser', worse: 'schlechter' },
  en: { gained: 'gained', lost: 'lost', better: 'better', worse: 'worse' },
} as const;

/** Renders a comparison. */
export function renderComparison(comparison: Comparison, format: 'table' | 'csv' | 'json', options: { lang: Lang; csvDialect?: CsvDialect }): string {
  const { lang } = options;
  const de = lang === 'de';
  if (format === 'json') return JSON.stringify(comparison, null, 1);
  const verdict = (v: string | null): string => (v === null ? (de ? 'nicht geprüft' : 'not assessed') : VERDICT_LABELS[lang][v as keyof (typeof VERDICT_LABELS)['de']]);
  const day = (entry: Comparison['changes'][number]): string =>
    entry.dayTypeAfter !== undefined && entry.dayTypeAfter !== null && entry.dayTypeAfter !== entry.dayTypeId
      ? `${DAY_TYPE_LABELS[lang][entry.dayTypeId]} → ${DAY_TYPE_LABELS[lang][entry.dayTypeAfter]}`
      : DAY_TYPE_LABELS[lang][entry.dayTypeId];
  if (format === 'csv') {
    const rows = [['gemeinde', 'ortsteil', 'destination', 'slot', 'day', 'before', 'after', 'change']];
    for (const e of comparison.changes) rows.push([e.gemeinde, e.ortsteil, e.destination, e.slot, day(e), verdict(e.before), verdict(e.after), CHANGE_LABELS[lang][e.change]]);
    return writeCsv(rows, { dialect: options.csvDialect });
  }
  const side = (s: Comparison['before']): string =>
    `${s.feeds.join(' + ')} (${s.dates.map((d) => `${d.date} ${DAY_TYPE_LABELS[lang][d.dayTypeId]}`).join(', ')})`;
  const lines = [
    ...(comparison.warnings ?? []).map((warning) => warning.message),
    ...((comparison.warnings ?? []).length ? [''] : []),
    de ? `Vergleich — vorher: ${side(comparison.before)}` : `Comparison — before: ${side(comparison.before)}`,
    de ? `            nachher: ${side(comparison.after)}` : `             after: ${side(comparison.after)}`,
  ];
  const totals = { gained: 0, lost: 0, better: 0, worse: 0 };
  for (const e of comparison.changes) totals[e.change]++;
  lines.push(
    de
      ? `${totals.gained} Verbindungen gewonnen, ${totals.lost} verloren, ${totals.better} besser, ${totals.worse} schlechter (Zeichen: + gewonnen, − verloren, ↑ besser, ↓ schlechter)`
      : `${totals.gained} connections gained, ${totals.lost} lost, ${totals.better} better, ${totals.worse} worse (symbols: + gained, − lost, ↑ better, ↓ worse)`,
  );
  if (comparison.changes.length === 0) lines.push(de ? 'Keine Änderungen.' : 'No changes.');
  let gemeinde: string | undefined;
  let ortsteil: string | undefined;
  for (const e of comparison.changes) {
    if (e.gemeinde !== gemeinde) {
      gemeinde = e.gemeinde;
      ortsteil = undefined;
      lines.push('', `${de ? 'Gemeinde' : 'Municipality'} ${gemeinde}`);
    }
    if (e.ortsteil !== ortsteil) {
      ortsteil = e.ortsteil;
      const count = comparison.ortsteile.find((o) => o.gemeinde === e.gemeinde && o.ortsteil === e.ortsteil)!;
      const parts = (['gained', 'lost', 'better', 'worse'] as const).filter((c) => count[c] > 0).map((c) => `${count[c]} ${CHANGE_LABELS[lang][c]}`);
      lines.push(`  ${ortsteil}: ${parts.join(', ')}`);
    }
    lines.push(`    ${SYMBOLS[e.change]} ${e.destination}, ${e.slot}, ${day(e)}: ${verdict(e.before)} → ${verdict(e.after)}`);
  }
  return lines.join('\n');
}
