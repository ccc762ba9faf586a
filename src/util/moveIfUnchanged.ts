import { closeSync, fstatSync, lstatSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { NotRegularFileError, openRegularFile, type OpenFile } from './openRegularFile.js';
import { hashToEnd } from './hashToEnd.js';
import { identityOf, sameIdentity, type FileIdentity } from './FileIdentity.js';
import { sha256 } from './sha256.js';
import type { FolderSyncs } from './FolderSyncs.js';
import { moveFile, pathIn } from './moveFile.js';

/** A file's content as it was read: its size and SHA-256, and its inode's identity if that alone may vouch for it (settledIdentity). */
export interface ReadAs {
  size: number;
  sha256: string;
  settled?: FileIdentity | undefined;
}

/**
 * Moves `name` from `fromDir` into `toDir` only if it still holds exactly
 * what was read. The content is checked through an open handle before the
 * rename (hashed again, unless `readAs.settled` and the inode are the same:
 * see settledIdentity), and the size again after it (through the same handle,
 * so a writer that kept the file open is seen): a file that grew in between
 * is moved back. So is another file renamed over the name while it was
 * checked (an exporter replacing its file): what arrived in `toDir` must be
 * the file that was checked. Returns the new name, or why the file was left
 * where it is. Given `later`, the folders are added to it to be fsynced by
 * the caller (see moveFile).
 */
export async function moveIfUnchanged(fromDir: string, name: Buffer, toDir: string, readAs: ReadAs, later?: FolderSyncs): Promise<{ moved: Buffer } | { changed: string }> {
  const from = pathIn(fromDir, name);
  const file = openRegular(from);
  if (file === null) return { changed: 'changed after it was read: it is no longer a regular file' };
  try {
    // A file left alone before it was read, whose inode is as it was then, holds what was read: not read again
    // (at 10M rows, the whole drop hashed a second time, half a second at the end of the run).
    const settled = readAs.settled;
    const now = settled && sameIdentity(settled, identityOf(file.stat)) ? readAs : await hashToEnd(file.fd, file.size);
    const changed = (size: number, hash: string | null): string =>
      size !== readAs.size
        ? `changed after it was read: ${readAs.size} bytes read, ${size} bytes now`
        : hash !== readAs.sha256
          ? 'changed after it was read: same size, other content'
          : '';
    const before = changed(now.size, now.sha256);
    if (before) return { changed: before };
    const moved = await moveFile(from, toDir, name, later);
    const checked = fstatSync(file.fd);
    const after = changed(checked.size, readAs.sha256) || (await replaced(pathIn(toDir, moved), checked, readAs));
    if (!after) return { moved };
    await moveFile(pathIn(toDir, moved), fromDir, name, later);
    return { changed: after };
  } finally {
    closeSync(file.fd);
  }
}

/** The open file, or null when a link or something other than a regular file stands there now. */
function openRegular(path: Buffer): OpenFile | null {
  try {
    return openRegularFile(path);
  } catch (err) {
    if (err instanceof NotRegularFileError || (err as NodeJS.ErrnoException).code === 'ELOOP') return null;
    throw err;
  }
}

/**
 * Why the file now at `target` is not the one checked through the handle (whose
 * stat is `checked`), or '' when it is: the same inode, or, when the move had
 * to copy across filesystems, the same content.
 */
async function replaced(target: Buffer, checked: { dev: number; ino: number }, readAs: ReadAs): Promise<string> {
  const now = lstatSync(target);
  if (now.dev === checked.dev) return now.ino === checked.ino ? '' : 'replaced by another file after it was read';
  const bytes = await readFile(target);
  return bytes.length === readAs.size && sha256(bytes) === readAs.sha256 ? '' : 'replaced by another file after it was read';
}
