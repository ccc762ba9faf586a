import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import type { Logger } from '../logging/Logger.js';
import type { SnapshotManifest } from '../snapshots/SnapshotManifest.js';
import type { Source, SourceInput } from '../sources/Source.js';
import type { ChangedRow } from '../table/ChangedRow.js';
import type { LatestContent } from '../table/LatestContent.js';
import type { Table } from '../table/Table.js';
import type { RowReject } from '../validation/Validator.js';
import type { FileOutcome } from './InputIngestor.js';

/** One run's reading and merging of its inputs, as the runner hands it to an engine. */
export interface IngestJob {
  definition: PipelineDefinition;
  source: Source;
  /** In merge order. */
  inputs: SourceInput[];
  /** The snapshot the run builds on (null: the first run). */
  head: SnapshotManifest | null;
  /** Content hash -> name of the inputs already ingested (empty with --force); the engine adds those it processes. */
  seen: Map<string, string>;
  log: Logger;
  /** After each input, in order, with the rows read so far. */
  fileDone(outcome: FileOutcome, rowsRead: number): Promise<void>;
  /** While an input is read: progress. */
  rowsRead(filesDone: number, rows: number): void;
}

/** The new latest table a run merged. */
export interface MergedLatest {
  content: LatestContent;
  inserted: number;
  updated: number;
  /** The whole table as rows (sinks that publish in full), built when asked. */
  table(): Promise<Table>;
  /**
   * The rows inserted or updated, in `content.columns` order (sinks that show the parent snapshot publish just
   * these); null when the columns differ from the parent's (a sink then publishes in full).
   */
  changed(): string[][] | null;
  /**
   * Optional: the same rows (those whose latest.csv line is new or differs from the parent's), each as its
   * latest.csv line with the input and line it came from, in key order: the run's changeset. Null when
   * `changed()` is. Without it (and without `content.chunksWithChanges`, which tells the same rows while latest.csv
   * is written, as the byte engine does), the store keeps the snapshot as a full copy (no provenance).
   */
  changes?(): Iterable<ChangedRow> | null;
}

/** What an engine made of the inputs. */
export interface DropResult {
  outcomes: FileOutcome[];
  rejects: RowReject[];
  /** Data records read, valid or not. */
  read: number;
  /** Builds the new latest table (sorting, in the reference engine); null when no input was processed (nothing to commit). */
  finish: (() => MergedLatest) | null;
}

/**
 * Reads, validates and merges a run's inputs into the new latest table. The
 * reference engine does it row by row through the Validator and Merger; the
 * byte engine on bytes, in worker threads. Same inputs, same result, byte for byte.
 */
export interface MergeEngine {
  /** Null when this engine declines the job before reading any input (the runner then uses the reference engine). */
  ingest(job: IngestJob): Promise<DropResult | null>;
}

/** Which engine ran a job: the run summary's `engine`. */
export type EngineName = 'bytes' | 'reference';
