import { DroplineError } from '../errors/DroplineError.js';
import type { ChangeListener } from '../table/ChangeListener.js';
import type { LatestContent } from '../table/LatestContent.js';
import { ByteBlob } from './ByteBlob.js';
import type { ByteMergeResult } from './ByteMergeResult.js';
import { ChunkWriter } from './ChunkWriter.js';
import type { EntryKeys } from './EntryKeys.js';
import { fieldStart } from './fieldStart.js';
import type { LatestLayout } from './LatestLayout.js';
import type { PreviousLatest } from './PreviousLatest.js';
import { splitCsvRow } from './splitCsvRow.js';
import type { WinnerArena } from './WinnerArena.js';
import { writeLatestIndex, type LatestIndexContent } from './writeLatestIndex.js';
import { sameLine } from './sameLine.js';
import { copyBytes } from './copyBytes.js';
import { READ_AHEAD, readAhead } from './readAhead.js';

export interface ByteLatestState {
  layout: LatestLayout;
  prev: PreviousLatest | null;
  arena: WinnerArena;
  keys: EntryKeys;
  /** Entries in output order. */
  order: Int32Array;
  files: Int32Array;
  /** Per entry: the line its winner's record starts on in its input (0 for a previous row). */
  lines: Uint32Array;
  orders: Float64Array;
  /** The first entry `files`, `lines` and `orders` hold (entries below it are previous rows as they stood). */
  base: number;
  /** Per entry from the previous rows' count on: the previous row it takes the place of (an update), or -1 (an insert); null: none does. */
  replaces: Int32Array | null;
  /** Per file index: the lineage bytes a line gets, and the file's name. */
  suffixes: Uint8Array[];
  names: string[];
  hashOf: (entry: number) => number;
  /** Bytes per output chunk (ChunkWriter's default: 1 MB). */
  outputChunkSize?: number | undefined;
}

const KEPT = 0;
const INSERTED = 1;
const UPDATED = 2;

/**
 * The merged latest table: counts, latest.csv streamed from the previous
 * bytes (unchanged runs as views) and the winners' bytes, and its index.
 */
export class ByteLatestOutput implements ByteMergeResult {
  readonly columns: string[];
  readonly rows: number;
  inserted = 0;
  updated = 0;
  /** Per entry: KEPT (written as the previous line), INSERTED or UPDATED. */
  private readonly status: Uint8Array;
  private content: LatestIndexContent | null = null;
  private writer: ChunkWriter | null = null;
  /** What reading ahead read (readAhead), kept so those reads are not left out as unused. */
  touched = 0;

  constructor(private readonly s: ByteLatestState) {
    this.columns = s.layout.columns;
    this.rows = s.order.length;
    this.status = new Uint8Array(s.base + s.files.length);
    const loaded = s.prev?.rows ?? 0;
    for (let r = 0; r < this.rows; r++) {
      const e = s.order[r]!;
      if (e >= loaded) this.status[e] = s.replaces !== null && s.replaces[e - loaded]! >= 0 ? UPDATED : INSERTED;
      else if (e >= s.base && s.files[e - s.base]! >= 0 && !sameLine(s.prev!, e, s.arena, e, s.suffixes[s.files[e - s.base]!]!)) this.status[e] = UPDATED;
      if (this.status[e] === INSERTED) this.inserted++;
      else if (this.status[e] === UPDATED) this.updated++;
    }
  }

