/**
 * The workbench in a real headless Chromium (Debian's chromium via playwright-core) against a
 * running `erreichbar serve` on a random loopback port, used as a caseworker would: type
 * "Wolmirstädt" and pick the suggestion, choose K+S and the early shift Mo–Sa, read the answer
 * (the same lines as `check` prints), reload from the URL, open the trip sheet in Arabic, send a
 * bad field, click the map. Every request is intercepted: none may leave 127.0.0.1; no console
 * error and no CSP violation may happen. Screenshots go to test-output/ (gitignored).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOERDEBUS, MVB, repoRoot, sharedCacheDir } from '../helpers/paths.js';
import { startServer, type RunningServer } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const outDir = path.join(repoRoot, 'test-output');
const run = promisify(execFile);
const erreichbar = (...args: string[]) =>
  run(process.execPath, [path.join(repoRoot, 'bin', 'erreichbar'), ...args, '--gtfs', BOERDEBUS, MVB, '--cache-dir', sharedCacheDir, '--quiet'], { maxBuffer: 1 << 26 });

describe.skipIf(!existsSync(CHROMIUM))('the workbench in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  const foreign: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(outDir, { recursive: true });
    server = await startServer();
    browser = await (await import('playwright-core')).chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A page whose every request is checked: only the server's own origin is let through. */
  async function open(): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1300, height: 950 } });
    // The first answer of a week builds its timetables; on a busy test machine that takes a while.
    page.setDefaultTimeout(240_000);
    page.setDefaultNavigationTimeout(240_000);
    const origin = new URL(server.url).origin;
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (new URL(url).origin === origin) return route.continue();
      foreign.push(url);
      return route.abort();
    });
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    // Injected by the debugging protocol, so the page's CSP does not apply to it.
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`));
    });
    return page;
  }

  /** The answer as lines: slot title, summary, then per day its heading and lines. */
  async function answerLines(page: Page): Promise<string[]> {
    return page.$$eval('#answer .slot', (slots) =>
      slots.flatMap((slot) => [
        slot.querySelector('h3')!.textContent!,
        slot.querySelector('.summary')!.textContent!,
        ...Array.from(slot.querySelectorAll('.day')).flatMap((day) => [day.querySelector('h4')!.textContent!, ...Array.from(day.querySelectorAll('.lines li')).map((li) => li.textContent!)]),
      ]),
    );
  }

  it('type "Wolmirstädt", pick it, choose K+S 06:00–14:00 Mo–Sa: the same times as check; reload from the URL: the same answer', async () => {
    const page = await open();
    await page.goto(server.url);
    await page.locator('#from').pressSequentially('Wolmirstädt', { delay: 20 });
    const option = page.locator('#from-list li', { hasText: 'Wolmirstedt' }).first();
    await option.waitFor();
    await option.click();
    expect(await page.inputValue('#from')).toBe('Wolmirstedt');
    await page.selectOption('#to-pick', 'K+S Kaliwerk Zielitz');
    expect(await page.inputValue('#to')).toBe('K+S Kaliwerk Zielitz');
    await page.fill('#shift', '06:00-14:00');
    await page.fill('#days', 'Mo-Sa');
    await page.fill('#week', '2026-12-07');
    await Promise.all([page.waitForURL(/from=/), page.click('#submit')]);
    await page.waitForSelector('#answer .day');
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toEqual({ from: 'Wolmirstedt', to: 'K+S Kaliwerk Zielitz', shift: '06:00-14:00', days: 'Mo-Sa', week: '2026-12-07' });

    const { stdout } = await erreichbar('check', '--from', 'Wolmirstedt', '--to', 'K+S Kaliwerk Zielitz', '--shift', '06:00-14:00', '--days', 'Mo-Sa', '--week', '2026-12-07');
    const cliLines = stdout.split('\n').map((line) => line.trim()).filter(Boolean);
    // The data notices check prints above its answer stand in the page's notes box of that slot.
    const notices = await page.$$eval('#answer .slot > .notices li', (items) => items.map((li) => li.textContent!));
    expect(notices.length).toBeGreaterThan(0);
    const lines = await answerLines(page);
    expect([...notices, ...lines]).toEqual(cliLines);
    expect(lines).toContain('ab 05:17 Wolmirstedt, Bahnhof (Bus) — Bus 623 Richtung Wenddorf — an 05:28 Zielitz, Schricker Str.');
    await page.screenshot({ path: path.join(outDir, 'serve-answer.png'), fullPage: true });

    await page.reload();
    await page.waitForSelector('#answer .day');
    expect(await answerLines(page)).toEqual(lines);
    const fresh = await open();
    await fresh.goto(url.toString());
    expect(await answerLines(fresh)).toEqual(lines);
    expect(await fresh.inputValue('#from')).toBe('Wolmirstedt');

    // Homes are one click away and link back to cases.
    await Promise.all([page.waitForURL(/\/homes\?/), page.click('#homes-link')]);
    await page.waitForSelector('#homes li a');
    expect(await page.locator('#homes li a', { hasText: 'Wolmirstedt (Wolmirstedt)' }).count()).toBe(1);
    await fresh.close();
    await page.close();
  }, 600_000);

  it('opens the trip sheet in Arabic: right to left, translated connecting words, names as on the sign', async () => {
    const page = await open();
    await page.goto(`${server.url}?from=Wolmirstedt&to=K%2BS&shift=06:00-14:00&days=Mo-Sa&week=2026-12-07`);
    await page.waitForSelector('#sheet-form');
    await page.selectOption('#sheet-lang', 'ar');
    await Promise.all([page.waitForURL(/\/sheet\?/), page.click('#sheet-open')]);
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await page.getAttribute('html', 'lang')).toBe('ar');
    const arabic = await page.$$eval('td.client[lang=ar]', (cells) => cells.map((cell) => ({ text: cell.textContent ?? '', dir: cell.getAttribute('dir') })));
    expect(arabic.length).toBeGreaterThan(5);
    expect(arabic.every((cell) => cell.dir === 'rtl')).toBe(true);
    const texts = arabic.map((cell) => cell.text);
    expect(texts).toContain('انطلاق 05:17 من Wolmirstedt, Bahnhof (Bus) — حافلة 623 باتجاه Wenddorf — وصول 05:28 إلى Zielitz, Schricker Str.');
    expect(texts.some((text) => text.startsWith('الذهاب'))).toBe(true);
    expect(texts.some((text) => text.startsWith('العودة'))).toBe(true);
    const german = await page.$$eval('td.de', (cells) => cells.map((cell) => cell.textContent ?? ''));
    expect(german).toContain('ab 05:17 Wolmirstedt, Bahnhof (Bus) — Bus 623 Richtung Wenddorf — an 05:28 Zielitz, Schricker Str.');
    expect(await page.locator('.advice').count()).toBe(1);
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: path.join(outDir, 'serve-sheet-ar.png'), fullPage: true });
    await page.close();
  }, 300_000);

  it('a bad field shows its message next to it — the message the CLI prints', async () => {
    const page = await open();
    await page.goto(server.url);
    await page.fill('#from', 'Wolmirstedt');
    await page.fill('#to', 'K+S');
    await page.fill('#shift', '14:00');
    await Promise.all([page.waitForURL(/shift=/), page.click('#submit')]);
    const message = await page.textContent('#field-shift .error');
    const failed = await erreichbar('check', '--from', 'Wolmirstedt', '--to', 'K+S', '--shift', '14:00').catch((error: { code: number; stderr: string }) => error);
    expect((failed as { code: number }).code).toBe(2);
    expect(message).toBe((failed as { stderr: string }).stderr.trim().replace(/^erreichbar: /, ''));
    expect(await page.getAttribute('#shift', 'aria-invalid')).toBe('true');
    expect(await page.locator('#answer').count()).toBe(0);
    // The page came with status 400, as it should; Chromium logs that one as a console error.
    const expected = problems.indexOf('Failed to load resource: the server responded with a status of 400 (Bad Request)');
    expect(expected).toBeGreaterThanOrEqual(0);
    problems.splice(expected, 1);
    await page.close();
  }, 300_000);

  it('a click on the map sets a point, a click on an Ortsteil its name', async () => {
    const page = await open();
    await page.goto(server.url);
    await page.click('#places circle[data-name="Hundisburg"]');
    expect(await page.inputValue('#from')).toBe('Hundisburg');
    await page.check('input[name=mapfor][value=to]');
    // A spot in the middle of the district with no Ortsteil or destination on it.
    const spot = await page.$eval('#map', (map) => {
      const box = map.getBoundingClientRect();
      for (let dy = 0; dy < 0.2; dy += 0.01) {
        for (let dx = 0; dx < 0.2; dx += 0.01) {
          const x = box.left + box.width * (0.45 + dx);
          const y = box.top + box.height * (0.45 + dy);
          const hit = document.elementFromPoint(x, y);
          if (hit && map.contains(hit) && !hit.closest('[data-name]')) return { x, y };
        }
      }
      return undefined;
    });
    expect(spot).toBeDefined();
    await page.mouse.click(spot!.x, spot!.y);
    const point = await page.inputValue('#to');
    expect(point).toMatch(/^52\.\d{5},11\.\d{5}$/);
    const [lat, lon] = point.split(',').map(Number);
    expect(lat).toBeGreaterThan(51.9);
    expect(lat).toBeLessThan(52.6);
    expect(lon).toBeGreaterThan(10.9);
    expect(lon).toBeLessThan(12.0);
    await page.fill('#shift', '08:00-16:00');
    await Promise.all([page.waitForURL(/to=52/), page.click('#submit')]);
    await page.waitForSelector('#answer .day');
    await page.close();
  }, 300_000);

  it('no request left 127.0.0.1, no console error, no CSP violation', () => {
    expect(foreign).toEqual([]);
    expect(problems).toEqual([]);
  });
});
