/** Numbers as erreichbar prints them (reports, notices, import summaries). Pure and without imports, so any module can use it cheaply. */

/**
 * German (`3.100`, `12,5`) or English (`3,100`, `12.5`) number formatting: exactly what
 * `toLocaleString('de-DE' | 'en-GB', { minimum/maximumFractionDigits })` prints, without starting
 * Intl's number formatting (15–20 ms in a fresh process, more than a whole `check` spends on its
 * sentences). Like ICU, it rounds the shortest decimal form of the number half away from zero
 * (0.15 → 0.2, where `toFixed` gives 0.1) and keeps the sign of a negative number that rounds to
 * zero (−0.04 → −0.0). Numbers whose shortest form has an exponent (from 10²¹, below 10⁻⁶), NaN
 * and infinities go to `toLocaleString` itself.
 */
export function formatNumber(value: number, lang: 'de' | 'en', fractionDigits = 0): string {
  const [thousands, decimal] = lang === 'de' ? ['.', ','] : [',', '.'];
  const rounded = roundHalfExpand(value, fractionDigits);
  if (rounded === undefined) return value.toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB', { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits });
  const digits = rounded.padStart(fractionDigits + 1, '0');
  const whole = digits.slice(0, digits.length - fractionDigits);
  let grouped = '';
  for (let end = whole.length; end > 0; end -= 3) grouped = whole.slice(Math.max(0, end - 3), end) + (grouped ? thousands + grouped : '');
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  return fractionDigits > 0 ? `${sign}${grouped}${decimal}${digits.slice(digits.length - fractionDigits)}` : `${sign}${grouped}`;
}

/**
 * The digits of |value| rounded half away from zero to `fractionDigits` places, without the
 * decimal point (`12.25`, 1 → `123`), from its shortest decimal form; undefined when that form has
 * an exponent or the value is not finite.
 */
function roundHalfExpand(value: number, fractionDigits: number): string | undefined {
  if (!Number.isFinite(value)) return undefined;
  const text = String(Math.abs(value));
  if (text.includes('e')) return undefined;
  const point = text.indexOf('.');
  const whole = point < 0 ? text : text.slice(0, point);
  const fraction = point < 0 ? '' : text.slice(point + 1);
  const kept = (whole + fraction.slice(0, fractionDigits).padEnd(fractionDigits, '0')).replace(/^0+(?=\d)/, '');
  if (fraction.length <= fractionDigits || fraction[fractionDigits]! < '5') return kept;
  // Add one to the last kept digit, carrying.
  const out = kept.split('');
  let i = out.length - 1;
  while (i >= 0 && out[i] === '9') out[i--] = '0';
  if (i < 0) out.unshift('1');
  else out[i] = String(Number(out[i]) + 1);
  return out.join('');
}
