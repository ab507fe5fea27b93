/**
 * Stand-in for places/match-name.ts (the shared name matching, being written in parallel) with
 * the same signature of `rankNameMatches`; removed once that module is on main.
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

function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length]![b.length]!;
}

export function rankNameMatches<T extends { name: string }>(query: string, candidates: readonly T[]): { item: T; name: string; level: number; distance: number }[] {
  const wanted = normalizeName(query);
  if (!wanted) return [];
  const found = candidates.flatMap((item) => {
    const name = normalizeName(item.name);
    const level = name === wanted ? 0 : name.startsWith(wanted) ? 2 : name.includes(wanted) ? 4 : undefined;
    return level === undefined ? [] : [{ item, name: item.name, level, distance: 0 }];
  });
  if (found.length === 0) {
    const allowed = Math.min(3, Math.max(1, Math.floor(wanted.length / 4)));
    for (const item of candidates) {
      const distance = editDistance(wanted, normalizeName(item.name));
      if (distance <= allowed) found.push({ item, name: item.name, level: 5, distance });
    }
  }
  return found.sort((a, b) => a.level - b.level || a.distance - b.distance || a.name.localeCompare(b.name, 'de'));
}
