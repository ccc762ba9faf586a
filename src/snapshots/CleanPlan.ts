import type { LedgerEntry } from './SnapshotManifest.js';

/** What `clean` removes and moves back; written before it starts, so a crash mid-clean is finished by recovery. */
export interface CleanPlan {
  latest: string | null;
  snapshots: number;
  rejects: string[];
  /**
   * The pinned snapshot clean rebuilds from when source.retain deleted inputs
   * it holds: it stays, latest.csv is reset to it, and only the inputs after
   * it move back. Absent: clean starts from nothing.
   */
  base?: string;
  /** Archived inputs that move back into the drop. */
  requeue: LedgerEntry[];
  /** After `clean --yes`: the names actually moved back (a file gone from the archive is not). */
  moved?: string[];
}
