/**
 * The stop grid finds exactly the stops a scan over all stops finds (haversine distance ≤ radius):
 * on random stops anywhere on the globe (poles and the antimeridian included), with any cell size
 * (a bad one falls back to the default), and on the real stops of the five NASA feeds around
 * every Börde Ortsteil.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StopGrid } from '../../src/geo/stop-grid.js';
import { distanceMeters, type LatLon } from '../../src/geo/walk-model.js';
import { loadFeeds } from '../../src/feed/load-feeds.js';
import { ALL_FEEDS, repoRoot, sharedCacheDir } from '../helpers/paths.js';

function scan(stops: readonly LatLon[], point: LatLon, radius: number): number[] {
  const found: number[] = [];
  stops.forEach((stop, index) => {
    if (distanceMeters(point, stop) <= radius) found.push(index);
  });
  return found;
}

function query(grid: StopGrid, stops: readonly LatLon[], point: LatLon, radius: number): number[] {
  const found: number[] = [];
  let wrongMeters = 0;
  grid.within(point, radius, (index, meters) => {
    if (meters !== distanceMeters(point, stops[index]!)) wrongMeters++;
    found.push(index);
  });
  expect(wrongMeters).toBe(0);
  return found.sort((a, b) => a - b);
}

const lat = fc.double({ min: -90, max: 90, noNaN: true });
const lon = fc.double({ min: -180, max: 180, noNaN: true });

describe('StopGrid', () => {
  it('finds what a scan finds, anywhere and at any radius', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ lat, lon }), { maxLength: 60 }),
        fc.record({ lat, lon }),
        fc.oneof(fc.double({ min: 0, max: 5_000, noNaN: true }), fc.double({ min: 0, max: 3e6, noNaN: true })),
        (stops, point, radius) => {
          expect(query(new StopGrid(stops), stops, point, radius)).toEqual(scan(stops, point, radius));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('finds what a scan finds with any cell size, and nothing near a point without coordinates', () => {
    const cell = fc.oneof(fc.double({ min: 1e-7, max: 2, noNaN: true }), fc.constantFrom(0, -1, NaN, Infinity));
    fc.assert(
      fc.property(
        fc.array(fc.record({ lat: fc.double({ min: 52, max: 52.5, noNaN: true }), lon: fc.double({ min: 11, max: 11.8, noNaN: true }) }), { maxLength: 60 }),
        fc.record({ lat: fc.double({ min: 52, max: 52.5, noNaN: true }), lon: fc.double({ min: 11, max: 11.8, noNaN: true }) }),
        fc.double({ min: 0, max: 20_000, noNaN: true }),
        cell,
        (stops, point, radius, cellDegrees) => {
          const grid = new StopGrid(stops, cellDegrees);
          expect(query(grid, stops, point, radius)).toEqual(scan(stops, point, radius));
          expect(query(grid, stops, { lat: NaN, lon: point.lon }, radius)).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('finds what a scan finds among stops clustered around the point (cell edges, the radius exactly)', () => {
    fc.assert(
      fc.property(
        fc.record({ lat: fc.double({ min: -89.9, max: 89.9, noNaN: true }), lon: fc.double({ min: -179.9, max: 179.9, noNaN: true }) }),
        fc.array(fc.record({ dLat: fc.double({ min: -0.05, max: 0.05, noNaN: true }), dLon: fc.double({ min: -0.05, max: 0.05, noNaN: true }) }), { maxLength: 80 }),
        fc.double({ min: 0, max: 6_000, noNaN: true }),
        (point, offsets, radius) => {
          const stops = offsets.map(({ dLat, dLon }) => ({ lat: Math.max(-90, Math.min(90, point.lat + dLat)), lon: point.lon + dLon }));
          // One stop at exactly the radius: kept by both.
          if (stops.length > 0) radius = distanceMeters(point, stops[0]!);
          expect(query(new StopGrid(stops), stops, point, radius)).toEqual(scan(stops, point, radius));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('leaves out stops without finite coordinates', () => {
    const stops = [{ lat: NaN, lon: 11 }, { lat: 52.2, lon: 11.6 }, { lat: 52.2, lon: Infinity }];
    expect(query(new StopGrid(stops), stops, { lat: 52.2, lon: 11.6 }, 1000)).toEqual([1]);
  });

  it('finds what a scan finds on the five NASA feeds around every Börde Ortsteil (walk and bicycle radius)', async () => {
    const feeds = await loadFeeds(ALL_FEEDS, { cacheDir: sharedCacheDir });
    const grid = new StopGrid(feeds.stops);
    const lines = readFileSync(`${repoRoot}/data/ortsteile.csv`, 'utf8').trim().split('\n');
    const header = lines[0]!.split(',');
    const latAt = header.indexOf('lat');
    const lonAt = header.indexOf('lon');
    expect(latAt).toBeGreaterThanOrEqual(0);
    const places = lines.slice(1).map((line) => {
      const cells = line.split(',');
      return { lat: Number(cells[latAt]), lon: Number(cells[lonAt]) };
    });
    expect(places.length).toBeGreaterThan(200);
    let found = 0;
    for (const place of places) {
      for (const radius of [1000, 5000]) {
        const expected = scan(feeds.stops, place, radius);
        expect(query(grid, feeds.stops, place, radius)).toEqual(expected);
        found += expected.length;
      }
    }
    expect(found).toBeGreaterThan(1000);
  });
});
