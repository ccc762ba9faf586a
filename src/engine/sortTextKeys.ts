import { keyByteRank } from './keyByteRank.js';
import type { EntryKeys } from './EntryKeys.js';

/**
 * Entries `from..to-1` sorted by their text keys (UTF-16 code unit order, on
 * bytes). Each entry becomes one number, its first key bytes (ranked as
 * compareKeyBytes ranks them) above its position, so a native numeric sort
 * does most of the work; only entries whose first bytes tie are then compared
 * in full.
 */
export function sortTextKeys(keys: EntryKeys, from: number, to: number, wideFrom = 1 << 21): Int32Array {
  const count = to - from;
  // 53 bits: 32 bits of prefix and 21 of position, or 24 and 29 from 2M entries on (`wideFrom`: tests lower it).
  const prefixBytes = count < wideFrom ? 4 : 3;
  const shift = 2 ** (53 - prefixBytes * 8);
  const packed = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const e = from + i;
    const bytes = keys.bytes(e);
    const start = keys.start(e);
    const length = keys.length(e);
    let prefix = 0;
    // A key shorter than the prefix ranks below any longer key sharing it: 0 below every ranked byte (+1).
    for (let b = 0; b < prefixBytes; b++) prefix = prefix * 256 + (b < length ? keyByteRank(bytes[start + b]!) + 1 : 0);
    packed[i] = prefix * shift + i;
  }
  packed.sort();
  const out = new Int32Array(count);
  let i = 0;
  while (i < count) {
    const group = Math.floor(packed[i]! / shift);
    let j = i + 1;
    while (j < count && Math.floor(packed[j]! / shift) === group) j++;
    if (j - i === 1) out[i] = from + (packed[i]! % shift);
    else {
      const run = Array.from({ length: j - i }, (_, k) => from + (packed[i + k]! % shift));
      run.sort((a, b) => keys.compare(a, b));
      out.set(run, i);
    }
    i = j;
  }
  return out;
}
