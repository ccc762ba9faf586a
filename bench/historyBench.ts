// The history case of `npm run bench` (issue 14's targets): `runs` weekly runs of `rows` rows (half updates of
// existing ids, half new ids) into a latest of `latest` rows, in one workspace. Measures the snapshot folder against
// what full gzipped copies of every latest.csv take (the first format kept one `objects/<sha>.csv.gz` per distinct
// latest.csv, gzip level 1), the wall time of run 2 and of the last run, `diff` of the last two snapshots,
// `explain` and `history` of one key, and `reset --to` the first, middle and last run's snapshot, each checked
// byte for byte against the latest.csv that run wrote.
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CLI, copyState, dropInto, fastDrop, primedState } from './benchData.js';
import { benchId } from './fastDrop.js';
import { measure, type Measurement } from './measure.js';
import { folderBytes } from '../src/snapshots/listDir.js';

export interface HistoryRow {
  label: string;
  rows: number;
  measured: Measurement;
  target: string;
  met: boolean | null;
}

const sha = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const day = (d: number): string => new Date(Date.UTC(2021, 3, 1) + d * 86_400_000).toISOString().slice(0, 10);

/** Runs the case once; returns its rows of the bench table. */
export async function historyRows(latest: number, runs: number, rows: number): Promise<HistoryRow[]> {
  const ws = copyState(primedState(latest).dir);
  try {
    const cli = (...args: string[]): Measurement & { stdout: string } => measure('node', [CLI, ...args, '--root', ws], ws);
    let fullCopies = gzipSync(readFileSync(join(ws, 'output', 'latest.csv')), { level: 1 }).length;
    const times: number[] = [];
    const written: [string, string][] = [];
    const half = Math.floor(rows / 2);
    const step = Math.max(1, Math.floor(latest / half));
    for (let r = 0; r < runs; r++) {
      // Week r updates every step-th id (shifted by r) and adds `half` new ids, with dates after the state's.
      const ids = (i: number): number => (i < half ? (i * step + r) % latest : latest + r * half + (i - half));
      const name = `week-${latest}-${rows}-${r}`;
      dropInto(ws, fastDrop(name, { rows, ids, files: 1, seed: 100 + r, start: day(7 * r), end: day(7 * r + 6), prefix: `week${String(r).padStart(2, '0')}` }));
      const run = cli('run', 'bench', '--quiet', '--json');
      times.push(run.wallSeconds);
      const bytes = readFileSync(join(ws, 'output', 'latest.csv'));
      written.push([(JSON.parse(run.stdout) as { snapshot: string }).snapshot, sha(bytes)]);
      fullCopies += gzipSync(bytes, { level: 1 }).length;
    }
    const ours = await folderBytes(join(ws, 'snapshots', 'bench'), ['manifests', 'changes', 'objects', 'ledgers']);
    const share = ours / fullCopies;
    const out: HistoryRow[] = [];
    const row = (label: string, measured: Measurement, target: string, met: boolean | null): void => void out.push({ label, rows: 0, measured, target, met });
    row(
      `history: snapshots after ${runs} runs: ${mb(ours)}, full copies ${mb(fullCopies)} (${(100 * share).toFixed(1)}%)`,
      { wallSeconds: NaN, peakRssMb: NaN },
      '<= 25% of full copies',
      share <= 0.25,
    );
    const last = times.at(-1)!;
    row(`history: run ${runs} (run 2: ${times[1]!.toFixed(2)} s)`, { wallSeconds: last, peakRssMb: NaN }, 'within 10% of run 2', last <= times[1]! * 1.1);
    const [a, b] = [written.at(-2)![0], written.at(-1)![0]];
    const diff = cli('diff', 'bench', a, b, '--json', '--limit', '10');
    row('history: diff of the last two snapshots', diff, '< 1 s', diff.wallSeconds < 1);
    const key = benchId(42, 7);
    const explain = cli('explain', 'bench', key, '--json');
    row('history: explain one key', explain, '< 0.5 s', explain.wallSeconds < 0.5);
    const history = cli('history', 'bench', key, '--json');
    row('history: history of one key', history, '< 0.5 s', history.wallSeconds < 0.5);
    for (const at of [0, Math.floor(runs / 2), runs - 1]) {
      const [id, expected] = written[at]!;
      const reset = cli('reset', 'bench', '--to', id, '--json');
      const same = sha(readFileSync(join(ws, 'output', 'latest.csv'))) === expected;
      row(
        `history: reset to run ${at + 1}'s snapshot${same ? ', byte-identical' : ', NOT byte-identical'}`,
        reset,
        'byte-identical, about one write of latest.csv',
        same ? null : false,
      );
    }
    return out;
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
}
