import { constants, type PathLike } from 'node:fs';
import { open } from 'node:fs/promises';

/** Reads a file, refusing (ELOOP) if the name is a symbolic link: a link swapped in after listing is not followed either. */
export async function readFileNoFollow(path: PathLike): Promise<Buffer> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}
