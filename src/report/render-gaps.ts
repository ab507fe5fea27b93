/**
 * Renderers of gaps: `erreichbar gaps` as text, CSV or JSON (meeting points ranked by the cases
 * they would solve, then every failing case). Pure; stable order. The one sentence under a
 * failing day of `check` (and the `report --bridges` column) is in `bridge-sentence.ts`, so
 * `check` loads no CSV writer.
 */
import type { GapsResult } from '../analysis/gaps.js';
import { DAY_TYPE_LABELS } from '../analysis/service-calendar.js';
import { formatClockShort, formatDateForHumans, parseIsoDate } from '../time/clock.js';
import { wallClockForDate, type Lang } from './format-journey.js';
import { VERDICT_LABELS } from './labels.js';
import { writeCsv, type CsvCell } from './write-csv.js';
import { bridgeSentence, km, rideModelText } from './bridge-sentence.js';
import { formatNumber } from '../format-number.js';

/** `gaps` as text: totals, the best meeting points, then the cases by Gemeinde and Ortsteil. */
export function renderGapsText(result: GapsResult, lang: Lang, options: { limit?: number } = {}): string {
  const de = lang === 'de';
  const t = result.totals;
  const lines: string[] = [];
  lines.push(
    de
      ? `Lücken und Brücken — ${formatNumber(t.failing, lang)} von ${formatNumber(t.cases, lang)} Fällen scheitern; mit Mitfahrt lösbar: ${formatNumber(t.car, lang)}, mit dem Rad: ${formatNumber(t.bike, lang)}, mit keinem von beiden: ${formatNumber(t.none, lang)}`
      : `Gaps and bridges — ${formatNumber(t.failing, lang)} of ${formatNumber(t.cases, lang)} cases fail; solvable by a ride: ${formatNumber(t.car, lang)}, by bicycle: ${formatNumber(t.bike, lang)}, by neither: ${formatNumber(t.none, lang)}`,
  );
  lines.push(`${de ? 'Modell' : 'Model'}: ${rideModelText(result.carModel, lang)}`);
  lines.push(`${de ? 'Tage' : 'Days'}: ${result.dates.map((d) => `${DAY_TYPE_LABELS[lang][d.dayTypeId]} ${formatDateForHumans(parseIsoDate(d.date)!, lang)}`).join(' · ')}`);
  lines.push('', de ? 'Beste Treffpunkte (Fälle, die eine Mitfahrt dorthin oder von dort lösen würde):' : 'Best meeting points (cases a ride to or from them would solve):');
  const points = options.limit === undefined ? result.meetingPoints : result.meetingPoints.slice(0, options.limit);
  points.forEach((p, i) => {
    const places = p.ortsteile.length > 6 ? `${p.ortsteile.slice(0, 6).join(', ')}, … (${p.ortsteile.length})` : p.ortsteile.join(', ');
    lines.push(
      de
        ? `  ${String(i + 1).padStart(2)}. ${p.name}: ${p.cases} Fälle (${p.outbound} hin, ${p.return} zurück), Fahrten ${km(p.minRideMeters, lang)}–${km(p.maxRideMeters, lang)} — aus ${places}`
        : `  ${String(i + 1).padStart(2)}. ${p.name}: ${p.cases} cases (${p.outbound} there, ${p.return} back), rides ${km(p.minRideMeters, lang)}–${km(p.maxRideMeters, lang)} — from ${places}`,
    );
  });
  if (points.length === 0) lines.push(de ? '  (keine)' : '  (none)');
  lines.push('', de ? 'Fälle:' : 'Cases:');
  const collator = new Intl.Collator('de');
  const sorted = [...result.cases].sort(
    (a, b) => collator.compare(a.gemeinde, b.gemeinde) || collator.compare(a.ortsteil, b.ortsteil) || collator.compare(a.destination, b.destination) || a.slot.localeCompare(b.slot) || a.date.localeCompare(b.date),
  );
  for (const c of sorted) {
    lines.push(`  ${c.ortsteil} (${c.gemeinde}) → ${c.destination}, ${c.slot}, ${DAY_TYPE_LABELS[lang][c.dayTypeId]} ${c.date}: ${VERDICT_LABELS[lang][c.verdict]}`);
    lines.push(`    ${bridgeSentence(c.bridge, result.carModel, lang, wallClockForDate(c.date))}`);
  }
  return lines.join('\n');
}

/** `gaps` as CSV: one row per failing case with the car and bicycle bridge. */
export function renderGapsCsv(result: GapsResult): string {
  const header = [
    'ortsteil', 'gemeinde', 'destination', 'slot', 'date', 'dayType', 'verdict', 'failing',
    'carOutboundStop', 'carOutboundRideKm', 'carOutboundLeaveHome', 'carOutboundBusDeparture',
    'carReturnStop', 'carReturnRideKm', 'carReturnBusArrival', 'carReturnHome',
    'bikeStop', 'bikeRideKm', 'noBus',
  ];
  const rows: CsvCell[][] = [header];
  for (const c of result.cases) {
    const out = c.bridge.car?.legs.find((l) => l.direction === 'outbound');
    const back = c.bridge.car?.legs.find((l) => l.direction === 'return');
    const bike = c.bridge.bike?.legs[0];
    const round = (m: number | undefined): number | null => (m === undefined ? null : Math.round(m / 100) / 10);
    const wall = wallClockForDate(c.date);
    const clock = (seconds: number): string => formatClockShort(wall(seconds));
    rows.push(
      [
        c.ortsteil, c.gemeinde, c.destination, c.slot, c.date, c.dayTypeId, c.verdict, c.bridge.failing.join(' '),
        out?.point.name ?? null, round(out?.rideMeters), out ? clock(out.rideStart) : null, out ? clock(out.bus.departure) : null,
        back?.point.name ?? null, round(back?.rideMeters), back ? clock(back.bus.arrival) : null, back ? clock(back.rideEnd) : null,
        bike?.point.name ?? null, round(bike?.rideMeters), c.bridge.noBus.join(' '),
      ],
    );
  }
  return writeCsv(rows, { lineEnd: '\n' });
}

/** `gaps` as JSON (journeys of the bus parts included). */
export function renderGapsJson(result: GapsResult): string {
  return JSON.stringify(result, null, 2);
}
