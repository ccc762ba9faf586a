import type { EntryKeys } from './EntryKeys.js';
import type { KeyPrefixes } from './KeyPrefixes.js';

/**
 * Sorts positions `s..e-1` of `prefixes`, whose keys tie on their first
 * `depth` bytes, by the rest of their keys: eight bytes at a time, each run of
 * entries still tying sorted again on its next eight bytes, until the run is
 * down to one entry or its keys have ended together. Reads each key as it
 * goes (in sorted order, so jumping about): for the few ties left once most
 * keys are apart.
 */
export function sortTies(keys: EntryKeys, prefixes: KeyPrefixes, s: number, e: number, depth: number): void {
  // The ranges sorted but not yet scanned for ties, as (next position to scan, end, depth of their bytes) triples.
  // Scanning resumes at the top one, so the stack grows with the nesting of ties, not with their number.
  const pending: number[] = [];
  const sortRange = (from: number, to: number, at: number): void => {
    prefixes.read(keys, from, to, at);
    prefixes.sort(from, to);
    pending.push(from, to, at);
  };
  sortRange(s, e, depth);
  while (pending.length > 0) {
    const top = pending.length - 3;
    const end = pending[top + 1]!;
    const at = pending[top + 2]!;
    let i = pending[top]!;
    for (;;) {
      let j = i + 1;
      while (j < end && prefixes.same(i, j)) j++;
      if (j - i > 1 && !prefixes.ended(i)) {
        if (j === end) pending.length = top;
        else pending[top] = j;
        sortRange(i, j, at + 8);
        break;
      }
      i = j;
      if (i >= end) {
        pending.length = top;
        break;
      }
    }
  }
}
