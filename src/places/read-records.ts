/**
 * Reads the rows of a places or destinations file: CSV (comma or semicolon, found from the
 * header; UTF-8 with or without BOM; quoted fields) or a GeoJSON FeatureCollection of points.
 * Rows come back as string maps with lower-case keys and their line number (CSV) or feature
 * number (GeoJSON), so that errors can name them. The only module of places/ that knows csv-parse: it reads
 * what the fast path of `parse-plain-csv.ts` hands back (malformed or unusual text), and is only
 * loaded then.
 */
import { formatNumber } from '../format-number.js';
import { readFile, stat } from 'node:fs/promises';
import { DataError, UsageError } from '../errors.js';
import { parsePlainCsv, type PlainCsvRow } from './parse-plain-csv.js';

/** One row of a places file. */
export interface SourceRecord {
  /** Values by lower-case column (or property) name. */
  values: Map<string, string>;
  /** 1-based line (CSV, header = 1) or feature number (GeoJSON). */
  line: number;
  /** For GeoJSON: the point's coordinates `[lon, lat]` as given. */
  coordinates?: [unknown, unknown];
}

/** The rows of a file, and the name to show in messages. */
export interface SourceTable {
  /** The file name as the user gave it. */
  file: string;
  kind: 'csv' | 'geojson';
  /** Column names (lower case) in file order. */
  columns: string[];
  records: SourceRecord[];
  /** Decimal comma used (`;`-separated CSV). */
  decimalComma: boolean;
}

/**
 * Largest places, destinations or query file: 20 MB and 100,000 rows (the Börde list has 224
 * Ortsteile; an address list of a whole Landkreis has about 60,000 rows). Bigger files are
 * refused before they are parsed, so memory stays bounded.
 */
export const MAX_RECORDS_FILE_BYTES = 20 * 1024 * 1024;
export const MAX_RECORDS = 100_000;

