import { readdir } from 'node:fs/promises';
import { fileNameText } from './fileNameText.js';

/** One entry of a folder: its name as shown (see fileNameText) and as the filesystem has it. */
export interface ListedFile {
  name: string;
  raw: Buffer;
}

/** The regular files in `dir` (not hidden ones), names read as bytes so none is lost in decoding; [] if there is no folder. */
export async function listFileNames(dir: string): Promise<ListedFile[]> {
  const entries = await readdir(dir, { withFileTypes: true, encoding: 'buffer' }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [];
    throw err;
  });
  return entries.filter((e) => e.isFile() && e.name[0] !== 0x2e).map((e) => ({ name: fileNameText(e.name), raw: e.name }));
}
