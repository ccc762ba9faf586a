import type { ChangeListener } from '../table/ChangeListener.js';
import type { LatestContent } from '../table/LatestContent.js';

/** What the byte engine's merge produced: the new latest.csv, streamed, and what changed. */
export interface ByteMergeResult {
  columns: string[];
  rows: number;
  inserted: number;
  updated: number;
  /**
   * latest.csv's bytes, header line first, in chunks of about 1 MB, as an iterable consumed once (never one
   * whole-table buffer); `changes`, when given, hears each inserted or updated row as its line is written, with the
   * input and line it came from (the run's changeset, in the same pass).
   */
  chunks(changes?: ChangeListener): Iterable<Buffer>;
  /** A chunk the consumer of chunks() is done with, to be filled again (LatestContent.recycle). */
  recycle(chunk: Uint8Array): void;
  /** All of the above as the store takes a new latest.csv. */
  latestContent(): LatestContent;
  /** The index of the latest.csv just streamed by chunks() (call after it is consumed). */
  index(): Uint8Array[];
  /** The rows that were inserted or updated, as string arrays in `columns` order, in key order. */
  changedRows(): string[][];
}
