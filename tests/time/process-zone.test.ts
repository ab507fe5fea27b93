/**
 * UTC offsets from the process's own time zone (the CLI runs in Europe/Berlin): the same as
 * Intl's every 90 minutes from 1973 to 2040, in Europe/Berlin and in zones with other rules,
 * computed in a child process whose TZ is that zone; and today's date in a zone on both sides of
 * midnight, with and without the process in that zone.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { todayIn, utcOffsetSeconds } from '../../src/time/service-day-offset.js';
import { repoRoot } from '../helpers/paths.js';

const FROM = Date.UTC(1973, 0, 1);
const TO = Date.UTC(2040, 0, 1);
// Every 90 minutes: each clock change shows at the same sample on both sides.
const STEP = 5400 * 1000;

/** Offset changes (instant, seconds) by Intl alone, as the reference. */
function intlChanges(timeZone: string): [number, number][] {
  const format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const changes: [number, number][] = [];
  let last: number | undefined;
  for (let ms = FROM; ms < TO; ms += STEP) {
    const parts = format.formatToParts(new Date(ms));
    const get = (type: string): number => Number(parts.find((part) => part.type === type)!.value);
    const offset = (Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - ms) / 1000;
    if (offset !== last) changes.push([ms, offset]);
    last = offset;
  }
  return changes;
}

/** The same by the project's code in a child process running in `timeZone`. */
function processZoneChanges(timeZone: string): [number, number][] {
  const module = path.join(repoRoot, 'dist', 'time', 'service-day-offset.js');
  // Intl is not to be used at all there: every offset comes from the process's zone.
  const script = `
    Intl.DateTimeFormat = function () { throw new Error('Intl.DateTimeFormat used'); };
    const { utcOffsetSeconds, todayIn } = await import(${JSON.stringify(module)});
    const changes = []; let last;
    for (let ms = ${FROM}; ms < ${TO}; ms += ${STEP}) {
      const offset = utcOffsetSeconds(ms, ${JSON.stringify(timeZone)});
      if (offset !== last) changes.push([ms, offset]);
      last = offset;
    }
    console.log(JSON.stringify({ changes, today: [todayIn(${JSON.stringify(timeZone)}, Date.UTC(2026, 11, 31, 23, 30)), todayIn(${JSON.stringify(timeZone)}, Date.UTC(2026, 5, 30, 21, 59))] }));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, TZ: timeZone }, encoding: 'utf8' });
  const parsed = JSON.parse(out) as { changes: [number, number][]; today: string[] };
  expect(parsed.today, timeZone).toEqual([todayIn(timeZone, Date.UTC(2026, 11, 31, 23, 30)), todayIn(timeZone, Date.UTC(2026, 5, 30, 21, 59))]);
  return parsed.changes;
}

describe('offsets from the process time zone', () => {
  it.each(['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu'])('agree with Intl in %s', (timeZone) => {
    const expected = intlChanges(timeZone);
    expect(expected.length).toBeGreaterThan(1);
    expect(processZoneChanges(timeZone)).toEqual(expected);
  }, 60_000);

  it('give today in Europe/Berlin on both sides of midnight', () => {
    expect(todayIn('Europe/Berlin', Date.UTC(2026, 11, 31, 22, 59))).toBe('2026-12-31');
    expect(todayIn('Europe/Berlin', Date.UTC(2026, 11, 31, 23, 0))).toBe('2027-01-01');
    expect(todayIn('Europe/Berlin', Date.UTC(2026, 5, 30, 21, 59))).toBe('2026-06-30');
    expect(todayIn('Europe/Berlin', Date.UTC(2026, 5, 30, 22, 0))).toBe('2026-07-01');
    expect(utcOffsetSeconds(Date.UTC(2026, 5, 30, 22, 0), 'Europe/Berlin')).toBe(7200);
  });
});
