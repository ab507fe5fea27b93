/**
 * A fast path for reading the CSV of places and destinations files: the rows exactly as
 * `csv-parse` returns them with the options of `read-records.ts` (`trim`, `skip_empty_lines`,
 * `relax_column_count`, `info`), in a single pass with `indexOf` instead of a byte-by-byte state
 * machine, and without loading csv-parse's ten modules. A `check` reads two such files on every
 * start, so this is part of its start-up time.
 *
 * Limits: it only reads what it can read exactly as csv-parse does, and returns `undefined` for
 * everything else, so that the caller hands the text to csv-parse — which then gives the same
 * rows or its own error message. That covers every malformed text (a quote inside an unquoted
 * field, text after a closing quote, an unclosed quote), `\r` other than in `\r\n` line ends,
 * files mixing `\n` and `\r\n`, and line breaks inside quoted fields of `\r\n` files (csv-parse
 * counts those lines its own way). tests/places/parse-plain-csv.test.ts checks the agreement on
 * random text.
 */

/** One row as csv-parse gives it with `info: true`. */
export interface PlainCsvRow {
  /** The fields: trimmed unless quoted, quotes removed, `""` read as `"`. */
  record: string[];
  info: {
    /** csv-parse's line count when the row ended: 1-based line of its last character. */
    lines: number;
  };
}

/**
 * Whitespace that csv-parse's `trim` removes around unquoted fields and skips between a closing
 * quote and the next separator: ECMAScript's WhiteSpace and LineTerminator (the set of
 * `String.prototype.trim`).
 */
function isTrimmable(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * The rows of `text` split at `delimiter` (`,` or `;`), as
 * `parse(text, { delimiter, info: true, relax_column_count: true, skip_empty_lines: true, trim: true })`
 * of csv-parse returns them; `undefined` when the text needs csv-parse itself (see the limits above).
 *
 * @example
 * ```ts
 * parsePlainCsv('name,lat\n"Groß Ammensleben, Ort", 52.2\n', ',');
 * // [{ record: ['name', 'lat'], info: { lines: 1 } }, { record: ['Groß Ammensleben, Ort', '52.2'], info: { lines: 2 } }]
 * ```
 */
export function parsePlainCsv(text: string, delimiter: ',' | ';'): PlainCsvRow[] | undefined {
  const separator = delimiter.charCodeAt(0);
  // Line ends: all `\n`, or all `\r\n` (csv-parse takes the first one it meets for the whole file).
  const crlf = text.includes('\r');
  if (crlf && /\r(?!\n)|(?<!\r)\n/.test(text)) return undefined;
  const length = text.length;
  const rows: PlainCsvRow[] = [];
  let line = 1;
  let at = 0;
  while (at < length) {
    const record: string[] = [];
    let lineEnd = false;
    // A row that is one unquoted empty field is an empty line: skipped, as csv-parse does.
    let onlyEmptyField = true;
    for (;;) {
      let start = at;
      while (start < length && isTrimmable(text.charCodeAt(start)) && text.charCodeAt(start) !== LF && text.charCodeAt(start) !== CR) start++;
      let value: string;
      if (text.charCodeAt(start) === QUOTE) {
        value = '';
        let from = start + 1;
        let close: number;
        for (;;) {
          close = text.indexOf('"', from);
          if (close < 0) return undefined;
          const part = text.slice(from, close);
          if (part.includes('\n')) {
            if (crlf) return undefined;
            for (let i = part.indexOf('\n'); i >= 0; i = part.indexOf('\n', i + 1)) line++;
          }
          value += part;
          if (text.charCodeAt(close + 1) !== QUOTE) break;
          value += '"';
          from = close + 2;
        }
        at = close + 1;
        // csv-parse skips whitespace after a closing quote byte by byte: after a non-empty value it
        // refuses a whitespace character of several UTF-8 bytes (U+00A0 and up), so we leave it to it.
        const maxCode = value === '' ? 0xffff : 0x7f;
        while (at < length && text.charCodeAt(at) <= maxCode && isTrimmable(text.charCodeAt(at)) && text.charCodeAt(at) !== LF && text.charCodeAt(at) !== CR) at++;
        onlyEmptyField = false;
      } else {
        let end = start;
        while (end < length) {
          const code = text.charCodeAt(end);
          if (code === separator || code === LF || code === CR) break;
          if (code === QUOTE) return undefined;
          end++;
        }
        value = text.slice(start, end).trimEnd();
        if (end > start) onlyEmptyField = false;
        at = end;
      }
      record.push(value);
      if (at >= length) break;
      const code = text.charCodeAt(at);
      if (code === separator) {
        at++;
        onlyEmptyField = false;
        continue;
      }
      if (code === LF || code === CR) {
        lineEnd = true;
        break;
      }
      // Text after a closing quote: csv-parse's error.
      return undefined;
    }
    if (!onlyEmptyField) rows.push({ record, info: { lines: line } });
    if (lineEnd) {
      at += crlf ? 2 : 1;
      line++;
    }
  }
  return rows;
}
