import type { EntryKeys } from './EntryKeys.js';
import { KeyPrefixes } from './KeyPrefixes.js';
import { sortTies } from './sortTies.js';

/** While at least one key in this many ties, the next bytes of all tied keys are read in one pass in entry order. */
const STREAM_SHARE = 64;

/**
 * Entries `from..to-1` sorted by their text keys (UTF-16 code unit order, on
 * bytes, as compareKeyBytes orders them; equal keys keep entry order). A radix
 * sort on each key's first eight ranked bytes does most of the work; entries
 * whose eight bytes tie are then sorted the same way on their next eight
 * bytes, and so on (keys such as `id-0000123` share long beginnings): level by
 * level while many keys tie, then run by run (sortTies). `sortedFirst` sees
 * the prefixes once in order of the first eight bytes (their `hi` and `lo`
 * then hold those bytes, ranked, position by position).
 */
export function sortTextKeys(keys: EntryKeys, from: number, to: number, sortedFirst?: (prefixes: KeyPrefixes) => void): Int32Array {
  const count = Math.max(0, to - from);
  const prefixes = new KeyPrefixes(from, count);
  if (count < 2) {
    if (sortedFirst !== undefined) {
      prefixes.read(keys, 0, count, 0);
      sortedFirst(prefixes);
    }
    return prefixes.at;
  }
  prefixes.read(keys, 0, count, 0);
  prefixes.sort(0, count);
  sortedFirst?.(prefixes);
  // ties[p] = 1: the key at position p ties with the one before it on every byte read so far.
  const ties = new Uint8Array(count).fill(1, 1);
  for (let depth = 8; ; depth += 8) {
    const tied = prefixes.markTies(ties);
    if (tied === 0) break;
    const streamed = tied * STREAM_SHARE >= count;
    if (streamed) prefixes.readTied(keys, ties, depth);
    for (let i = 0; i < count;) {
      let j = i + 1;
      while (j < count && ties[j] === 1) j++;
      if (j - i > 1) {
        if (streamed) prefixes.sort(i, j);
        else sortTies(keys, prefixes, i, j, depth);
      }
      i = j;
    }
    if (!streamed) break;
  }
  return prefixes.at;
}
