import type { Database } from 'better-sqlite3';
import type { SinkColumn } from './sinkColumns.js';
import { sqliteValue } from './sqliteValue.js';

/** Values bound per statement at most (SQLite's historical limit, the lowest a build may have). */
const MAX_VALUES = 999;

/**
 * Writes rows with a statement of many rows at a time (`sql(n)`: the statement
 * for n rows), one call per statement instead of one per row: the values at
 * `at` in each row (default all), as SQLite stores them for `columns`.
 */
export function sqliteWriteRows(
  db: Database,
  sql: (rows: number) => string,
  columns: readonly SinkColumn[],
  rows: readonly string[][],
  at: readonly number[] = columns.map((_, i) => i),
): void {
  const types = columns.map((c) => c.type);
  const width = at.length;
  const per = Math.max(1, Math.floor(MAX_VALUES / width));
  const values = new Array<string | number | null>(per * width);
  const fill = (row: string[], offset: number): void => {
    for (let i = 0; i < width; i++) values[offset + i] = sqliteValue(types[i]!, row[at[i]!]!);
  };
  let r = 0;
  if (rows.length >= per) {
    const many = db.prepare(sql(per));
    for (; r + per <= rows.length; r += per) {
      for (let j = 0; j < per; j++) fill(rows[r + j]!, j * width);
      many.run(values);
    }
  }
  if (r === rows.length) return;
  const one = db.prepare(sql(1));
  values.length = width;
  for (; r < rows.length; r++) {
    fill(rows[r]!, 0);
    one.run(values);
  }
}
