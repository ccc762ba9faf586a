import type { PostgresShape } from './postgresStatements.js';
import { STAGE } from './postgresStatements.js';
import { quoteIdent as q } from './quoteIdent.js';
import { keyColumns, type SinkColumn } from './sinkColumns.js';
import { POSTGRES_TYPES } from './sqlTypes.js';

const TIMESTAMPTZ = 'timestamp with time zone';

/** `<table>_history`'s shape as POSTGRES_SHAPE_QUERY reads it: the table's columns (no primary key), then the version's. */
export function postgresHistoryShape(columns: readonly SinkColumn[]): PostgresShape {
  return [
    ...columns.map((c) => ({ name: c.name, type: POSTGRES_TYPES[c.type], pk: 0 })),
    ...[
      ['valid_from', TIMESTAMPTZ],
      ['valid_to', TIMESTAMPTZ],
      ['is_current', 'boolean'],
      ['source_file', 'text'],
      ['source_line', 'bigint'],
    ].map(([name, type]) => ({ name: name!, type: type!, pk: 0 })),
  ];
}

const keyList = (columns: readonly SinkColumn[]): string =>
  keyColumns(columns)
    .map((c) => q(c.name))
    .join(', ');

/**
 * Creates `<table>_history` (`history`: quoted, schema-qualified; `name`: its
 * bare name, for its indexes) and its indexes: at most one open version per
 * key, and a key's versions in time order.
 */
export function postgresCreateHistory(history: string, name: string, columns: readonly SinkColumn[]): string[] {
  const defs = columns.map((c) => `${q(c.name)} ${POSTGRES_TYPES[c.type]}${c.keyIndex >= 0 ? ' NOT NULL' : ''}`);
  return [
    `CREATE TABLE ${history} (${defs.join(', ')}, valid_from ${TIMESTAMPTZ} NOT NULL, valid_to ${TIMESTAMPTZ}, is_current boolean NOT NULL, source_file text, source_line bigint)`,
    `CREATE UNIQUE INDEX ${q(`${name}_current`)} ON ${history} (${keyList(columns)}) WHERE is_current`,
    `CREATE INDEX ${q(`${name}_key`)} ON ${history} (${keyList(columns)}, valid_from)`,
  ];
}

/** The stage of a publish with history: the table's columns, when the row's version starts (NULL: the publish's time) and its origin. */
export function postgresCreateHistoryStage(table: string): string {
  return `CREATE TEMP TABLE ${STAGE} (LIKE ${table}, valid_from ${TIMESTAMPTZ}, source_file text, source_line bigint) ON COMMIT DROP`;
}

function keysMatch(a: string, b: string, columns: readonly SinkColumn[]): string {
  return keyColumns(columns)
    .map((c) => `${a}.${q(c.name)} = ${b}.${q(c.name)}`)
    .join(' AND ');
}

/** `(a.x, a.y) IS [NOT] DISTINCT FROM (b.x, b.y)` over the columns outside the key; null when there are none. */
function values(a: string, b: string, columns: readonly SinkColumn[], distinct: boolean): string | null {
  const rest = columns.filter((c) => c.keyIndex < 0).map((c) => q(c.name));
  if (rest.length === 0) return null;
  return `(${rest.map((c) => `${a}.${c}`).join(', ')}) IS ${distinct ? '' : 'NOT '}DISTINCT FROM (${rest.map((c) => `${b}.${c}`).join(', ')})`;
}

/**
 * Closes open versions (`$1`: valid_to). 'changes': those of staged keys whose
 * values differ (null when every column is in the key: they cannot); 'all':
 * every open version the stage does not hold as it is.
 */
export function postgresCloseVersions(history: string, columns: readonly SinkColumn[], scope: 'changes' | 'all'): string | null {
  const close = `UPDATE ${history} AS h SET valid_to = $1::timestamptz, is_current = false`;
  if (scope === 'all') {
    const same = values('s', 'h', columns, false);
    return `${close} WHERE h.is_current AND NOT EXISTS (SELECT 1 FROM ${STAGE} AS s WHERE ${keysMatch('s', 'h', columns)}${same === null ? '' : ` AND ${same}`})`;
  }
  const differs = values('s', 'h', columns, true);
  if (differs === null) return null;
  return `${close} FROM ${STAGE} AS s WHERE h.is_current AND ${keysMatch('s', 'h', columns)} AND ${differs}`;
}

/** Opens a version for every staged key without an open one (`$1`: valid_from where the stage has none). */
export function postgresOpenVersions(history: string, columns: readonly SinkColumn[]): string {
  const names = columns.map((c) => q(c.name));
  return (
    `INSERT INTO ${history} (${names.join(', ')}, valid_from, valid_to, is_current, source_file, source_line) ` +
    `SELECT ${names.map((n) => `s.${n}`).join(', ')}, COALESCE(s.valid_from, $1::timestamptz), NULL, true, s.source_file, s.source_line FROM ${STAGE} AS s ` +
    `WHERE NOT EXISTS (SELECT 1 FROM ${history} AS o WHERE ${keysMatch('o', 's', columns)} AND o.is_current)`
  );
}

/** Fills an empty table from the stage (a publish with history stages every row once, for both tables). */
export function postgresInsertFromStage(table: string, columns: readonly SinkColumn[]): string {
  const names = columns.map((c) => q(c.name)).join(', ');
  return `INSERT INTO ${table} (${names}) SELECT ${names} FROM ${STAGE}`;
}
