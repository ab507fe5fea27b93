/**
 * Real cases on the BördeBus (+ MVB) timetable, each worked out by hand from the raw
 * stop_times.txt / trips.txt / calendar files of the feed (the trips that serve the stop on the
 * service date, listed by time). The expected trips and times below are those rows.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFeeds, type FeedSet } from '../../src/feed/load-feeds.js';
import { ReachabilityEngine, type DayAssessment, type NamedPoint } from '../../src/analysis/reachability.js';
import type { Journey, RideLeg } from '../../src/router/journey.js';
import { formatClock } from '../../src/time/clock.js';
import { renderCheck } from '../../src/report/render-check.js';
import { DEFAULT_LIMITS } from '../../src/analysis/reachability-limits.js';
import { BOERDEBUS, MVB, sharedCacheDir } from '../helpers/paths.js';

let feeds: FeedSet;
beforeAll(async () => {
  feeds = await loadFeeds([BOERDEBUS, MVB], { cacheDir: sharedCacheDir });
});

const stopPoint = (name: string): NamedPoint => {
  const stop = feeds.stops.find((candidate) => candidate.name === name);
  if (!stop) throw new Error(`no stop ${name}`);
  return { name, lat: stop.lat, lon: stop.lon };
};

/** The rides of a journey as [route, tripId, from, departure, to, arrival]. */
function rides(journey: Journey | null): string[][] {
  return (journey?.legs ?? [])
    .filter((leg): leg is RideLeg => leg.mode === 'ride')
    .map((leg) => [leg.route, leg.tripId, leg.fromStopName, formatClock(leg.departure), leg.toStopName, formatClock(leg.arrival)]);
}

function assess(radius: number, home: NamedPoint, work: NamedPoint, start: string, end: string, date: string): DayAssessment {
  const minutes = (text: string): number => Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5));
  const engine = new ReachabilityEngine(feeds, { routing: { walkRadiusMeters: radius }, explain: true });
  return engine.assess(home, work, { startMinutes: minutes(start), endMinutes: minutes(end) }, date);
}

describe('K+S Zielitz early shift 06:00–14:00 from Wolmirstedt, Bahnhof (walking 300 m)', () => {
  // Zielitz, Schacht (de:15083:1501::01) on school Wednesday 2026-12-09 is served before 06:00
  // only by line 631 trip 92204153 (Wolmirstedt, Bahnhof (Bus) 4:54 → Zielitz, Schacht 5:03);
  // after 14:05 first by 631 trip 92204145 (Schacht 14:20 → Wolmirstedt, Bahnhof (Bus) 14:30).
  it('works on a school day, but with 57 minutes of waiting before the shift', () => {
    const day = assess(300, stopPoint('Wolmirstedt, Bahnhof (Bus)'), stopPoint('Zielitz, Schacht'), '06:00', '14:00', '2026-12-09');
    expect(rides(day.outbound)).toEqual([['631', '92204153', 'Wolmirstedt, Bahnhof (Bus)', '04:54:00', 'Zielitz, Schacht', '05:03:00']]);
    expect(rides(day.return)).toEqual([['631', '92204145', 'Zielitz, Schacht', '14:20:00', 'Wolmirstedt, Bahnhof (Bus)', '14:30:00']]);
    expect(day.waitBeforeSeconds).toBe(57 * 60);
    expect(day.waitAfterSeconds).toBe(20 * 60);
    expect(day.verdict).toBe('long-wait');
    expect(day.reasons).toEqual([{ code: 'wait-too-long', direction: 'outbound', waitSeconds: 57 * 60 }]);
  });

  // On Saturday 2026-12-12 the only trip at Zielitz, Schacht is 623 trip 92203463 at 14:36.
  it('has no bus to the early shift on Saturday: return only, and says when the first bus arrives', () => {
    const day = assess(300, stopPoint('Wolmirstedt, Bahnhof (Bus)'), stopPoint('Zielitz, Schacht'), '06:00', '14:00', '2026-12-12');
    expect(day.outbound).toBeNull();
    expect(rides(day.return)).toEqual([['623', '92203463', 'Zielitz, Schacht', '14:36:00', 'Wolmirstedt, Bahnhof (Bus)', '14:49:00']]);
    expect(day.verdict).toBe('return-only');
    expect(day.reasons).toContainEqual({ code: 'outbound-too-late', earliestArrival: 14 * 3600 + 36 * 60 });
  });
});

