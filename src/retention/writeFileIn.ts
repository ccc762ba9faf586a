import { open, rename, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { writeError } from '../errors/writeError.js';
import { fsyncDir } from '../util/atomicWrite.js';
import { fitFileName } from '../util/fitFileName.js';
import { pathIn } from '../util/moveFile.js';

/**
 * Writes `data` as `dir/name` atomically (a hidden temp file beside it,
 * fsync, rename, fsync the folder), the name as bytes so a name that is not
 * UTF-8 is written as it is. Hidden temp files are never taken for inputs.
 */
export async function writeFileIn(dir: string, name: Buffer, data: Uint8Array): Promise<void> {
  const tmp = pathIn(dir, fitFileName(Buffer.concat([Buffer.from('.'), name]), `.${process.pid}.${randomBytes(4).toString('hex')}.tmp`));
  try {
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, pathIn(dir, name));
  } catch (err) {
    await rm(tmp, { force: true });
    throw writeError(err, dir);
  }
  fsyncDir(dir);
}
