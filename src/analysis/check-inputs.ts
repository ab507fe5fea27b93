/**
 * Checks of what a county tool hands to the public analysis functions (slots, points, limits), so
 * a bad value is a {@link UsageError} naming it — never a `RangeError` deep inside, nor a silent
 * "nothing reachable" computed from `NaN`.
 */
import { UsageError } from '../errors.js';

/** A slot's start and end must be whole minutes of the day, 0 to 2880 (a night shift may end the next day). */
export function checkSlotTimes(slot: { startMinutes: unknown; endMinutes: unknown }): void {
  for (const field of ['startMinutes', 'endMinutes'] as const) {
    const value = slot?.[field];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 2 * 24 * 60) {
      throw new UsageError(
        { de: `slot.${field} muss eine ganze Minutenzahl von 0 bis 2880 sein, nicht "${String(value)}"`, en: `slot.${field} must be whole minutes from 0 to 2880, got "${String(value)}"` },
        field,
        'BAD_SLOT',
      );
    }
  }
}

/** A point needs finite WGS84 coordinates (latitude −90…90, longitude −180…180). */
export function checkPoint(point: { name?: unknown; lat: unknown; lon: unknown }, what: string): void {
  const { lat, lon } = point ?? ({} as { lat: unknown; lon: unknown });
  const ok = typeof lat === 'number' && typeof lon === 'number' && Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
  if (!ok) {
    const shown = `${String(lat)},${String(lon)}`;
    throw new UsageError(
      { de: `${what} braucht lat und lon als Zahlen (WGS84), nicht "${shown}"`, en: `${what} needs lat and lon as numbers (WGS84), got "${shown}"` },
      what,
      'BAD_POINT',
    );
  }
}

/** Every limit is a whole number of seconds ≥ 0. */
export function checkLimits(limits: object): void {
  for (const [name, value] of Object.entries(limits)) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      throw new UsageError(
        { de: `limits.${name} muss eine ganze Zahl von Sekunden ≥ 0 sein, nicht "${String(value)}"`, en: `limits.${name} must be whole seconds ≥ 0, got "${String(value)}"` },
        name,
        'BAD_LIMIT',
      );
    }
  }
}
