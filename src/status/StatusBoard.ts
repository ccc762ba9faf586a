import { inject, injectable } from 'inversify';
import { DefinitionLoader } from '../definition/DefinitionLoader.js';
import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import { PipelineStatus, type StatusHistory, type StatusReport } from './PipelineStatus.js';

/** The status of several pipelines: those named, or every pipeline of the workspace (templates left out), by name. */
@injectable()
export class StatusBoard {
  constructor(
    @inject(DefinitionLoader) private readonly definitions: DefinitionLoader,
    @inject(PipelineStatus) private readonly status: PipelineStatus,
  ) {}

  /** Named pipelines must exist (DEFINITION_NOT_FOUND); of all, one whose definition cannot be used is listed as failing. */
  async reports(names: string[], at?: Date): Promise<StatusReport[]> {
    if (names.length > 0) return Promise.all(names.map(async (name) => this.status.judge(await this.definitions.load(name), at)));
    return this.everyPipeline(
      (definition) => this.status.judge(definition, at),
      (name, error) => PipelineStatus.unloadable(name, error),
    );
  }

  /** Every pipeline's report with its runs and drops (`GET /api/status`); no history for one that cannot be loaded. */
  withHistory(at?: Date): Promise<(StatusReport & StatusHistory)[]> {
    return this.everyPipeline(
      async (definition) => ({ ...(await this.status.judge(definition, at)), ...(await this.status.history(definition)) }),
      (name, error) => ({ ...PipelineStatus.unloadable(name, error), runs: [], drops: [] }),
    );
  }

  private async everyPipeline<T>(judge: (definition: PipelineDefinition) => Promise<T>, unloadable: (name: string, error: string) => T): Promise<T[]> {
    const results: T[] = [];
    for (const summary of await this.definitions.list()) {
      results.push(summary.error !== undefined ? unloadable(summary.name, summary.error) : await judge(await this.definitions.load(summary.name)));
    }
    return results;
  }
}
