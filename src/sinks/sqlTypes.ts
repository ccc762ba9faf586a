import type { ColumnType } from '../definition/PipelineDefinition.js';

/** Column types in SQLite: text for dates (ISO 8601 sorts and compares as text), 0/1 for booleans. */
export const SQLITE_TYPES: Record<ColumnType, string> = {
  string: 'TEXT',
  integer: 'INTEGER',
  number: 'REAL',
  boolean: 'INTEGER',
  date: 'TEXT',
  datetime: 'TEXT',
};

/** Column types in PostgreSQL, as information_schema.columns.data_type names them (valid in DDL too). */
export const POSTGRES_TYPES: Record<ColumnType, string> = {
  string: 'text',
  integer: 'bigint',
  number: 'double precision',
  boolean: 'boolean',
  date: 'date',
  datetime: 'timestamp with time zone',
};
