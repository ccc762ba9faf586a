import { compactHeader } from './normalizeHeader.js';

/**
 * How alike two headers are, from 0 to 1, comparing their compact forms:
 * 1 - (Damerau-Levenshtein distance / length of the longer), where the
 * distance counts insertions, deletions, substitutions and swaps of two
 * neighbours (optimal string alignment).
 *
 * Chosen over Jaro-Winkler because a wrong mapping silently corrupts a column
 * while a missed one only rejects the file with a clear message, and
 * Jaro-Winkler rewards shared prefixes: `timestamp`/`timezone` scores 0.79 and
 * `id`/`identifier` 0.79, right at a 0.8 threshold, where this gives 0.44 and
 * 0.2. Typos still pass: `descripton`/`description` is 0.91, `adress`/`address`
 * 0.86. Short names need aliases rather than fuzzy matching (`nam`/`name` is 0.75).
 */
export function similarity(a: string, b: string): number {
  const s = compactHeader(a);
  const t = compactHeader(b);
  const longer = Math.max(s.length, t.length);
  if (longer === 0) return 1;
  return 1 - distance(s, t) / longer;
}

function distance(s: string, t: string): number {
  let before = new Array<number>(t.length + 1).fill(0);
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  let current = new Array<number>(t.length + 1).fill(0);
  for (let i = 1; i <= s.length; i++) {
    current[0] = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) best = Math.min(best, before[j - 2]! + 1);
      current[j] = best;
    }
    [before, previous, current] = [previous, current, before];
  }
  return previous[t.length]!;
}
