/**
 * What the binary cache files (feed parts, the merged feed set, timetables) share: their arrays
 * start at multiples of 8 so that they are read back as views, a CRC-32 checks them (Node.js
 * 20.15 and later), a damaged file is named in one warning and made again, and a folder keeps the
 * newest files of each kind.
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { UserText } from '../errors.js';

/** `zlib.crc32` (Node.js 20.15 and later), undefined before. */
export const crc32 = (zlib as unknown as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

/** `n` rounded up to a multiple of 8. */
export function align8(n: number): number {
  return Math.ceil(n / 8) * 8;
}

/** The warning for a cache file whose checksum does not match: it is removed and made again. */
export function damagedCacheFile(file: string): UserText {
  return {
    de: `Cache-Datei ${file} ist beschädigt (Prüfsumme stimmt nicht) und wird neu erzeugt`,
    en: `cache file ${file} is damaged (checksum mismatch) and is rebuilt`,
  };
}

/**
 * Keeps the `keep` newest files (by modification time) of `dir` whose name `isOurs` accepts and
 * removes the others; removes at once those `isStale` names (another format version).
 */
export function pruneCacheFiles(dir: string, isOurs: (name: string) => boolean, keep: number, isStale: (name: string) => boolean = () => false): void {
  const kept: { full: string; mtime: number }[] = [];
  for (const name of readdirSync(dir)) {
    if (!isOurs(name)) continue;
    const full = path.join(dir, name);
    if (isStale(name)) {
      rmSync(full, { force: true });
      continue;
    }
    try {
      kept.push({ full, mtime: statSync(full).mtimeMs });
    } catch {
      // Removed meanwhile by another process.
    }
  }
  kept.sort((a, b) => b.mtime - a.mtime);
  for (const { full } of kept.slice(keep)) rmSync(full, { force: true });
}
