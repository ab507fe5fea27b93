/**
 * `writeCsv` writes the bytes `csv-stringify` writes with the project's settings (separator,
 * record delimiter, quoting of line breaks; a trailing record delimiter dropped) after the
 * formula-safety rule: property-tested over rows of text with separators, quotes, CR, LF, TABs,
 * formula starts and non-ASCII, numbers and empty cells, in both dialects and both line ends.
 */
import fc from 'fast-check';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { neutralizeFormula, writeCsv, type CsvCell, type WriteCsvOptions } from '../../src/report/write-csv.js';

/** The writer as it was: csv-stringify doing the quoting. */
function withCsvStringify(rows: readonly (readonly CsvCell[])[], options: WriteCsvOptions): string {
  const excel = options.dialect === 'excel-de';
  const cells = rows.map((row) =>
    row.map((cell) => {
      if (cell === null || cell === undefined) return '';
      if (typeof cell === 'number') return excel ? String(cell).replace('.', ',') : String(cell);
      return neutralizeFormula(cell);
    }),
  );
  const body = stringify(cells, { delimiter: excel ? ';' : ',', record_delimiter: options.lineEnd === '\n' ? 'unix' : 'windows', quoted_match: /[\r\n]/ }).replace(/(\r\n|\n)$/, '');
  return excel ? `\uFEFF${body}` : body;
}

const text = fc.string({ unit: fc.constantFrom('a', 'Ö', 'ß', ' ', ',', ';', '"', "'", '\r', '\n', '\t', '=', '+', '-', '@', '1', '.', '€', '😀'), maxLength: 12 });
const cell: fc.Arbitrary<CsvCell> = fc.oneof(text, fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.constant(null), fc.constant(undefined), fc.constant(''));

describe('writeCsv', () => {
  it('writes what csv-stringify writes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 6 }),
        fc.constantFrom<WriteCsvOptions['dialect']>('standard', 'excel-de', undefined),
        fc.constantFrom<WriteCsvOptions['lineEnd']>('\r\n', '\n', undefined),
        (rows, dialect, lineEnd) => {
          expect(writeCsv(rows, { dialect, lineEnd })).toBe(withCsvStringify(rows, { dialect, lineEnd }));
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it('quotes separators, quotes and line breaks, and neutralises formulas', () => {
    expect(writeCsv([['name', 'n'], ['=1+1', -2], ['a,b', 'say "hi"'], ['two\nlines', 1.5]])).toBe('name,n\r\n\'=1+1,-2\r\n"a,b","say ""hi"""\r\n"two\nlines",1.5');
    expect(writeCsv([['a;b', 1.5]], { dialect: 'excel-de' })).toBe('\uFEFF"a;b";1,5');
  });
});
