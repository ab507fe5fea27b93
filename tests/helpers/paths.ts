/** Paths the tests share: the real data beside the repository, and a scratch cache per run. */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const sharedData = path.resolve(repoRoot, '../shared/data');
export const nasa = (name: string): string => path.join(sharedData, 'nasa', `gtfs_${name}_std_kn.zip`);
export const BOERDEBUS = nasa('boerdebus');
export const MVB = nasa('mvb');
export const ALL_FEEDS = ['boerdebus', 'mvb', 'kvg', 'njl', 'pvgs'].map(nasa);
export const fixture = (...parts: string[]): string => path.join(repoRoot, 'fixtures', ...parts);

/** A fresh cache folder for one test file. */
export function tempCacheDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'erreichbar-test-'));
}

/** A cache shared by all test files of one run (real feeds are imported once). */
export const sharedCacheDir = path.join(os.tmpdir(), 'erreichbar-test-cache');
