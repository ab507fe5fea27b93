/**
 * Opens the HTML report of real timetables (BördeBus + MVB) in a real headless Chromium —
 * Debian's chromium driven by playwright-core, never a downloaded browser — and uses it like a
 * planner: switch destination and day, click an Ortsteil, read the panel, sort the table. No
 * network request may leave the page, no script error and no CSP violation may happen; the
 * screenshot lands in test-output/ (gitignored).
 *
 * The report uses data/ortsteile.csv and data/destinations.csv (the full default report) when
 * they exist, else a few real Börde places and destinations written here. One destination with a
 * hostile name is added: if its name were ever parsed as markup, the image would be requested.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport, type Report, type ReportDestination, type ReportPlace } from '../../src/analysis/build-report.js';
import { loadFeeds } from '../../src/feed/load-feeds.js';
import { loadDestinations } from '../../src/places/load-destinations.js';
import { loadPlaces } from '../../src/places/load-places.js';
import { boundsAround, buildMapNetwork, type MapNetwork } from '../../src/report/map-network.js';
import { renderReportHtml } from '../../src/report/render-html.js';
import { parseIsoDate } from '../../src/time/clock.js';
import { buildTimetable } from '../../src/timetable/build-timetable.js';
import { BOERDEBUS, MVB, repoRoot, sharedCacheDir } from '../helpers/paths.js';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const outDir = path.join(repoRoot, 'test-output');
const placesFile = path.join(repoRoot, 'data', 'ortsteile.csv');
const destinationsFile = path.join(repoRoot, 'data', 'destinations.csv');
const hasDefaultData = existsSync(placesFile) && existsSync(destinationsFile);
const HOSTILE = '<img src=x onerror="alert(1)">';
/** Colours of the verdicts, as in render-html.ts. */
const REACHABLE = '#009E73';
const UNREACHABLE = '#D55E00';

const earlyShift = { label: 'Mo-Fr 06:00-14:00', days: [1, 2, 3, 4, 5], startMinutes: 360, endMinutes: 840 };
const FALLBACK_PLACES: ReportPlace[] = [
  { name: 'Hundisburg', gemeinde: 'Haldensleben', lat: 52.2455, lon: 11.3981 },
  { name: 'Haldensleben', gemeinde: 'Haldensleben', lat: 52.2884, lon: 11.4066, population: 20294 },
  { name: 'Wolmirstedt', gemeinde: 'Wolmirstedt', lat: 52.2484, lon: 11.6289, population: 10860 },
  { name: 'Zielitz', gemeinde: 'Zielitz', lat: 52.2911, lon: 11.6736, population: 2154 },
  { name: 'Barleben', gemeinde: 'Barleben', lat: 52.2013, lon: 11.6266, population: 5895 },
  { name: 'Osterweddingen', gemeinde: 'Sülzetal', lat: 52.0559, lon: 11.5917 },
];
const FALLBACK_DESTINATIONS: ReportDestination[] = [
  { name: 'KVHS Haldensleben', category: 'course', lat: 52.2862, lon: 11.3954, schedule: [{ label: 'Mo-Fr 08:30-12:45', days: [1, 2, 3, 4, 5], startMinutes: 510, endMinutes: 765 }] },
  { name: 'K+S Kaliwerk Zielitz', category: 'workplace', lat: 52.2992, lon: 11.6729, schedule: [earlyShift] },
  { name: 'Euroglas Osterweddingen', category: 'workplace', lat: 52.0565, lon: 11.5832, schedule: [{ ...earlyShift, label: 'Mo-So 06:00-14:00', days: [1, 2, 3, 4, 5, 6, 7] }] },
];

