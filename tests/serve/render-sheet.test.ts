/**
 * The trip sheet on the real BördeBus + MVB timetables: its German lines are word for word the
 * lines `check` prints (formatLegs), the client's column is built from the phrase table of the
 * language, names stay untranslated and isolated, Arabic and Persian are right to left; and every
 * phrase table has the same placeholders as the German one, so no translation can drop a time.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCheck, type CheckResult } from '../../src/cli/commands/check-command.js';
import { loadFeeds } from '../../src/feed/load-feeds.js';
import { loadDestinations } from '../../src/places/load-destinations.js';
import { loadPlaces } from '../../src/places/load-places.js';
import { formatLegs } from '../../src/report/format-journey.js';
import { renderSheet } from '../../src/report/render-sheet.js';
import { SHEET_LANGS, SHEET_PHRASES } from '../../src/report/sheet-phrases/index.js';
import { BOERDEBUS, MVB, repoRoot, sharedCacheDir } from '../helpers/paths.js';

/** The text of the cells of one column (`de` or `client`), tags removed. */
function cells(html: string, column: 'de' | 'client'): string[] {
  return [...html.matchAll(new RegExp(`<td class="${column}"[^>]*>(.*?)</td>`, 'g'))].map((m) =>
    m[1]!.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>'),
  );
}

describe('the trip sheet', () => {
  let result: CheckResult;
  let changing: CheckResult;

  beforeAll(async () => {
    const feeds = await loadFeeds([BOERDEBUS, MVB], { cacheDir: sharedCacheDir });
    const { places } = await loadPlaces(path.join(repoRoot, 'data', 'ortsteile.csv'));
    const { destinations } = await loadDestinations(path.join(repoRoot, 'data', 'destinations.csv'));
    const inputs = { feeds, places, destinations, today: '2026-12-01' };
    result = await runCheck(inputs, { from: 'Wolmirstedt', to: 'K+S', shift: '06:00-14:00', days: 'Mo-Sa', week: '2026-12-07' });
    // A case with changes of vehicle (Hundisburg to the Salutas site in Barleben).
    changing = await runCheck(inputs, { from: 'Hundisburg', to: 'Salutas', shift: '06:00-14:00', days: 'Mo-Fr', week: '2026-12-07' });
  });

  it('prints in German word for word the lines of check, for every journey', () => {
    for (const checked of [result, changing]) {
      const html = renderSheet(checked, { lang: 'ar' });
      const german = new Set(cells(html, 'de'));
      let compared = 0;
      for (const item of checked.items) {
        for (const day of item.days as { outbound: { legs: Parameters<typeof formatLegs>[0] } | null; return: { legs: Parameters<typeof formatLegs>[0] } | null }[]) {
          for (const journey of [day.outbound, day.return]) {
            if (!journey) continue;
            for (const line of formatLegs(journey.legs, 'de', '')) {
              expect(german, line).toContain(line);
              compared++;
            }
          }
        }
      }
      expect(compared).toBeGreaterThan(5);
    }
  });

  it('sets Arabic and Persian right to left beside German, with names as on the sign', () => {
    for (const lang of ['ar', 'fa'] as const) {
      const html = renderSheet(result, { lang });
      expect(html).toContain(`<html lang="${lang}" dir="rtl">`);
      expect(html).toMatch(new RegExp(`<td class="client" lang="${lang}" dir="rtl">`));
      expect(html).toContain('<td class="de" lang="de" dir="ltr">');
      expect(html).toContain('<bdi>Wolmirstedt, Bahnhof (Bus)</bdi>');
      expect(html).toContain('<bdi>Bus 623</bdi>');
    }
    const arabic = cells(renderSheet(result, { lang: 'ar' }), 'client');
    expect(arabic).toContain('انطلاق 05:17 من Wolmirstedt, Bahnhof (Bus) — حافلة 623 باتجاه Wenddorf — وصول 05:28 إلى Zielitz, Schricker Str.');
    expect(arabic.some((cell) => cell.startsWith('مشياً 7 دقيقة'))).toBe(true);
    const ukrainian = renderSheet(result, { lang: 'uk' });
    expect(ukrainian).toContain('<html lang="uk" dir="ltr">');
    expect(cells(ukrainian, 'client')).toContain('відправлення 05:17 Wolmirstedt, Bahnhof (Bus) — Автобус 623 у напрямку Wenddorf — прибуття 05:28 Zielitz, Schricker Str.');
  });

  it('groups the days with the same buses and says what to do on the days without a connection', () => {
    const html = renderSheet(result, { lang: 'tr' });
    expect(html.match(/<section class="group/g)).toHaveLength(2);
    expect(html).toContain('Mo, Di, Mi, Do, Fr — Schultag');
    expect(html).toContain('Pzt, Sal, Çar, Per, Cum — okul günü');
    expect(html).toContain('<section class="group none"><h2>✘ ');
    expect(html).toContain('Was tun an Tagen ohne Verbindung?');
    expect(cells(html, 'client')).toContain('En erken varış ancak 08:28.');
    const german = renderSheet(result, { lang: 'de' });
    expect(german).not.toContain('class="client"');
    expect(german).toContain('<html lang="de" dir="ltr">');
  });

  it('has a phrase table per language with the placeholders of the German one', () => {
    const placeholders = (value: unknown): string[] =>
      typeof value === 'string'
        ? [...value.matchAll(/\{[a-z]+\}/g)].map((m) => m[0]).sort()
        : Array.isArray(value)
          ? value.flatMap(placeholders)
          : value && typeof value === 'object'
            ? Object.values(value).flatMap(placeholders)
            : [];
    const german = SHEET_PHRASES.de as unknown as Record<string, unknown>;
    for (const lang of SHEET_LANGS) {
      const table = SHEET_PHRASES[lang] as unknown as Record<string, unknown>;
      expect(Object.keys(table).sort(), lang).toEqual(Object.keys(german).sort());
      for (const key of Object.keys(german)) {
        expect(placeholders(table[key]), `${lang}.${key}`).toEqual(placeholders(german[key]));
        if (typeof table[key] === 'string') expect((table[key] as string).trim(), `${lang}.${key}`).not.toBe('');
      }
      expect(SHEET_PHRASES[lang].dir).toBe(lang === 'ar' || lang === 'fa' ? 'rtl' : 'ltr');
    }
  });

  it('escapes names from the data', () => {
    const hostile = structuredClone(result) as CheckResult;
    hostile.items[0]!.subject.to = { ...hostile.items[0]!.subject.to, name: '<img src=x onerror=alert(1)>' };
    const html = renderSheet(hostile, { lang: 'ar' });
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
