import { editDistance } from '../../util/editDistance.js';
import { compactHeader } from './normalizeHeader.js';

/**
 * How alike two headers are, from 0 to 1, comparing their compact forms:
 * 1 - (editDistance / length of the longer), where the distance counts
 * insertions, deletions, substitutions and swaps of two neighbours (optimal
 * string alignment).
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
  return 1 - editDistance(s, t) / longer;
}
