import type { EntryKeys } from './EntryKeys.js';
import { keyByteRank } from './keyByteRank.js';

/** Each byte's rank (as compareKeyBytes ranks it) + 1, so that 0 can stand for "past the end of the key". */
const RANKED = Uint8Array.from({ length: 256 }, (_, b) => keyByteRank(b) + 1);
/** Ranges up to this size are insertion-sorted; larger ones radix-sorted. */
const SMALL = 32;
/** Ranges from this size on are radix-sorted on 16-bit digits (4 passes), smaller ones on 8-bit digits. */
const WIDE = 1 << 16;

/**
 * Eight ranked bytes of each entry's key from some depth on, as one 64-bit
 * number held in two 32-bit halves (`hi`: bytes 0-3, `lo`: bytes 4-7), beside
 * the entry's number (`at`). Positions, not entries, index the three arrays:
 * sorting a range of positions moves all three, so every pass reads them in
 * order. Sorts are stable, so entries whose bytes tie keep their order.
 */
export class KeyPrefixes {
  readonly hi: Uint32Array;
  readonly lo: Uint32Array;
  /** The entries, in the order sorted so far; also the result. */
  readonly at: Int32Array;
  private readonly hi2: Uint32Array;
  private readonly lo2: Uint32Array;
  private readonly at2: Int32Array;
  private readonly counts = new Int32Array(4 << 16);

  constructor(
    private readonly from: number,
    count: number,
  ) {
    this.hi = new Uint32Array(count);
    this.lo = new Uint32Array(count);
    this.at = new Int32Array(count);
    for (let i = 0; i < count; i++) this.at[i] = from + i;
    this.hi2 = new Uint32Array(count);
    this.lo2 = new Uint32Array(count);
    this.at2 = new Int32Array(count);
  }

  /** Reads the bytes `depth..depth+7` of the keys of the entries at positions `s..e-1` (0 past a key's end). */
  read(keys: EntryKeys, s: number, e: number, depth: number): void {
    for (let p = s; p < e; p++) this.readAt(keys, this.at[p]!, p, depth);
  }

  /**
   * Reads the next bytes of the keys at the positions where `ties` marks a tie
   * (`ties[p]`: position p ties with p - 1), visiting the entries in entry
   * order: where each key is and how long (and mostly its bytes) lie in that
   * order, so the reads stream instead of jumping about, which costs more than
   * the sort itself when many keys tie.
   */
  readTied(keys: EntryKeys, ties: Uint8Array, depth: number): void {
    const where = this.at2; // free between sorts: which position each entry is at, -1 for one not tied
    const count = where.length;
    where.fill(-1);
    for (let p = 0; p < count; p++) if (ties[p] === 1 || (p + 1 < count && ties[p + 1] === 1)) where[this.at[p]! - this.from] = p;
    for (let i = 0; i < count; i++) {
      const p = where[i]!;
      if (p >= 0) this.readAt(keys, this.from + i, p, depth);
    }
  }

  private readAt(keys: EntryKeys, entry: number, p: number, depth: number): void {
    const bytes = keys.bytes(entry);
    const b = keys.start(entry) + depth;
    const length = keys.length(entry) - depth;
    if (length >= 8) {
      this.hi[p] = (RANKED[bytes[b]!]! << 24) | (RANKED[bytes[b + 1]!]! << 16) | (RANKED[bytes[b + 2]!]! << 8) | RANKED[bytes[b + 3]!]!;
      this.lo[p] = (RANKED[bytes[b + 4]!]! << 24) | (RANKED[bytes[b + 5]!]! << 16) | (RANKED[bytes[b + 6]!]! << 8) | RANKED[bytes[b + 7]!]!;
    } else {
      let h = 0;
      let l = 0;
      for (let i = 0; i < 4; i++) h = (h << 8) | (i < length ? RANKED[bytes[b + i]!]! : 0);
      for (let i = 4; i < 8; i++) l = (l << 8) | (i < length ? RANKED[bytes[b + i]!]! : 0);
      this.hi[p] = h;
      this.lo[p] = l;
    }
  }

