import { closeSync, constants, fstatSync, openSync, type BigIntStats, type PathLike } from 'node:fs';

/** Thrown by openRegularFile when something other than a regular file stands at the path. */
export class NotRegularFileError extends Error {}

/** An open regular file: its descriptor (the caller closes it with closeSync), its size and its stat when opened. */
export interface OpenFile {
  fd: number;
  size: number;
  stat: BigIntStats;
}

/**
 * Opens a regular file for reading without following a symbolic link (ELOOP)
 * and without waiting on a FIFO put in its place (non-blocking); a FIFO,
 * device or folder is closed again and refused with NotRegularFileError.
 * Synchronous: opening and asking the size take microseconds, less than the
 * hand-off to a thread and back that the promise API makes for each call.
 */
export function openRegularFile(path: PathLike): OpenFile {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  const stat = fstatSync(fd, { bigint: true });
  if (stat.isFile()) return { fd, size: Number(stat.size), stat };
  closeSync(fd);
  throw new NotRegularFileError('is not a regular file (a FIFO, device or folder in its place), not read');
}
