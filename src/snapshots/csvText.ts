import { parse } from 'csv-parse/sync';
import type { Table } from '../merge/Merger.js';
import { parseCsvFast } from '../sources/parseCsvFast.js';

const NEEDS_QUOTES = /[",\r\n]/;

function field(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The bytes of latest.csv for a table (tableToCsvChunks joined). */
export function tableToCsv(table: Table): Buffer {
  return Buffer.concat(tableToCsvChunks(table));
}

/**
 * The bytes of latest.csv for a table: header line, then rows; LF endings;
 * quotes only where a value holds a comma, a quote or a line break (what
 * csv-stringify writes, tested to match). In ~1 MB chunks, so a large table is
 * hashed, compressed and written without ever being one buffer.
 */
export function tableToCsvChunks(table: Table): Buffer[] {
  const chunks: Buffer[] = [];
  let text = table.columns.map(field).join(',') + '\n';
  const known = table.lines;
  for (let r = 0; r < table.rows.length; r++) {
    let line = known?.[r];
    if (line === undefined) {
      const row = table.rows[r]!;
      line = field(row[0] ?? '');
      for (let i = 1; i < row.length; i++) line += ',' + field(row[i]!);
    }
    text += line + '\n';
    if (text.length > 1 << 20) {
      chunks.push(Buffer.from(text, 'utf8'));
      text = '';
    }
  }
  chunks.push(Buffer.from(text, 'utf8'));
  return chunks;
}

/** Reads back a table written by tableToCsv. */
export function csvToTable(text: string): Table {
  const fast = parseCsvFast(text, ',');
  if (fast === null) {
    const [columns = [], ...rows] = parse(text, { bom: true, relax_column_count: false }) as string[][];
    return { columns, rows };
  }
  return { columns: fast[0]?.fields ?? [], rows: fast.slice(1).map((r) => r.fields), lines: fast.slice(1).map((r) => r.raw) };
}
