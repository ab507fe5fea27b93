/**
 * Checks every hand-worked fixture answer (fixtures/gtfs/<case>/expected.json and README.md)
 * with the connection-scan oracle, and checks that each bad fixture (fixtures/gtfs-bad/<case>/)
 * really has the defect its `Expected error:` line describes, at that line, and no earlier one.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import StreamZip from 'node-stream-zip';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  buildConnections,
  csaActiveTrips,
  csaEarliestArrival,
  csaLatestDeparture,
  formatGtfsTime,
  gtfsDateNumber,
  parseGtfsTime,
  referenceTimeMs,
  type CsaNetwork,
  type CsaQueryOptions,
} from '../support/connection-scan.js';
import { readRawGtfs, type RawTables } from '../support/raw-gtfs.js';
import { writeStoredZip } from '../support/write-zip.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const GOOD = join(ROOT, 'fixtures', 'gtfs');
const BAD = join(ROOT, 'fixtures', 'gtfs-bad');

interface Query {
  date: string;
  from: string;
  to: string;
  departAt?: string;
  expectedArrival?: string | null;
  arriveBy?: string;
  expectedDeparture?: string | null;
  options?: CsaQueryOptions;
  departWall?: string;
  arriveWall?: string;
  arriveByWall?: string;
}

interface Expected {
  feeds: string[];
  activeTrips: Record<string, number>;
  tripInstances?: Record<string, number>;
  queries: Query[];
}

/** `H:MM:SS`, possibly negative (`-0:20:00`), to seconds. */
function seconds(value: string): number {
  return value.startsWith('-') ? -parseGtfsTime(value.slice(1)) : parseGtfsTime(value);
}

/** Wall clock `YYYY-MM-DD HH:MM CET|CEST` in Europe/Berlin of GTFS seconds relative to `date`. */
function wallClock(date: string, gtfsSeconds: number): string {
  const instant = referenceTimeMs(gtfsDateNumber(date), 'Europe/Berlin') + gtfsSeconds * 1000;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Berlin',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'longOffset',
  }).formatToParts(new Date(instant));
  const get = (type: string): string => parts.find((part) => part.type === type)?.value ?? '?';
  const zone = { 'GMT+01:00': 'CET', 'GMT+02:00': 'CEST' }[get('timeZoneName')] ?? get('timeZoneName');
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')} ${zone}`;
}

function time(value: number | null): string | null {
  return value === null ? null : formatGtfsTime(value);
}

/** Referential sanity of a good fixture, so that it fails for its own trap only. */
function checkReferences(caseName: string, tables: RawTables): void {
  const stopIds = new Set((tables.stops ?? []).map((row) => row.stop_id));
  const tripIds = new Set((tables.trips ?? []).map((row) => row.trip_id));
  const serviceIds = new Set([...(tables.calendar ?? []), ...(tables.calendar_dates ?? [])].map((row) => row.service_id));
  expect(tables.agency?.[0]?.agency_timezone, caseName).toBe('Europe/Berlin');
  for (const row of tables.trips ?? []) expect(serviceIds.has(row.service_id), `${caseName}: service ${row.service_id}`).toBe(true);
  for (const row of tables.stop_times ?? []) {
    expect(stopIds.has(row.stop_id), `${caseName}: stop ${row.stop_id}`).toBe(true);
    expect(tripIds.has(row.trip_id), `${caseName}: trip ${row.trip_id}`).toBe(true);
    expect(() => parseGtfsTime(row.arrival_time!), caseName).not.toThrow();
    expect(() => parseGtfsTime(row.departure_time!), caseName).not.toThrow();
  }
  for (const row of tables.transfers ?? []) {
    expect(stopIds.has(row.from_stop_id) && stopIds.has(row.to_stop_id), `${caseName}: transfer`).toBe(true);
  }
}