describe('KVHS Haldensleben morning course 08:00–12:00 from Hundisburg (walking 1,000 m)', () => {
  // Hundisburg (Haldensleben) on 2026-12-09: 636 trip 92204519 leaves 7:05 and is the latest
  // departure in time (later buses from Hundisburg — 600 at 7:25 towards Oschersleben, 600 at
  // 7:37 to the ZOB at 7:49, 15 minutes' walk — arrive after 07:55). Riding it to Süplinger Berg
  // (7:42) and walking 8 minutes arrives 7:50; leaving it at Rottmeisterstr. 7:17, walking to the
  // ZOB and taking 647 trip 92206037 (7:31 → Kreisvolkshochschule 7:35) arrives first: for the
  // latest departure, the earliest arrival.
  it('takes the 7:05 bus 636 and, for that departure, arrives first with the 647 at the KVHS stop', () => {
    const day = assess(1000, stopPoint('Hundisburg (Haldensleben)'), stopPoint('Haldensleben, Kreisvolkshochschule'), '08:00', '12:00', '2026-12-09');
    expect(rides(day.outbound)).toEqual([
      ['636', '92204519', 'Hundisburg (Haldensleben)', '07:05:00', 'Haldensleben, Rottmeisterstr.', '07:17:00'],
      ['647', '92206037', 'Haldensleben, ZOB', '07:31:00', 'Haldensleben, Kreisvolkshochschule', '07:35:00'],
    ]);
    expect(day.outbound!.arrival).toBe(7 * 3600 + 35 * 60);
    expect(day.return).not.toBeNull();
    expect(day.return!.departure).toBeGreaterThanOrEqual(12 * 3600 + 5 * 60);
  });
});

describe('Night shift 22:00–06:00 at Osterweddingen, Euroglas from Altenweddingen (walking 300 m)', () => {
  // 659 trip 92209072 leaves Altenweddingen, Breite Str. 20:07 and is at Euroglas 20:31, the
  // last arrival by 21:55 reachable from there; the next morning (Thursday 2026-12-10) 659 trip
  // 92209007 leaves Euroglas 6:19 and is at Altenweddingen, Breite Str. 6:38.
  it('goes out the evening before and returns the next morning with that day’s timetable', () => {
    const day = assess(300, stopPoint('Altenweddingen, Breite Str.'), stopPoint('Osterweddingen (Sülzetal), Euroglas'), '22:00', '06:00', '2026-12-09');
    expect(rides(day.outbound)).toEqual([['659', '92209072', 'Altenweddingen, Breite Str.', '20:07:00', 'Osterweddingen (Sülzetal), Euroglas', '20:31:00']]);
    expect(rides(day.return)).toEqual([['659', '92209007', 'Osterweddingen (Sülzetal), Euroglas', '30:19:00', 'Altenweddingen, Breite Str.', '30:38:00']]);
    const ride = day.return!.legs.find((leg): leg is RideLeg => leg.mode === 'ride')!;
    expect(ride.serviceDate).toBe('2026-12-10');
    expect(day.end).toBe(30 * 3600);
    expect(day.verdict).toBe('long-wait');
  });
});

