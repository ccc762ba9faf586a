import { copyView } from './copyBytes.js';
import { growArray } from './growArray.js';

/** The arena's own numbers in an entry's record: chunk number + 1, key offset, key length, row length. */
const FIELDS = 4;

/**
 * The bytes of the current winners (key then row, as a FilePartial packs them), copied out of the partials into chunks
 * so no partial stays alive. A winner superseded by a longer row leaves its bytes as garbage (see put); once garbage
 * outweighs the live bytes, the live winners are copied together (compact): memory follows the winners, not the drop.
 */
export class WinnerArena {
  private chunks: Uint8Array[] = [];
  /** A DataView of each chunk, to compare keys and copy bytes four at a time (sameView, copyView). */
  private views: DataView[] = [];
  /** Chunks a compaction emptied, filled again before any new one is made. */
  private spares: Uint8Array[] = [];
  private current: Uint8Array;
  /** The 1-based number of `current` among `chunks` (adopted chunks may come after it). */
  private currentNumber = 1;
  private used = 0;
  /** The first entry that may have winner bytes: `records` hold entries from it on. */
  private base = 0;
  /**
   * Per entry from `base`, one record of `stride` 32-bit numbers: chunk number + 1 (0: no winner bytes), offset in
   * it, key and row byte lengths, then the caller's payload (see payloadAt). One record, not an array per field: an
   * entry's fields lie together (in one or two cache lines), so a put or a probe at a random entry misses the cache
   * once or twice, not once per field (a worker's 1M entries at 10M rows far outgrow the caches).
   */
  private records: Int32Array;
  /** The records as float64s (a payload's float at payloadAt(e) / 2). */
  private floats: Float64Array;
  private readonly stride: number;
  private live = 0;
  private total = 0;
  /** How many times the arena compacted, and how many chunks it made (for tests and measurements). */
  compactions = 0;
  chunksMade = 1;

  /**
   * `garbage`: how much superseded bytes may weigh against live ones before the arena compacts (1: as much). `payload`:
   * 32-bit numbers per entry the caller keeps in the entry's record (an even count: a record of 4 + 4 is 32 bytes).
   */
  constructor(
    private readonly chunkSize = 4 << 20,
    private readonly garbage = 1,
    payload = 0,
  ) {
    if (payload % 2 !== 0) throw new RangeError(`a WinnerArena payload is an even count of 32-bit numbers, not ${payload}`);
    this.stride = FIELDS + payload;
    this.records = new Int32Array(16 * this.stride);
    this.floats = new Float64Array(this.records.buffer);
    this.current = new Uint8Array(chunkSize);
    this.addChunk(this.current);
  }

  /**
   * Where the entry's payload starts in `payloadInts` (even, so a float64 of the payload is `payloadFloats[at / 2]`).
   * The entry's record must exist: the entry was put, or one after it.
   */
  payloadAt(entry: number): number {
    return (entry - this.base) * this.stride + FIELDS;
  }

  /** The records, to read and write payloads at payloadAt; a put may replace them with larger ones. */
  get payloadInts(): Int32Array {
    return this.records;
  }
  get payloadFloats(): Float64Array {
    return this.floats;
  }

  /**
   * Entries below `base` never get winner bytes (an incremental run's previous rows, when the run's winners are new
   * entries), so the records cover the run's entries only, not the previous table's. Before any put.
   */
  startAt(base: number): void {
    this.base = base;
  }

  has(entry: number): boolean {
    const r = (entry - this.base) * this.stride;
    return r >= 0 && r < this.records.length && this.records[r]! !== 0;
  }

  /** The chunk holding the entry's bytes, the offset of its key, and its key and row lengths. */
  bytesOf(entry: number): Uint8Array {
    return this.chunks[this.records[(entry - this.base) * this.stride]! - 1]!;
  }
  /** bytesOf as a DataView (to compare four bytes at a time: sameView). */
  viewOf(entry: number): DataView {
    return this.views[this.records[(entry - this.base) * this.stride]! - 1]!;
  }
  keyStart(entry: number): number {
    return this.records[(entry - this.base) * this.stride + 1]!;
  }
  keyLength(entry: number): number {
    return this.records[(entry - this.base) * this.stride + 2]!;
  }
  rowStart(entry: number): number {
    const r = (entry - this.base) * this.stride;
    return this.records[r + 1]! + this.records[r + 2]!;
  }
  rowLength(entry: number): number {
    return this.records[(entry - this.base) * this.stride + 3]!;
  }

  /**
   * Reads entries' records, or then the first byte of their keys or rows, for `entries[from..to)` (an entry with no
   * record is passed over), and returns a number made of what it read. Used ahead of entries wanted in a random order
   * (the output, in key order; the merge, as rows come): a tight loop of independent reads overlaps their cache misses,
   * where the work on each entry would wait for its own misses one after another.
   */
  touch(entries: Int32Array, from: number, to: number, what: 'records' | 'keys' | 'rows'): number {
    const records = this.records;
    let read = 0;
    for (let k = from; k < to; k++) {
      const r = (entries[k]! - this.base) * this.stride;
      if (r < 0 || r >= records.length) continue;
      const chunk = records[r]!;
      read ^= what === 'records' || chunk === 0 ? chunk : this.chunks[chunk - 1]![records[r + 1]! + (what === 'rows' ? records[r + 2]! : 0)]!;
    }
    return read;
  }

