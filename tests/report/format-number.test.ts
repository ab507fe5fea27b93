/**
 * `formatNumber` prints exactly what `toLocaleString('de-DE' | 'en-GB')` prints with the same
 * fraction digits (ICU's rounding of the shortest decimal form, half away from zero; grouping;
 * the sign of a negative number rounding to zero), property-tested over integers, halves at every
 * rounding position, decimals of all sizes and the edges.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatNumber } from '../../src/format-number.js';

const intl = (value: number, lang: 'de' | 'en', digits: number): string =>
  value.toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });

const numbers = fc.oneof(
  fc.integer({ min: -1e9, max: 1e9 }),
  fc.double({ min: -1e7, max: 1e7, noNaN: true }),
  fc.double({ min: -2, max: 2, noNaN: true }),
  // Halves at the rounding position: 0.5, 0.05, 12.25, 99.95, …
  fc.tuple(fc.integer({ min: -100_000, max: 100_000 }), fc.integer({ min: 0, max: 4 })).map(([n, shift]) => (n + 0.5) / 10 ** shift),
  fc.constantFrom(0, -0, 0.15, 1.005, 2.5, -2.5, -0.04, 999.95, 9.995, 1e20, 1.5e20, 1e21, 1e-7, 0.000001, NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER),
);

describe('formatNumber', () => {
  it('prints what toLocaleString prints', () => {
    fc.assert(
      fc.property(numbers, fc.constantFrom<'de' | 'en'>('de', 'en'), fc.integer({ min: 0, max: 3 }), (value, lang, digits) => {
        expect(formatNumber(value, lang, digits), `${value} ${lang} ${digits}`).toBe(intl(value, lang, digits));
      }),
      { numRuns: 20_000 },
    );
  });

  it('groups and rounds as the reports need', () => {
    expect(formatNumber(13_000 / 1000, 'de', 1)).toBe('13,0');
    expect(formatNumber(16_498, 'de')).toBe('16.498');
    expect(formatNumber(16_498, 'en')).toBe('16,498');
    expect(formatNumber(0.15, 'en', 1)).toBe('0.2');
    expect(formatNumber(0.005, 'de', 2)).toBe('0,01');
    expect(formatNumber(-0.04, 'de', 1)).toBe('-0,0');
  });
});
