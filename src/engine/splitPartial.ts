import type { FilePartial } from './FilePartial.js';
import { copyBytes } from './copyBytes.js';
import { partitionOf } from './partitionOf.js';

/**
 * One input's winners split by key partition (partitionOf), each part with
 * the input's index on every winner (`files`) so parts of many inputs can be
 * merged in any order. Rows and rejects stay with the input, not the parts.
 */
export function splitPartial(partial: FilePartial, file: number, parts: number): FilePartial[] {
  const { hashes, count } = partial;
  const of = new Uint8Array(count);
  const counts = new Int32Array(parts);
  const sizes = new Float64Array(parts);
  for (let w = 0; w < count; w++) {
    const p = partitionOf(hashes[w]!, parts);
    of[w] = p;
    counts[p]++;
    sizes[p] += partial.keyLengths[w]! + partial.rowLengths[w]!;
  }
  const out: FilePartial[] = [];
  for (let p = 0; p < parts; p++) {
    const n = counts[p]!;
    out.push({
      rows: 0,
      rejects: [],
      count: 0,
      hashes: new Uint32Array(n),
      orders: new Float64Array(n),
      lines: new Uint32Array(n),
      keyLengths: new Uint32Array(n),
      rowLengths: new Uint32Array(n),
      data: new Uint8Array(sizes[p]!),
      files: new Int32Array(n).fill(file),
    });
  }
  const used = new Float64Array(parts);
  let at = 0;
  for (let w = 0; w < count; w++) {
    const part = out[of[w]!]!;
    const i = part.count++;
    const length = partial.keyLengths[w]! + partial.rowLengths[w]!;
    part.hashes[i] = hashes[w]!;
    part.orders[i] = partial.orders[w]!;
    part.lines[i] = partial.lines[w]!;
    part.keyLengths[i] = partial.keyLengths[w]!;
    part.rowLengths[i] = partial.rowLengths[w]!;
    copyBytes(partial.data, at, part.data, used[of[w]!]!, length);
    used[of[w]!] += length;
    at += length;
  }
  return out;
}
