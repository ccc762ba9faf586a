import { rm } from 'node:fs/promises';
import { fsyncDir } from '../util/atomicWrite.js';
import { fileNameBytes } from '../util/fileNameText.js';
import { pathIn } from '../util/moveFile.js';

/** Removes a file of the archive (by its shown name) and makes the removal durable. */
export async function removeArchived(dir: string, name: string): Promise<void> {
  await rm(pathIn(dir, fileNameBytes(name)), { force: true });
  fsyncDir(dir);
}
