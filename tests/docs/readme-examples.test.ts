/**
 * The README's examples are the real output: `scripts/readme-examples.mjs --check` reruns every
 * marked example and fails when a block differs (fix: `npm run readme:examples`).
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot, sharedCacheDir } from '../helpers/paths.js';

const run = promisify(execFile);
const script = path.join(repoRoot, 'scripts', 'readme-examples.mjs');
async function examples(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [script, ...args], { env: { ...process.env, ERREICHBAR_CACHE_DIR: sharedCacheDir } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('README examples', () => {
  it('match the real output of the CLI', { timeout: 600_000 }, async () => {
    const result = await examples('--check');
    expect(result.stderr).toBe('');
    expect([result.code, result.stdout]).toEqual([0, 'readme-examples: README.md matches the real output\n']);
  });

  it('a README whose example drifted fails the check, naming the example, and is repaired by a rerun', { timeout: 600_000 }, async () => {
    const copy = path.join(mkdtempSync(path.join(os.tmpdir(), 'erreichbar-readme-')), 'README.md');
    copyFileSync(path.join(repoRoot, 'README.md'), copy);
    const original = readFileSync(copy, 'utf8');
    const drifted = original.replace(/(<!-- example:homes -->[\s\S]*?)Wohnorte für/, '$1Homes for');
    expect(drifted).not.toBe(original);
    writeFileSync(copy, drifted);
    const check = await examples('--check', '--readme', copy, '--only', 'homes');
    expect([check.code, check.stderr]).toEqual([1, 'readme-examples: README.md differs from the real output in: homes (run npm run readme:examples)\n']);
    const rewrite = await examples('--readme', copy, '--only', 'homes');
    expect([rewrite.code, rewrite.stdout]).toEqual([0, 'readme-examples: rewrote homes\n']);
    expect(readFileSync(copy, 'utf8')).toBe(original);
  });
});
