import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { atomicWrite } from '../util/atomicWrite.js';
import { readHashed } from '../util/readHashed.js';
import { sha256 } from '../util/sha256.js';

/** What latest.csv looked like when the store last wrote it, to skip re-hashing it. */
interface LatestStamp {
  sha256: string;
  size: number;
  mtimeMs: number;
}

/**
 * A pipeline's latest.csv (output.path) and its stamp (`latest.stamp.json` in
 * the store's folder): written atomically, its hash known without reading it
 * again while size and mtime are what the store wrote.
 */
export class LatestFile {
  constructor(
    readonly path: string,
    private readonly stampPath: string,
  ) {}

  async write(content: Buffer, hash: string): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    await atomicWrite(this.path, content);
    await this.stamp(hash);
  }

  /** Records the hash of the bytes latest.csv holds now (after a rename into place). */
  async stamp(hash: string): Promise<void> {
    const s = await stat(this.path);
    const stamp: LatestStamp = { sha256: hash, size: s.size, mtimeMs: Math.floor(s.mtimeMs) };
    await mkdir(dirname(this.stampPath), { recursive: true });
    await atomicWrite(this.stampPath, JSON.stringify(stamp) + '\n');
  }

  /**
   * Its bytes, when its stamp says they hash to `hash`, before a read has
   * confirmed it: `matches` settles once the bytes read are hashed (on the
   * hash thread), so the caller can use them meanwhile. Checked after reading:
   * a run may replace latest.csv between the stamp and the read (serve reads
   * unlocked).
   */
  async readChecking(hash: string): Promise<{ bytes: Buffer; matches: Promise<boolean> } | null> {
    if ((await this.hash(false)) !== hash) return null;
    const read = await readHashed(this.path).catch(() => null);
    if (read === null) return null;
    const matches = read.sha256.then((h) => h === hash).catch(() => false);
    return { bytes: read.bytes, matches };
  }

  /** The hash of latest.csv as it is now: from the stamp when size and mtime still match, else (if `read`) by reading it. */
  async hash(read = true): Promise<string | null> {
    let s;
    try {
      s = await stat(this.path);
    } catch {
      return null;
    }
    try {
      const stamp = JSON.parse(await readFile(this.stampPath, 'utf8')) as LatestStamp;
      if (stamp.size === s.size && stamp.mtimeMs === Math.floor(s.mtimeMs)) return stamp.sha256;
    } catch {
      // no stamp: hash the file
    }
    return read ? sha256(await readFile(this.path)) : null;
  }

  /** Temp copies of latest.csv a crash left behind (only this process writes them, under the lock). */
  async removeStaleTemps(): Promise<void> {
    const prefix = `.${basename(this.path)}.`;
    for (const name of await readdir(dirname(this.path)).catch(() => [] as string[])) {
      if (name.startsWith(prefix) && name.endsWith('.tmp')) await rm(join(dirname(this.path), name), { force: true });
    }
  }
}
