import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** The names in a folder of the store, none when it does not exist (a folder that cannot be read is not "empty"). */
export async function listDir(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((n) => !n.startsWith('.'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

/** The bytes the files of these folders of `dir` take. */
export async function folderBytes(dir: string, folders: string[]): Promise<number> {
  let bytes = 0;
  for (const folder of folders) {
    for (const name of await listDir(join(dir, folder))) bytes += (await stat(join(dir, folder, name))).size;
  }
  return bytes;
}
