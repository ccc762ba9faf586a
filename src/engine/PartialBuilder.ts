import type { RowReject, ValidRow } from '../validation/Validator.js';
import type { FilePartial } from './FilePartial.js';
import { ByteBlob } from './ByteBlob.js';
import { hashKey } from './hashKey.js';
import { copyBytes, viewOf } from './copyBytes.js';
import { copyKeyAndRow } from './copyKeyAndRow.js';
import { growArray } from './growArray.js';
import { KeyIndex, type KeyProbe } from './KeyIndex.js';
import { offerValidRow, type RowSink } from './RowSink.js';
import { sameBytes } from './sameBytes.js';

const KEY_IN_ARENA = 1;
const ROW_IN_ARENA = 2;

/**
 * Reduces one file's rows to its winners, one per key (the greatest order; on
 * an equal order the later row, so rows are offered in file order), and packs
 * them into a FilePartial. Keys and rows are given as bytes: a range of the
 * file's own buffer (`source`) is only referenced until `finish` copies it; any
 * other bytes are copied into an arena that is compacted as it fills, so it
 * holds about the winners, not every row offered. The byte scanner offers rows
 * it read on bytes; the reference path (a file read by csv-parse) adds
 * ValidRows, encoded the same way. No object or string is kept per key.
 */
export class PartialBuilder implements RowSink, KeyProbe {
  private readonly index: KeyIndex;
  private orders: Float64Array;
  private lines: Uint32Array;
  private keyAt: Uint32Array;
  private keyLength: Uint32Array;
  private rowAt: Uint32Array;
  private rowLength: Uint32Array;
  private where: Uint8Array;
  private arena: Uint8Array;
  private used = 0;
  /** Arena bytes still referenced by an entry. */
  private live = 0;
  private rows = 0;
  private readonly rejects: RowReject[] = [];
  /** The entry the last successful `offer` claimed, for `setRow`. */
  private current = -1;
  private probe: Uint8Array = new Uint8Array(0);
  private probeStart = 0;
  private probeEnd = 0;
  private readonly scratch = new ByteBlob();

  constructor(
    private readonly source: Uint8Array | null = null,
    expected = 1024,
  ) {
    this.index = new KeyIndex(expected);
    const size = Math.max(16, expected);
    this.orders = new Float64Array(size);
    this.lines = new Uint32Array(size);
    this.keyAt = new Uint32Array(size);
    this.keyLength = new Uint32Array(size);
    this.rowAt = new Uint32Array(size);
    this.rowLength = new Uint32Array(size);
    this.where = new Uint8Array(size);
    // Rows read as they are never reach the arena: it starts small and grows with the rows that do.
    this.arena = new Uint8Array(4096);
  }

  /**
   * Offers one valid row by its key bytes, order and line. True when it is now
   * its key's winner: then call `setRow` with its row bytes before the next offer.
   */
  offer(key: Uint8Array, keyStart: number, keyEnd: number, order: number, line: number): boolean {
    this.rows++;
    const hash = hashKey(key, keyStart, keyEnd);
    this.probe = key;
    this.probeStart = keyStart;
    this.probeEnd = keyEnd;
    let entry = this.index.find(hash, this);
    if (entry >= 0) {
      // The reference merger's rule: a row replaces the kept one unless its order is smaller (NaN included).
      if (order < this.orders[entry]!) {
        this.current = -1;
        return false;
      }
      if ((this.where[entry]! & ROW_IN_ARENA) !== 0) this.live -= this.rowLength[entry]!;
      this.where[entry]! &= ~ROW_IN_ARENA;
    } else {
      entry = this.index.add(hash);
      if (entry >= this.orders.length) this.grow();
      const length = keyEnd - keyStart;
      this.keyLength[entry] = length;
      if (key === this.source) {
        this.keyAt[entry] = keyStart;
        this.where[entry] = 0;
      } else {
        this.where[entry] = KEY_IN_ARENA;
        this.keyAt[entry] = this.store(key, keyStart, keyEnd);
      }
    }
    this.orders[entry] = order;
    this.lines[entry] = line;
    this.rowAt[entry] = 0;
    this.rowLength[entry] = 0;
    this.current = entry;
    return true;
  }

