/** Numbers as the reports print them. Pure, no other report code, so every renderer can import it cheaply. */
import type { Lang } from './format-journey.js';

/** German (`3.100`, `12,5`) or English (`3,100`, `12.5`) number formatting. */
export function formatNumber(value: number, lang: Lang, fractionDigits = 0): string {
  return value.toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB', { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits });
}
