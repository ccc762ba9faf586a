import type { LedgerEntry, SnapshotManifest } from '../snapshots/SnapshotManifest.js';
import { parseSnapshotId } from '../snapshots/snapshotId.js';
import type { RetentionState } from './RetentionStateFile.js';

/**
 * Gives each archived file in `state.files` without one its ingestion time:
 * that of the oldest snapshot that read it (its `files`), else, when that
 * snapshot was since pruned, of the oldest snapshot left if its ledger holds
 * it (the input is at least that old). Times come from snapshot ids, which
 * only grow. A file neither names stays undated, and is left as it is. Runs
 * record the time while the snapshot that read the input is still there.
 */
export async function dateInputs(state: RetentionState, manifests: SnapshotManifest[], readLedger: (m: SnapshotManifest) => Promise<LedgerEntry[]>): Promise<void> {
  const undated = Object.values(state.files).filter((f) => f.ingested === null);
  if (undated.length === 0 || manifests.length === 0) return;
  const first = new Map<string, string>();
  for (const m of manifests) {
    for (const f of m.files) if (!first.has(f.sha256)) first.set(f.sha256, parseSnapshotId(m.id).toISOString());
  }
  const oldest = manifests[0]!;
  let ledger: Set<string> | null = null;
  for (const f of undated) {
    f.ingested = first.get(f.sha256) ?? null;
    if (f.ingested !== null) continue;
    ledger ??= new Set((await readLedger(oldest)).map((e) => e.sha256));
    if (ledger.has(f.sha256)) f.ingested = parseSnapshotId(oldest.id).toISOString();
  }
}
