import { Worker } from 'node:worker_threads';

/** The ring's slots: bytes are copied into a free one and hashed from there, so nothing is allocated per piece. */
const SLOT = 1 << 20;
const SLOTS = 16;

/**
 * The thread's whole code (a script, not a file of the bundle). Per stream
 * id: a SHA-256 and, if the stream was opened with a file descriptor, the
 * file the same bytes are appended to (flushed to disk every `syncEvery`
 * bytes, if set, so that its final fsync has little left to do). Bytes come,
 * in order, from the ring's slots (`slot`, handed back once done) or from
 * shared memory the main thread keeps unchanged (`shared`). `end` asks for
 * the digest (true) or drops the stream (acknowledged: nothing more is
 * written to its file after that). A failed write is reported at once, and
 * the stream then only waits for its end.
 */
const SOURCE = `
const { parentPort, workerData } = process.getBuiltinModule('node:worker_threads');
const { createHash } = process.getBuiltinModule('node:crypto');
const { writeSync, fdatasyncSync } = process.getBuiltinModule('node:fs');
const ring = new Uint8Array(workerData);
const open = new Map();
parentPort.on('message', ({ id, fd, syncEvery, slot, shared, start, length, end }) => {
  if (fd !== undefined) {
    open.set(id, { hash: createHash('sha256'), fd, syncEvery, unsynced: 0, failed: false });
    return;
  }
  const stream = open.get(id);
  if (end !== undefined) {
    open.delete(id);
    if (!end) parentPort.postMessage({ id, dropped: true });
    else if (!stream.failed) parentPort.postMessage({ id, hex: stream.hash.digest('hex') });
    return;
  }
  const bytes = slot !== undefined ? ring.subarray(slot * ${SLOT}, slot * ${SLOT} + length) : new Uint8Array(shared, start, length);
  if (!stream.failed) {
    try {
      if (stream.fd >= 0) for (let at = 0; at < bytes.length; ) at += writeSync(stream.fd, bytes, at, bytes.length - at);
      stream.hash.update(bytes);
      stream.unsynced += bytes.length;
      if (stream.syncEvery > 0 && stream.unsynced >= stream.syncEvery) {
        fdatasyncSync(stream.fd);
        stream.unsynced = 0;
      }
    } catch (err) {
      stream.failed = true;
      parentPort.postMessage({ id, error: { message: err.message, code: err.code, errno: err.errno, syscall: err.syscall } });
    }
  }
  if (slot !== undefined) parentPort.postMessage({ slot });
});
`;

type Reply =
  { slot: number } | { id: number; hex: string } | { id: number; dropped: true } | { id: number; error: { message: string; code?: string; errno?: number; syscall?: string } };

/**
 * A thread that computes SHA-256 beside the main thread, and can write the
 * bytes it hashes to a file, so that a large latest.csv (about 100 ms of
 * hashing per 187 MB, and as long again or longer to put its pages in the page
 * cache) costs the main thread a copy. The bytes go through a ring of shared
 * 1 MB slots (a copy costs a tenth of the hash). The thread does not keep the
 * process alive unless something waits on it. If it dies, what waits on it
 * fails, and the next stream starts a new one.
 */
export class HashThread {
  private static current: HashThread | null = null;

  /** The process's hash thread, started on first use. */
  static shared(): HashThread {
    return (HashThread.current ??= new HashThread());
  }

  private readonly ring = new SharedArrayBuffer(SLOT * SLOTS);
  private readonly view = new Uint8Array(this.ring);
  private readonly worker: Worker;
  private readonly free: number[] = Array.from({ length: SLOTS }, (_, i) => i);
  private readonly slotWaiters: { resolve(slot: number): void; reject(error: Error): void }[] = [];
  private readonly digests = new Map<number, { resolve(hex: string): void; reject(error: Error): void }>();
  private readonly drops = new Map<number, () => void>();
  /** Streams whose write failed, with the error (until their end). */
  private readonly failed = new Map<number, Error>();
  private nextId = 1;
  private failure: Error | null = null;
  private referenced = false;

