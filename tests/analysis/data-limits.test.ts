/**
 * What the data do not know (issue 9) on the real NASA feeds: the official calendar beside the
 * timetable's service levels and the warnings where they disagree, `--service-as official`, the
 * railway-station notice, per-feed coverage, and dates beyond one of several feeds (issue 14, 2).
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFeeds, type FeedSet } from '../../src/feed/load-feeds.js';
import { chooseDates } from '../../src/analysis/choose-days.js';
import { easterSunday, loadOfficialCalendar, officialDay, publicHolidaysByLaw } from '../../src/analysis/official-calendar.js';
import { officialServiceDates } from '../../src/analysis/official-service.js';
import { fullServiceCalendar } from '../../src/analysis/service-calendar.js';
import { feedCoverage } from '../../src/analysis/feed-coverage.js';
import { ReachabilityEngine } from '../../src/analysis/reachability.js';
import { readRawGtfs, type RawTables } from '../support/raw-gtfs.js';
import { ALL_FEEDS, BOERDEBUS, MVB, fixture, nasa, repoRoot, sharedCacheDir } from '../helpers/paths.js';

const run = promisify(execFile);
const cli = path.join(repoRoot, 'bin', 'erreichbar');
const RAIL = fixture('gtfs', 'rail-wolmirstedt');

/** Runs the CLI and returns exit code, stdout and stderr (never throws). */
async function erreichbar(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args, '--cache-dir', sharedCacheDir], { maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const CHRISTMAS = 'Achtung: 25.12.2026 ist ein Feiertag, der Fahrplan enthält aber Schultagsverkehr — die Auskunft folgt dem Fahrplan';

let boerdebus: FeedSet;
beforeAll(async () => {
  boerdebus = await loadFeeds([BOERDEBUS], { cacheDir: sharedCacheDir });
});

describe('the official calendar of Sachsen-Anhalt', () => {
  it('lists the public holidays of 2026–2028 exactly as the law computes them (movable ones from Easter)', () => {
    const calendar = loadOfficialCalendar();
    expect([2026, 2027, 2028].map(easterSunday)).toEqual(['2026-04-05', '2027-03-28', '2028-04-16']);
    for (const year of [2026, 2027, 2028]) {
      const listed = [...calendar.publicHolidays.entries()].filter(([date]) => date.startsWith(`${year}-`));
      expect(new Map(listed), String(year)).toEqual(publicHolidaysByLaw(year));
    }
  });

  it('gives the official day type, and says "unknown" where the school holidays are not published', () => {
    const calendar = loadOfficialCalendar();
    expect(officialDay(calendar, '2026-12-25')).toMatchObject({ dayTypeId: 'sunday-holiday', publicHoliday: '1. Weihnachtstag' });
    expect(officialDay(calendar, '2026-12-26')).toMatchObject({ dayTypeId: 'sunday-holiday', publicHoliday: '2. Weihnachtstag' });
    expect(officialDay(calendar, '2026-12-23')).toMatchObject({ dayTypeId: 'holiday-weekday', schoolHoliday: 'Weihnachtsferien' });
    expect(officialDay(calendar, '2026-12-09').dayTypeId).toBe('school-day');
    expect(officialDay(calendar, '2026-12-12').dayTypeId).toBe('saturday');
    expect(officialDay(calendar, '2028-08-30')).toMatchObject({ dayTypeId: 'holiday-weekday', schoolHoliday: 'Sommerferien' });
    // The autumn holidays 2028 are not published: a weekday in October 2028 is not called a school day.
    expect(officialDay(calendar, '2028-10-18').dayTypeId).toBeNull();
    // Public holidays are known in any year (computed by the law).
    expect(officialDay(calendar, '2029-05-10')).toMatchObject({ dayTypeId: 'sunday-holiday', publicHoliday: 'Christi Himmelfahrt' });
  });

  it('every row of the data file names its source', () => {
    const lines = readFileSync(path.join(repoRoot, 'data', 'feiertage-ferien-sachsen-anhalt.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('kind,name,from,to,source');
    for (const line of lines.slice(1)) expect(line.split(',').at(-1)!.trim(), line).not.toBe('');
  });
});

describe('timetable beside the official calendar (BördeBus)', () => {
  it('marks the Christmas dates where the feed runs school-day service', () => {
    const byDate = new Map(fullServiceCalendar(boerdebus).map((day) => [day.date, day]));
    expect(byDate.get('2026-12-25')).toMatchObject({ activeTrips: 1351, dayType: 'Schultag', officialDayType: 'Sonn-/Feiertag', holiday: '1. Weihnachtstag', agrees: false });
    expect(byDate.get('2026-12-26')).toMatchObject({ dayType: 'Samstag', officialDayType: 'Sonn-/Feiertag', agrees: false });
    for (const date of ['2026-12-21', '2026-12-22', '2026-12-23', '2026-12-24', '2026-10-21']) {
      expect(byDate.get(date), date).toMatchObject({ dayType: 'Schultag', officialDayType: 'Ferientag', agrees: false });
    }
    expect(byDate.get('2026-12-09')).toMatchObject({ dayType: 'Schultag', officialDayType: 'Schultag', agrees: true });
    expect(byDate.get('2026-08-12')).toMatchObject({ dayType: 'Ferientag', officialDayType: 'Ferientag', agrees: true });
  });

  it('calendar (text, CSV, JSON) shows the official day type and marks 25.12.2026', async () => {
    const text = await erreichbar('calendar', '--gtfs', BOERDEBUS, '--from', '2026-12-24', '--to', '2026-12-27', '--quiet');
    expect(text.code).toBe(0);
    const line = text.stdout.split('\n').find((l) => l.startsWith('2026-12-25'))!;
    expect(line).toMatch(/Schultag\s+Sonn-\/Feiertag\s+1\. Weihnachtstag.*≠ abweichend/);
    expect(text.stdout.split('\n').find((l) => l.startsWith('2026-12-27'))).not.toMatch(/≠/);
    const json = JSON.parse((await erreichbar('calendar', '--gtfs', BOERDEBUS, '--from', '2026-12-25', '--to', '2026-12-25', '--format', 'json')).stdout);
    expect(json[0]).toMatchObject({ date: '2026-12-25', dayType: 'Schultag', officialDayType: 'Sonn-/Feiertag', agrees: false, tripsPerFeed: { gtfs_boerdebus_std_kn: 1351 } });
    const csv = (await erreichbar('calendar', '--gtfs', BOERDEBUS, '--from', '2026-12-25', '--to', '2026-12-25', '--format', 'csv')).stdout.split('\n');
    expect(csv[0]).toBe('date,weekday,activeTrips,dayType,officialDayType,holiday,agrees,pattern');
    expect(csv[1]).toMatch(/^2026-12-25,Fr,1351,Schultag,Sonn-\/Feiertag,1\. Weihnachtstag,false,/);
  });

  it('calendar with BördeBus and MVB shows the active trips per feed', async () => {
    const json = JSON.parse((await erreichbar('calendar', '--gtfs', BOERDEBUS, MVB, '--from', '2027-01-12', '--to', '2027-01-12', '--format', 'json')).stdout);
    expect(json[0].tripsPerFeed).toEqual({ gtfs_boerdebus_std_kn: 0, gtfs_mvb_std_kn: 405 });
  });

  it('check and report print one warning line per affected date, and JSON carries warnings', async () => {
    const check = await erreichbar('check', '--gtfs', BOERDEBUS, '--from', 'Wolmirstedt', '--to', 'K+S', '--shift', '06:00-14:00', '--dates', '2026-12-25', '2026-12-09', '--quiet');
    expect(check.code).toBe(0);
    expect(check.stdout.split('\n')[0]).toBe(CHRISTMAS);
    expect(check.stdout.match(/^Achtung:/gm)).toHaveLength(1);
    const english = await erreichbar('check', '--gtfs', BOERDEBUS, '--from', 'Wolmirstedt', '--to', 'K+S', '--shift', '06:00-14:00', '--dates', '2026-12-25', '--quiet', '--lang', 'en');
    expect(english.stdout).toContain('Warning: 2026-12-25 is a public holiday, but the timetable has school-day service — the answer follows the timetable');
    const checkJson = JSON.parse((await erreichbar('check', '--gtfs', BOERDEBUS, '--from', 'Wolmirstedt', '--to', 'K+S', '--shift', '06:00-14:00', '--dates', '2026-12-25', '--format', 'json', '--quiet')).stdout);
    expect(checkJson.warnings).toContainEqual(expect.objectContaining({ code: 'calendar-mismatch', date: '2026-12-25', message: CHRISTMAS, holiday: '1. Weihnachtstag' }));

    const weekend = await erreichbar('check', '--gtfs', BOERDEBUS, '--from', 'Wolmirstedt', '--to', 'K+S', '--shift', '06:00-14:00', '--days', 'Fr,Sa', '--dates', '2026-12-25', '2026-12-26', '--quiet');
    expect(weekend.stdout.split('\n').slice(0, 2)).toEqual([CHRISTMAS, 'Achtung: 26.12.2026 ist ein Feiertag, der Fahrplan enthält aber Samstagsverkehr — die Auskunft folgt dem Fahrplan']);
    const report = await erreichbar('report', '--gtfs', BOERDEBUS, '--dates', '2026-12-25', '--category', 'course', '--quiet');
    expect(report.stdout.split('\n').slice(0, 2)).toEqual([CHRISTMAS, '']);
    const reportJson = JSON.parse((await erreichbar('report', '--gtfs', BOERDEBUS, '--dates', '2026-12-25', '--category', 'course', '--format', 'json', '--quiet')).stdout);
    expect(reportJson.warnings.map((w: { message: string }) => w.message)).toEqual([CHRISTMAS]);
  });

  it('--day-types picks only dates on which timetable and official calendar agree', () => {
    const chosen = chooseDates(boerdebus, { kind: 'day-types', from: '2026-12-21' }, [1, 2, 3, 4, 5, 6, 7]);
    const byDate = new Map(fullServiceCalendar(boerdebus).map((day) => [day.date, day]));
    expect(chosen.length).toBeGreaterThanOrEqual(3);
    for (const { date } of chosen) expect(byDate.get(date)?.agrees, date).not.toBe(false);
    // No school day or Saturday of Christmas 2026 (they disagree); the Sunday 27.12. agrees.
    expect(chosen.map(({ date }) => date)).not.toContain('2026-12-21');
    expect(chosen.find((day) => day.dayTypeId === 'sunday-holiday')?.date).toBe('2026-12-27');
  });
});

describe('--service-as official', () => {
  let raw: RawTables;
  beforeAll(async () => {
    raw = await readRawGtfs(BOERDEBUS);
  });

  it('Wolmirstedt → K+S 06:00 on 2026-12-23 goes from reachable to long wait, labelled as an assumption', async () => {
    // By hand from the raw feed: the 05:17 bus 623 from "Wolmirstedt, Bahnhof (Bus)" (trip
    // 92203500, service 6) reaches Zielitz 05:28 — 16 min walk, 16 min before 06:00. Service 6
    // runs on 2026-12-23 by calendar_dates.txt (school-day service in the Christmas holidays),
    // but not on 2026-08-12, the nearest holiday Wednesday on which feed and calendar agree.
    // There the latest bus is 631 at 04:54 (trip 97792550, service 1), at Zielitz, Schacht
    // 05:03: 57 min before the start, over the 45 min limit → "nur mit langen Wartezeiten".
    const active = (serviceId: string, date: string): boolean =>
      raw.calendar_dates!.some((row) => row.service_id === serviceId && row.date === date && row.exception_type === '1');
    const trip = raw.trips!.find((row) => row.trip_id === '92203500')!;
    expect(raw.stop_times!.some((row) => row.trip_id === '92203500' && row.departure_time === '5:17:00')).toBe(true);
    expect([active(trip.service_id!, '20261223'), active(trip.service_id!, '20260812')]).toEqual([true, false]);
    expect(active(raw.trips!.find((row) => row.trip_id === '97792550')!.service_id!, '20260812')).toBe(true);
    expect(officialServiceDates(boerdebus, ['2026-12-23', '2026-12-09']).get('2026-12-23')).toBe('2026-08-12');
    expect(officialServiceDates(boerdebus, ['2026-12-09']).size).toBe(0);

    const args = ['check', '--gtfs', BOERDEBUS, '--from', 'Wolmirstedt', '--to', 'K+S', '--shift', '06:00-14:00', '--dates', '2026-12-23', '--format', 'json', '--quiet'];
    const asTimetable = JSON.parse((await erreichbar(...args)).stdout);
    const asOfficial = JSON.parse((await erreichbar(...args, '--service-as', 'official')).stdout);
    expect(asTimetable.days[0].verdict).toBe('reachable');
    expect(asOfficial.days[0].verdict).toBe('long-wait');
    expect(asOfficial.warnings).toContainEqual(expect.objectContaining({ code: 'service-as-official', date: '2026-12-23', referenceDate: '2026-08-12' }));
    const text = await erreichbar(...args.filter((arg) => arg !== 'json' && arg !== '--format'), '--service-as', 'official');
    expect(text.stdout.split('\n')[0]).toBe(
      'Annahme: 23.12.2026 ist ein Ferientag (Weihnachtsferien), der Fahrplan enthält aber Schultagsverkehr — ausgewertet mit dem Ferienverkehr vom Mi, 12.08.2026 (--service-as official)',
    );
    expect(text.stdout).toContain('nur mit langen Wartezeiten');
  });

  it('report labels the assumption in CSV, JSON, Markdown, GeoJSON and HTML', async () => {
    const common = ['report', '--gtfs', BOERDEBUS, '--dates', '2026-12-23', '--category', 'course', '--service-as', 'official', '--quiet'];
    const assumption = /^Annahme: 23\.12\.2026 ist ein Ferientag \(Weihnachtsferien\).*12\.08\.2026/;
    const json = JSON.parse((await erreichbar(...common, '--format', 'json')).stdout);
    expect(json.inputs.serviceAs).toBe('official');
    expect(json.warnings[0].message).toMatch(assumption);
    expect(json.ortsteile[0].results[0].days[0]).toMatchObject({ date: '2026-12-23', serviceDate: '2026-08-12', dayTypeId: 'holiday-weekday' });
    const csv = (await erreichbar(...common, '--format', 'csv')).stdout.split('\r\n');
    const header = csv[0]!.split(',');
    const row = csv[1]!;
    expect(header).toContain('service_date');
    expect(row).toContain('2026-08-12');
    expect(row).toMatch(/Annahme: 23\.12\.2026/);
    expect((await erreichbar(...common, '--format', 'md')).stdout).toMatch(/^> Annahme: 23\.12\.2026/m);
    const geojson = JSON.parse((await erreichbar(...common, '--format', 'geojson')).stdout);
    expect(geojson.warnings[0]).toMatch(assumption);
    expect(geojson.features[0].properties.data_warnings).toMatch(assumption);
    expect((await erreichbar(...common, '--format', 'html')).stdout).toContain('Annahme: 23.12.2026 ist ein Ferientag');
  });
});

describe('railway stations that the timetables do not know', () => {
  it('check names the station near a Wolmirstedt home; with the rail fixture the notice is gone and the leg reads "Zug RE 30"', async () => {
    const args = ['check', '--from', 'Wolmirstedt', '--to', 'K+S', '--shift', '06:00-14:00', '--dates', '2026-12-09', '--quiet'];
    const busOnly = await erreichbar(...args, '--gtfs', BOERDEBUS);
    expect(busOnly.stdout).toContain('Hinweis (Wohnort Wolmirstedt): Bahnhof Wolmirstedt 460 m entfernt: Züge sind in den Fahrplandaten nicht enthalten');
    expect(busOnly.stdout).toContain('Hinweis (Ziel K+S Kaliwerk Zielitz): Bahnhof Zielitz 590 m entfernt');
    // The hand-worked answer of fixtures/gtfs/rail-wolmirstedt/README.md.
    const withRail = await erreichbar(...args, '--gtfs', BOERDEBUS, RAIL);
    expect(withRail.code).toBe(0);
    expect(withRail.stdout).not.toMatch(/Züge sind in den Fahrplandaten nicht enthalten/);
    expect(withRail.stdout).toContain('ab 05:29 Wolmirstedt, Bahnhof (Gleis) — Zug RE 30 Richtung Stendal Hbf — an 05:35 Zielitz, Bahnhof');
    // Leave home 05:21:04, at the door 05:45:18 (the printed minutes follow the CLI's rounding).
    expect(withRail.stdout).toMatch(/hin: ab 05:2\d, an 05:4[56]/);
    expect(withRail.stdout).toContain('Zug RE 30 Richtung Magdeburg Hbf — an 14:22 Wolmirstedt, Bahnhof (Gleis)');
  });

  it('report carries the station as a column (CSV), a property (GeoJSON), a field (JSON) and a list (Markdown); HTML does not claim trains', async () => {
    const common = ['report', '--gtfs', BOERDEBUS, '--dates', '2026-12-09', '--category', 'course', '--quiet'];
    const json = JSON.parse((await erreichbar(...common, '--format', 'json')).stdout);
    expect(json.inputs.railLoaded).toBe(false);
    expect(json.ortsteile.find((o: { name: string }) => o.name === 'Wolmirstedt').railStation).toEqual({ name: 'Wolmirstedt', distanceMeters: 460 });
    expect(json.ortsteile.find((o: { name: string }) => o.name === 'Farsleben').railStation).toBeNull();
    const csv = (await erreichbar(...common, '--format', 'csv')).stdout.split('\r\n');
    const at = csv[0]!.split(',').indexOf('rail_station');
    expect(at).toBeGreaterThan(0);
    expect(csv.find((line) => line.includes(',Wolmirstedt,'))).toMatch(/Wolmirstedt 460 m$/);
    const geojson = JSON.parse((await erreichbar(...common, '--format', 'geojson')).stdout);
    expect(geojson.features.find((f: { properties: { name: string } }) => f.properties.name === 'Wolmirstedt').properties).toMatchObject({ rail_station: 'Wolmirstedt', rail_station_m: 460 });
    expect((await erreichbar(...common, '--format', 'md')).stdout).toContain('- Wolmirstedt: Bahnhof Wolmirstedt 460 m');
    const html = (await erreichbar(...common, '--format', 'html')).stdout;
    expect(html).not.toContain('Bus und Bahn');
    expect(html).toContain('<g class="rail">');
    expect(html).toContain('<title>Bahnhof Wolmirstedt</title>');
    const withRail = JSON.parse((await erreichbar('report', '--gtfs', BOERDEBUS, RAIL, '--dates', '2026-12-09', '--category', 'course', '--format', 'json', '--quiet')).stdout);
    expect(withRail.inputs.railLoaded).toBe(true);
    expect(withRail.ortsteile.every((o: { railStation: unknown }) => o.railStation === null)).toBe(true);
  });

  it('the station list is derived from the shared station file and keeps only rail stations', () => {
    const lines = readFileSync(path.join(repoRoot, 'data', 'bahnhoefe.csv'), 'utf8').trim().split('\n');
    const names = lines.slice(1).map((line) => line.split(',')[1]);
    for (const name of ['Wolmirstedt', 'Haldensleben', 'Oschersleben (Bode)', 'Barleben', 'Hadmersleben', 'Eilsleben (b Magdeburg)', 'Oebisfelde']) expect(names).toContain(name);
    expect(names).not.toContain('Magdeburg Hbf ZOB');
    expect(names.some((name) => /\(Bus\)/.test(name!))).toBe(false);
  });
});

describe('feed coverage', () => {
  it('import names each feed’s real service range, the drop of MVB and the feed that ends first', async () => {
    const result = await erreichbar('import', ...ALL_FEEDS, '--quiet');
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n').map((line) => line.trim());
    expect(lines).toContain('gtfs_boerdebus_std_kn: Fahrten 2026-06-05 bis 2026-12-31 (feed_info.txt nennt 2027-06-04)');
    expect(lines).toContain('gtfs_njl_std_kn: Fahrten 2026-06-05 bis 2026-12-31 (feed_info.txt nennt 2027-06-04)');
    expect(lines).toContain('gtfs_pvgs_std_kn: Fahrten 2026-06-05 bis 2026-08-16 (feed_info.txt nennt 2027-06-04)');
    expect(lines).toContain('gtfs_kvg_std_kn: Fahrten 2026-06-05 bis 2027-06-04');
    expect(lines.find((line) => line.startsWith('gtfs_mvb_std_kn:'))).toMatch(/bis 2027-02-28 .*ab 2026-07-06 nur noch ein Bruchteil: höchstens 761 statt bis zu 4\.252 Fahrten je Werktag/);
    expect(lines).toContain('Die Fahrpläne enden an verschiedenen Tagen: alle fahren nur von 2026-06-05 bis 2026-08-16 (Ende durch gtfs_pvgs_std_kn); andere Tage werden abgelehnt');
    const json = JSON.parse((await erreichbar('import', BOERDEBUS, MVB, '--format', 'json', '--quiet')).stdout);
    expect(json.commonServiceRange).toEqual({ from: '2026-06-05', to: '2026-12-31', fromLimitedBy: 'gtfs_boerdebus_std_kn', toLimitedBy: 'gtfs_boerdebus_std_kn' });
  });

  it('the MVB drop is in the data: weekdays before 2026-07-06 run about 4,200 trips, none after reaches a quarter of that', async () => {
    const feeds = await loadFeeds([MVB], { cacheDir: sharedCacheDir });
    expect(feedCoverage(feeds)[0]).toMatchObject({ reducedFrom: '2026-07-06', reducedMaxTrips: 761, peakWeekdayTrips: 4252 });
    const kvg = await loadFeeds([nasa('kvg')], { cacheDir: sharedCacheDir });
    expect(feedCoverage(kvg)[0]?.reducedFrom).toBeNull();
  });

  it('calendar heads its table with the coverage of each feed', async () => {
    const result = await erreichbar('calendar', '--gtfs', BOERDEBUS, MVB, '--from', '2026-12-30', '--to', '2027-01-02', '--quiet');
    expect(result.stdout).toContain('gtfs_boerdebus_std_kn: Fahrten 2026-06-05 bis 2026-12-31');
    expect(result.stdout).toContain('alle fahren nur von 2026-06-05 bis 2026-12-31 (Ende durch gtfs_boerdebus_std_kn)');
  });

  it('a date beyond one of the feeds (BördeBus + MVB, 2027-01-12) is refused, exit 2, naming that feed and its range', async () => {
    for (const command of [['check', '--from', 'Wolmirstedt', '--to', 'K+S', '--shift', '06:00-14:00'], ['report', '--category', 'course'], ['homes', '--to', 'K+S']]) {
      const result = await erreichbar(...command, '--gtfs', BOERDEBUS, MVB, '--dates', '2027-01-12', '--quiet');
      expect(result.code, command[0]).toBe(2);
      expect(result.stdout).not.toContain('nicht erreichbar');
      expect(result.stderr).toBe(
        'erreichbar: --dates 2027-01-12: ein geladener Fahrplan hat an diesem Tag keinen Verkehr; Verkehr gibt es gtfs_boerdebus_std_kn: 2026-06-05 bis 2026-12-31 (feed_info.txt behauptet bis 2027-06-04). Alle geladenen Fahrpläne fahren von 2026-06-05 bis 2026-12-31 (Ende durch gtfs_boerdebus_std_kn)\n',
      );
    }
  });

  it('a night shift on the last day of BördeBus (2026-12-31 → 2027-01-01) is refused, not answered "no bus home"', async () => {
    // BördeBus has no trip on 2027-01-01: the way home of a 22:00–06:00 shift on 2026-12-31 lies
    // beyond the timetable. Before, check answered "nur Hinweg: Innerhalb von 2 h nach Ende fährt
    // kein Bus zurück" (exit 0). A day shift on 2026-12-31 is still answered.
    const night = await erreichbar('check', '--from', 'Althaldensleben', '--to', 'AMEOS', '--shift', '22:00-06:00', '--days', 'Mo-So', '--gtfs', BOERDEBUS, MVB, '--dates', '2026-12-30', '2026-12-31', '--quiet');
    expect(night.code).toBe(2);
    expect(night.stdout).toBe('');
    expect(night.stderr).toBe(
      'erreichbar: --dates 2026-12-31: das Zeitfenster endet am nächsten Tag, 2027-01-01: ein geladener Fahrplan hat an diesem Tag keinen Verkehr; Verkehr gibt es gtfs_boerdebus_std_kn: 2026-06-05 bis 2026-12-31 (feed_info.txt behauptet bis 2027-06-04). Alle geladenen Fahrpläne fahren von 2026-06-05 bis 2026-12-31 (Ende durch gtfs_boerdebus_std_kn)\n',
    );
    const day = await erreichbar('check', '--from', 'Althaldensleben', '--to', 'AMEOS', '--shift', '06:00-14:00', '--days', 'Mo-So', '--gtfs', BOERDEBUS, MVB, '--dates', '2026-12-31', '--quiet');
    expect(day.code).toBe(0);
    // The library refuses it too (a report or a county tool asking the engine directly).
    const engine = new ReachabilityEngine(boerdebus);
    const home = { name: 'Althaldensleben', lat: 52.3, lon: 11.41 };
    const clinic = { name: 'AMEOS', lat: 52.283933, lon: 11.373512 };
    expect(() => engine.assess(home, clinic, { startMinutes: 22 * 60, endMinutes: 6 * 60 }, '2026-12-31')).toThrow(/^2026-12-31: das Zeitfenster 22:00-06:00 endet am nächsten Tag, 2027-01-01: der Fahrplan hat an diesem Tag keinen Verkehr/);
    // A report over the default destinations (AMEOS has a night slot) says which date and slot.
    const report = await erreichbar('report', '--gtfs', BOERDEBUS, MVB, '--dates', '2026-12-31', '--quiet', '--format', 'csv');
    expect(report.code).toBe(2);
    expect(report.stdout).toBe('');
    expect(report.stderr).toMatch(/^erreichbar: 2026-12-31: das Zeitfenster \d\d:\d\d-\d\d:\d\d endet am nächsten Tag, 2027-01-01: /);
    expect(engine.assess(home, clinic, { startMinutes: 22 * 60, endMinutes: 6 * 60 }, '2026-12-30').verdict).toBeDefined();
  });
});
