import type { RowOrigin } from '../snapshots/ChangeRecords.js';
import type { SnapshotManifest } from '../snapshots/SnapshotManifest.js';
import type { PipelineSnapshots } from '../snapshots/SnapshotStore.js';
import type { PublishChanges, PublishContext } from './Sink.js';

/**
 * Where the rows a publish hands over came from, read from the store only when
 * a sink asks (one that keeps history), once for all sinks: `origins` for the
 * whole table of `head` (its checkpoint and changesets), and `changes` with
 * `origins` for the run's rows (its changeset), given only when the changeset
 * holds exactly those rows.
 */
export function publishOrigins(store: PipelineSnapshots, head: SnapshotManifest | null, changes: PublishChanges | undefined): Pick<PublishContext, 'origins' | 'changes'> {
  const finder = store.rows?.();
  if (!head || !finder) return changes ? { changes } : {};
  const whole = finder.origins?.bind(finder);
  let all: Promise<RowOrigin[] | null> | null = null;
  let run: Promise<RowOrigin[] | null> | null = null;
  const origins = whole ? () => (all ??= whole(head)) : undefined;
  const runOrigins = async (rows: string[][]): Promise<RowOrigin[] | null> => {
    const held = await finder.runChanges(head);
    return held !== null && sameRows(held.rows, rows) ? held.origins : null;
  };
  return {
    ...(origins ? { origins } : {}),
    ...(changes ? { changes: { ...changes, origins: () => (run ??= runOrigins(changes.rows)) } } : {}),
  };
}

function sameRows(a: string[][], b: string[][]): boolean {
  if (a.length !== b.length) return false;
  for (let r = 0; r < a.length; r++) {
    const x = a[r]!;
    const y = b[r]!;
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  }
  return true;
}
