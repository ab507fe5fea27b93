/**
 * Sanity tests of the test oracle itself: hand-made feeds whose answers are obvious, and random
 * feeds on which the connection scan must agree with a brute-force fixpoint search and with its
 * own reverse scan (latest departure).
 */
import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  activeServiceIds,
  buildConnections,
  csaActiveTrips,
  csaEarliestArrival,
  csaLatestDeparture,
  formatGtfsTime,
  haversineMeters,
  parseGtfsTime,
  walkSecondsForMeters,
  type CsaNetwork,
  type CsaQueryOptions,
} from '../support/connection-scan.js';
import { readRawGtfs, type RawTables } from '../support/raw-gtfs.js';
import { mulberry32, randomFeed } from '../support/random-feed.js';
import { calendarRow, hms, tinyFeed, trip, tripOn } from '../support/tiny-feed.js';

const DATE = '2026-06-10'; // a Wednesday, no DST change nearby

function ea(net: CsaNetwork, from: string, to: string, depart: string, opts?: CsaQueryOptions): string | null {
  const result = csaEarliestArrival(net, from, to, hms(depart), opts);
  return result === null ? null : formatGtfsTime(result);
}

function ld(net: CsaNetwork, from: string, to: string, arriveBy: string, opts?: CsaQueryOptions): string | null {
  const result = csaLatestDeparture(net, from, to, hms(arriveBy), opts);
  return result === null ? null : formatGtfsTime(result);
}

describe('time helpers', () => {
  it('parses unpadded and late times', () => {
    expect(parseGtfsTime('6:13:00')).toBe(22380);
    expect(parseGtfsTime('06:13:00')).toBe(22380);
    expect(parseGtfsTime('24:30:00')).toBe(88200);
    expect(parseGtfsTime('25:05:00')).toBe(90300);
    expect(() => parseGtfsTime('25:6:00')).toThrow();
    expect(formatGtfsTime(106920)).toBe('29:42:00');
  });

  it('puts neighbouring service days 23 h / 25 h away across DST changes', () => {
    const springDay = buildConnections([], '2026-03-29');
    expect(springDay.previousDayOffsetSeconds).toBe(-82800);
    expect(springDay.nextDayOffsetSeconds).toBe(86400);
    const autumnDay = buildConnections([], '2026-10-25');
    expect(autumnDay.previousDayOffsetSeconds).toBe(-90000);
    expect(autumnDay.nextDayOffsetSeconds).toBe(86400);
    const dayBeforeSpring = buildConnections([], '2026-03-28');
    expect(dayBeforeSpring.nextDayOffsetSeconds).toBe(82800);
    const normal = buildConnections([], DATE);
    expect([normal.previousDayOffsetSeconds, normal.nextDayOffsetSeconds]).toEqual([-86400, 86400]);
  });

  it('haversine gives R × π / 180 for one degree of latitude', () => {
    expect(haversineMeters(52, 11, 53, 11)).toBeCloseTo(111195.08, 1);
    expect(walkSecondsForMeters(125)).toBe(130);
    expect(walkSecondsForMeters(125.001)).toBe(131);
  });
});

describe('service calendar', () => {
  const tables = tinyFeed({
    stops: ['A', 'B'],
    trips: [
      tripOn('wk', 't1', ['A', '8:00:00'], ['B', '8:10:00']),
      tripOn('cd', 't2', ['A', '9:00:00'], ['B', '9:10:00']),
    ],
    calendar: [calendarRow('wk', '1111100', '20260601', '20260630')],
    calendar_dates: [
      { service_id: 'wk', date: '20260610', exception_type: '2' },
      { service_id: 'wk', date: '20260613', exception_type: '1' },
      { service_id: 'cd', date: '20260610', exception_type: '1' },
      { service_id: 'cd', date: '20260611', exception_type: '1' },
      { service_id: 'cd', date: '20260611', exception_type: '2' },
    ],
  });

  it('applies weekday flags, additions and removals (removal wins)', () => {
    expect([...activeServiceIds(tables, 20260609)]).toEqual(['wk']);
    expect([...activeServiceIds(tables, 20260610)]).toEqual(['cd']);
    expect([...activeServiceIds(tables, 20260611)]).toEqual(['wk']);
    expect([...activeServiceIds(tables, 20260613)]).toEqual(['wk']); // a Saturday, added
    expect([...activeServiceIds(tables, 20260614)]).toEqual([]);
    expect([...activeServiceIds(tables, 20260701)]).toEqual([]); // after end_date
  });

  it('counts active trips per date', () => {
    expect(csaActiveTrips([tables], '2026-06-09')).toBe(1);
    expect(csaActiveTrips([tables], '2026-06-10')).toBe(1);
    expect(csaActiveTrips([tables], '2026-06-14')).toBe(0);
  });

  it('routes only on active trips', () => {
    const net = buildConnections([tables], '2026-06-10');
    expect(ea(net, 'A', 'B', '7:00:00')).toBe('9:10:00');
    expect(ea(buildConnections([tables], '2026-06-09'), 'A', 'B', '7:00:00')).toBe('8:10:00');
  });
});

