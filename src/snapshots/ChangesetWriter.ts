import { createHash, type Hash } from 'node:crypto';
import { join } from 'node:path';
import { copyView, viewOf } from '../engine/copyBytes.js';
import type { ChangeListener } from '../table/ChangeListener.js';
import { CHANGES_DIR, CHANGES_HEADER, recordHead } from './changesFormat.js';
import { BrotliObject, OBJECT_BLOCK } from './BrotliObject.js';

/** A changes object written: its name, its rows, and the hash of the latest.csv its rows make on their own (header first). */
export interface WrittenChangeset {
  object: string;
  rows: number;
  latestSha256: string;
}

/** The size of a record block handed to the object (BrotliObject), with room for a long record. */
const BLOCK = OBJECT_BLOCK + (64 << 10);
const HASH_BLOCK = 1 << 20;
/** Consumed blocks kept for reuse, at most: more than are queued for compression at once (BrotliObject). */
const SPARES = 12;
/** A run of lines at least this long is hashed where it is, not copied. */
const RUN_IN_PLACE = 16 << 10;

/**
 * Writes a run's changeset (changesFormat) as its rows are told: latest.csv's
 * `header` line, then each changed row's record, `snapshot` its origin's
 * snapshot. `changed` only copies the record into a block (it is called in the
 * middle of latest.csv's output); full blocks wait for `drain()`, which hands
 * them to the BrotliObject (compressed on the thread pool, a few queued at
 * most). So memory stays a few blocks, whatever the count.
 */
export class ChangesetWriter implements ChangeListener {
  /**
   * The latest.csv the rows make on their own, hashed in large pieces (a hash call per row costs more than a
   * copy): lines told one after another in the same bytes (all of a first run's) as one run, hashed where they
   * are; shorter runs copied together into `hashed` first.
   */
  private readonly latest: Hash;
  private readonly hashed = Buffer.allocUnsafe(HASH_BLOCK);
  private readonly hashedView = viewOf(this.hashed);
  private pending = 0;
  private run: Uint8Array | null = null;
  /** `run` as a DataView (the told bytes' view: a short run is copied without a view made for it). */
  private runView: DataView | null = null;
  private runStart = 0;
  private runEnd = 0;
  /** The input of the last row told, and its record prefix. */
  private lastFile: string | null = null;
  private lastHead = viewOf(Buffer.alloc(0));
  private block = Buffer.allocUnsafe(BLOCK);
  /** DataViews of the block and of the bytes rows were last told in (copyView: nothing allocated per row). */
  private blockView = viewOf(this.block);
  private told: Uint8Array | null = null;
  private toldView = this.blockView;
  private at = 0;
  /** Blocks filled, in order, not yet handed to the object. */
  private full: Buffer[] = [];
  /**
   * Blocks the compressor has consumed, filled again before a new one is made: a new 2 MB block per fill was
   * about 530 MB of new buffers in a first run of 3.7M rows, and V8 ran a full collection every 70-80 ms for them.
   */
  private readonly spares: Buffer<ArrayBuffer>[] = [];
  private count = 0;
  /** The prefix up to the line number, per input: `<snapshot>,<file>,`; numbers are written as digits straight into the block. */
  private readonly heads = new Map<string, DataView>();

  private constructor(
    private readonly object: BrotliObject,
    header: Buffer,
    private readonly snapshot: string,
  ) {
    this.latest = createHash('sha256').update(header);
    this.at += CHANGES_HEADER.copy(this.block, this.at);
    this.at += header.copy(this.block, this.at);
  }

  static async create(storeDir: string, header: Buffer, snapshot: string): Promise<ChangesetWriter> {
    return new ChangesetWriter(await BrotliObject.create(join(storeDir, CHANGES_DIR)), header, snapshot);
  }

  /** Whether blocks wait for drain(). */
  get filled(): boolean {
    return this.full.length > 0;
  }

