import type { LedgerEntry } from './SnapshotManifest.js';

/** What `clean` removes and moves back; written before it starts, so a crash mid-clean is finished by recovery. */
export interface CleanPlan {
  latest: string | null;
  snapshots: number;
  rejects: string[];
  /** Archived inputs that move back into the drop. */
  requeue: LedgerEntry[];
  /** After `clean --yes`: the names actually moved back (a file gone from the archive is not). */
  moved?: string[];
}
