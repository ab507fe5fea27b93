/**
 * The CSV fast path agrees with csv-parse: on random text made of the characters that matter
 * (quotes, separators, `\r`, `\n`, whitespace csv-parse trims and whitespace it keeps, NUL,
 * umlauts, astral characters) it either gives csv-parse's rows and line numbers or hands the text
 * back (`undefined`); on well-formed CSV (quoted or not, padded, empty lines, `\n` or `\r\n`) it
 * always reads it itself. Malformed files still fail with csv-parse's message.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/errors.js';
import { parsePlainCsv, type PlainCsvRow } from '../../src/places/parse-plain-csv.js';
import { readRecords } from '../../src/places/read-records.js';
import { repoRoot } from '../helpers/paths.js';

/** csv-parse with the options of read-records.ts, reduced to what the fast path returns. */
function csvParse(text: string, delimiter: ',' | ';'): PlainCsvRow[] {
  const rows = parse(text, { delimiter, info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as unknown as { record: string[]; info: { lines: number } }[];
  return rows.map(({ record, info }) => ({ record, info: { lines: info.lines } }));
}

const delimiter = fc.constantFrom<',' | ';'>(',', ';');

/** Pieces of text where parsers tend to disagree. */
const piece = fc.constantFrom(
  'a', 'b', 'Groß', 'ä', '😀', '1,5', 'x y',
  ' ', '  ', '\t', '\u00a0', '\u2028', '\u3000', '\ufeff', '\u000b', '\u0085', '\u180e', '\0',
  ',', ';', '"', '""', '\n', '\r', '\r\n', '\n\n',
  '"a"', '"a,b"', '"a""b"', ' "x" ', '\u202f', '\u000c',
);

/** A field as a person or a spreadsheet program writes it. */
const field = fc
  .record({
    text: fc.array(fc.constantFrom('a', 'Ö', ' ', '\t', '\u00a0', ',', ';', '"', '\n', '😀', '-', '.'), { maxLength: 6 }).map((parts) => parts.join('')),
    quoted: fc.boolean(),
    padLeft: fc.constantFrom('', ' ', '\t', '\u00a0 '),
    padRight: fc.constantFrom('', ' ', '\t', '\u3000'),
  })
  .map(({ text, quoted, padLeft, padRight }) => ({ text, quoted, padLeft, padRight }));

describe('parsePlainCsv', () => {
  it('gives csv-parse\'s rows and lines, or hands the text back, on random text', () => {
    let read = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), delimiter, (pieces, separator) => {
        const text = pieces.join('');
        const fast = parsePlainCsv(text, separator);
        if (fast === undefined) return;
        read++;
        expect(fast).toEqual(csvParse(text, separator));
      }),
      { numRuns: 5000 },
    );
    // The comparison means something only if the fast path reads a good share of the texts.
    expect(read).toBeGreaterThan(1000);
  });

  it('reads well-formed CSV itself, exactly as csv-parse', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { maxLength: 8 }),
        delimiter,
        fc.constantFrom('\n', '\r\n'),
        fc.array(fc.nat(8), { maxLength: 3 }),
        fc.boolean(),
        (rows, separator, lineEnd, emptyLinesAfter, finalLineEnd) => {
          const lines = rows.map((row) =>
            row
              .map(({ text, quoted, padLeft, padRight }) => {
                const needsQuotes = /[",;\n\r]/.test(text) || text.trim() !== text || text === '';
                // A line break inside quotes is read by csv-parse its own way in \r\n files.
                const body = lineEnd === '\r\n' ? text.replace(/\n/g, ' ') : text;
                // csv-parse refuses whitespace of several bytes after a closing quote (it steps over it byte by byte).
                if (quoted || needsQuotes) return `${padLeft}"${body.replace(/"/g, '""')}"${padRight.replace('\u3000', ' ')}`;
                return `${padLeft}${body}${padRight}`;
              })
              .join(separator),
          );
          for (const at of emptyLinesAfter) lines.splice(Math.min(at, lines.length), 0, at % 2 === 0 ? '' : ' \t');
          const text = lines.join(lineEnd) + (finalLineEnd ? lineEnd : '');
          const fast = parsePlainCsv(text, separator);
          expect(fast).toBeDefined();
          expect(fast).toEqual(csvParse(text, separator));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('reads the bundled data files itself, exactly as csv-parse', () => {
    for (const name of ['ortsteile.csv', 'destinations.csv', 'haltestellen.csv', 'zentrale-orte.csv', 'bedienungsstandards.csv']) {
      const text = readFileSync(path.join(repoRoot, 'data', name), 'utf8').replace(/^\uFEFF/, '');
      const fast = parsePlainCsv(text, ',');
      expect(fast, name).toBeDefined();
      expect(fast, name).toEqual(csvParse(text, ','));
    }
  });

  it('hands back what only csv-parse reads or refuses', () => {
    for (const text of ['a"b', '"a"x', '"a" "b"', '"abc', 'a\rb', 'a\nb\r\nc', '"a\r\nb"\r\n', '"a"\0']) {
      expect(parsePlainCsv(text, ','), JSON.stringify(text)).toBeUndefined();
    }
  });
});

describe('readRecords on malformed CSV', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'erreichbar-csv-'));
  const fileWith = (name: string, text: string): string => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('refuses with the line, what is wrong in German, and csv-parse\'s message', async () => {
    const cases = [
      ['quote-inside.csv', 'name,lat,lon\nHund"isburg,52.2,11.3\n'],
      ['after-quote.csv', 'name,lat,lon\n"Hundisburg"x,52.2,11.3\n'],
      ['unclosed.csv', 'name,lat,lon\n"Hundisburg,52.2,11.3\n'],
    ] as const;
    for (const [name, text] of cases) {
      const error = (await readRecords(fileWith(name, text)).catch((e: unknown) => e)) as DataError;
      expect(error).toBeInstanceOf(DataError);
      expect(error.code).toBe('MALFORMED_CSV');
      let expected: Error | undefined;
      try {
        csvParse(text, ',');
      } catch (e) {
        expected = e as Error;
      }
      expect(error.message).toContain(expected!.message);
      expect(error.location.line).toBe((expected as Error & { lines: number }).lines);
      // In words a planner knows, before csv-parse's own message.
      expect(error.message, name).toMatch(/: ist kein gültiges CSV: [^(]*Anführungszeichen/);
    }
  });

  it('reads a file with a \\r in a field through csv-parse, as before', async () => {
    const text = 'name,lat,lon\nHundis\rburg,52.2,11.3\nWedringen,52.27,11.46\n';
    const table = await readRecords(fileWith('cr.csv', text));
    expect(table.records.map((record) => ({ record: [...record.values.values()], info: { lines: record.line } }))).toEqual(csvParse(text, ',').slice(1));
    expect(table.records[0]?.values.get('name')).toBe('Hundis\rburg');
  });
});
