import { DEAD_LETTER_QUEUE, type JobQueue, RUN_QUEUE_PREFIX } from './JobQueue.js';

export type JobState = 'idle' | 'queued' | 'active' | 'retrying' | 'failed';

/** One line of `dropline jobs` (`--json`: an array of these; the shape is a contract). */
export interface JobsEntry {
  pipeline: string;
  state: JobState;
  /** The worker running it (state active), else null. */
  worker: string | null;
  /** ISO time: queued since, running since, last attempt ended, or moved to the dead letter; null when idle. */
  since: string | null;
  lastRun: { runId: string | null; snapshot: string | null; finishedAt: string; exit: number | null; error: string | null } | null;
}

type Query = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

const STATE: Record<string, JobState> = { created: 'queued', retry: 'retrying', active: 'active' };
const iso = (d: unknown): string | null => (d instanceof Date ? d.toISOString() : null);

/**
 * Where each pipeline stands: its queued, retrying or active job (pg-boss's
 * job table), else failed when its newest dead-letter copy is newer than its
 * last good run, else idle; with the last finished run from `runs`.
 */
export async function listJobs(query: Query, runsTable: string, queue: JobQueue, pipelines: string[]): Promise<JobsEntry[]> {
  const job = queue.jobTable;
  const pending = await query(
    `SELECT DISTINCT ON (j.name) substr(j.name, ${RUN_QUEUE_PREFIX.length + 1}) AS pipeline, j.state::text AS state, j.created_on, j.started_on, r.worker
     FROM ${job} j LEFT JOIN ${runsTable} r ON r.job_id = j.id::text AND r.finished_at IS NULL
     WHERE j.name LIKE '${RUN_QUEUE_PREFIX}%' AND j.state < 'completed' ORDER BY j.name, j.state DESC`,
  );
  const dead = await query(
    `SELECT DISTINCT ON (data->>'pipeline') data->>'pipeline' AS pipeline, created_on, output FROM ${job}
     WHERE name = $1 ORDER BY data->>'pipeline', created_on DESC`,
    [DEAD_LETTER_QUEUE],
  );
  const runs = await query(
    `SELECT DISTINCT ON (pipeline) pipeline, id, run_id, snapshot, finished_at, exit, error,
       max(finished_at) FILTER (WHERE exit IN (0, 3, 5)) OVER (PARTITION BY pipeline) AS last_good
     FROM ${runsTable} WHERE finished_at IS NOT NULL ORDER BY pipeline, finished_at DESC, id DESC`,
  );
  const byPipeline = <T extends Record<string, unknown>>(rows: T[]) => new Map(rows.map((r) => [r.pipeline as string, r]));
  const [p, d, r] = [byPipeline(pending), byPipeline(dead), byPipeline(runs)];
  const names = [...new Set([...pipelines, ...p.keys(), ...d.keys(), ...r.keys()])].sort();
  return names.map((pipeline) => {
    const run = r.get(pipeline);
    const lastRun = run
      ? {
          runId: (run.run_id as string | null) ?? null,
          snapshot: (run.snapshot as string | null) ?? null,
          finishedAt: iso(run.finished_at)!,
          exit: (run.exit as number | null) ?? null,
          error: (run.error as string | null) ?? null,
        }
      : null;
    const open = p.get(pipeline);
    if (open) {
      const state = STATE[open.state as string]!;
      const since = state === 'queued' ? open.created_on : state === 'active' ? open.started_on : (run?.finished_at ?? open.started_on);
      return { pipeline, state, worker: state === 'active' ? ((open.worker as string | null) ?? null) : null, since: iso(since), lastRun };
    }
    const letter = d.get(pipeline);
    const lastGood = run?.last_good as Date | null | undefined;
    if (letter && (!lastGood || lastGood.getTime() < (letter.created_on as Date).getTime())) {
      return { pipeline, state: 'failed', worker: null, since: iso(letter.created_on), lastRun };
    }
    return { pipeline, state: 'idle', worker: null, since: null, lastRun };
  });
}
