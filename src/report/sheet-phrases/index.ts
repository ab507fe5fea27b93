/**
 * The phrase tables of the trip sheet, one file per language in this folder so that a native
 * speaker can review one language at a time (see README). German is always printed; the
 * client's language stands beside it.
 */
import type { SheetPhrases } from './types.js';
import type { SheetLang } from './sheet-langs.js';
import { ar } from './ar.js';
import { de } from './de.js';
import { en } from './en.js';
import { fa } from './fa.js';
import { ru } from './ru.js';
import { tr } from './tr.js';
import { uk } from './uk.js';

export type { SheetPhrases } from './types.js';
export { SHEET_LANGS, type SheetLang } from './sheet-langs.js';

/** The phrase table of each language. */
export const SHEET_PHRASES: Record<SheetLang, SheetPhrases> = { ar, de, en, fa, ru, tr, uk };

/** The languages' names for a menu: own name and German name. */
export const SHEET_LANG_NAMES: Record<SheetLang, string> = {
  ar: 'العربية (Arabisch)',
  uk: 'Українська (Ukrainisch)',
  ru: 'Русский (Russisch)',
  fa: 'فارسی / دری (Persisch/Dari)',
  tr: 'Türkçe (Türkisch)',
  en: 'English (Englisch)',
  de: 'nur Deutsch',
};
