/**
 * Answers a caseworker acts on (issue 14), on the real BördeBus + MVB timetable with the
 * default Börde places: journeys a person would take, times that add up when printed, reasons in
 * plain words, Kita chains under the limits of a shift, homes ranked by both ways, compare
 * without phantom losses.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { loadFeeds, type FeedSet } from '../../src/feed/load-feeds.js';
import { ReachabilityEngine, type NamedPoint } from '../../src/analysis/reachability.js';
import { assessKitaChain } from '../../src/analysis/kita-chain.js';
import { buildReport, type ReportDestination } from '../../src/analysis/build-report.js';
import { compareReports } from '../../src/analysis/compare-reports.js';
import { loadPlaces, type Place } from '../../src/places/load-places.js';
import { loadDestinations } from '../../src/places/load-destinations.js';
import type { Journey, RideLeg } from '../../src/router/journey.js';
import { renderChain, renderCheck } from '../../src/report/render-check.js';
import { renderReportCsv } from '../../src/report/render-report.js';
import { reasonText } from '../../src/report/labels.js';
import { readRawGtfs } from '../support/raw-gtfs.js';
import { BOERDEBUS, MVB, repoRoot, sharedCacheDir } from '../helpers/paths.js';

let feeds: FeedSet;
let places: Place[];
let destinations: ReportDestination[];
beforeAll(async () => {
  feeds = await loadFeeds([BOERDEBUS, MVB], { cacheDir: sharedCacheDir });
  places = (await loadPlaces(path.join(repoRoot, 'data', 'ortsteile.csv'))).places;
  destinations = (await loadDestinations(path.join(repoRoot, 'data', 'destinations.csv'))).destinations as ReportDestination[];
});

const place = (name: string): Place => {
  const found = places.find((p) => p.name === name);
  if (!found) throw new Error(`no Ortsteil ${name}`);
  return found;
};
const destination = (prefix: string): ReportDestination => {
  const found = destinations.find((d) => d.name.startsWith(prefix));
  if (!found) throw new Error(`no destination ${prefix}`);
  return found;
};
const rides = (journey: Journey | null): RideLeg[] => (journey?.legs ?? []).filter((leg): leg is RideLeg => leg.mode === 'ride');
const hm = (text: string): number => Number(text.slice(0, 2)) * 3600 + Number(text.slice(3, 5)) * 60;

describe('journeys a person would take (item 6)', () => {
  it('Calvörde → KVHS Haldensleben: bus 620 to the stop beside the KVHS, not to the ZOB and back on foot', () => {
    const engine = new ReachabilityEngine(feeds);
    const kvhs = destination('KVHS Haldensleben');
    const day = engine.assess(place('Calvörde'), kvhs, { ...kvhs.schedule[0]!, kind: 'attendance' }, '2026-12-09');
    const ridden = rides(day.outbound);
    expect(ridden.map((leg) => leg.route)).toEqual(['620']);
    expect(ridden[0]!.toStopName).not.toBe('Haldensleben, ZOB');
    // The last walk is the short one from the stop beside the KVHS (174 m: 4 minutes).
    const walk = day.outbound!.legs[day.outbound!.legs.length - 1]!;
    expect(walk.mode).toBe('walk');
    expect(walk.arrival - walk.departure).toBeLessThanOrEqual(5 * 60);
    expect(day.outbound!.arrival).toBeLessThan(hm('07:00'));
  });

  it('Altenweddingen → Euroglas on Sunday 2026-12-13: alights at "Osterweddingen, Euroglas" 12:31, not at EDEKA 12:34', () => {
    const engine = new ReachabilityEngine(feeds);
    const euroglas = destination('Euroglas');
    const day = engine.assess(place('Altenweddingen'), euroglas, { startMinutes: 14 * 60, endMinutes: 22 * 60, kind: 'attendance' }, '2026-12-13');
    const last = rides(day.outbound).at(-1)!;
    expect(last.toStopName).toContain('Euroglas');
    expect(last.toStopName).not.toContain('EDEKA');
    expect(last.arrival).toBe(hm('12:31'));
  });

  it('Dreileben → Kita Bussi-Bär: no 95-minute wait at the roadside stop Bergen, L49', () => {
    const engine = new ReachabilityEngine(feeds);
    const kita = destination('Kita Bussi');
    const day = engine.assess(place('Dreileben'), kita, { ...kita.schedule[0]!, kind: 'opening-hours' }, '2026-12-09');
    const ridden = rides(day.outbound);
    expect(ridden.length).toBeGreaterThan(0);
    for (let i = 1; i < ridden.length; i++) expect(ridden[i]!.departure - ridden[i - 1]!.arrival).toBeLessThanOrEqual(45 * 60);
    expect(day.outbound!.arrival).toBe(hm('06:22'));
  });
});

describe('Kita chains obey the limits of a shift (item 1)', () => {
  const wanzleben = (): [Place, ReportDestination, ReportDestination] => [place('Wanzleben'), destination('Kita Bussi'), destination('KVHS Oschersleben')];

  it('Wanzleben → Kita Bussi-Bär → KVHS Oschersleben: no leg the evening before, none over max-journey, and the verdict says where it breaks', () => {
    const [home, kita, kvhs] = wanzleben();
    const engine = new ReachabilityEngine(feeds);
    const day = assessKitaChain(engine, home, kita, { openMinutes: 6 * 60, closeMinutes: 17 * 60 }, kvhs, kvhs.schedule[0]!, '2026-12-09');
    for (const leg of Object.values(day.legs)) {
      if (!leg) continue;
      expect(leg.departure).toBeGreaterThanOrEqual(0);
      expect(leg.arrival - leg.departure).toBeLessThanOrEqual(engine.limits.maxJourneySeconds);
    }
    expect(day.works).toBe(false);
    expect(['outbound-only', 'return-only', 'unreachable']).toContain(day.verdict);
    expect(day.breaksAt).toBe('home-to-kita');
    expect(day.legs.homeToKita).toBeNull();
    const homeReason = day.reasons.find((reason) => reason.leg === 'homeToKita');
    expect(homeReason).toBeDefined();
    expect(reasonText(homeReason!, 'de', engine.limits)).toMatch(/am Vorabend um \d\d:\d\d/);
    const text = renderChain({ from: home, to: kvhs, via: kita, slot: kvhs.schedule[0]!.label }, [day], 'de', engine.limits);
    expect(text).toContain('Grund: Wohnort → Kita: Der letzte Bus, der rechtzeitig ankommt, fährt schon am Vorabend um');
    expect(text).not.toContain('(-1)');
  });

  it('--max-journey 60 applies to every leg', () => {
    const [home, kita, kvhs] = wanzleben();
    const engine = new ReachabilityEngine(feeds, { limits: { maxJourneySeconds: 3600 } });
    for (const date of ['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11']) {
      const day = assessKitaChain(engine, home, kita, { openMinutes: 6 * 60, closeMinutes: 17 * 60 }, kvhs, kvhs.schedule[0]!, date);
      for (const leg of Object.values(day.legs)) if (leg) expect(leg.arrival - leg.departure).toBeLessThanOrEqual(3600);
      expect(day.verdict).not.toBe('reachable');
    }
  });

  it('gets the same verdict scale as a shift: long waits at the Kita or before the course make it long-wait, naming the leg', () => {
    const engine = new ReachabilityEngine(feeds, { limits: { maxWaitSeconds: 5 * 60 } });
    const kvhs = destination('KVHS Haldensleben');
    const kita = destination('Kita Max');
    const day = assessKitaChain(engine, place('Hundisburg'), kita, { openMinutes: 6 * 60, closeMinutes: 17 * 60 }, kvhs, kvhs.schedule[0]!, '2026-12-09');
    expect(day.verdict).toBe('long-wait');
    expect(day.reasons.length).toBeGreaterThan(0);
    for (const reason of day.reasons) expect(reason.leg).not.toBeNull();
  });
});

describe('reasons in plain words (item 10)', () => {
  it('Hundisburg → Hermes early shift: "Der letzte Bus … fährt schon am Vorabend um …", "Der erste Bus kommt erst … an"; in CSV cells too', () => {
    const engine = new ReachabilityEngine(feeds, { explain: true });
    const hermes = destination('Hermes');
    const day = engine.assess(place('Hundisburg'), hermes, { startMinutes: 360, endMinutes: 840 }, '2026-12-09');
    const texts = day.reasons.map((reason) => reasonText(reason, 'de', engine.limits));
    expect(texts.some((text) => /^Der letzte Bus, der rechtzeitig ankommt, fährt schon am Vorabend um \d\d:\d\d/.test(text))).toBe(true);
    expect(texts.some((text) => /^Der erste Bus kommt erst \d\d:\d\d an$/.test(text))).toBe(true);
    for (const text of texts) expect(text).not.toMatch(/Fahrt \(über|\d+ h \d+ min Fahrt/);
    const english = day.reasons.map((reason) => reasonText(reason, 'en', engine.limits));
    expect(english.some((text) => text.startsWith('The last bus that arrives in time leaves already the evening before at'))).toBe(true);
    const report = buildReport(feeds, [place('Hundisburg')], [{ ...hermes, schedule: [hermes.schedule[0]!] }], { days: { kind: 'dates', dates: ['2026-12-09'] } });
    const csv = renderReportCsv(report, { lang: 'de' });
    expect(csv).toContain('Der letzte Bus, der rechtzeitig ankommt, fährt schon am Vorabend um');
    expect(csv).not.toMatch(/h \d\d min Fahrt/);
  });
});

/**
 * Reads the journeys printed by `check` and checks that every time chain adds up: a walk of D
 * minutes from T ends at T + D, a ride leaves when the walk or change before it ends, the last
 * leg ends at the printed arrival, and the waiting before the start and after the end is the
 * difference of the printed times.
 */
