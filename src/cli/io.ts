/**
 * The CLI's contact with the outside: output files written atomically, progress on stderr,
 * the default cache folder from the environment.
 *
 * Every failure to write output becomes one line naming the flag and the path (`--out`, exit 2)
 * or stdout (exit 1) — never a stack trace. `--out` is checked before any work starts
 * ({@link checkOutPath}), so a wrong path does not cost a whole report.
 */
import { constants } from 'node:fs';
import { access, mkdir, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ErreichbarError, UsageError } from '../errors.js';

/** Where imported feeds are cached unless `--cache-dir` says otherwise. */
export function defaultCacheDir(): string {
  if (process.env.ERREICHBAR_CACHE_DIR) return process.env.ERREICHBAR_CACHE_DIR;
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'erreichbar');
}

function outError(out: string, reason: { de: string; en: string }): UsageError {
  return new UsageError({ de: `--out "${out}": ${reason.de}`, en: `--out "${out}": ${reason.en}` }, '--out', 'BAD_OUTPUT_PATH');
}

function errnoReason(error: unknown): { de: string; en: string } {
  const code = (error as NodeJS.ErrnoException).code ?? String(error);
  switch (code) {
    case 'EISDIR':
      return { de: 'ist ein Ordner', en: 'is a folder' };
    case 'ENOTDIR':
      return { de: 'liegt unter einer Datei, nicht in einem Ordner', en: 'lies below a file, not in a folder' };
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return { de: `darf nicht geschrieben werden (${code})`, en: `may not be written (${code})` };
    case 'ENOSPC':
    case 'EDQUOT':
      return { de: `kein Platz mehr auf dem Datenträger (${code})`, en: `no space left on the device (${code})` };
    default:
      return { de: `kann nicht geschrieben werden (${code})`, en: `cannot be written (${code})` };
  }
}

/**
 * Checks an `--out` path before any work: not empty, not a folder, not below a file, in a
 * writable folder. Folders that do not exist yet are fine (they are created).
 */
export async function checkOutPath(out: string): Promise<void> {
  if (out.trim() === '') throw outError(out, { de: 'ist kein Dateiname', en: 'is not a file name' });
  const target = path.resolve(out);
  const info = await stat(target).catch(() => undefined);
  if (info?.isDirectory()) throw outError(out, errnoReason({ code: 'EISDIR' }));
  let folder = path.dirname(target);
  for (;;) {
    const folderInfo = await stat(folder).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : error));
    if (folderInfo instanceof Error) throw outError(out, errnoReason(folderInfo));
    if (folderInfo === undefined) {
      const parent = path.dirname(folder);
      if (parent === folder) break;
      folder = parent;
      continue;
    }
    if (!folderInfo.isDirectory()) throw outError(out, errnoReason({ code: 'ENOTDIR' }));
    await access(folder, constants.W_OK).catch((error: unknown) => {
      throw outError(out, errnoReason(error));
    });
    break;
  }
}

/**
 * Writes text to `--out` (atomically: temp file, then rename) or to stdout. A device or pipe
 * given as `--out` (`/dev/stdout`) is written directly. Failures become one line: a
 * {@link UsageError} naming `--out` and the path, or an {@link ErreichbarError} naming stdout.
 */
export async function writeOutput(text: string, out: string | undefined): Promise<void> {
  const body = text.endsWith('\n') || text === '' ? text : `${text}\n`;
  if (out === undefined) {
    await writeStdout(body);
    return;
  }
  await checkOutPath(out);
  const info = await stat(out).catch(() => undefined);
  if (info && !info.isFile()) {
    // A device or a pipe: renaming over it would replace it.
    const handle = await open(out, 'w').catch((error: unknown) => {
      throw outError(out, errnoReason(error));
    });
    try {
      await handle.writeFile(body).catch((error: unknown) => {
        throw outError(out, errnoReason(error));
      });
    } finally {
      await handle.close().catch(() => undefined);
    }
    return;
  }
  const partial = `${out}.partial-${process.pid}`;
  try {
    await mkdir(path.dirname(path.resolve(out)), { recursive: true });
    await writeFile(partial, body);
    await rename(partial, out);
  } catch (error) {
    await rm(partial, { force: true }).catch(() => undefined);
    throw outError(out, errnoReason(error));
  }
}

/** Writes to stdout and waits until it is handed over; a write error (ENOSPC) becomes one line. */
function writeStdout(body: string): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(body, (error) => {
      if (!error) resolve();
      else if ((error as NodeJS.ErrnoException).code === 'EPIPE') resolve();
      else reject(stdoutError(error));
    });
  });
}

function stdoutError(error: unknown): ErreichbarError {
  const reason = errnoReason(error);
  return new ErreichbarError('OUTPUT_FAILED', { de: `Standardausgabe (stdout) ${reason.de}`, en: `standard output (stdout) ${reason.en}` });
}

/**
 * Keeps stdout errors from crashing the process: a reader that stops early (`| head`, EPIPE)
 * ends the run quietly with exit 0; any other error (ENOSPC on `> /dev/full`) is reported once,
 * with one line, by {@link writeOutput}, which all output goes through.
 */
export function guardStdout(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
  });
}

/** Progress lines for long runs, on stderr, only when someone watches (a terminal) or asked for. */
export function progressReporter(enabled: boolean): (message: string) => void {
  if (!enabled) return () => undefined;
  return (message: string) => process.stderr.write(`${message}\n`);
}
