import type { PipelineDefinition } from '../../src/definition/PipelineDefinition.js';
import type { Table } from '../../src/table/Table.js';
import type { PublishContext, PublishedState } from '../../src/sinks/Sink.js';
import type { SnapshotManifest } from '../../src/snapshots/SnapshotManifest.js';

/** A manifest with what sinks read of it (id, kind, parent, rows); the rest blank. */
export function manifest(id: string, kind: 'run' | 'reset', parent: string | null, rows: number): SnapshotManifest {
  return {
    id,
    createdAt: '2021-03-01T00:00:00.000Z',
    pipeline: 'shop',
    parent,
    kind,
    files: [],
    counts: { read: rows, merged: rows, rejected: 0, inserted: rows, updated: 0 },
    headers: [],
    definitionSha256: '',
    latest: { sha256: '', bytes: 0, rows, object: '' },
    ledger: { object: '', files: 0 },
  };
}

/** What the publisher hands a sink: `snapshot` shown with `rows`, after `history`. */
export function publishContext(
  definition: PipelineDefinition,
  snapshot: SnapshotManifest | null,
  table: Table,
  previous: PublishedState,
  history: SnapshotManifest[] = [],
): PublishContext {
  return { definition, snapshot, table, snapshots: snapshot ? [...history, snapshot] : [], previous };
}

/** The typed schema's columns in latest.csv order, with lineage. */
export const TYPED_COLUMNS = ['region', 'id', 'name', 'price', 'active', 'born', 'updated', 'source_filename'];

/** A typed row: region, id, name, price, active, born, updated, file. */
export function typedRow(region: string, id: number, name: string, updated: string, file = 'a.csv'): string[] {
  return [region, String(id), name, '1.5', 'true', '2000-01-01', updated, file];
}
