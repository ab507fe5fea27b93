/**
 * The feed-set snapshot on a Node.js without `zlib.crc32` (before 20.15): its checksum is a
 * SHA-256, a damaged one is discarded with one warning, and a file with a CRC-32 (written by a
 * newer Node.js into the same cache) is passed over silently and written anew.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { loadFeeds, type FeedSet } from '../../src/feed/load-feeds.js';
import { userTextIn, type UserText } from '../../src/errors.js';
import { fixture, tempCacheDir } from '../helpers/paths.js';

vi.mock('node:zlib', async (importOriginal) => {
  const zlib = await importOriginal<typeof import('node:zlib')>();
  return { ...zlib, crc32: undefined, default: { ...zlib, crc32: undefined } };
});

const answers = (feeds: FeedSet): unknown => ({ ...feeds, feeds: feeds.feeds.map(({ cacheHit: _hit, ...rest }) => rest) });

async function load(cacheDir: string): Promise<{ feeds: FeedSet; warnings: string[] }> {
  const warnings: string[] = [];
  const feeds = await loadFeeds([fixture('gtfs', 'transfers'), fixture('gtfs', 'frequencies')], { cacheDir, onWarning: (text: UserText) => warnings.push(userTextIn(text, 'en')) });
  return { feeds, warnings };
}

describe('feed-set snapshot without zlib.crc32', () => {
  it('uses SHA-256, discards a damaged file with one warning, passes over a CRC-32 file silently', async () => {
    const cacheDir = tempCacheDir();
    const fresh = await load(cacheDir);
    const names = readdirSync(cacheDir).filter((name) => name.endsWith('.feedset'));
    expect(names).toHaveLength(1);
    const file = path.join(cacheDir, names[0]!);
    const written = readFileSync(file);
    // Magic, 'S', 32 bytes of SHA-256.
    expect(written.subarray(0, 8).toString('latin1')).toBe('ERBSET3S');

    const second = await load(cacheDir);
    expect(second.warnings).toEqual([]);
    expect(second.feeds.feeds.map((feed) => feed.cacheHit)).toEqual([true, true]);
    expect(answers(second.feeds)).toStrictEqual(answers(fresh.feeds));

    const damaged = Buffer.from(written);
    damaged[damaged.length - 9] = damaged[damaged.length - 9]! ^ 0x01;
    writeFileSync(file, damaged);
    const afterDamage = await load(cacheDir);
    expect(afterDamage.warnings).toEqual([`cache file ${file} is damaged (checksum mismatch) and is rebuilt`]);
    expect(answers(afterDamage.feeds)).toStrictEqual(answers(fresh.feeds));

    // The same payload with a CRC-32, as a Node.js with zlib.crc32 writes it.
    const { crc32 } = await vi.importActual<{ crc32: (data: Uint8Array) => number }>('node:zlib');
    const body = written.subarray(8 + 32);
    const sum = Buffer.alloc(4);
    sum.writeUInt32LE(crc32(body));
    writeFileSync(file, Buffer.concat([Buffer.from('ERBSET3C', 'latin1'), sum, body]));
    const passedOver = await load(cacheDir);
    expect(passedOver.warnings).toEqual([]);
    expect(answers(passedOver.feeds)).toStrictEqual(answers(fresh.feeds));
    // Written anew with a SHA-256, and read by the next load.
    expect(readFileSync(file).subarray(0, 8).toString('latin1')).toBe('ERBSET3S');
    const again = await load(cacheDir);
    expect(again.warnings).toEqual([]);
    expect(answers(again.feeds)).toStrictEqual(answers(fresh.feeds));
  });
});
