import type { Client } from 'pg';
import { DroplineError } from '../errors/DroplineError.js';
import type { HistoryBatch } from './historyBatch.js';
import { historyClash } from './historyBatch.js';
import { postgresCloseVersions, postgresCreateHistory, postgresHistoryShape, postgresOpenVersions } from './postgresHistoryStatements.js';
import { POSTGRES_SHAPE_QUERY } from './postgresStatements.js';
import { quoteIdent as q } from './quoteIdent.js';
import type { SinkColumn } from './sinkColumns.js';

/**
 * `<table>_history` in PostgreSQL: every version of every row, as a slowly
 * changing dimension of type 2. The publish stages its rows (COPY) with their
 * origins; this closes the open versions they change (or, given the whole
 * table, those it no longer holds as they are) and opens a version for each
 * staged key left without one: an unchanged row keeps its version, so a
 * repeated publish adds nothing.
 */
export class PostgresHistory {
  /** Quoted and schema-qualified. */
  private readonly history: string;
  private readonly name: string;

  constructor(
    private readonly schema: string,
    private readonly table: string,
    private readonly columns: SinkColumn[],
  ) {
    this.name = `${table}_history`;
    this.history = `${q(schema)}.${q(this.name)}`;
  }

  /**
   * Creates the table if missing and checks it can hold these columns'
   * versions; true when it was missing or is empty (the publish then records
   * every row). Refuses one made for other columns: its versions are kept
   * until the user moves it aside. `emptying` (a clean: no rows to compare)
   * takes the table as it is.
   */
  async prepare(client: Client, emptying: boolean): Promise<boolean> {
    const clash = historyClash(this.columns.map((c) => c.name));
    if (clash !== undefined && !emptying) {
      throw new DroplineError(
        'SINK_FAILED',
        `table ${this.schema}.${this.table} has a column named ${clash}, which ${this.name} adds itself; rename that column or leave history out`,
      );
    }
    const { rows } = await client.query<{ name: string; type: string; pk: number }>(POSTGRES_SHAPE_QUERY, [this.history]);
    if (rows.length === 0) {
      for (const sql of postgresCreateHistory(this.history, this.name, this.columns)) await client.query(sql);
      return true;
    }
    if (!emptying && JSON.stringify(rows) !== JSON.stringify(postgresHistoryShape(this.columns))) {
      throw new DroplineError(
        'SINK_FAILED',
        `table ${this.schema}.${this.name} holds other columns than ${this.table} now has (the schema changed); its versions are kept: ` +
          `rename it (ALTER TABLE ${this.schema}.${this.name} RENAME TO ${this.name}_old) or drop it, and the next publish starts a new one`,
      );
    }
    return (await client.query<{ empty: boolean }>(`SELECT NOT EXISTS (SELECT 1 FROM ${this.history}) AS empty`)).rows[0]!.empty;
  }

  /** Applies a batch from the stage; call inside the publish's transaction. */
  async write(client: Client, batch: HistoryBatch): Promise<void> {
    if (batch.scope === 'all' && batch.rows.length === 0) {
      // Nothing left: every open version ends, whatever its columns.
      await client.query(`UPDATE ${this.history} SET valid_to = $1::timestamptz, is_current = false WHERE is_current`, [batch.at]);
      return;
    }
    const close = postgresCloseVersions(this.history, this.columns, batch.scope);
    if (close !== null) await client.query(close, [batch.at]);
    await client.query(postgresOpenVersions(this.history, this.columns), [batch.at]);
  }
}
