import { open } from 'node:fs/promises';
import { readInPieces } from './readInPieces.js';

/**
 * A file's bytes, as many as it held when opened, read several pieces at once
 * (readInPieces) into the buffer `allocate` gives for its size (by default
 * its own), each piece handed to `each` in file order as it comes.
 */
export async function readWhole(
  path: string,
  allocate: (size: number) => Buffer = (size) => Buffer.allocUnsafeSlow(size),
  each?: (piece: Uint8Array) => Promise<void>,
): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const size = (await handle.stat()).size;
    const bytes = allocate(size);
    const length = await readInPieces(handle, bytes, size, each);
    return length === size ? bytes : bytes.subarray(0, length);
  } finally {
    await handle.close();
  }
}
