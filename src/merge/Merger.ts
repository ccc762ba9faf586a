import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import type { Table } from '../table/Table.js';
import type { ValidRow } from '../validation/Validator.js';

/** What a merge produced: the new latest table (sorted by key) and what changed. */
export interface MergeResult {
  table: Table;
  inserted: number;
  updated: number;
  /** Optional: the rows of `table` inserted or updated (sinks publish just these); without it, every row is. */
  changed?: string[][];
  /** Optional, with `changed`: where each changed row came from (its input and the line its record starts on), index for index. */
  origins?: { file: string; line: number }[];
}

/** The latest row per key while a run applies its inputs, in order. */
export interface MergeState {
  /** Applies one valid row read from `source` (its lineage), with `columns` naming row.values. */
  apply(row: ValidRow, columns: readonly string[], source: string): void;
  finish(): MergeResult;
}

/**
 * The plug-in point that decides which version of a row is current. The
 * built-in LatestRowMerger's rule: greatest timestamp wins; on equal
 * timestamps the row applied later wins (later file, then later line).
 */
export interface Merger {
  /** Starts from the previous latest table (null for the first run). */
  begin(definition: PipelineDefinition, previous: Table | null): MergeState;
}
