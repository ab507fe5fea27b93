/**
 * `report --workers`: the destinations dealt out to worker threads give the same report, byte
 * for byte, and the same progress lines as one thread; the CLI says how many threads it uses; a
 * bad count is a usage error.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { BOERDEBUS, MVB, repoRoot, sharedCacheDir } from '../helpers/paths.js';

const run = promisify(execFile);
const cli = path.join(repoRoot, 'bin', 'erreichbar');
async function erreichbar(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], { maxBuffer: 1 << 28 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('report --workers', () => {
  const base = ['report', '--gtfs', BOERDEBUS, MVB, '--cache-dir', sharedCacheDir, '--dates', '2026-12-09', '2026-12-13', '--format', 'json'];

  it('gives the same report on 3 threads as on one, and says so on stderr', async () => {
    const one = await erreichbar([...base, '--workers', '1', '-q']);
    const three = await erreichbar([...base, '--workers', '3']);
    expect([one.code, three.code]).toEqual([0, 0]);
    const strip = (text: string): unknown => ({ ...JSON.parse(text), generatedAt: null });
    expect(strip(three.stdout)).toEqual(strip(one.stdout));
    expect(three.stderr).toMatch(/^Bericht mit 3 Worker-Threads$/m);
    expect(one.stderr).toBe('');
    // Progress after each destination on each date, as on one thread (in the order threads finish).
    const oneLoud = await erreichbar([...base, '--workers', '1']);
    const steps = (stderr: string): string[] =>
      stderr
        .split('\n')
        .filter((line) => line.startsWith('['))
        .map((line) => line.replace(/^\[\d+\/(\d+)\]/, '[$1]'))
        .sort();
    expect(steps(three.stderr).length).toBeGreaterThan(2);
    expect(steps(three.stderr)).toEqual(steps(oneLoud.stderr));
    expect(three.stderr).toMatch(/^\[(\d+)\/\1\] (Mi, 09|So, 13)\.12\.2026: .+$/m);
  }, 300_000);

  it('refuses a count outside 1–64 (exit 2)', async () => {
    const zero = await erreichbar([...base, '--workers', '0']);
    expect([zero.code, zero.stderr]).toEqual([2, 'erreichbar: --workers muss eine ganze Zahl von 1 bis 64 sein, nicht "0"\n']);
  }, 60_000);
});
