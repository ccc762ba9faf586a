import type { BigIntStats } from 'node:fs';

/**
 * What a file's inode says of it: which file it is, its size, and when its
 * content (mtime) and inode (ctime) last changed, to the nanosecond. Every
 * write and every timestamp change (utimes included) sets ctime to the
 * current time, and nothing can set it back.
 */
export interface FileIdentity {
  dev: bigint;
  ino: bigint;
  size: bigint;
  mtimeNs: bigint;
  ctimeNs: bigint;
}

/**
 * How long a file must have been left alone before it was read for its inode
 * alone to vouch, later, that it still holds what was read: far longer than a
 * file system's clock tick (a few milliseconds), so any later write gives it
 * another ctime.
 */
export const SETTLED_MS = 2000;

export function identityOf(stat: BigIntStats): FileIdentity {
  return { dev: stat.dev, ino: stat.ino, size: stat.size, mtimeNs: stat.mtimeNs, ctimeNs: stat.ctimeNs };
}

/**
 * The identity of a file just read (`stat` taken once every byte was read)
 * when it had been left alone for SETTLED_MS before the read began
 * (`readStartMs`, the wall clock): then no write happened during the read, and
 * any write after it changes ctime. Undefined for a file changed more recently
 * (still being written, or written in the same clock tick as the read): its
 * content must be hashed again.
 */
export function settledIdentity(stat: BigIntStats, readStartMs: number): FileIdentity | undefined {
  return stat.ctimeMs < readStartMs - SETTLED_MS ? identityOf(stat) : undefined;
}

export function sameIdentity(a: FileIdentity, b: FileIdentity): boolean {
  return a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs;
}