  *chunks(changes?: ChangeListener): Iterable<Buffer> {
    const { layout, prev, arena, order, files, suffixes } = this.s;
    const n = this.rows;
    const out = (this.writer = new ChunkWriter(this.s.outputChunkSize));
    const lineStarts = new Uint32Array(n + 1);
    const keyStarts = new Float64Array(n);
    const keyLengths = new Uint32Array(n);
    // Only the index of a table whose key is not text keeps orders and hashes (LatestIndexFormat).
    const hashes = layout.textKey ? null : new Uint32Array(n);
    const orders = layout.textKey ? null : new Float64Array(n);
    const blob = new ByteBlob();
    const single = layout.keyIndexes.length === 1;
    const { hashOf, orders: entryOrders, base } = this.s;
    const status = this.status;
    out.write(layout.header, 0, layout.header.length);
    let runFrom = 0;
    let runTo = 0;
    // Worth it when most rows come from the arena (a first run); not for 100k rows into 2M (0.06 s more).
    let readTo = this.inserted + this.updated >= n / 4 ? 0 : n;
    for (let r = 0; r < n; r++) {
      const e = order[r]!;
      if (r >= readTo) {
        readTo = Math.min(n, r + READ_AHEAD);
        this.touched ^= readAhead(this.s, status, r, readTo);
      }
      const lineStart = out.position + (runTo - runFrom);
      lineStarts[r] = lineStart;
      if (hashes !== null && orders !== null) {
        hashes[r] = hashOf(e);
        // A kept row's order is its previous one (the same line, so the same timestamp).
        orders[r] = status[e] === KEPT ? prev!.orders![e]! : entryOrders[e - base]!;
      }
      if (status[e] === KEPT) {
        const { lineStarts: prevLines, keyStarts: prevKeys, keyLengths: prevKeyLengths } = prev!;
        const from = prevLines[e]!;
        if (runTo !== from) {
          out.write(prev!.bytes, runFrom, runTo);
          runFrom = from;
        }
        const k = prevKeys[e]!;
        keyLengths[r] = prevKeyLengths[e]!;
        if (k < prev!.bytes.length) keyStarts[r] = lineStart + k - from;
        else keyStarts[r] = this.toBlob(blob, prev!.blob, k - prev!.bytes.length, keyLengths[r]!);
        // The kept rows that follow this one in the previous latest.csv too (most of an unchanged table) extend
        // the same run of its bytes: their offsets only shift; their hashes, orders and key lengths are copied whole.
        const shift = lineStart - from;
        const plain = prev!.bytes.length;
        let next = e + 1;
        for (let at = r + 1; at < n && order[at] === next && status[next] === KEPT && prevKeys[next]! < plain; at++) next++;
        keyLengths.set(prevKeyLengths.subarray(e + 1, next), r + 1);
        hashes?.set(prev!.hashes!.subarray(e + 1, next), r + 1);
        orders?.set(prev!.orders!.subarray(e + 1, next), r + 1);
        for (let p = e + 1; p < next; p++) {
          r++;
          lineStarts[r] = prevLines[p]! + shift;
          keyStarts[r] = prevKeys[p]! + shift;
        }
        runTo = prevLines[next]!;
      } else {
        out.write(prev?.bytes ?? layout.header, runFrom, runTo);
        runFrom = runTo = 0;
        const bytes = arena.bytesOf(e);
        const rowStart = arena.rowStart(e);
        const rowEnd = rowStart + arena.rowLength(e);
        const suffix = suffixes[files[e - base]!]!;
        out.writeView(arena.viewOf(e), rowStart, rowEnd);
        out.write(suffix, 0, suffix.length);
        out.byte(10);
        if (changes !== undefined) this.tell(changes, out, e, bytes, rowStart, rowEnd, suffix);
        keyLengths[r] = arena.keyLength(e);
        const field = single ? fieldStart(bytes, rowStart, rowEnd, layout.keyIndexes[0]!) : -1;
        keyStarts[r] = field >= 0 ? lineStart + field - rowStart : this.toBlob(blob, bytes, arena.keyStart(e), keyLengths[r]!);
      }
      if (out.ready.length > 0) {
        // The chunks may come back to be filled again (recycle): the listener lets go of what it holds in them.
        changes?.seal?.();
        yield* out.ready;
        out.ready = [];
      }
    }
    if (runTo > runFrom) out.write(prev!.bytes, runFrom, runTo);
    out.flush();
    changes?.seal?.();
    yield* out.ready;
    out.ready = [];
    lineStarts[n] = out.position;
    // Keys kept in the blob were noted as -(offset + 1): they go after latest.csv's bytes.
    for (let r = 0; r < n; r++) if (keyStarts[r]! < 0) keyStarts[r] = out.position - keyStarts[r]! - 1;
    const latestLength = out.position;
    this.content = {
      spec: layout.spec,
      rows: n,
      latestLength,
      orders,
      keyStarts,
      hashes,
      lineStarts,
      keyLengths,
      blob: blob.bytes,
      blobLength: blob.length,
    };
  }

  latestContent(): LatestContent {
    const { columns, rows } = this;
    const index = (): Uint8Array[] => this.index();
    return {
      columns,
      rows,
      chunks: () => this.chunks(),
      chunksWithChanges: (c) => this.chunks(c),
      index: () => Buffer.concat(index()),
      indexPieces: index,
      recycle: (chunk) => this.recycle(chunk),
    };
  }

  /** A chunk of chunks() its consumer is done with (LatestContent.recycle). */
  recycle(chunk: Uint8Array): void {
    this.writer?.recycle(chunk);
  }

  /** Empty (an index every reader refuses) when latest.csv reached 4 GB, past what its u32 offsets can address. */
  index(): Uint8Array[] {
    if (this.content !== null && this.content.latestLength >= 2 ** 32) return [];
    if (this.content === null)
      throw new DroplineError('INTERNAL', 'the byte engine was asked for the index of latest.csv before streaming it: consume chunks() first, then call index()');
    return writeLatestIndex(this.content);
  }

  changedRows(): string[][] {
    const { arena, order, files, names, layout } = this.s;
    const rows: string[][] = [];
    for (let r = 0; r < this.rows; r++) {
      const e = order[r]!;
      if (this.status[e] === KEPT) continue;
      const bytes = arena.bytesOf(e);
      const start = arena.rowStart(e);
      const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8', start, start + arena.rowLength(e));
      const row = splitCsvRow(text);
      if (layout.lineage !== undefined) row.push(names[files[e - this.s.base]!]!);
      rows.push(row);
    }
    return rows;
  }

  /**
   * Tells `changes` of entry e's line, just written: read where `out` staged it, or, when part of it already went
   * out (a chunk ended in it, or a long row went out as a view), from a copy of row, lineage bytes and line end.
   */
  private tell(changes: ChangeListener, out: ChunkWriter, e: number, bytes: Uint8Array, rowStart: number, rowEnd: number, suffix: Uint8Array): void {
    const length = rowEnd - rowStart + suffix.length;
    const file = this.s.files[e - this.s.base]!;
    const line = this.s.lines[e - this.s.base]!;
    const at = out.stagedStart(length + 1);
    if (at >= 0) {
      changes.changed(out.staged, at, at + length, this.s.names[file]!, line);
      return;
    }
    // A copy of its own, never reused: the listener may read it again until the output ends.
    const copy = new Uint8Array(length + 1);
    copyBytes(bytes, rowStart, copy, 0, rowEnd - rowStart);
    copyBytes(suffix, 0, copy, rowEnd - rowStart, suffix.length);
    copy[length] = 10;
    changes.changed(copy, 0, length, this.s.names[file]!, line);
  }

  /** Notes a key in the new index's blob, as -(offset + 1) until latest.csv's length is known. */
  private toBlob(blob: ByteBlob, source: Uint8Array, start: number, length: number): number {
    const at = blob.length;
    blob.append(source, start, start + length);
    return -(at + 1);
  }
}