describe('Hermes Haldensleben early shift 06:00–14:00 from Hundisburg (the integration office’s case)', () => {
  // On Wednesday 2026-11-25 the first bus from Hundisburg towards Haldensleben is 600 trip
  // 92198411: Hundisburg (Haldensleben), Alte Schule 5:40 → Haldensleben, ZOB 5:53. The only
  // bus that reaches the Hermes site (An der Drosselwiese) by 05:55 is 647 from the ZOB at 5:32 —
  // so the bus of the evening before would be needed: no usable connection, and the first
  // possible arrival is after 06:00.
  it('needs the bus of the evening before: no usable outbound, first arrival after the start', () => {
    const engine = new ReachabilityEngine(feeds, { explain: true });
    const hermes = { name: 'Hermes', lat: 52.282566, lon: 11.392258 };
    const home = stopPoint('Hundisburg (Haldensleben), Alte Schule');
    const day = engine.assess(home, hermes, { startMinutes: 360, endMinutes: 840 }, '2026-11-25');
    expect(day.outbound).toBeNull();
    expect(day.verdict).toBe('return-only');
    const tooLong = day.reasons.find((reason) => reason.code === 'journey-too-long');
    expect(tooLong).toMatchObject({ direction: 'outbound' });
    const late = day.reasons.find((reason) => reason.code === 'outbound-too-late') as { earliestArrival: number } | undefined;
    expect(late).toBeDefined();
    expect(late!.earliestArrival).toBeGreaterThan(6 * 3600);
    expect(late!.earliestArrival).toBeLessThan(6 * 3600 + 30 * 60);
  });
});

describe('bicycle as the second access mode', () => {
  // Hundisburg, Alte Schule → Hermes (Haldensleben, Süplinger Berg): 4.2 km straight line,
  // × 1.3 at 15 km/h = 22 minutes — within the 5 km cycling radius, so cycling all the way is
  // the answer that the early bus cannot give.
  it('makes the Hermes early shift reachable from Hundisburg', () => {
    const engine = new ReachabilityEngine(feeds, { homeAccess: 'bike' });
    const hermes = { name: 'Hermes', lat: 52.282566, lon: 11.392258 };
    const day = engine.assess(stopPoint('Hundisburg (Haldensleben), Alte Schule'), hermes, { startMinutes: 360, endMinutes: 840 }, '2026-11-25');
    expect(day.verdict).toBe('reachable');
    expect(day.outbound!.legs).toHaveLength(1);
    expect(day.outbound!.legs[0]).toMatchObject({ mode: 'walk', bike: true, fromStopName: 'Hundisburg (Haldensleben), Alte Schule', toStopName: 'Hermes' });
    expect(Math.round((day.outbound!.arrival - day.outbound!.departure) / 60)).toBe(22);
    expect(day.outbound!.arrival).toBe(6 * 3600 - 300);
    expect(day.return!.legs[0]).toMatchObject({ mode: 'walk', bike: true });
  });
});

describe('Night shift 22:00–06:00 over the end of summer time (Saturday 2026-10-24 → Sunday 2026-10-25)', () => {
  // The clocks go back from 03:00 CEST to 02:00 CET that night: 06:00 on Sunday is 31:00:00 of
  // Saturday's service day (25 h after Saturday's reference), and Sunday's trips are shifted by
  // 25 h. Line 601 trip 92198823 (service 12, a calendar_dates.txt row for 20261025) leaves
  // Haldensleben, Klingteich at 6:25:00 and is at Haldensleben II, An der Beber at 6:36:00 of
  // Sunday — 31:25:00 and 31:36:00 of Saturday's clock, 06:25 and 06:36 on the wall clock.
  it('takes the 06:25 bus on Sunday morning and prints it at 06:25, not 07:25', () => {
    const home = stopPoint('Haldensleben II, An der Beber');
    const day = assess(300, home, stopPoint('Haldensleben, Klingteich'), '22:00', '06:00', '2026-10-24');
    expect(day.end).toBe(31 * 3600);
    expect(rides(day.return)).toEqual([['601', '92198823', 'Haldensleben, Klingteich', '31:25:00', 'Haldensleben II, An der Beber', '31:36:00']]);
    const text = renderCheck({ from: home, to: { name: 'Klinik', lat: 0, lon: 0 }, slot: 'Sa 22:00-06:00' }, [day], DEFAULT_LIMITS, 'de');
    expect(text).toContain('Wartezeit nach Ende 06:00 (+1))');
    expect(text).toContain('ab 06:25 (+1) Haldensleben, Klingteich — Bus 601 Richtung Wolmirstedt Bahnhof — an 06:36 (+1) Haldensleben II, An der Beber');
    expect(text).not.toContain('07:25');
  });
});
