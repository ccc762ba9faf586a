import { compareKeyBytes } from './compareKeyBytes.js';
import type { PreviousLatest } from './PreviousLatest.js';
import type { WinnerArena } from './WinnerArena.js';
import { sameBytes } from './sameBytes.js';

/**
 * The key bytes of every entry: a winner's in the arena, else a previous row's
 * in latest.csv (a plain field) or in the previous keys' blob.
 */
export class EntryKeys {
  constructor(
    private readonly prev: PreviousLatest | null,
    private readonly arena: WinnerArena,
  ) {}

  bytes(e: number): Uint8Array {
    if (this.arena.has(e)) return this.arena.bytesOf(e);
    const prev = this.prev!;
    return prev.keyStarts[e]! < prev.bytes.length ? prev.bytes : prev.blob;
  }

  start(e: number): number {
    if (this.arena.has(e)) return this.arena.keyStart(e);
    const prev = this.prev!;
    const s = prev.keyStarts[e]!;
    return s < prev.bytes.length ? s : s - prev.bytes.length;
  }

  length(e: number): number {
    return this.arena.has(e) ? this.arena.keyLength(e) : this.prev!.keyLengths[e]!;
  }

  /** Whether the entry's key is the `length` bytes of `bytes` at `start`. */
  equals(e: number, bytes: Uint8Array, start: number, length: number): boolean {
    let own: Uint8Array;
    let at: number;
    if (this.arena.has(e)) {
      if (this.arena.keyLength(e) !== length) return false;
      own = this.arena.bytesOf(e);
      at = this.arena.keyStart(e);
    } else {
      if (this.length(e) !== length) return false;
      own = this.bytes(e);
      at = this.start(e);
    }
    return sameBytes(own, at, bytes, start, length);
  }

  /**
   * Key order of a previous row's text key (entry < the previous rows' count: its key is the same whatever won)
   * against the `length` key bytes of `bytes` at `start`, read where latest.csv holds it (without a previous
   * latest.csv, where the entry's key is).
   */
  comparePrevious(e: number, bytes: Uint8Array, start: number, length: number): number {
    const prev = this.prev;
    if (prev === null) return compareKeyBytes(this.bytes(e), this.start(e), this.length(e), bytes, start, length);
    const s = prev.keyStarts[e]!;
    const plain = s < prev.bytes.length;
    return compareKeyBytes(plain ? prev.bytes : prev.blob, plain ? s : s - prev.bytes.length, prev.keyLengths[e]!, bytes, start, length);
  }

  /** Key order of two text keys (UTF-16 code units), on their bytes. */
  compare(a: number, b: number): number {
    return compareKeyBytes(this.bytes(a), this.start(a), this.length(a), this.bytes(b), this.start(b), this.length(b));
  }

  text(e: number): string {
    const bytes = this.bytes(e);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8', this.start(e), this.start(e) + this.length(e));
  }
}
