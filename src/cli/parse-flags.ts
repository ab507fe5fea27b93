/**
 * Parsers for flag values; each throws a {@link UsageError} that names the flag, the value and
 * what was expected.
 *
 * Every numeric flag goes through {@link parseWholeNumber}, which applies the flag's documented
 * range from {@link NUMERIC_FLAG_RANGES} (README, "Limits"), so no flag can ask for unbounded work.
 */
import { UsageError } from '../errors.js';
import { parseClock, requireIsoDate } from '../time/clock.js';

/** Allowed range of each numeric flag (inclusive), with its unit for messages. */
export const NUMERIC_FLAG_RANGES: Readonly<Record<string, { min: number; max: number; unit?: string }>> = {
  '--walk-radius': { min: 0, max: 5000, unit: 'm' },
  '--transfer-slack': { min: 0, max: 3600, unit: 's' },
  '--max-transfers': { min: 0, max: 15 },
  '--buffer': { min: 0, max: 240, unit: 'min' },
  '--max-early': { min: 0, max: 1440, unit: 'min' },
  '--max-late': { min: 0, max: 1440, unit: 'min' },
  '--max-travel': { min: 0, max: 1440, unit: 'min' },
  '--max-wait': { min: 0, max: 1440, unit: 'min' },
  '--max-journey': { min: 0, max: 1440, unit: 'min' },
  '--limit': { min: 1, max: 1_000_000 },
  '--port': { min: 0, max: 65_535 }, // 0: any free port (the server prints the one it got)
  '--max-feed-size': { min: 1, max: 100_000, unit: 'MB' },
  '--workers': { min: 1, max: 64 },
};

/** Range for flags not in the table: whole numbers that stay exact in a double. */
const DEFAULT_RANGE: { min: number; max: number; unit?: string } = { min: 0, max: 1_000_000_000 };

/**
 * A whole number within the flag's range ({@link NUMERIC_FLAG_RANGES}); `min` raises the lower
 * bound for one use (e.g. a radius of at least 1 m).
 */
export function parseWholeNumber(flag: string, text: string, min?: number): number {
  const range = NUMERIC_FLAG_RANGES[flag] ?? DEFAULT_RANGE;
  const low = Math.max(range.min, min ?? range.min);
  const unit = range.unit ? ` ${range.unit}` : '';
  const value = text.trim();
  if (!/^\d{1,15}$/.test(value) || Number(value) < low || Number(value) > range.max) {
    throw new UsageError(
      {
        de: `${flag} muss eine ganze Zahl von ${low} bis ${range.max}${unit} sein, nicht "${text}"`,
        en: `${flag} must be a whole number from ${low} to ${range.max}${unit}, got "${text}"`,
      },
      flag,
    );
  }
  return Number(value);
}

/** A clock time `HH:MM` or `HH:MM:SS` (up to 47:59) → clock seconds. */
export function parseTimeFlag(flag: string, text: string): number {
  const seconds = parseClock(text);
  if (seconds === undefined) throw new UsageError({ de: `${flag} muss wie 06:30 oder 06:30:00 aussehen, nicht "${text}"`, en: `${flag} must look like 06:30 or 06:30:00, got "${text}"` }, flag);
  return seconds;
}

/** A date `YYYY-MM-DD` → GTFS integer. */
export function parseDateFlag(flag: string, text: string): number {
  return requireIsoDate(text, flag);
}

/** One of a fixed set of words. */
export function parseChoice<T extends string>(flag: string, text: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(text)) {
    throw new UsageError({ de: `${flag} muss eines von ${choices.join(', ')} sein, nicht "${text}"`, en: `${flag} must be one of ${choices.join(', ')}, got "${text}"` }, flag);
  }
  return text as T;
}