  /**
   * Stores (or replaces) an entry's winner: `keyLength` key bytes then `rowLength` row bytes from `source` at `start`,
   * a DataView the caller keeps for many puts (so copyView makes no view for a row shorter than 256 bytes). A row no
   * longer than the one it replaces is written over it (its key is the same): half the garbage at 10M rows.
   */
  put(entry: number, source: DataView, start: number, keyLength: number, rowLength: number): void {
    this.reserve(entry);
    const i = entry - this.base;
    const r = i * this.stride;
    const records = this.records;
    const old = records[r] === 0 ? -1 : records[r + 3]!;
    if (rowLength <= old) {
      copyView(source, start + keyLength, this.views[records[r]! - 1]!, records[r + 1]! + keyLength, rowLength);
      records[r + 3] = rowLength;
      this.live -= old - rowLength;
    } else {
      if (old >= 0) this.live -= records[r + 2]! + old;
      this.place(i, source, start, keyLength, rowLength);
    }
    if (this.total - this.live > this.live * this.garbage && this.total > this.chunkSize * 2) this.compact();
  }

  /** Its chunks (chunkNumber counts from 1 among them), to move to another thread; the arena is not used after. */
  get chunkList(): Uint8Array[] {
    return this.chunks;
  }

  /** The 1-based number of the chunk holding the entry's bytes (0: none). */
  chunkNumber(entry: number): number {
    return this.records[(entry - this.base) * this.stride]!;
  }

  /** Takes chunks of another (a worker's arena, moved here), for `point`: returns the number to add to a 1-based place among them. */
  adoptChunks(chunks: Uint8Array[]): number {
    const base = this.chunks.length;
    for (const chunk of chunks) this.addChunk(chunk);
    return base;
  }

  /** Points a new entry at bytes of an adopted chunk (`chunk`: adoptChunks' base + the chunk's 1-based place among those adopted). */
  point(entry: number, chunk: number, start: number, keyLength: number, rowLength: number): void {
    this.reserve(entry);
    const i = entry - this.base;
    this.setRecord(i * this.stride, chunk, start, keyLength, rowLength);
    this.live += keyLength + rowLength;
    this.total += keyLength + rowLength;
  }

  /** Sizes the records for entries up to `entry` (once for many, rather than doubling as they come: point). */
  reserve(entry: number): void {
    if ((entry - this.base + 1) * this.stride <= this.records.length) return;
    this.records = growArray(this.records, (entry - this.base + 1) * this.stride);
    this.floats = new Float64Array(this.records.buffer);
  }

  private setRecord(r: number, chunk: number, start: number, keyLength: number, rowLength: number): void {
    const records = this.records;
    records[r] = chunk;
    records[r + 1] = start;
    records[r + 2] = keyLength;
    records[r + 3] = rowLength;
  }

  /** Copies a winner's bytes in for index `i` (an entry less `base`). */
  private place(i: number, source: DataView, start: number, keyLength: number, rowLength: number): void {
    const size = keyLength + rowLength;
    if (this.used + size > this.current.length) {
      this.current = size <= this.chunkSize && this.spares.length > 0 ? this.spares.pop()! : this.newChunk(size);
      this.currentNumber = this.addChunk(this.current);
      this.used = 0;
    }
    const at = this.used;
    copyView(source, start, this.views[this.currentNumber - 1]!, at, size);
    this.used += size;
    this.live += size;
    this.total += size;
    this.setRecord(i * this.stride, this.currentNumber, at, keyLength, rowLength);
  }

  /** Adds a chunk and returns its 1-based number. */
  private addChunk(chunk: Uint8Array): number {
    this.views.push(new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    return this.chunks.push(chunk);
  }

  private newChunk(size: number): Uint8Array {
    this.chunksMade++;
    return new Uint8Array(Math.max(this.chunkSize, size));
  }

  /** Copies the live winners together, chunk by chunk, into the chunks already emptied (and a fresh one when none is). */
  private compact(): void {
    const [old, oldViews] = [this.chunks, this.views];
    // The live winners grouped by the chunk they are in (in entry order within each).
    const records = this.records;
    const stride = this.stride;
    const count = records.length / stride;
    const starts = new Int32Array(old.length + 2);
    for (let e = 0; e < count; e++) starts[records[e * stride]! + 1]!++;
    for (let c = 1; c < starts.length; c++) starts[c]! += starts[c - 1]!;
    const byChunk = new Int32Array(count);
    const next = starts.slice();
    for (let e = 0; e < count; e++) byChunk[next[records[e * stride]!]!++] = e;
    // Chunks left empty since the last compaction start it and take winners in first: a chunk dropped here and
    // made anew would be fresh pages to fault in (at 10M rows, half the workers' page faults were the arena's).
    this.chunks = [];
    this.views = [];
    this.current = this.spares.pop() ?? this.newChunk(0);
    this.currentNumber = this.addChunk(this.current);
    this.used = 0;
    this.live = 0;
    this.total = 0;
    // Chunk by chunk: once a chunk's winners are out, it takes the next ones in. So compacting needs one chunk more at
    // most, no second copy of the winners, and leaves no garbage (freed late by the runtime: 50-100 MB more at 10M rows).
    for (let c = 1; c <= old.length; c++) {
      const chunk = old[c - 1]!;
      for (let i = starts[c]!; i < starts[c + 1]!; i++) {
        const r = byChunk[i]! * stride;
        this.place(byChunk[i]!, oldViews[c - 1]!, records[r + 1]!, records[r + 2]!, records[r + 3]!);
      }
      if (chunk.length === this.chunkSize) this.spares.push(chunk);
    }
    this.compactions++;
  }
}