function expectPrintedTimesAddUp(text: string): number {
  const clock = (t: string): number => {
    const match = /^(\d\d):(\d\d)(?: \(([+-]\d)\))?$/.exec(t.trim());
    if (!match) throw new Error(`not a time: ${t}`);
    return Number(match[1]) * 60 + Number(match[2]) + Number(match[3] ?? 0) * 1440;
  };
  const duration = (t: string): number => {
    const match = /^(?:(\d+) h )?(\d+) min$/.exec(t.trim());
    if (!match) throw new Error(`not a duration: ${t}`);
    return Number(match[1] ?? 0) * 60 + Number(match[2]);
  };
  const TIME = String.raw`\d\d:\d\d(?: \([+-]\d\))?`;
  const DUR = String.raw`(?:\d+ h )?\d+ min`;
  const head = new RegExp(String.raw`^  (?:hin|zurück|Wohnort → Kita|Kita → Ziel|Ziel → Kita|Kita → Wohnort): ab (${TIME}), an (${TIME})(?: \((${DUR}) (Wartezeit bis Beginn|Wartezeit nach Ende) (${TIME})\))?`);
  const walk = new RegExp(String.raw`^    (?:Fußweg|Rad) (${DUR}): `);
  const ride = new RegExp(String.raw`^    ab (${TIME}) .* — an (${TIME}) `);
  const change = new RegExp(String.raw`^    Umstieg, (${DUR})`);
  let checked = 0;
  let t: number | null = null;
  let arrival = 0;
  const close = (line: string): void => {
    if (t !== null) expect(t, `journey ending before: ${line}`).toBe(arrival);
    t = null;
  };
  for (const line of text.split('\n')) {
    const h = head.exec(line);
    if (h) {
      close(line);
      t = clock(h[1]!);
      arrival = clock(h[2]!);
      if (h[4] === 'Wartezeit bis Beginn') expect(clock(h[5]!) - arrival, line).toBe(duration(h[3]!));
      if (h[4] === 'Wartezeit nach Ende') expect(t - clock(h[5]!), line).toBe(duration(h[3]!));
      checked++;
      continue;
    }
    if (t === null) continue;
    const w = walk.exec(line);
    const r = ride.exec(line);
    const c = change.exec(line);
    if (w) t += duration(w[1]!);
    else if (c) t += duration(c[1]!);
    else if (r) {
      expect(clock(r[1]!), `${line} (expected to leave at the end of the line before)`).toBe(t);
      t = clock(r[2]!);
    } else close(line);
  }
  close('end');
  return checked;
}

