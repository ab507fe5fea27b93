/**
 * The one CSV writer of erreichbar: every CSV output (report, compare, places, calendar, route
 * batch, gaps, best-times) goes through {@link writeCsv}, which quotes as `csv-stringify` (the
 * sibling of the `csv-parse` that reads our inputs) does with our settings — the same bytes,
 * property-tested against it — in one pass (a district report's 8 MB took csv-stringify 0.3 s of
 * the CLI's time), and applies one formula-safety rule.
 *
 * Formula safety (the OWASP "CSV injection" rule): a text cell that starts with `=`, `+`, `-`,
 * `@`, TAB or CR gets a leading apostrophe (`'=HYPERLINK(…)`), so no spreadsheet program runs it
 * as a formula. Numbers are written as numbers (a negative number stays a number). Cells with the
 * separator, a quote or a line break (also inside a name) are quoted, quotes doubled, so rows
 * never split.
 */
/** CSV flavours: plain (`,`, decimal point) or German Excel (`;`, decimal comma, BOM). */
export type CsvDialect = 'standard' | 'excel-de';

/** One cell: text, a number, or empty (null/undefined). */
export type CsvCell = string | number | null | undefined;

/** Options for {@link writeCsv}. */
export interface WriteCsvOptions {
  /** `excel-de`: `;` between cells, decimal comma, a BOM so Excel reads UTF-8. Default `standard`. */
  dialect?: CsvDialect;
  /** Line end between rows: `\r\n` (RFC 4180, the default) or `\n`. */
  lineEnd?: '\r\n' | '\n';
}

/** Text cells starting with one of these are prefixed with an apostrophe. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Makes a text cell safe for spreadsheets (see the rule at the top of this file). */
export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * Writes rows (the first usually the header) as CSV text without a trailing line end.
 *
 * @example
 * writeCsv([['name', 'n'], ['=1+1', -2]]); // 'name,n\r\n\'=1+1,-2'
 */
export function writeCsv(rows: readonly (readonly CsvCell[])[], options: WriteCsvOptions = {}): string {
  const excel = options.dialect === 'excel-de';
  const delimiter = excel ? ';' : ',';
  const lines = rows.map((row) =>
    row
      .map((cell) => {
        if (cell === null || cell === undefined) return '';
        const text = typeof cell === 'number' ? (excel ? String(cell).replace('.', ',') : String(cell)) : neutralizeFormula(cell);
        return needsQuotes(text, delimiter) ? `"${text.replaceAll('"', '""')}"` : text;
      })
      .join(delimiter),
  );
  const body = lines.join(options.lineEnd ?? '\r\n');
  return excel ? `\uFEFF${body}` : body;
}

/** A cell is quoted when it holds the separator, a quote or a line break. */
function needsQuotes(text: string, delimiter: string): boolean {
  return text.includes(delimiter) || text.includes('"') || text.includes('\n') || text.includes('\r');
}
