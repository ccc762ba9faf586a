// npm run bench:scaling -- [--rows 1e7] [--ids 2e6] [--runs 3] [--changed 1e5] [--drop pool|generated] [--explain]
// The measured costs of docs/scaling.md's plan: a drop staged in PostgreSQL by COPY (one worker, then two at once),
// merged by the set-based rule (DISTINCT ON into latest, then a later drop of `changed` rows upserted with
// ON CONFLICT ... WHERE) and exported to CSV, against `dropline run` (the file engine) on the same drops. The
// drops are the bench's (bench/benchData.ts: the 10m case's pool drop, the incremental case's file). PostgreSQL is
// $DATABASE_URL, else a throwaway server as the tests start one (test/helpers/postgres.ts). Each repetition runs
// both sides, in alternating order, so both suffer the same load; the first one compares the exported CSV with
// dropline's latest.csv. Prints a table of medians; writes bench/results/scaling-<rows>[-generated].json.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { basename, join } from 'node:path';
import { startPostgres } from '../test/helpers/postgres.js';
import { CLI, dropInto, filesOf, generatedDrop, incrementalFile, poolDrop, ROOT, workspace } from './benchData.js';
import { measure, median, type Measurement } from './measure.js';
import { postgresRound, type PostgresRound } from './scalingPostgres.js';

function arg(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1]! : fallback;
}
const count = (text: string): number => Math.round(Number(text));

interface DroplineRound {
  first: Measurement;
  incremental: Measurement & { inserted: number; updated: number };
}

interface Comparison {
  lines: [number, number];
  differing: number;
  examples: { line: number; dropline: string; postgres: string }[];
}

/** Line by line: dropline's latest.csv against PostgreSQL's export. */
function compare(dropline: string, postgres: string): Comparison {
  const a = readFileSync(dropline, 'latin1').split('\n');
  const b = readFileSync(postgres, 'latin1').split('\n');
  const examples: Comparison['examples'] = [];
  let differing = 0;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    differing++;
    if (examples.length < 3) examples.push({ line: i + 1, dropline: a[i] ?? '(none)', postgres: b[i] ?? '(none)' });
  }
  return { lines: [a.length - 1, b.length - 1], differing, examples };
}

