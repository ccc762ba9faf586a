import { parse } from 'csv-parse/sync';
import type { Table } from '../table/Table.js';
import { parseCsvFast } from './parseCsvFast.js';

/** Reads back a table written by tableToCsv. */
export function csvToTable(text: string): Table {
  const fast = parseCsvFast(text, ',');
  if (fast === null) {
    const [columns = [], ...rows] = parse(text, { bom: true, relax_column_count: false }) as string[][];
    return { columns, rows };
  }
  return { columns: fast[0]?.fields ?? [], rows: fast.slice(1).map((r) => r.fields), lines: fast.slice(1).map((r) => r.raw) };
}
