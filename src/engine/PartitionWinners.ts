import { copyBytes } from './copyBytes.js';
import type { FilePartial } from './FilePartial.js';

/**
 * A worker's key partition at the end of a run: every winner of its keys,
 * each with its input, and their bytes left in the worker's arena chunks
 * (moved to the main thread, not copied): winner w's key then row start at
 * `offsetOf[w]` in `chunks[chunkOf[w] - 1]`.
 */
export interface PartitionWinners {
  count: number;
  hashes: Uint32Array;
  orders: Float64Array;
  files: Int32Array;
  /** Per winner: the line its record starts on in its input. */
  lines: Uint32Array;
  chunks: Uint8Array[];
  chunkOf: Int32Array;
  offsetOf: Uint32Array;
  keyLengths: Uint32Array;
  rowLengths: Uint32Array;
  /**
   * Present when the winners are in key order (text keys, sorted by the worker as sortTextKeys sorts them): per
   * winner, the first eight bytes of its key, ranked (KeyPrefixes' `hi` and `lo`), to merge partitions by.
   */
  sorted?: { hi: Uint32Array; lo: Uint32Array };
}

/** The buffers a PartitionWinners is moved with. */
export function partitionBuffers(p: PartitionWinners): ArrayBuffer[] {
  const arrays = [p.hashes, p.orders, p.files, p.lines, p.chunkOf, p.offsetOf, p.keyLengths, p.rowLengths, ...p.chunks, ...(p.sorted ? [p.sorted.hi, p.sorted.lo] : [])];
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}

/** The same winners packed as one FilePartial (their bytes copied in order), for merging into a state that may hold their keys. */
export function packPartition(p: PartitionWinners): FilePartial {
  let total = 0;
  for (let w = 0; w < p.count; w++) total += p.keyLengths[w]! + p.rowLengths[w]!;
  const data = new Uint8Array(total);
  let at = 0;
  for (let w = 0; w < p.count; w++) {
    const length = p.keyLengths[w]! + p.rowLengths[w]!;
    copyBytes(p.chunks[p.chunkOf[w]! - 1]!, p.offsetOf[w]!, data, at, length);
    at += length;
  }
  const { count, hashes, orders, files, lines, keyLengths, rowLengths } = p;
  return { rows: 0, rejects: [], count, hashes, orders, lines, keyLengths, rowLengths, data, files };
}