/** `dropline run` over the drop in a fresh workspace, then over the incremental file; latest.csv after each kept as `keep`. */
function droplineRound(drop: string, incremental: string, keep: [string, string]): DroplineRound {
  const ws = workspace();
  try {
    dropInto(ws, drop);
    const run = (): Measurement & { summary: { latest: { inserted: number; updated: number } } } => {
      const { stdout, ...m } = measure('node', [CLI, 'run', 'bench', '--quiet', '--json'], ws);
      return { ...m, summary: JSON.parse(stdout) as { latest: { inserted: number; updated: number } } };
    };
    const { summary: _first, ...first } = run();
    copyFileSync(join(ws, 'output', 'latest.csv'), keep[0]);
    copyFileSync(incremental, join(ws, 'input', 'processing', basename(incremental)));
    const { summary, ...second } = run();
    copyFileSync(join(ws, 'output', 'latest.csv'), keep[1]);
    return { first, incremental: { ...second, inserted: summary.latest.inserted, updated: summary.latest.updated } };
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
}

const rows = count(arg('rows', '1e7'));
const ids = count(arg('ids', String(Math.max(1, rows / 5))));
const runs = count(arg('runs', '3'));
const changed = count(arg('changed', '1e5'));
// The 10m case's drop (the bench's fast writer), or with --drop generated the 1m case's (`dropline generate`, at most
// 5M rows: fewer distinct ids per file than the pool drop, so keys repeat inside a file and the line order counts).
const generated = arg('drop', 'pool') === 'generated';
const drop = generated ? generatedDrop(rows, ids) : poolDrop(rows, ids);
const files = filesOf(drop);
const incremental = incrementalFile(ids, Math.max(1, Math.round(changed / 2)));
const tmp = mkdtempSync(join(tmpdir(), 'dropline-scaling-'));
const server = await startPostgres();
const load = [loadavg()[0]!];
const ours: DroplineRound[] = [];
const theirs: PostgresRound[] = [];
const comparisons: Record<string, Comparison> = {};
try {
  for (let rep = 0; rep < runs; rep++) {
    const keep = (side: string): [string, string] => [join(tmp, `${side}-first.csv`), join(tmp, `${side}-incremental.csv`)];
    const sides = [
      () => ours.push(droplineRound(drop, incremental, keep('dropline'))),
      async () => theirs.push(await postgresRound(server.url, files, incremental, keep('postgres'), process.argv.includes('--explain'))),
    ];
    console.error(`repetition ${rep + 1} of ${runs} (${rep % 2 ? 'PostgreSQL first' : 'dropline first'}) ...`);
    for (const side of rep % 2 ? sides.reverse() : sides) await side();
    load.push(loadavg()[0]!);
    if (rep === 0) for (const when of [0, 1]) comparisons[when ? 'incremental' : 'first'] = compare(keep('dropline')[when]!, keep('postgres')[when]!);
  }
} finally {
  server.stop();
  rmSync(tmp, { recursive: true, force: true });
}

const n = (x: number): string => x.toLocaleString('en');
const s = (values: number[]): string => `${median(values).toFixed(2)} s (${Math.min(...values).toFixed(2)}-${Math.max(...values).toFixed(2)})`;
const pg = (pick: (r: PostgresRound) => number): number[] => theirs.map(pick);
const t = (r: PostgresRound) => r.seconds;
const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const table: [string, string, string][] = [
  [
    `dropline run, ${n(rows)} rows / ${n(ids)} ids (file engine, whole run)`,
    s(ours.map((r) => r.first.wallSeconds)),
    `${Math.max(...ours.map((r) => r.first.peakRssMb)).toFixed(0)} MB peak RSS`,
  ],
  ['PostgreSQL: COPY into staging, 1 worker', s(pg((r) => t(r).copy1)), `${mb(theirs[0]!.stagingBytes)} staged`],
  ['PostgreSQL: COPY into staging, 2 workers at once', s(pg((r) => t(r).copy2)), `${n(theirs[0]!.stagedRows)} rows`],
  ['PostgreSQL: DISTINCT ON into latest (first run)', s(pg((r) => t(r).firstMerge)), `${n(theirs[0]!.latestRows)} rows`],
  ['PostgreSQL: primary key on latest', s(pg((r) => t(r).latestKey)), `${mb(theirs[0]!.latestBytes)} latest with its index`],
  ['PostgreSQL: export latest to CSV, sorted by key', s(pg((r) => t(r).export)), ''],
  ['PostgreSQL: first run, total (2 workers + merge + key + export)', s(pg((r) => t(r).copy2 + t(r).firstMerge + t(r).latestKey + t(r).export)), ''],
  [
    `dropline run, ${n(theirs[0]!.incremental.rows)} rows into that latest`,
    s(ours.map((r) => r.incremental.wallSeconds)),
    `${Math.max(...ours.map((r) => r.incremental.peakRssMb)).toFixed(0)} MB peak RSS; ${n(ours[0]!.incremental.inserted)} inserted, ${n(ours[0]!.incremental.updated)} updated`,
  ],
  ['PostgreSQL: COPY of that drop, 1 worker', s(pg((r) => t(r).copyIncremental)), ''],
  [
    'PostgreSQL: INSERT ... ON CONFLICT ... WHERE into latest',
    s(pg((r) => t(r).incrementalMerge)),
    `${n(theirs[0]!.incremental.inserted)} inserted, ${n(theirs[0]!.incremental.updated)} updated (RETURNING)`,
  ],
  ['PostgreSQL: export latest to CSV again', s(pg((r) => t(r).exportIncremental)), ''],
  ['PostgreSQL: later run, total (COPY + upsert + export)', s(pg((r) => t(r).copyIncremental + t(r).incrementalMerge + t(r).exportIncremental)), ''],
];
const machine = { cpus: cpus().length, cpu: cpus()[0]?.model ?? '?', memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, date: new Date().toISOString() };
console.log(
  `scaling plan: ${machine.cpus} cores, ${machine.memoryGb} GiB, Node ${machine.node}; median (min-max) of ${runs}; load average ${load.map((l) => l.toFixed(1)).join(', ')}`,
);
console.log('| step | time | notes |\n| --- | --- | --- |');
for (const [step, time, notes] of table) console.log(`| ${step} | ${time} | ${notes} |`);
for (const [when, c] of Object.entries(comparisons)) {
  const same = c.differing === 0 ? 'identical' : `${n(c.differing)} lines differ`;
  console.log(`latest.csv after the ${when} run: dropline ${n(c.lines[0])} lines, PostgreSQL ${n(c.lines[1])} lines: ${same}`);
  for (const e of c.examples) console.log(`  line ${e.line}: dropline ${JSON.stringify(e.dropline)}, PostgreSQL ${JSON.stringify(e.postgres)}`);
}
mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
const out = join(ROOT, 'bench', 'results', `scaling-${rows}${generated ? '-generated' : ''}.json`);
writeFileSync(out, JSON.stringify({ machine, runs, rows, ids, load, table, comparisons, dropline: ours, postgres: theirs }, null, 2) + '\n');
console.log(`results: ${out}`);
