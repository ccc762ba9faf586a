import type { Database } from 'better-sqlite3';
import { DroplineError } from '../errors/DroplineError.js';
import type { HistoryBatch } from './historyBatch.js';
import { historyClash, STAGED_HISTORY } from './historyBatch.js';
import { quoteIdent as q } from './quoteIdent.js';
import type { SinkColumn } from './sinkColumns.js';
import {
  SQLITE_HISTORY_STAGE,
  sqliteCloseAll,
  sqliteCloseVersions,
  sqliteCreateHistory,
  sqliteCreateHistoryStage,
  sqliteHistoryShape,
  sqliteOpenVersions,
} from './sqliteHistoryStatements.js';
import { sqliteInsert } from './sqliteStatements.js';
import { sqliteWriteRows } from './sqliteWriteRows.js';

/**
 * `<table>_history` in a SQLite file: every version of every row, as a slowly
 * changing dimension of type 2. A publish stages its rows with their origins,
 * closes the open versions they change (or, given the whole table, those it no
 * longer holds as they are), and opens a version for each staged key left
 * without one: an unchanged row keeps its version, so a repeated publish adds nothing.
 */
export class SqliteHistory {
  private readonly name: string;

  constructor(
    private readonly db: Database,
    private readonly table: string,
    private readonly columns: SinkColumn[],
  ) {
    this.name = `${table}_history`;
  }

  /**
   * Checks the table can hold these columns' versions; true when it is missing
   * or empty (the publish then records every row). Refuses one made for other
   * columns: its versions are kept until the user moves it aside. `emptying`
   * (a clean: no rows to compare) takes the table as it is.
   */
  check(emptying: boolean): boolean {
    const clash = historyClash(this.columns.map((c) => c.name));
    if (clash !== undefined && !emptying) {
      throw new DroplineError('SINK_FAILED', `table ${this.table} has a column named ${clash}, which ${this.name} adds itself; rename that column or leave history out`);
    }
    const actual = (this.db.pragma(`table_info(${q(this.name)})`) as { name: string; type: string; pk: number }[]).map(({ name, type, pk }) => ({ name, type, pk }));
    if (actual.length === 0) return true;
    if (!emptying && JSON.stringify(actual) !== JSON.stringify(sqliteHistoryShape(this.columns))) {
      throw new DroplineError(
        'SINK_FAILED',
        `table ${this.name} holds other columns than ${this.table} now has (the schema changed); its versions are kept: ` +
          `rename it (ALTER TABLE ${this.name} RENAME TO ${this.name}_old) or drop it, and the next publish starts a new one`,
      );
    }
    return this.db.prepare(`SELECT 1 FROM ${q(this.name)} LIMIT 1`).get() === undefined;
  }

  /** Applies a batch; call inside the publish's transaction. */
  write(batch: HistoryBatch): void {
    const { db, columns } = this;
    if ((db.pragma(`table_info(${q(this.name)})`) as unknown[]).length === 0) for (const sql of sqliteCreateHistory(this.table, columns)) db.exec(sql);
    if (batch.scope === 'all' && batch.rows.length === 0) {
      db.prepare(sqliteCloseAll(this.table)).run(batch.at); // nothing left: every open version ends, whatever its columns
      return;
    }
    const staged = [...columns, ...STAGED_HISTORY];
    db.exec(`DROP TABLE IF EXISTS temp.${SQLITE_HISTORY_STAGE}`);
    db.exec(sqliteCreateHistoryStage(columns));
    sqliteWriteRows(db, (n) => sqliteInsert(SQLITE_HISTORY_STAGE, staged, n), staged, batch.rows);
    const close = sqliteCloseVersions(this.table, columns, batch.scope);
    if (close !== null) db.prepare(close).run(batch.at);
    db.prepare(sqliteOpenVersions(this.table, columns)).run(batch.at);
    db.exec(`DROP TABLE temp.${SQLITE_HISTORY_STAGE}`);
  }
}
