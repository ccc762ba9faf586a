import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import type { SnapshotManifest } from '../snapshots/SnapshotManifest.js';
import type { SnapshotReader } from '../snapshots/SnapshotStore.js';
import type { Table } from '../table/Table.js';

/**
 * When `b` is the run right after `a` and keeps its changeset: the rows it
 * changed, and those keys' rows in `a` found through a's changesets and
 * checkpoint: all a diff between them needs, without reading either table
 * (a run writes a changeset only when its columns are its parent's). Null
 * otherwise, or for a store that cannot look rows up.
 */
export async function adjacentRows(
  reader: SnapshotReader,
  definition: PipelineDefinition,
  a: SnapshotManifest,
  b: SnapshotManifest,
): Promise<{ before: Table; after: Table } | null> {
  if (b.kind === 'reset' || b.parent !== a.id || b.latest.run === undefined) return null;
  const rows = reader.rows?.();
  const changes = await rows?.runChanges(b);
  if (!rows || !changes) return null;
  const keyIndexes = definition.schema.key.map((k) => changes.columns.indexOf(k));
  if (keyIndexes.some((i) => i < 0)) return null;
  const found = await rows.find(
    a,
    changes.rows.map((row) => keyIndexes.map((i) => row[i]!)),
  );
  return {
    before: { columns: changes.columns, rows: found.flatMap((f) => (f === null ? [] : [f.row])) },
    after: { columns: changes.columns, rows: changes.rows },
  };
}
