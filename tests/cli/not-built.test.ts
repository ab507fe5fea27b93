/** `bin/erreichbar` before `npm run build`: one line saying so, not a module-not-found trace. */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/paths.js';

describe('bin/erreichbar without a build', () => {
  it('says "npm run build" in German and English, exit 1, no stack trace', () => {
    const checkout = mkdtempSync(path.join(os.tmpdir(), 'erreichbar-unbuilt-'));
    mkdirSync(path.join(checkout, 'bin'));
    copyFileSync(path.join(repoRoot, 'bin', 'erreichbar'), path.join(checkout, 'bin', 'erreichbar'));
    copyFileSync(path.join(repoRoot, 'package.json'), path.join(checkout, 'package.json'));
    const result = spawnSync(process.execPath, [path.join(checkout, 'bin', 'erreichbar'), 'check', '--help'], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('erreichbar: noch nicht gebaut – bitte zuerst "npm run build" ausführen (not built yet: run "npm run build" first)\n');
  });
});
