import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import type { Table } from '../merge/Merger.js';
import type { SnapshotManifest } from './SnapshotManifest.js';

/** A snapshot about to be committed: everything but what the store derives. */
export type SnapshotDraft = Omit<SnapshotManifest, 'latest' | 'createdAt' | 'pipeline' | 'definitionSha256'> & { table: Table };

/**
 * Keeps latest.csv and every version of it. A commit writes the content, then
 * the manifest (the commit point), then latest.csv, each atomically.
 */
export interface SnapshotStore {
  list(definition: PipelineDefinition): Promise<SnapshotManifest[]>;
  head(definition: PipelineDefinition): Promise<SnapshotManifest | null>;
  get(definition: PipelineDefinition, id: string): Promise<SnapshotManifest>;
  readTable(definition: PipelineDefinition, manifest: SnapshotManifest): Promise<Table>;
  /** Content hash -> file name of every input the recorded snapshots ingested (the processed-file ledger). */
  ledger(definition: PipelineDefinition): Promise<Map<string, string>>;
  /** A new id, later than every existing one. */
  nextId(definition: PipelineDefinition): Promise<string>;
  commit(definition: PipelineDefinition, draft: SnapshotDraft): Promise<SnapshotManifest>;
  /** Makes latest.csv byte-identical to the head snapshot if it is not (crash recovery). Returns true if it rewrote it. */
  ensureLatest(definition: PipelineDefinition): Promise<boolean>;
}
