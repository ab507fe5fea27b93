/**
 * Parsers for flag values; each throws a {@link UsageError} that names the flag, the value and
 * what was expected.
 */
import { UsageError } from '../errors.js';
import { parseClock, requireIsoDate } from '../time/clock.js';

/** A whole number ≥ min. */
export function parseWholeNumber(flag: string, text: string, min = 0): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) < min) {
    throw new UsageError(
      { de: `${flag} muss eine ganze Zahl ≥ ${min} sein, nicht "${text}"`, en: `${flag} must be a whole number ≥ ${min}, got "${text}"` },
      flag,
    );
  }
  return Number(text);
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
