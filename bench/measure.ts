import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Measurement {
  wallSeconds: number;
  peakRssMb: number;
}

/** Runs a command under /usr/bin/time: wall time and peak resident memory of the whole process, and what it printed. */
export function measure(command: string, args: string[], cwd: string): Measurement & { stdout: string } {
  const dir = mkdtempSync(join(tmpdir(), 'dropline-bench-'));
  const out = join(dir, 'time.txt');
  try {
    const r = spawnSync('/usr/bin/time', ['-f', '%e %M', '-o', out, command, ...args], { cwd, encoding: 'utf8' });
    if (r.status !== 0 && r.status !== 3) throw new Error(`${command} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
    const [wall, rss] = readFileSync(out, 'utf8').trim().split(/\s+/).slice(-2).map(Number);
    return { wallSeconds: wall!, peakRssMb: rss! / 1024, stdout: r.stdout };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Writes every dirty page to disk (sync(1)), so that the next measurement does not pay for earlier writes. */
export function settle(): void {
  spawnSync('sync');
}
