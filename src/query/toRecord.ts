import type { RowRecord } from './QueryResults.js';

/** A row as an object of column name to value (a missing value is ''), as the API and the JSON outputs show rows. */
export function toRecord(columns: readonly string[], row: readonly string[]): RowRecord {
  return Object.fromEntries(columns.map((c, i) => [c, row[i] ?? '']));
}
