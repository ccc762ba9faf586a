// The bench's inputs, generated once and cached in bench/data/: drops, and workspaces whose latest.csv
// already holds a table (primed), which the incremental and empty cases start from.
import { existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFastDrop, type FastDropOptions } from './fastDrop.js';
import { measure } from './measure.js';

export const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..', '..');
export const CLI = join(ROOT, 'dist', 'cli', 'main.js');
export const DUCK = join(ROOT, 'build', 'bench', 'duckdbJob.js');
const DATA = join(ROOT, 'bench', 'data');
/** The bench pipeline (the sinks case adds its sink). */
export const DEFINITION = `name: bench
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

/** A fresh workspace with the bench pipeline (the caller removes it). */
export function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dropline-bench-ws-'));
  mkdirSync(join(dir, 'pipelines'));
  writeFileSync(join(dir, 'pipelines', 'bench.yaml'), DEFINITION);
  return dir;
}

/** Runs `make` into a fresh `bench/data/<name>` unless a finished one (marked `done` with `stamp`) is there. */
function cached(name: string, stamp: string, make: (dir: string) => void): string {
  const dir = join(DATA, name);
  const done = join(dir, 'done');
  if (existsSync(done) && readFileSync(done, 'utf8') === stamp) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  make(dir);
  writeFileSync(done, stamp);
  return dir;
}

/** A seed-shaped drop by `dropline generate` (50 files of `rows` rows over a pool of `ids` ids, seed 42): its folder. */
export function generatedDrop(rows: number, ids: number): string {
  const dir = cached(`${rows}x${ids}`, 'generated', (d) => {
    mkdirSync(join(d, 'pipelines'));
    writeFileSync(join(d, 'pipelines', 'bench.yaml'), DEFINITION);
    console.error(`generating ${rows} rows over ${ids} ids with dropline generate in ${d} ...`);
    measure('node', [CLI, 'generate', 'bench', '--rows', String(rows), '--ids', String(ids), '--seed', '42', '--root', d], d);
  });
  return join(dir, 'input', 'processing');
}

/** A seed-shaped drop by the bench's own fast writer (see fastDrop.ts), cached under `name`: its folder. */
export function fastDrop(name: string, options: FastDropOptions): string {
  const dir = cached(name, JSON.stringify({ ...options, ids: options.ids?.toString() }), (d) => {
    console.error(`writing ${options.rows} rows (${name}) in ${d} ...`);
    writeFastDrop(join(d, 'drop'), options);
  });
  return join(dir, 'drop');
}

/** The 10m case's drop: `rows` rows over ids drawn from a pool of `ids` by a fixed hash (50 files, seed 42): its folder. */
export function poolDrop(rows: number, ids: number): string {
  const pool = (r: number): number => (Math.imul(r ^ 0x5bd1e995, 0x9e3779b1) >>> 0) % ids;
  return fastDrop(`pool-${rows}x${ids}`, { rows, ids: pool, files: 50, seed: 42, start: '2021-01-01', end: '2021-03-15' });
}

/**
 * The incremental case's one file of 2 x `half` rows: rows 0..half-1 update every (latestRows/half)-th id of a
 * latest holding ids 0..latestRows-1, the rest are new ids; their dates overlap the latest's, so some updates are
 * older (they lose), some equal (the new row wins the tie) and some newer.
 */
export function incrementalFile(latestRows: number, half: number): string {
  const step = Math.max(1, Math.floor(latestRows / half));
  const ids = (r: number): number => (r < half ? r * step : latestRows + r - half);
  const drop = fastDrop(`incremental-${latestRows}-${half}-shared-ids`, { rows: 2 * half, ids, files: 1, seed: 43, start: '2021-03-01', end: '2021-04-15', prefix: 'new' });
  return join(drop, 'new_000.csv');
}

/** The files of a cached drop, in name order. */
export function filesOf(drop: string): string[] {
  return readdirSync(drop)
    .sort()
    .map((f) => join(drop, f));
}

/** Links the cached drop's files into a workspace's drop (a run moves the links, not the cache); returns the cached files. */
export function dropInto(ws: string, drop: string): string[] {
  const target = join(ws, 'input', 'processing');
  mkdirSync(target, { recursive: true });
  const files = filesOf(drop);
  for (const f of files) linkSync(f, join(target, f.slice(drop.length + 1)));
  return files;
}

/** What identifies the dropline being measured (a hash of dist/, which the same sources rebuild alike): a primed state made by another build is made again. */
function buildStamp(): string {
  const hash = createHash('sha256');
  const dist = join(ROOT, 'dist');
  for (const f of readdirSync(dist, { recursive: true, encoding: 'utf8' }).sort()) {
    const path = join(dist, f);
    if (statSync(path).isFile()) hash.update(f).update(readFileSync(path));
  }
  return hash.digest('hex');
}

/**
 * A workspace whose latest.csv holds `ids` rows, one per id (one run over a fast drop of one row per id, by the
 * dropline being measured), and DuckDB's latest table of the same drop as `duck-latest.csv`; cached.
 */
export function primedState(ids: number): { dir: string; duckLatest: string } {
  const drop = fastDrop(`distinct-${ids}`, { rows: ids, files: 50, seed: 42, start: '2021-01-01', end: '2021-03-15' });
  const dir = cached(`state-${ids}`, buildStamp(), (d) => {
    mkdirSync(join(d, 'pipelines'));
    writeFileSync(join(d, 'pipelines', 'bench.yaml'), DEFINITION);
    dropInto(d, drop);
    console.error(`priming a latest of ${ids} rows in ${d} ...`);
    measure('node', [CLI, 'run', 'bench', '--quiet'], d);
    measure('node', [DUCK, join(d, 'duck-latest.csv'), ...filesOf(drop)], d);
  });
  return { dir, duckLatest: join(dir, 'duck-latest.csv') };
}

/** A fresh workspace holding a copy of a primed state's output and snapshots. */
export function copyState(from: string): string {
  const ws = workspace();
  // `cp -a` keeps modification times to the nanosecond; cpSync's utimes can land a hair before the millisecond the
  // store stamped latest.csv with, and the run would then hash latest.csv again, which no workspace in place does.
  for (const part of ['output', 'snapshots']) execFileSync('cp', ['-a', join(from, part), join(ws, part)]);
  return ws;
}
