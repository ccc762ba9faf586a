import { closeSync, existsSync, fsyncSync, linkSync, openSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fsyncDir, isTempName, tempPathFor } from '../util/atomicWrite.js';

/** The files SQLite keeps beside a database while it is open. */
const COMPANIONS = ['-wal', '-shm', '-journal'];

/**
 * A sink's first publish into a SQLite file that does not exist yet: `build`
 * makes the whole database in a temporary file beside it (which it may write
 * without a journal: nobody else sees it), then that file is fsynced and
 * linked into place, all at once, and never over a file that appeared
 * meanwhile. True when it did; false, leaving nothing behind, when the file
 * (or a journal of one) exists or appeared while it was built, or the folder
 * takes no hard links: the caller then publishes into the file the usual way.
 * A failed `build` leaves nothing behind either, and rethrows.
 */
export async function sqliteAside(path: string, build: (aside: string) => Promise<void>): Promise<boolean> {
  if ([path, ...COMPANIONS.map((c) => path + c)].some((p) => existsSync(p))) return false;
  removeAbandoned(path);
  const aside = tempPathFor(path);
  try {
    await build(aside);
    const fd = openSync(aside, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      linkSync(aside, path); // unlike a rename, never replaces a file that appeared meanwhile
    } catch {
      return false;
    }
    fsyncDir(dirname(path));
    return true;
  } finally {
    for (const file of [aside, ...COMPANIONS.map((c) => aside + c)]) rmSync(file, { force: true });
  }
}

/** Removes what an earlier first publish into `path` left when its process died (a temporary file of a pid no longer running). */
function removeAbandoned(path: string): void {
  const stem = basename(tempPathFor(path)).replace(/\.\d+\.[0-9a-f]{8}\.tmp$/, '.');
  const folder = dirname(path);
  for (const name of readdirSync(folder)) {
    const temp = name.replace(/-(wal|shm|journal)$/, '');
    const pid = /^(\d+)\.[0-9a-f]{8}\.tmp$/.exec(temp.slice(stem.length))?.[1];
    if (name.startsWith(stem) && isTempName(temp) && pid !== undefined && !running(Number(pid))) rmSync(join(folder, name), { force: true });
  }
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
