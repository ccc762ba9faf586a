import { decodeKeyParts } from './decodeKeyParts.js';
import type { EntryKeys } from './EntryKeys.js';
import { sortTextKeys } from './sortTextKeys.js';

/**
 * The entries in output (key) order, as LatestRowMerger sorts them: the
 * previous rows (entries 0..loaded-1) keep their places when they were in key
 * order, and the new keys are sorted and merged in (each found by galloping
 * from the last place, so few previous keys are ever compared); otherwise all
 * are sorted. With `same`, a new entry whose key a previous row has takes
 * that row's place or is left out, as `same` says (text keys in order only). Text keys compare on their bytes; numeric and composite keys by
 * `compareParts` on their parts, made as strings only for the new keys and
 * for the previous keys the merge looks at.
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
  const fresh = textKey ? sortTextKeys(keys, loaded, count) : Array.from({ length: count - loaded }, (_, i) => loaded + i).sort(compare);
  let i = 0;
  let o = 0;
  // A previous entry against the new one placed now: a text key's bytes are looked up once per new entry.
  let placing = 0;
  let bytes: Uint8Array = new Uint8Array(0);
  let start = 0;
  let length = 0;
  const against = textKey ? (p: number) => keys.compareWith(p, bytes, start, length) : (p: number) => compare(p, placing);
  for (const f of fresh) {
    placing = f;
    if (textKey) {
      bytes = keys.bytes(f);
      start = keys.start(f);
      length = keys.length(f);
    }
    // The first previous row after f: gallop from i, then bisect.
    let step = 1;
    let lo = i;
    let hi = i;
    while (hi < loaded && against(hi) <= 0) {
      lo = hi + 1;
      hi = i + step;
      step *= 2;
    }
    if (hi > loaded) hi = loaded;
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
