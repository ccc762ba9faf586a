import { tableToCsvChunks } from '../csv/tableToCsv.js';
import type { ChangeListener } from './ChangeListener.js';
import type { Table } from './Table.js';

/**
 * A new latest.csv on its way to the store, as a stream of bytes: the header
 * line, then the rows sorted by key, in chunks of about 1 MB, consumed once.
 * The byte engine streams it from its winners; a Table becomes one with
 * `tableContent`. `index`, when given, is a sidecar the engine reads back on
 * the next run instead of parsing latest.csv (opaque to the store).
 */
export interface LatestContent {
  readonly columns: string[];
  readonly rows: number;
  /** Each chunk is its own: never changed or reused once yielded, unless the consumer gives it back (recycle). */
  chunks(): Iterable<Uint8Array>;
  /**
   * Optional, offered by content that knows what its run inserted or changed (the byte engine): the chunks
   * chunks() gives, while `changes` hears each such row as its line is written, in key order, before the chunk
   * that ends the line is yielded. The store writes the run's changeset from it in the same pass as latest.csv
   * (and then reads no SnapshotDraft.changes).
   */
  chunksWithChanges?(changes: ChangeListener): Iterable<Uint8Array>;
  /** Called once `chunks()` is consumed. */
  index?(): Uint8Array;
  /** Optional, as `index` but in pieces written one after the other (no copy into one buffer). */
  indexPieces?(): Uint8Array[];
  /**
   * Optional: the consumer is done with a chunk it was given (written, hashed, copied) and the content may fill it
   * again, so a table is written through a few buffers instead of a new one per chunk (each new one costs its pages).
   */
  recycle?(chunk: Uint8Array): void;
}

export function tableContent(table: Table): LatestContent {
  return { columns: table.columns, rows: table.rows.length, chunks: () => tableToCsvChunks(table) };
}