  changed(bytes: Uint8Array, start: number, end: number, file: string, fileLine: number): void {
    let head = this.lastHead;
    if (file !== this.lastFile) {
      const known = this.heads.get(file);
      head = known ?? viewOf(Buffer.from(recordHead(this.snapshot, file), 'utf8'));
      if (known === undefined) this.heads.set(file, head);
      this.lastFile = file;
      this.lastHead = head;
    }
    if (bytes !== this.told) {
      this.told = bytes;
      this.toldView = viewOf(bytes);
    }
    const length = end - start;
    const need = head.byteLength + 24 + length + 1;
    if (this.at + need > this.block.length) {
      this.full.push(this.block.subarray(0, this.at));
      this.block = (need <= BLOCK ? this.spares.pop() : undefined) ?? Buffer.allocUnsafe(Math.max(BLOCK, need));
      this.blockView = viewOf(this.block);
      this.at = 0;
    }
    const block = this.block;
    copyView(head, 0, this.blockView, this.at, head.byteLength);
    let at = this.at + head.byteLength;
    if (fileLine > 0) at = writeDigits(block, at, fileLine);
    block[at++] = 44;
    at = writeDigits(block, at, length);
    block[at++] = 44;
    copyView(this.toldView, start, this.blockView, at, length);
    at += length;
    block[at++] = 10;
    this.at = at;
    // The line and its line end (ChangeListener: bytes[end] is the LF, left as it is).
    if (bytes === this.run && start === this.runEnd) this.runEnd = end + 1;
    else {
      this.hashRun();
      this.run = bytes;
      this.runView = this.toldView;
      this.runStart = start;
      this.runEnd = end + 1;
    }
    this.count++;
  }

  /** The lines told so far may change now: their run is hashed (ChangeListener). */
  seal(): void {
    this.hashRun();
  }

  /** Hashes the run of lines told so far: where it is when long, else copied with other short ones first. */
  private hashRun(): void {
    const run = this.run;
    if (run === null) return;
    this.run = null;
    const length = this.runEnd - this.runStart;
    if (this.pending + length > HASH_BLOCK || length >= RUN_IN_PLACE) {
      this.latest.update(this.hashed.subarray(0, this.pending));
      this.pending = 0;
    }
    if (length >= RUN_IN_PLACE) this.latest.update(new Uint8Array(run.buffer, run.byteOffset + this.runStart, length));
    else {
      copyView(this.runView!, this.runStart, this.hashedView, this.pending, length);
      this.pending += length;
    }
  }

  /** Hands the full blocks to the object, waiting while too much is queued for compression. */
  async drain(): Promise<void> {
    const full = this.full;
    this.full = [];
    for (const block of full) await this.object.write(block, () => this.recycle(block));
  }

  /** A block the compressor is done with: kept to be filled again (one of the usual size, a few at most). */
  private recycle(block: Buffer): void {
    if (block.byteOffset === 0 && block.buffer.byteLength === BLOCK && this.spares.length < SPARES) this.spares.push(Buffer.from(block.buffer as ArrayBuffer, 0, BLOCK));
  }

  /** Writes the rest and names the object by its hash (an object of the same content already stored is kept). */
  async finish(): Promise<WrittenChangeset> {
    await this.drain();
    this.hashRun();
    this.latest.update(this.hashed.subarray(0, this.pending));
    if (this.at > 0) await this.object.write(this.block.subarray(0, this.at));
    const sha256 = await this.object.finish();
    return { object: `${CHANGES_DIR}/${await this.object.place(sha256)}`, rows: this.count, latestSha256: this.latest.digest('hex') };
  }

  /** Removes what was written. */
  abort(): Promise<void> {
    return this.object.abort();
  }
}

/** Writes a non-negative integer's decimal digits at `at`; returns the position after them. */
function writeDigits(block: Buffer, at: number, n: number): number {
  if (n < 10) {
    block[at] = 48 + n;
    return at + 1;
  }
  // Line numbers and lengths fit 31 bits (integer division, `| 0`, called twice per row); larger ones take Math.floor.
  const small = n < 2 ** 31;
  let digits = 1;
  for (let x = n; x >= 10; x = small ? (x / 10) | 0 : Math.floor(x / 10)) digits++;
  let rest = n;
  for (let i = digits - 1; i >= 0; i--) {
    block[at + i] = 48 + (rest % 10);
    rest = small ? (rest / 10) | 0 : Math.floor(rest / 10);
  }
  return at + digits;
}
