import Sqlite from 'better-sqlite3';
import type { ColumnType, PipelineDefinition } from '../../src/definition/PipelineDefinition.js';
import { column, demoDefinition } from './definitions.js';
import { byVersion, type Version } from './historyScenario.js';
import { query } from './postgres.js';
import { csv } from './workspace.js';

/** A schema with every column type and a composite key (region, id), as YAML data for `demoYaml({ schema })`. */
export const TYPED_SCHEMA = {
  key: ['region', 'id'],
  timestamp: 'updated',
  columns: {
    region: { type: 'string', required: true },
    id: { type: 'integer', required: true },
    name: 'string',
    price: 'number',
    active: 'boolean',
    born: 'date',
    updated: { type: 'datetime', required: true },
  },
};

export const TYPED_TYPES: Record<string, ColumnType> = {
  region: 'string',
  id: 'integer',
  name: 'string',
  price: 'number',
  active: 'boolean',
  born: 'date',
  updated: 'datetime',
  source_filename: 'string',
};

/** The same pipeline as the loader returns it (for tests below the CLI). */
export function typedDefinition(overrides: Partial<PipelineDefinition> = {}): PipelineDefinition {
  return {
    ...demoDefinition({
      schema: {
        key: ['region', 'id'],
        timestamp: 'updated',
        columns: Object.entries(TYPED_SCHEMA.columns).map(([name, c]) =>
          column(name, typeof c === 'string' ? (c as ColumnType) : (c.type as ColumnType), { required: typeof c !== 'string' }),
        ),
      },
    }),
    ...overrides,
  };
}

const HEADER = ['region', 'id', 'name', 'price', 'active', 'born', 'updated'];

/** Two drops for the typed schema: the second updates eu/1, adds us/2 and brings an older eu/2 the merge ignores. */
export const TYPED_DROPS: [string, string][] = [
  [
    'data_2021-03-01.csv',
    csv([
      HEADER,
      ['eu', '1', 'Ann, the first', '1.5', 'true', '1990-01-02', '2021-03-01T10:00:00.000Z'],
      ['eu', '2', 'Bob', '', 'false', '', '2021-03-01T10:00:00.000Z'],
      ['us', '1', 'Quote "q" \u00e9', '1e21', 'true', '2000-02-29', '2021-03-01T11:00:00Z'],
    ]),
  ],
  [
    'data_2021-03-02.csv',
    csv([
      HEADER,
      ['eu', '1', 'Ann', '2.25', 'false', '1990-01-02', '2021-03-02T10:00:00.000Z'],
      ['us', '2', '\u00c9mile', '-3', 'true', '1985-12-31', '2021-03-02T00:00:00.000Z'],
      ['eu', '2', 'Bob (old)', '9', 'false', '', '2021-02-01T00:00:00.000Z'],
    ]),
  ],
];

type Row = Record<string, unknown>;
const byKey = (a: Row, b: Row): number => String(a.region).localeCompare(String(b.region)) || Number(a.id) - Number(b.id);

/** latest.csv records as SQLite should hold them: empty is NULL, numbers are numbers, booleans 1/0, the rest text. */
export function asSqlite(records: Record<string, string>[], types: Record<string, ColumnType> = TYPED_TYPES): Row[] {
  const value = (type: ColumnType, v: string): unknown => (v === '' ? null : type === 'integer' || type === 'number' ? Number(v) : type === 'boolean' ? (v === 'true' ? 1 : 0) : v);
  return records.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, value(types[k] ?? 'string', v)]))).sort(byKey);
}

/** latest.csv records as `postgresRows` reads them: bigint as text, double as number, boolean as boolean, dates as ISO text. */
export function asPostgres(records: Record<string, string>[], types: Record<string, ColumnType> = TYPED_TYPES): Row[] {
  const value = (type: ColumnType, v: string): unknown => (v === '' ? null : type === 'number' ? Number(v) : type === 'boolean' ? v === 'true' : v);
  return records.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, value(types[k] ?? 'string', v)]))).sort(byKey);
}

export function sqliteRows(file: string, table: string): Row[] {
  const db = new Sqlite(file, { readonly: true });
  try {
    return (db.prepare(`SELECT * FROM "${table}"`).all() as Row[]).sort(byKey);
  } finally {
    db.close();
  }
}

export function sqliteSnapshots(file: string, table: string): { id: string; kind: string; rows: number; is_current: number }[] {
  const db = new Sqlite(file, { readonly: true });
  try {
    return db.prepare(`SELECT id, kind, "rows", is_current FROM "${table}_snapshots" ORDER BY id`).all() as { id: string; kind: string; rows: number; is_current: number }[];
  } finally {
    db.close();
  }
}

/** A table's rows with dates and datetimes as the ISO text latest.csv holds. */
export async function postgresRows(url: string, table: string, types: Record<string, ColumnType> = TYPED_TYPES): Promise<Row[]> {
  const columns = Object.entries(types).map(([name, type]) => {
    const q = `"${name}"`;
    if (type === 'date') return `to_char(${q}, 'YYYY-MM-DD') AS ${q}`;
    if (type === 'datetime') return `to_char(${q} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS ${q}`;
    return q;
  });
  return (await query(url, `SELECT ${columns.join(', ')} FROM ${table}`)).sort(byKey);
}

export async function postgresCurrent(url: string, snapshotsTable: string): Promise<string[]> {
  return (await query<{ id: string }>(url, `SELECT id FROM ${snapshotsTable} WHERE is_current`)).map((r) => r.id);
}

/** `<table>_history` of the demo schema in a SQLite file, as the history tests compare it. */
export function sqliteHistory(file: string, table: string): Version[] {
  const db = new Sqlite(file, { readonly: true });
  try {
    const rows = db.prepare(`SELECT id, description, valid_from, valid_to, is_current, source_file, source_line FROM "${table}_history"`).all() as (Omit<Version, 'is_current'> & {
      is_current: number;
    })[];
    return rows.map((r) => ({ ...r, is_current: r.is_current === 1 })).sort(byVersion);
  } finally {
    db.close();
  }
}

/** `<table>_history` of the demo schema in PostgreSQL (`table` schema-qualified), as the history tests compare it. */
export async function postgresHistory(url: string, table: string): Promise<Version[]> {
  const iso = (c: string): string => `to_char(${c} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS ${c}`;
  const sql = `SELECT id, description, ${iso('valid_from')}, ${iso('valid_to')}, is_current, source_file, source_line::int AS source_line FROM ${table}_history`;
  return (await query<Version & Record<string, unknown>>(url, sql)).sort(byVersion);
}
