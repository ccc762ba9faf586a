// npm run bench -- [--cases demo,1m,10m,incremental,empty,20m,history,sinks,workers] [--runs 3] [--scale 0.01] [--rows 1e6 --ids 2e5]
//   [--engine auto|reference] (passed to dropline run; the table's engine column says which one ran)
// The cases and targets of issue 13 (bench/benchCases.ts): each case runs dropline and DuckDB alternately, each
// in its own process under /usr/bin/time, `runs` times; the table shows median wall time, peak RSS, rows/s, the
// ratio to DuckDB, the target and whether it is met. Inputs are generated once and cached in bench/data/.
// --scale shrinks every case (a quick check that all of them run; targets hold at scale 1 only); --rows runs
// one custom size. Writes bench/results/latest.json and chart.svg (other selections: files named after them;
// scaled runs write nothing).
import { cpus, totalmem } from 'node:os';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchCases, type BenchCase } from './benchCases.js';
import { CLI, DUCK, ROOT } from './benchData.js';
import { chart } from './chart.js';
import { measure, median, settle, type Measurement } from './measure.js';
import { historyRows } from './historyBench.js';
import { sinkRows } from './sinkCases.js';
import { workerRows } from './workerBench.js';

const RESULTS = join(ROOT, 'bench', 'results');
const ALL = ['demo', '1m', '10m', 'incremental', 'empty', '20m', 'history', 'sinks', 'workers'];

function arg(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1]! : fallback;
}
const count = (text: string): number => Math.round(Number(text));

interface CaseResult {
  name: string;
  /** summary.engine of dropline's runs (`bytes`, `reference`), or `-`. */
  engine: string;
  rows: number;
  dropline: Measurement;
  duckdb: Measurement | null;
  target: string;
  met: boolean | null;
  /** The case failed to run (its times are NaN). */
  failed?: boolean;
}

/**
 * Runs the case `runs` times, dropline then DuckDB in each repetition; medians of wall time, the largest peak RSS.
 * Each measured command starts with nothing left to write back (settle): the workspace copied for the repetition
 * and the other tool's output would otherwise be flushed to disk during the next measurement. The first also waits
 * until the drop's files are as old as a client's drop is when a run reads it (see settle).
 */
