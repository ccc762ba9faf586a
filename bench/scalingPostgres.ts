// One repetition of docs/scaling.md's plan on PostgreSQL, timed step by step (bench/scalingPlan.ts runs it).
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { ROOT } from './benchData.js';
import { CREATE_STAGING, EXPORT_LATEST, FIRST_MERGE, INCREMENTAL_MERGE, LATEST_KEY } from './scalingSql.js';

const COPY_WORKER = join(ROOT, 'build', 'bench', 'scalingCopy.js');

/** Seconds each step took, and what the steps reported. */
export interface PostgresRound {
  seconds: Record<'copy1' | 'copy2' | 'firstMerge' | 'latestKey' | 'export' | 'copyIncremental' | 'incrementalMerge' | 'exportIncremental', number>;
  stagedRows: number;
  latestRows: number;
  incremental: { rows: number; inserted: number; updated: number };
  /** Bytes on disk (with indexes): the staged drop, and latest after the first run. */
  stagingBytes: number;
  latestBytes: number;
}

/** Runs `node scalingCopy.js` on these `ordinal:file` inputs: the rows it copied. */
function copyWorker(url: string, inputs: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [COPY_WORKER, url, 'staging', ...inputs], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve((JSON.parse(out) as { rows: number }).rows) : reject(new Error(`scalingCopy.js exited with ${code}`))));
  });
}

/** Seconds `work` took, and its result. */
async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const result = await work();
  return [(performance.now() - start) / 1000, result];
}

/** Every worker's files copied at once (worker w takes files w, w + workers...): the rows staged. */
async function copyAll(url: string, inputs: string[], workers: number): Promise<number> {
  const shares = Array.from({ length: workers }, (_, w) => inputs.filter((_, i) => i % workers === w));
  return (await Promise.all(shares.map((share) => copyWorker(url, share)))).reduce((a, b) => a + b, 0);
}

async function exportLatest(client: pg.Client, path: string): Promise<void> {
  await pipeline(client.query(copyTo(EXPORT_LATEST)), createWriteStream(path));
}

/**
 * The drop's `files` (ordinals 1..n in name order) staged by one worker, then again by two; the first merge and
 * the key's index; latest exported to `exports[0]`; then the `incremental` file (ordinal n + 1, a later run)
 * staged and upserted, and latest exported again to `exports[1]`. `explain` prints the first merge's plan, run again.
 */
export async function postgresRound(url: string, files: string[], incremental: string, exports: [string, string], explain = false): Promise<PostgresRound> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`SET work_mem = '256MB'; SET maintenance_work_mem = '512MB'`);
    await client.query(CREATE_STAGING);
    const all = [...files, incremental];
    await client.query(`INSERT INTO files SELECT * FROM unnest($1::bigint[], $2::text[])`, [all.map((_, i) => i + 1), all.map((f) => basename(f))]);
    const inputs = files.map((f, i) => `${i + 1}:${f}`);
    const [copy1] = await timed(() => copyAll(url, inputs, 1));
    await client.query('TRUNCATE staging');
    const [copy2, stagedRows] = await timed(() => copyAll(url, inputs, 2));
    const stagingBytes = Number((await client.query<{ b: string }>(`SELECT pg_total_relation_size('staging') AS b`)).rows[0]!.b);
    const [firstMerge, merged] = await timed(() => client.query(FIRST_MERGE));
    const [latestKey] = await timed(() => client.query(LATEST_KEY));
    // --explain: the first merge's SELECT once more under EXPLAIN ANALYZE (where its time goes: the sort's method and size).
    if (explain)
      for (const r of (await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${FIRST_MERGE.replace(/^\s*CREATE TABLE latest AS/, '')}`)).rows)
        console.error(r['QUERY PLAN']);
    const latestBytes = Number((await client.query<{ b: string }>(`SELECT pg_total_relation_size('latest') AS b`)).rows[0]!.b);
    const [exported] = await timed(() => exportLatest(client, exports[0]));
    await client.query('TRUNCATE staging');
    const [copyIncremental, rows] = await timed(() => copyAll(url, [`${all.length}:${incremental}`], 1));
    const [incrementalMerge, changed] = await timed(() => client.query<{ inserted: boolean }>(INCREMENTAL_MERGE));
    const [exportIncremental] = await timed(() => exportLatest(client, exports[1]));
    const inserted = changed.rows.filter((r) => r.inserted).length;
    return {
      seconds: { copy1, copy2, firstMerge, latestKey, export: exported, copyIncremental, incrementalMerge, exportIncremental },
      stagedRows,
      latestRows: merged.rowCount ?? 0,
      incremental: { rows, inserted, updated: changed.rows.length - inserted },
      stagingBytes,
      latestBytes,
    };
  } finally {
    await client.end();
  }
}
