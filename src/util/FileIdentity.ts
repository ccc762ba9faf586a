import { statfsSync, type BigIntStats } from 'node:fs';

/**
 * What a file's inode says of it: which file it is, its size, and when its
 * content (mtime) and inode (ctime) last changed, to the nanosecond. Every
 * write and every change of its times (utimes included) sets ctime to the
 * current time; only a change of the system clock can set it back.
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

/**
 * Local file systems that keep a true ctime, by statfs(2) type: ext2/3/4, XFS, Btrfs, tmpfs, ZFS, F2FS and overlayfs
 * (containers). Others are not trusted: FAT and exFAT keep no ctime of their own, FUSE and network mounts may report
 * another clock's or none.
 */
const TRUE_CTIME = new Set([0xef53, 0x58465342, 0x9123683e, 0x01021994, 0x2fc12fc1, 0xf2f52010, 0x794c7630]);

/** Whether the file system holding `dir` keeps a true ctime (TRUE_CTIME); false when it cannot be told. */
export function keepsTrueCtime(dir: string | Buffer): boolean {
  try {
    return TRUE_CTIME.has(Number(statfsSync(dir).type));
  } catch {
    return false;
  }
}

export function identityOf(stat: BigIntStats): FileIdentity {
  return { dev: stat.dev, ino: stat.ino, size: stat.size, mtimeNs: stat.mtimeNs, ctimeNs: stat.ctimeNs };
}

/**
 * The identity of a file just read (`before`: its stat once opened, `after`:
 * once every one of `bytesRead` was read, `readStartMs`: the wall clock just
 * before it was opened) when it had been left alone for SETTLED_MS before the
 * read began and did not change while it was read: then any later write gives
 * it another ctime. Undefined for a file changed more recently (still being
 * written, or written in the same clock tick as the read): its content must be
 * hashed again.
 */
export function settledIdentity(before: BigIntStats, after: BigIntStats, bytesRead: number, readStartMs: number): FileIdentity | undefined {
  const unchanged = before.ctimeNs === after.ctimeNs && before.mtimeNs === after.mtimeNs && before.size === after.size && after.size === BigInt(bytesRead);
  return unchanged && after.ctimeMs < readStartMs - SETTLED_MS ? identityOf(after) : undefined;
}

export function sameIdentity(a: FileIdentity, b: FileIdentity): boolean {
  return a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs;
}
