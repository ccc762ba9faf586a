import type { EngineChoice } from '../definition/PipelineDefinition.js';
import type { EngineName } from './MergeEngine.js';
import type { IgnoredInput, Source, WaitingInput } from '../sources/Source.js';
import type { HeaderMatch } from '../validation/Validator.js';

/** What `dropline run --json` prints: the contract scripts rely on. */
export interface RunSummary {
  pipeline: string;
  runId: string;
  /** The new snapshot's id, or null when the run changed nothing. */
  snapshot: string | null;
  /**
   * Counts of the inputs handled; `waiting`: inputs left in the drop for a later run (too young for
   * source.settle, or changed while read), with why; `ignored`: what the drop holds that was not read, with why.
   */
  files: { processed: number; quarantined: number; skipped: number; waiting: WaitingInput[]; ignored: IgnoredInput[] };
  rows: { read: number; merged: number; rejected: number };
  latest: { rows: number; inserted: number; updated: number; path: string };
  /** Header mappings that were not exact, per file. */
  headers: (Omit<HeaderMatch, 'index'> & { file: string })[];
  /** Files set aside, with why. */
  quarantined: { file: string; code: string; message: string }[];
  /** The rejects file of this run, relative to the workspace, or null. */
  rejects: string | null;
  durationMs: number;
  /** Which engine read and merged the inputs: `bytes` (the default where it applies) or `reference`. */
  engine: EngineName;
}

export interface RunProgress {
  filesDone: number;
  filesTotal: number;
  rowsRead: number;
}

export interface RunOptions {
  onProgress?: (progress: RunProgress) => void;
  /** Seconds to wait for another run's lock before failing with LOCKED. */
  wait?: number;
  /** Ingest files even if the same content was ingested before. */
  force?: boolean;
  /** Run even though the drop, archive or output resolve elsewhere than the newest snapshot's (PATHS_CHANGED), and record the new ones. */
  acceptPaths?: boolean;
  /** `--engine`: overrides the definition's `engine:` and DROPLINE_ENGINE. */
  engine?: EngineChoice;
  /** `dropline replay`: read this source (a fix file) instead of the pipeline's; the snapshot is of kind `replay`. */
  replay?: Source;
}
