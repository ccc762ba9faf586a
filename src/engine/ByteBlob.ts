import { growArray } from './growArray.js';

/** A growable run of bytes (key bytes that are not a plain field of latest.csv). */
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

  append(source: Uint8Array, start: number, end: number): void {
    this.bytes = growArray(this.bytes, this.length + end - start);
    this.bytes.set(source.subarray(start, end), this.length);
    this.length += end - start;
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
