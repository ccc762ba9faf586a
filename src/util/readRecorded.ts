import { settledIdentity } from './FileIdentity.js';
import type { ReadAs } from './moveIfUnchanged.js';
import { readFileNoFollow } from './readFileNoFollow.js';
import { sha256 } from './sha256.js';

/**
 * Reads an input (readFileNoFollow) and records what was read, for
 * moveIfUnchanged: its size and SHA-256, and, where the file system keeps a
 * true ctime (`trustCtime`: keepsTrueCtime), the inode's identity when it may
 * vouch for the content later (settledIdentity).
 */
export async function readRecorded(path: Buffer, trustCtime: boolean): Promise<{ bytes: Buffer; readAs: ReadAs }> {
  // The wall clock, not a context's: it is compared with the file system's ctime.
  const startedAt = Date.now();
  const { bytes, before, after } = await readFileNoFollow(path);
  const settled = trustCtime ? settledIdentity(before, after, bytes.length, startedAt) : undefined;
  return { bytes, readAs: { size: bytes.length, sha256: sha256(bytes), settled } };
}
