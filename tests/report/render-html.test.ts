import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/analysis/build-report.js';
import { renderReportHtml } from '../../src/report/render-html.js';

/** A small hand-made report: 3 Ortsteile, 2 destinations (one with a hostile name), 2 slots, 2 days. */
export function smallReport(): Report {
  const journey = (departure: number, arrival: number) => ({ departure, arrival, transfers: 0, routes: ['636'], firstStop: 'Hundisburg <b>', lastStop: 'Süplinger Berg', walkSeconds: 300 });
  const day = (date: string, dayTypeId: 'school-day' | 'saturday', verdict: 'reachable' | 'unreachable') => ({
    date,
    dayTypeId,
    verdict,
    outbound: verdict === 'reachable' ? journey(25200, 28000) : null,
    return: verdict === 'reachable' ? journey(51000, 53000) : null,
    waitBeforeSeconds: verdict === 'reachable' ? 800 : null,
    waitAfterSeconds: verdict === 'reachable' ? 600 : null,
    reasons: verdict === 'reachable' ? [] : [{ code: 'no-service' as const }],
  });
  const results = (verdict: 'reachable' | 'unreachable') => [
    { destination: 'Hermes', category: 'workplace', slot: 'Mo-Sa 06:00-14:00', byDayType: { 'school-day': verdict, saturday: 'unreachable' as const }, days: [day('2026-12-09', 'school-day', verdict), day('2026-12-12', 'saturday', 'unreachable')] },
    { destination: '<script>alert(1)</script>', category: 'course', slot: 'Mo-Fr 08:30-12:45', byDayType: { 'school-day': verdict }, days: [day('2026-12-09', 'school-day', verdict)] },
  ];
  const ortsteil = (name: string, lat: number, lon: number, verdict: 'reachable' | 'unreachable', population: number | null) => ({
    name,
    gemeinde: 'Haldensleben',
    lat,
    lon,
    population,
    summary: { slots: 2, reachableAlways: verdict === 'reachable' ? 1 : 0, reachableSometimes: 0, never: verdict === 'reachable' ? 1 : 2 },
    results: results(verdict),
  });
  return {
    schemaVersion: 1,
    generatedAt: '2026-12-08T14:05:00.000Z',
    inputs: {
      feeds: [{ label: 'gtfs_boerdebus_std_kn', path: 'x.zip', agencies: ['BördeBus'], timeZone: 'Europe/Berlin', stops: 939, routes: 54, trips: 2850, stopTimes: 37367, firstServiceDate: '2026-06-05', lastServiceDate: '2026-12-31', feedInfoStartDate: '2026-06-05', feedInfoEndDate: '2027-06-04', cacheHit: true, cacheKey: 'k' }],
      places: 'test places',
      destinations: 'test destinations',
      dates: [
        { date: '2026-12-09', dayTypeId: 'school-day' },
        { date: '2026-12-12', dayTypeId: 'saturday' },
      ],
      limits: { bufferSeconds: 300, maxEarlySeconds: 7200, maxLateSeconds: 7200, maxTravelSeconds: 5400, maxWaitSeconds: 2700, maxJourneySeconds: 10800 },
      routing: { walkRadiusMeters: 1000, accessRadiusMeters: 1000, transferSlackSeconds: 120, maxTransfers: 6, useTransfersFile: true, homeAccess: 'walk' as const },
    },
    destinations: [
      { name: 'Hermes', category: 'workplace', lat: 52.2826, lon: 11.3923, slots: ['Mo-Sa 06:00-14:00'] },
      { name: '<script>alert(1)</script>', category: 'course', lat: 52.2862, lon: 11.3954, slots: ['Mo-Fr 08:30-12:45'] },
    ],
    ortsteile: [
      ortsteil('Hundisburg', 52.2455, 11.3981, 'reachable', null),
      ortsteil('Wedringen', 52.2726, 11.466, 'unreachable', 800),
      ortsteil('Haldensleben', 52.2884, 11.4066, 'reachable', 20294),
    ],
  };
}

describe('renderReportHtml', () => {
  const html = renderReportHtml(smallReport(), { lang: 'de', network: { stops: [[52.28, 11.39]], lines: [[[52.28, 11.39], [52.29, 11.41]]] } });

  it('escapes names from the data: a destination called <script> stays text', () => {
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('\\u003cscript>alert(1)\\u003c/script>');
    expect(html.match(/<script/g)).toHaveLength(2); // the JSON data element and the report's own script
  });

  it('allows exactly its own inline style and script by hash (strict CSP, no unsafe-inline)', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
    const hash = (text: string): string => createHash('sha256').update(text, 'utf8').digest('base64');
    expect(csp).toContain(`style-src 'sha256-${hash(style)}'`);
    expect(csp).toContain(`script-src 'sha256-${hash(script)}'`);
    expect(html).not.toMatch(/ style="/);
  });

  it('requests nothing from outside: no src or href, no URL but the SVG namespace', () => {
    expect(html).not.toMatch(/\s(src|href)=/i);
    const urls = html.match(/https?:\/\/[^\s"'<)]+/g) ?? [];
    expect(urls.every((url) => url === 'http://www.w3.org/2000/svg')).toBe(true);
  });

  it('names the data source, the inputs and the generation date; English on request', () => {
    expect(html).toContain('Datenquelle: Nahverkehrsservice Sachsen-Anhalt GmbH (NASA GmbH) sowie die jeweiligen Verkehrsunternehmen, CC BY 4.0');
    expect(html).toContain('Di, 08.12.2026 14:05 UTC');
    expect(html).toContain('gtfs_boerdebus_std_kn (BördeBus): Fahrten von 2026-06-05 bis 2026-12-31');
    expect(html).toContain('@page{size:A4 landscape');
    const english = renderReportHtml(smallReport(), { lang: 'en' });
    expect(english).toContain('<html lang="en">');
    expect(english).toContain('Reachability per Ortsteil');
  });
});
