/**
 * Renderers of gaps and bridges: the one sentence under a failing day of `check` (and the
 * `report --bridges` column), and `erreichbar gaps` as text, CSV or JSON (meeting points ranked
 * by the cases they would solve, then every failing case). Pure; stable order.
 */
import { summarizeBridge, summarizeBridgeLeg, type BridgeLeg, type BridgeSummary, type CaseBridge, type RideModel } from '../analysis/bridges.js';
import type { GapsResult } from '../analysis/gaps.js';
import { DAY_TYPE_LABELS } from '../analysis/service-calendar.js';
import { formatClock, formatClockShort, formatDateForHumans, parseIsoDate } from '../time/clock.js';
import { journeyToJson, type Lang } from './format-journey.js';
import { VERDICT_LABELS } from './labels.js';
import { writeCsv, type CsvCell } from './write-csv.js';

/** German (`3.100`, `6,2`) or English number formatting (kept here so this module needs no HTML code). */
function formatNumber(value: number, lang: Lang, fractionDigits = 0): string {
  return value.toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB', { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits });
}

function km(meters: number, lang: Lang): string {
  return `${formatNumber(meters / 1000, lang, 1)} km`;
}

/**
 * One sentence: "Mit einer Mitfahrt von 6,2 km bis Haldensleben, ZOB (Bus ab 05:32) wäre dieser
 * Tag erreichbar." — with the bicycle alternative, or "kein Bus … innerhalb der Grenzen".
 */
export function bridgeSentence(bridge: CaseBridge | BridgeSummary, car: RideModel, lang: Lang): string {
  const de = lang === 'de';
  const summary: BridgeSummary = 'legs' in (bridge.car ?? bridge.bike ?? { legs: [] }) ? summarizeBridge(bridge as CaseBridge) : (bridge as BridgeSummary);
  const parts: string[] = [];
  const out = summary.car?.find((l) => l.direction === 'outbound');
  const back = summary.car?.find((l) => l.direction === 'return');
  if (summary.car) {
    const there = out
      ? de
        ? `einer Mitfahrt von ${km(out.rideMeters, lang)} bis ${out.stop} (Bus ab ${formatClockShort(out.busDeparture)}, zu Hause los ${formatClockShort(out.rideStart)})`
        : `a ride of ${km(out.rideMeters, lang)} to ${out.stop} (bus at ${formatClockShort(out.busDeparture)}, leave home ${formatClockShort(out.rideStart)})`
      : undefined;
    const home = back
      ? de
        ? `einer Abholung in ${back.stop} (Bus an ${formatClockShort(back.busArrival)}) mit ${km(back.rideMeters, lang)} Mitfahrt nach Hause`
        : `a pick-up at ${back.stop} (bus arrives ${formatClockShort(back.busArrival)}) and a ride of ${km(back.rideMeters, lang)} home`
      : undefined;
    const what = [there, home].filter(Boolean).join(de ? ' und ' : ' and ');
    parts.push(de ? `Mit ${what} wäre dieser Tag erreichbar.` : `With ${what} this day would work.`);
  } else {
    const directions = summary.noBus.map((d) => (d === 'outbound' ? (de ? 'hin' : 'there') : de ? 'zurück' : 'back')).join(de ? ' und ' : ' and ');
    parts.push(
      de
        ? `Auch mit einer Mitfahrt bis ${km(car.maxStraightMeters * car.detourFactor, lang)}: kein Bus ${directions} innerhalb der Grenzen.`
        : `Even with a ride of up to ${km(car.maxStraightMeters * car.detourFactor, lang)}: no bus ${directions} within the limits.`,
    );
  }
  if (summary.bike) {
    const there = summary.bike.find((l) => l.direction === 'outbound')!;
    const home = summary.bike.find((l) => l.direction === 'return')!;
    parts.push(
      de
        ? `Mit dem Rad: ${km(there.rideMeters, lang)} bis ${there.stop} (Bus ab ${formatClockShort(there.busDeparture)}, zurück an ${formatClockShort(home.busArrival)}).`
        : `By bicycle: ${km(there.rideMeters, lang)} to ${there.stop} (bus at ${formatClockShort(there.busDeparture)}, back at ${formatClockShort(home.busArrival)}).`,
    );
  }
  return parts.join(' ');
}

/** The car model in one line, for outputs that show bridges. */
export function rideModelText(car: RideModel, lang: Lang): string {
  const speed = formatNumber(car.speedMetersPerSecond * 3.6, lang);
  return lang === 'de'
    ? `Mitfahrt: Luftlinie × ${formatNumber(car.detourFactor, lang, 1)} mit ${speed} km/h, bis ${km(car.maxStraightMeters, lang)} Luftlinie, ${Math.round(car.marginSeconds / 60)} min vor dem Bus am Treffpunkt`
    : `ride: straight line × ${formatNumber(car.detourFactor, lang, 1)} at ${speed} km/h, up to ${km(car.maxStraightMeters, lang)} straight line, at the meeting point ${Math.round(car.marginSeconds / 60)} min before the bus`;
}

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
    lines.push(`    ${bridgeSentence(c.bridge, result.carModel, lang)}`);
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
    rows.push(
      [
        c.ortsteil, c.gemeinde, c.destination, c.slot, c.date, c.dayTypeId, c.verdict, c.bridge.failing.join(' '),
        out?.point.name ?? null, round(out?.rideMeters), out ? formatClockShort(out.rideStart) : null, out ? formatClockShort(out.bus.departure) : null,
        back?.point.name ?? null, round(back?.rideMeters), back ? formatClockShort(back.bus.arrival) : null, back ? formatClockShort(back.rideEnd) : null,
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

/** A bridge as JSON (for `check --format json`): the sentence, and per ride the stop, distances and times. */
export function bridgeToJson(bridge: CaseBridge, car: RideModel, lang: Lang): object {
  const leg = (l: BridgeLeg): object => {
    const { busDeparture: _departure, busArrival: _arrival, ...fields } = summarizeBridgeLeg(l);
    return { ...fields, rideStart: formatClock(l.rideStart), rideEnd: formatClock(l.rideEnd), bus: journeyToJson(l.bus) };
  };
  return {
    text: bridgeSentence(bridge, car, lang),
    failing: bridge.failing,
    noBus: bridge.noBus,
    car: bridge.car ? bridge.car.legs.map(leg) : null,
    bike: bridge.bike ? bridge.bike.legs.map(leg) : null,
  };
}
