import { lstatSync, mkdirSync, renameSync } from 'node:fs';
import { copyFile, open, rm } from 'node:fs/promises';
import { basename, dirname, extname, sep } from 'node:path';
import { writeError } from '../errors/writeError.js';
import { fsyncDir } from './atomicWrite.js';
import { fitFileName } from './fitFileName.js';
import { FolderSyncs } from './FolderSyncs.js';

/** A file name as text or as raw bytes (names that are not UTF-8 can only be handled as bytes). */
export type FileName = string | Buffer;

/** `dir/name` as bytes, so a name that is not UTF-8 reaches the filesystem unchanged. */
export function pathIn(dir: string, name: FileName): Buffer {
  return Buffer.concat([Buffer.from(dir.endsWith(sep) ? dir : dir + sep), typeof name === 'string' ? Buffer.from(name) : name]);
}

/** The last part of a path, as bytes. */
export function baseNameOf(path: FileName): Buffer {
  return Buffer.from(basename(typeof path === 'string' ? Buffer.from(path).toString('latin1') : path.toString('latin1')), 'latin1');
}

/**
 * A free name in `dir` for `name`: `name`, then `stem_2.ext`, `stem_3.ext`...,
 * with the stem cut short where the name would pass the 255-byte limit.
 */
export async function freeName(dir: string, name: FileName): Promise<Buffer> {
  const bytes = typeof name === 'string' ? Buffer.from(name) : name;
  // latin1 maps each byte to one character and back, so path functions can split raw bytes.
  const text = bytes.toString('latin1');
  const ext = Buffer.from(extname(text), 'latin1');
  const stem = Buffer.from(basename(text, extname(text)), 'latin1');
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? bytes : fitFileName(stem, Buffer.concat([Buffer.from(`_${n}`), ext]));
    try {
      lstatSync(pathIn(dir, candidate));
    } catch {
      return candidate;
    }
  }
}

/**
 * Moves a file into `dir` without overwriting anything there (a clash gets a
 * numbered name). Rename when possible; across filesystems copy, fsync, remove.
 * Returns the name (bytes) it now has in `dir`. A full disk or a folder that
 * cannot be written fails with DISK_FULL or NOT_WRITABLE. Both folders are
 * fsynced before it returns, or, given `later`, added to it for the caller to
 * fsync once after several moves.
 */
export async function moveFile(from: FileName, dir: string, name: FileName = baseNameOf(from), later?: FolderSyncs): Promise<Buffer> {
  try {
    return await move(from, dir, name, later);
  } catch (err) {
    throw writeError(err, dir);
  }
}

// The folder, the free name and the rename are synchronous calls (microseconds each, less than a thread
// hand-off); only a copy across filesystems, as long as the file is, goes through the thread pool.
async function move(from: FileName, dir: string, name: FileName, later: FolderSyncs | undefined): Promise<Buffer> {
  mkdirSync(dir, { recursive: true });
  const free = await freeName(dir, name);
  const target = pathIn(dir, free);
  try {
    renameSync(from, target);
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
    // The copy's name must be durable before the original goes (another filesystem: a crash could keep the removal only).
    fsyncDir(dir);
    await rm(from);
  }
  const syncs = later ?? new FolderSyncs();
  syncs.add(dir);
  syncs.add(typeof from === 'string' ? dirname(from) : Buffer.from(dirname(from.toString('latin1')), 'latin1'));
  if (!later) syncs.flush();
  return free;
}
