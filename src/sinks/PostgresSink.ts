import { definitionError } from '../errors/definitionError.js';
import type { Client } from 'pg';
import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import { DroplineError } from '../errors/DroplineError.js';
import { loadOptional } from '../util/loadOptional.js';
import type { OptionsSchema } from '../plugins/OptionsSchema.js';
import { BaseSink } from './BaseSink.js';
import { writesPassword } from './literalPassword.js';
import { maskUrlPassword } from './maskUrlPassword.js';
import {
  POSTGRES_SHAPE_QUERY,
  postgresAddKey,
  postgresCreateSnapshotsTable,
  postgresCreateTable,
  postgresDeleteVanished,
  postgresShape,
  postgresUpsert,
  STAGE,
} from './postgresStatements.js';
import { quoteIdent as q } from './quoteIdent.js';
import { readWithBases } from '../definition/resolveDocument.js';
import type { PublishContext, PublishedState } from './Sink.js';
import { changedRowsOnly } from './changedRowsOnly.js';
import { postgresCopy } from './postgresCopy.js';
import { postgresWriteSnapshots } from './postgresWriteSnapshots.js';
import { checkHistoryColumns } from './checkHistoryColumns.js';
import { historyBatch, STAGED_HISTORY } from './historyBatch.js';
import { PostgresHistory } from './PostgresHistory.js';
import { postgresCreateHistoryStage, postgresInsertFromStage } from './postgresHistoryStatements.js';
import { sinkColumns, type SinkColumn } from './sinkColumns.js';
import { TABLE_NAME, tableName } from './tableName.js';

/** PostgreSQL truncates longer identifiers. */
const MAX_IDENTIFIER = 63;
/**
 * How full the sink fills its table's pages (percent): the room left lets a run's upsert write a row's new
 * version in its page (a HOT update: no new index entry), a quarter less time than into full pages.
 */
const FILLFACTOR = 90;

/**
 * Publishes latest.csv into PostgreSQL: the same two tables as the SQLite
 * sink, in `schema`, in one transaction per publish. Into an empty table, the
 * rows go straight in with COPY (into a table this publish creates, before its
 * primary key, which is then built at once); else they are copied into a temporary stage,
 * then merged with `ON CONFLICT (key) DO UPDATE`, writing only rows that
 * differ, and (a full publish) the keys the stage lacks are deleted. After a
 * run, when the table shows the run's parent, only the rows it changed are staged. The connection URL comes from a variable the sink
 * reads when it runs (`urlEnv`, default DATABASE_URL), so the definition loads
 * without it; a password written in the definition is refused. With
 * `history: true`, `<table>_history` keeps every version of every row
 * (PostgresHistory), fed from the same stage in the same transaction.
 */
export class PostgresSink extends BaseSink {
  static readonly publishesHistory = true;

  static override options: OptionsSchema = {
    urlEnv: { type: 'string', default: 'DATABASE_URL', description: 'the variable (environment or --set) holding the connection URL' },
    url: { type: 'string', description: 'the connection URL itself, instead of urlEnv (no password: that belongs in a variable)' },
    schema: { type: 'string', default: 'public', description: 'the schema the tables go in (created if missing)' },
    table: { type: 'string', description: 'the table name (default: the pipeline name with "/" and other signs as "_")' },
    batchRows: { type: 'integer', default: 20_000, description: 'rows sent per COPY message' },
    connectTimeoutMs: { type: 'integer', default: 10_000, description: 'how long to wait for a connection' },
  };

  private get option() {
    const o = this.context.options;
    const url = (o.url as string | undefined) ?? this.context.variable(o.urlEnv as string) ?? '';
    return { url, schema: o.schema as string, batchRows: o.batchRows as number, connectTimeoutMs: o.connectTimeoutMs as number };
  }

  static defaults(definition: PipelineDefinition): { table: string } {
    return { table: tableName(definition.name) };
  }

  private get table(): string {
    return (this.context.options.table as string | undefined) ?? PostgresSink.defaults(this.context.definition).table;
  }

  private get qualified(): { table: string; snapshots: string; history: string } {
    const schema = q(this.option.schema);
    return { table: `${schema}.${q(this.table)}`, snapshots: `${schema}.${q(`${this.table}_snapshots`)}`, history: `${schema}.${q(`${this.table}_history`)}` };
  }

