import { readdir } from 'node:fs/promises';

/** The names in a folder of the store, none when it does not exist (a folder that cannot be read is not "empty"). */
export async function listDir(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((n) => !n.startsWith('.'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}
