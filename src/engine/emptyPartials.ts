import type { FilePartial } from './FilePartial.js';

/**
 * One empty partial per partition, its arrays sized for `counts[p]` winners
 * and `sizes[p]` bytes, to be filled in place (`count` grows); with `files`
 * set to `file` throughout unless `file` is null.
 */
export function emptyPartials(counts: Int32Array, sizes: Float64Array, file: number | null): FilePartial[] {
  return Array.from(counts, (n, p) => ({
    rows: 0,
    rejects: [],
    count: 0,
    hashes: new Uint32Array(n),
    orders: new Float64Array(n),
    lines: new Uint32Array(n),
    keyLengths: new Uint32Array(n),
    rowLengths: new Uint32Array(n),
    data: new Uint8Array(sizes[p]!),
    ...(file === null ? {} : { files: new Int32Array(n).fill(file) }),
  }));
}