/**
 * Every change of vehicle keeps the slack, and at least the transfers.txt minimum of its stop
 * pair (same platform or a walk between two); returns the number of changes checked.
 */
function expectChangesKeepTransfers(journey: Journey, slack: number, transfers: readonly Record<string, string | undefined>[]): number {
  const minimum = (from: string | null, to: string | null): number => {
    let seconds = 0;
    for (const row of transfers) {
      if (row.from_stop_id === from && row.to_stop_id === to && ['from_trip_id', 'to_trip_id', 'from_route_id', 'to_route_id'].every((name) => (row[name] ?? '') === '') && row.transfer_type === '2') {
        seconds = Math.max(seconds, Number(row.min_transfer_time));
      }
    }
    return seconds;
  };
  let checked = 0;
  let lastRide: RideLeg | undefined;
  let walkFrom: string | null = null;
  for (const leg of journey.legs) {
    if (leg.mode === 'walk') {
      if (lastRide) walkFrom = leg.fromStopId;
      continue;
    }
    if (lastRide) {
      const from = walkFrom ?? lastRide.toStopId;
      expect(leg.departure - lastRide.arrival, `change ${from} → ${leg.fromStopId} at ${lastRide.arrival}`).toBeGreaterThanOrEqual(Math.max(slack, minimum(from, leg.fromStopId)));
      checked++;
    }
    lastRide = leg;
    walkFrom = null;
  }
  return checked;
}