/** Reads a CSV or GeoJSON file. Throws {@link UsageError} if it cannot be read, {@link DataError} if malformed. */
export async function readRecords(file: string): Promise<SourceTable> {
  let bytes: Buffer;
  try {
    const info = await stat(file);
    if (info.isFile() && info.size > MAX_RECORDS_FILE_BYTES) {
      throw new DataError('FILE_TOO_LARGE', { file }, {
        de: `ist ${Math.ceil(info.size / 1024 / 1024)} MB groß; unterstützt werden bis ${MAX_RECORDS_FILE_BYTES / 1024 / 1024} MB und ${formatNumber(MAX_RECORDS, 'de')} Zeilen`,
        en: `is ${Math.ceil(info.size / 1024 / 1024)} MB; up to ${MAX_RECORDS_FILE_BYTES / 1024 / 1024} MB and ${formatNumber(MAX_RECORDS, 'en')} rows are supported`,
      });
    }
    bytes = await readFile(file);
  } catch (error) {
    if (error instanceof DataError) throw error;
    throw new UsageError({ de: `"${file}" kann nicht gelesen werden`, en: `cannot read "${file}"` }, undefined, 'NO_SUCH_PATH');
  }
  // NFC: a file saved on a Mac may spell "ü" as "u" + combining diaeresis (NFD); names must compare
  // equal to the same names typed elsewhere (participants against places, duplicates, lookups).
  const content = decodeUtf8(file, bytes).replace(/^\uFEFF/, '').normalize('NFC');
  if (content.trim() === '') throw new DataError('EMPTY_FILE', { file }, { de: 'ist leer', en: 'is empty' });
  if (/\.(geo)?json$/i.test(file) || /^\s*\{/.test(content)) return readGeoJson(file, content);
  return readCsv(file, content);
}

/** UTF-8 or a one-line refusal naming the first line that is not (never silently U+FFFD). */
function decodeUtf8(file: string, bytes: Buffer): string {
  // UTF-16 (Excel's "Unicode text") would otherwise be called Latin-1, or, when all its characters
  // are ASCII, pass as UTF-8 with a NUL byte after every letter and "lack" its columns.
  const utf16Bom = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (utf16Bom || bytes.subarray(0, 4096).includes(0)) {
    throw new DataError('NOT_UTF8', { file }, {
      de: `ist ${utf16Bom ? 'UTF-16' : 'keine Textdatei in UTF-8 (Null-Bytes, vermutlich UTF-16)'}; bitte als UTF-8 speichern (Excel: „CSV UTF-8“)`,
      en: `is ${utf16Bom ? 'UTF-16' : 'not a UTF-8 text file (NUL bytes, probably UTF-16)'}; please save it as UTF-8 (Excel: "CSV UTF-8")`,
    });
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const strict = new TextDecoder('utf-8', { fatal: true });
    let line = 1;
    let start = 0;
    for (let i = 0; i <= bytes.length; i++) {
      if (i < bytes.length && bytes[i] !== 0x0a) continue;
      try {
        strict.decode(bytes.subarray(start, i));
      } catch {
        break;
      }
      line++;
      start = i + 1;
    }
    throw new DataError('NOT_UTF8', { file, line }, {
      de: 'ist kein UTF-8 (vermutlich Latin-1); bitte als UTF-8 speichern',
      en: 'is not UTF-8 (probably Latin-1); please save it as UTF-8',
    });
  }
}

function tooManyRows(file: string, count: number): DataError {
  return new DataError('FILE_TOO_LARGE', { file }, {
    de: `hat ${formatNumber(count, 'de')} Zeilen; unterstützt werden bis ${formatNumber(MAX_RECORDS, 'de')}`,
    en: `has ${formatNumber(count, 'en')} rows; up to ${formatNumber(MAX_RECORDS, 'en')} are supported`,
  });
}

async function readCsv(file: string, content: string): Promise<SourceTable> {
  const headerLine = content.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (headerLine.match(/;/g) ?? []).length > (headerLine.match(/,/g) ?? []).length ? ';' : ',';
  const rows = parsePlainCsv(content, delimiter) ?? (await parseWithCsvParse(file, content, delimiter));
  if (rows.length - 1 > MAX_RECORDS) throw tooManyRows(file, rows.length - 1);
  const columns = (rows[0]?.record ?? []).map((name) => name.trim().toLowerCase());
  const records: SourceRecord[] = [];
  for (const { record, info } of rows.slice(1)) {
    if (record.every((value) => value === '')) continue;
    if (record.length !== columns.length) {
      throw new DataError('MALFORMED_ROW', { file, line: info.lines }, { de: `hat ${record.length} Felder, die Kopfzeile aber ${columns.length}`, en: `has ${record.length} fields, but the header has ${columns.length}` });
    }
    records.push({ values: new Map(columns.map((column, i) => [column, record[i] ?? ''])), line: info.lines });
  }
  return { file, kind: 'csv', columns, records, decimalComma: delimiter === ';' };
}

/**
 * csv-parse, for the text the fast path hands back: the same rows, or an error with the line, what
 * is wrong in words a planner knows, and csv-parse's own message.
 */
async function parseWithCsvParse(file: string, content: string, delimiter: ',' | ';'): Promise<PlainCsvRow[]> {
  const { parse } = await import('csv-parse/sync');
  try {
    return parse(content, { delimiter, info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as unknown as PlainCsvRow[];
  } catch (error) {
    const { code, lines, index, message } = error as Error & { code?: string; lines?: number; index?: number };
    const field = typeof index === 'number' ? index + 1 : undefined;
    const what = csvProblem(code, field);
    throw new DataError('MALFORMED_CSV', { file, line: lines }, { de: `ist kein gültiges CSV: ${what.de} (csv-parse: ${message})`, en: `is not valid CSV: ${what.en} (csv-parse: ${message})` });
  }
}

/** What a csv-parse error code means, for someone who edits the file in a spreadsheet. */
function csvProblem(code: string | undefined, field: number | undefined): { de: string; en: string } {
  const inField = field === undefined ? { de: '', en: '' } : { de: ` in Feld ${field}`, en: ` in field ${field}` };
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return { de: 'ein Anführungszeichen wird bis zum Dateiende nicht geschlossen', en: 'a quote is not closed before the end of the file' };
    case 'INVALID_OPENING_QUOTE':
      return { de: `Anführungszeichen mitten im Text${inField.de} (den ganzen Wert in "…" setzen und innere " verdoppeln)`, en: `a quote inside the text${inField.en} (put the whole value in "…" and double inner ")` };
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return { de: `nach dem schließenden Anführungszeichen${inField.de} folgt noch Text`, en: `text after the closing quote${inField.en}` };
    default:
      return { de: 'die Datei lässt sich nicht als Tabelle lesen', en: 'the file cannot be read as a table' };
  }
}

function readGeoJson(file: string, content: string): SourceTable {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch (error) {
    throw new DataError('MALFORMED_JSON', { file }, { de: `ist kein gültiges JSON: ${(error as Error).message}`, en: `is not valid JSON: ${(error as Error).message}` });
  }
  const features = (json as { type?: string; features?: unknown[] }).features;
  if ((json as { type?: string }).type !== 'FeatureCollection' || !Array.isArray(features)) {
    throw new DataError('NOT_GEOJSON', { file }, { de: 'ist keine GeoJSON-FeatureCollection', en: 'is not a GeoJSON FeatureCollection' });
  }
  if (features.length > MAX_RECORDS) throw tooManyRows(file, features.length);
  const columns = new Set<string>();
  const records = features.map((feature, i): SourceRecord => {
    const f = feature as { geometry?: { type?: string; coordinates?: unknown[] }; properties?: Record<string, unknown> };
    if (f.geometry?.type !== 'Point' || !Array.isArray(f.geometry.coordinates)) {
      throw new DataError('NOT_A_POINT', { file, line: i + 1, field: 'geometry', value: String(f.geometry?.type) }, { de: 'ist kein Point (Features von 1 an gezählt)', en: 'is not a Point (feature numbers count from 1)' });
    }
    const values = new Map<string, string>();
    for (const [key, value] of Object.entries(f.properties ?? {})) {
      const name = key.toLowerCase();
      columns.add(name);
      values.set(name, value === null || value === undefined ? '' : String(value));
    }
    return { values, line: i + 1, coordinates: [f.geometry.coordinates[0], f.geometry.coordinates[1]] };
  });
  return { file, kind: 'geojson', columns: [...columns], records, decimalComma: false };
}

/** The first of several column names present in the table (aliases such as `name`/`ortsteil`). */
export function findColumn(table: SourceTable, names: readonly string[]): string | undefined {
  return names.find((name) => table.columns.includes(name));
}

/**
 * Refuses a table without any row (a header alone, `[]` features): an analysis of no Ortsteile or
 * no destinations would print an empty answer and exit 0. `what` names the rows, e.g. "keine Ortsteile".
 */
export function requireRows(table: SourceTable, what: { de: string; en: string }): void {
  if (table.records.length > 0) return;
  throw new DataError('NO_ROWS', { file: table.file }, {
    de: `enthält ${what.de} (${table.kind === 'csv' ? 'nur die Kopfzeile' : 'keine Features'})`,
    en: `has ${what.en} (${table.kind === 'csv' ? 'only the header' : 'no features'})`,
  });
}

/** Like {@link findColumn}, but a missing column is a {@link DataError} naming the file. */
export function requireColumn(table: SourceTable, names: readonly string[]): string {
  const column = findColumn(table, names);
  if (column === undefined) {
    throw new DataError('MISSING_COLUMN', { file: table.file, line: 1, field: names[0] }, names.length > 1 ? { de: `Spalte fehlt (auch möglich: ${names.slice(1).join(', ')})`, en: `column is missing (also accepted: ${names.slice(1).join(', ')})` } : { de: 'Spalte fehlt', en: 'column is missing' });
  }
  return column;
}