describe.skipIf(!existsSync(CHROMIUM))('the HTML report in a real browser', () => {
  let report: Report;
  let network: MapNetwork;
  let places: ReportPlace[];
  let file: string;
  let browser: Browser;

  beforeAll(async () => {
    if (!hasDefaultData) console.log('data/ortsteile.csv or data/destinations.csv missing: using 6 hand-made places and 3 destinations');
    const feeds = await loadFeeds([BOERDEBUS, MVB], { cacheDir: sharedCacheDir });
    places = hasDefaultData ? (await loadPlaces(placesFile)).places : FALLBACK_PLACES;
    const destinations: ReportDestination[] = hasDefaultData ? (await loadDestinations(destinationsFile)).destinations : FALLBACK_DESTINATIONS;
    const hostile: ReportDestination = { name: HOSTILE, category: 'other', lat: 52.2, lon: 11.5, schedule: [{ label: 'Mo-Fr 08:00-12:00', days: [1, 2, 3, 4, 5], startMinutes: 480, endMinutes: 720 }] };
    report = buildReport(feeds, places, [...destinations, hostile], {
      days: { kind: 'day-types', from: '2026-11-30' },
      placesSource: hasDefaultData ? 'data/ortsteile.csv' : 'tests/report/html-browser.test.ts',
      destinationsSource: hasDefaultData ? 'data/destinations.csv' : 'tests/report/html-browser.test.ts',
      generatedAt: '2026-12-08T13:05:00.000Z',
    });
    const bounds = boundsAround(places, 5000);
    network = buildMapNetwork(buildTimetable(feeds, parseIsoDate(report.inputs.dates[0]!.date)!, { walkRadiusMeters: 0 }), bounds);
    mkdirSync(outDir, { recursive: true });
    file = path.join(outDir, 'bericht.html');
    writeFileSync(file, renderReportHtml(report, { lang: 'de', network }));
    browser = await (await import('playwright-core')).chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** Opens a report file, recording every request, console error and CSP violation. */
  async function open(htmlFile: string): Promise<{ page: Page; requests: string[]; problems: string[]; dialogs: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const requests: string[] = [];
    const problems: string[] = [];
    const dialogs: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    // Injected by the browser's debugging protocol, so the page's CSP does not apply to it.
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`));
    });
    await page.goto(`file://${htmlFile}`);
    await page.waitForSelector('#places circle');
    return { page, requests, problems, dialogs };
  }

  const fills = (page: Page): Promise<string[]> => page.$$eval('#places circle', (nodes) => nodes.map((node) => node.getAttribute('fill') ?? ''));
  const slotOf = (page: Page, destination: string, slot: string): Promise<string | undefined> =>
    page.$$eval('#slot option', (options, [d, s]) => options.find((o) => o.textContent?.startsWith(`${d} (`) && o.textContent.endsWith(s!))?.getAttribute('value') ?? undefined, [destination, slot]);

  it('stays small: the report file is well under 5 MB', () => {
    const size = statSync(file).size;
    console.log(`${hasDefaultData ? 'full default report' : 'report of the hand-made places'}: ${report.ortsteile.length} Ortsteile, ${report.destinations.reduce((n, d) => n + d.slots.length, 0)} slots, ${report.inputs.dates.length} days → ${(size / 1e6).toFixed(2)} MB`);
    expect(size).toBeLessThan(5_000_000);
    expect(report.inputs.dates.map((d) => d.dayTypeId)).toEqual(['school-day', 'holiday-weekday', 'saturday', 'sunday-holiday']);
  });

  it('draws the network of the district only: stops and line courses inside the Ortsteile’s box plus 5 km', () => {
    const bounds = boundsAround(places, 5000);
    expect(network.stops.length).toBeGreaterThan(hasDefaultData ? 500 : 50);
    expect(network.lines.length).toBeGreaterThan(hasDefaultData ? 100 : 10);
    for (const [lat, lon] of [...network.stops, ...network.lines.flat()]) {
      expect(lat >= bounds.south && lat <= bounds.north && lon >= bounds.west && lon <= bounds.east).toBe(true);
    }
    const sequences = network.lines.map((line) => JSON.stringify(line));
    expect(new Set(sequences).size).toBe(sequences.length);
    expect(network.lines.every((line) => line.length >= 2)).toBe(true);
  });

  it('works offline like a planner uses it: switch destination and day, click an Ortsteil, read the panel, sort the table', async () => {
    const { page, requests, problems, dialogs } = await open(file);
    try {
      expect(await page.locator('#places circle').count()).toBe(report.ortsteile.length);
      const dayLabels = await page.$$eval('#day option', (options) => options.map((o) => o.textContent ?? ''));
      expect(dayLabels.map((label) => label.slice(0, label.indexOf(' (')))).toEqual(['Schultag', 'Ferientag', 'Samstag', 'Sonn-/Feiertag']);
      const before = await fills(page);

      // The K+S mine's early shift on a school day: Wolmirstedt gets there and back (tests/analysis/real-cases).
      const early = await slotOf(page, 'K+S Kaliwerk Zielitz', 'Mo-Fr 06:00-14:00');
      expect(early).toBeDefined();
      await page.selectOption('#slot', early!);
      const schoolDay = await fills(page);
      expect(schoolDay).not.toEqual(before);
      expect(await page.locator('#destinations rect.active').count()).toBe(1);
      await page.locator('#places circle[data-name="Wolmirstedt"]').click();
      const panel = page.locator('#panel');
      await expect.poll(() => panel.locator('h3').innerText()).toBe('Wolmirstedt');
      const text = await panel.innerText();
      expect(text).toContain('K+S Kaliwerk Zielitz (Arbeitsplatz) — Mo-Fr 06:00-14:00');
      expect(text).toContain('✔ erreichbar');
      expect(text).toMatch(/hin: ab \d\d:\d\d, an \d\d:\d\d \(Linien? [^)]*\d+ Umstieg/);
      expect(text).toMatch(/zurück: ab \d\d:\d\d, an \d\d:\d\d/);
      expect(text).toMatch(/Wartezeit \d+ min/);
      expect(await page.locator('#place-label').textContent()).toBe('Wolmirstedt');

      // Saturday: a Mo-Fr shift is not assessed, every circle turns grey and the panel says why.
      await page.selectOption('#day', String(dayLabels.findIndex((label) => label.startsWith('Samstag'))));
      const saturday = await fills(page);
      expect(saturday).not.toEqual(schoolDay);
      expect(new Set(saturday).size).toBe(1);
      expect(await panel.innerText()).toContain('nicht geprüft');

      // Back to the school day via the panel's list of days; then an Ortsteil that cannot get there, by keyboard.
      await panel.locator('.days button').first().click();
      expect(await page.locator('#day').inputValue()).toBe('0');
      expect(await fills(page)).toEqual(schoolDay);
      const unreachable = await page.$$eval(`#places circle[fill="${UNREACHABLE}"]`, (nodes) => nodes.map((n) => n.getAttribute('data-name') ?? ''));
      expect(unreachable.length).toBeGreaterThan(0);
      expect(schoolDay).toContain(REACHABLE);
      await page.locator(`#places circle[data-name="${unreachable[0]}"]`).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => panel.locator('h3').innerText()).toContain(unreachable[0]!);
      const reasons = await panel.innerText();
      expect(reasons).toContain('✘ nicht erreichbar');
      expect(reasons).toContain('Gründe:');
      expect(await panel.locator('ul:not(.days) li').count()).toBeGreaterThan(0);

      // The summary table: one row per Ortsteil, sorted by population (largest first), then reversed.
      const rows = page.locator('#summary tbody tr');
      expect(await rows.count()).toBe(report.ortsteile.length);
      await page.locator('#summary th[data-key="4"]').click();
      expect(await page.locator('#summary th[data-key="4"]').getAttribute('aria-sort')).toBe('descending');
      const largest = [...report.ortsteile].sort((a, b) => (b.population ?? -1) - (a.population ?? -1))[0]!.name;
      expect(await rows.first().locator('td').nth(1).innerText()).toBe(largest);
      await page.locator('#summary th[data-key="4"]').click();
      expect(await rows.first().locator('td').nth(1).innerText()).not.toBe(largest);
      // The selection column shows the verdict of the selected slot and day.
      await page.locator('#summary th[data-key="sel"]').click();
      expect(await rows.first().locator('td').last().innerText()).toBe('✔ erreichbar');

      // The hostile destination name is text everywhere: in the select, as the map label, in the panel.
      const hostile = await slotOf(page, HOSTILE, 'Mo-Fr 08:00-12:00');
      expect(hostile).toBeDefined();
      await page.selectOption('#slot', hostile!);
      expect(await page.locator('#destinations text[visibility="visible"]').textContent()).toBe(HOSTILE);
      expect(await panel.innerText()).toContain(HOSTILE);
      expect(await page.locator('img').count()).toBe(0);

      // A planner's picture: the early shift at the mine, Wolmirstedt selected.
      await page.selectOption('#slot', early!);
      await page.locator('#places circle[data-name="Wolmirstedt"]').click();
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: path.join(outDir, 'report-map.png') });

      expect(requests).toEqual([`file://${file}`]);
      expect(dialogs).toEqual([]);
      expect(problems).toEqual([]);

      // The policy is really in force: an injected inline script is refused and reported.
      const ran = await page.evaluate(() => {
        const script = document.createElement('script');
        script.textContent = 'document.body.dataset.injected = "yes"';
        document.body.append(script);
        return document.body.dataset.injected ?? 'no';
      });
      expect(ran).toBe('no');
      await expect.poll(() => problems.some((problem) => problem.startsWith('CSP violation: script-src'))).toBe(true);
    } finally {
      await page.close();
    }
  });

  it('prints on A4 landscape', async () => {
    const { page } = await open(file);
    try {
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.controls').isVisible()).toBe(false);
      expect(await page.locator('#caption').innerText()).toMatch(/ · Schultag/);
      const pdf = await page.pdf({ landscape: true, format: 'A4', preferCSSPageSize: true });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      await page.close();
    }
  });

  // The CLI's own file (built code in dist/, default data): wired to --format html, opens cleanly.
  const cli = path.join(repoRoot, 'dist', 'cli', 'main.js');
  it.skipIf(!existsSync(cli) || !hasDefaultData)('erreichbar report --format html writes the same kind of page', async () => {
    const cliFile = path.join(outDir, 'bericht-cli.html');
    await promisify(execFile)(
      process.execPath,
      [path.join(repoRoot, 'bin', 'erreichbar'), 'report', '--gtfs', BOERDEBUS, MVB, '--cache-dir', sharedCacheDir, '--week', '2026-11-30', '--format', 'html', '--out', cliFile, '--quiet'],
      { maxBuffer: 1 << 26 },
    );
    expect(statSync(cliFile).size).toBeLessThan(5_000_000);
    const { page, requests, problems } = await open(cliFile);
    try {
      expect(await page.locator('#places circle').count()).toBeGreaterThanOrEqual(200);
      expect(await page.locator('#map path.net').count()).toBe(1);
      expect(requests).toEqual([`file://${cliFile}`]);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
