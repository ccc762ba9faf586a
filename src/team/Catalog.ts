import pg from 'pg';
import { DroplineError } from '../errors/DroplineError.js';
import { CATALOG_MIGRATIONS } from './catalogMigrations.js';
import type { TeamConfig } from './TeamConfig.js';

/** STAND-IN until the coordinator's Catalog lands on main (TEAM.md names); replaced by `git merge main`. */
export class Catalog {
  private constructor(
    private readonly pool: pg.Pool,
    readonly schema: string,
  ) {}

  static async open(config: TeamConfig): Promise<Catalog> {
    const url = process.env[config.catalog.urlEnv];
    if (!url) throw new DroplineError('CATALOG_UNAVAILABLE' as never, `${config.catalog.urlEnv} is not set`);
    const catalog = new Catalog(new pg.Pool({ connectionString: url, max: 4 }), config.catalog.schema);
    await catalog.query(`CREATE SCHEMA IF NOT EXISTS "${catalog.schema}"`);
    for (const step of CATALOG_MIGRATIONS) await catalog.query(step.replaceAll('{schema}', `"${catalog.schema}"`));
    return catalog;
  }

  t(name: string): string {
    return `"${this.schema}"."${name}"`;
  }

  async query<T extends pg.QueryResultRow = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.pool.query<T>(sql, params)).rows;
  }

  async transaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
