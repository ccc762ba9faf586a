import { constants, type PathLike } from 'node:fs';
import { open } from 'node:fs/promises';

/**
 * Reads a regular file, refusing (ELOOP) if the name is a symbolic link: a link
 * swapped in after listing is not followed either. Opened non-blocking and
 * checked to be a regular file, so a FIFO swapped in does not hang the run
 * waiting for a writer (nor a device or folder get read).
 */
export async function readFileNoFollow(path: PathLike): Promise<Buffer> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    if (!(await handle.stat()).isFile()) throw new Error('is not a regular file (a FIFO, device or folder in its place), not read');
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}