  override async check(): Promise<void> {
    const key = this.context.key;
    const { url, schema } = this.option;
    if (url === '') {
      const name = this.context.options.urlEnv as string;
      throw this.invalid(
        'urlEnv',
        `names ${name}, which is not set; set it to the server's URL in the environment (export ${name}=postgres://user:password@host:5432/db) or with --set ${name}=...`,
      );
    }
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      // reported below
    }
    if (!parsed || !['postgres:', 'postgresql:'].includes(parsed.protocol)) {
      const shown = `"${maskUrlPassword(url)}" is not a postgres:// URL (postgres://user:password@host:5432/db)`;
      throw this.context.options.url === undefined ? this.invalid('urlEnv', `names ${this.context.options.urlEnv as string}, whose value ${shown}`) : this.invalid('url', shown);
    }
    if (parsed.password !== '') {
      const raw = await readWithBases(this.context.definition.file);
      const index = Number(/\[(\d+)\]/.exec(key)?.[1] ?? 0);
      const rawUrl = ((raw.sinks as { options?: { url?: unknown } }[] | undefined)?.[index]?.options ?? {}).url;
      if (writesPassword(raw, rawUrl, url)) {
        throw this.invalid(
          'url',
          'holds a password written in the definition file; keep secrets out of it: leave url out and set DATABASE_URL in the environment (or with --set), which the sink reads (urlEnv)',
        );
      }
    }
    for (const [name, value] of [
      ['schema', schema],
      ['table', this.table],
    ] as const) {
      if (!TABLE_NAME.test(value)) throw this.invalid(name, `"${value}" must be letters, digits and "_", not starting with a digit`);
    }
    // The longest name a sink makes: the snapshots table, or with history the index of open versions.
    const suffix = this.context.history ? '_history_current' : '_snapshots';
    if (Buffer.byteLength(`${this.table}${suffix}`) > MAX_IDENTIFIER) {
      const limit = `at most ${MAX_IDENTIFIER - suffix.length} characters${this.context.history ? ' with history: true' : ''}`;
      throw this.invalid('table', `"${this.table}" is too long for PostgreSQL (${limit}); set a shorter one`);
    }
    checkHistoryColumns(this.context);
    const long = sinkColumns(
      this.context.definition,
      this.context.definition.schema.columns.map((c) => c.name),
    ).find((c) => Buffer.byteLength(c.name) > MAX_IDENTIFIER);
    if (long) throw this.invalid('table', `column "${long.name}" is longer than PostgreSQL's ${MAX_IDENTIFIER}-byte names`);
    await loadPg(); // before anything changes: a missing pg is a one-line error, not a failed publish after the commit
    await loadOptional('pg-copy-streams', 'the postgres sink');
  }

  readonly publishesChangesAlone = true;

  override async published(): Promise<PublishedState> {
    const client = await this.connect();
    try {
      const tables = [this.qualified.snapshots, ...(this.context.history ? [this.qualified.history] : [])];
      // history: true on a sink that has none yet: a full publish starts it (a sync too).
      const { rows } = await client.query<{ present: boolean }>('SELECT bool_and(to_regclass(t) IS NOT NULL) AS present FROM unnest($1::text[]) AS t', [tables]);
      if (!rows[0]?.present) return undefined;
      const current = await client.query<{ id: string }>(`SELECT id FROM ${this.qualified.snapshots} WHERE is_current`);
      return current.rows[0]?.id ?? null;
    } finally {
      await client.end();
    }
  }

  protected override async record(): Promise<void> {
    // recorded in the publish transaction (is_current)
  }

  protected async write(context: PublishContext): Promise<void> {
    const columns = sinkColumns(context.definition, context.table.columns);
    const { snapshot, previous } = context;
    // Runs and replays only move rows forward; anything else (reset, clean, catching up) publishes the target state as it is.
    const forward = (snapshot?.kind === 'run' || snapshot?.kind === 'replay') && typeof previous === 'string' && snapshot.parent === previous;
    const client = await this.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`dropline:${this.option.schema}`]);
      const schema = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [this.option.schema]);
      if (schema.rowCount === 0) await client.query(`CREATE SCHEMA ${q(this.option.schema)}`);
      const created = await this.ensureTable(client, columns);
      await client.query(postgresCreateSnapshotsTable(this.qualified.snapshots));
      const table = this.qualified.table;
      const empty = created || (await client.query<{ empty: boolean }>(`SELECT NOT EXISTS (SELECT 1 FROM ${table}) AS empty`)).rows[0]!.empty;
      const changed = changedRowsOnly(context);
      // Given the columns only, the rows are read now if the table needs them all (new, reshaped or empty).
      const rows = async (): Promise<string[][]> => (context.loadTable ? (await context.loadTable()).rows : context.table.rows);
      // With history, every staged row carries its origin, and the one stage feeds both tables; an empty (or new)
      // history table, like an empty table or no changes to go by, takes every row.
      const history = this.context.history ? new PostgresHistory(this.option.schema, this.table, columns) : null;
      const first = history ? await history.prepare(client, context.snapshot === null) : false;
      const all = empty || changed === null || first;
      const now = this.context.clock.now();
      const versions = history && (await historyBatch(context, { scope: all ? 'all' : 'changes', rows: all ? await rows() : changed!, width: columns.length, first, now }));
      if (empty && !versions) await postgresCopy(client, table, columns, await rows(), this.option.batchRows);
      else {
        await client.query(versions ? postgresCreateHistoryStage(table) : `CREATE TEMP TABLE ${STAGE} (LIKE ${table}) ON COMMIT DROP`);
        if (versions) await postgresCopy(client, STAGE, [...columns, ...STAGED_HISTORY], versions.rows, this.option.batchRows);
        else await postgresCopy(client, STAGE, columns, changed ?? (await rows()), this.option.batchRows);
        // The statements that join the stage (deleting vanished keys, history) need its statistics; an upsert alone scans it.
        if (versions || changed === null) await client.query(`ANALYZE ${STAGE}`);
        if (empty) await client.query(postgresInsertFromStage(table, columns));
        else {
          if (changed === null) await client.query(postgresDeleteVanished(table, columns));
          await client.query(postgresUpsert(table, columns, forward ? context.definition.schema.timestamp : null));
        }
        if (history && versions) await history.write(client, versions);
      }
      if (created) await client.query(postgresAddKey(table, columns)); // a table made by this publish: its key built from its rows
      await postgresWriteSnapshots(client, this.qualified.snapshots, context, this.context.clock.now());
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      await client.end();
    }
  }

  private async connect(): Promise<Client> {
    const pg = await loadPg();
    const client = new pg.Client({ connectionString: this.option.url, connectionTimeoutMillis: this.option.connectTimeoutMs, application_name: 'dropline' });
    client.on('error', (err) => this.context.logger.warn(`${this.context.key}: connection error: ${err.message}`));
    try {
      await client.connect();
    } catch (err) {
      await client.end().catch(() => undefined);
      throw err;
    }
    return client;
  }

  /**
   * Creates the table, or recreates it when its columns, types or key differ from what the definition now says;
   * true when it did either: the table is then empty, and without its primary key until postgresAddKey.
   */
  private async ensureTable(client: Client, columns: SinkColumn[]): Promise<boolean> {
    const { rows } = await client.query<{ name: string; type: string; pk: number }>(POSTGRES_SHAPE_QUERY, [this.qualified.table]);
    if (rows.length > 0 && JSON.stringify(rows) === JSON.stringify(postgresShape(columns))) return false;
    if (rows.length > 0) this.context.logger.warn(`${this.context.key}: table ${this.option.schema}.${this.table} had other columns or another key; recreated it`);
    await client.query(`DROP TABLE IF EXISTS ${this.qualified.table}`);
    await client.query(postgresCreateTable(this.qualified.table, columns, { key: false, fillfactor: FILLFACTOR }));
    return true;
  }

  private invalid(option: string, problem: string): DroplineError {
    const file = this.context.workspace.display(this.context.definition.file);
    return definitionError(file, `${this.context.key}.options.${option}`, problem, this.context.definition.name);
  }
}

/** pg, an optional package: installed only by those who publish to PostgreSQL. */
async function loadPg(): Promise<typeof import('pg').default> {
  return (await loadOptional<typeof import('pg')>('pg', 'the postgres sink')).default;
}
