import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SETTLED_MS } from '../src/util/FileIdentity.js';

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

/**
 * Writes every dirty page to disk (sync(1)), so that the next measurement does not pay for earlier writes; with
 * `filesSince` (when the drop's files were linked or copied in), also waits until they are SETTLED_MS old. A client's
 * drop arrives before the run that reads it, and a run hashes a file again before archiving it only when it was
 * changed less than SETTLED_MS before the run read it (docs/definitions.md); linking a file changes its ctime.
 */
export function settle(filesSince?: number): void {
  spawnSync('sync');
  if (filesSince === undefined) return;
  const wait = filesSince + SETTLED_MS + 100 - Date.now();
  if (wait > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, wait);
}