function runCase(c: BenchCase, runs: number): CaseResult {
  const ours: Measurement[] = [];
  const theirs: Measurement[] = [];
  const engines = new Set<string>();
  for (let i = 0; i < runs; i++) {
    const { ws, duck } = c.prepare();
    const prepared = Date.now();
    try {
      settle(prepared);
      const { stdout, ...m } = measure('node', [CLI, 'run', 'bench', '--quiet', '--json', ...engineFlag], ws);
      ours.push(m);
      engines.add((JSON.parse(stdout) as { engine?: string }).engine ?? '?');
      settle();
      if (duck) theirs.push(measure('node', [DUCK, ...(duck.latest ? ['--latest', duck.latest] : []), join(ws, 'duck.csv'), ...duck.inputs], ws));
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  }
  const pick = (ms: Measurement[]): Measurement => ({ wallSeconds: median(ms.map((m) => m.wallSeconds)), peakRssMb: Math.max(...ms.map((m) => m.peakRssMb)) });
  const dropline = pick(ours);
  const duckdb = theirs.length ? pick(theirs) : null;
  return { name: c.label, engine: [...engines].join('+'), rows: c.rows, dropline, duckdb, target: c.target, met: c.met(dropline, duckdb) };
}

const runs = count(arg('runs', '3'));
const engineFlag = process.argv.includes('--engine') ? ['--engine', arg('engine', 'auto')] : [];
const scale = Number(arg('scale', '1'));
const customRows = process.argv.includes('--rows') ? count(arg('rows', '0')) : 0;
const custom = customRows ? { rows: customRows, ids: count(arg('ids', String(Math.max(1, customRows / 5)))) } : undefined;
const selected = custom ? ['custom'] : arg('cases', ALL.join(',')).split(',');
const cases = benchCases(scale, custom);
const results: CaseResult[] = [];
for (const id of selected) {
  const c = cases.get(id);
  if (c) {
    console.error(`running ${c.label} (${runs}x) ...`);
    try {
      results.push(runCase(c, runs));
    } catch (err) {
      // A case that fails (the 20M-id case out of memory...) is a missed target in the table, not the end of the bench.
      console.error(`${c.label}: failed: ${err instanceof Error ? err.message : String(err)}`);
      results.push({ name: c.label, engine: '-', rows: c.rows, dropline: { wallSeconds: NaN, peakRssMb: NaN }, duckdb: null, target: c.target, met: false, failed: true });
    }
  } else if (id === 'history') {
    console.error('running history: 20 weekly runs into a latest of 2M rows (once) ...');
    for (const r of await historyRows(Math.max(2, Math.round(2e6 * scale)), 20, Math.max(2, Math.round(1e5 * scale))))
      results.push({ name: r.label, engine: '-', rows: r.rows, dropline: r.measured, duckdb: null, target: r.target, met: r.met });
  } else if (id === 'sinks') {
    const rows = await sinkRows(runs, Math.max(1, Math.round(2e6 * scale)), Math.max(1, Math.round(1e5 * scale)));
    if (rows === null) console.error('sinks: skipped: build/bench/sinkBench.js is missing (bench/sinkBench.ts, from the sinks work of issue 13)');
    for (const r of rows ?? [])
      results.push({ name: r.label, engine: '-', rows: r.rows, dropline: { wallSeconds: r.seconds, peakRssMb: NaN }, duckdb: null, target: r.target, met: r.met });
  } else if (id === 'workers') {
    // Team mode (issue 15): pipelines a minute with 1, 2 and 3 `dropline worker` processes on one PostgreSQL.
    console.error('running workers: 24 pipelines (5 files x 1000 rows) by 1, 2, 3 workers ...');
    const pipelines = Math.max(1, Math.round(24 * Math.min(1, scale * 10)));
    try {
      for (const r of await workerRows(pipelines, 5, 1000, [1, 2, 3]))
        results.push({
          name: `${r.label}: ${r.perMinute.toFixed(1)} pipelines/min`,
          engine: '-',
          rows: r.rows,
          dropline: { wallSeconds: r.seconds, peakRssMb: NaN },
          duckdb: null,
          target: 'reported',
          met: null,
        });
    } catch (err) {
      console.error(`workers: skipped: ${err instanceof Error ? err.message : String(err)}`);
    }
  } else throw new Error(`unknown case ${id} (cases: ${ALL.join(', ')}; --rows for a custom size)`);
}

const machine = { cpus: cpus().length, cpu: cpus()[0]?.model ?? '?', memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, date: new Date().toISOString() };
const scaled = scale === 1 ? '' : `; every size scaled by ${scale}: the targets are for scale 1`;
console.log(`dropline bench: ${machine.cpus} cores (${machine.cpu}), ${machine.memoryGb} GiB, Node ${machine.node}; median of ${runs} runs${scaled}`);
console.log('| case | engine | dropline | peak RSS | rows/s | DuckDB | DuckDB RSS | ratio | target | met |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
const mb = (m: Measurement): string => (Number.isNaN(m.peakRssMb) ? '-' : `${m.peakRssMb.toFixed(0)} MB`);
for (const r of results) {
  const ratio = r.duckdb ? (r.dropline.wallSeconds / r.duckdb.wallSeconds).toFixed(2) : '-';
  const rate = r.rows ? Math.round(r.rows / r.dropline.wallSeconds).toLocaleString('en') : '-';
  const duck = r.duckdb ? [`${r.duckdb.wallSeconds.toFixed(2)} s`, mb(r.duckdb)] : ['-', '-'];
  const met = r.met === null ? '-' : r.met ? 'met' : 'missed';
  const wall = r.failed ? 'failed' : Number.isNaN(r.dropline.wallSeconds) ? '-' : `${r.dropline.wallSeconds.toFixed(2)} s`;
  console.log(`| ${r.name} | ${r.engine} | ${wall} | ${mb(r.dropline)} | ${rate} | ${duck.join(' | ')} | ${ratio} | ${r.target} | ${met} |`);
}
if (scale !== 1) process.exit(0); // a scaled check: nothing to keep
mkdirSync(RESULTS, { recursive: true });
// All cases write latest.json and chart.svg; other selections get their own names beside them.
const stem = process.argv.includes('--cases') || custom ? selected.join('-') : 'latest';
writeFileSync(join(RESULTS, `${stem}.json`), JSON.stringify({ machine, runs, results }, null, 2) + '\n');
writeFileSync(
  join(RESULTS, stem === 'latest' ? 'chart.svg' : `${stem}.svg`),
  chart(
    results.map((r) => ({ label: r.name, dropline: r.dropline.wallSeconds, duckdb: r.duckdb?.wallSeconds ?? null })),
    `dropline vs DuckDB, median wall seconds (${machine.cpus} cores, ${machine.node})`,
  ),
);
console.log(`results: ${join(RESULTS, `${stem}.json`)}`);
