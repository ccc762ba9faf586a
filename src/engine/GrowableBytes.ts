import { copyBytes } from './copyBytes.js';

/**
 * A byte buffer that grows by doubling: scratch space the byte engine reuses
 * row after row (a key or a row being built) without allocating per row.
 */
export class GrowableBytes {
  bytes: Uint8Array;
  length = 0;

  constructor(capacity = 256) {
    this.bytes = new Uint8Array(capacity);
  }

  reset(): void {
    this.length = 0;
  }

  /** Makes room for `more` bytes after the current length. */
  reserve(more: number): void {
    const needed = this.length + more;
    if (needed <= this.bytes.length) return;
    let capacity = this.bytes.length * 2;
    while (capacity < needed) capacity *= 2;
    const next = new Uint8Array(capacity);
    next.set(this.bytes.subarray(0, this.length));
    this.bytes = next;
  }

  push(byte: number): void {
    if (this.length === this.bytes.length) this.reserve(1);
    this.bytes[this.length++] = byte;
  }

  /** Appends `source[start..end)`. */
  append(source: Uint8Array, start: number, end: number): void {
    const n = end - start;
    this.reserve(n);
    copyBytes(source, start, this.bytes, this.length, n);
    this.length += n;
  }

  /** Appends the UTF-8 of `text`. */
  appendText(text: string): void {
    this.reserve(text.length * 3);
    this.length += encoder.encodeInto(text, this.bytes.subarray(this.length)).written;
  }
}

const encoder = new TextEncoder();
