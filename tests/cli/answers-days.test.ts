/**
 * Issue 14 on the command line with the real BördeBus + MVB timetable: `--days` applies wherever
 * it is offered (or is refused), dates outside the slot are named, `homes` counts both ways,
 * `compare` refuses date lists of different length, Kita chain JSON has no negative times.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { BOERDEBUS, MVB, repoRoot, sharedCacheDir } from '../helpers/paths.js';

const run = promisify(execFile);
const cli = path.join(repoRoot, 'bin', 'erreichbar');
const erreichbar = (...args: string[]) => run(process.execPath, [cli, ...args, '--cache-dir', sharedCacheDir, '-q'], { maxBuffer: 1 << 28 });
/** Runs and returns exit code, stdout and stderr, also on failure. */
async function attempt(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await erreichbar(...args);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('--days (item 3)', () => {
  it('refuses --days Xy with exit 2 and a German message naming the flag and the expected form', async () => {
    const result = await attempt('check', '--gtfs', BOERDEBUS, MVB, '--from', 'Wolmirstedt', '--to', 'K+S', '--days', 'Xy', '--dates', '2026-12-09');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--days');
    expect(result.stderr).toContain('"Mo-Fr"');
    expect(result.stderr).toContain('"Xy"');
    expect(result.stderr.split('\n').filter((line) => line.trim() !== '')).toHaveLength(1);
  });

  it('check without --shift: --days restricts the destination’s own slots, or is refused when none is left', async () => {
    const refused = await attempt('check', '--gtfs', BOERDEBUS, MVB, '--from', 'Wolmirstedt', '--to', 'K+S', '--days', 'Sa', '--week', '2026-12-07');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--days Sa');
    const { stdout } = await erreichbar('check', '--gtfs', BOERDEBUS, MVB, '--from', 'Wolmirstedt', '--to', 'Hermes Fulfilment Haldensleben', '--days', 'Sa', '--week', '2026-12-07', '--format', 'json');
    const check = JSON.parse(stdout);
    expect(check.slot).toBe('Sa 05:30-14:00');
    expect(check.days.map((d: { date: string }) => d.date)).toEqual(['2026-12-12']);
  });

  it('homes --days Sa shows Saturday, and counts only Ortsteile with both ways on a day', async () => {
    const { stdout } = await erreichbar('homes', '--gtfs', BOERDEBUS, MVB, '--to', 'Hermes Fulfilment Haldensleben', '--days', 'Sa');
    // Data notices (e.g. a feed running a fraction of its trips) may stand above the heading.
    const lines = stdout.split('\n');
    const headAt = lines.findIndex((line) => line.startsWith('Wohnorte für'));
    expect(lines.slice(0, headAt).every((line) => line === '' || /^(Achtung|Hinweis|Annahme)\b/.test(line) || /^Bahnhof /.test(line))).toBe(true);
    expect(lines[headAt]).toMatch(/^Wohnorte für Hermes Fulfilment Haldensleben, Sa 05:30-14:00 — \d+ Ortsteile? mit Hin- und Rückweg an mindestens einem Tag$/);
    const ranked = lines.filter((line) => /^ *\d+\. /.test(line));
    expect(ranked.length).toBeGreaterThan(0);
    for (const line of ranked) {
      expect(line).toContain('Samstag');
      expect(line).not.toMatch(/Schultag|Ferientag/);
    }
  });

  it('names explicit dates outside the slot instead of "keine passenden Tage"', async () => {
    const { stdout } = await erreichbar('check', '--gtfs', BOERDEBUS, MVB, '--from', 'Wolmirstedt', '--to', 'KVHS Wolmirstedt', '--dates', '2026-12-12', '2026-12-09');
    expect(stdout).toContain('12.12.2026 ist ein Samstag, das Zeitfenster gilt Mo-Fr');
    expect(stdout).toContain('Mi, 09.12.2026');
    const only = await erreichbar('check', '--gtfs', BOERDEBUS, MVB, '--from', 'Wolmirstedt', '--to', 'KVHS Wolmirstedt', '--dates', '2026-12-12');
    expect(only.stdout).toContain('12.12.2026 ist ein Samstag, das Zeitfenster gilt Mo-Fr');
    expect(only.stdout).not.toContain('keine passenden Tage');
  });
});

describe('homes ranks by both ways (item 4)', () => {
  it('Hermes: the count is of Ortsteile with ✔ on some day; long-wait and one-way places are listed apart', async () => {
    const { stdout } = await erreichbar('homes', '--gtfs', BOERDEBUS, MVB, '--to', 'Hermes Fulfilment Haldensleben');
    const all = stdout.split('\n');
    const [head, ...rest] = all.slice(all.findIndex((line) => line.startsWith('Wohnorte für')));
    const count = Number(/— (\d+) Ortsteile? mit Hin- und Rückweg an mindestens einem Tag/.exec(head!)![1]);
    const firstBlank = rest.indexOf('');
    const main = (firstBlank === -1 ? rest : rest.slice(0, firstBlank)).filter((line) => /^ *\d+\. /.test(line));
    expect(main).toHaveLength(count);
    for (const line of main) expect(line).toContain('✔');
    expect(stdout).toMatch(/\nNur Hin- oder nur Rückweg \(\d+ Ortsteile?\):\n/);
    const oneWay = stdout.slice(stdout.indexOf('Nur Hin- oder nur Rückweg')).split('\n').filter((line) => /^ *\d+\. /.test(line));
    for (const line of oneWay) expect(line).not.toMatch(/[✔◐]/);
  });
});

describe('compare (item 5)', () => {
  it('refuses --dates and --against-dates of different length (exit 2)', async () => {
    const result = await attempt('compare', '--gtfs', BOERDEBUS, MVB, '--dates', '2026-12-09', '2026-12-10', '--against-dates', '2026-07-08');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--against-dates');
    expect(result.stdout).toBe('');
  });
});

describe('Kita chain JSON (item 1)', () => {
  it('Wanzleben → Kita Bussi → KVHS Oschersleben: a verdict, reasons naming the leg, no negative times; --max-journey 60 holds for every leg', async () => {
    for (const extra of [[], ['--max-journey', '60']]) {
      const { stdout } = await erreichbar('check', '--gtfs', BOERDEBUS, MVB, '--from', 'Wanzleben', '--to', 'KVHS Oschersleben', '--via-kita', 'Bussi', '--dates', '2026-12-09', '--format', 'json', ...extra);
      expect(stdout).not.toMatch(/"-\d\d:\d\d:\d\d"/);
      const chain = JSON.parse(stdout);
      const day = chain.days[0];
      expect(day.verdict).not.toBe('reachable');
      expect(day.works).toBe(false);
      // Without a cap the chain breaks at home → Kita (the bus of the evening before); with 60
      // minutes already at Kita → KVHS (1 h 18 min).
      expect(day.reasons.some((r: { leg: string | null }) => r.leg === (extra.length ? 'kitaToDestination' : 'homeToKita'))).toBe(true);
      const limit = extra.length ? 60 * 60 : 180 * 60;
      const seconds = (t: string): number => Number(t.slice(0, 2)) * 3600 + Number(t.slice(3, 5)) * 60 + Number(t.slice(6, 8));
      for (const leg of Object.values(day.legs) as ({ departure: string; arrival: string } | null)[]) {
        if (leg) expect(seconds(leg.arrival) - seconds(leg.departure)).toBeLessThanOrEqual(limit);
      }
    }
  });
});
