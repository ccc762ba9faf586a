import type PgBoss from 'pg-boss';
import { loadOptional } from '../util/loadOptional.js';

/** Runs SQL on one connection: a transaction's client, handed to pg-boss so its step commits with ours. */
export interface SqlClient {
  query(sql: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

/** A run taken from the queue: one attempt of one job (pg-boss keeps the job id across retries; `startedOn` tells attempts apart). */
export interface QueueJob {
  id: string;
  pipeline: string;
  queue: string;
  startedOn: Date;
  retryCount: number;
  retryLimit: number;
}

export interface JobQueueOptions {
  /** pg-boss's schema: `<catalog schema>_queue`. */
  schema: string;
  /** A worker keeps time (schedules) and maintenance (expiry, archive); a CLI command does neither. */
  worker?: boolean;
  /** Retries after the first attempt before the run goes to the dead letter. */
  retryLimit?: number;
  /** Seconds before the first retry; doubled (with jitter) on each further one. */
  retryDelaySeconds?: number;
  /** pg-boss's own check for a job left active: the last resort (the worker reaper acts well before). */
  expireInSeconds?: number;
  /** How often (seconds) an instance checks the schedules; pg-boss lets only one instance do it per interval. */
  cronCheckSeconds?: number;
  onError?: (err: Error) => void;
}

/** The queue of one pipeline's runs: one queue per pipeline, so a schedule (keyed by queue name in pg-boss 10) can target it. */
export const RUN_QUEUE_PREFIX = 'run/';
/** Runs that failed every retry, a copy each (pg-boss `deadLetter`); `dropline jobs` lists them as failed. */
export const DEAD_LETTER_QUEUE = 'dead-letter';

/**
 * dropline's use of pg-boss: one `stately` queue per pipeline (at most one
 * queued and one active job; `enqueue` also refuses while one is active or
 * retrying), retries with exponential backoff, then a copy in the dead letter.
 * Jobs are taken with `fetch`, not `work`, so the worker decides concurrency
 * and how a job ends (`finish` is fenced by the attempt's start time).
 */
export class JobQueue {
  /** Queues this instance created or found. */
  private readonly known = new Set<string>();

  private constructor(
    readonly boss: PgBoss,
    readonly schema: string,
    private readonly options: JobQueueOptions,
  ) {}

  static async open(url: string, options: JobQueueOptions): Promise<JobQueue> {
    const PgBossClass = (await loadOptional<{ default: typeof PgBoss }>('pg-boss', 'team mode (dropline worker, enqueue, jobs)')).default;
    const worker = options.worker === true;
    const boss = new PgBossClass({
      connectionString: url,
      schema: options.schema,
      max: 3,
      application_name: 'dropline',
      schedule: worker,
      supervise: worker,
      ...(worker ? { cronMonitorIntervalSeconds: options.cronCheckSeconds ?? 30, cronWorkerIntervalSeconds: Math.min(options.cronCheckSeconds ?? 5, 5) } : {}),
    });
    boss.on('error', (err) => options.onError?.(err));
    await boss.start();
    return new JobQueue(boss, options.schema, options);
  }

  static queueOf(pipeline: string): string {
    return RUN_QUEUE_PREFIX + pipeline;
  }

  /** `"schema".job`, pg-boss's job table (all queues; one partition each). */
  get jobTable(): string {
    return `"${this.schema}".job`;
  }

  /**
   * Creates the pipeline's queue when it is new (pg-boss: INSERT ... ON
   * CONFLICT DO NOTHING, then a partition). Two instances creating the same
   * queue at once can deadlock in PostgreSQL (40P01): tried again.
   */
  async ensureQueue(pipeline: string): Promise<string> {
    const name = JobQueue.queueOf(pipeline);
    if (this.known.has(name)) return name;
    const create = async (queue: string, options: PgBoss.Queue): Promise<void> => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await this.boss.createQueue(queue, options);
        } catch (err) {
          if ((err as { code?: string }).code !== '40P01' || attempt >= 5) throw err;
          await new Promise((r) => setTimeout(r, 50 * attempt * Math.random()));
        }
      }
    };
    await create(DEAD_LETTER_QUEUE, { name: DEAD_LETTER_QUEUE, policy: 'standard' });
    await create(name, {
      name,
      policy: 'stately',
      retryLimit: this.options.retryLimit ?? 3,
      retryDelay: this.options.retryDelaySeconds ?? 30,
      retryBackoff: true,
      expireInSeconds: this.options.expireInSeconds ?? 4 * 3600,
      deadLetter: DEAD_LETTER_QUEUE,
    });
    this.known.add(name);
    return name;
  }

  /** The pipeline's queued, retrying or active job, if any. */
  async pending(pipeline: string): Promise<{ id: string; state: 'created' | 'retry' | 'active' } | null> {
    const rows = await this.boss
      .getDb()
      .executeSql(`SELECT id, state FROM ${this.jobTable} WHERE name = $1 AND state < 'completed' ORDER BY state DESC LIMIT 1`, [JobQueue.queueOf(pipeline)]);
    return (rows.rows[0] as { id: string; state: 'created' | 'retry' | 'active' } | undefined) ?? null;
  }

  /**
   * Queues a run unless the pipeline has one queued, retrying or active: then
   * returns that one and adds nothing. Two at once: the stately index lets one
   * in, the other's send returns null.
   */
  async enqueue(pipeline: string, startAfterSeconds = 0, db?: SqlClient): Promise<{ added: boolean; id: string | null; state: string }> {
    const name = await this.ensureQueue(pipeline);
    const existing = db ? null : await this.pending(pipeline);
    if (existing) return { added: false, id: existing.id, state: existing.state };
    const id = await this.boss.send(name, { pipeline }, { ...(startAfterSeconds > 0 ? { startAfter: startAfterSeconds } : {}), ...(db ? { db: asDb(db) } : {}) });
    if (id !== null) return { added: true, id, state: 'created' };
    const now = await this.pending(pipeline);
    return { added: false, id: now?.id ?? null, state: now?.state ?? 'created' };
  }

  /** Pipelines with a run ready to start and none active, oldest first. */
  async ready(limit: number): Promise<string[]> {
    const { rows } = await this.boss.getDb().executeSql(
      `SELECT j.name FROM ${this.jobTable} j
       WHERE j.name LIKE '${RUN_QUEUE_PREFIX}%' AND j.state < 'active' AND j.start_after < now()
         AND NOT EXISTS (SELECT 1 FROM ${this.jobTable} a WHERE a.name = j.name AND a.state = 'active')
       ORDER BY j.priority DESC, j.created_on LIMIT $1`,
      [limit],
    );
    return rows.map((r: { name: string }) => r.name.slice(RUN_QUEUE_PREFIX.length));
  }

  /** Takes the pipeline's next run (state active, started_on = now() of `db`'s transaction), or null when another worker took it. */
  async take(pipeline: string, db: SqlClient): Promise<QueueJob | null> {
    const queue = JobQueue.queueOf(pipeline);
    const [job] = await this.boss.fetch<{ pipeline: string }>(queue, { includeMetadata: true, db: asDb(db) });
    if (!job) return null;
    return { id: job.id, pipeline, queue, startedOn: job.startedOn, retryCount: job.retryCount, retryLimit: job.retryLimit };
  }

  /**
   * Ends this attempt of the job, in `db`'s transaction: `complete`, `fail`
   * (pg-boss retries with backoff, then the dead letter) or `release` (back to
   * the queue without using a retry: complete, and queue the pipeline again
   * after `delaySeconds`). False, changing nothing, when the job is no longer
   * this attempt (a reaper or pg-boss's expiry failed it and it may run again).
   */
  async finish(job: QueueJob, how: 'complete' | 'fail' | 'release', output: object, db: SqlClient, delaySeconds = 0): Promise<boolean> {
    const { rows } = await db.query(`SELECT started_on FROM ${this.jobTable} WHERE name = $1 AND id = $2 AND state = 'active' FOR UPDATE`, [job.queue, job.id]);
    const startedOn = rows[0]?.started_on as Date | undefined;
    if (startedOn === undefined || startedOn.getTime() !== job.startedOn.getTime()) return false;
    if (how === 'fail') await this.boss.fail(job.queue, job.id, output, { db: asDb(db) });
    else await this.boss.complete(job.queue, job.id, output, { db: asDb(db) });
    if (how === 'release') await this.enqueue(job.pipeline, delaySeconds, db);
    return true;
  }

  /** Registers (or replaces) the pipeline's cron schedule; pg-boss fires it once per period across every instance. */
  async schedule(pipeline: string, cron: string, timezone: string): Promise<void> {
    const name = await this.ensureQueue(pipeline);
    await this.boss.schedule(name, cron, { pipeline, scheduled: true }, { tz: timezone });
  }

  /** Removes the schedules of pipelines not in `keep`. */
  async unscheduleOthers(keep: ReadonlySet<string>): Promise<string[]> {
    const gone = (await this.boss.getSchedules()).map((s) => s.name).filter((n) => n.startsWith(RUN_QUEUE_PREFIX) && !keep.has(n.slice(RUN_QUEUE_PREFIX.length)));
    for (const name of gone) await this.boss.unschedule(name);
    return gone.map((n) => n.slice(RUN_QUEUE_PREFIX.length));
  }

  async stop(): Promise<void> {
    await this.boss.stop({ graceful: false, close: true, wait: true });
  }
}

function asDb(client: SqlClient): PgBoss.Db {
  return { executeSql: (text, values) => client.query(text, values) };
}
