import type { ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import type { JobQueue, QueueJob, SqlClient } from './JobQueue.js';
import { reapSilentWorkers } from './reapSilentWorkers.js';
import type { RunLog } from './RunLog.js';
import { runChild } from './runChild.js';
import type { WorkerRegistry } from './WorkerRegistry.js';

export interface TeamWorkerOptions {
  id: string;
  root: string;
  /** dist/cli/main.js of this package. */
  cli: string;
  concurrency: number;
  /** Runs `fn` in one catalog transaction. */
  transaction: <T>(fn: (db: SqlClient) => Promise<T>) => Promise<T>;
  queue: JobQueue;
  runs: RunLog;
  workers: WorkerRegistry;
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
  /** Seconds between looks at the queue when idle. */
  pollSeconds: number;
  /** Seconds between heartbeats (and looks for silent workers). */
  heartbeatSeconds: number;
  /** A worker not seen for this long is dead: its runs are failed, so pg-boss retries them. */
  deadAfterSeconds: number;
  /** The child's `--wait` for the lease, and how long a run refused with LOCKED waits before it is queued again. */
  lockWaitSeconds: number;
  globals?: string[];
}

interface Slot {
  job: QueueJob;
  runRow: number;
  child: ChildProcess;
  released: boolean;
}

/**
 * `dropline worker`: takes runs from the queue (up to `concurrency` at once),
 * runs each as `dropline run <pipeline> --json` in a child process, records
 * it in `runs` and ends the job: exit 0, 3 or 5 complete it; LOCKED queues it
 * again after a while (another run holds the pipeline); anything else fails
 * it, and pg-boss retries with backoff, then moves it to the dead letter.
 * Heartbeats every few seconds; fails the runs of workers that went silent.
 */
export class TeamWorker {
  private readonly slots = new Set<Slot>();
  private stopping = false;
  private wake: (() => void) | null = null;
  private beating?: NodeJS.Timeout;

  constructor(private readonly o: TeamWorkerOptions) {}

  get running(): number {
    return this.slots.size;
  }

  /** Registers and works until `stop()`; resolves when the last child has ended. */
  async run(): Promise<void> {
    await this.o.transaction((db) => this.o.workers.register(db, this.o.id, this.o.concurrency));
    this.beating = setInterval(() => void this.heartbeat(), this.o.heartbeatSeconds * 1000);
    await this.heartbeat();
    while (!this.stopping) {
      const free = this.o.concurrency - this.slots.size;
      if (free > 0) {
        for (const pipeline of await this.o.queue.ready(free * 2).catch((err: Error) => this.failed('looking at the queue', err, []))) {
          if (this.stopping || this.slots.size >= this.o.concurrency) break;
          await this.take(pipeline);
        }
      }
      await this.pause(this.o.pollSeconds * 1000);
    }
    while (this.slots.size > 0) await this.pause(this.o.pollSeconds * 1000);
    clearInterval(this.beating);
    await this.o.transaction((db) => this.o.workers.remove(db, this.o.id)).catch((err: Error) => this.failed('unregistering', err, undefined));
  }

  /** First SIGTERM: take no more runs; the running ones finish. */
  stop(): void {
    this.stopping = true;
    this.wake?.();
  }

  /** Second SIGTERM: pass it on to the runs and put their jobs back in the queue (no retry used). */
  abort(): void {
    this.stop();
    for (const slot of this.slots) {
      slot.released = true;
      slot.child.kill('SIGTERM');
    }
  }

  private async take(pipeline: string): Promise<void> {
    let taken: { job: QueueJob; runRow: number } | null = null;
    try {
      taken = await this.o.transaction(async (db) => {
        const job = await this.o.queue.take(pipeline, db);
        return job ? { job, runRow: await this.o.runs.start(db, pipeline, this.o.id, job.id) } : null;
      });
    } catch (err) {
      return this.failed(`taking a run of ${pipeline}`, err as Error, undefined);
    }
    if (!taken) return;
    const { job, runRow } = taken;
    this.o.log('info', `run of ${pipeline} started (job ${job.id}, attempt ${job.retryCount + 1} of ${job.retryLimit + 1})`);
    const { child, done } = runChild({ cli: this.o.cli, root: this.o.root, pipeline, workerId: this.o.id, waitSeconds: this.o.lockWaitSeconds, globals: this.o.globals });
    const slot: Slot = { job, runRow, child, released: false };
    this.slots.add(slot);
    void done.then(async (outcome) => {
      const ok = outcome.exit === 0 || outcome.exit === 3 || outcome.exit === 5;
      const how = ok ? 'complete' : slot.released || outcome.code === 'LOCKED' ? 'release' : 'fail';
      const delay = !slot.released && how === 'release' ? this.o.lockWaitSeconds : 0;
      if (!ok && slot.released && outcome.error === null) outcome.error = `worker ${this.o.id} was stopped during the run (a second SIGTERM); the run is queued again`;
      const result = { exit: outcome.exit, snapshot: outcome.snapshot, runId: outcome.runId, error: outcome.error, worker: this.o.id };
      try {
        const mine = await this.o.transaction(async (db) => (await this.o.runs.finish(db, runRow, outcome)) && (await this.o.queue.finish(job, how, result, db, delay)));
        const what = outcome.error ?? `exit ${outcome.exit}${outcome.snapshot ? `, snapshot ${outcome.snapshot}` : ''}`;
        if (!mine) this.o.log('warn', `run of ${pipeline} ended (${what}) after its job was taken away (this worker was silent too long); the job is left as it is`);
        else this.o.log(how === 'fail' ? 'warn' : 'info', `run of ${pipeline} ${how === 'complete' ? 'done' : how === 'fail' ? 'failed' : 'put back in the queue'} (${what})`);
      } catch (err) {
        this.failed(`recording the end of the run of ${pipeline}`, err as Error, undefined);
      } finally {
        this.slots.delete(slot);
        this.wake?.();
      }
    });
  }

  private async heartbeat(): Promise<void> {
    try {
      const known = await this.o.transaction((db) => this.o.workers.beat(db, this.o.id, this.o.concurrency));
      if (!known) this.o.log('warn', `worker ${this.o.id} was taken for dead (no heartbeat for ${this.o.deadAfterSeconds} s) and registered again`);
      const failed = await this.o.transaction((db) => reapSilentWorkers(db, this.o.workers, this.o.runs, this.o.queue, this.o.deadAfterSeconds));
      for (const { worker, pipeline } of failed) this.o.log('warn', `run of ${pipeline} on worker ${worker}, silent for ${this.o.deadAfterSeconds} s: failed, to be retried`);
    } catch (err) {
      this.failed('heartbeat', err as Error, undefined);
    }
  }

  private pause(ms: number): Promise<void> {
    const controller = new AbortController();
    this.wake = () => controller.abort();
    return sleep(ms, undefined, { signal: controller.signal }).then(
      () => undefined,
      () => undefined,
    );
  }

  private failed<T>(what: string, err: Error, fallback: T): T {
    this.o.log('error', `worker ${this.o.id}: ${what} failed: ${err.message}`);
    return fallback;
  }
}
