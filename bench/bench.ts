// npm run bench -- [--rows 1e6 --ids 2e5] [--cases demo,1m,incremental,empty,10m] [--runs 3]
// Generates seed-shaped drops (cached in bench/data), runs dropline and DuckDB on each in turn, and prints
// median wall time, peak RSS, rows/s and the ratio to DuckDB; writes bench/results/latest.json and chart.svg.
import { cpus, totalmem } from 'node:os';
import { copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chart } from './chart.js';
import { measure, median, type Measurement } from './measure.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..', '..');
const CLI = join(ROOT, 'dist', 'cli', 'main.js');
const DUCK = join(ROOT, 'build', 'bench', 'duckdbJob.js');
const DATA = join(ROOT, 'bench', 'data');
const RESULTS = join(ROOT, 'bench', 'results');
const DEFINITION = `name: bench
source: { type: directory, path: input/processing, archive: input/processed }
schema:
  key: id
  timestamp: timestamp
  columns:
    id: { type: string, required: true }
    description: { type: string, faker: company.buzzPhrase }
    timestamp: { type: date, required: true }
output: { path: output/latest.csv, lineage: source_filename }
`;

function arg(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1]! : fallback;
}
const count = (text: string): number => Math.round(Number(text));

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dropline-bench-ws-'));
  mkdirSync(join(dir, 'pipelines'));
  writeFileSync(join(dir, 'pipelines', 'bench.yaml'), DEFINITION);
  return dir;
}

/** A cached seed-shaped drop: 50 files of `rows` rows over `ids` ids. */
function dataset(rows: number, ids: number, extra: string[] = [], tag = ''): string {
  const dir = join(DATA, `${rows}x${ids}${tag}`);
  const drop = join(dir, 'input', 'processing');
  if (!existsSync(join(dir, 'done'))) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(join(dir, 'pipelines'), { recursive: true });
    writeFileSync(join(dir, 'pipelines', 'bench.yaml'), DEFINITION);
    console.error(`generating ${rows} rows over ${ids} ids in ${dir} ...`);
    measure('node', [CLI, 'generate', 'bench', '--rows', String(rows), '--ids', String(ids), '--seed', '42', ...extra, '--root', dir], dir);
    writeFileSync(join(dir, 'done'), '');
  }
  return drop;
}

/** Links the cached drop into a workspace; returns the cached files (which a run does not move) for DuckDB. */
function dropInto(ws: string, drop: string): string[] {
  const target = join(ws, 'input', 'processing');
  mkdirSync(target, { recursive: true });
  const files = readdirSync(drop)
    .sort()
    .map((f) => join(drop, f));
  for (const f of files) linkSync(f, join(target, f.slice(drop.length + 1)));
  return files;
}

interface CaseResult {
  name: string;
  rows: number;
  dropline: Measurement;
  duckdb: Measurement | null;
  target: string;
}

