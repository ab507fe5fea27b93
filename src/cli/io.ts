/**
 * The CLI's contact with the outside: output files written atomically, progress on stderr,
 * the default cache folder from the environment.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** Where imported feeds are cached unless `--cache-dir` says otherwise. */
export function defaultCacheDir(): string {
  if (process.env.ERREICHBAR_CACHE_DIR) return process.env.ERREICHBAR_CACHE_DIR;
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'erreichbar');
}

/** Writes text to `--out` (atomically: temp file, then rename) or to stdout. */
export async function writeOutput(text: string, out: string | undefined): Promise<void> {
  const body = text.endsWith('\n') || text === '' ? text : `${text}\n`;
  if (!out) {
    process.stdout.write(body);
    return;
  }
  await mkdir(path.dirname(path.resolve(out)), { recursive: true });
  const partial = `${out}.partial-${process.pid}`;
  try {
    await writeFile(partial, body);
    await rename(partial, out);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

/** Progress lines for long runs, on stderr, only when someone watches (a terminal) or asked for. */
export function progressReporter(enabled: boolean): (message: string) => void {
  if (!enabled) return () => undefined;
  return (message: string) => process.stderr.write(`${message}\n`);
}
