/**
 * A bridge in words: the one sentence under a failing day of `check` (and the `report --bridges`
 * column, and each case of `gaps`), its JSON for `check --format json`, and the car model in one
 * line. Pure.
 */
import { summarizeBridge, summarizeBridgeLeg, type BridgeLeg, type BridgeSummary, type CaseBridge, type RideModel } from '../analysis/bridges.js';
import { formatClock, formatClockShort } from '../time/clock.js';
import { CLOCK_AS_IS, journeyToJson, type Lang, type ToWallClock } from './format-journey.js';
import { formatNumber } from '../format-number.js';

/** Metres as kilometres with one decimal: `6,2 km` (German) or `6.2 km`. */
export function km(meters: number, lang: Lang): string {
  return `${formatNumber(meters / 1000, lang, 1)} km`;
}

/**
 * One sentence: "Mit einer Mitfahrt von 6,2 km bis Haldensleben, ZOB (Bus ab 05:32) wäre dieser
 * Tag erreichbar." — with the bicycle alternative, or "kein Bus … innerhalb der Grenzen".
 * `wall` prints the times as the wall clock of the day's date (see `wallClockOf`).
 */
export function bridgeSentence(bridge: CaseBridge | BridgeSummary, car: RideModel, lang: Lang, wall: ToWallClock = CLOCK_AS_IS): string {
  const de = lang === 'de';
  const summary: BridgeSummary = 'legs' in (bridge.car ?? bridge.bike ?? { legs: [] }) ? summarizeBridge(bridge as CaseBridge) : (bridge as BridgeSummary);
  const parts: string[] = [];
  const out = summary.car?.find((l) => l.direction === 'outbound');
  const back = summary.car?.find((l) => l.direction === 'return');
  if (summary.car) {
    const there = out
      ? de
        ? `einer Mitfahrt von ${km(out.rideMeters, lang)} bis ${out.stop} (Bus ab ${formatClockShort(wall(out.busDeparture))}, zu Hause los ${formatClockShort(wall(out.rideStart))})`
        : `a ride of ${km(out.rideMeters, lang)} to ${out.stop} (bus at ${formatClockShort(wall(out.busDeparture))}, leave home ${formatClockShort(wall(out.rideStart))})`
      : undefined;
    const home = back
      ? de
        ? `einer Abholung in ${back.stop} (Bus an ${formatClockShort(wall(back.busArrival))}) mit ${km(back.rideMeters, lang)} Mitfahrt nach Hause`
        : `a pick-up at ${back.stop} (bus arrives ${formatClockShort(wall(back.busArrival))}) and a ride of ${km(back.rideMeters, lang)} home`
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
        ? `Mit dem Rad: ${km(there.rideMeters, lang)} bis ${there.stop} (Bus ab ${formatClockShort(wall(there.busDeparture))}, zurück an ${formatClockShort(wall(home.busArrival))}).`
        : `By bicycle: ${km(there.rideMeters, lang)} to ${there.stop} (bus at ${formatClockShort(wall(there.busDeparture))}, back at ${formatClockShort(wall(home.busArrival))}).`,
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

/**
 * A bridge as JSON (for `check --format json`): the sentence (its times on the wall clock by
 * `wall`), and per ride the stop, distances and clock times.
 */
export function bridgeToJson(bridge: CaseBridge, car: RideModel, lang: Lang, wall: ToWallClock = CLOCK_AS_IS): object {
  const leg = (l: BridgeLeg): object => {
    const { busDeparture: _departure, busArrival: _arrival, ...fields } = summarizeBridgeLeg(l);
    return { ...fields, rideStart: formatClock(l.rideStart), rideEnd: formatClock(l.rideEnd), bus: journeyToJson(l.bus) };
  };
  return {
    text: bridgeSentence(bridge, car, lang, wall),
    failing: bridge.failing,
    noBus: bridge.noBus,
    car: bridge.car ? bridge.car.legs.map(leg) : null,
    bike: bridge.bike ? bridge.bike.legs.map(leg) : null,
  };
}
