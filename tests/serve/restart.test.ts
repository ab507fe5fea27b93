/**
 * Killing `erreichbar serve` in the middle of requests and starting it again gives the same
 * answers: the server writes nothing (the feed cache is only read), so nothing can be left
 * half-written. The answers are also those of `check --format json`.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { BOERDEBUS, MVB, repoRoot, sharedCacheDir } from '../helpers/paths.js';
import { startServer } from './helpers.js';

const run = promisify(execFile);

const CASES = [
  'api/check?from=Wolmirstedt&to=K%2BS&shift=06:00-14:00&days=Mo-Sa&week=2026-12-07',
  'api/check?from=Hundisburg&to=Hermes%20Fulfilment%20Haldensleben&week=2026-12-07&access=bike',
  'sheet?from=Barleben&to=Salutas&week=2026-12-07&lang=uk',
];

async function answers(base: string): Promise<string[]> {
  return Promise.all(CASES.map(async (path) => (await fetch(`${base}${path}`)).text()));
}

describe('erreichbar serve killed mid-request', () => {
  it('gives the same answers after a restart', async () => {
    const first = await startServer();
    let before: string[];
    try {
      before = await answers(first.url);
      // Requests in flight (a homes ranking over all Ortsteile takes a while), then SIGKILL.
      const inFlight = [
        fetch(`${first.url}homes?to=Hermes%20Fulfilment%20Haldensleben&daytypes=1`).then(
          () => 'answered',
          () => 'cut',
        ),
        fetch(`${first.url}api/check?from=Haldensleben&to=IFA&daytypes=1`).then(
          () => 'answered',
          () => 'cut',
        ),
      ];
      await new Promise((resolve) => setTimeout(resolve, 30));
      first.child.kill('SIGKILL');
      const outcomes = await Promise.all(inFlight);
      expect(outcomes.length).toBe(2);
    } finally {
      await first.stop();
    }
    const second = await startServer();
    try {
      expect(await answers(second.url)).toEqual(before);
    } finally {
      await second.stop();
    }
    const { stdout } = await run(
      process.execPath,
      [path.join(repoRoot, 'bin', 'erreichbar'), 'check', '--gtfs', BOERDEBUS, MVB, '--cache-dir', sharedCacheDir, '--quiet', '--from', 'Wolmirstedt', '--to', 'K+S', '--shift', '06:00-14:00', '--days', 'Mo-Sa', '--week', '2026-12-07', '--format', 'json'],
      { maxBuffer: 1 << 26 },
    );
    expect(before[0]).toBe(stdout);
  }, 600_000);
});