const goodCases = readdirSync(GOOD, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe('good fixtures agree with the oracle', () => {
  it('has all the cases the index lists', () => {
    expect(goodCases).toEqual([
      'after-midnight',
      'calendar-dates-only',
      'calendar-exceptions',
      'dst-autumn',
      'dst-spring',
      'frequencies',
      'initial-wait',
      'merged-colliding-ids',
      'missing-optional-files',
      'pickup-dropoff',
      'rail-wolmirstedt',
      'stop-sequence',
      'transfers',
      'unpadded-and-late-times',
    ]);
    const index = readFileSync(join(ROOT, 'fixtures', 'README.md'), 'utf8');
    for (const name of goodCases) expect(index).toContain(`(gtfs/${name}/README.md)`);
  });

  for (const caseName of goodCases) {
    it(caseName, async () => {
      const dir = join(GOOD, caseName);
      const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
      const readme = readFileSync(join(dir, 'README.md'), 'utf8').replaceAll('\u2212', '-');
      const feeds = await Promise.all(expected.feeds.map((feed) => readRawGtfs(join(dir, feed))));
      feeds.forEach((tables) => checkReferences(caseName, tables));
      const networks = new Map<string, CsaNetwork>();
      const networkFor = (date: string): CsaNetwork => {
        let net = networks.get(date);
        if (!net) networks.set(date, (net = buildConnections(feeds, date)));
        return net;
      };

      for (const [date, count] of Object.entries(expected.activeTrips)) {
        expect(csaActiveTrips(feeds, date), `${caseName} active trips ${date}`).toBe(count);
      }
      for (const [date, count] of Object.entries(expected.tripInstances ?? {})) {
        const day = String(gtfsDateNumber(date));
        const runs = networkFor(date).tripLabels.filter((label) => label.split('/')[2] === day).length;
        expect(runs, `${caseName} trip instances ${date}`).toBe(count);
      }

      for (const q of expected.queries) {
        const net = networkFor(q.date);
        const options = q.options ?? {};
        if (q.departAt !== undefined) {
          const label = `${caseName} ${q.date} ${q.from}→${q.to} depart ${q.departAt}`;
          const arrival = csaEarliestArrival(net, q.from, q.to, seconds(q.departAt), options);
          expect(time(arrival), label).toBe(q.expectedArrival);
          expect(readme, `${label}: README states the answer`).toContain(q.expectedArrival === null ? '**unreachable**' : `**${q.expectedArrival}**`);
          if (q.departWall) expect(wallClock(q.date, seconds(q.departAt)), label).toBe(q.departWall);
          if (q.arriveWall) expect(wallClock(q.date, arrival!), label).toBe(q.arriveWall);
        } else {
          const label = `${caseName} ${q.date} ${q.from}→${q.to} arrive by ${q.arriveBy}`;
          const arriveBy = seconds(q.arriveBy!);
          const departure = csaLatestDeparture(net, q.from, q.to, arriveBy, options);
          expect(time(departure), label).toBe(q.expectedDeparture);
          expect(readme, `${label}: README states the answer`).toContain(`**${q.expectedDeparture}**`);
          // Cross-check with the forward scan: leaving then arrives in time, one second later does not.
          expect(csaEarliestArrival(net, q.from, q.to, departure!, options)!, label).toBeLessThanOrEqual(arriveBy);
          const later = csaEarliestArrival(net, q.from, q.to, departure! + 1, options);
          if (later !== null) expect(later, label).toBeGreaterThan(arriveBy);
          if (q.departWall) expect(wallClock(q.date, departure!), label).toBe(q.departWall);
          if (q.arriveByWall) expect(wallClock(q.date, arriveBy), label).toBe(q.arriveByWall);
        }
      }
    });
  }
});

/** The `Expected error:` line of a bad fixture's README. */
function expectedError(caseName: string): string {
  const readme = readFileSync(join(BAD, caseName, 'README.md'), 'utf8');
  const line = readme.split('\n').find((text) => text.startsWith('Expected error: '));
  if (!line) throw new Error(`${caseName}: README has no "Expected error:" line`);
  return line.slice('Expected error: '.length).trim();
}

/** The records of a CSV file by line number (header = line 1), without any validation. */
function csvLines(path: string): string[][] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((text, i, all) => !(i === all.length - 1 && text === ''))
    .map((text) => (parse(text, { relax_column_count: true }) as string[][])[0] ?? []);
}

