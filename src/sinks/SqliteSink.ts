import { definitionError } from '../errors/definitionError.js';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import { loadOptional } from '../util/loadOptional.js';
import type { OptionsSchema } from '../plugins/OptionsSchema.js';
import { BaseSink } from './BaseSink.js';
import type { PublishContext, PublishedState } from './Sink.js';
import { changedRowsOnly } from './changedRowsOnly.js';
import { keyColumns, sinkColumns, type SinkColumn } from './sinkColumns.js';
import {
  SQLITE_KEYS,
  sqliteCreateKeys,
  sqliteCreateSnapshotsTable,
  sqliteCreateTable,
  sqliteDeleteVanished,
  sqliteInsert,
  sqliteInsertKey,
  sqliteShape,
  sqliteUpsert,
} from './sqliteStatements.js';
import { sqliteWriteRows } from './sqliteWriteRows.js';
import { sqliteAside } from './sqliteAside.js';
import { historyBatch } from './historyBatch.js';
import { SqliteHistory } from './SqliteHistory.js';
import { checkHistoryColumns } from './checkHistoryColumns.js';
import { quoteIdent as q } from './quoteIdent.js';
import { TABLE_NAME, tableName } from './tableName.js';

/**
 * The page size of a database file the sink creates: 32 KiB, against SQLite's 4 KiB. A run that changes one row
 * in 20 rewrites nearly every page whatever their size, and larger pages write those bytes in fewer calls: 100k
 * changed rows in 2M took 0.67 s against 1.44 s (64 KiB: 0.65 s); a run of 1,000 rows rewrites more bytes
 * than with small pages (0.16 s against 0.05 s; 64 KiB: 0.25 s).
 */
const PAGE_SIZE = 32_768;

/**
 * Publishes latest.csv into a SQLite file (embedded, no server): a table named
 * after the pipeline with typed columns and the key as primary key, and
 * `<table>_snapshots` with every snapshot's manifest, the published one marked
 * `is_current = 1`. One transaction per publish, in WAL mode, so readers see
 * the previous state until it commits; the first, into a file not there yet,
 * builds it aside and moves it into place whole (sqliteAside). Into an empty table, plain inserts;
 * after a run, when the table shows the run's parent, an upsert of the rows
 * the run changed; else an upsert of every row and a delete of the keys that
 * vanished (through a temporary table of the keys kept). With `history: true`,
 * `<table>_history` keeps every version of every row (SqliteHistory), in the
 * same transaction.
 */
export class SqliteSink extends BaseSink {
  static readonly publishesHistory = true;

  static override options: OptionsSchema = {
    path: { type: 'string', description: 'the database file, relative to the workspace (default output/<pipeline>.sqlite)' },
    table: { type: 'string', description: 'the table name (default: the pipeline name with "/" and other signs as "_")' },
  };

  static defaults(definition: PipelineDefinition): { path: string; table: string } {
    return { path: `output/${definition.name}.sqlite`, table: tableName(definition.name) };
  }

  private get table(): string {
    return (this.context.options.table as string | undefined) ?? SqliteSink.defaults(this.context.definition).table;
  }

  private get path(): string {
    const path = (this.context.options.path as string | undefined) ?? SqliteSink.defaults(this.context.definition).path;
    return this.context.workspace.resolve(path, `${this.context.key}.options.path`);
  }

  override async check(): Promise<void> {
    void this.path;
    if (!TABLE_NAME.test(this.table)) {
      const file = this.context.workspace.display(this.context.definition.file);
      throw definitionError(file, `${this.context.key}.options.table`, `"${this.table}" must be letters, digits and "_", not starting with a digit`);
    }
    checkHistoryColumns(this.context);
    await loadSqlite(); // before anything changes: a missing better-sqlite3 is a one-line error, not a failed publish after the commit
  }

  readonly publishesChangesAlone = true;

  override async published(): Promise<PublishedState> {
    if (!existsSync(this.path)) return undefined;
    const db = await this.open();
    try {
      const snapshots = `${this.table}_snapshots`;
      if (!db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(snapshots)) return undefined;
      // history: true on a sink that has none yet: a full publish starts it (a sync too).
      if (this.context.history && !db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(`${this.table}_history`)) return undefined;
      const row = db.prepare(`SELECT id FROM ${q(snapshots)} WHERE is_current = 1`).get() as { id: string } | undefined;
      return row?.id ?? null;
    } finally {
      db.close();
    }
  }

  protected override async record(): Promise<void> {
    // recorded in the publish transaction (is_current)
  }

