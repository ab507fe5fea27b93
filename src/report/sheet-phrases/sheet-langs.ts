/**
 * The languages of the trip sheet, without their phrase tables: enough to check `--sheet-lang`
 * before any work, so `check` loads the phrases only when it prints a sheet.
 */

/** Languages of the trip sheet: German and the client's language. */
export const SHEET_LANGS = ['ar', 'uk', 'ru', 'fa', 'tr', 'en', 'de'] as const;
/** One language of the trip sheet. */
export type SheetLang = (typeof SHEET_LANGS)[number];
