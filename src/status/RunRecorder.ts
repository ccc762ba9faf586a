import { inject, injectable } from 'inversify';
import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import { ExitCode } from '../errors/DroplineError.js';
import { toDroplineError } from '../errors/toDroplineError.js';
import type { Logger } from '../logging/Logger.js';
import type { RunContext } from '../runner/LifecycleHooks.js';
import { TOKENS } from '../tokens.js';
import type { Clock } from '../util/Clock.js';
import type { Workspace } from '../workspace/Workspace.js';
import { type LastRun, LastRunFile } from './LastRunFile.js';

/**
 * Records how each run ended (`last-run.json` beside the pipeline's snapshots),
 * so `dropline status` can say a pipeline is failing: the runner tells it of
 * every run that took the lock, once it ended or failed (a run whose sink
 * failed after its commit is a failed run). A record that cannot be written is
 * logged; it never changes the run's outcome.
 */
@injectable()
export class RunRecorder {
  constructor(
    @inject(TOKENS.Workspace) private readonly workspace: Workspace,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Logger) private readonly logger: Logger,
  ) {}

  /**
   * A run that ended; `error` when it failed. A run refused as a usage or
   * definition error (exit 2: a sink type misspelt, PATHS_CHANGED) never
   * started: it changes nothing, this record included.
   */
  async ended(context: RunContext, error?: unknown): Promise<void> {
    const record: LastRun = { runId: context.runId, at: this.clock.now().toISOString(), ok: error === undefined };
    if (error !== undefined) {
      const failure = toDroplineError(error);
      if (failure.exitCode === ExitCode.USAGE) return;
      record.error = { code: failure.code, message: failure.message };
    }
    await this.record(context.definition, record);
  }

  private async record(definition: PipelineDefinition, record: LastRun): Promise<void> {
    try {
      await new LastRunFile(definition, this.workspace).write(record);
    } catch (err) {
      this.logger.warn(`could not record how run ${record.runId} ended (dropline status reads it): ${String(err)}`, { pipeline: definition.name });
    }
  }
}
