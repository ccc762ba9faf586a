import { writeSync } from 'node:fs';

/**
 * Writes all of `bytes` at an open file's position, synchronously: a few
 * milliseconds into the page cache, where an fs request would wait on the
 * thread pool behind whatever else is queued there (the compressor's work).
 */
export function writeAll(fd: number, bytes: Uint8Array): void {
  for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at);
}