describe('earliest arrival on hand-made feeds', () => {
  it('rides one trip, returns the departure for from == to, null when unreachable', () => {
    const net = buildConnections([tinyFeed({ stops: ['A', 'B', 'C'], trips: [trip('t', ['A', '8:00:00'], ['B', '8:10:00'], ['C', '8:20:00'])] })], DATE);
    expect(ea(net, 'A', 'C', '7:00:00')).toBe('8:20:00');
    expect(ea(net, 'A', 'C', '8:00:00')).toBe('8:20:00');
    expect(ea(net, 'A', 'C', '8:00:01')).toBe('32:20:00'); // tomorrow's trip (D+1 shifted by 24 h)
    expect(ea(net, 'C', 'A', '7:00:00')).toBeNull();
    expect(ea(net, 'A', 'A', '7:00:00')).toBe('7:00:00');
    expect(ea(net, 'A', 'nowhere', '7:00:00')).toBeNull();
  });

  it('needs slack between vehicles but not when staying seated or at the origin', () => {
    const net = buildConnections(
      [
        tinyFeed({
          stops: ['A', 'B', 'C', 'D'],
          trips: [
            trip('t1', ['A', '8:00:00'], ['B', '8:10:00']),
            trip('t2', ['B', '8:12:00'], ['C', '8:20:00']),
            trip('t3', ['B', '8:30:00'], ['C', '8:40:00']),
            trip('t4', ['A', '9:00:00'], ['B', ['9:10:00', '9:20:00']], ['D', '9:30:00']),
          ],
        }),
      ],
      DATE,
    );
    expect(ea(net, 'A', 'C', '7:00:00')).toBe('8:20:00');
    expect(ea(net, 'A', 'C', '7:00:00', { transferSlackSeconds: 120 })).toBe('8:20:00');
    expect(ea(net, 'A', 'C', '7:00:00', { transferSlackSeconds: 121 })).toBe('8:40:00');
    expect(ea(net, 'B', 'C', '8:12:00', { transferSlackSeconds: 600 })).toBe('8:20:00');
    // t4 dwells 10 min at B; staying seated needs no slack.
    expect(ea(net, 'A', 'D', '8:50:00', { transferSlackSeconds: 3600 })).toBe('9:30:00');
  });

  it('respects pickup_type and drop_off_type 1 but lets passengers ride through', () => {
    const net = buildConnections(
      [
        tinyFeed({
          stops: ['A', 'B', 'C', 'D'],
          trips: [
            trip('t1', ['A', '8:00:00'], ['B', '8:10:00', { noPickup: true, noDropOff: true }], ['C', '8:20:00', { noDropOff: true }], ['D', '8:30:00']),
          ],
        }),
      ],
      DATE,
    );
    expect(ea(net, 'A', 'D', '7:00:00')).toBe('8:30:00');
    expect(ea(net, 'A', 'B', '7:00:00')).toBeNull();
    expect(ea(net, 'A', 'C', '7:00:00')).toBeNull();
    expect(ea(net, 'B', 'D', '7:00:00')).toBeNull();
    expect(ea(net, 'C', 'D', '7:00:00')).toBe('8:30:00');
  });

  it('uses transfers.txt footpaths once, ignoring type 3, same-stop and trip-scoped rows', () => {
    const tables = tinyFeed({
      stops: ['A', 'B', 'B2', 'B3', 'C', 'E'],
      trips: [
        trip('t1', ['A', '8:00:00'], ['B', '8:10:00']),
        trip('t2', ['B2', '8:15:00'], ['C', '8:30:00']),
        trip('t3', ['B2', '8:20:00'], ['E', '8:40:00']),
        trip('t4', ['B3', '8:10:00'], ['C', '8:11:00']),
      ],
      transfers: [
        { from_stop_id: 'B', to_stop_id: 'B2', transfer_type: '2', min_transfer_time: '300' },
        { from_stop_id: 'B', to_stop_id: 'B3', transfer_type: '3', min_transfer_time: '' },
        { from_stop_id: 'B', to_stop_id: 'B', transfer_type: '2', min_transfer_time: '900' },
        { from_stop_id: 'B', to_stop_id: 'C', transfer_type: '1', min_transfer_time: '', from_trip_id: 't1', to_trip_id: 't2' },
        { from_stop_id: 'A', to_stop_id: 'B3', transfer_type: '0', min_transfer_time: '' },
        { from_stop_id: 'B2', to_stop_id: 'E', transfer_type: '0', min_transfer_time: '60' },
      ],
    });
    const net = buildConnections([tables], DATE);
    expect(ea(net, 'A', 'C', '7:00:00')).toBeNull(); // footpaths are off by default
    expect(ea(net, 'A', 'C', '7:00:00', { useTransfersTxt: true })).toBe('8:11:00'); // walk A→B3 (0 s) at the origin, t4
    expect(ea(net, 'A', 'C', '8:10:01', { useTransfersTxt: true })).toBe('32:11:00'); // tomorrow's walk + t4
    expect(ea(net, 'B', 'C', '8:10:00', { useTransfersTxt: true })).toBe('8:30:00'); // walk B→B2 300 s, t2
    expect(ea(net, 'A', 'B2', '7:40:00', { useTransfersTxt: true })).toBe('8:15:00'); // t1 then walk 300 s
    // Not chained: A→B (t1), walk to B2 (8:15), but not on to E on foot (would be 8:16).
    expect(ea(net, 'A', 'E', '7:40:00', { useTransfersTxt: true, transferSlackSeconds: 300 })).toBe('8:40:00');
  });

  it('a change with a walk takes at least the slack; the walk at the origin and to the destination do not', () => {
    // B and B2 share coordinates: the generated walk is 0 s, the feed asks 240 s for B→B2 only.
    const tables = tinyFeed({
      stops: [
        ['A', 52.0, 11.0],
        ['B', 52.1, 11.0],
        ['B2', 52.1, 11.0],
        ['C', 52.2, 11.0],
      ],
      trips: [
        trip('t1', ['A', '8:00:00'], ['B', '8:10:00']),
        trip('t2', ['B2', '8:11:00'], ['C', '8:30:00']),
        trip('t3', ['B2', '8:12:00'], ['C', '8:35:00']),
        trip('t4', ['B2', '8:14:00'], ['C', '8:40:00']),
        trip('t5', ['B', '8:13:00'], ['C', '8:45:00']),
        trip('t6', ['C', '9:00:00'], ['B', '9:10:00']),
      ],
      transfers: [{ from_stop_id: 'B', to_stop_id: 'B2', transfer_type: '2', min_transfer_time: '240' }],
    });
    const net = buildConnections([tables], DATE);
    expect(ea(net, 'A', 'C', '7:00:00', { walkRadiusMeters: 100 })).toBe('8:30:00'); // 0 s walk, no slack
    expect(ea(net, 'A', 'C', '7:00:00', { walkRadiusMeters: 100, transferSlackSeconds: 120 })).toBe('8:35:00'); // walk 0 s, but 120 s to change
    expect(ea(net, 'A', 'C', '7:00:00', { walkRadiusMeters: 100, transferSlackSeconds: 120, useTransfersTxt: true })).toBe('8:40:00'); // feed's 240 s
    expect(ea(net, 'A', 'B2', '7:00:00', { walkRadiusMeters: 100, transferSlackSeconds: 600 })).toBe('8:10:00'); // arriving on foot: no slack
    expect(ea(net, 'B', 'C', '8:11:00', { walkRadiusMeters: 100, transferSlackSeconds: 600 })).toBe('8:30:00'); // origin walk: no slack
    // The same rules backwards: latest departure from A to reach C by 8:35 / 8:40.
    expect(ld(net, 'A', 'C', '8:34:59', { walkRadiusMeters: 100, transferSlackSeconds: 120 })).toBe('-16:00:00'); // t3 missed at B2, t5 too slow: yesterday's t1
    expect(ld(net, 'A', 'C', '8:35:00', { walkRadiusMeters: 100, transferSlackSeconds: 120 })).toBe('8:00:00');
    expect(ld(net, 'A', 'C', '8:39:59', { walkRadiusMeters: 100, transferSlackSeconds: 120, useTransfersTxt: true })).toBe('-16:00:00');
    expect(ld(net, 'C', 'B2', '9:10:00', { walkRadiusMeters: 100, transferSlackSeconds: 600 })).toBe('9:00:00'); // walk to the destination: no slack
  });

  it('generates walks within the radius; a transfers.txt row is the minimum for its pair', () => {
    // B and B2 are ~111.19 m apart (0.001° of latitude): walk = ceil(111.19 × 1.3 / 1.25) = 116 s.
    const tables = tinyFeed({
      stops: [
        ['A', 52.0, 11.0],
        ['B', 52.1, 11.0],
        ['B2', 52.101, 11.0],
        ['C', 52.2, 11.0],
      ],
      trips: [trip('t1', ['A', '8:00:00'], ['B', '8:10:00']), trip('t2', ['B2', '8:11:56'], ['C', '8:30:00']), trip('t3', ['B2', '8:20:00'], ['C', '8:35:00'])],
      transfers: [{ from_stop_id: 'B', to_stop_id: 'B2', transfer_type: '2', min_transfer_time: '600' }],
    });
    const net = buildConnections([tables], DATE);
    const meters = haversineMeters(52.1, 11.0, 52.101, 11.0);
    expect(walkSecondsForMeters(meters)).toBe(116);
    expect(ea(net, 'A', 'C', '7:00:00', { walkRadiusMeters: 111 })).toBeNull();
    expect(ea(net, 'A', 'C', '7:00:00', { walkRadiusMeters: 112 })).toBe('8:30:00');
    expect(ea(net, 'A', 'C', '7:00:00', { useTransfersTxt: true })).toBe('8:35:00'); // 600 s: misses t2
    // The feed's 600 s for B→B2 wins over the generated 116 s walk.
    expect(ea(net, 'A', 'C', '7:00:00', { useTransfersTxt: true, walkRadiusMeters: 500 })).toBe('8:35:00');
    // A walk-only journey from the origin counts.
    expect(ea(net, 'B', 'B2', '7:00:00', { walkRadiusMeters: 500 })).toBe('7:01:56');
  });

  it('limits the number of transfers', () => {
    const net = buildConnections(
      [
        tinyFeed({
          stops: ['A', 'B', 'C', 'D'],
          trips: [
            trip('t1', ['A', '8:00:00'], ['B', '8:10:00']),
            trip('t2', ['B', '8:15:00'], ['C', '8:25:00']),
            trip('t3', ['C', '8:30:00'], ['D', '8:40:00']),
            trip('t4', ['A', '8:05:00'], ['C', '8:50:00']),
            trip('t5', ['C', '8:55:00'], ['D', '9:40:00']),
            trip('slow', ['A', '7:00:00'], ['D', '11:00:00']),
          ],
        }),
      ],
      DATE,
    );
    expect(ea(net, 'A', 'D', '6:00:00')).toBe('8:40:00');
    expect(ea(net, 'A', 'D', '6:00:00', { maxTransfers: 2 })).toBe('8:40:00');
    expect(ea(net, 'A', 'D', '6:00:00', { maxTransfers: 1 })).toBe('9:40:00'); // t4 + t5
    expect(ea(net, 'A', 'D', '6:00:00', { maxTransfers: 0 })).toBe('11:00:00'); // slow
    expect(ld(net, 'A', 'D', '9:40:00', { maxTransfers: 1 })).toBe('8:05:00');
    expect(ld(net, 'A', 'D', '9:40:00', { maxTransfers: 0 })).toBe('-17:00:00'); // yesterday's slow trip
  });

  it('handles chains of zero-duration rides across trips in one departure group', () => {
    const net = buildConnections(
      [
        tinyFeed({
          stops: ['A', 'B', 'C', 'D'],
          trips: [trip('z3', ['C', '8:00:00'], ['D', '8:00:00']), trip('z2', ['B', '8:00:00'], ['C', '8:00:00']), trip('z1', ['A', '8:00:00'], ['B', '8:00:00'])],
        }),
      ],
      DATE,
    );
    expect(ea(net, 'A', 'D', '8:00:00')).toBe('8:00:00');
    expect(ea(net, 'A', 'D', '8:00:00', { transferSlackSeconds: 1 })).toBeNull(); // every day alike
    expect(ld(net, 'A', 'D', '8:00:00')).toBe('8:00:00');
  });

  it('never rides a trip backwards, even within one group of equal departure times', () => {
    const net = buildConnections(
      [tinyFeed({ stops: ['X', 'Y', 'A', 'B'], trips: [trip('z', ['X', '8:00:00'], ['Y', '8:00:00'], ['A', '8:00:00'], ['B', '8:10:00'])] })],
      DATE,
    );
    expect(ea(net, 'A', 'Y', '7:00:00')).toBeNull();
    expect(ea(net, 'A', 'B', '7:00:00')).toBe('8:10:00');
    expect(ea(net, 'X', 'A', '7:00:00')).toBe('8:00:00');
    expect(ld(net, 'Y', 'X', '23:00:00')).toBeNull();
    expect(ld(net, 'X', 'B', '23:00:00')).toBe('8:00:00');
  });

  it('uses trips of the previous and the next service day', () => {
    const tables = tinyFeed({
      stops: ['A', 'B'],
      trips: [tripOn('wed', 'late', ['A', '24:30:00'], ['B', '25:05:00']), tripOn('thu', 'morning', ['A', '5:30:00'], ['B', '5:42:00'])],
      calendar: [calendarRow('wed', '0010000', '20260601', '20260630'), calendarRow('thu', '0001000', '20260601', '20260630')],
    });
    // Thursday 2026-06-11 early: Wednesday's trip runs at 0:30–1:05 Thursday.
    expect(ea(buildConnections([tables], '2026-06-11'), 'A', 'B', '0:00:00')).toBe('1:05:00');
    // Wednesday 2026-06-10 late: its own 24:30 trip, then Thursday's 5:30 trip (29:42 relative to Wednesday).
    const wed = buildConnections([tables], '2026-06-10');
    expect(ea(wed, 'A', 'B', '23:00:00')).toBe('25:05:00');
    expect(ea(wed, 'A', 'B', '24:31:00')).toBe('29:42:00');
    expect(ld(wed, 'A', 'B', '29:42:00')).toBe('29:30:00');
    expect(ld(wed, 'A', 'B', '29:41:59')).toBe('24:30:00');
  });

  it('expands frequencies into trips from start_time while < end_time', () => {
    const tables = tinyFeed({
      stops: ['A', 'B'],
      trips: [trip('f', ['A', '0:00:00'], ['B', '0:07:00'])],
      frequencies: [
        { trip_id: 'f', start_time: '6:00:00', end_time: '7:00:00', headway_secs: '1200', exact_times: '1' },
        { trip_id: 'f', start_time: '20:00:00', end_time: '20:30:00', headway_secs: '900', exact_times: '0' },
      ],
    });
    const net = buildConnections([tables], DATE);
    expect(ea(net, 'A', 'B', '6:00:01')).toBe('6:27:00');
    expect(ea(net, 'A', 'B', '6:40:01')).toBe('20:07:00'); // no 7:00 trip: end_time is exclusive
    expect(ea(net, 'A', 'B', '20:15:01')).toBe('30:07:00'); // tomorrow 6:00 (+24 h)
    expect(ea(net, 'A', 'B', '-5:00:00')).toBe('-3:53:00'); // yesterday's 20:00 trip is −4:00 today
    expect(csaActiveTrips([tables], DATE)).toBe(1); // counted once per trip_id
  });

  it('merges feeds by stop_id and keeps other ids per feed', () => {
    const feedA = tinyFeed({
      stops: ['A', 'X'],
      trips: [tripOn('1', '1', ['A', '8:00:00'], ['X', '8:10:00'])],
      calendar: [calendarRow('1', '0010000', '20260601', '20260630')], // Wednesdays
    });
    const feedB = tinyFeed({
      stops: ['X', 'Z'],
      trips: [tripOn('1', '1', ['X', '8:20:00'], ['Z', '8:30:00'])],
      calendar: [calendarRow('1', '0001000', '20260601', '20260630')], // Thursdays
    });
    const wed = buildConnections([feedA, feedB], '2026-06-10');
    expect(ea(wed, 'A', 'Z', '7:00:00')).toBe('32:30:00'); // X at 8:10 Wed, B's trip 1 runs Thursday
    expect(csaActiveTrips([feedA, feedB], '2026-06-10')).toBe(1);
    expect(csaActiveTrips([feedA, feedB], '2026-06-11')).toBe(1);
  });

  it('answers latest-departure queries consistently with earliest arrival', () => {
    const net = buildConnections(
      [
        tinyFeed({
          stops: ['A', 'B', 'C'],
          trips: [
            trip('t1', ['A', '8:00:00'], ['B', '8:10:00']),
            trip('t2', ['B', '8:12:00'], ['C', '8:20:00']),
            trip('t3', ['A', '8:05:00'], ['C', '8:45:00']),
          ],
        }),
      ],
      DATE,
    );
    expect(ld(net, 'A', 'C', '8:20:00')).toBe('8:00:00');
    expect(ld(net, 'A', 'C', '8:20:00', { transferSlackSeconds: 180 })).toBe('-15:55:00'); // yesterday's t3 (8:05 − 24 h)
    expect(ld(net, 'A', 'C', '8:45:00', { transferSlackSeconds: 180 })).toBe('8:05:00');
    expect(ld(net, 'A', 'C', '8:19:59')).toBe('-15:55:00');
    expect(ld(net, 'A', 'A', '8:00:00')).toBe('8:00:00');
    expect(ld(net, 'C', 'A', '8:00:00')).toBeNull();
  });
});

