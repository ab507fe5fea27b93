/**
 * Matching what a person typed against a list of names (Ortsteile, destinations, stops): one
 * module for `check`, `homes`, `report`, `route` and the workbench's type-ahead.
 *
 * Names are compared in a normal form that ignores case, umlauts and ß (`ä` = `a` = `ae`,
 * `ß` = `ss`), accents, punctuation and repeated spaces, so "Wolmirstaedt", "GROSS RODENSLEBEN" and
 * "Groß Rodensleben" compare as typed by hand. Matches are ranked in levels — whole name, name
 * without a suffix in brackets ("Oschersleben" for "Oschersleben (Bode)"), start of the name, whole
 * words inside the name, any part of it — and a better level always beats a worse one, so
 * "Oschersleben" is Oschersleben (Bode), not Klein Oschersleben. When nothing matches, names within
 * a small edit distance (Damerau–Levenshtein on the normal form) are offered as suggestions.
 *
 * Limits: no phonetic matching beyond the umlaut rules (so "Wolmirstädt" is a suggestion for
 * "Wolmirstedt", not a match); the edit distance allows one error per four letters, at most three.
 */
import { UsageError, type UserText } from '../errors.js';

/** How well a name matches a query; smaller is better. */
export enum MatchLevel {
  /** The whole name (or one of its alternative names, e.g. "Name (Gemeinde)"). */
  Exact = 0,
  /** The name without its suffix in brackets: "Oschersleben" for "Oschersleben (Bode)". */
  BaseName = 1,
  /** The name starts with the query's words: "Hermes" for "Hermes Fulfilment Haldensleben". */
  Prefix = 2,
  /** The query's words appear as whole words inside the name: "Oschersleben" in "Klein Oschersleben". */
  Words = 3,
  /** Any part of the name: "rodens" in "Groß Rodensleben". */
  Part = 4,
  /** Not a match, but close in spelling (a suggestion): "Wolmirstädt" for "Wolmirstedt". */
  Close = 5,
}

/** One candidate found by {@link rankNameMatches}. */
export interface NameMatch<T> {
  /** The candidate as given. */
  item: T;
  /** The name that matched (the candidate's name or one of its alternative names). */
  name: string;
  /** How well it matched. */
  level: MatchLevel;
  /** Edit distance between query and name in normal form (0 unless `level` is {@link MatchLevel.Close}). */
  distance: number;
}

/** Options of {@link rankNameMatches}. */
export interface RankOptions<T> {
  /** The names of a candidate: the first is its display name, further ones are accepted too (default: `item.name`). */
  names?: (item: T) => readonly string[];
  /** Further names that count only when typed in full, e.g. "Bergen (Wanzleben-Börde)" (default: none). */
  aliases?: (item: T) => readonly string[];
  /** Also return close spellings ({@link MatchLevel.Close}) when nothing matches better (default true). */
  suggest?: boolean;
}

/**
 * The normal form used for comparing names: lower case, `ä`/`ae` → `a`, `ö`/`oe` → `o`,
 * `ü`/`ue` → `u`, `ß` → `ss`, other accents removed, everything but letters and digits → one space.
 *
 * @example normalizeName('Groß Rodensleben') === normalizeName('GROSS-RODENSLEBEN') // 'gross rodensleben'
 */
export function normalizeName(text: string): string {
  return text
    .toLocaleLowerCase('de')
    .replace(/ß/g, 'ss')
    .replace(/ä/g, 'a')
    .replace(/ö/g, 'o')
    .replace(/ü/g, 'u')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([aou])e/g, '$1')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The name without a trailing suffix in brackets: "Oschersleben (Bode)" → "Oschersleben". */
function baseName(name: string): string {
  return name.replace(/\s*[([][^()[\]]*[)\]]\s*$/, '').trim();
}

/**
 * Ranks candidates for a query, best first: by {@link MatchLevel}, then (for close spellings) by
 * edit distance, then by how much of the name the query covers, then alphabetically. Every
 * candidate appears at most once (with its best name). Suggestions ({@link MatchLevel.Close}) are
 * only returned when no candidate matches at a better level. An empty query matches nothing.
 *
 * This is the function a type-ahead calls on every key press: its first entries are the ones to show.
 *
 * @example
 * rankNameMatches('oschersleben', places).map((m) => m.item.name)
 * // ['Oschersleben (Bode)', 'Klein Oschersleben']
 * rankNameMatches('Wolmirstädt', places)[0] // { item: Wolmirstedt, level: MatchLevel.Close, distance: 1 }
 */
