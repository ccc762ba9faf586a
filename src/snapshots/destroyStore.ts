import { randomBytes } from 'node:crypto';
import { readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { listDir } from './listDir.js';

/**
 * Removes everything a pipeline's snapshot folder `dir` holds but its lock
 * and an interrupted clean's plan, and (through `removeLatest`) latest.csv:
 * the start of `clean`. The manifests are renamed away first, so "no
 * snapshots" becomes true in one atomic step, and removed last.
 */
export async function destroyStore(dir: string, removeLatest: () => Promise<void>): Promise<void> {
  const trash = join(dir, `.trash-${randomBytes(4).toString('hex')}`);
  try {
    await rename(join(dir, 'manifests'), trash);
  } catch {
    // no manifests: nothing recorded
  }
  await removeLatest();
  for (const name of await listDir(dir)) {
    if (name !== 'lock' && name !== 'clean.pending') await rm(join(dir, name), { recursive: true, force: true });
  }
  // The manifests set aside go last (also those a destroy that crashed set aside), or they would stay forever.
  for (const name of (await readdir(dir).catch(() => [] as string[])).filter((n) => n.startsWith('.trash-'))) {
    await rm(join(dir, name), { recursive: true, force: true });
  }
}