  private constructor() {
    this.worker = new Worker(SOURCE, { eval: true, workerData: this.ring });
    this.worker.unref();
    this.worker.on('message', (reply: Reply) => this.receive(reply));
    this.worker.on('error', (error: Error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`the hash thread stopped (exit code ${code})`)));
  }

  /** A new stream's id; with `fd`, its bytes are also written to that file, in order, where it stands (fdatasync every `syncEvery` bytes if > 0). */
  open(fd = -1, syncEvery = 0): number {
    const id = this.nextId++;
    this.worker.postMessage({ id, fd, syncEvery });
    return id;
  }

  /** Hashes (and writes) `bytes` as the stream's next ones: resolves once they are copied (they may change after that). */
  async update(id: number, bytes: Uint8Array): Promise<void> {
    for (let at = 0; at < bytes.length; at += SLOT) {
      this.check(id);
      const length = Math.min(SLOT, bytes.length - at);
      const slot = this.free.pop() ?? (await this.waitForSlot());
      this.view.set(bytes.subarray(at, at + length), slot * SLOT);
      this.worker.postMessage({ id, slot, length });
    }
  }

  /** Hashes (and writes) bytes held in a SharedArrayBuffer as the stream's next ones, without a copy: they must not change until the digest. */
  share(id: number, bytes: Uint8Array): void {
    this.check(id);
    this.worker.postMessage({ id, shared: bytes.buffer, start: bytes.byteOffset, length: bytes.length });
  }

  /** The stream's hex digest, once every byte is hashed (and written); the stream ends. */
  digest(id: number): Promise<string> {
    try {
      this.check(id);
    } catch (err) {
      void this.drop(id);
      return Promise.reject(err as Error);
    }
    const digest = new Promise<string>((resolve, reject) => this.digests.set(id, { resolve, reject }));
    this.worker.postMessage({ id, end: true });
    this.waiting();
    return digest;
  }

  /** Ends a stream without its digest (one given up on a failure): resolves once nothing more is written to its file. */
  drop(id: number): Promise<void> {
    this.failed.delete(id);
    if (this.failure) return Promise.resolve();
    const dropped = new Promise<void>((resolve) => this.drops.set(id, resolve));
    this.worker.postMessage({ id, end: false });
    this.waiting();
    return dropped;
  }

  private check(id: number): void {
    const error = this.failure ?? this.failed.get(id);
    if (error) throw error;
  }

  private waitForSlot(): Promise<number> {
    if (this.failure) return Promise.reject(this.failure);
    const slot = new Promise<number>((resolve, reject) => this.slotWaiters.push({ resolve, reject }));
    this.waiting();
    return slot;
  }

  private receive(reply: Reply): void {
    if ('slot' in reply) {
      const waiter = this.slotWaiters.shift();
      if (waiter) waiter.resolve(reply.slot);
      else this.free.push(reply.slot);
    } else if ('error' in reply) {
      const error = Object.assign(new Error(reply.error.message), reply.error);
      const digest = this.digests.get(reply.id);
      this.digests.delete(reply.id);
      if (digest) digest.reject(error);
      else if (!this.drops.has(reply.id)) this.failed.set(reply.id, error);
    } else if ('dropped' in reply) {
      this.drops.get(reply.id)?.();
      this.drops.delete(reply.id);
    } else {
      const digest = this.digests.get(reply.id);
      this.digests.delete(reply.id);
      digest?.resolve(reply.hex);
    }
    this.waiting();
  }

  /** Keeps the process alive exactly while something waits on the thread. */
  private waiting(): void {
    const wanted = this.slotWaiters.length + this.digests.size + this.drops.size > 0;
    if (wanted === this.referenced) return;
    this.referenced = wanted;
    if (wanted) this.worker.ref();
    else this.worker.unref();
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    if (HashThread.current === this) HashThread.current = null;
    for (const waiter of this.slotWaiters.splice(0)) waiter.reject(error);
    for (const digest of this.digests.values()) digest.reject(error);
    this.digests.clear();
    for (const dropped of this.drops.values()) dropped();
    this.drops.clear();
    this.waiting();
  }
}