  /** Sorts positions `s..e-1` by their eight bytes, stably. */
  sort(s: number, e: number): void {
    if (e - s <= SMALL) this.insertionSort(s, e);
    else this.radixSort(s, e, e - s >= WIDE ? 16 : 8);
  }

  /** Whether positions p and q hold the same eight bytes. */
  same(p: number, q: number): boolean {
    return this.hi[p] === this.hi[q] && this.lo[p] === this.lo[q];
  }

  /** Whether the eight bytes at position p reach past the end of its key (so a tie there is a tie of whole keys). */
  ended(p: number): boolean {
    return (this.lo[p]! & 0xff) === 0;
  }

  /**
   * Narrows `ties` (`ties[p]`: position p's key tied with p - 1's up to the
   * bytes read before) to the keys that still tie on the bytes read last, and
   * returns how many positions are in a group of ties.
   */
  markTies(ties: Uint8Array): number {
    let tied = 0;
    for (let p = 1; p < ties.length; p++) {
      if (ties[p] === 0) continue;
      if (this.same(p - 1, p) && !this.ended(p)) tied += ties[p - 1] === 1 ? 1 : 2;
      else ties[p] = 0;
    }
    return tied;
  }

  private insertionSort(s: number, e: number): void {
    const { hi, lo, at } = this;
    for (let i = s + 1; i < e; i++) {
      const h = hi[i]!;
      const l = lo[i]!;
      const a = at[i]!;
      let j = i - 1;
      while (j >= s && (hi[j]! > h || (hi[j] === h && lo[j]! > l))) {
        hi[j + 1] = hi[j]!;
        lo[j + 1] = lo[j]!;
        at[j + 1] = at[j]!;
        j--;
      }
      hi[j + 1] = h;
      lo[j + 1] = l;
      at[j + 1] = a;
    }
  }

  /** LSD radix sort on `bits`-bit digits (8 or 16), low digit first, skipping digits equal across the range. */
  private radixSort(s: number, e: number, bits: number): void {
    const m = e - s;
    const buckets = 1 << bits;
    const mask = buckets - 1;
    const perWord = 32 / bits;
    const counts = this.counts;
    counts.fill(0, 0, 2 * perWord * buckets);
    for (let d = 0; d < perWord; d++) {
      const shift = d * bits;
      const low = d * buckets;
      const high = (perWord + d) * buckets;
      for (let p = s; p < e; p++) {
        counts[low + ((this.lo[p]! >>> shift) & mask)]!++;
        counts[high + ((this.hi[p]! >>> shift) & mask)]!++;
      }
    }
    let hi = this.hi;
    let lo = this.lo;
    let at = this.at;
    let hi2 = this.hi2;
    let lo2 = this.lo2;
    let at2 = this.at2;
    for (let d = 0; d < 2 * perWord; d++) {
      const digits = d < perWord ? lo : hi;
      const shift = (d % perWord) * bits;
      const base = d * buckets;
      if (counts[base + ((digits[s]! >>> shift) & mask)] === m) continue;
      let sum = s;
      for (let k = base; k < base + buckets; k++) {
        const c = counts[k]!;
        counts[k] = sum;
        sum += c;
      }
      for (let p = s; p < e; p++) {
        const q = counts[base + ((digits[p]! >>> shift) & mask)]!++;
        hi2[q] = hi[p]!;
        lo2[q] = lo[p]!;
        at2[q] = at[p]!;
      }
      const h = hi;
      hi = hi2;
      hi2 = h;
      const l = lo;
      lo = lo2;
      lo2 = l;
      const a = at;
      at = at2;
      at2 = a;
    }
    if (at !== this.at) {
      this.hi.set(hi.subarray(s, e), s);
      this.lo.set(lo.subarray(s, e), s);
      this.at.set(at.subarray(s, e), s);
    }
  }
}
