import type { EntryKeys } from './EntryKeys.js';

/** Entries from..from+hi.length-1, in key order, with the first eight bytes of each key, ranked (KeyPrefixes). */
interface SortedRun {
  from: number;
  hi: Uint32Array;
  lo: Uint32Array;
}

/**
 * The runs of entries a state took already sorted (each worker sorts its key
 * partition while the others sort theirs), merged into one key order when
 * they are all the entries from some entry on: one pass over the runs (one
 * per worker, a handful), comparing the prefixes the workers read, and whole
 * keys only where eight bytes tie. Keys of different partitions are never
 * equal, so the order is the one sortTextKeys would give.
 */
export class SortedRuns {
  private readonly runs: SortedRun[] = [];
  private next = -1;

  /** Notes entries from..from+hi.length-1 as sorted; a run that does not follow the last one leaves the runs unusable. */
  add(from: number, hi: Uint32Array, lo: Uint32Array): void {
    if (this.runs.length > 0 && from !== this.next) this.next = Number.NaN;
    else this.next = from + hi.length;
    this.runs.push({ from, hi, lo });
  }

  /** Entries first..count-1 in key order, when the runs are exactly those; else undefined (they are to be sorted). */
  merged(keys: EntryKeys, first: number, count: number): Int32Array | undefined {
    const runs = this.runs;
    if (runs.length === 0 || runs[0]!.from !== first || this.next !== count) return undefined;
    const out = new Int32Array(count - first);
    // Per run, the position of its next entry.
    const at = new Int32Array(runs.length);
    for (let o = 0; o < out.length; o++) {
      let best = -1;
      for (let r = 0; r < runs.length; r++) {
        const run = runs[r]!;
        const i = at[r]!;
        if (i < run.hi.length && (best < 0 || precedes(keys, run, i, runs[best]!, at[best]!))) best = r;
      }
      out[o] = runs[best]!.from + at[best]!++;
    }
    return out;
  }
}

/** Whether entry `i` of run `a` comes before entry `j` of run `b` (never equal: their keys are of different partitions). */
function precedes(keys: EntryKeys, a: SortedRun, i: number, b: SortedRun, j: number): boolean {
  if (a.hi[i] !== b.hi[j]) return a.hi[i]! < b.hi[j]!;
  if (a.lo[i] !== b.lo[j]) return a.lo[i]! < b.lo[j]!;
  return keys.compare(a.from + i, b.from + j) < 0;
}
