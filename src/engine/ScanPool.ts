import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DroplineError } from '../errors/DroplineError.js';
import type { FilePartial, ScanFallback } from './FilePartial.js';
import type { ScanRequest } from './scanFile.js';

interface Task {
  request: ScanRequest;
  resolve(result: FilePartial | ScanFallback): void;
  reject(error: Error): void;
}

/**
 * Worker threads that scan inputs (scanWorker) so reading, scanning and
 * merging use every core: up to `size` files are scanned at once, each in a
 * worker of its own; the bytes sent are moved to the worker, not copied.
 */
export class ScanPool {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Task>();
  private readonly queue: Task[] = [];
  private started = 0;

  constructor(private readonly size: number) {}

  scan(request: ScanRequest): Promise<FilePartial | ScanFallback> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    const all = [...this.idle, ...this.busy.keys()];
    this.idle.length = 0;
    await Promise.all(all.map((w) => w.terminate()));
  }

  private pump(): void {
    while (this.queue.length > 0 && (this.idle.length > 0 || this.started < this.size)) {
      const worker = this.idle.pop() ?? this.spawn();
      const task = this.queue.shift()!;
      this.busy.set(worker, task);
      const { bytes } = task.request;
      const owned = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
      worker.postMessage(task.request, owned ? [bytes.buffer as ArrayBuffer] : []);
    }
  }

  private spawn(): Worker {
    this.started++;
    const worker = new Worker(workerFile());
    worker.on('message', (message: { result?: FilePartial | ScanFallback; error?: string }) => {
      const task = this.busy.get(worker);
      this.busy.delete(worker);
      this.idle.push(worker);
      if (message.error !== undefined) task?.reject(new DroplineError('INTERNAL', `scanning ${task.request.file} failed in a worker: ${message.error}`));
      else task?.resolve(message.result!);
      this.pump();
    });
    worker.on('error', (err) => {
      const task = this.busy.get(worker);
      this.busy.delete(worker);
      this.started--;
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
