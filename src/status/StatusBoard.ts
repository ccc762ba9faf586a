import { inject, injectable } from 'inversify';
import { DefinitionLoader } from '../definition/DefinitionLoader.js';
import { PipelineStatus, type StatusReport } from './PipelineStatus.js';

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
    const reports: StatusReport[] = [];
    for (const summary of await this.definitions.list()) {
      if (summary.error !== undefined) reports.push(PipelineStatus.unloadable(summary.name, summary.error));
      else reports.push(await this.status.judge(await this.definitions.load(summary.name), at));
    }
    return reports;
  }
}
