import { quoteCsvField } from '../../src/csv/quoteCsvField.js';
import type { FilePartial } from '../../src/engine/FilePartial.js';
import type { ValidRow } from '../../src/validation/Validator.js';
import { packedPartial } from './packedPartial.js';

/**
 * A FilePartial packed the plain way from valid rows, as a scanner would make
 * it: each key's winner (greatest order, on a tie the later row), in the order
 * keys first appear (or shuffled by `shuffle`). A test stand-in, independent
 * of the engine's scanner.
 */
export function packPartial(rows: readonly ValidRow[], shuffle?: () => number): FilePartial {
  const winners = new Map<string, ValidRow>();
  for (const row of rows) {
    const kept = winners.get(row.key);
    if (kept === undefined || !(row.order < kept.order)) winners.set(row.key, row);
  }
  const list = [...winners.values()];
  if (shuffle) {
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(shuffle() * (i + 1));
      [list[i], list[j]] = [list[j]!, list[i]!];
    }
  }
  const packed = list.map((row) => ({ key: row.key, row: row.values.map((v) => quoteCsvField(v)).join(','), order: row.order, line: row.line }));
  return packedPartial(packed, rows.length);
}
