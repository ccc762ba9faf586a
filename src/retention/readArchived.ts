import { readFile } from 'node:fs/promises';
import { fileNameBytes } from '../util/fileNameText.js';
import { pathIn } from '../util/moveFile.js';

/** The bytes of the archived file `name` (as shown), or null when there is none. */
export async function readArchived(dir: string, name: string): Promise<Buffer | null> {
  try {
    return await readFile(pathIn(dir, fileNameBytes(name)));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}
