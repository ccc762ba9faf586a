import { copyFile, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { writeError } from '../errors/writeError.js';
import { fsyncDir } from './atomicWrite.js';

/** A free name in `dir` for `name`: `name`, then `stem_2.ext`, `stem_3.ext`... */
export async function freeName(dir: string, name: string): Promise<string> {
  const ext = extname(name);
  const stem = basename(name, ext);
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? name : `${stem}_${n}${ext}`;
    try {
      await stat(join(dir, candidate));
    } catch {
      return candidate;
    }
  }
}

/**
 * Moves a file into `dir` without overwriting anything there (a clash gets a
 * numbered name). Rename when possible; across filesystems copy, fsync, remove.
 * Returns the path it now has. A full disk or a folder that cannot be written
 * fails with DISK_FULL or NOT_WRITABLE.
 */
export async function moveFile(from: string, dir: string, name = basename(from)): Promise<string> {
  try {
    return await move(from, dir, name);
  } catch (err) {
    throw writeError(err, dir);
  }
}

async function move(from: string, dir: string, name: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const target = join(dir, await freeName(dir, name));
  try {
    await rename(from, target);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    try {
      await copyFile(from, target);
      const handle = await open(target, 'r+');
      await handle.sync();
      await handle.close();
    } catch (copyErr) {
      await rm(target, { force: true });
      throw copyErr;
    }
    await rm(from);
  }
  fsyncDir(dir);
  fsyncDir(dirname(from));
  return target;
}