  protected async write(context: PublishContext): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    // A first publish builds the file aside and moves it into place whole; else (or when that cannot be done), into the file.
    if (await sqliteAside(this.path, (aside) => this.publishInto(aside, context, true))) return;
    await this.publishInto(this.path, context, false);
  }

  /** Publishes into the database at `path` in one transaction; `aside`: a new file only this publish sees, written without a journal, set to WAL mode after. */
  private async publishInto(path: string, context: PublishContext, aside: boolean): Promise<void> {
    const db = await this.open(path, aside);
    try {
      const columns = sinkColumns(context.definition, context.table.columns);
      const changed = changedRowsOnly(context);
      // With history, an empty (or new) history table, or no changes to go by, takes every row.
      const history = this.context.history ? new SqliteHistory(db, this.table, columns) : null;
      const first = history?.check(context.snapshot === null) ?? false;
      const historyAll = history !== null && (first || changed === null);
      // Given the columns only, the rows are read first if the table will need them all (new, reshaped or empty).
      const rows = context.loadTable && (historyAll || this.needsAll(db, columns)) ? (await context.loadTable()).rows : context.table.rows;
      const width = columns.length;
      const now = this.context.clock.now();
      const versions = history && (await historyBatch(context, { scope: historyAll ? 'all' : 'changes', rows: historyAll ? rows : changed!, width, first, now }));
      db.transaction(() => {
        const created = this.ensureTable(db, columns);
        const empty = created || db.prepare(`SELECT 1 FROM ${q(this.table)} LIMIT 1`).get() === undefined;
        if (empty) this.insertRows(db, columns, rows);
        else if (changed !== null) this.upsertRows(db, columns, changed);
        else {
          this.upsertRows(db, columns, rows);
          this.deleteVanished(db, columns, rows);
        }
        if (history && versions) history.write(versions);
        this.writeSnapshots(db, context);
      }).immediate();
      if (aside) db.pragma('journal_mode = WAL');
    } finally {
      db.close();
    }
  }

  /**
   * Opens the database at `path` (default the sink's), in WAL mode; `aside` (a file only this publish sees)
   * without a journal or fsyncs. A new file gets pages of PAGE_SIZE bytes; an existing one keeps its own.
   */
  private async open(path = this.path, aside = false): Promise<Database> {
    const Sqlite = await loadSqlite();
    const db = new Sqlite(path, { timeout: 10_000 });
    db.pragma(`page_size = ${PAGE_SIZE}`);
    db.pragma(aside ? 'journal_mode = OFF' : 'journal_mode = WAL');
    if (aside) db.pragma('synchronous = OFF');
    return db;
  }

  /** The table as it stands: 'missing', 'other' (other columns, types or key than `columns`) or 'same'. */
  private shape(db: Database, columns: SinkColumn[]): 'missing' | 'other' | 'same' {
    const actual = (db.pragma(`table_info(${q(this.table)})`) as { name: string; type: string; pk: number }[]).map(({ name, type, pk }) => ({ name, type, pk }));
    if (actual.length === 0) return 'missing';
    return JSON.stringify(actual) === JSON.stringify(sqliteShape(columns)) ? 'same' : 'other';
  }

  /** Whether a publish must write every row: the table is missing, has another shape, or is empty. */
  private needsAll(db: Database, columns: SinkColumn[]): boolean {
    return this.shape(db, columns) !== 'same' || db.prepare(`SELECT 1 FROM ${q(this.table)} LIMIT 1`).get() === undefined;
  }

  /** Creates the table, or recreates it when its columns, types or key differ from what the definition now says; true when it did either. */
  private ensureTable(db: Database, columns: SinkColumn[]): boolean {
    const shape = this.shape(db, columns);
    if (shape === 'same') return false;
    if (shape === 'other') this.context.logger.warn(`${this.context.key}: table ${this.table} had other columns or another key; recreated it`);
    db.exec(`DROP TABLE IF EXISTS ${q(this.table)}`);
    db.exec(sqliteCreateTable(this.table, columns));
    return true;
  }

  private insertRows(db: Database, columns: SinkColumn[], rows: string[][]): void {
    sqliteWriteRows(db, (n) => sqliteInsert(this.table, columns, n), columns, rows);
  }

  private upsertRows(db: Database, columns: SinkColumn[], rows: string[][]): void {
    sqliteWriteRows(db, (n) => sqliteUpsert(this.table, columns, n), columns, rows);
  }

  /** Deletes the keys `rows` does not have, through a temporary table of the keys kept. */
  private deleteVanished(db: Database, columns: SinkColumn[], rows: string[][]): void {
    const keys = keyColumns(columns);
    db.exec(`DROP TABLE IF EXISTS temp.${SQLITE_KEYS}`);
    db.exec(sqliteCreateKeys(columns));
    sqliteWriteRows(
      db,
      (n) => sqliteInsertKey(columns, n),
      keys,
      rows,
      keys.map((k) => columns.indexOf(k)),
    );
    db.prepare(sqliteDeleteVanished(this.table, columns)).run();
    db.exec(`DROP TABLE temp.${SQLITE_KEYS}`);
  }

  private writeSnapshots(db: Database, context: PublishContext): void {
    const table = q(`${this.table}_snapshots`);
    db.exec(sqliteCreateSnapshotsTable(`${this.table}_snapshots`));
    db.prepare(`DELETE FROM ${table} WHERE id NOT IN (SELECT value FROM json_each(?))`).run(JSON.stringify(context.snapshots.map((m) => m.id)));
    const insert = db.prepare(`INSERT INTO ${table} (id, created_at, kind, parent, "rows", files, manifest) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`);
    for (const m of context.snapshots) insert.run(m.id, m.createdAt, m.kind, m.parent, m.latest.rows, JSON.stringify(m.files), JSON.stringify(m));
    const id = context.snapshot?.id ?? null;
    db.prepare(`UPDATE ${table} SET is_current = (id IS ?), published_at = CASE WHEN id IS ? THEN ? ELSE published_at END`).run(id, id, this.context.clock.now().toISOString());
  }
}

/** better-sqlite3, an optional package (compiled at install): installed only by those who publish to SQLite. */
async function loadSqlite(): Promise<typeof import('better-sqlite3')> {
  return (await loadOptional<{ default: typeof import('better-sqlite3') }>('better-sqlite3', 'the sqlite sink')).default;
}
