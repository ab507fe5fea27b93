/**
 * What the binary cache files (feed parts, the merged feed set, timetables) share: their arrays
 * start at multiples of 8 so that they are read back as views, a CRC-32 checks them (Node.js
 * 20.15 and later), and a damaged file is named in one warning and made again.
 */
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
