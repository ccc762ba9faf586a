import { quoteIdent as q } from './quoteIdent.js';
import { keyColumns, type SinkColumn } from './sinkColumns.js';
import type { SqliteShape } from './sqliteStatements.js';
import { SQLITE_TYPES } from './sqlTypes.js';

/** The temporary table a publish fills with the rows (and their origins) it compares with the open versions. */
export const SQLITE_HISTORY_STAGE = 'dropline_history_stage';

/** `<table>_history`'s shape as `PRAGMA table_info` reports it: the table's columns (no primary key), then the version's. */
export function sqliteHistoryShape(columns: readonly SinkColumn[]): SqliteShape {
  return [
    ...columns.map((c) => ({ name: c.name, type: SQLITE_TYPES[c.type], pk: 0 })),
    ...[
      ['valid_from', 'TEXT'],
      ['valid_to', 'TEXT'],
      ['is_current', 'INTEGER'],
      ['source_file', 'TEXT'],
      ['source_line', 'INTEGER'],
    ].map(([name, type]) => ({ name: name!, type: type!, pk: 0 })),
  ];
}

const keyList = (columns: readonly SinkColumn[]): string =>
  keyColumns(columns)
    .map((c) => q(c.name))
    .join(', ');

/** Creates `<table>_history` and its indexes: at most one open version per key, and a key's versions in time order. */
export function sqliteCreateHistory(table: string, columns: readonly SinkColumn[]): string[] {
  const history = `${table}_history`;
  const defs = columns.map((c) => `${q(c.name)} ${SQLITE_TYPES[c.type]}${c.keyIndex >= 0 ? ' NOT NULL' : ''}`);
  return [
    `CREATE TABLE ${q(history)} (${defs.join(', ')}, valid_from TEXT NOT NULL, valid_to TEXT, is_current INTEGER NOT NULL, source_file TEXT, source_line INTEGER)`,
    `CREATE UNIQUE INDEX ${q(`${history}_current`)} ON ${q(history)} (${keyList(columns)}) WHERE is_current = 1`,
    `CREATE INDEX ${q(`${history}_key`)} ON ${q(history)} (${keyList(columns)}, valid_from)`,
  ];
}

/** Creates the stage: the table's columns, when the row's version starts (NULL: the publish's time) and its origin; keyed like the table. */
export function sqliteCreateHistoryStage(columns: readonly SinkColumn[]): string {
  const defs = columns.map((c) => `${q(c.name)} ${SQLITE_TYPES[c.type]}`);
  return `CREATE TEMP TABLE ${SQLITE_HISTORY_STAGE} (${defs.join(', ')}, valid_from TEXT, source_file TEXT, source_line INTEGER, PRIMARY KEY (${keyList(columns)})) WITHOUT ROWID`;
}

/** `a.key = b.key AND ...`, then `a.column IS b.column AND ...` for the other columns when `sameValues`. */
function match(a: string, b: string, columns: readonly SinkColumn[], sameValues: boolean): string {
  const keys = keyColumns(columns).map((c) => `${a}.${q(c.name)} = ${b}.${q(c.name)}`);
  const rest = sameValues ? columns.filter((c) => c.keyIndex < 0).map((c) => `${a}.${q(c.name)} IS ${b}.${q(c.name)}`) : [];
  return [...keys, ...rest].join(' AND ');
}

/**
 * Closes open versions (`?`: valid_to). 'changes': those of staged keys whose
 * values differ (null when every column is in the key: they cannot); 'all':
 * every open version the stage does not hold as it is.
 */
export function sqliteCloseVersions(table: string, columns: readonly SinkColumn[], scope: 'changes' | 'all'): string | null {
  const history = q(`${table}_history`);
  const close = `UPDATE ${history} SET valid_to = ?, is_current = 0`;
  if (scope === 'all') return `${close} WHERE is_current = 1 AND NOT EXISTS (SELECT 1 FROM temp.${SQLITE_HISTORY_STAGE} AS s WHERE ${match('s', history, columns, true)})`;
  const rest = columns.filter((c) => c.keyIndex < 0);
  if (rest.length === 0) return null;
  // The stage (the run's rows) drives the search: CROSS JOIN keeps it the outer loop, each key found through the index of open versions.
  const differs = rest.map((c) => `s.${q(c.name)} IS NOT o.${q(c.name)}`).join(' OR ');
  const changed = `SELECT o.rowid FROM temp.${SQLITE_HISTORY_STAGE} AS s CROSS JOIN ${history} AS o WHERE ${match('o', 's', columns, false)} AND o.is_current = 1 AND (${differs})`;
  return `${close} WHERE rowid IN (${changed})`;
}

/** Closes every open version (`?`: valid_to): the table has no rows left. */
export function sqliteCloseAll(table: string): string {
  return `UPDATE ${q(`${table}_history`)} SET valid_to = ?, is_current = 0 WHERE is_current = 1`;
}

/** Opens a version for every staged key without an open one (`?`: valid_from where the stage has none). */
export function sqliteOpenVersions(table: string, columns: readonly SinkColumn[]): string {
  const history = q(`${table}_history`);
  const names = columns.map((c) => q(c.name));
  return (
    `INSERT INTO ${history} (${names.join(', ')}, valid_from, valid_to, is_current, source_file, source_line) ` +
    `SELECT ${names.map((n) => `s.${n}`).join(', ')}, COALESCE(s.valid_from, ?), NULL, 1, s.source_file, s.source_line FROM temp.${SQLITE_HISTORY_STAGE} AS s ` +
    `WHERE NOT EXISTS (SELECT 1 FROM ${history} AS o WHERE ${match('o', 's', columns, false)} AND o.is_current = 1)`
  );
}