describe('printed minutes add up (item 9)', () => {
  it('every journey printed by check and by Kita chains, over many homes, destinations and a week; every change keeps transfers.txt and the slack', async () => {
    const transfers = (await readRawGtfs(BOERDEBUS)).transfers ?? [];
    const engine = new ReachabilityEngine(feeds, { explain: true });
    const homes = ['Wolmirstedt', 'Hundisburg', 'Calvörde', 'Altenweddingen', 'Dreileben', 'Wanzleben', 'Bebertal', 'Eilsleben'].map(place);
    let journeys = 0;
    let changes = 0;
    for (const home of homes) {
      for (const target of destinations) {
        const slot = target.schedule[0]!;
        const kind = target.category === 'childcare' ? 'opening-hours' : 'attendance';
        const days = ['2026-12-08', '2026-12-12', '2026-12-13'].map((date) => engine.assess(home, target, { ...slot, kind }, date));
        for (const day of days) for (const journey of [day.outbound, day.return]) if (journey) changes += expectChangesKeepTransfers(journey, engine.routing.transferSlackSeconds, transfers);
        const text = renderCheck({ from: home, to: target, slot: slot.label }, days, engine.limits, 'de');
        journeys += expectPrintedTimesAddUp(text);
      }
    }
    const kvhs = destination('KVHS Haldensleben');
    const kita = destination('Kita Max');
    for (const home of homes) {
      const day = assessKitaChain(engine, home, kita, { openMinutes: 360, closeMinutes: 1020 }, kvhs, kvhs.schedule[0]!, '2026-12-09');
      journeys += expectPrintedTimesAddUp(renderChain({ from: home, to: kvhs, via: kita, slot: kvhs.schedule[0]!.label }, [day], 'de', engine.limits));
    }
    expect(journeys).toBeGreaterThan(200);
    expect(changes).toBeGreaterThan(20);
  });

  it('K+S from Wolmirstedt: bus 05:28 plus 16 minutes on foot is "an 05:44"', () => {
    const engine = new ReachabilityEngine(feeds);
    const ks = destination('K+S');
    const day = engine.assess(place('Wolmirstedt'), ks, { startMinutes: 360, endMinutes: 840 }, '2026-12-07');
    const text = renderCheck({ from: place('Wolmirstedt'), to: ks, slot: 'Mo-Sa 06:00-14:00' }, [day], engine.limits, 'de');
    expectPrintedTimesAddUp(text);
    expect(text).not.toMatch(/Fußweg 0 min/);
  });
});

describe('homes and compare count what is real (items 4, 5)', () => {
  it('compare: a date pair whose later date has no slot day is "not assessed", neither lost nor gained', () => {
    // K+S early shift, Mo-Fr: Wolmirstedt gets there on Wednesday; Sunday is no day of the slot.
    const ks = destination('K+S');
    const some = ['Wolmirstedt', 'Zielitz', 'Barleben', 'Hundisburg'].map(place);
    const weekday = buildReport(feeds, some, [{ ...ks, schedule: [ks.schedule[0]!] }], { days: { kind: 'dates', dates: ['2026-12-09'] } });
    const sunday = buildReport(feeds, some, [{ ...ks, schedule: [ks.schedule[0]!] }], { days: { kind: 'dates', dates: ['2026-12-13'] } });
    expect(weekday.ortsteile.some((o) => o.results[0]!.days.some((d) => d.verdict === 'reachable'))).toBe(true);
    const comparison = compareReports(weekday, sunday, 'order');
    expect(comparison.changes).toEqual([]);
  });
});

describe('near stops', () => {
  it('names are the feed’s (guards the cases above against renamed stops)', () => {
    const names = new Set(feeds.stops.map((stop) => stop.name));
    expect([...names].some((name) => name.includes('Euroglas'))).toBe(true);
    expect(names.has('Bergen (Groß Rodensleben), L49')).toBe(true);
    const point: NamedPoint = place('Dreileben');
    expect(point.lat).toBeGreaterThan(52);
  });
});
