import { createHash } from 'node:crypto';
import { distance, point } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/analysis/build-report.js';
import type { HtmlData } from '../../src/report/html-client.js';
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
    gemeinde: name === 'Wedringen' ? 'Ort <b>& Co' : 'Haldensleben',
    lat,
    lon,
    population,
    summary: { slots: 2, reachableAlways: verdict === 'reachable' ? 1 : 0, reachableSometimes: 0, never: verdict === 'reachable' ? 1 : 2 },
    results: results(verdict),
    railStation: null,
  });
  return {
    schemaVersion: 1,
    generatedAt: '2026-12-08T14:05:00.000Z',
    inputs: {
      feeds: [{ label: 'gtfs_boerdebus_std_kn', path: 'x.zip', agencies: ['BördeBus'], timeZone: 'Europe/Berlin', stops: 939, routes: 54, trips: 2850, stopTimes: 37367, firstServiceDate: '2026-06-05', lastServiceDate: '2026-12-31', feedInfoStartDate: '2026-06-05', feedInfoEndDate: '2027-06-04', cacheHit: true, cacheKey: 'k' }],
      places: 'test places',
      destinations: 'test destinations',
      serviceAs: 'timetable' as const,
      railLoaded: false,
      dates: [
        { date: '2026-12-09', dayTypeId: 'school-day' },
        { date: '2026-12-12', dayTypeId: 'saturday' },
      ],
      limits: { bufferSeconds: 300, maxEarlySeconds: 7200, maxLateSeconds: 7200, maxTravelSeconds: 5400, maxWaitSeconds: 2700, maxJourneySeconds: 10800 },
      routing: { walkRadiusMeters: 1000, accessRadiusMeters: 1000, transferSlackSeconds: 120, maxTransfers: 6, useTransfersFile: true, homeAccess: 'walk' as const },
    },
    destinations: [
      { name: 'Hermes', category: 'workplace', lat: 52.2826, lon: 11.3923, slots: ['Mo-Sa 06:00-14:00'], railStation: null },
      { name: '<script>alert(1)</script>', category: 'course', lat: 52.2862, lon: 11.3954, slots: ['Mo-Fr 08:30-12:45'], railStation: null },
    ],
    railStations: [],
    warnings: [],
    ortsteile: [
      ortsteil('Hundisburg', 52.2455, 11.3981, 'reachable', null),
      ortsteil('Wedringen', 52.2726, 11.466, 'unreachable', 800),
      ortsteil('Haldensleben', 52.2884, 11.4066, 'reachable', 20294),
    ],
  };
}

/** The embedded data, read back as the browser does. */
function embedded(html: string): HtmlData {
  const json = /<script type="application\/json" id="data">([\s\S]*?)<\/script>/.exec(html)![1]!;
  return JSON.parse(json) as HtmlData;
}

