import { closeSync, type PathLike } from 'node:fs';
import { openRegularFile } from './openRegularFile.js';
import { readToEnd } from './readToEnd.js';

/** Reads a regular file, never through a link swapped in after listing, nor from a FIFO, device or folder (see openRegularFile). */
export async function readFileNoFollow(path: PathLike): Promise<Buffer> {
  const { fd, size } = openRegularFile(path);
  try {
    return await readToEnd(fd, size);
  } finally {
    closeSync(fd);
  }
}
