import { hostname } from 'node:os';
import type { SqlClient } from './JobQueue.js';

/** The catalog's `workers` table: each worker's heartbeat; one not seen for a while is dead and its runs go back to the queue. */
export class WorkerRegistry {
  constructor(private readonly table: string) {}

  async register(db: SqlClient, id: string, concurrency: number): Promise<void> {
    await db.query(
      `INSERT INTO ${this.table} (id, host, pid, concurrency) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET host = $2, pid = $3, concurrency = $4, started_at = now(), seen_at = now()`,
      [id, hostname(), process.pid, concurrency],
    );
  }

  /** Marks the worker alive; false when its row was gone (another worker declared it dead): it registers again. */
  async beat(db: SqlClient, id: string, concurrency: number): Promise<boolean> {
    const { rows } = await db.query(`UPDATE ${this.table} SET seen_at = now() WHERE id = $1 RETURNING id`, [id]);
    if (rows.length === 1) return true;
    await this.register(db, id, concurrency);
    return false;
  }

  /** Removes the workers not seen for `seconds` (one reaper wins each: the DELETE locks the row) and returns their ids. */
  async reapSilent(db: SqlClient, seconds: number): Promise<string[]> {
    const { rows } = await db.query(`DELETE FROM ${this.table} WHERE seen_at < now() - make_interval(secs => $1) RETURNING id`, [seconds]);
    return rows.map((r) => r.id as string);
  }

  async remove(db: SqlClient, id: string): Promise<void> {
    await db.query(`DELETE FROM ${this.table} WHERE id = $1`, [id]);
  }
}
