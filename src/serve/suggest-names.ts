/**
 * Type-ahead suggestions for the workbench: the Ortsteile or destinations whose names fit what
 * was typed so far, forgiving case, umlauts and small typos ("Wolmirstädt" → Wolmirstedt).
 * The ranking is the shared name matching of the CLI (`rankNameMatches` in places/match-name.ts),
 * so a name the type-ahead offers is one `check` accepts.
 */
import { rankNameMatches } from './rank-names-fallback.js';

/** One suggestion: `value` goes into the field, `detail` (Gemeinde or category) is shown beside it. */
export interface Suggestion {
  value: string;
  detail: string;
}

/**
 * Up to `limit` suggestions for `query`, best first.
 *
 * @example
 * suggestNames('Wolmirstädt', places, (p) => p.gemeinde)[0]; // { value: 'Wolmirstedt', detail: 'Wolmirstedt' }
 */
export function suggestNames<T extends { name: string }>(query: string, candidates: readonly T[], detail: (item: T) => string, limit = 8): Suggestion[] {
  return rankNameMatches(query, candidates)
    .slice(0, limit)
    .map((match) => ({ value: match.item.name, detail: detail(match.item) }));
}
