import { closeSync, fstatSync, type BigIntStats, type PathLike } from 'node:fs';
import { openRegularFile } from './openRegularFile.js';
import { readToEnd } from './readToEnd.js';

/**
 * Reads a regular file, never through a link swapped in after listing, nor
 * from a FIFO, device or folder (see openRegularFile); with the file's stat
 * through the same handle once opened and once every byte was read.
 */
export async function readFileNoFollow(path: PathLike): Promise<{ bytes: Buffer; before: BigIntStats; after: BigIntStats }> {
  const { fd, size, stat: before } = openRegularFile(path);
  try {
    const bytes = await readToEnd(fd, size);
    return { bytes, before, after: fstatSync(fd, { bigint: true }) };
  } finally {
    closeSync(fd);
  }
}