function runCase(name: string, runs: number, prepare: () => { ws: string; duckInputs: string[] | null }, rows: number, target: string): CaseResult {
  const ours: Measurement[] = [];
  const theirs: Measurement[] = [];
  for (let i = 0; i < runs; i++) {
    const { ws, duckInputs } = prepare();
    try {
      ours.push(measure('node', [CLI, 'run', 'bench', '--quiet', '--json'], ws));
      if (duckInputs) theirs.push(measure('node', [DUCK, join(ws, 'duck.csv'), ...duckInputs], ws));
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  }
  const pick = (ms: Measurement[]): Measurement => ({ wallSeconds: median(ms.map((m) => m.wallSeconds)), peakRssMb: Math.max(...ms.map((m) => m.peakRssMb)) });
  return { name, rows, dropline: pick(ours), duckdb: theirs.length ? pick(theirs) : null, target };
}

/** A workspace whose latest.csv already holds `ids` rows (one run over a drop with one row per id), cached. */
function primedState(ids: number): string {
  const dir = join(DATA, `state-${ids}`);
  if (!existsSync(join(dir, 'done'))) {
    rmSync(dir, { recursive: true, force: true });
    const drop = dataset(ids, ids);
    cpSync(join(drop, '..', '..', 'pipelines'), join(dir, 'pipelines'), { recursive: true });
    dropInto(dir, drop);
    measure('node', [CLI, 'run', 'bench', '--quiet'], dir);
    measure('node', [DUCK, join(dir, 'duck-latest.csv'), ...readdirSync(drop).map((f) => join(drop, f))], dir);
    writeFileSync(join(dir, 'done'), '');
  }
  return dir;
}

function copyState(from: string): string {
  const ws = workspace();
  for (const part of ['output', 'snapshots']) cpSync(join(from, part), join(ws, part), { recursive: true, preserveTimestamps: true });
  return ws;
}

const runs = count(arg('runs', '3'));
const customRows = process.argv.includes('--rows') ? count(arg('rows', '0')) : 0;
const cases = customRows ? ['custom'] : arg('cases', 'demo,1m,incremental,empty').split(',');
const results: CaseResult[] = [];
for (const c of cases) {
  const shape = { demo: [1e5, 100], '1m': [1e6, 2e5], '10m': [1e7, 2e6], custom: [customRows, count(arg('ids', String(Math.max(1, customRows / 5))))] }[c];
  if (shape) {
    const [rows, ids] = shape as [number, number];
    const drop = dataset(rows, ids);
    const target = c === 'demo' ? 'whole run < 0.5 s' : 'wall <= DuckDB; peak RSS < 1 GB at 10M';
    results.push(
      runCase(
        `${c} (${rows} rows / ${ids} ids)`,
        runs,
        () => {
          const ws = workspace();
          return { ws, duckInputs: dropInto(ws, drop) };
        },
        rows,
        target,
      ),
    );
  } else if (c === 'incremental') {
    const state = primedState(2e6);
    const newDrop = dataset(2e5, 2e6, ['--files', '1', '--start', '2022-02-16', '--end', '2022-03-15'], '-new');
    const file = join(newDrop, readdirSync(newDrop)[0]!);
    results.push(
      runCase(
        'incremental (200k rows into 1.26M latest)',
        runs,
        () => {
          const ws = copyState(state);
          mkdirSync(join(ws, 'input', 'processing'), { recursive: true });
          copyFileSync(file, join(ws, 'input', 'processing', 'data_new.csv'));
          return { ws, duckInputs: [join(state, 'duck-latest.csv'), file] };
        },
        2e5,
        'wall <= DuckDB',
      ),
    );
  } else if (c === 'empty') {
    const state = primedState(2e6);
    results.push(runCase('empty drop, latest of 1.26M rows', runs, () => ({ ws: copyState(state), duckInputs: null }), 0, 'whole run < 0.3 s'));
  } else throw new Error(`unknown case ${c}`);
}

const machine = { cpus: cpus().length, cpu: cpus()[0]?.model ?? '?', memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, date: new Date().toISOString() };
console.log(`dropline bench: ${machine.cpus} cores (${machine.cpu}), ${machine.memoryGb} GiB, Node ${machine.node}; median of ${runs} runs`);
console.log('case | dropline wall | peak RSS | rows/s | DuckDB wall | DuckDB RSS | ratio | target');
for (const r of results) {
  const ratio = r.duckdb ? (r.dropline.wallSeconds / r.duckdb.wallSeconds).toFixed(2) : '-';
  const rate = r.rows ? Math.round(r.rows / r.dropline.wallSeconds).toLocaleString('en') : '-';
  console.log(
    `${r.name} | ${r.dropline.wallSeconds.toFixed(2)} s | ${r.dropline.peakRssMb.toFixed(0)} MB | ${rate} | ${r.duckdb ? r.duckdb.wallSeconds.toFixed(2) + ' s' : '-'} | ${r.duckdb ? r.duckdb.peakRssMb.toFixed(0) + ' MB' : '-'} | ${ratio} | ${r.target}`,
  );
}
mkdirSync(RESULTS, { recursive: true });
// The default cases write latest.json and chart.svg; other selections get their own names beside them.
const stem = process.argv.includes('--cases') || customRows ? cases.join('-') : 'latest';
writeFileSync(join(RESULTS, `${stem}.json`), JSON.stringify({ machine, runs, results }, null, 2) + '\n');
writeFileSync(
  join(RESULTS, stem === 'latest' ? 'chart.svg' : `${stem}.svg`),
  chart(
    results.map((r) => ({ label: r.name, dropline: r.dropline.wallSeconds, duckdb: r.duckdb?.wallSeconds ?? null })),
    `dropline vs DuckDB, median wall seconds (${machine.cpus} cores, ${machine.node})`,
  ),
);
console.log(`results: ${join(RESULTS, `${stem}.json`)}`);
