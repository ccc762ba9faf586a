import type { HeaderMatch } from '../validation/Validator.js';

export interface IngestedFile {
  name: string;
  sha256: string;
  rows: number;
}

export interface SnapshotCounts {
  read: number;
  merged: number;
  rejected: number;
  inserted: number;
  updated: number;
}

/** What one snapshot is: written once, as JSON, and never changed. */
export interface SnapshotManifest {
  /** Sortable, unique, UTC-based: `20261125T214231123Z`. */
  id: string;
  /** ISO 8601 UTC. */
  createdAt: string;
  pipeline: string;
  parent: string | null;
  kind: 'run' | 'reset';
  /** For a reset: the snapshot whose content it restored. */
  restoredFrom?: string;
  files: IngestedFile[];
  counts: SnapshotCounts;
  headers: { file: string; matches: HeaderMatch[] }[];
  definitionSha256: string;
  latest: {
    sha256: string;
    bytes: number;
    rows: number;
    /** Object file holding the content, relative to the pipeline's snapshot folder. */
    object: string;
  };
  /** Rejects file of the run, relative to the workspace, when rows were rejected. */
  rejects?: string;
}
