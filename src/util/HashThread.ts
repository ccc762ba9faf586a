import { Worker } from 'node:worker_threads';

/** The ring's slots: bytes are copied into a free one and hashed from there, so nothing is allocated per piece. */
const SLOT = 1 << 20;
const SLOTS = 16;

/**
 * The thread's whole code (a script, not a file of the bundle): per stream id
 * a SHA-256 fed, in the order messages come, from the ring's slots (`slot`,
 * acknowledged once hashed) or from shared memory the main thread keeps
 * unchanged (`shared`). `end` asks for the digest (true) or drops the stream.
 */
const SOURCE = `
const { parentPort, workerData } = process.getBuiltinModule('node:worker_threads');
const { createHash } = process.getBuiltinModule('node:crypto');
const ring = new Uint8Array(workerData);
const open = new Map();
parentPort.on('message', ({ id, slot, shared, start, length, end }) => {
  let hash = open.get(id);
  if (hash === undefined) open.set(id, (hash = createHash('sha256')));
  if (slot !== undefined) {
    hash.update(ring.subarray(slot * ${SLOT}, slot * ${SLOT} + length));
    parentPort.postMessage({ slot });
  } else if (shared !== undefined) {
    hash.update(new Uint8Array(shared, start, length));
  } else {
    open.delete(id);
    if (end) parentPort.postMessage({ id, hex: hash.digest('hex') });
  }
});
`;

type Reply = { slot: number } | { id: number; hex: string };

/**
 * A thread that computes SHA-256 beside the main thread, so that hashing a
 * large latest.csv (about 100 ms per 187 MB) runs on another core while the
 * main thread writes or parses. The bytes go through a ring of shared 1 MB
 * slots (a copy costs a tenth of the hash). The thread does not keep the
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

  /** A new stream's id. */
  open(): number {
    return this.nextId++;
  }

  /** Hashes `bytes` as the stream's next ones: resolves once they are copied (they may change after that). */
  async update(id: number, bytes: Uint8Array): Promise<void> {
    if (this.failure) throw this.failure;
    for (let at = 0; at < bytes.length; at += SLOT) {
      const length = Math.min(SLOT, bytes.length - at);
      const slot = this.free.pop() ?? (await this.waitForSlot());
      this.view.set(bytes.subarray(at, at + length), slot * SLOT);
      this.worker.postMessage({ id, slot, length });
    }
  }

  /** Hashes bytes held in a SharedArrayBuffer as the stream's next ones, without a copy: they must not change until the digest. */
  share(id: number, bytes: Uint8Array): void {
    if (this.failure) throw this.failure;
    this.worker.postMessage({ id, shared: bytes.buffer, start: bytes.byteOffset, length: bytes.length });
  }

  /** The stream's hex digest; the stream ends. */
  digest(id: number): Promise<string> {
    if (this.failure) return Promise.reject(this.failure);
    const digest = new Promise<string>((resolve, reject) => this.digests.set(id, { resolve, reject }));
    this.worker.postMessage({ id, end: true });
    this.waiting();
    return digest;
  }

  /** Ends a stream without its digest (one given up on a failure). */
  drop(id: number): void {
    if (!this.failure) this.worker.postMessage({ id, end: false });
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
    } else {
      const digest = this.digests.get(reply.id);
      this.digests.delete(reply.id);
      digest?.resolve(reply.hex);
    }
    this.waiting();
  }

  /** Keeps the process alive exactly while something waits on the thread. */
  private waiting(): void {
    const wanted = this.slotWaiters.length + this.digests.size > 0;
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
    this.waiting();
  }
}
