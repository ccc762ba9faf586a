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

/** Inserts a row, or updates the row with its key; a row that is already equal is not written again. */
export function sqliteUpsert(table: string, columns: readonly SinkColumn[]): string {
  const names = columns.map((c) => q(c.name));
  const keys = keyColumns(columns).map((c) => q(c.name));
  const rest = columns.filter((c) => c.keyIndex < 0).map((c) => q(c.name));
  const insert = `INSERT INTO ${q(table)} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')}) ON CONFLICT (${keys.join(', ')})`;
  if (rest.length === 0) return `${insert} DO NOTHING`;
  const set = rest.map((c) => `${c} = excluded.${c}`).join(', ');
  const changed = rest.map((c) => `${q(table)}.${c} IS NOT excluded.${c}`).join(' OR ');
  return `${insert} DO UPDATE SET ${set} WHERE ${changed}`;
}

/** Deletes the rows whose key is not in the JSON array bound to `?` (of keys, or of [part, part] lists for a composite key). */
export function sqliteDeleteVanished(table: string, columns: readonly SinkColumn[]): string {
  const keys = keyColumns(columns);
  if (keys.length === 1) return `DELETE FROM ${q(table)} WHERE ${q(keys[0]!.name)} NOT IN (SELECT value FROM json_each(?))`;
  const parts = keys.map((_, i) => `json_extract(value, '$[${i}]')`).join(', ');
  return `DELETE FROM ${q(table)} WHERE (${keys.map((c) => q(c.name)).join(', ')}) NOT IN (SELECT ${parts} FROM json_each(?))`;
}