describe('renderReportHtml', () => {
  const network = { stops: [[52.28, 11.39], [52.29, 11.41]] as [number, number][], lines: [[[52.28, 11.39], [52.29, 11.41]]] as [number, number][][] };
  const html = renderReportHtml(smallReport(), { lang: 'de', network });

  it('escapes names from the data: a destination called <script> stays text', () => {
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('\\u003cscript>alert(1)\\u003c/script>');
    expect(html.match(/<script/g)).toHaveLength(2); // the JSON data element and the report's own script
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    // A Gemeinde name in the server-rendered SVG labels is escaped as markup.
    expect(html).toContain('>Ort &lt;b&gt;&amp; Co</text>');
    expect(html).not.toContain('<b>');
    // The JSON still reads back to the very names.
    const data = embedded(html);
    expect(data.destinations.map((d) => d[0])).toEqual(['Hermes', '<script>alert(1)</script>']);
    expect(data.strings).toContain('Hundisburg <b>');
  });

  it('allows exactly its own inline style and script by hash (strict CSP, no unsafe-inline)', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain('img-src data:');
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(styles).toHaveLength(1);
    expect(scripts).toHaveLength(1);
    const hash = (text: string): string => createHash('sha256').update(text, 'utf8').digest('base64');
    expect(csp).toContain(`style-src 'sha256-${hash(styles[0]!)}'`);
    expect(csp).toContain(`script-src 'sha256-${hash(scripts[0]!)}'`);
    // Inline style attributes and event handler attributes would be blocked: there are none.
    expect(html).not.toMatch(/\sstyle="/);
    expect(html).not.toMatch(/\son[a-z]+="/i);
  });

  it('requests nothing from outside: no src or href, no URL but the SVG namespace', () => {
    expect(html).not.toMatch(/\s(src|href|xlink:href|action)=/i);
    expect(html).not.toMatch(/url\(/i);
    expect(html).not.toMatch(/@import|@font-face/i);
    const urls = html.match(/https?:\/\/[^\s"'<)\\]+/g) ?? [];
    expect(urls.every((url) => url === 'http://www.w3.org/2000/svg')).toBe(true);
  });

  it('embeds the results compactly: verdicts as indices, times in minutes, texts once', () => {
    const data = embedded(html);
    expect(data.slots).toEqual([
      [0, 'Mo-Sa 06:00-14:00'],
      [1, 'Mo-Fr 08:30-12:45'],
    ]);
    expect(data.dates).toEqual(['Schultag (Mi, 09.12.2026)', 'Samstag (Sa, 12.12.2026)']);
    // Places sorted by Gemeinde, then name: Haldensleben, Hundisburg, then Wedringen (Ort <b>& Co).
    expect(data.places.map((p) => p[0])).toEqual(['Haldensleben', 'Hundisburg', 'Wedringen']);
    expect(data.places[0]!.slice(4)).toEqual([20294, 1, 0, 1]);
    const [verdict, outbound, waitBefore, back, waitAfter, reasons] = data.cells[0]![0]![0] as Exclude<HtmlData['cells'][0][0][0], 0>;
    expect(data.verdicts[verdict]).toBe('erreichbar');
    expect(outbound).toEqual([420, 467, 0, data.strings.indexOf('636'), data.strings.indexOf('Hundisburg <b>'), data.strings.indexOf('Süplinger Berg'), 5]);
    expect([waitBefore, waitAfter, reasons]).toEqual([13, 10, []]);
    expect(back).not.toBe(0);
    // Wedringen on Saturday: not reachable, with the reason sentence.
    const saturday = data.cells[0]![2]![1] as Exclude<HtmlData['cells'][0][0][0], 0>;
    expect(data.verdicts[saturday[0]]).toBe('nicht erreichbar');
    expect(saturday[1]).toBe(0);
    expect(saturday[5].map((r) => data.strings[r])).toEqual(['An diesem Tag fährt kein Bus']);
    // The course (Mo-Fr) is not assessed on Saturday.
    expect(data.cells[1]![0]![1]).toBe(0);
    // Every text once.
    expect(new Set(data.strings).size).toBe(data.strings.length);
  });

  it('draws a true-to-scale map: the 10 km bar matches distances between Ortsteile', () => {
    const data = embedded(html);
    const bar = Number(/<g class="scale"[^>]*><path d="M0 -6v6h([\d.]+)/.exec(html)![1]);
    const metersPerUnit = 10_000 / bar;
    const report = smallReport();
    const byName = new Map(data.places.map((p) => [p[0], p]));
    for (const [a, b] of [['Hundisburg', 'Wedringen'], ['Hundisburg', 'Haldensleben'], ['Wedringen', 'Haldensleben']] as const) {
      const pa = byName.get(a)!;
      const pb = byName.get(b)!;
      const mapMeters = Math.hypot(pa[2] - pb[2], pa[3] - pb[3]) * metersPerUnit;
      const oa = report.ortsteile.find((o) => o.name === a)!;
      const ob = report.ortsteile.find((o) => o.name === b)!;
      const trueMeters = distance(point([oa.lon, oa.lat]), point([ob.lon, ob.lat]), { units: 'meters' });
      expect(Math.abs(mapMeters - trueMeters) / trueMeters).toBeLessThan(0.01);
    }
    // North is up: Hundisburg lies south of Haldensleben.
    expect(byName.get('Hundisburg')![3]).toBeGreaterThan(byName.get('Haldensleben')![3]);
    // Lines and stops underneath, one Gemeinde label per Gemeinde.
    expect(html).toMatch(/<path class="net" d="M[\d.]+ [\d.]+L[\d.]+ [\d.]+"\/>/);
    expect(html).toMatch(/<path class="stop" d="(M[\d.]+ [\d.]+h0){2}"\/>/);
    expect(html.match(/<g class="gemeinden">(.*?)<\/g>/)![1]!.match(/<text/g)).toHaveLength(2);
  });

  it('names the data source, the inputs and the generation date (local time); prints on A4 landscape', () => {
    expect(html).toContain('Datenquelle: Nahverkehrsservice Sachsen-Anhalt GmbH (NASA GmbH) sowie die jeweiligen Verkehrsunternehmen, CC BY 4.0');
    // 14:05 UTC is 15:05 in Magdeburg in December.
    expect(html).toContain('<dd>Di, 08.12.2026 15:05</dd>');
    expect(html).toContain('gtfs_boerdebus_std_kn (BördeBus): Fahrten von 2026-06-05 bis 2026-12-31');
    expect(html).toContain('<dd>test places (3)</dd>');
    expect(html).toContain('Schultag (Mi, 09.12.2026), Samstag (Sa, 12.12.2026)');
    expect(html).toContain('Puffer 5 min');
    expect(html).toContain('höchstens 6 Umstiege');
    expect(html).toContain('@page{size:A4 landscape');
    expect(html).toMatch(/@media print\{[^}]*\.controls[^}]*display:none/);
  });

  it('speaks English on request, in the page and in the data', () => {
    const english = renderReportHtml(smallReport(), { lang: 'en' });
    expect(english).toContain('<html lang="en">');
    expect(english).toContain('<h1>Reachability per Ortsteil</h1>');
    expect(english).toContain('<dd>Tue, 2026-12-08 15:05</dd>');
    for (const german of ['Einwohner', 'Grundlagen', 'Fahrten von', 'Puffer', 'Erstellt', 'Legende', 'Schultag', 'erreichbar']) {
      expect(english).not.toContain(german);
    }
    const data = embedded(english);
    expect(data.dates).toEqual(['school day (Wed, 2026-12-09)', 'Saturday (Sat, 2026-12-12)']);
    expect(data.verdicts[0]).toBe('reachable');
    expect(data.text.there).toBe('there');
    expect(data.strings).toContain('No bus runs on this day');
    // No network: no lines or stops drawn, the page still works.
    expect(english).not.toContain('class="net" d=');
  });

  it('is the same for the same report (pure)', () => {
    expect(renderReportHtml(smallReport(), { lang: 'de', network })).toBe(html);
  });
});
