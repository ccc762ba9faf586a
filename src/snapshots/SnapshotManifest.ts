import type { HeaderMatch } from '../validation/Validator.js';
import type { KeyOrderSpec } from './KeyOrder.js';

export interface IngestedFile {
  name: string;
  sha256: string;
  rows: number;
  /** When the input was last modified before the run read it (ISO 8601 UTC): its arrival, for `dropline status`. Absent for sources that do not know it, and in snapshots made before dropline recorded it. */
  modifiedAt?: string;
}

export interface SnapshotCounts {
  read: number;
  merged: number;
  rejected: number;
  inserted: number;
  updated: number;
}

/** Where a pipeline read and wrote when a snapshot was made, relative to the workspace, `/`-separated. */
export interface RecordedPaths {
  /** `source.path`; null for sources that do not read one (http, custom sources with their own options). */
  drop: string | null;
  /** `source.archive`; null when `drop` is. */
  archive: string | null;
  /** `output.path`: the latest.csv this snapshot's content was written to. */
  output: string;
}

/** What one snapshot is: written once, as JSON, and never changed. */
export interface SnapshotManifest {
  /** Sortable, unique, UTC-based: `20261125T214231123Z`. */
  id: string;
  /** The store format it needs (formatField): 3 once an object is Brotli, 2 for checkpoints and changesets; absent in the first format. */
  format?: number;
  /** ISO 8601 UTC. */
  createdAt: string;
  pipeline: string;
  parent: string | null;
  /** `run`: inputs from the drop; `replay`: a fix file of rejected rows (`dropline replay`), merged as a run; `reset`: a restore. */
  kind: 'run' | 'replay' | 'reset';
  /** For a reset: the snapshot whose content it restored. */
  restoredFrom?: string;
  files: IngestedFile[];
  counts: SnapshotCounts;
  /** Per file, how its header mapped onto the schema; `extras`: headers that mapped onto no column (absent when none, and before dropline recorded them). */
  headers: { file: string; matches: HeaderMatch[]; extras?: string[] }[];
  definitionSha256: string;
  latest: {
    sha256: string;
    bytes: number;
    rows: number;
    /**
     * The object holding the content, relative to the pipeline's snapshot folder: a checkpoint
     * (`changes/<sha256>.csv.br`, or `.csv.gz` when written before format 3, every row with its origin) or a
     * latest.csv kept whole (`objects/<sha256>.csv.br`; `.csv.gz` in the first format).
     */
    object: string;
    /** The changesets to apply on top of `object`, oldest first (absent or empty: `object` is the whole table). */
    changes?: string[];
    /** The changeset of the run that made this snapshot: the rows it inserted or changed, with their origins. */
    run?: string;
    /** The key order `object` and `changes` are sorted in (recorded with changesets). */
    order?: KeyOrderSpec;
  };
  /**
   * Every input whose data this snapshot's content holds (the processed-file
   * ledger): a run's is its parent's plus its own files; a reset's is its
   * target's. Stored once as a JSON object so pruning old manifests loses nothing.
   */
  ledger: { object: string; files: number };
  /** For a reset with --reprocess: the inputs moved back into the drop. */
  requeued?: IngestedFile[];
  /** Rejects file of the run, relative to the workspace, when rows were rejected. */
  rejects?: string;
  /** Where the pipeline read and wrote; absent in snapshots made before dropline recorded it. */
  paths?: RecordedPaths;
}

/** One entry of the processed-file ledger. */
export type LedgerEntry = Pick<IngestedFile, 'name' | 'sha256'>;
