import { read, readSync } from 'node:fs';
import { promisify } from 'node:util';

/** Files up to this size are read with synchronous calls: a thread hand-off per call costs more than the read. */
export const SYNC_BYTES = 1 << 20;

const readAsync = promisify(read);

/**
 * Reads an open file from its start to its end (as readFile does: past
 * `size`, the size when opened, if the file grew since). A small file is read
 * synchronously; a larger one through the thread pool, so the event loop
 * (other files' reads, worker threads' replies) is not held while it is read.
 * A file that did not grow comes back in a buffer of exactly its size, its
 * own (never the shared pool's), so the byte engine can move it to a worker
 * thread rather than copy it.
 */
export async function readToEnd(fd: number, size: number): Promise<Buffer> {
  const readAt = async (into: Buffer, at: number, length: number, position: number): Promise<number> =>
    size <= SYNC_BYTES ? readSync(fd, into, at, length, position) : (await readAsync(fd, into, at, length, position)).bytesRead;
  let buffer = Buffer.allocUnsafeSlow(size);
  let length = 0;
  while (length < size) {
    const got = await readAt(buffer, length, size - length, length);
    if (got === 0) return buffer.subarray(0, length);
    length += got;
  }
  // The end is where a read finds nothing more; a file that grew is read on, into a larger buffer.
  const probe = Buffer.allocUnsafe(1);
  for (;;) {
    const got = await readAt(probe, 0, 1, length);
    if (got === 0) return buffer;
    const bigger = Buffer.allocUnsafeSlow(Math.max(16, buffer.length * 2));
    buffer.copy(bigger, 0, 0, length);
    bigger[length++] = probe[0]!;
    buffer = bigger;
    while (length < buffer.length) {
      const more = await readAt(buffer, length, buffer.length - length, length);
      if (more === 0) return buffer.subarray(0, length);
      length += more;
    }
  }
}
