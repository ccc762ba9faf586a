import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { writeError } from '../errors/writeError.js';
import { fitFileName } from './fitFileName.js';

/** A temporary name beside `target`, so the final rename stays on one filesystem (shortened to fit 255 bytes). */
export function tempPathFor(target: string): string {
  return join(dirname(target), fitFileName(Buffer.from(`.${basename(target)}`), `.${process.pid}.${randomBytes(4).toString('hex')}.tmp`).toString());
}

/** True for a name tempPathFor makes: dropline's own file being written, never an input. */
export function isTempName(name: string): boolean {
  return /^\..+\.\d+\.[0-9a-f]{8}\.tmp$/.test(name);
}

/** fsyncs a directory so a rename inside it survives a power cut. */
export function fsyncDir(dir: string | Buffer): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some filesystems refuse fsync on directories; the rename is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Writes `data` to `target` atomically: temp file, fsync, rename, fsync the folder. A full disk or a folder that cannot be written fails with DISK_FULL or NOT_WRITABLE. */
export async function atomicWrite(target: string, data: string | Uint8Array): Promise<void> {
  await (await stageWrite(target, data)).commit();
}

/**
 * The first half of an atomic write: the data is in a temp file beside
 * `target`, fsynced. `commit()` renames it into place; `abort()` removes it.
 * Lets slow writes overlap other work while the rename stays in protocol order.
 * Not `durable`: neither the file nor the rename is fsynced, for a file that
 * is checked whenever it is read and only spares work (a crash may leave the
 * old one, the new one or one that fails its check, never a torn one in use).
 */
export async function stageWrite(target: string, data: string | Uint8Array | Uint8Array[], durable = true): Promise<{ commit: () => Promise<void>; abort: () => Promise<void> }> {
  const tmp = tempPathFor(target);
  const handle = await open(tmp, 'w').catch((err: unknown) => {
    throw writeError(err, dirname(target));
  });
  try {
    if (Array.isArray(data)) for (const chunk of data) await handle.write(chunk);
    else await handle.writeFile(data);
    if (durable) await handle.sync();
  } catch (err) {
    await handle.close();
    await rm(tmp, { force: true });
    throw writeError(err, dirname(target));
  }
  await handle.close();
  return {
    commit: async () => {
      try {
        await rename(tmp, target);
      } catch (err) {
        await rm(tmp, { force: true });
        throw writeError(err, dirname(target));
      }
      if (durable) fsyncDir(dirname(target));
    },
    abort: () => rm(tmp, { force: true }),
  };
}

/** Synchronous twin of atomicWrite, for small state files written under a lock. */
export function atomicWriteSync(target: string, data: string | Uint8Array): void {
  const tmp = tempPathFor(target);
  let fd: number;
  try {
    fd = openSync(tmp, 'w');
  } catch (err) {
    throw writeError(err, dirname(target));
  }
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw writeError(err, dirname(target));
  }
  closeSync(fd);
  try {
    renameSync(tmp, target);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw writeError(err, dirname(target));
  }
  fsyncDir(dirname(target));
}
