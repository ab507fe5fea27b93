/** Summaries read as German: one day is "am geprüften Tag", never "an allen 1 geprüften Tagen". */
import { describe, expect, it } from 'vitest';
import type { DayAssessment } from '../../src/analysis/reachability.js';
import { summaryLine } from '../../src/report/render-check.js';

const day = (date: string, verdict: DayAssessment['verdict']): DayAssessment =>
  ({ date, verdict, dayTypeId: 'school-day', outbound: null, return: null, reasons: [] }) as unknown as DayAssessment;

describe('summaryLine', () => {
  it('one day: singular in both languages', () => {
    expect(summaryLine([day('2026-12-09', 'reachable')], 'de')).toBe('Erreichbar am geprüften Tag.');
    expect(summaryLine([day('2026-12-09', 'reachable')], 'en')).toBe('Reachable on the day checked.');
    expect(summaryLine([day('2026-12-09', 'return-only')], 'de')).toMatch(/^Am geprüften Tag nicht erreichbar \(.+\)\.$/);
    expect(summaryLine([day('2026-12-09', 'return-only')], 'en')).toMatch(/^Not reachable on the day checked \(.+\)\.$/);
  });

  it('several days: plural', () => {
    const two = [day('2026-12-09', 'reachable'), day('2026-12-10', 'reachable')];
    expect(summaryLine(two, 'de')).toBe('Erreichbar an allen 2 geprüften Tagen.');
    expect(summaryLine(two.map((d) => ({ ...d, verdict: 'unreachable' as const })), 'de')).toMatch(/^An keinem der 2 geprüften Tage erreichbar/);
  });
});
