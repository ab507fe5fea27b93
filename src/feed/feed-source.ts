/**
 * A GTFS feed as given by the user: a zip file or a folder of `.txt` files. Gives access to the
 * file names and contents, and a content hash that keys the import cache.
 *
 * Limits: nested folders inside a zip are accepted when all GTFS files sit in one folder
 * (some exporters zip the folder, not its contents).
 */
import { createHash } from 'node:crypto';
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import StreamZip from 'node-stream-zip';
import { DataError, UsageError } from '../errors.js';

/** An opened feed: its file names and a way to read each file. */
export interface FeedSource {
  /** The path as the user gave it. */
  readonly path: string;
  /** A short label for messages and ids, e.g. `gtfs_boerdebus_std_kn`. */
  readonly label: string;
  /** `zip` or `folder`. */
  readonly kind: 'zip' | 'folder';
  /** GTFS file names present (`stops.txt`, …), lower-case. */
  readonly files: ReadonlySet<string>;
  /** Reads one file as a Buffer. */
  read(fileName: string): Promise<Buffer>;
  /** SHA-256 over the GTFS files' names and contents, hex. */
  contentHash(): Promise<string>;
  /** Releases the zip handle. */
  close(): Promise<void>;
}

/** Opens a feed path. Throws {@link UsageError} if the path does not exist, {@link DataError} if it is not a readable zip. */
export async function openFeedSource(feedPath: string): Promise<FeedSource> {
  let info;
  try {
    info = await stat(feedPath);
  } catch {
    throw new UsageError({ de: `--gtfs: Datei oder Ordner "${feedPath}" gibt es nicht`, en: `--gtfs: no such file or folder "${feedPath}"` }, '--gtfs', 'NO_SUCH_PATH');
  }
  const label = path.basename(feedPath).replace(/\.zip$/i, '') || 'feed';
  if (info.isDirectory()) return openFolder(feedPath, label);
  return openZip(feedPath, label);
}

async function openFolder(folder: string, label: string): Promise<FeedSource> {
  const names = (await readdir(folder)).filter((name) => name.toLowerCase().endsWith('.txt')).sort();
  const byLower = new Map(names.map((name) => [name.toLowerCase(), name]));
  const read = async (fileName: string): Promise<Buffer> => {
    const actual = byLower.get(fileName);
    if (actual === undefined) throw new DataError('MISSING_FILE', { file: fileName }, { de: 'fehlt', en: 'missing' });
    return readFile(path.join(folder, actual));
  };
  return {
    path: folder,
    label,
    kind: 'folder',
    files: new Set(byLower.keys()),
    read,
    contentHash: () => hashFiles([...byLower.keys()].sort(), read),
    close: async () => undefined,
  };
}

async function openZip(zipPath: string, label: string): Promise<FeedSource> {
  const zip = new StreamZip.async({ file: zipPath });
  let entries;
  try {
    entries = await zip.entries();
  } catch (error) {
    await zip.close().catch(() => undefined);
    throw new DataError('NOT_A_ZIP', { file: zipPath }, { de: 'ist weder ein Ordner noch eine lesbare Zip-Datei', en: 'is neither a folder nor a readable zip file' }, { cause: error });
  }
  const byLower = new Map<string, string>();
  for (const entry of Object.values(entries)) {
    if (entry.isDirectory) continue;
    const base = entry.name.split('/').pop() ?? entry.name;
    if (base.toLowerCase().endsWith('.txt')) byLower.set(base.toLowerCase(), entry.name);
  }
  const read = async (fileName: string): Promise<Buffer> => {
    const actual = byLower.get(fileName);
    if (actual === undefined) throw new DataError('MISSING_FILE', { file: fileName }, { de: 'fehlt', en: 'missing' });
    return zip.entryData(actual);
  };
  return {
    path: zipPath,
    label,
    kind: 'zip',
    files: new Set(byLower.keys()),
    read,
    // The zip's own bytes identify its content; hashing them is much cheaper than unpacking.
    contentHash: async () => createHash('sha256').update(await readFile(zipPath)).digest('hex'),
    close: () => zip.close(),
  };
}

async function hashFiles(names: string[], read: (name: string) => Promise<Buffer>): Promise<string> {
  const hash = createHash('sha256');
  for (const name of names) {
    const content = await read(name);
    hash.update(`${name}\0${content.length}\0`);
    hash.update(content);
  }
  return hash.digest('hex');
}
