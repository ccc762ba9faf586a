import { inBatches } from './inBatches.js';
import type { RawRow, RawTable } from './Source.js';

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * A RawTable from plain records (JSON objects, spreadsheet rows): the header is
 * every key in first-seen order, a missing key an empty field, `raw` the
 * record as JSON and `line` its 1-based position (or `lines[i]` when given).
 */
export function tableFromRecords(records: Record<string, unknown>[], lines?: number[]): Omit<RawTable, 'fingerprint'> {
  const header: string[] = [];
  const seen = new Set<string>();
  for (const r of records) {
    for (const k of Object.keys(r)) {
      if (!seen.has(k)) {
        seen.add(k);
        header.push(k);
      }
    }
  }
  const rows: RawRow[] = records.map((r, i) => ({ line: lines?.[i] ?? i + 1, fields: header.map((h) => text(r[h])), raw: JSON.stringify(r) }));
  return { header, rows: inBatches(rows) };
}