/**
 * A deliberately naive earliest-arrival search: repeat "board, ride, alight, walk" over all
 * connections in reverse order until nothing changes. Labels count rides exactly (0..N+1), unlike
 * the oracle's "at most" labels; with unlimited transfers rides are not counted. Footpaths are
 * computed here from the raw tables, independently of the oracle.
 */
function bruteEarliestArrival(net: CsaNetwork, feeds: RawTables[], from: string, to: string, depart: number, opts: CsaQueryOptions): number | null {
  if (from === to) return depart;
  const origin = net.stopIndex.get(from)!;
  const target = net.stopIndex.get(to)!;
  const n = net.stopIds.length;
  const slack = opts.transferSlackSeconds ?? 0;
  const radius = opts.walkRadiusMeters ?? 0;
  const generated: { from: number; to: number; seconds: number }[] = [];
  const feedRows: { from: number; to: number; seconds: number }[] = [];
  if (opts.useTransfersTxt) {
    for (const tables of feeds) {
      for (const row of tables.transfers ?? []) {
        const scoped = !!(row.from_trip_id || row.to_trip_id || row.from_route_id || row.to_route_id);
        if (scoped || row.from_stop_id === row.to_stop_id || (row.transfer_type ?? '') === '3') continue;
        feedRows.push({ from: net.stopIndex.get(row.from_stop_id!)!, to: net.stopIndex.get(row.to_stop_id!)!, seconds: Number(row.min_transfer_time || 0) });
      }
    }
  }
  if (radius > 0) {
    const seen = new Set<string>();
    const coords: [number, number, number][] = [];
    for (const tables of feeds) {
      for (const row of tables.stops ?? []) {
        if (seen.has(row.stop_id!)) continue;
        seen.add(row.stop_id!);
        if (row.location_type === '' || row.location_type === '0' || row.location_type === undefined) {
          coords.push([net.stopIndex.get(row.stop_id!)!, Number(row.stop_lat), Number(row.stop_lon)]);
        }
      }
    }
    for (const [a, latA, lonA] of coords) {
      for (const [b, latB, lonB] of coords) {
        const meters = haversineMeters(latA, lonA, latB, lonB);
        if (a !== b && meters <= radius) generated.push({ from: a, to: b, seconds: walkSecondsForMeters(meters) });
      }
    }
  }
  // One walk per pair: the shortest generated walk, but never below any feed row of the pair.
  const pairSeconds = new Map<string, { from: number; to: number; seconds: number }>();
  for (const g of generated) {
    const known = pairSeconds.get(`${g.from},${g.to}`);
    if (!known || g.seconds < known.seconds) pairSeconds.set(`${g.from},${g.to}`, { ...g });
  }
  for (const r of feedRows) {
    const known = pairSeconds.get(`${r.from},${r.to}`);
    pairSeconds.set(`${r.from},${r.to}`, { ...r, seconds: Math.max(r.seconds, known?.seconds ?? 0) });
  }
  const walks = [...pairSeconds.values()];
  const levels = opts.maxTransfers === undefined ? 1 : opts.maxTransfers + 2;
  const unlimited = opts.maxTransfers === undefined;
  const previous = new Int32Array(net.connectionCount).fill(-1);
  const lastOfTrip = new Map<number, number>();
  for (let c = 0; c < net.connectionCount; c++) {
    const before = lastOfTrip.get(net.trip[c]!);
    if (before !== undefined) {
      if (net.arrStop[before] !== net.depStop[c]) throw new Error(`trip ${net.tripLabels[net.trip[c]!]} is not a chain`);
      previous[c] = before;
    }
    lastOfTrip.set(net.trip[c]!, c);
  }
  const vehicle = Array.from({ length: levels }, () => new Array<number>(n).fill(Infinity));
  const onTrip = Array.from({ length: levels }, () => new Array<boolean>(net.connectionCount).fill(false));
  const walksInto = Array.from({ length: n }, (_, stop) => walks.filter((w) => w.to === stop));
  const readyAt = (level: number, stop: number): number => {
    let best = vehicle[level]![stop]! + slack;
    if (level === 0 && stop === origin) best = Math.min(best, depart);
    for (const w of walksInto[stop]!) {
      best = Math.min(best, vehicle[level]![w.from]! + Math.max(w.seconds, slack)); // a change: at least the slack
      if (level === 0 && w.from === origin) best = Math.min(best, depart + w.seconds);
    }
    return best;
  };
  let changed = true;
  while (changed) {
    changed = false;
    for (let c = net.connectionCount - 1; c >= 0; c--) {
      for (let level = unlimited ? 0 : 1; level < levels; level++) {
        const boardLevel = unlimited ? 0 : level - 1;
        const ok =
          (previous[c]! >= 0 && onTrip[level]![previous[c]!]!) ||
          (net.canBoard[c] === 1 && net.dep[c]! >= depart && readyAt(boardLevel, net.depStop[c]!) <= net.dep[c]!);
        if (ok && !onTrip[level]![c]) {
          onTrip[level]![c] = true;
          changed = true;
        }
        if (onTrip[level]![c] && net.canAlight[c] === 1 && net.arr[c]! < vehicle[level]![net.arrStop[c]!]!) {
          vehicle[level]![net.arrStop[c]!] = net.arr[c]!;
          changed = true;
        }
      }
    }
  }
  let best = Infinity;
  for (let level = 0; level < levels; level++) {
    best = Math.min(best, vehicle[level]![target]!);
    for (const w of walksInto[target]!) {
      best = Math.min(best, vehicle[level]![w.from]! + w.seconds);
      if (level === 0 && w.from === origin) best = Math.min(best, depart + w.seconds);
    }
  }
  return best === Infinity ? null : best;
}

