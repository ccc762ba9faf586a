import { execFileSync } from 'node:child_process';
import type { BigIntStats } from 'node:fs';

/**
 * Sets a file's mtime back to `stat`'s, to the nanosecond (touch(1): utimes from JavaScript takes a Date or float
 * seconds, which lose the nanoseconds), so that only its ctime tells it was changed.
 */
export function restoreMtime(path: string, stat: BigIntStats): void {
  const seconds = stat.mtimeNs / 1_000_000_000n;
  const nanos = String(stat.mtimeNs % 1_000_000_000n).padStart(9, '0');
  execFileSync('touch', ['-m', '-d', `@${seconds}.${nanos}`, path]);
}
