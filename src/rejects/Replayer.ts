import { stat } from 'node:fs/promises';
import { inject, injectable } from 'inversify';
import { DroplineError } from '../errors/DroplineError.js';
import { PipelineRunner } from '../runner/PipelineRunner.js';
import type { RunSummary } from '../runner/RunSummary.js';
import { PipelineContext } from '../scope/PipelineContext.js';
import type { CsvTableReader } from '../sources/CsvTableReader.js';
import { TOKENS } from '../tokens.js';
import { RejectsWorklist } from './RejectsWorklist.js';
import { ReplaySource } from './ReplaySource.js';

/** What `dropline replay --json` prints: the run summary, and how many open rejects the fix file's rows closed as replayed. */
export type ReplaySummary = RunSummary & { replayed: number };

/**
 * `dropline replay`: a run of the pipeline over one fix file (ReplaySource)
 * instead of its drop, so its rows are validated and merged exactly as a run's
 * (same engine, same merge rule, a rejects file for the rows still invalid, the
 * ledger skipping a file replayed before), committed as a snapshot of kind
 * `replay`; the rejects it carried are then marked replayed.
 */
@injectable()
export class Replayer {
  constructor(
    @inject(PipelineContext) private readonly context: PipelineContext,
    @inject(PipelineRunner) private readonly runner: PipelineRunner,
    @inject(RejectsWorklist) private readonly worklist: RejectsWorklist,
    @inject(TOKENS.CsvReader) private readonly csv: CsvTableReader,
  ) {}

  /** `path`: the fix file, absolute; `shown`: as the user gave it. */
  async replay(path: string, shown: string, wait = 0): Promise<ReplaySummary> {
    const { name, definition } = this.context;
    const found = await stat(path).catch(() => null);
    if (!found?.isFile())
      throw new DroplineError('SOURCE_UNREADABLE', `${shown}: no such file; write one with dropline rejects export ${name} --open > fix.csv, correct it, then replay it`, {
        pipeline: name,
        file: shown,
      });
    const columns = definition.schema.columns.map((c) => c.name);
    let replayed = 0;
    const source = new ReplaySource(path, this.csv, columns, async (origins, sha256) => {
      replayed = await this.worklist.markReplayed(origins, sha256);
    });
    const summary = await this.runner.run({ wait, replay: source });
    const unusable = summary.quarantined[0];
    if (unusable)
      throw new DroplineError(
        'VALIDATION_FAILED',
        `${shown}: ${unusable.code}: ${unusable.message}; nothing was replayed: give it the header dropline rejects export ${name} writes (the schema's columns, then file and line) and replay it again`,
        { pipeline: name, file: shown },
      );
    return { ...summary, replayed };
  }
}
