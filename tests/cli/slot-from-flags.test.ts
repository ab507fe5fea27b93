/** `--shift` / `--days` as one slot: the label shows the times as read, not the text as typed. */
import { describe, expect, it } from 'vitest';
import { slotFromFlags } from '../../src/cli/commands/reachability-commands.js';

describe('slotFromFlags', () => {
  it.each([
    ['6-14', undefined, 'Mo-Fr 06:00-14:00', 360, 840],
    ['22-6', 'Mo-Sa', 'Mo-Sa 22:00-06:00', 1320, 360],
    ['6:30-14:15', 'Sa', 'Sa 06:30-14:15', 390, 855],
    ['06:00-14:00', 'Mo-Fr', 'Mo-Fr 06:00-14:00', 360, 840],
  ])('--shift %s --days %s reads %s', (shift, days, label, start, end) => {
    const slot = slotFromFlags(shift, days);
    expect(slot.label).toBe(label);
    expect([slot.startMinutes, slot.endMinutes]).toEqual([start, end]);
  });

  it('a shift that is no time range names the flag', () => {
    expect(() => slotFromFlags('früh', undefined)).toThrow(/--shift/);
  });
});
