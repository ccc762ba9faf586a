import { createHash } from 'node:crypto';
import { HashThread } from './HashThread.js';
import { writeAll } from './writeAll.js';

/** Up to this many bytes are hashed on the calling thread: less than the hash thread's start-up would save. */
const INLINE = 4 << 20;

/**
 * A hex SHA-256 over bytes given piece by piece, computed on the hash thread
 * (HashThread) once more than 4 MB come, so a large file's hash costs the
 * caller a copy instead of the hash; smaller inputs are hashed here at
 * `digest()`, and never start the thread. With `fd`, the same bytes are
 * written to that file, in order, where it stands (by the hash thread too, or
 * here at `digest()`): all of them once the digest is known. `update` copies
 * what it is given (the bytes may change once it resolves); `keep` takes bytes
 * that stay.
 */
export class Sha256Stream {
  private held: Uint8Array[] = [];
  private heldBytes = 0;
  private thread: HashThread | null = null;
  private id = 0;

  /** `syncEvery`: on the hash thread, the file is flushed to disk every so many bytes (its writer's final fsync then waits less). */
  constructor(
    private readonly fd = -1,
    private readonly syncEvery = 0,
  ) {}

  async update(bytes: Uint8Array): Promise<void> {
    if (await this.onThread(bytes, true)) await this.thread!.update(this.id, bytes);
  }

  /**
   * Hashes bytes that stay as they are until the digest: those in a
   * SharedArrayBuffer go to the hash thread by reference (no copy, no wait
   * for the ring), others as `update`.
   */
  async keep(bytes: Uint8Array): Promise<void> {
    if (!(bytes.buffer instanceof SharedArrayBuffer)) return this.update(bytes);
    if (await this.onThread(bytes, false)) this.thread!.share(this.id, bytes);
  }

  /** Whether `bytes` go to the thread (started now if they make more than INLINE); else they are held (copied if `copy`). */
  private async onThread(bytes: Uint8Array, copy: boolean): Promise<boolean> {
    if (this.thread !== null) return true;
    if (this.heldBytes + bytes.length <= INLINE) {
      this.held.push(copy ? Uint8Array.prototype.slice.call(bytes) : bytes);
      this.heldBytes += bytes.length;
      return false;
    }
    this.thread = HashThread.shared();
    this.id = this.thread.open(this.fd, this.syncEvery);
    const held = this.held;
    this.held = [];
    for (const piece of held) await this.thread.update(this.id, piece);
    return true;
  }

  async digest(): Promise<string> {
    if (this.thread !== null) return this.thread.digest(this.id);
    const hash = createHash('sha256');
    for (const piece of this.held) {
      if (this.fd >= 0) writeAll(this.fd, piece);
      hash.update(piece);
    }
    this.held = [];
    return hash.digest('hex');
  }

  /** Gives the stream up (no digest will be asked for): resolves once nothing more is written to `fd`. */
  async abort(): Promise<void> {
    this.held = [];
    await this.thread?.drop(this.id);
  }
}
