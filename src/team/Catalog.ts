import type pg from 'pg';
import { DroplineError } from '../errors/DroplineError.js';
import type { Logger } from '../logging/Logger.js';
import { maskUrlPassword } from '../sinks/maskUrlPassword.js';
import { quoteIdent } from '../sinks/quoteIdent.js';
import { loadOptional } from '../util/loadOptional.js';
import { CATALOG_MIGRATIONS } from './catalogMigrations.js';
import { isTransient } from './isTransient.js';
import type { TeamConfig } from './TeamConfig.js';

type Pg = typeof import('pg').default;
export type Queryable = Pick<pg.PoolClient, 'query'>;

/** Tries of a statement that failed because the server was away (a restart): about 30 s in all. */
const TRIES = 12;

/**
 * Team mode's catalog: a connection pool to the PostgreSQL server named by
 * `catalog.urlEnv`, its tables in `catalog.schema`, created and migrated on
 * first use. Statements that fail because the server went away (a restart,
 * a dropped connection) are tried again on a new connection.
 */
export class Catalog {
  private pool?: Promise<pg.Pool>;

  constructor(
    readonly config: TeamConfig['catalog'],
    private readonly logger: Logger,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  /** `"schema"."name"`: a table of the catalog. */
  t(name: string): string {
    return `${quoteIdent(this.config.schema)}.${quoteIdent(name)}`;
  }

  /** One statement, tried again while the server is away. */
  async query<R extends pg.QueryResultRow = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<R[]> {
    return this.retrying(async () => (await (await this.connect()).query<R>(sql, params)).rows);
  }

  /**
   * `fn` in one transaction, tried again from the start while the server is
   * away. `fn` must be safe to run again: a COMMIT lost with its connection
   * may have happened (the commit checks for its own manifest first).
   */
  async transaction<T>(fn: (client: Queryable) => Promise<T>): Promise<T> {
    return this.retrying(async () => {
      const client = await (await this.connect()).connect();
      let broken = false;
      try {
        await client.query('BEGIN');
        const result = await fn(client);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        broken = isTransient(err);
        if (!broken) await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release(broken);
      }
    });
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    if (pool) await (await pool.catch(() => null))?.end();
  }

  /** The URL, for messages: its password masked. */
  shownUrl(): string {
    return maskUrlPassword(this.env[this.config.urlEnv] ?? '');
  }

  private async retrying<T>(fn: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn();
      } catch (err) {
        if (!isTransient(err)) throw err;
        if (attempt >= TRIES) throw this.unavailable(err);
        this.logger.warn(`catalog ${this.shownUrl()} unavailable (${(err as Error).message}); trying again`);
        await new Promise((r) => setTimeout(r, Math.min(250 * 2 ** attempt, 4000)));
      }
    }
  }

  private connect(): Promise<pg.Pool> {
    this.pool ??= this.open().catch((err: unknown) => {
      this.pool = undefined;
      throw err;
    });
    return this.pool;
  }

  private async open(): Promise<pg.Pool> {
    const url = this.env[this.config.urlEnv];
    if (!url) {
      throw new DroplineError(
        'CATALOG_UNAVAILABLE',
        `dropline.yaml puts this workspace in team mode, and ${this.config.urlEnv} is not set; export ${this.config.urlEnv}=postgres://user:password@host:5432/db (the catalog's PostgreSQL server)`,
        { key: 'catalog.urlEnv' },
      );
    }
    const Pool = (await loadOptional<{ default: Pg }>('pg', 'team mode (dropline.yaml catalog:)')).default.Pool;
    const pool = new Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 10_000 });
    // A server restart breaks idle connections: the pool drops them and connects anew on next use.
    pool.on('error', (err) => this.logger.debug(`catalog connection lost: ${err.message}`));
    try {
      await this.retrying(() => this.migrate(pool));
    } catch (err) {
      await pool.end().catch(() => undefined);
      throw err instanceof DroplineError ? err : this.unavailable(err);
    }
    return pool;
  }

  /** Creates the schema and brings its tables to the newest version, one step per transaction, under an advisory lock. */
  private async migrate(pool: pg.Pool): Promise<void> {
    const client = await pool.connect();
    const schema = quoteIdent(this.config.schema);
    try {
      await client.query(`SELECT pg_advisory_lock(hashtext($1))`, [`dropline-migrate:${this.config.schema}`]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      await client.query(`CREATE TABLE IF NOT EXISTS ${this.t('schema_version')} (version integer NOT NULL)`);
      const rows = (await client.query<{ version: number }>(`SELECT max(version) AS version FROM ${this.t('schema_version')}`)).rows;
      const at = rows[0]?.version ?? 0;
      if (at > CATALOG_MIGRATIONS.length) {
        throw new DroplineError(
          'CATALOG_UNAVAILABLE',
          `catalog schema ${this.config.schema} is at version ${at}, newer than this dropline knows (${CATALOG_MIGRATIONS.length}); upgrade dropline-cli on this machine`,
          { key: 'catalog.schema' },
        );
      }
      for (let v = at + 1; v <= CATALOG_MIGRATIONS.length; v++) {
        await client.query('BEGIN');
        await client.query(CATALOG_MIGRATIONS[v - 1]!.replaceAll('%s', schema));
        await client.query(`INSERT INTO ${this.t('schema_version')} (version) VALUES ($1)`, [v]);
        await client.query('COMMIT');
      }
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      await client.query(`SELECT pg_advisory_unlock_all()`).catch(() => undefined);
      client.release();
    }
  }

  private unavailable(err: unknown): DroplineError {
    return new DroplineError(
      'CATALOG_UNAVAILABLE',
      `catalog ${this.shownUrl()} (${this.config.urlEnv}) cannot be reached: ${(err as Error).message}; check that the server is up and the URL right`,
      { key: 'catalog.urlEnv' },
      { cause: err },
    );
  }
}
