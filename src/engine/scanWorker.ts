import { parentPort, type MessagePort } from 'node:worker_threads';
import type { FilePartial } from './FilePartial.js';
import { PartialMerger } from './PartialMerger.js';
import { partitionBuffers, type PartitionWinners } from './PartitionWinners.js';
import { scanSplit, type ScanRequest } from './scanFile.js';

/** What the main thread sends a worker: first `init` (its partition and a port to every other worker), then scans, then one flush. */
export type WorkerRequest =
  { type: 'init'; partition: number; parts: number; peers: (MessagePort | null)[] } | { type: 'scan'; request: ScanRequest; file: number } | { type: 'flush'; sortKeys: boolean };
/** What a worker sends back: a scan's counts (its winners stay in the workers), a fallback (the bytes moved back), its partition's winners, that a flush is done. */
export type WorkerReply =
  | { type: 'done'; rows: number; rejects: FilePartial['rejects'] }
  | { type: 'fallback'; fallback: string; bytes: Uint8Array }
  | { type: 'winners'; winners: PartitionWinners; partition: number }
  | { type: 'flushed' }
  | { type: 'error'; error: string };
/**
 * What workers send each other: rows of the receiver's partition, then, once flushing, that no more will come;
 * and back, each part once merged, so its sender writes the next input's rows over its buffers (`spare`).
 */
type PeerMessage = { type: 'part'; partial: FilePartial } | { type: 'end' } | { type: 'spare'; partial: FilePartial };

/**
 * A worker thread of the byte engine (ScanPool). Each worker owns one
 * partition of the keys (partitionOf): it scans the inputs it is sent, merges
 * the rows of its own partition (PartialMerger) and sends the others to
 * their owners (RowRouter); at flush, once every peer said it sent all it had, it hands
 * its partition's winners to the main thread, arrays moved, not copied, and
 * ends. So every key is reduced once, on one core, and partitions never share a key.
 */
const merger = new PartialMerger();
let partition = 0;
let parts = 1;
let peers: (MessagePort | null)[] = [];
let ended = 0;
let flushing = false;
/** Whether the flush asked for the winners in key order (text keys). */
let sortKeys = false;
/**
 * Parts merged and done with, whose buffers the next inputs' rows are written over: allocating fresh ones for
 * every input touched about a gigabyte of new pages at 10M rows, and left as much garbage between collections.
 */
const spares: FilePartial[] = [];
/** One for each part of the next input (this worker's own and a peer's). */
const SPARES = 2;

function keepSpare(partial: FilePartial): void {
  if (spares.length < SPARES) spares.push(partial);
}

function arraysOf(partial: FilePartial): ArrayBuffer[] {
  const arrays = [partial.hashes, partial.orders, partial.lines, partial.keyLengths, partial.rowLengths, partial.data, partial.files];
  return arrays.filter((a) => a !== undefined).map((a) => a.buffer as ArrayBuffer);
}

function post(reply: WorkerReply, transfer: ArrayBuffer[] = []): void {
  parentPort!.postMessage(reply, transfer);
}

function fail(err: unknown): void {
  post({ type: 'error', error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
}

/** Hands the partition over once the flush was asked for and every peer has ended. */
function handOverWhenComplete(): void {
  if (!flushing || ended < parts - 1) return;
  flushing = false;
  spares.length = 0;
  if (merger.size > 0) {
    const winners = merger.take(sortKeys);
    post({ type: 'winners', winners, partition }, partitionBuffers(winners));
  }
  post({ type: 'flushed' });
  // Its part is done: the thread ends now, so what it held (the key index, the winners' records, spare buffers: about
  // 370 MB in all at 10M rows with long keys) is freed while the main thread takes the partitions over, not after it.
  // Messages posted before are delivered first, to the main thread and to peers alike.
  process.exit(0);
}

function onPeer(message: PeerMessage, port: MessagePort): void {
  try {
    if (message.type === 'part') {
      merger.add(message.partial);
      port.postMessage({ type: 'spare', partial: message.partial } satisfies PeerMessage, arraysOf(message.partial));
    } else if (message.type === 'spare') keepSpare(message.partial);
    else {
      ended++;
      handOverWhenComplete();
    }
  } catch (err) {
    fail(err);
  }
}

function scan(request: ScanRequest, file: number): void {
  const result = scanSplit(request, parts, file, () => spares.pop());
  if ('fallback' in result) {
    // The bytes go back (moved): the main thread reads them the reference way.
    post({ type: 'fallback', fallback: result.fallback, bytes: request.bytes }, [request.bytes.buffer as ArrayBuffer]);
    return;
  }
  for (let p = 0; p < result.parts.length; p++) {
    const part = result.parts[p]!;
    if (p === partition) {
      merger.add(part);
      keepSpare(part);
    } else if (part.count > 0) peers[p]!.postMessage({ type: 'part', partial: part } satisfies PeerMessage, arraysOf(part));
  }
  post({ type: 'done', rows: result.rows, rejects: result.rejects });
}

parentPort?.on('message', (message: WorkerRequest) => {
  try {
    if (message.type === 'init') {
      ({ partition, parts, peers } = message);
      for (const port of peers) port?.on('message', (m: PeerMessage) => onPeer(m, port));
    } else if (message.type === 'flush') {
      // Messages on one port arrive in order: each peer's parts for this partition come before its `end`.
      for (const port of peers) port?.postMessage({ type: 'end' } satisfies PeerMessage);
      flushing = true;
      sortKeys = message.sortKeys;
      handOverWhenComplete();
    } else scan(message.request, message.file);
  } catch (err) {
    fail(err);
  }
});