export function rankNameMatches<T>(query: string, candidates: readonly T[], options: RankOptions<T> = {}): NameMatch<T>[] {
  const wanted = normalizeName(query);
  if (wanted === '') return [];
  const namesOf = options.names ?? ((item: T) => [(item as { name: string }).name]);
  const found: (NameMatch<T> & { coverage: number })[] = [];
  for (const item of candidates) {
    let best: (NameMatch<T> & { coverage: number }) | undefined;
    const alias = options.aliases?.(item).find((name) => normalizeName(name) === wanted);
    if (alias !== undefined) best = { item, name: alias, level: MatchLevel.Exact, distance: 0, coverage: 1 };
    for (const name of namesOf(item)) {
      const level = matchLevel(wanted, name);
      if (level === undefined) continue;
      const coverage = wanted.length / Math.max(1, normalizeName(name).length);
      if (!best || level < best.level || (level === best.level && coverage > best.coverage)) best = { item, name, level, distance: 0, coverage };
    }
    if (best) found.push(best);
  }
  if (found.length === 0 && options.suggest !== false) {
    const allowed = Math.min(3, Math.max(1, Math.floor(wanted.length / 4)));
    for (const item of candidates) {
      let best: (NameMatch<T> & { coverage: number }) | undefined;
      for (const name of namesOf(item)) {
        const full = normalizeName(name);
        // The start of a longer name counts too ("Hermez" is close to "Hermes Fulfilment Haldensleben").
        const start = full.split(' ').slice(0, wanted.split(' ').length).join(' ');
        for (const form of new Set([full, normalizeName(baseName(name)), start])) {
          const distance = editDistance(wanted, form, allowed);
          if (distance <= allowed && (!best || distance < best.distance)) best = { item, name, level: MatchLevel.Close, distance, coverage: 0 };
        }
      }
      if (best) found.push(best);
    }
  }
  found.sort((a, b) => a.level - b.level || a.distance - b.distance || b.coverage - a.coverage || a.name.localeCompare(b.name, 'de'));
  return found.map(({ item, name, level, distance }) => ({ item, name, level, distance }));
}

function matchLevel(wanted: string, name: string): MatchLevel | undefined {
  const full = normalizeName(name);
  if (full === wanted) return MatchLevel.Exact;
  if (normalizeName(baseName(name)) === wanted) return MatchLevel.BaseName;
  if (full.startsWith(`${wanted} `)) return MatchLevel.Prefix;
  if (` ${full} `.includes(` ${wanted} `)) return MatchLevel.Words;
  if (full.includes(wanted)) return MatchLevel.Part;
  return undefined;
}

/** Damerau–Levenshtein distance (optimal string alignment), stopping early above `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2]! + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/** What is being looked up, for messages: singular and plural in German and English. */
export interface NameKind {
  /** German: "Ortsteil", "Ortsteile" and "kein Ortsteil" (the article differs by gender). */
  de: { one: string; many: string; none: string };
  en: { one: string; many: string };
  /** Where the user finds all names, e.g. `erreichbar places` (German and English). */
  listHint?: UserText;
}

/** Kinds of names the CLI looks up. */
export const NAME_KINDS = {
  place: {
    de: { one: 'Ortsteil', many: 'Ortsteile', none: 'kein Ortsteil' },
    en: { one: 'Ortsteil', many: 'Ortsteile' },
    listHint: { de: 'alle Namen: erreichbar places', en: 'all names: erreichbar places' },
  },
  destination: {
    de: { one: 'Ziel', many: 'Ziele', none: 'kein Ziel' },
    en: { one: 'destination', many: 'destinations' },
    listHint: { de: 'alle Ziele: data/destinations.csv oder --destinations', en: 'all destinations: data/destinations.csv or --destinations' },
  },
  kita: {
    de: { one: 'Kita', many: 'Kitas', none: 'keine Kita' },
    en: { one: 'Kita', many: 'Kitas' },
    listHint: { de: 'alle Ziele: data/destinations.csv oder --destinations', en: 'all destinations: data/destinations.csv or --destinations' },
  },
  stop: {
    de: { one: 'Haltestelle', many: 'Haltestellen', none: 'keine Haltestelle' },
    en: { one: 'stop', many: 'stops' },
  },
} as const satisfies Record<string, NameKind>;

