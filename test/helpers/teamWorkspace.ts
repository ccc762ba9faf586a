import type pg from 'pg';
import { stringify } from 'yaml';
import { query, uniqueSchema } from './postgres.js';
import { SpawnedWorker } from './spawnedWorker.js';
import { TestWorkspace, type CliResult } from './workspace.js';

/** A row of `<schema>.manifests`. */
export interface ManifestRow {
  pipeline: string;
  id: string;
  epoch: string;
  holder: string;
}

/** A row of `<schema>.runs` (written by the worker layer). */
export interface RunRow {
  id: string;
  pipeline: string;
  worker: string;
  job_id: string | null;
  started_at: Date;
  finished_at: Date | null;
  exit: number | null;
  snapshot: string | null;
  error: string | null;
}

/** A row of `<schema>.pipelines`: the head and the lease of one pipeline. */
export interface PipelineRow {
  pipeline: string;
  epoch: string;
  holder: string | null;
  lease_until: Date | null;
  head: string | null;
  /** lease_until < now(), as the server sees it. */
  expired: boolean;
}

/** One entry of `dropline jobs --json`. */
export interface JobJson {
  pipeline: string;
  state: 'idle' | 'queued' | 'active' | 'retrying' | 'failed';
  worker: string | null;
  since: string | null;
  lastRun: { runId: string; snapshot: string | null; finishedAt: string | null; exit: number | null; error: string | null } | null;
}

/**
 * A TestWorkspace in team mode: `dropline.yaml` names a PostgreSQL catalog in a schema of its own (so tests share
 * one server), every CLI process it starts gets DROPLINE_CATALOG_URL, and it starts real `dropline worker`
 * processes. `dispose()` (in an after hook) kills every worker, drops the schemas and removes the folder.
 */
export class TeamWorkspace extends TestWorkspace {
  readonly schema = uniqueSchema();
  readonly workers: SpawnedWorker[] = [];

  constructor(
    readonly url: string,
    pipelines: Record<string, Record<string, unknown> | string>,
    options: { leaseSeconds?: number; env?: Record<string, string> } = {},
  ) {
    super(pipelines);
    const catalog = { type: 'postgres', schema: this.schema, ...(options.leaseSeconds === undefined ? {} : { leaseSeconds: options.leaseSeconds }) };
    this.write('dropline.yaml', stringify({ catalog, blobs: { type: 'directory', path: 'blobs' } }));
    this.extraEnv = options.env ?? {};
  }

  /** Variables every CLI and worker process of this workspace gets besides the URL (the constructor's `env`). */
  private readonly extraEnv: Record<string, string>;

  /** What a user exports in each shell of the team: the catalog's URL (and the constructor's `env`). */
  get env(): Record<string, string> {
    return { DROPLINE_CATALOG_URL: this.url, ...this.extraEnv };
  }

  override cliWith(options: { cwd?: string; env?: Record<string, string | undefined> }, ...args: string[]): CliResult {
    return super.cliWith({ ...options, env: { ...this.env, ...options.env } }, ...args);
  }

  /** Starts `dropline worker` with DROPLINE_WORKER_ID=`id` (and `env`, e.g. DROPLINE_PAUSE_AT). */
  startWorker(id: string, options: { concurrency?: number; env?: Record<string, string> } = {}): SpawnedWorker {
    const args = options.concurrency === undefined ? [] : ['--concurrency', String(options.concurrency)];
    const worker = new SpawnedWorker(id, this.root, { ...this.env, ...options.env }, args);
    this.workers.push(worker);
    return worker;
  }

  /** Every worker's log, for a failure message. */
  logs(): string {
    return this.workers.map((w) => `--- worker ${w.id} (${w.alive() ? 'alive' : 'exited'}):\n${w.output().slice(-4000)}`).join('\n');
  }

  /** What waitUntil needs to give up early and explain itself: the logs, and a worker that died on its own. */
  get watch(): { context: () => string; unless: () => string | null } {
    return { context: () => this.logs(), unless: () => this.workers.map((w) => w.died()).find((d) => d !== null) ?? null };
  }

  /** `dropline enqueue ...`, which must succeed. */
  enqueue(...args: string[]): void {
    const r = this.cli('enqueue', ...args);
    if (r.code !== 0) throw new Error(`dropline enqueue ${args.join(' ')} failed (exit ${r.code}): ${r.stderr}`);
  }

  /** `dropline jobs --json`, parsed. */
  jobs(): JobJson[] {
    const r = this.cli('jobs', '--json');
    if (r.code !== 0) throw new Error(`dropline jobs --json failed (exit ${r.code}): ${r.stderr}`);
    return JSON.parse(r.stdout) as JobJson[];
  }

  /** A query on the catalog's server. */
  sql<T extends pg.QueryResultRow = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
    return query<T>(this.url, text, params);
  }

  /** `"schema"."table"` of this workspace's catalog. */
  t(table: string): string {
    return `"${this.schema}"."${table}"`;
  }

  manifests(pipeline?: string): Promise<ManifestRow[]> {
    const where = pipeline === undefined ? '' : 'WHERE pipeline = $1';
    return this.sql<ManifestRow>(
      `SELECT pipeline, id, epoch::text AS epoch, holder FROM ${this.t('manifests')} ${where} ORDER BY pipeline, id`,
      pipeline === undefined ? [] : [pipeline],
    );
  }

  runRows(pipeline?: string): Promise<RunRow[]> {
    const where = pipeline === undefined ? '' : 'WHERE pipeline = $1';
    return this.sql<RunRow>(
      `SELECT id::text AS id, pipeline, worker, job_id::text AS job_id, started_at, finished_at, exit, snapshot, error FROM ${this.t('runs')} ${where} ORDER BY runs.id`,
      pipeline === undefined ? [] : [pipeline],
    );
  }

  async pipelineRow(pipeline: string): Promise<PipelineRow | undefined> {
    const rows = await this.sql<PipelineRow>(
      `SELECT pipeline, epoch::text AS epoch, holder, lease_until, head, coalesce(lease_until < now(), true) AS expired FROM ${this.t('pipelines')} WHERE pipeline = $1`,
      [pipeline],
    );
    return rows[0];
  }

  /** Manifests per pipeline: pipeline -> count (pipelines with none are absent). */
  async commitCounts(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const m of await this.manifests()) counts[m.pipeline] = (counts[m.pipeline] ?? 0) + 1;
    return counts;
  }

  async dispose(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.kill()));
    try {
      for (const schema of [this.schema, `${this.schema}_queue`]) await this.sql(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    } finally {
      this.remove();
    }
  }
}
