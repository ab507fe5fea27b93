import { describe, expect, it } from 'vitest';
import { formatDays, parseDays, parseSchedule, parseTimeRange, ScheduleSyntaxError } from '../../src/places/parse-schedule.js';

describe('schedules as users write them', () => {
  it.each([
    ['Mo-Fr', [1, 2, 3, 4, 5]],
    ['Mo-Sa', [1, 2, 3, 4, 5, 6]],
    ['Sa,So', [6, 7]],
    ['Mo,Mi', [1, 3]],
    ['So-Do', [1, 2, 3, 4, 7]],
    ['Mo – Fr', [1, 2, 3, 4, 5]],
    ['Mon-Fri', [1, 2, 3, 4, 5]],
    ['täglich', [1, 2, 3, 4, 5, 6, 7]],
  ])('days %s', (text, days) => {
    expect(parseDays(text)).toEqual(days);
  });

  it.each([
    ['06:00-14:00', 360, 840, false],
    ['22:00-06:00', 1320, 360, true],
    ['6:00–14:00', 360, 840, false],
    ['14-22', 840, 1320, false],
    ['08.30-12.45 Uhr', 510, 765, false],
    ['22:00-24:00', 1320, 0, true],
  ])('time range %s', (text, start, end, overnight) => {
    expect(parseTimeRange(text)).toEqual({ startMinutes: start, endMinutes: end, overnight });
  });

  it('several slots per destination, a night shift, Kita hours and course sessions', () => {
    const slots = parseSchedule('Mo-Fr 06:00-14:00; Mo-Fr 14:00-22:00; So-Do 22:00-06:00');
    expect(slots.map((slot) => [slot.label, slot.overnight])).toEqual([
      ['Mo-Fr 06:00-14:00', false],
      ['Mo-Fr 14:00-22:00', false],
      ['So-Do 22:00-06:00', true],
    ]);
    expect(parseSchedule('Mo-Fr 06:00-17:00')[0]).toMatchObject({ days: [1, 2, 3, 4, 5], startMinutes: 360, endMinutes: 1020 });
    expect(parseSchedule('Mo,Mi 08:30-12:45')[0]).toMatchObject({ days: [1, 3], startMinutes: 510, endMinutes: 765, label: 'Mo,Mi 08:30-12:45' });
    expect(parseSchedule('07:00-15:30')[0]).toMatchObject({ days: [1, 2, 3, 4, 5], label: 'Mo-Fr 07:00-15:30' });
  });

  it.each([
    ['Mo-Fx', () => parseDays('Mo-Fx'), 'Tage "Mo-Fx" sind nicht wie "Mo-Fr", "Mo-Sa" oder "Sa,So"', 'days "Mo-Fx" are not like "Mo-Fr", "Mo-Sa" or "Sa,So"'],
    ['25:00-26:00', () => parseTimeRange('25:00-26:00'), 'Zeitspanne "25:00-26:00" ist nicht wie "06:00-14:00"', 'time range "25:00-26:00" is not like "06:00-14:00"'],
    ['06:00-06:00', () => parseTimeRange('06:00-06:00'), 'Zeitspanne "06:00-06:00" ist nicht wie "06:00-14:00"', 'time range "06:00-06:00" is not like "06:00-14:00"'],
    ['Frühschicht', () => parseSchedule('Frühschicht'), 'Zeitplan "Frühschicht" ist nicht wie "Mo-Fr 06:00-14:00"', 'schedule "Frühschicht" is not like "Mo-Fr 06:00-14:00"'],
    ['empty', () => parseSchedule(' ; '), 'Zeitplan " ; " ist leer; z. B. "Mo-Fr 06:00-14:00" schreiben', 'schedule " ; " is empty; write e.g. "Mo-Fr 06:00-14:00"'],
  ])('quotes the bad text: %s', (_, parse, message, messageEn) => {
    const error = (() => {
      try {
        parse();
      } catch (e) {
        return e as ScheduleSyntaxError;
      }
      throw new Error('no error');
    })();
    expect(error).toBeInstanceOf(ScheduleSyntaxError);
    expect(error.message).toBe(message);
    expect(error.messageEn).toBe(messageEn);
  });

  it('writes days back in their shortest form', () => {
    expect(formatDays([1, 2, 3, 4, 5])).toBe('Mo-Fr');
    expect(formatDays([6, 7])).toBe('Sa,So');
    expect(formatDays([1, 3, 5])).toBe('Mo,Mi,Fr');
  });
});
