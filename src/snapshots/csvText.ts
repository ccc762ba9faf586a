import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Table } from '../merge/Merger.js';

/** The bytes of latest.csv for a table: header line, then rows; LF endings; quotes only where needed. */
export function tableToCsv(table: Table): string {
  return stringify([table.columns, ...table.rows], { record_delimiter: 'unix' });
}

/** Reads back a table written by tableToCsv. */
export function csvToTable(text: string): Table {
  const records = parse(text, { bom: true, relax_column_count: false }) as string[][];
  const [columns = [], ...rows] = records;
  return { columns, rows };
}