/** Problems of one stop_times row, checked independently of any production rule order. */
function stopTimeProblems(header: string[], record: string[], stops: Set<string>, trips: Set<string>): string[] {
  const problems: string[] = [];
  if (record.length !== header.length) return [`has ${record.length} fields, but the header has ${header.length}`];
  const value = (name: string): string => record[header.indexOf(name)] ?? '';
  if (!trips.has(value('trip_id'))) problems.push(`trip_id "${value('trip_id')}" is not in trips.txt`);
  for (const name of ['arrival_time', 'departure_time']) {
    if (!/^\d+:\d{2}:\d{2}$/.test(value(name))) problems.push(`${name} "${value(name)}" is not a time like H:MM:SS`);
  }
  if (!stops.has(value('stop_id'))) problems.push(`stop_id "${value('stop_id')}" is not in stops.txt`);
  if (!/^\d+$/.test(value('stop_sequence'))) problems.push(`stop_sequence "${value('stop_sequence')}" is not a whole number`);
  return problems;
}

describe('bad fixtures have exactly the defect their README names', () => {
  const badCases = readdirSync(BAD, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

  it('has all the cases the index lists', () => {
    expect(badCases).toEqual(['bad-time', 'empty-feed', 'empty-zip', 'malformed-row', 'missing-stop-times', 'not-gtfs', 'unknown-stop', 'unknown-trip']);
    const index = readFileSync(join(ROOT, 'fixtures', 'README.md'), 'utf8');
    for (const name of badCases) expect(index).toContain(`\`${expectedError(name)}\``);
  });

  for (const caseName of ['bad-time', 'malformed-row', 'unknown-stop', 'unknown-trip']) {
    it(`${caseName}: the first broken stop_times row is the one reported`, () => {
      const dir = join(BAD, caseName);
      const message = expectedError(caseName);
      const match = /^stop_times\.txt:(\d+): (.*)$/.exec(message);
      expect(match, message).not.toBeNull();
      const [, line, problem] = match!;
      const stops = new Set(csvLines(join(dir, 'stops.txt')).slice(1).map((record) => record[0]!));
      const trips = new Set(csvLines(join(dir, 'trips.txt')).slice(1).map((record) => record[2]!));
      const records = csvLines(join(dir, 'stop_times.txt'));
      const header = records[0]!;
      const firstBad = records.findIndex((record, i) => i > 0 && stopTimeProblems(header, record, stops, trips).length > 0);
      expect(firstBad + 1, message).toBe(Number(line));
      expect(stopTimeProblems(header, records[firstBad]!, stops, trips)[0], message).toBe(problem);
    });
  }

  it('missing-stop-times: stop_times.txt is absent, all other required files are there', () => {
    expect(expectedError('missing-stop-times')).toBe('stop_times.txt: missing (required file)');
    const dir = join(BAD, 'missing-stop-times');
    expect(existsSync(join(dir, 'stop_times.txt'))).toBe(false);
    for (const file of ['agency.txt', 'stops.txt', 'routes.txt', 'trips.txt', 'calendar.txt']) expect(existsSync(join(dir, file)), file).toBe(true);
  });

  it('empty-feed: trips.txt and stop_times.txt have only a header', async () => {
    expect(expectedError('empty-feed')).toBe('trips.txt: has no trips (empty feed)');
    const tables = await readRawGtfs(join(BAD, 'empty-feed'));
    expect(tables.trips).toEqual([]);
    expect(tables.stop_times).toEqual([]);
    expect(tables.stops!.length).toBeGreaterThan(0);
  });

  it('not-gtfs: a runtime zip with only hello.txt has none of the core files', async () => {
    expect(expectedError('not-gtfs')).toBe(
      'not-gtfs.zip: is not a GTFS feed: none of stops.txt, routes.txt, trips.txt, stop_times.txt found',
    );
    const dir = mkdtempSync(join(tmpdir(), 'erreichbar-not-gtfs-'));
    try {
      const path = join(dir, 'not-gtfs.zip');
      writeStoredZip(path, { 'hello.txt': 'hello\n' });
      const zip = new StreamZip.async({ file: path });
      try {
        expect(Object.keys(await zip.entries())).toEqual(['hello.txt']);
        expect((await zip.entryData('hello.txt')).toString('utf8')).toBe('hello\n');
      } finally {
        await zip.close();
      }
      const tables = await readRawGtfs(path);
      for (const core of ['stops', 'routes', 'trips', 'stop_times']) expect(tables[core]).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
