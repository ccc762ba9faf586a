import type { RowReject, ValidRow } from '../validation/Validator.js';
import type { FilePartial } from './FilePartial.js';
import { ByteBlob } from './ByteBlob.js';
import { viewOf } from './copyBytes.js';
import { copyKeyAndRow } from './copyKeyAndRow.js';
import { growArray } from './growArray.js';
import { hashKey } from './hashKey.js';
import { partitionOf } from './partitionOf.js';
import { offerValidRow, type RowSink } from './RowSink.js';

/**
 * Passes every valid row of one input on to the partition its key belongs to
 * (partitionOf), in file order, without reducing them to one per key: the
 * partition's PartialMerger applies them one after another, and the rule
 * (greatest order; on a tie the later file, then the later row) gives the same
 * winner applied row by row as applied to a file's winner. On inputs whose
 * keys are mostly distinct, which is the common case, reducing first costs a
 * lookup per row in an index of its own and a second copy of every row for
 * almost nothing (at 10M rows about a sixth of a scan worker's time).
 * Rows are copied as they come, key then row, into the partition's buffer;
 * the input's own bytes are not kept.
 */
export class RowRouter implements RowSink {
  private readonly parts: RoutedPart[];
  private current!: RoutedPart;
  private rows = 0;
  private readonly rejects: RowReject[] = [];
  private readonly scratch = new ByteBlob();

  /**
   * `bytes`: the input's size, to size the buffers (each about its share). `spare`, when given, hands over the
   * buffers of a partial done with (merged, nothing refers to it), to be written over instead of allocating.
   */
  constructor(
    private readonly partCount: number,
    private readonly file: number,
    bytes: number,
    spare: () => FilePartial | undefined = () => undefined,
  ) {
    const share = Math.ceil(bytes / partCount);
    this.parts = Array.from({ length: partCount }, () => new RoutedPart(share, spare()));
  }

  offer(key: Uint8Array, keyStart: number, keyEnd: number, order: number, line: number): boolean {
    this.rows++;
    const hash = hashKey(key, keyStart, keyEnd);
    this.current = this.parts[this.partCount === 1 ? 0 : partitionOf(hash, this.partCount)]!;
    this.current.begin(hash, order, line, key, keyStart, keyEnd);
    return true;
  }

  setRow(row: Uint8Array, start: number, end: number): void {
    this.current.end(row, start, end);
  }

  addRow(row: ValidRow): void {
    offerValidRow(this, this.scratch, row);
  }

  addReject(reject: RowReject): void {
    this.rows++;
    this.rejects.push(reject);
  }

  /** The rows read and rejected, and the valid rows split by partition, each marked as of this input (several per key possible). */
  finishSplit(): { rows: number; rejects: RowReject[]; parts: FilePartial[] } {
    return { rows: this.rows, rejects: this.rejects, parts: this.parts.map((part) => part.finish(this.file)) };
  }
}

/** One partition's rows, in growing typed arrays. */
class RoutedPart {
  private count = 0;
  private hashes: Uint32Array;
  private orders: Float64Array;
  private lines: Uint32Array;
  private keyLengths: Uint32Array;
  private rowLengths: Uint32Array;
  private data: Uint8Array;
  private dataView: DataView;
  private used = 0;
  /** The key of the row begun, copied with its row (a key that is a field of its row needs no copy of its own). */
  private key: DataView = viewOf(new Uint8Array(0));
  private keyStart = 0;
  /**
   * The buffers keys and rows came from last, and DataViews of them: a view is made when the buffer changes (the
   * input, or a key or row the scanner rebuilt), not for every row.
   */
  private readonly keySource = new ViewCache();
  private readonly rowSource = new ViewCache();

  constructor(bytes: number, spare?: FilePartial) {
    const rows = Math.max(16, bytes >>> 6);
    // A spare's arrays are taken whole (its views cover its first rows only), however long: they grow if need be.
    const whole = <T extends Uint32Array | Float64Array | Uint8Array>(make: new (b: ArrayBuffer) => T, view: T | undefined): T | undefined =>
      view === undefined ? undefined : new make(view.buffer as ArrayBuffer);
    this.hashes = whole(Uint32Array, spare?.hashes) ?? new Uint32Array(rows);
    this.orders = whole(Float64Array, spare?.orders) ?? new Float64Array(rows);
    this.lines = whole(Uint32Array, spare?.lines) ?? new Uint32Array(rows);
    this.keyLengths = whole(Uint32Array, spare?.keyLengths) ?? new Uint32Array(rows);
    this.rowLengths = whole(Uint32Array, spare?.rowLengths) ?? new Uint32Array(rows);
    // A row's key is stored again before it: about half as much again as the input's bytes for uuid keys. Room for
    // twice that: pages never written are never touched (large buffers are mapped lazily), while growing copies.
    this.data = whole(Uint8Array, spare?.data) ?? new Uint8Array(Math.min(2 ** 31, Math.max(1024, bytes * 2)));
    this.dataView = viewOf(this.data);
  }

  begin(hash: number, order: number, line: number, key: Uint8Array, start: number, end: number): void {
    const i = this.count;
    if (i === this.hashes.length) this.grow(i + 1);
    this.hashes[i] = hash;
    this.orders[i] = order;
    this.lines[i] = line;
    this.keyLengths[i] = end - start;
    this.key = this.keySource.viewOf(key);
    this.keyStart = start;
  }

  end(row: Uint8Array, start: number, end: number): void {
    const keyLength = this.keyLengths[this.count]!;
    const rowLength = end - start;
    this.rowLengths[this.count++] = rowLength;
    if (this.used + keyLength + rowLength > this.data.length) {
      this.data = growArray(this.data, this.used + keyLength + rowLength);
      this.dataView = viewOf(this.data);
    }
    this.used = copyKeyAndRow(this.key, this.keyStart, keyLength, this.rowSource.viewOf(row), start, rowLength, this.data, this.dataView, this.used);
  }

  finish(file: number): FilePartial {
    const n = this.count;
    return {
      rows: 0,
      rejects: [],
      count: n,
      hashes: this.hashes.subarray(0, n),
      orders: this.orders.subarray(0, n),
      lines: this.lines.subarray(0, n),
      keyLengths: this.keyLengths.subarray(0, n),
      rowLengths: this.rowLengths.subarray(0, n),
      data: this.data.subarray(0, this.used),
      files: new Int32Array(n).fill(file),
    };
  }

  private grow(need: number): void {
    this.hashes = growArray(this.hashes, need);
    this.orders = growArray(this.orders, need);
    this.lines = growArray(this.lines, need);
    this.keyLengths = growArray(this.keyLengths, need);
    this.rowLengths = growArray(this.rowLengths, need);
  }
}

/** A DataView of the last buffer asked for, made again only when another is. */
class ViewCache {
  private bytes: Uint8Array | null = null;
  private view: DataView = viewOf(new Uint8Array(0));

  viewOf(bytes: Uint8Array): DataView {
    if (bytes !== this.bytes) {
      this.bytes = bytes;
      this.view = viewOf(bytes);
    }
    return this.view;
  }
}
