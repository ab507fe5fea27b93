/** Helpers of the hostile-input tests: run the CLI without throwing, build a corpus case's feed. */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { writeStoredZip } from './write-zip.js';
import { fixture, repoRoot } from '../helpers/paths.js';

const run = promisify(execFile);
const cli = path.join(repoRoot, 'bin', 'erreichbar');

/** Runs the CLI with its own TMPDIR and returns exit code, stdout and stderr (never throws). */
export async function erreichbar(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], { env: { ...process.env, ...env }, maxBuffer: 1 << 26 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

export function filesUnder(dir: string, prefix = ''): Record<string, Buffer> {
  const files: Record<string, Buffer> = {};
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) Object.assign(files, filesUnder(full, `${prefix}${name}/`));
    else files[`${prefix}${name}`] = readFileSync(full);
  }
  return files;
}

/** Builds the feed of a case in `dir`: a zip of `zip/`, or `base/` with the case's files laid over it. */
export function buildCase(name: string, dir: string): string {
  const caseDir = fixture('hostile', name);
  if (existsSync(path.join(caseDir, 'zip'))) {
    const zip = path.join(dir, `${name}.zip`);
    writeStoredZip(zip, filesUnder(path.join(caseDir, 'zip')));
    return zip;
  }
  const feed = path.join(dir, name);
  mkdirSync(feed);
  for (const file of readdirSync(fixture('hostile', 'base'))) copyFileSync(fixture('hostile', 'base', file), path.join(feed, file));
  for (const file of readdirSync(caseDir).filter((file) => file.endsWith('.txt'))) copyFileSync(path.join(caseDir, file), path.join(feed, file));
  return feed;
}

