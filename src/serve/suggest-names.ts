/**
 * Type-ahead suggestions for the workbench: the Ortsteile or destinations whose names fit what
 * was typed so far, forgiving case, umlauts and small typos ("Wolmirstädt" → Wolmirstedt).
 * The ranking is the shared name matching of the CLI (`rankNameMatches` in places/match-name.ts),
 * and a suggestion's value is a name `check` accepts for exactly that place: the plain name, or
 * "Name (Gemeinde)" where several places share the name.
 */
import { rankNameMatches } from '../places/match-name.js';

/** One suggestion: `value` goes into the field, `detail` (Gemeinde or category) is shown beside it. */
export interface Suggestion {
  value: string;
  detail: string;
}

/**
 * The name that picks `item` among `all`: its name, or "Name (Gemeinde)" when another place has
 * the same name.
 */
export function uniqueName<T extends { name: string; gemeinde?: string }>(item: T, all: readonly T[]): string {
  const shared = all.some((other) => other !== item && other.name === item.name);
  return shared && item.gemeinde ? `${item.name} (${item.gemeinde})` : item.name;
}

/**
 * Up to `limit` suggestions for `query`, best first.
 *
 * @example
 * suggestNames('Wolmirstädt', places, (p) => p.gemeinde)[0]; // { value: 'Wolmirstedt', detail: 'Wolmirstedt' }
 */
export function suggestNames<T extends { name: string; gemeinde?: string }>(query: string, candidates: readonly T[], detail: (item: T) => string, limit = 8): Suggestion[] {
  return rankNameMatches(query, candidates)
    .slice(0, limit)
    .map((match) => ({ value: uniqueName(match.item, candidates), detail: detail(match.item) }));
}
