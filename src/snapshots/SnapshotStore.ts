import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import type { ChangedRow } from '../table/ChangedRow.js';
import type { LatestContent } from '../table/LatestContent.js';
import type { Table } from '../table/Table.js';
import type { RowFinder } from './RowFinder.js';
import type { IngestedFile, LedgerEntry, SnapshotManifest } from './SnapshotManifest.js';

/**
 * A run's snapshot about to be committed: everything but what the store
 * derives. The new latest table comes as a `table`, or, to stores that offer
 * `readLatestBytes` (the byte engine runs only with those), as streamed `content`.
 */
export type SnapshotDraft = Pick<SnapshotManifest, 'id' | 'parent' | 'files' | 'counts' | 'headers' | 'rejects'> & {
  /** `replay` for a run over a fix file (`dropline replay`); absent: `run`. */
  kind?: 'run' | 'replay';
  /** The ledger this run extends (its parent's). */
  baseLedger: LedgerEntry[];
  /**
   * What the run inserted or changed, in key order, with where each row came from (MergedLatest.changes); absent or
   * null: not known. Not read when `content` tells them as it is written (LatestContent.chunksWithChanges).
   */
  changes?: Iterable<ChangedRow> | null;
} & ({ table: Table; content?: undefined } | { content: LatestContent; table?: undefined });

export interface ResetDraft {
  id: string;
  parent: string | null;
  target: SnapshotManifest;
  requeued: IngestedFile[];
}

export interface StoreUsage {
  snapshots: number;
  /** Bytes on disk: manifests, content objects and ledgers. */
  bytes: number;
}

/** The read side of one pipeline's snapshots: what the query side, the API and a run's start ask. A catalog in a database implements this too. */
export interface SnapshotReader {
  list(): Promise<SnapshotManifest[]>;
  head(): Promise<SnapshotManifest | null>;
  /** Throws SNAPSHOT_NOT_FOUND for an id that is malformed or absent. */
  get(id: string): Promise<SnapshotManifest>;
  readTable(manifest: SnapshotManifest): Promise<Table>;
  /** Optional: a snapshot's latest.csv bytes, checked against its checksum (the byte engine reads these). */
  readLatestBytes?(manifest: SnapshotManifest): Promise<Buffer>;
  /**
   * Optional: `use` of those bytes, called before their checksum is known so that both go on at once; if the check
   * fails, called again on bytes that pass, and only that result counts (`use` must not act on what it is given).
   */
  useLatestBytes?<T>(manifest: SnapshotManifest, use: (bytes: Buffer) => Promise<T>): Promise<T>;
  /** Optional: the sidecar index committed with that latest.csv (LatestContent.index), or null. */
  readLatestIndex?(manifest: SnapshotManifest): Promise<Uint8Array | null>;
  /**
   * Optional: keys' rows in a snapshot and where they came from, and the rows a run changed, without reading whole
   * tables (explain, history, diff); and, when offered, where every row of a snapshot came from (sinks keeping history).
   */
  rows?(): Pick<RowFinder, 'find' | 'runChanges'> & Partial<Pick<RowFinder, 'origins'>>;
  /** The inputs whose data a snapshot holds; empty for null (no snapshot yet). */
  readLedger(manifest: SnapshotManifest | null): Promise<LedgerEntry[]>;
  usage(): Promise<StoreUsage>;
  pins(): Promise<Set<string>>;
}

/** The write side: the commit protocol, recovery of latest.csv, retention and pins; called under the pipeline's lock. */
export interface SnapshotWriter {
  /** A new id, later than every existing one. */
  nextId(): Promise<string>;
  commit(draft: SnapshotDraft): Promise<SnapshotManifest>;
  /** Records a snapshot whose content and ledger are the target's, and makes latest.csv that content. */
  commitReset(draft: ResetDraft): Promise<SnapshotManifest>;
  /**
   * Makes latest.csv byte-identical to the head snapshot if it is not (crash recovery). Returns true if it rewrote
   * it. `expected`: the caller moved the head itself (clean from a base), so no warning is due.
   */
  ensureLatest(expected?: boolean): Promise<boolean>;
  /** Removes these snapshots and any content no remaining snapshot refers to. */
  remove(ids: string[]): Promise<void>;
  /** Removes every snapshot, latest.csv and the pipeline's stamp: the start of `clean`. */
  destroy(): Promise<void>;
  setPinned(id: string, pinned: boolean): Promise<void>;
}

/** One pipeline's snapshots, read and written. */
export interface PipelineSnapshots extends SnapshotReader, SnapshotWriter {}

/**
 * Keeps latest.csv and every version of it, per pipeline. A commit writes the
 * content, then the manifest (the commit point), then latest.csv, each atomically.
 */
export interface SnapshotStore {
  /** The snapshots of one pipeline (cheap: nothing is read until asked). */
  open(definition: PipelineDefinition): PipelineSnapshots;
}
