import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { sha256 } from './sha256.js';
import { moveFile, pathIn } from './moveFile.js';

/** A file's content as it was read: its size and SHA-256. */
export interface ReadAs {
  size: number;
  sha256: string;
}

/**
 * Moves `name` from `fromDir` into `toDir` only if it still holds exactly what was read. The
 * content is checked through an open handle before the rename, and the size
 * again after it (through the same handle, so a writer that kept the file open
 * is seen): a file that grew in between is moved back. Returns the new name, or
 * why the file was left where it is.
 */
export async function moveIfUnchanged(fromDir: string, name: Buffer, toDir: string, readAs: ReadAs): Promise<{ moved: Buffer } | { changed: string }> {
  const from = pathIn(fromDir, name);
  const handle = await openRegular(from);
  if (handle === null) return { changed: 'changed after it was read: it is no longer a regular file' };
  try {
    const now = await handle.readFile();
    const changed = (size: number, hash: string | null): string =>
      size !== readAs.size ? `changed after it was read: ${readAs.size} bytes read, ${size} bytes now` : hash !== readAs.sha256 ? 'changed after it was read: same size, other content' : '';
    const before = changed(now.length, sha256(now));
    if (before) return { changed: before };
    const moved = await moveFile(from, toDir, name);
    const after = changed((await handle.stat()).size, readAs.sha256);
    if (!after) return { moved };
    await moveFile(pathIn(toDir, moved), fromDir, name);
    return { changed: after };
  } finally {
    await handle.close();
  }
}

/** Opens a regular file without following a link or waiting on a FIFO put in its place; null for anything else. */
async function openRegular(path: Buffer): Promise<FileHandle | null> {
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ELOOP') return null;
    throw err;
  }
  if ((await handle.stat()).isFile()) return handle;
  await handle.close();
  return null;
}
