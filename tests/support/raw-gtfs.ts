/**
 * A minimal GTFS reader for tests, independent of the production code: it uses neither the `gtfs`
 * package nor anything in `src/`, so the test oracle cannot inherit a bug from them.
 *
 * Limits: every `.txt` file is read whole into memory as an array of string records (fine for the
 * feeds of this project, ~150k rows per file); values are kept exactly as written (no trimming,
 * no type conversion); header names are trimmed. A zip may hold its files at the root or inside
 * one folder. A malformed CSV row throws (csv-parse's own message): this reader is for good feeds.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import StreamZip from 'node-stream-zip';
import { parse } from 'csv-parse/sync';

/** One CSV row, keyed by column name, values as written in the file. */
export type RawRecord = Record<string, string>;

/**
 * The tables of one feed, keyed by file name without `.txt` (`stops`, `stop_times`, …).
 * A file that is absent from the feed is absent here; an empty file gives `[]`.
 */
export type RawTables = Record<string, RawRecord[]>;

/** Parses one GTFS CSV file (UTF-8, optional BOM, quoted fields, CRLF or LF). */
export function parseGtfsCsv(content: Buffer | string): RawRecord[] {
  return parse(content, {
    bom: true,
    columns: (header: string[]) => header.map((name) => name.trim()),
    skip_empty_lines: true,
  }) as RawRecord[];
}

/**
 * Reads a GTFS feed from a `.zip` file or a folder of `.txt` files.
 *
 * @example
 * const tables = await readRawGtfs('../shared/data/nasa/gtfs_boerdebus_std_kn.zip');
 * tables.stop_times?.length; // 37367
 */
export async function readRawGtfs(path: string): Promise<RawTables> {
  const info = await stat(path);
  const tables: RawTables = {};
  if (info.isDirectory()) {
    for (const name of await readdir(path)) {
      if (!name.endsWith('.txt')) continue;
      tables[name.slice(0, -'.txt'.length)] = parseGtfsCsv(await readFile(join(path, name)));
    }
    return tables;
  }
  const zip = new StreamZip.async({ file: path });
  try {
    const entries = Object.values(await zip.entries());
    for (const entry of entries) {
      if (entry.isDirectory || !entry.name.endsWith('.txt')) continue;
      // Files at the root or in exactly one folder (some publishers zip a folder).
      if (entry.name.split('/').length > 2) continue;
      const name = basename(entry.name).slice(0, -'.txt'.length);
      tables[name] = parseGtfsCsv(await zip.entryData(entry.name));
    }
  } finally {
    await zip.close();
  }
  return tables;
}

/** Returns the rows of a table, or `[]` when the file is absent. */
export function rows(tables: RawTables, name: string): RawRecord[] {
  return tables[name] ?? [];
}
