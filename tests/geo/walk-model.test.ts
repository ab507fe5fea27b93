import { describe, expect, it } from 'vitest';
import { DEFAULT_WALK_MODEL, distanceMeters, turfDistanceMeters, walkSecondsForDistance } from '../../src/geo/walk-model.js';

describe('the walking model', () => {
  it('measures straight-line distance like turf', async () => {
    const pairs = [
      [{ lat: 52.250481, lon: 11.634945 }, { lat: 52.299168, lon: 11.67288 }],
      [{ lat: 52.282566, lon: 11.392258 }, { lat: 52.286197, lon: 11.395356 }],
      [{ lat: 51.94, lon: 10.9 }, { lat: 52.57, lon: 11.85 }],
    ] as const;
    for (const [a, b] of pairs) expect(distanceMeters(a, b)).toBeCloseTo(await turfDistanceMeters(a, b), 3);
  });

  it('walks at 4.5 km/h with a detour factor of 1.3 up to 1,000 m, rounding up to whole seconds', () => {
    expect(walkSecondsForDistance(0, DEFAULT_WALK_MODEL)).toBe(0);
    expect(walkSecondsForDistance(500, DEFAULT_WALK_MODEL)).toBe(520);
    expect(walkSecondsForDistance(1000, DEFAULT_WALK_MODEL)).toBe(1040);
    expect(walkSecondsForDistance(1000.01, DEFAULT_WALK_MODEL)).toBeUndefined();
  });
});
