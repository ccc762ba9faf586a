import type { PathLike } from 'node:fs';
import { openRegularFile } from './openRegularFile.js';

/** Reads a regular file, never through a link swapped in after listing, nor from a FIFO, device or folder (see openRegularFile). */
export async function readFileNoFollow(path: PathLike): Promise<Buffer> {
  const handle = await openRegularFile(path);
  try {
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}