  /** The row bytes of the winner the last `offer` accepted. */
  setRow(row: Uint8Array, start: number, end: number): void {
    const entry = this.current;
    this.rowLength[entry] = end - start;
    if (row === this.source) this.rowAt[entry] = start;
    else {
      this.rowAt[entry] = this.store(row, start, end);
      this.where[entry]! |= ROW_IN_ARENA;
    }
  }

  /** A row the reference validator accepted: key as UTF-8, values written by quoteCsvField joined by ','. */
  addRow(row: ValidRow): void {
    offerValidRow(this, this.scratch, row);
  }

  addReject(reject: RowReject): void {
    this.rows++;
    this.rejects.push(reject);
  }

  /** The file's partial: winners in the order their keys first appeared, packed (copied) into one buffer. */
  finish(): FilePartial {
    const count = this.index.size;
    let size = 0;
    for (let e = 0; e < count; e++) size += this.keyLength[e]! + this.rowLength[e]!;
    const data = new Uint8Array(size);
    const views = { source: viewOf(this.source ?? this.arena), arena: viewOf(this.arena), data: viewOf(data) };
    let at = 0;
    for (let e = 0; e < count; e++) at = this.packEntry(e, data, views, at);
    const hashes = new Uint32Array(count);
    for (let e = 0; e < count; e++) hashes[e] = this.index.hashOf(e);
    const copy = <T extends Uint32Array | Float64Array>(a: T): T => a.slice(0, count) as T;
    return {
      rows: this.rows,
      rejects: this.rejects,
      count,
      hashes,
      orders: copy(this.orders),
      lines: copy(this.lines),
      keyLengths: copy(this.keyLength),
      rowLengths: copy(this.rowLength),
      data,
    };
  }

  /** Copies an entry's key then row into `data` at `at`; returns where the next goes. */
  private packEntry(e: number, data: Uint8Array, views: { source: DataView; arena: DataView; data: DataView }, at: number): number {
    const where = this.where[e]!;
    const key = (where & KEY_IN_ARENA) !== 0 ? views.arena : views.source;
    const row = (where & ROW_IN_ARENA) !== 0 ? views.arena : views.source;
    return copyKeyAndRow(key, this.keyAt[e]!, this.keyLength[e]!, row, this.rowAt[e]!, this.rowLength[e]!, data, views.data, at);
  }

  /** Whether the entry's key is the one `offer` probes for (KeyProbe). */
  isProbed(entry: number): boolean {
    const length = this.keyLength[entry]!;
    const start = this.probeStart;
    if (this.probeEnd - start !== length) return false;
    const bytes = (this.where[entry]! & KEY_IN_ARENA) !== 0 ? this.arena : this.source!;
    const at = this.keyAt[entry]!;
    return sameBytes(bytes, at, this.probe, start, length);
  }

  /** Copies bytes into the arena; returns where they start. */
  private store(bytes: Uint8Array, start: number, end: number): number {
    const length = end - start;
    if (this.used + length > this.arena.length) this.makeRoom(length);
    const at = this.used;
    copyBytes(bytes, start, this.arena, at, length);
    this.used += length;
    this.live += length;
    return at;
  }

  /** Compacts the arena to the bytes entries still reference, doubling it if that is not room enough. */
  private makeRoom(length: number): void {
    let size = this.arena.length;
    while (this.live + length > size / 2) size *= 2;
    const next = new Uint8Array(size);
    let used = 0;
    for (let e = 0; e < this.index.size; e++) {
      const where = this.where[e]!;
      if ((where & KEY_IN_ARENA) !== 0) used = this.move(next, used, this.keyAt, this.keyLength, e);
      if ((where & ROW_IN_ARENA) !== 0) used = this.move(next, used, this.rowAt, this.rowLength, e);
    }
    this.arena = next;
    this.used = used;
  }

  private move(next: Uint8Array, used: number, at: Uint32Array, lengths: Uint32Array, entry: number): number {
    copyBytes(this.arena, at[entry]!, next, used, lengths[entry]!);
    at[entry] = used;
    return used + lengths[entry]!;
  }

  private grow(): void {
    const need = this.orders.length + 1;
    this.orders = growArray(this.orders, need);
    this.lines = growArray(this.lines, need);
    this.keyAt = growArray(this.keyAt, need);
    this.keyLength = growArray(this.keyLength, need);
    this.rowAt = growArray(this.rowAt, need);
    this.rowLength = growArray(this.rowLength, need);
    this.where = growArray(this.where, need);
  }
}
