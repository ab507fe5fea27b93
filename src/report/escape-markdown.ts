/**
 * Escapes text for a Markdown table cell or heading: Markdown's special characters (`|` would
 * end the cell) get a backslash, and line breaks (which would end the row) become spaces.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/\r\n|\r|\n/g, ' ').replace(/[|\\`*_[\]<>#]/g, (c) => `\\${c}`);
}
