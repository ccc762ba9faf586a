import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DroplineError } from '../errors/DroplineError.js';
import type { FilePartial, ScanFallback } from './FilePartial.js';
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
 * worker; the bytes sent move to the worker, not copied. Each worker merges
 * the winners of the inputs it scanned and hands them over through
 * `onWinners` when they outgrow its budget, and at `flush()`.
 */
export class ScanPool {
  private readonly idle: Worker[] = [];
  private readonly all: Worker[] = [];
  private readonly busy = new Map<Worker, Task>();
  private readonly queue: Task[] = [];

  constructor(
    private readonly size: number,
    private readonly onWinners: (partial: FilePartial) => void,
  ) {}

  scan(request: ScanRequest, file: number): Promise<ScanCounts | ScanFallback> {
    return this.send({ type: 'scan', request, file }) as Promise<ScanCounts | ScanFallback>;
  }

  /** Every worker hands over the winners it holds. */
  async flush(): Promise<void> {
    await Promise.all(this.all.map((worker) => this.send({ type: 'flush' }, worker)));
  }

  async close(): Promise<void> {
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

  private pump(): void {
    while (this.queue.length > 0 && (this.idle.length > 0 || this.all.length < this.size)) {
      const worker = this.idle.pop() ?? this.spawn();
      this.post(worker, this.queue.shift()!);
    }
  }

  private post(worker: Worker, task: Task): void {
    this.busy.set(worker, task);
    const bytes = task.message.type === 'scan' ? task.message.request.bytes : null;
    const owned = bytes !== null && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
    worker.postMessage(task.message, owned ? [bytes.buffer as ArrayBuffer] : []);
  }

  private spawn(): Worker {
    const worker = new Worker(workerFile());
    this.all.push(worker);
    worker.on('message', (reply: WorkerReply) => {
      if (reply.type === 'winners') {
        this.onWinners(reply.partial);
        return;
      }
      const task = this.busy.get(worker);
      this.busy.delete(worker);
      if (task?.message.type === 'scan') this.idle.push(worker);
      if (reply.type === 'error') task?.reject(new DroplineError('INTERNAL', `a byte engine worker failed: ${reply.error}`));
      else if (reply.type === 'done') task?.resolve({ rows: reply.rows, rejects: reply.rejects });
      else if (reply.type === 'fallback') task?.resolve({ fallback: reply.fallback });
      else task?.resolve(null);
      this.pump();
    });
    worker.on('error', (err) => {
      const task = this.busy.get(worker);
      this.busy.delete(worker);
      this.all.splice(this.all.indexOf(worker), 1);
      task?.reject(err);
      this.pump();
    });
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
