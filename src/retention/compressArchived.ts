import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { gunzipIfCompressed } from '../sources/gunzipIfCompressed.js';
import { fileNameBytes, fileNameText } from '../util/fileNameText.js';
import { freeName } from '../util/moveFile.js';
import { sha256 } from '../util/sha256.js';
import { readArchived } from './readArchived.js';
import { writeFileIn } from './writeFileIn.js';

const deflate = promisify(gzip);

/**
 * Writes the gzip form of the archived file `name` beside it (atomically) and
 * returns its name: `<name>.gz`, or the one a crash already wrote when it holds
 * the same content (`hash`), else a free name. The original stays: the caller
 * records the gzip file, then removes it, so a crash at any point loses nothing.
 */
export async function compressArchived(dir: string, name: string, hash: string): Promise<string> {
  const plain = await readArchived(dir, name);
  if (plain === null) throw new Error(`${name} is no longer in the archive`);
  const wanted = `${name}.gz`;
  const there = await readArchived(dir, wanted);
  if (there !== null && sha256(await gunzipIfCompressed(there, wanted).catch(() => Buffer.alloc(0))) === hash) return wanted;
  const target = await freeName(dir, fileNameBytes(wanted));
  await writeFileIn(dir, target, await deflate(plain, { level: 9 }));
  return fileNameText(target);
}
