import { copyView, viewOf } from './copyBytes.js';

/** Staging buffers kept for reuse at most: more than a consumer holds at once (stageContent: an object's block, OBJECT_BLOCK). */
const SPARES = 16;

/**
 * Collects output bytes into chunks of about `size` bytes: small pieces are
 * copied into a staging buffer, long runs of another buffer are handed on as
 * views (no copy). Keeps the count of everything written.
 */
export class ChunkWriter {
  /** Chunks ready to hand on, in order. */
  ready: Buffer[] = [];
  position = 0;
  private staging: Buffer;
  /** `staging` as a DataView, for writeView. */
  private stagingView: DataView;
  private used = 0;
  /** Staging buffers handed back (recycle), filled again before a new one is made; and those handed on, not yet back. */
  private readonly spares: Buffer[] = [];
  private readonly lent = new WeakSet<ArrayBufferLike>();

  constructor(private readonly size = 1 << 20) {
    this.staging = this.fresh();
    this.stagingView = viewOf(this.staging);
  }

  /** A chunk handed on and no longer used by its consumer: its buffer, if it was a staging buffer, is filled again. */
  recycle(chunk: Uint8Array): void {
    if (chunk.byteOffset === 0 && this.lent.delete(chunk.buffer) && this.spares.length < SPARES) this.spares.push(Buffer.from(chunk.buffer, 0, this.size));
  }

  private fresh(): Buffer {
    return Buffer.allocUnsafeSlow(this.size);
  }

  /** Copies `source[start..end)`; a piece of 64 KB or more goes out as views instead. */
  write(source: Uint8Array, start: number, end: number): void {
    if (end - start >= 1 << 16) {
      this.view(source, start, end);
      return;
    }
    while (start < end) {
      if (this.used === this.staging.length) this.flush();
      const n = Math.min(end - start, this.staging.length - this.used);
      if (n < 16) for (let i = 0; i < n; i++) this.staging[this.used + i] = source[start + i]!;
      else this.staging.set(source.subarray(start, start + n), this.used);
      this.used += n;
      start += n;
      this.position += n;
    }
  }

  /** As write, from a DataView the caller keeps (copyView: nothing allocated per piece). */
  writeView(source: DataView, start: number, end: number): void {
    if (end - start >= 1 << 16) {
      this.view(new Uint8Array(source.buffer, source.byteOffset, source.byteLength), start, end);
      return;
    }
    while (start < end) {
      if (this.used === this.staging.length) this.flush();
      const n = Math.min(end - start, this.staging.length - this.used);
      copyView(source, start, this.stagingView, this.used, n);
      this.used += n;
      start += n;
      this.position += n;
    }
  }

  byte(value: number): void {
    if (this.used === this.staging.length) this.flush();
    this.staging[this.used++] = value;
    this.position++;
  }

  /**
   * Where the last `length` bytes written sit in `staged`, when all of them were copied into it since it last went
   * out (none handed on as a view): their start there, else -1. Valid until the next write.
   */
  stagedStart(length: number): number {
    return this.used >= length ? this.used - length : -1;
  }

  /** The buffer being filled (see stagedStart). */
  get staged(): Buffer {
    return this.staging;
  }

  /** Everything staged goes out as one chunk. */
  flush(): void {
    if (this.used === 0) return;
    this.push(this.staging.subarray(0, this.used));
    this.lent.add(this.staging.buffer);
    this.staging = this.spares.pop() ?? this.fresh();
    this.stagingView = viewOf(this.staging);
    this.used = 0;
  }

  private view(source: Uint8Array, start: number, end: number): void {
    this.flush();
    for (let at = start; at < end; at += this.size) {
      this.push(Buffer.from(source.buffer, source.byteOffset + at, Math.min(this.size, end - at)));
    }
    this.position += end - start;
  }

  private push(chunk: Buffer): void {
    this.ready.push(chunk);
  }
}
