import { open, type FileHandle } from 'node:fs/promises';
import { Sha256Stream } from './Sha256Stream.js';

/** The size of each read: large enough that the thread hand-offs cost nothing, small enough that hashing overlaps them. */
const PIECE = 8 << 20;

/** Files from this size on are read into shared memory, which the hash thread reads as it is (see Sha256Stream). */
const SHARED = 4 << 20;

/** A file's bytes and the promise of their hex SHA-256. */
export interface HashedRead {
  bytes: Buffer;
  /** Settles after `bytes`: a large file is hashed on the hash thread while its caller goes on. */
  sha256: Promise<string>;
}

/**
 * A file's bytes, as many as it held when opened, and their hex SHA-256: each
 * piece read (on the thread pool) is hashed on the hash thread as the next
 * one is read, so the bytes come at the speed of reading and their hash
 * follows, while the caller can already use them (and must not change them).
 */
export async function readHashed(path: string): Promise<HashedRead> {
  const handle = await open(path, 'r');
  try {
    const size = (await handle.stat()).size;
    const bytes = size >= SHARED ? Buffer.from(new SharedArrayBuffer(size)) : Buffer.allocUnsafeSlow(size);
    const hash = new Sha256Stream();
    let length = 0;
    try {
      for (let got = await readPiece(handle, bytes, 0); got > 0; got = length < size ? await readPiece(handle, bytes, length) : 0) {
        await hash.keep(bytes.subarray(length, length + got));
        length += got;
      }
    } catch (err) {
      hash.abort();
      throw err;
    }
    const sha256 = hash.digest();
    sha256.catch(() => undefined);
    return { bytes: length === size ? bytes : bytes.subarray(0, length), sha256 };
  } finally {
    await handle.close();
  }
}

async function readPiece(handle: FileHandle, into: Buffer, at: number): Promise<number> {
  return (await handle.read(into, at, Math.min(PIECE, into.length - at), at)).bytesRead;
}
