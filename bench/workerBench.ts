// node build/bench/workerBench.js [--pipelines 24] [--files 5] [--rows 1000] [--workers 1,2,3]
// Team-mode throughput (issue 15): `pipelines` pipelines, each with a drop of `files` files of `rows` rows, queued with
// `enqueue --all` and run by 1, 2, 3... `dropline worker` processes (concurrency 1 each) against one PostgreSQL
// ($DATABASE_URL, else a throwaway server from test/helpers/postgres.ts). The clock runs from the enqueue to the last
// run recorded in the catalog's runs table (workers are started and registered before it), so it measures the queue
// and the runs, not process start-up. Prints pipelines per minute per worker count.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { query, startPostgres, uniqueSchema } from '../test/helpers/postgres.js';
import { until, WorkerProcess } from '../test/helpers/workerProcess.js';
import { CLI } from './benchData.js';

export interface WorkerRow {
  label: string;
  workers: number;
  pipelines: number;
  rows: number;
  seconds: number;
  perMinute: number;
}

function definition(name: string): string {
  return `name: ${name}
source: { type: directory, path: input/${name}, archive: input/${name}-processed }
schema:
  key: id
  timestamp: ts
  columns: { id: string, amount: integer, ts: date }
output: { path: output/${name}/latest.csv }
`;
}

function workspace(pipelines: number, files: number, rows: number, schema: string): string {
  const root = join(tmpdir(), `dropline-workerbench-${process.pid}-${Date.now()}`);
  mkdirSync(join(root, 'pipelines'), { recursive: true });
  writeFileSync(join(root, 'dropline.yaml'), `catalog:\n  type: postgres\n  schema: ${schema}\n`);
  for (let p = 0; p < pipelines; p++) {
    const name = `p${String(p).padStart(2, '0')}`;
    writeFileSync(join(root, 'pipelines', `${name}.yaml`), definition(name));
    mkdirSync(join(root, 'input', name), { recursive: true });
    for (let f = 0; f < files; f++) {
      const lines = ['id,amount,ts'];
      for (let r = 0; r < rows; r++) lines.push(`k${(r * 7919 + f * 13) % rows},${r + f},2024-01-${String((f % 28) + 1).padStart(2, '0')}`);
      writeFileSync(join(root, 'input', name, `drop-${f}.csv`), lines.join('\n') + '\n');
    }
  }
  return root;
}

/** One measurement per worker count; each on a fresh workspace and schema. */
export async function workerRows(pipelines: number, files: number, rows: number, counts: number[]): Promise<WorkerRow[]> {
  const server = await startPostgres();
  const results: WorkerRow[] = [];
  try {
    for (const n of counts) {
      const schema = uniqueSchema();
      const root = workspace(pipelines, files, rows, schema);
      const env = { DROPLINE_CATALOG_URL: server.url, DROPLINE_WORKER_POLL: '0.5' };
      const workers: WorkerProcess[] = [];
      try {
        for (let i = 0; i < n; i++) workers.push(new WorkerProcess(root, env));
        const log = () => workers.map((w) => w.log).join('\n');
        await until(
          `${n} workers registered`,
          120,
          async () => {
            const r = await query<{ n: string }>(server.url, `SELECT count(*)::text AS n FROM ${schema}.workers`).catch(() => [{ n: '0' }]);
            return Number(r[0]!.n) === n ? true : undefined;
          },
          log,
        );
        const started = Date.now();
        const enqueue = spawnSync(process.execPath, [CLI, '--root', root, 'enqueue', '--all', '--json'], { env: { ...process.env, ...env }, encoding: 'utf8' });
        if (enqueue.status !== 0) throw new Error(`enqueue failed: ${enqueue.stderr}`);
        await until(
          `${pipelines} runs`,
          1800,
          async () => {
            const r = await query<{ done: string; bad: string }>(
              server.url,
              `SELECT count(*) FILTER (WHERE exit = 0)::text AS done, count(*) FILTER (WHERE exit <> 0 OR error IS NOT NULL)::text AS bad FROM ${schema}.runs WHERE finished_at IS NOT NULL`,
            );
            if (Number(r[0]!.bad) > 0) throw new Error(`a run failed:\n${log()}`);
            return Number(r[0]!.done) >= pipelines ? true : undefined;
          },
          log,
        );
        const seconds = (Date.now() - started) / 1000;
        results.push({
          label: `${pipelines} pipelines × ${files} files × ${rows} rows, ${n} worker(s)`,
          workers: n,
          pipelines,
          rows: pipelines * files * rows,
          seconds,
          perMinute: (pipelines / seconds) * 60,
        });
      } finally {
        await Promise.all(workers.map((w) => w.stop('SIGTERM')));
        rmSync(root, { recursive: true, force: true });
        await query(server.url, `DROP SCHEMA IF EXISTS ${schema} CASCADE; DROP SCHEMA IF EXISTS ${schema}_queue CASCADE`);
      }
    }
  } finally {
    server.stop();
  }
  return results;
}

function arg(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1]! : fallback;
}

if (process.argv[1]?.endsWith('workerBench.js')) {
  const rows = await workerRows(Number(arg('pipelines', '24')), Number(arg('files', '5')), Number(arg('rows', '1000')), arg('workers', '1,2,3').split(',').map(Number));
  console.log('| case | wall | pipelines/min |');
  console.log('| --- | --- | --- |');
  for (const r of rows) console.log(`| ${r.label} | ${r.seconds.toFixed(1)} s | ${r.perMinute.toFixed(1)} |`);
}
