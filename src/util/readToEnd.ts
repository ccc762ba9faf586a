import { read, readSync } from 'node:fs';
import { promisify } from 'node:util';

/** Files up to this size are read with synchronous calls: a thread hand-off per call costs more than the read. */
const SYNC_BYTES = 1 << 20;

const readAsync = promisify(read);

/**
 * Reads an open file from its start to its end (as readFile does: past
 * `size`, the size when opened, if the file grew since). A small file is read
 * synchronously; a larger one through the thread pool, so the event loop
 * (other files' reads, worker threads' replies) is not held while it is read.
 */
export async function readToEnd(fd: number, size: number): Promise<Buffer> {
  // One byte more than the size, where the read that finds the end lands. Never from the shared pool: the
  // byte engine may move the bytes' ArrayBuffer to a worker thread.
  let buffer = Buffer.allocUnsafeSlow(size + 1);
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      const bigger = Buffer.allocUnsafeSlow(buffer.length * 2);
      buffer.copy(bigger, 0, 0, length);
      buffer = bigger;
    }
    const wanted = buffer.length - length;
    const got = size <= SYNC_BYTES ? readSync(fd, buffer, length, wanted, length) : (await readAsync(fd, buffer, length, wanted, length)).bytesRead;
    if (got === 0) return buffer.subarray(0, length);
    length += got;
  }
}
