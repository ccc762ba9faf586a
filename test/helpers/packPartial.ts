import { quoteCsvField } from '../../src/csv/quoteCsvField.js';
import type { FilePartial } from '../../src/engine/FilePartial.js';
import { hashKey } from '../../src/engine/hashKey.js';
import type { ValidRow } from '../../src/validation/Validator.js';

/**
 * A FilePartial packed the plain way from valid rows, as a scanner would make
 * it: each key's winner (greatest order, on a tie the later row), in the order
 * keys first appear (or shuffled by `shuffle`), key bytes then row bytes.
 * A test stand-in, independent of the engine's scanner.
 */
export function packPartial(rows: readonly ValidRow[], shuffle?: () => number): FilePartial {
  const winners = new Map<string, ValidRow>();
  for (const row of rows) {
    const kept = winners.get(row.key);
    if (kept === undefined || !(row.order < kept.order)) winners.set(row.key, row);
  }
  const list = [...winners.values()];
  if (shuffle)
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(shuffle() * (i + 1));
      [list[i], list[j]] = [list[j]!, list[i]!];
    }
  const count = list.length;
  const partial = {
    rows: rows.length,
    rejects: [],
    count,
    hashes: new Uint32Array(count),
    orders: new Float64Array(count),
    lines: new Uint32Array(count),
    keyLengths: new Uint32Array(count),
    rowLengths: new Uint32Array(count),
  };
  const pieces: Buffer[] = [];
  list.forEach((row, i) => {
    const key = Buffer.from(row.key, 'utf8');
    const line = Buffer.from(row.values.map((v) => quoteCsvField(v)).join(','), 'utf8');
    partial.hashes[i] = hashKey(key, 0, key.length);
    partial.orders[i] = row.order;
    partial.lines[i] = row.line;
    partial.keyLengths[i] = key.length;
    partial.rowLengths[i] = line.length;
    pieces.push(key, line);
  });
  return { ...partial, data: new Uint8Array(Buffer.concat(pieces)) };
}
