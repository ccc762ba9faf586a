import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import type { SnapshotManifest } from '../snapshots/SnapshotManifest.js';
import type { RunSummary } from './RunSummary.js';

export interface RunContext {
  pipeline: string;
  runId: string;
  definition: PipelineDefinition;
}

/** Called once the run holds the lock and knows its inputs, before reading any. */
export interface BeforeRunHook {
  beforeRun(context: RunContext & { inputs: string[] }): void | Promise<void>;
}

/** Called after each input was read (before anything is committed). */
export interface AfterFileHook {
  afterFile(context: RunContext & { file: string; outcome: 'processed' | 'skipped' | 'quarantined'; rows: number; rejected: number }): void | Promise<void>;
}

/** Called after the snapshot is committed and inputs acknowledged; `snapshot` is null when nothing was ingested. */
export interface AfterCommitHook {
  afterCommit(context: RunContext & { snapshot: SnapshotManifest | null; summary: RunSummary }): void | Promise<void>;
}

/** Called when a run fails, before the error reaches the caller. */
export interface OnErrorHook {
  onError(context: RunContext & { error: Error }): void | Promise<void>;
}
