/**
 * The default week (no --week, --dates or --day-types) near and beyond the end of the real
 * BördeBus + MVB timetables (all feeds: 05.06.2026–31.12.2026): a check in the last days of the
 * year must neither be refused naming a --week the user never gave, nor answer silently about
 * June; the days checked are the closest full week in the data, and the answer says so on top.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { chooseDates, defaultWeek } from '../../src/analysis/choose-days.js';
import { dataWarnings } from '../../src/analysis/data-notices.js';
import { loadFeeds, type FeedSet } from '../../src/feed/load-feeds.js';
import { BOERDEBUS, MVB, repoRoot, sharedCacheDir } from '../helpers/paths.js';

const run = promisify(execFile);
let feeds: FeedSet;
beforeAll(async () => {
  feeds = await loadFeeds([BOERDEBUS, MVB], { cacheDir: sharedCacheDir });
});

describe('the default week', () => {
  it.each([
    // today, the week checked, the week from today when it is not that one
    ['2026-12-03', '2026-12-07', null], // a Thursday: the next week, as always
    ['2026-12-21', '2026-12-21', null], // a Monday: its own week, and the Monday after it has service
    ['2026-12-22', '2026-12-21', '28.12.2026–03.01.2027'], // the next week runs into 2027: the last full week
    ['2026-12-29', '2026-12-21', '04.01.2027–10.01.2027'],
    ['2027-03-01', '2026-12-21', 'heute (01.03.2027) liegt nach dem Ende'], // old feeds: the last full week, not June
    ['2026-01-10', '2026-06-08', 'heute (10.01.2026) liegt vor dem Beginn'], // before the data: the first full week
  ])('today %s: the week of %s', (today, monday, warned) => {
    expect(defaultWeek(feeds, today)).toBe(monday);
    const warnings = dataWarnings(feeds, [monday], { days: { kind: 'week', monday, fromToday: today } }).filter((w) => w.code === 'today-outside-data');
    if (warned === null) expect(warnings).toEqual([]);
    else {
      expect(warnings).toHaveLength(1);
      expect(warnings[0]!.message).toContain(warned);
    }
  });

  it('day types: the first date on or after today, else the closest before it (it was the first of the data: July for December)', () => {
    const days = (from: string) => Object.fromEntries(chooseDates(feeds, { kind: 'day-types', from }, [1, 2, 3, 4, 5, 6, 7]).map(({ date, dayTypeId }) => [dayTypeId, date]));
    expect(days('2026-12-03')).toEqual({ 'school-day': '2026-12-09', 'holiday-weekday': '2026-08-12', saturday: '2026-12-05', 'sunday-holiday': '2026-12-06' });
    // After the last agreeing school day of the data, and with old feeds: the latest ones, not June.
    expect(days('2026-12-29')).toEqual({ 'school-day': '2026-12-16', 'holiday-weekday': '2026-08-12', saturday: '2026-12-19', 'sunday-holiday': '2026-12-27' });
    expect(days('2027-03-01')).toEqual(days('2026-12-29'));
    // Before the data: the first ones.
    expect(days('2026-01-10')['school-day']).toBe('2026-06-10');
  });

  it('a week the user gave is never moved nor warned about', () => {
    const warnings = dataWarnings(feeds, ['2026-12-21'], { days: { kind: 'week', monday: '2026-12-21' } });
    expect(warnings.filter((w) => w.code === 'today-outside-data')).toEqual([]);
  });

  it('check without --week on 22.12.2026 answers the week of 21.12. with the warning on top (it was refused naming --week)', async () => {
    const cli = path.join(repoRoot, 'bin', 'erreichbar');
    const { stdout } = await run(process.execPath, [cli, 'check', '--from', 'Hundisburg', '--to', 'KVHS Haldensleben', '--gtfs', BOERDEBUS, MVB, '--cache-dir', sharedCacheDir, '--quiet'], {
      env: { ...process.env, ERREICHBAR_TODAY: '2026-12-22' },
    });
    expect(stdout.split('\n')[0]).toBe(
      'Achtung: die Woche 28.12.2026–03.01.2027 liegt nicht ganz in den Fahrplandaten (alle Fahrpläne: 05.06.2026–31.12.2026) — geprüft wird die Woche 21.12.2026–27.12.2026; aktuelle Fahrpläne: erreichbar feeds download',
    );
    expect(stdout).toContain('Mo, 21.12.2026');
    const json = JSON.parse((await run(process.execPath, [cli, 'check', '--from', 'Hundisburg', '--to', 'KVHS Haldensleben', '--gtfs', BOERDEBUS, MVB, '--cache-dir', sharedCacheDir, '--quiet', '--format', 'json', '--lang', 'en'], {
      env: { ...process.env, ERREICHBAR_TODAY: '2027-03-01' },
    })).stdout);
    expect(json.warnings[0]).toMatchObject({ code: 'today-outside-data', date: '2027-03-01' });
    expect(json.warnings[0].message).toMatch(/^Warning: today \(2027-03-01\) lies after the end of the timetables/);
  });

  it('gaps, whose answer has no warnings block, says it on stderr, also with --quiet', async () => {
    const cli = path.join(repoRoot, 'bin', 'erreichbar');
    const { stderr } = await run(process.execPath, [cli, 'gaps', '--to', 'KVHS Haldensleben', '--gtfs', BOERDEBUS, MVB, '--cache-dir', sharedCacheDir, '--quiet', '--format', 'csv'], {
      env: { ...process.env, ERREICHBAR_TODAY: '2027-03-01' },
      maxBuffer: 1 << 26,
    });
    expect(stderr).toMatch(/^erreichbar: Achtung: heute \(01\.03\.2027\) liegt nach dem Ende der Fahrplandaten/);
  });
});
