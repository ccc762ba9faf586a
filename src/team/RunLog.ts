import type { SqlClient } from './JobQueue.js';

/** What a finished run left: the child's exit code (null: killed), its snapshot and run id, its `error[CODE]: ...` line. */
export interface RunOutcome {
  exit: number | null;
  runId: string | null;
  snapshot: string | null;
  error: string | null;
}

/** The catalog's `runs` table: one row per attempt a worker made, written by the worker layer. */
export class RunLog {
  constructor(private readonly table: string) {}

  /** Records the start, in the transaction that took the job: started_at is the job's started_on (both now()), the attempt's fence. */
  async start(db: SqlClient, pipeline: string, worker: string, jobId: string): Promise<number> {
    const { rows } = await db.query(`INSERT INTO ${this.table} (pipeline, worker, job_id, started_at) VALUES ($1, $2, $3, now()) RETURNING id`, [pipeline, worker, jobId]);
    return Number(rows[0]!.id);
  }

  /** Records the end; false when the row was already finished (a reaper took the attempt away). */
  async finish(db: SqlClient, id: number, outcome: RunOutcome): Promise<boolean> {
    const { rows } = await db.query(
      `UPDATE ${this.table} SET finished_at = now(), exit = $2, run_id = $3, snapshot = $4, error = $5 WHERE id = $1 AND finished_at IS NULL RETURNING id`,
      [id, outcome.exit, outcome.runId, outcome.snapshot, outcome.error],
    );
    return rows.length === 1;
  }

  /** Finishes every open attempt of a worker that stopped beating; returns them (job, pipeline, started_at) for the queue to fail. */
  async abandon(db: SqlClient, worker: string, error: string): Promise<{ pipeline: string; jobId: string; startedAt: Date }[]> {
    const { rows } = await db.query(`UPDATE ${this.table} SET finished_at = now(), error = $2 WHERE worker = $1 AND finished_at IS NULL RETURNING pipeline, job_id, started_at`, [
      worker,
      error,
    ]);
    return rows.map((r) => ({ pipeline: r.pipeline as string, jobId: r.job_id as string, startedAt: r.started_at as Date }));
  }
}
