import { inject, injectable } from 'inversify';
import { changedRowsOf } from '../merge/changedRowsOf.js';
import type { MergeState, Merger } from '../merge/Merger.js';
import { PipelineStore } from '../scope/PipelineStore.js';
import { tableContent } from '../table/LatestContent.js';
import { TOKENS } from '../tokens.js';
import type { RowReject, ValidRow } from '../validation/Validator.js';
import { InputIngestor, type FileOutcome } from './InputIngestor.js';
import type { DropResult, IngestJob, MergedLatest, MergeEngine } from './MergeEngine.js';

/** Rows between two progress events while a file is read. */
export const PROGRESS_ROWS = 10_000;

/**
 * The reference engine: every record through the Validator as strings, every
 * valid row into the Merger's state, the whole table in memory. Serves every
 * source, validator and merger; the byte engine is held to its results.
 */
@injectable()
export class ReferenceEngine implements MergeEngine {
  constructor(
    @inject(InputIngestor) private readonly ingestor: InputIngestor,
    @inject(TOKENS.Merger) private readonly merger: Merger,
    @inject(PipelineStore) private readonly store: PipelineStore,
  ) {}

  async ingest(job: IngestJob): Promise<DropResult> {
    const { definition, source, head, seen, log } = job;
    // The previous latest table is read only when there is something to merge into it.
    let state: MergeState | null = null;
    const rejects: RowReject[] = [];
    const outcomes: FileOutcome[] = [];
    let read = 0;
    let before: readonly string[] | null = null;
    for (const input of job.inputs) {
      if (state === null) {
        const previous = head ? await this.store.readTable(head) : null;
        before = previous?.columns ?? null;
        state = this.merger.begin(definition, previous);
      }
      const merge = state;
      let rowsInFile = 0;
      const onRow = (row: ValidRow, columns: readonly string[]): void => {
        merge.apply(row, columns, input.name);
        if (++rowsInFile % PROGRESS_ROWS === 0) job.rowsRead(outcomes.length, read + rowsInFile);
      };
      const outcome = await this.ingestor.ingest(definition, source, input, seen, { onRow, onReject: (r) => rejects.push(r) }, log);
      if (outcome.kind === 'processed') {
        read += outcome.rows;
        seen.set(outcome.sha256, input.name);
      }
      outcomes.push(outcome);
      await job.fileDone(outcome, read);
    }
    const merge = state;
    if (merge === null || !outcomes.some((o) => o.kind === 'processed')) return { outcomes, rejects, read, finish: null };
    const finish = (): MergedLatest => {
      const result = merge.finish();
      // Rows changed are told apart from the parent's only when the columns are the same.
      const comparable = before === null || sameColumns(before, result.table.columns);
      return {
        content: tableContent(result.table),
        inserted: result.inserted,
        updated: result.updated,
        table: () => Promise.resolve(result.table),
        changed: () => (comparable ? (result.changed ?? result.table.rows) : null),
        changes: () => (comparable ? changedRowsOf(result) : null),
      };
    };
    return { outcomes, rejects, read, finish };
  }
}

function sameColumns(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((c, i) => c === b[i]);
}
