import { createHash } from 'node:crypto';
import { read, readSync } from 'node:fs';
import { promisify } from 'node:util';
import { SYNC_BYTES } from './readToEnd.js';

const CHUNK = 64 * 1024;
/** The synchronous reads' buffer, reused: nothing else runs while one is in use. */
const scratch = Buffer.allocUnsafeSlow(CHUNK);

const readAsync = promisify(read);

/**
 * The size and hex SHA-256 of an open file from its start to its end (past
 * `size`, its size when opened, if it grew), read in chunks: a check of what
 * is in a file needs no copy of all of it in memory.
 */
export async function hashToEnd(fd: number, size: number): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  const buffer = size <= SYNC_BYTES ? scratch : Buffer.allocUnsafe(CHUNK);
  let at = 0;
  for (;;) {
    const got = size <= SYNC_BYTES ? readSync(fd, buffer, 0, CHUNK, at) : (await readAsync(fd, buffer, 0, CHUNK, at)).bytesRead;
    if (got === 0) return { size: at, sha256: hash.digest('hex') };
    hash.update(buffer.subarray(0, got));
    at += got;
  }
}
