import type { FilePartial } from '../../src/engine/FilePartial.js';
import { hashKey } from '../../src/engine/hashKey.js';

/** One winner to pack: its key text, its output line (without lineage), its order and record line. */
export interface PackedWinner {
  key: string;
  row: string;
  order: number;
  line: number;
}

/** A FilePartial of the given winners, in the given order (`rows`: records read, default one per winner). */
export function packedPartial(winners: readonly PackedWinner[], rows = winners.length): FilePartial {
  const count = winners.length;
  const partial = {
    rows,
    rejects: [],
    count,
    hashes: new Uint32Array(count),
    orders: new Float64Array(count),
    lines: new Uint32Array(count),
    keyLengths: new Uint32Array(count),
    rowLengths: new Uint32Array(count),
  };
  const pieces: Buffer[] = [];
  winners.forEach((w, i) => {
    const key = Buffer.from(w.key, 'utf8');
    const row = Buffer.from(w.row, 'utf8');
    partial.hashes[i] = hashKey(key, 0, key.length);
    partial.orders[i] = w.order;
    partial.lines[i] = w.line;
    partial.keyLengths[i] = key.length;
    partial.rowLengths[i] = row.length;
    pieces.push(key, row);
  });
  return { ...partial, data: new Uint8Array(Buffer.concat(pieces)) };
}
