// The cases of `npm run bench`, as issue 13's table of targets names them. `scale` shrinks every size
// (for a quick check that each case runs end to end); the targets are for scale 1.
import { copyFileSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { copyState, dropInto, fastDrop, generatedDrop, incrementalFile, poolDrop, primedState, workspace } from './benchData.js';
import type { Measurement } from './measure.js';

/** One repetition's workspace, and what DuckDB reads for the same job (null: no DuckDB counterpart). */
export interface Prepared {
  ws: string;
  duck: { inputs: string[]; latest?: string } | null;
}

export interface BenchCase {
  id: string;
  label: string;
  /** Rows the run reads, for rows/s. */
  rows: number;
  target: string;
  /** Whether the target is met (null: nothing to judge). */
  met(dropline: Measurement, duckdb: Measurement | null): boolean | null;
  prepare(): Prepared;
}

const n = (x: number): string => x.toLocaleString('en');
const ratio = (d: Measurement, k: Measurement | null): number => (k ? d.wallSeconds / k.wallSeconds : Infinity);

/** A full run over a drop (every repetition in a fresh workspace), against DuckDB over the same files. */
function fullRun(id: string, rows: number, ids: number, target: string, met: BenchCase['met'], drop: () => string): BenchCase {
  return {
    id,
    label: `${id}: ${n(rows)} rows / ${n(ids)} ids`,
    rows,
    target,
    met,
    prepare: () => {
      const ws = workspace();
      return { ws, duck: { inputs: dropInto(ws, drop()) } };
    },
  };
}

/** The cases by id; `custom` only when rows are given. */
export function benchCases(scale: number, custom?: { rows: number; ids: number }): Map<string, BenchCase> {
  const s = (x: number): number => Math.max(1, Math.round(x * scale));
  const atMostDuckDb: BenchCase['met'] = (d, k) => ratio(d, k) <= 1;
  const cases: BenchCase[] = [
    fullRun(
      'demo',
      s(1e5),
      100,
      'whole process < 0.3 s',
      (d) => d.wallSeconds < 0.3,
      () => generatedDrop(s(1e5), 100),
    ),
    fullRun('1m', s(1e6), s(2e5), 'ratio <= 1.0', atMostDuckDb, () => generatedDrop(s(1e6), s(2e5))),
    fullRun(
      '10m',
      s(1e7),
      s(2e6),
      'ratio <= 1.0; peak RSS < 1 GB',
      (d, k) => ratio(d, k) <= 1 && d.peakRssMb < 1024,
      // dropline generate makes at most 5M rows at once: the bench's fast writer (benchData.ts's poolDrop).
      () => poolDrop(s(1e7), s(2e6)),
    ),
  ];
  const latestRows = s(2e6);
  const half = s(5e4);
  cases.push({
    id: 'incremental',
    label: `incremental: ${n(2 * half)} rows (half updates, half new ids) into a latest of ${n(latestRows)} rows`,
    rows: 2 * half,
    target: 'ratio <= 1.0 (DuckDB: latest + new file, same tie rule)',
    met: atMostDuckDb,
    prepare: () => {
      const state = primedState(latestRows);
      const file = incrementalFile(latestRows, half);
      const ws = copyState(state.dir);
      mkdirSync(join(ws, 'input', 'processing'), { recursive: true });
      copyFileSync(file, join(ws, 'input', 'processing', basename(file)));
      return { ws, duck: { inputs: [file], latest: state.duckLatest } };
    },
  });
  cases.push({
    id: 'empty',
    label: `empty drop, latest of ${n(latestRows)} rows`,
    rows: 0,
    target: 'whole process < 0.2 s',
    met: (d) => d.wallSeconds < 0.2,
    prepare: () => ({ ws: copyState(primedState(latestRows).dir), duck: null }),
  });
  const distinct = s(2e7);
  cases.push(
    fullRun(
      '20m',
      distinct,
      distinct,
      'runs; peak RSS reported',
      () => true,
      () => fastDrop(`distinct-${distinct}`, { rows: distinct, files: 50, seed: 42, start: '2021-01-01', end: '2021-03-15' }),
    ),
  );
  if (custom) cases.push(fullRun('custom', custom.rows, custom.ids, 'ratio <= 1.0', atMostDuckDb, () => generatedDrop(custom.rows, custom.ids)));
  return new Map(cases.map((c) => [c.id, c]));
}
