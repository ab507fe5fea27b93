/**
 * `erreichbar feeds download` on a fresh machine: fetches the NASA zips (here from a loopback
 * server that serves the shared copies), checks each, keeps them with their download date, and
 * `--gtfs` defaults to them. A broken or missing file is refused naming its URL and leaves the
 * earlier download in place.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadedFeeds, downloadFeeds, NASA_FEEDS, NASA_GTFS_BASE_URL, NASA_GTFS_MIRROR_URL } from '../../src/feed/download-feeds.js';
import { BOERDEBUS, repoRoot, sharedData, tempCacheDir } from '../helpers/paths.js';

const run = promisify(execFile);
const cli = path.join(repoRoot, 'bin', 'erreichbar');
async function erreichbar(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], { env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');
const requests: string[] = [];
let server: Server;
let base: string;

beforeAll(async () => {
  const known = new Set<string>(NASA_FEEDS.map((feed) => feed.file));
  // Only 127.0.0.1, only the five shared zips (plus a broken one), closed after the file.
  server = createServer((request, response) => {
    requests.push(request.url ?? '');
    const [, folder, file] = (request.url ?? '').split('/');
    if (folder === 'nasa' && file && known.has(file)) {
      response.writeHead(200, { 'content-type': 'application/zip' }).end(readFileSync(path.join(sharedData, 'nasa', file)));
    } else if (folder === 'broken' && file && known.has(file)) {
      response.writeHead(200, { 'content-type': 'application/zip' }).end('<html>Wartungsarbeiten</html>');
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('erreichbar feeds download', () => {
  it('downloads, checks and keeps the zips with their date; --gtfs then defaults to them', async () => {
    const cacheDir = tempCacheDir();
    const none = await erreichbar(['check', '--from', 'Wolmirstedt', '--to', 'K+S', '--dates', '2026-12-09', '--cache-dir', cacheDir]);
    expect([none.code, none.stderr]).toEqual([2, 'erreichbar: keine Fahrplandaten: --gtfs angeben oder erreichbar feeds download\n']);

    // One feed keeps the import short; the list and the default work the same for all five.
    const download = await erreichbar(['feeds', 'download', 'boerdebus', '--url', `${base}/nasa/`, '--cache-dir', cacheDir, '--quiet']);
    expect(download.stderr).toBe('');
    expect(download.code).toBe(0);
    expect(download.stdout).toMatch(
      new RegExp(`^1 Fahrplan \\(verwendet, wenn --gtfs fehlt\\):\\n  gtfs_boerdebus_std_kn\\.zip  408 KB, geladen am \\d\\d\\.\\d\\d\\.\\d{4} um \\d\\d:\\d\\d von ${base.replace(/\./g, '\\.')}/nasa/gtfs_boerdebus_std_kn\\.zip\\n$`),
    );
    const feeds = await downloadedFeeds(cacheDir);
    expect(feeds.map((feed) => [feed.file, feed.sha256])).toEqual([['gtfs_boerdebus_std_kn.zip', sha256(BOERDEBUS)]]);
    expect(feeds.every((feed) => sha256(feed.path) === feed.sha256 && Date.now() - Date.parse(feed.downloadedAt) < 3_600_000)).toBe(true);
    expect(readdirSync(path.join(cacheDir, 'feeds')).filter((name) => name.includes('.partial-'))).toEqual([]);

    const implicit = await erreichbar(['check', '--from', 'Wolmirstedt', '--to', 'K+S', '--dates', '2026-12-09', '--cache-dir', cacheDir, '--quiet']);
    const explicit = await erreichbar(['check', '--gtfs', BOERDEBUS, '--from', 'Wolmirstedt', '--to', 'K+S', '--dates', '2026-12-09', '--cache-dir', cacheDir, '--quiet']);
    expect(implicit.code).toBe(0);
    expect(implicit.stdout).toMatch(/^Wolmirstedt → K\+S Kaliwerk Zielitz/m);
    expect(implicit.stdout).toBe(explicit.stdout);

    const list = await erreichbar(['feeds', 'list', '--cache-dir', cacheDir, '--lang', 'en']);
    expect(list.stdout).toMatch(/^1 timetable \(used when --gtfs is not given\):\n  gtfs_boerdebus_std_kn\.zip  408 KB, downloaded \d{4}-\d\d-\d\d \d\d:\d\d from http:\/\/127\.0\.0\.1:\d+\/nasa\/gtfs_boerdebus_std_kn\.zip\n/);
  });

  it('a file that is not a GTFS zip, or missing: exit 1 naming the URL; the earlier download stays', async () => {
    const cacheDir = tempCacheDir();
    await downloadFeeds({ cacheDir, baseUrl: `${base}/nasa`, names: ['boerdebus'] });
    const before = await downloadedFeeds(cacheDir);

    const broken = await erreichbar(['feeds', 'download', 'boerdebus', '--cache-dir', cacheDir, '--quiet'], { ERREICHBAR_GTFS_URL: `${base}/broken/` });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toBe(
      `erreichbar: ${base}/broken/gtfs_boerdebus_std_kn.zip: ist keine lesbare GTFS-Zip-Datei (ist weder ein Ordner noch eine lesbare Zip-Datei)\n`,
    );
    const missing = await erreichbar(['feeds', 'download', 'mvb', '--url', `${base}/elsewhere/`, '--cache-dir', cacheDir, '--quiet', '--lang', 'en']);
    expect([missing.code, missing.stderr]).toEqual([1, `erreichbar: ${base}/elsewhere/gtfs_mvb_std_kn.zip: download failed: HTTP 404\n`]);

    expect(await downloadedFeeds(cacheDir)).toEqual(before);
    expect(sha256(before[0]!.path)).toBe(sha256(BOERDEBUS));
    expect(readdirSync(path.join(cacheDir, 'feeds')).sort()).toEqual(['downloads.json', 'gtfs_boerdebus_std_kn.zip']);
  });

  it('several addresses are tried in order per file (the default: the portal, then the public copy); all failing names each', async () => {
    const cacheDir = tempCacheDir();
    const fetched = await downloadFeeds({ cacheDir, baseUrl: [`${base}/broken/`, `${base}/elsewhere/`, `${base}/nasa/`], names: ['boerdebus'] });
    expect(fetched.map((feed) => feed.url)).toEqual([`${base}/nasa/gtfs_boerdebus_std_kn.zip`]);
    expect(sha256(fetched[0]!.path)).toBe(sha256(BOERDEBUS));
    const failed = await downloadFeeds({ cacheDir, baseUrl: [`${base}/broken/`, `${base}/elsewhere/`], names: ['mvb'] }).catch((error: Error) => error);
    expect((failed as Error).message).toBe(
      `${base}/broken/gtfs_mvb_std_kn.zip: ist keine lesbare GTFS-Zip-Datei (ist weder ein Ordner noch eine lesbare Zip-Datei); ` +
        `${base}/elsewhere/gtfs_mvb_std_kn.zip: Download fehlgeschlagen: HTTP 404`,
    );
    expect(await downloadedFeeds(cacheDir)).toEqual(fetched);
    expect(NASA_GTFS_MIRROR_URL).toMatch(/^https:\/\/.*\/$/);
    expect(NASA_GTFS_BASE_URL).toMatch(/^https:\/\/.*\/$/);
  });

  it('lists the download time in the district\'s zone: 23:30 UTC on New Year\'s Eve is 01.01.2027 um 00:30', async () => {
    const cacheDir = tempCacheDir();
    await downloadFeeds({ cacheDir, baseUrl: `${base}/nasa/`, names: ['boerdebus'], now: () => new Date(Date.UTC(2026, 11, 31, 23, 30)) });
    const de = await erreichbar(['feeds', 'list', '--cache-dir', cacheDir]);
    expect(de.stdout).toContain('geladen am 01.01.2027 um 00:30 von');
    await downloadFeeds({ cacheDir, baseUrl: `${base}/nasa/`, names: ['boerdebus'], now: () => new Date(Date.UTC(2026, 5, 30, 22, 15)) });
    const en = await erreichbar(['feeds', 'list', '--cache-dir', cacheDir, '--lang', 'en']);
    expect(en.stdout).toContain('downloaded 2026-07-01 00:15 from');
  });

  it('refuses a base that is not http(s) and an unknown feed name: exit 2', async () => {
    const cacheDir = tempCacheDir();
    const file = await erreichbar(['feeds', 'download', '--url', 'file:///etc/', '--cache-dir', cacheDir]);
    expect([file.code, file.stderr]).toEqual([2, 'erreichbar: --url muss eine http(s)-Adresse sein, nicht "file:///etc/"\n']);
    const unknown = await erreichbar(['feeds', 'download', 'hvv', '--url', `${base}/nasa/`, '--cache-dir', cacheDir]);
    expect([unknown.code, unknown.stderr]).toEqual([2, 'erreichbar: unbekannter Fahrplan "hvv"; bekannt: boerdebus, mvb, kvg, njl, pvgs\n']);
  });
});
