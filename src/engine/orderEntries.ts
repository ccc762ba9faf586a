import { decodeKeyParts } from './decodeKeyParts.js';
import type { EntryKeys } from './EntryKeys.js';
import { sortTextKeys } from './sortTextKeys.js';

/** Up to this mean gap between new keys among the previous ones, the previous keys are stepped through (see below). */
const LINEAR = 64;

/**
 * The entries in output (key) order, as LatestRowMerger sorts them: the
 * previous rows (entries 0..loaded-1) keep their places when they were in key
 * order, and the new keys are sorted and merged in (each found by stepping
 * through the previous keys from the last place where new keys lie close
 * together, else by galloping, so few previous keys are compared more than
 * once); otherwise all are sorted. With `same`, a new entry whose key a
 * previous row has takes that row's place or is left out, as `same` says
 * (text keys in order only). Text keys compare on their bytes; numeric and
 * composite keys by `compareParts` on their parts, made as strings only for
 * the new keys and for the previous keys the merge looks at. `sortedFresh`:
 * the new entries (loaded..count-1) already in key order (SortedRuns).
 */
export function orderEntries(
  keys: EntryKeys,
  loaded: number,
  count: number,
  loadedInOrder: boolean,
  textKey: boolean,
  partCount: number,
  compareParts: (a: string[], b: string[]) => number,
  same?: (previous: number, fresh: number) => number,
  sortedFresh?: Int32Array,
): Int32Array {
  const parts: (string[] | undefined)[] = [];
  const partsOf = (e: number): string[] => (e >= loaded ? (parts[e - loaded] ??= decodeKeyParts(keys.text(e), partCount)) : decodeKeyParts(keys.text(e), partCount));
  const compare = textKey ? (a: number, b: number) => keys.compare(a, b) : (a: number, b: number) => compareParts(partsOf(a), partsOf(b));
  const out = new Int32Array(count);
  if (!loadedInOrder) {
    if (textKey) return sortTextKeys(keys, 0, count);
    const cache: string[][] = [];
    const all = Array.from({ length: count }, (_, e) => e);
    out.set(all.sort((a, b) => compareParts((cache[a] ??= partsOf(a)), (cache[b] ??= partsOf(b)))));
    return out;
  }
  const fresh = sortedFresh ?? (textKey ? sortTextKeys(keys, loaded, count) : Array.from({ length: count - loaded }, (_, i) => loaded + i).sort(compare));
  let i = 0;
  let o = 0;
  // A previous entry against the new one placed now: a text key's bytes are looked up once per new entry.
  let placing = 0;
  let bytes: Uint8Array = new Uint8Array(0);
  let start = 0;
  let length = 0;
  const against = textKey ? (p: number) => keys.comparePrevious(p, bytes, start, length) : (p: number) => compare(p, placing);
  for (let n = 0; n < fresh.length; n++) {
    const f = fresh[n]!;
    placing = f;
    if (textKey) {
      bytes = keys.bytes(f);
      start = keys.start(f);
      length = keys.length(f);
    }
    // The first previous row after f. Where new keys lie a few previous ones apart, those are stepped through: they
    // lie next to each other in memory, where the jumps of a search miss the cache (228 ns a compare at 100k new
    // keys among 2M). Else (or when a step goes too far) a gallop, its first step the mean gap, then a bisection.
    let step = Math.max(1, Math.floor((loaded - i) / (fresh.length - n)));
    let lo = i;
    let hi = -1;
    if (step <= LINEAR) {
      const end = Math.min(loaded, i + 4 * LINEAR);
      while (lo < end && against(lo) <= 0) lo++;
      if (lo < end || end === loaded) hi = lo;
    }
    if (hi < 0) {
      hi = lo + step - 1;
      while (hi < loaded && against(hi) <= 0) {
        lo = hi + 1;
        step *= 2;
        hi = lo + step - 1;
      }
      if (hi > loaded) hi = loaded;
    }
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (against(mid) <= 0) lo = mid + 1;
      else hi = mid;
    }
    // A new entry with a previous key (text keys in order, not looked up before: `same`) is settled there, not ordered.
    if (same !== undefined && lo > i && against(lo - 1) === 0) {
      while (i < lo - 1) out[o++] = i++;
      out[o++] = same(i++, f);
      continue;
    }
    while (i < lo) out[o++] = i++;
    out[o++] = f;
  }
  while (i < loaded) out[o++] = i++;
  return o < count ? out.subarray(0, o) : out;
}
