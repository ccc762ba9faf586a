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
 * they are all the entries from some entry on: one pass that compares the
 * prefixes the workers read, and whole keys only where eight bytes tie. Keys
 * of different partitions are never equal, so the order is the one
 * sortTextKeys would give.
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
    if (this.runs.length === 0 || this.runs[0]!.from !== first || this.next !== count) return undefined;
    let merged: Run[] = this.runs.map((run) => ({ entries: Int32Array.from(run.hi, (_, w) => run.from + w), hi: run.hi, lo: run.lo }));
    while (merged.length > 1) {
      const pairs: Run[] = [];
      for (let i = 0; i + 1 < merged.length; i += 2) pairs.push(mergeTwo(keys, merged[i]!, merged[i + 1]!));
      if (merged.length % 2 === 1) pairs.push(merged.at(-1)!);
      merged = pairs;
    }
    return merged[0]!.entries;
  }
}

type Run = { entries: Int32Array; hi: Uint32Array; lo: Uint32Array };

function mergeTwo(keys: EntryKeys, a: Run, b: Run): Run {
  const n = a.entries.length + b.entries.length;
  const out: Run = { entries: new Int32Array(n), hi: new Uint32Array(n), lo: new Uint32Array(n) };
  let i = 0;
  let j = 0;
  for (let o = 0; o < n; o++) {
    let fromA: boolean;
    if (j >= b.entries.length) fromA = true;
    else if (i >= a.entries.length) fromA = false;
    else {
      const ah = a.hi[i]!;
      const bh = b.hi[j]!;
      if (ah !== bh) fromA = ah < bh;
      else if (a.lo[i] !== b.lo[j]) fromA = a.lo[i]! < b.lo[j]!;
      else fromA = keys.compare(a.entries[i]!, b.entries[j]!) <= 0;
    }
    if (fromA) {
      out.entries[o] = a.entries[i]!;
      out.hi[o] = a.hi[i]!;
      out.lo[o] = a.lo[i++]!;
    } else {
      out.entries[o] = b.entries[j]!;
      out.hi[o] = b.hi[j]!;
      out.lo[o] = b.lo[j++]!;
    }
  }
  return out;
}