describe('random feeds', () => {
  it('reads back what the generator wrote', async () => {
    const feed = randomFeed(7, { frequencies: true, transfers: true });
    try {
      expect(await readRawGtfs(feed.dir)).toEqual(feed.tables);
      expect(feed.tables.calendar!.some((row) => row.service_id === 'S')).toBe(false);
      expect(feed.tables.calendar_dates!.some((row) => row.service_id === 'S')).toBe(true);
    } finally {
      rmSync(feed.dir, { recursive: true, force: true });
    }
  });

  it('contains the traps it promises', () => {
    let overtaking = 0;
    let late = 0;
    let unpadded = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const feed = randomFeed(seed);
      rmSync(feed.dir, { recursive: true, force: true });
      const stopTimes = feed.tables.stop_times!;
      late += stopTimes.filter((row) => parseGtfsTime(row.departure_time!) >= 24 * 3600).length;
      unpadded += stopTimes.filter((row) => /^\d:/.test(row.departure_time!)).length;
      // Overtaking: on one route, trip a leaves the first stop before trip b but arrives at the last stop after it.
      const ends = new Map<string, { route: string; first: number; last: number }>();
      for (const trip of feed.tables.trips!) {
        const rows = stopTimes.filter((row) => row.trip_id === trip.trip_id).sort((x, y) => Number(x.stop_sequence) - Number(y.stop_sequence));
        ends.set(trip.trip_id!, { route: trip.route_id!, first: parseGtfsTime(rows[0]!.departure_time!), last: parseGtfsTime(rows.at(-1)!.arrival_time!) });
      }
      for (const a of ends.values()) {
        for (const b of ends.values()) if (a.route === b.route && a.first < b.first && a.last > b.last) overtaking++;
      }
    }
    expect(overtaking).toBeGreaterThan(0);
    expect(late).toBeGreaterThan(0);
    expect(unpadded).toBeGreaterThan(0);
  });

  it('agrees with a brute-force search and with its own reverse scan', async () => {
    let compared = 0;
    let reached = 0;
    for (let seed = 1; seed <= 100; seed++) {
      const feed = randomFeed(seed, { stops: 16, routes: 6, tripsPerRoute: 8 });
      const feeds = [await readRawGtfs(feed.dir)];
      rmSync(feed.dir, { recursive: true, force: true });
      const random = mulberry32(seed * 7919);
      const date = feed.dates[Math.floor(random() * feed.dates.length)]!;
      const net = buildConnections(feeds, date);
      for (let q = 0; q < 12; q++) {
        const from = feed.stopIds[Math.floor(random() * feed.stopIds.length)]!;
        const to = feed.stopIds[Math.floor(random() * feed.stopIds.length)]!;
        const depart = Math.floor(random() * 30 * 3600) - 2 * 3600;
        const opts: CsaQueryOptions = {
          transferSlackSeconds: [0, 0, 60, 120, 300][Math.floor(random() * 5)]!,
          useTransfersTxt: random() < 0.5,
          walkRadiusMeters: [0, 0, 200, 400][Math.floor(random() * 4)]!,
          ...(random() < 0.3 ? { maxTransfers: Math.floor(random() * 3) } : {}),
        };
        const label = `seed ${seed} ${date} ${from}→${to} ${formatGtfsTime(depart)} ${JSON.stringify(opts)}`;
        const fast = csaEarliestArrival(net, from, to, depart, opts);
        expect(fast, label).toBe(bruteEarliestArrival(net, feeds, from, to, depart, opts));
        compared++;
        if (fast === null) continue;
        reached++;
        // The latest departure that still arrives by `fast` is ≥ depart, and one second later is too late.
        const latest = csaLatestDeparture(net, from, to, fast, opts);
        expect(latest, label).not.toBeNull();
        expect(latest!, label).toBeGreaterThanOrEqual(depart);
        expect(csaEarliestArrival(net, from, to, latest!, opts), label).toBeLessThanOrEqual(fast);
        const after = csaEarliestArrival(net, from, to, latest! + 1, opts);
        if (after !== null) expect(after, label).toBeGreaterThan(fast);
        // And for an arrive-by one minute earlier: either nothing, or a consistent answer.
        const earlier = csaLatestDeparture(net, from, to, fast - 60, opts);
        if (earlier === null) {
          const fromStart = csaEarliestArrival(net, from, to, -200000, opts);
          if (fromStart !== null) expect(fromStart, label).toBeGreaterThan(fast - 60);
        } else {
          expect(csaEarliestArrival(net, from, to, earlier, opts)!, label).toBeLessThanOrEqual(fast - 60);
          const later = csaEarliestArrival(net, from, to, earlier + 1, opts);
          if (later !== null) expect(later, label).toBeGreaterThan(fast - 60);
        }
      }
    }
    console.log(`random feeds: ${compared} queries compared with brute force, ${reached} reachable`);
    expect(reached).toBeGreaterThan(compared / 4);
  });
});
