/**
 * Schedules as users write them: days (`Mo-Fr`, `Mo-Sa`, `Sa,So`, `Mo,Mi`), time ranges
 * (`06:00-14:00`; `22:00-06:00` ends the next day) and several slots separated by `;`
 * (`Mo-Fr 06:00-14:00; Mo-Fr 14:00-22:00; So-Do 22:00-06:00`). Kita opening hours
 * (`Mo-Fr 06:00-17:00`) and course sessions (`Mo,Mi 08:30-12:45`) are slots too.
 *
 * German weekday abbreviations (Mo Di Mi Do Fr Sa So), English ones (Mon … Sun), `-` or `–`
 * for ranges. Errors quote the text that could not be read.
 */
import { ErreichbarError, type UserText } from '../errors.js';

/** One slot of a schedule. */
export interface Slot {
  /** The slot as written, normalised: `Mo-Fr 06:00-14:00`. */
  label: string;
  /** ISO weekdays on which the slot starts: 1 = Monday … 7 = Sunday, ascending. */
  days: number[];
  /** Start, minutes after midnight of the start day. */
  startMinutes: number;
  /** End, minutes after midnight; if not after the start, the slot ends the next day. */
  endMinutes: number;
  /** True when the slot ends the next day (night shift). */
  overnight: boolean;
}

/** A schedule text that cannot be read. */
export class ScheduleSyntaxError extends ErreichbarError {
  constructor(message: UserText) {
    super('BAD_SCHEDULE', message);
    this.name = 'ScheduleSyntaxError';
  }
}

const DAY_NAMES: Record<string, number> = {
  mo: 1, mon: 1, montag: 1, monday: 1,
  di: 2, tue: 2, tu: 2, dienstag: 2, tuesday: 2,
  mi: 3, wed: 3, we: 3, mittwoch: 3, wednesday: 3,
  do: 4, thu: 4, th: 4, donnerstag: 4, thursday: 4,
  fr: 5, fri: 5, freitag: 5, friday: 5,
  sa: 6, sat: 6, samstag: 6, sonnabend: 6, saturday: 6,
  so: 7, sun: 7, su: 7, sonntag: 7, sunday: 7,
};
const SHORT = ['Mo', 'Di', 'Mi', 'Do', 'Fr', 'Sa', 'So'];

/** Reads days: `Mo-Fr`, `Sa,So`, `So-Do` (wraps over the weekend), `täglich`/`Mo-So`. */
export function parseDays(text: string): number[] {
  const trimmed = text.trim();
  if (/^(täglich|taeglich|daily)$/i.test(trimmed)) return [1, 2, 3, 4, 5, 6, 7];
  const days = new Set<number>();
  const parts = trimmed.split(/\s*,\s*/);
  for (const part of parts) {
    const range = part.split(/\s*[-–]\s*/);
    const first = DAY_NAMES[(range[0] ?? '').toLowerCase().replace(/\.$/, '')];
    const last = range.length === 2 ? DAY_NAMES[(range[1] ?? '').toLowerCase().replace(/\.$/, '')] : first;
    if (first === undefined || last === undefined || range.length > 2 || part === '') {
      throw new ScheduleSyntaxError({ de: `Tage "${text}" sind nicht wie "Mo-Fr", "Mo-Sa" oder "Sa,So"`, en: `days "${text}" are not like "Mo-Fr", "Mo-Sa" or "Sa,So"` });
    }
    for (let day = first, n = 0; n < 7; n++, day = (day % 7) + 1) {
      days.add(day);
      if (day === last) break;
    }
  }
  return [...days].sort((a, b) => a - b);
}

/** Reads a time range `06:00-14:00` (also `6:00–14:00`, `06.00-14.00`, `6-14`). */
export function parseTimeRange(text: string): { startMinutes: number; endMinutes: number; overnight: boolean } {
  const match = /^\s*(\d{1,2})(?:[:.](\d{2}))?\s*[-–]\s*(\d{1,2})(?:[:.](\d{2}))?\s*(?:Uhr)?\s*$/i.exec(text);
  const startHours = Number(match?.[1]);
  const endHours = Number(match?.[3]);
  const startMinutes = startHours * 60 + Number(match?.[2] ?? 0);
  const endMinutes = endHours * 60 + Number(match?.[4] ?? 0);
  if (!match || startHours > 23 || endHours > 24 || Number(match[2] ?? 0) > 59 || Number(match[4] ?? 0) > 59 || startMinutes === endMinutes % 1440) {
    throw new ScheduleSyntaxError({ de: `Zeitspanne "${text}" ist nicht wie "06:00-14:00"`, en: `time range "${text}" is not like "06:00-14:00"` });
  }
  const end = endMinutes % 1440;
  return { startMinutes, endMinutes: end, overnight: end <= startMinutes };
}

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * A slot's label: the days as the user wrote them ("So-Do" stays "So-Do"), the times as read
 * (`6-14` → `06:00-14:00`), so that it shows what is checked.
 */
export function slotLabel(daysText: string, range: { startMinutes: number; endMinutes: number }): string {
  return `${daysText} ${clock(range.startMinutes)}-${clock(range.endMinutes)}`;
}

/** Days as the shortest German text: `Mo-Fr`, `Sa,So`, `Mo,Mi,Fr`. */
export function formatDays(days: readonly number[]): string {
  const sorted = [...days].sort((a, b) => a - b);
  if (sorted.length === 7) return 'Mo-So';
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    const from = SHORT[sorted[i]! - 1]!;
    const to = SHORT[sorted[j]! - 1]!;
    runs.push(j - i >= 2 ? `${from}-${to}` : j === i ? from : `${from},${to}`);
    i = j + 1;
  }
  return runs.join(',');
}

/** A slot as text: `Mo-Fr 06:00-14:00`. */
export function formatSlot(slot: Pick<Slot, 'days' | 'startMinutes' | 'endMinutes'>): string {
  return `${formatDays(slot.days)} ${clock(slot.startMinutes)}-${clock(slot.endMinutes)}`;
}

/**
 * Reads a schedule: slots separated by `;`, each `<days> <time range>` (days default `Mo-Fr`
 * when only a time range is given).
 *
 * @example
 * ```ts
 * parseSchedule('Mo-Fr 06:00-14:00; So-Do 22:00-06:00')[1]; // { days: [1,2,3,4,7], startMinutes: 1320, endMinutes: 360, overnight: true, … }
 * ```
 */
export function parseSchedule(text: string): Slot[] {
  const parts = text.split(';').map((part) => part.trim()).filter((part) => part !== '');
  if (parts.length === 0) throw new ScheduleSyntaxError({ de: `Zeitplan "${text}" ist leer; z. B. "Mo-Fr 06:00-14:00" schreiben`, en: `schedule "${text}" is empty; write e.g. "Mo-Fr 06:00-14:00"` });
  return parts.map((part) => {
    const match = /^(?:(.+?)\s+)?(\d{1,2}(?:[:.]\d{2})?\s*[-–]\s*\d{1,2}(?:[:.]\d{2})?(?:\s*Uhr)?)$/.exec(part);
    if (!match) throw new ScheduleSyntaxError({ de: `Zeitplan "${part}" ist nicht wie "Mo-Fr 06:00-14:00"`, en: `schedule "${part}" is not like "Mo-Fr 06:00-14:00"` });
    const daysText = (match[1] ?? 'Mo-Fr').replace(/\s*([-–,])\s*/g, (_, sign: string) => (sign === ',' ? ',' : '-'));
    const days = parseDays(daysText);
    const range = parseTimeRange(match[2]!);
    return { days, ...range, label: slotLabel(daysText, range) };
  });
}
