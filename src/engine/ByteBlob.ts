import { copyBytes } from './copyBytes.js';
import { growArray } from './growArray.js';

const encoder = new TextEncoder();

/** A growable run of bytes (key bytes that are not a plain field of latest.csv; a key or row the scanner builds, reused row after row). */
export class ByteBlob {
  bytes: Uint8Array;
  length = 0;

  constructor(capacity = 1024) {
    this.bytes = new Uint8Array(capacity);
  }

  push(byte: number): void {
    if (this.length === this.bytes.length) this.bytes = growArray(this.bytes, this.length + 1);
    this.bytes[this.length++] = byte;
  }

  /** Empties it, keeping its buffer. */
  reset(): void {
    this.length = 0;
  }

  append(source: Uint8Array, start: number, end: number): void {
    this.bytes = growArray(this.bytes, this.length + end - start);
    copyBytes(source, start, this.bytes, this.length, end - start);
    this.length += end - start;
  }

  /** Appends the UTF-8 of `text`. */
  appendText(text: string): void {
    this.bytes = growArray(this.bytes, this.length + text.length * 3);
    this.length += encoder.encodeInto(text, this.bytes.subarray(this.length)).written;
  }

  /** A quoted field's value: its bytes with doubled quotes made single. */
  appendUnquoted(source: Uint8Array, start: number, end: number): void {
    this.bytes = growArray(this.bytes, this.length + end - start);
    for (let i = start; i < end; i++) {
      this.bytes[this.length++] = source[i]!;
      if (source[i] === 34) i++;
    }
  }
}
