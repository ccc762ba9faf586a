import { quoteIdent as q } from './quoteIdent.js';
import { keyColumns, type SinkColumn } from './sinkColumns.js';
import { SQLITE_TYPES } from './sqlTypes.js';

/** The table's shape as `PRAGMA table_info` reports it: name, declared type, place in the primary key (1-based, 0: none). */
export type SqliteShape = { name: string; type: string; pk: number }[];

export function sqliteShape(columns: readonly SinkColumn[]): SqliteShape {
  return columns.map((c) => ({ name: c.name, type: SQLITE_TYPES[c.type], pk: c.keyIndex + 1 }));
}

export function sqliteCreateTable(table: string, columns: readonly SinkColumn[]): string {
  const defs = columns.map((c) => `${q(c.name)} ${SQLITE_TYPES[c.type]}${c.keyIndex >= 0 ? ' NOT NULL' : ''}`);
  return `CREATE TABLE ${q(table)} (${defs.join(', ')}, PRIMARY KEY (${keyColumns(columns)
    .map((c) => q(c.name))
    .join(', ')}))`;
}

export function sqliteCreateSnapshotsTable(table: string): string {
  return (
    `CREATE TABLE IF NOT EXISTS ${q(table)} (id TEXT PRIMARY KEY, created_at TEXT NOT NULL, kind TEXT NOT NULL, parent TEXT, ` +
    `"rows" INTEGER NOT NULL, files TEXT NOT NULL, manifest TEXT NOT NULL, is_current INTEGER NOT NULL DEFAULT 0, published_at TEXT)`
  );
}

/** `count` placeholder tuples of `width` values: `(?, ?), (?, ?)`. */
function tuples(width: number, count: number): string {
  const one = `(${new Array<string>(width).fill('?').join(', ')})`;
  return new Array<string>(count).fill(one).join(', ');
}

/** Inserts `rows` rows (default one), or updates the row with their key; a row that is already equal is not written again. */
export function sqliteUpsert(table: string, columns: readonly SinkColumn[], rows = 1): string {
  const names = columns.map((c) => q(c.name));
  const keys = keyColumns(columns).map((c) => q(c.name));
  const rest = columns.filter((c) => c.keyIndex < 0).map((c) => q(c.name));
  const insert = `INSERT INTO ${q(table)} (${names.join(', ')}) VALUES ${tuples(names.length, rows)} ON CONFLICT (${keys.join(', ')})`;
  if (rest.length === 0) return `${insert} DO NOTHING`;
  const set = rest.map((c) => `${c} = excluded.${c}`).join(', ');
  const changed = rest.map((c) => `${q(table)}.${c} IS NOT excluded.${c}`).join(' OR ');
  return `${insert} DO UPDATE SET ${set} WHERE ${changed}`;
}

/** Inserts `rows` rows (default one) into a table that does not have their keys (a table just created or empty). */
export function sqliteInsert(table: string, columns: readonly SinkColumn[], rows = 1): string {
  return `INSERT INTO ${q(table)} (${columns.map((c) => q(c.name)).join(', ')}) VALUES ${tuples(columns.length, rows)}`;
}

/** The temporary table a full publish fills with the keys it keeps (dropped before its transaction ends). */
export const SQLITE_KEYS = 'dropline_keys';

/** Creates the keys table: the key columns with the table's types (so values compare as in the table), as its primary key. */
export function sqliteCreateKeys(columns: readonly SinkColumn[]): string {
  const keys = keyColumns(columns);
  const defs = keys.map((c) => `${q(c.name)} ${SQLITE_TYPES[c.type]}`);
  return `CREATE TEMP TABLE ${SQLITE_KEYS} (${defs.join(', ')}, PRIMARY KEY (${keys.map((c) => q(c.name)).join(', ')})) WITHOUT ROWID`;
}

/** Adds `rows` keys (default one) to the keys table. */
export function sqliteInsertKey(columns: readonly SinkColumn[], rows = 1): string {
  const keys = keyColumns(columns);
  return `INSERT OR IGNORE INTO temp.${SQLITE_KEYS} (${keys.map((c) => q(c.name)).join(', ')}) VALUES ${tuples(keys.length, rows)}`;
}

/** Deletes the rows whose key the keys table does not hold. */
export function sqliteDeleteVanished(table: string, columns: readonly SinkColumn[]): string {
  const match = keyColumns(columns)
    .map((c) => `k.${q(c.name)} = ${q(table)}.${q(c.name)}`)
    .join(' AND ');
  return `DELETE FROM ${q(table)} WHERE NOT EXISTS (SELECT 1 FROM temp.${SQLITE_KEYS} AS k WHERE ${match})`;
}
