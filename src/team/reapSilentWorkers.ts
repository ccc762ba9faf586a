import { JobQueue, type SqlClient } from './JobQueue.js';
import type { RunLog } from './RunLog.js';
import type { WorkerRegistry } from './WorkerRegistry.js';

/**
 * In one transaction: removes the workers not seen for `deadAfterSeconds`,
 * finishes their open runs (the error says which worker went silent) and fails those jobs, so
 * pg-boss retries them (with backoff; the dead letter after the last retry)
 * long before its own expiry would. A job is failed only while it is still
 * the attempt that worker started. Returns the pipelines whose run was failed.
 */
export async function reapSilentWorkers(
  db: SqlClient,
  workers: WorkerRegistry,
  runs: RunLog,
  queue: JobQueue,
  deadAfterSeconds: number,
): Promise<{ worker: string; pipeline: string }[]> {
  const failed: { worker: string; pipeline: string }[] = [];
  for (const dead of await workers.reapSilent(db, deadAfterSeconds)) {
    const reason = `worker ${dead} stopped (no heartbeat for ${deadAfterSeconds} s)`;
    for (const run of await runs.abandon(db, dead, reason)) {
      const job = { id: run.jobId, pipeline: run.pipeline, queue: JobQueue.queueOf(run.pipeline), startedOn: run.startedAt, retryCount: 0, retryLimit: 0 };
      if (await queue.finish(job, 'fail', { error: reason, worker: dead }, db)) failed.push({ worker: dead, pipeline: run.pipeline });
    }
  }
  return failed;
}
