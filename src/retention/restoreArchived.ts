import { gunzipIfCompressed } from '../sources/gunzipIfCompressed.js';
import { crashPoint } from '../util/crashPoint.js';
import { fileNameBytes, fileNameText } from '../util/fileNameText.js';
import { freeName } from '../util/moveFile.js';
import { sha256 } from '../util/sha256.js';
import { removeArchived } from './removeArchived.js';
import { readArchived } from './readArchived.js';
import { writeFileIn } from './writeFileIn.js';

/**
 * Turns the gzip file retention made (`gz`) back into the archived input it
 * was (`name`, the bytes it had, whose hash is `hash`), so it moves back into
 * the drop as it was dropped. The gzip file goes only once the original is
 * written; when a crash left both, the gzip file just goes. Returns the name
 * restored, or null when `gz` is gone.
 */
export async function restoreArchived(dir: string, gz: string, name: string, hash: string): Promise<string | null> {
  const packed = await readArchived(dir, gz);
  if (packed === null) return null;
  const plain = await readArchived(dir, name);
  if (plain === null || sha256(plain) !== hash) {
    const target = await freeName(dir, fileNameBytes(name));
    await writeFileIn(dir, target, await gunzipIfCompressed(packed, gz));
    name = fileNameText(target);
    crashPoint('retain-restore-before-remove');
  }
  await removeArchived(dir, gz);
  return name;
}
