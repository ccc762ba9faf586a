import { encodeKey } from '../util/encodeKey.js';

/**
 * A function finding the row with given key values, or -1. latest tables are
 * sorted by key, so it checks that once (O(n)) and then binary-searches with
 * no extra memory; a table not in that order (a snapshot written before the
 * key's type changed) gets a Map from key to row instead.
 */
export function keyLookup(rows: readonly string[][], keyIndexes: readonly number[], compare: (a: string[], b: string[]) => number): (key: string[]) => number {
  const keyOf = (row: string[]): string[] => keyIndexes.map((i) => row[i] ?? '');
  let sorted = true;
  for (let i = 1; i < rows.length && sorted; i++) sorted = compare(keyOf(rows[i - 1]!), keyOf(rows[i]!)) < 0;
  if (sorted) {
    return (key) => {
      let lo = 0;
      let hi = rows.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const c = compare(keyOf(rows[mid]!), key);
        if (c === 0) return keyOf(rows[mid]!).every((v, i) => v === key[i]) ? mid : -1;
        if (c < 0) lo = mid + 1;
        else hi = mid - 1;
      }
      return -1;
    };
  }
  const index = new Map<string, number>();
  rows.forEach((row, i) => index.set(encodeKey(keyOf(row)), i));
  return (key) => index.get(encodeKey(key)) ?? -1;
}
