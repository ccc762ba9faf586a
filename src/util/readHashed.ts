import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';

/** The size of each read: large enough that the thread hand-offs cost nothing, small enough that hashing overlaps them. */
const PIECE = 8 << 20;

/**
 * A file's bytes, as many as it held when opened, and their hex SHA-256: the
 * next piece is read (on the thread pool) while this one is hashed, so reading
 * and checking a large file takes about as long as the slower of the two.
 */
export async function readHashed(path: string): Promise<{ bytes: Buffer; sha256: string }> {
  const handle = await open(path, 'r');
  try {
    const size = (await handle.stat()).size;
    const bytes = Buffer.allocUnsafeSlow(size);
    const hash = createHash('sha256');
    let length = 0;
    let next = readPiece(handle, bytes, 0);
    for (;;) {
      const got = await next;
      if (got === 0) break;
      const from = length;
      length += got;
      next = length < size ? readPiece(handle, bytes, length) : Promise.resolve(0);
      hash.update(bytes.subarray(from, length));
    }
    return { bytes: length === size ? bytes : bytes.subarray(0, length), sha256: hash.digest('hex') };
  } finally {
    await handle.close();
  }
}

async function readPiece(handle: FileHandle, into: Buffer, at: number): Promise<number> {
  return (await handle.read(into, at, Math.min(PIECE, into.length - at), at)).bytesRead;
}
