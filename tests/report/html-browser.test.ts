/**
 * Opens the HTML report of the default Börde data (BördeBus + MVB) in a real headless Chromium —
 * Debian's chromium driven by playwright-core, never a downloaded browser — and uses it like a
 * planner: switch destination and day, click an Ortsteil, read the panel. No network request may
 * leave the page; the screenshot lands in test-output/.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { BOERDEBUS, MVB, repoRoot, sharedCacheDir } from '../helpers/paths.js';

const CHROMIUM = '/usr/bin/chromium';
const run = promisify(execFile);

describe.skipIf(!existsSync(CHROMIUM))('the HTML report in a real browser', () => {
  it('works offline: switch destination and day, click an Ortsteil, see its connections', async () => {
    const outDir = path.join(repoRoot, 'test-output');
    mkdirSync(outDir, { recursive: true });
    const file = path.join(outDir, 'bericht.html');
    await run(process.execPath, [path.join(repoRoot, 'bin', 'erreichbar'), 'report', '--gtfs', BOERDEBUS, MVB, '--cache-dir', sharedCacheDir, '--format', 'html', '--out', file, '--quiet'], {
      maxBuffer: 1 << 26,
    });
    const size = statSync(file).size;
    console.log(`full default report: ${(size / 1e6).toFixed(2)} MB`);
    expect(size).toBeLessThan(5_000_000);

    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1100 } });
      const requests: string[] = [];
      const problems: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));
      await page.goto(`file://${file}`);
      await page.waitForSelector('#places circle');

      const circles = await page.locator('#places circle').count();
      expect(circles).toBeGreaterThanOrEqual(200);
      const fills = (): Promise<string[]> => page.$$eval('#places circle', (nodes) => nodes.map((node) => node.getAttribute('fill') ?? ''));
      const before = await fills();

      // Switch to the K+S mine's early shift and to Saturday.
      const slotValue = await page.$$eval('#slot option', (options) => options.find((o) => o.textContent?.includes('K+S') && o.textContent.includes('06:00-14:00'))?.getAttribute('value'));
      expect(slotValue).toBeTruthy();
      await page.selectOption('#slot', slotValue!);
      const afterSlot = await fills();
      expect(afterSlot).not.toEqual(before);
      const dayLabels = await page.$$eval('#day option', (options) => options.map((o) => o.textContent ?? ''));
      expect(dayLabels[0]).toMatch(/^Schultag/);
      const saturday = dayLabels.findIndex((label) => label.startsWith('Samstag'));
      expect(saturday).toBeGreaterThan(0);
      await page.selectOption('#day', String(saturday));
      const afterDay = await fills();
      expect(afterDay).not.toEqual(afterSlot);

      // Back to the school day: Wolmirstedt reaches the early shift (see tests/analysis/real-cases).
      await page.selectOption('#day', '0');
      await page.locator('#places circle[data-name="Wolmirstedt"]').click();
      const panel = await page.locator('#panel').innerText();
      expect(panel).toContain('Wolmirstedt (Wolmirstedt)');
      expect(panel).toContain('K+S Kaliwerk Zielitz');
      expect(panel).toMatch(/hin: ab \d\d:\d\d, an \d\d:\d\d/);
      expect(panel).toMatch(/zurück: ab \d\d:\d\d/);

      // The summary table sorts by a click on its header.
      await page.locator('#summary th[data-key="4"]').click();
      const firstRow = await page.locator('#summary tbody tr').first().innerText();
      expect(firstRow).toBeTruthy();

      mkdirSync(outDir, { recursive: true });
      await page.screenshot({ path: path.join(outDir, 'report-map.png'), fullPage: false });
      expect(requests).toEqual([`file://${file}`]);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
