import { readWhole } from './readWhole.js';
import { Sha256Stream } from './Sha256Stream.js';

/** Files from this size on are read into shared memory, which the hash thread reads as it is (see Sha256Stream). */
const SHARED = 4 << 20;

/** A file's bytes and the promise of their hex SHA-256. */
export interface HashedRead {
  bytes: Buffer;
  /** Settles after `bytes`: a large file is hashed on the hash thread while its caller goes on. */
  sha256: Promise<string>;
}

/**
 * A file's bytes, as many as it held when opened, and their hex SHA-256: the
 * pieces are read several at once (readWhole) and hashed in order on the
 * hash thread as they come, so the bytes come at the speed of reading and
 * their hash follows, while the caller can already use them (and must not
 * change them).
 */
export async function readHashed(path: string): Promise<HashedRead> {
  const hash = new Sha256Stream();
  const allocate = (size: number): Buffer => (size >= SHARED ? Buffer.from(new SharedArrayBuffer(size)) : Buffer.allocUnsafeSlow(size));
  let bytes: Buffer;
  try {
    bytes = await readWhole(path, allocate, (piece) => hash.keep(piece));
  } catch (err) {
    await hash.abort();
    throw err;
  }
  const sha256 = hash.digest();
  sha256.catch(() => undefined);
  return { bytes, sha256 };
}
