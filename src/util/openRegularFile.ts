import { constants, type PathLike } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';

/** Thrown by openRegularFile when something other than a regular file stands at the path. */
export class NotRegularFileError extends Error {}

/**
 * Opens a regular file for reading without following a symbolic link (ELOOP)
 * and without waiting on a FIFO put in its place (non-blocking); a FIFO,
 * device or folder is closed again and refused with NotRegularFileError.
 */
export async function openRegularFile(path: PathLike): Promise<FileHandle> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  if ((await handle.stat()).isFile()) return handle;
  await handle.close();
  throw new NotRegularFileError('is not a regular file (a FIFO, device or folder in its place), not read');
}
