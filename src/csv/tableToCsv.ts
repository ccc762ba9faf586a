import type { Table } from '../table/Table.js';
import { csvLine } from './csvLine.js';

/** The bytes of latest.csv for a table (tableToCsvChunks joined). */
export function tableToCsv(table: Table): Buffer {
  return Buffer.concat(tableToCsvChunks(table));
}

/**
 * The bytes of latest.csv for a table: header line, then rows; LF endings;
 * fields quoted by quoteCsvField. In ~1 MB chunks, so a large table is
 * hashed, compressed and written without ever being one buffer.
 */
export function tableToCsvChunks(table: Table): Buffer[] {
  const chunks: Buffer[] = [];
  let text = csvLine(table.columns) + '\n';
  const known = table.lines;
  for (let r = 0; r < table.rows.length; r++) {
    text += (known?.[r] ?? csvLine(table.rows[r]!)) + '\n';
    if (text.length > 1 << 20) {
      chunks.push(Buffer.from(text, 'utf8'));
      text = '';
    }
  }
  chunks.push(Buffer.from(text, 'utf8'));
  return chunks;
}