/** Options of {@link resolveName}. */
export interface ResolveOptions<T> extends RankOptions<T> {
  /** The flag the name was given with, e.g. `--from`; starts the message. */
  flag: string;
  /** What is looked up. */
  kind: NameKind;
  /** How a candidate is shown in a list of several, e.g. "Bergen (Wanzleben-Börde)" (default: its first name). */
  describe?: (item: T) => string;
  /** Error code for "no such name" (default `UNKNOWN_NAME`). */
  unknownCode?: string;
  /** Error code for "several names fit" (default `AMBIGUOUS_NAME`). */
  ambiguousCode?: string;
  /**
   * When given, a single close spelling one letter away from a query of at least six letters
   * ("Wolmirstädt" for "Wolmirstedt") is taken instead of refused, and this is called with the
   * notice to show ("Meinten Sie: Wolmirstedt? Verwendet wird Wolmirstedt.").
   */
  onCloseMatch?: (notice: UserText) => void;
  /** Extra advice at the end of an ambiguity message, e.g. "or a stop_id". */
  ambiguousHint?: UserText;
}

/**
 * The one candidate a query means, else a {@link UsageError} that helps: the candidates of the best
 * level when several fit (with their Gemeinde, via `describe`), "Meinten Sie: …?" when only close
 * spellings exist, and where to find all names. Candidates of the best level that share one display
 * name count as one (e.g. the platforms of a stop), so all of them are returned.
 *
 * @example resolveName('oschersleben', places, { flag: '--from', kind: NAME_KINDS.place }) // [Oschersleben (Bode)]
 */
export function resolveName<T>(query: string, candidates: readonly T[], options: ResolveOptions<T>): T[] {
  const describe = options.describe ?? ((item: T) => (options.names ? options.names(item)[0]! : (item as { name: string }).name));
  const ranked = rankNameMatches(query, candidates, options);
  const { flag, kind } = options;
  const hint = options.kind.listHint;
  const hintDe = hint === undefined ? '' : ` (${typeof hint === 'string' ? hint : hint.de})`;
  const hintEn = hint === undefined ? '' : ` (${typeof hint === 'string' ? hint : hint.en})`;
  const first = ranked[0];
  if (first?.level === MatchLevel.Close && options.onCloseMatch && first.distance === 1 && normalizeName(query).length >= 6) {
    const sameDistance = ranked.filter((match) => match.distance === 1);
    if (sameDistance.length === 1) {
      const shown = describe(first.item);
      options.onCloseMatch({
        de: `${flag}: ${kind.de.none} „${query}“; Meinten Sie: ${shown}? Verwendet wird ${shown}.`,
        en: `${flag}: no ${kind.en.one} named "${query}"; did you mean: ${shown}? Using ${shown}.`,
      });
      return [first.item];
    }
  }
  if (!first || first.level === MatchLevel.Close) {
    const close = ranked.filter((match) => match.distance === first?.distance).slice(0, 3);
    const shown = [...new Set(close.map((match) => describe(match.item)))];
    const didYouMean = (lang: 'de' | 'en'): string =>
      shown.length === 0 ? '' : `; ${lang === 'de' ? 'Meinten Sie' : 'did you mean'}: ${orList(shown, lang)}?`;
    throw new UsageError(
      {
        de: `${flag}: ${kind.de.none} „${query}“${didYouMean('de')}${hintDe}`,
        en: `${flag}: no ${kind.en.one} named "${query}"${didYouMean('en')}${hintEn}`,
      },
      flag,
      options.unknownCode ?? 'UNKNOWN_NAME',
    );
  }
  const best = ranked.filter((match) => match.level === first.level);
  const names = [...new Set(best.map((match) => describe(match.item)))];
  if (names.length === 1) return best.map((match) => match.item);
  const shown = names.slice(0, 8).join(', ') + (names.length > 8 ? ', …' : '');
  const extra = options.ambiguousHint;
  const extraDe = extra === undefined ? '' : ` ${typeof extra === 'string' ? extra : extra.de}`;
  const extraEn = extra === undefined ? '' : ` ${typeof extra === 'string' ? extra : extra.en}`;
  throw new UsageError(
    {
      de: `${flag}: „${query}“ passt auf ${names.length} ${kind.de.many}: ${shown}; bitte genauer angeben${extraDe}${hintDe}`,
      en: `${flag}: "${query}" matches ${names.length} ${kind.en.many}: ${shown}; please be more specific${extraEn}${hintEn}`,
    },
    flag,
    options.ambiguousCode ?? 'AMBIGUOUS_NAME',
  );
}

function orList(items: readonly string[], lang: 'de' | 'en'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${lang === 'de' ? 'oder' : 'or'} ${items[items.length - 1]}`;
}
