import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { DroplineError } from '../errors/DroplineError.js';
import type { FilePartial, ScanFallback } from './FilePartial.js';
import type { PartitionWinners } from './PartitionWinners.js';
import type { ScanRequest } from './scanFile.js';
import type { WorkerReply, WorkerRequest } from './scanWorker.js';

/** A scan done in a worker: its counts (its winners reach the main thread later, merged, through `onWinners`). */
export interface ScanCounts {
  rows: number;
  rejects: FilePartial['rejects'];
}

interface Task {
  message: WorkerRequest;
  resolve(result: ScanCounts | ScanFallback | null): void;
  reject(error: Error): void;
}

/**
 * Worker threads that scan inputs (scanWorker) so reading, scanning and
 * reducing use every core: up to `size` inputs are scanned at once, each in a
 * worker; the bytes sent move to the worker, not copied. Each worker owns one
 * partition of the keys, so the winners of every input end up reduced in
 * exactly one worker; at `flush()` each hands its partition over through
 * `onWinners` (partitions never share a key) and ends (a scan after a flush
 * starts new workers).
 */
export class ScanPool {
  private readonly idle: Worker[] = [];
  private readonly all: Worker[] = [];
  private readonly busy = new Map<Worker, Task>();
  private readonly queue: Task[] = [];
  /** Set when a worker died: its merged winners are lost. */
  private lost: DroplineError | null = null;
  /** Rejects when a worker dies: a flush waiting on its peers would never end. */
  private readonly died$: Promise<never>;
  private fail!: (error: DroplineError) => void;
  private closing = false;

  constructor(
    private readonly size: number,
    private readonly onWinners: (winners: PartitionWinners, partition: number) => void,
  ) {
    this.died$ = new Promise<never>((_, reject) => (this.fail = reject));
    this.died$.catch(() => undefined);
  }

  /** Whether the workers were started (and not closed since). */
  get started(): boolean {
    return this.all.length > 0;
  }

  scan(request: ScanRequest, file: number): Promise<ScanCounts | ScanFallback> {
    this.start();
    return this.send({ type: 'scan', request, file }) as Promise<ScanCounts | ScanFallback>;
  }

  /**
   * Every worker hands over the winners of its partition (`sortKeys`: in key order, text keys), then ends; fails if one
   * died (its winners are lost).
   */
  async flush(sortKeys = false): Promise<void> {
    if (this.lost) throw this.lost;
    if (this.all.length === 0) return;
    await Promise.race([Promise.all(this.all.map((worker) => this.send({ type: 'flush', sortKeys }, worker))), this.died$]);
  }

  async close(): Promise<void> {
    this.closing = true;
    const all = this.all.splice(0);
    this.idle.length = 0;
    await Promise.all(all.map((w) => w.terminate()));
  }

  private send(message: WorkerRequest, worker?: Worker): Promise<ScanCounts | ScanFallback | null> {
    return new Promise((resolve, reject) => {
      const task = { message, resolve, reject };
      if (worker) this.post(worker, task);
      else {
        this.queue.push(task);
        this.pump();
      }
    });
  }

  /** Starts every worker at once (on the first scan, or before), each told its partition and a port to each other one. */
  start(): void {
    if (this.all.length > 0) return;
    const ports: (MessagePort | null)[][] = Array.from({ length: this.size }, () => Array<MessagePort | null>(this.size).fill(null));
    for (let a = 0; a < this.size; a++)
      for (let b = a + 1; b < this.size; b++) {
        const { port1, port2 } = new MessageChannel();
        ports[a]![b] = port1;
        ports[b]![a] = port2;
      }
    for (let p = 0; p < this.size; p++) {
      const worker = this.spawn();
      const peers = ports[p]!;
      worker.postMessage(
        { type: 'init', partition: p, parts: this.size, peers } satisfies WorkerRequest,
        peers.filter((port) => port !== null),
      );
      this.idle.push(worker);
    }
  }

  private pump(): void {
    while (this.queue.length > 0 && this.idle.length > 0) this.post(this.idle.pop()!, this.queue.shift()!);
  }

  private post(worker: Worker, task: Task): void {
    this.busy.set(worker, task);
    const bytes = task.message.type === 'scan' ? task.message.request.bytes : null;
    const owned = bytes !== null && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
    worker.postMessage(task.message, owned ? [bytes.buffer as ArrayBuffer] : []);
  }

  /** A worker that stopped (not closed by us): the winners it held are lost, so its task, those queued and the flush fail. */
  private died(worker: Worker, error: DroplineError): void {
    if (this.closing || !this.all.includes(worker)) return;
    this.failAll(error);
    this.retire(worker);
    const task = this.busy.get(worker);
    this.busy.delete(worker);
    task?.reject(error);
  }

  /** Takes a worker out of the pool: one that died, or one that handed its partition over and ends (scanWorker), whose exit is then not a death. */
  private retire(worker: Worker): void {
    for (const list of [this.all, this.idle]) if (list.includes(worker)) list.splice(list.indexOf(worker), 1);
  }

  /** The run cannot complete: a partition's winners are lost or incomplete. */
  private failAll(error: DroplineError): void {
    this.lost ??= error;
    this.fail(error);
    for (const task of this.queue.splice(0)) task.reject(error);
  }

  private spawn(): Worker {
    const worker = new Worker(workerFile());
    this.all.push(worker);
    worker.on('message', (reply: WorkerReply) => {
      if (reply.type === 'winners') {
        // Thrown here it would be uncaught (an event listener): the flush fails instead.
        try {
          this.onWinners(reply.winners, reply.partition);
        } catch (err) {
          this.failAll(new DroplineError('INTERNAL', `taking over a byte engine worker's keys failed: ${(err as Error).message}`, {}, { cause: err }));
        }
        return;
      }
      const task = this.busy.get(worker);
      this.busy.delete(worker);
      if (task?.message.type === 'scan') this.idle.push(worker);
      if (reply.type === 'flushed') this.retire(worker);
      if (reply.type === 'error') {
        const error = new DroplineError('INTERNAL', `a byte engine worker failed: ${reply.error}`);
        task?.reject(error);
        this.failAll(error);
      } else if (reply.type === 'done') task?.resolve({ rows: reply.rows, rejects: reply.rejects });
      else if (reply.type === 'fallback') task?.resolve({ fallback: reply.fallback, bytes: reply.bytes });
      else task?.resolve(null);
      this.pump();
    });
    worker.on('exit', (code) => this.died(worker, new DroplineError('INTERNAL', `a byte engine worker exited (code ${code}); run again, or with --engine reference`)));
    worker.on('error', (err) =>
      this.died(worker, new DroplineError('INTERNAL', `a byte engine worker stopped: ${err.message}; run again, or with --engine reference`, {}, { cause: err })),
    );
    return worker;
  }
}

/** scanWorker.js beside this module (tsc's build/) or under engine/ of the bundle (dist/, from a chunk or the CLI). */
function workerFile(): URL {
  for (const candidate of ['./scanWorker.js', './engine/scanWorker.js', '../engine/scanWorker.js']) {
    const url = new URL(candidate, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url;
  }
  throw new DroplineError(
    'INTERNAL',
    `the byte engine's worker (engine/scanWorker.js) is missing beside ${fileURLToPath(import.meta.url)}; reinstall dropline, or run with --engine reference`,
  );
}
