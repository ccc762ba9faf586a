import { parentPort } from 'node:worker_threads';
import type { FilePartial } from './FilePartial.js';
import { PartialMerger } from './PartialMerger.js';
import { scanFile, type ScanRequest } from './scanFile.js';

/** Bytes of winners a worker holds before it hands them to the main thread (memory stays bounded on any drop). */
const BUDGET = 64 << 20;

/** What the main thread sends a worker. */
export type WorkerRequest = { type: 'scan'; request: ScanRequest; file: number } | { type: 'flush' };
/** What a worker sends back: a scan's counts (its winners kept here), a fallback, winners, or that a flush is done. */
export type WorkerReply =
  | { type: 'done'; rows: number; rejects: FilePartial['rejects'] }
  | { type: 'fallback'; fallback: string }
  | { type: 'winners'; partial: FilePartial }
  | { type: 'flushed' }
  | { type: 'error'; error: string };

/**
 * A worker thread of the byte engine (ScanPool): scans each input it is sent
 * and merges its winners into the winners of the inputs it scanned before
 * (PartialMerger), handing them to the main thread when they outgrow the
 * budget and when asked (flush), their arrays moved, not copied.
 */
const merger = new PartialMerger();

function post(reply: WorkerReply, transfer: ArrayBuffer[] = []): void {
  parentPort!.postMessage(reply, transfer);
}

function handOver(): void {
  if (merger.size === 0) return;
  const partial = merger.take();
  const arrays = [partial.hashes, partial.orders, partial.lines, partial.keyLengths, partial.rowLengths, partial.data, partial.files];
  post(
    { type: 'winners', partial },
    arrays.map((a) => a.buffer as ArrayBuffer),
  );
}

parentPort?.on('message', (message: WorkerRequest) => {
  try {
    if (message.type === 'flush') {
      handOver();
      post({ type: 'flushed' });
      return;
    }
    const result = scanFile(message.request);
    if ('fallback' in result) {
      post({ type: 'fallback', fallback: result.fallback });
      return;
    }
    merger.add(result, message.file);
    if (merger.bytes > BUDGET) handOver();
    post({ type: 'done', rows: result.rows, rejects: result.rejects });
  } catch (err) {
    post({ type: 'error', error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
});
