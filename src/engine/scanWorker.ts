import { parentPort } from 'node:worker_threads';
import type { FilePartial } from './FilePartial.js';
import { scanFile, type ScanRequest } from './scanFile.js';

/**
 * A worker thread of the byte engine (ScanPool): scans each input it is sent
 * into its FilePartial and sends that back, its arrays moved, not copied.
 */
parentPort?.on('message', (request: ScanRequest) => {
  try {
    const result = scanFile(request);
    parentPort!.postMessage({ result }, 'fallback' in result ? [] : transferables(result));
  } catch (err) {
    parentPort!.postMessage({ error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
});

function transferables(partial: FilePartial): ArrayBuffer[] {
  const arrays = [partial.hashes, partial.orders, partial.lines, partial.keyLengths, partial.rowLengths, partial.data];
  // Arrays that share one buffer, or views into a larger one, are copied instead of moved.
  const buffers = arrays.map((a) => a.buffer).filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
  return [...new Set(buffers)].filter((b) => arrays.every((a) => a.buffer !== b || (a.byteOffset === 0 && a.byteLength === b.byteLength)));
}
