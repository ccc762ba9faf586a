import { join } from 'node:path';
import { inject, injectable } from 'inversify';
import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import type { Logger } from '../logging/Logger.js';
import { FileLock } from './FileLock.js';
import { TOKENS } from '../tokens.js';
import type { Clock } from '../util/Clock.js';
import type { Workspace } from '../workspace/Workspace.js';

/** Runs work under a pipeline's lock (`<snapshots.path>/<pipeline>/lock`): one run, reset or clean at a time. */
@injectable()
export class PipelineLocks {
  constructor(
    @inject(TOKENS.Workspace) private readonly workspace: Workspace,
    @inject(TOKENS.Logger) private readonly logger: Logger,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async with<T>(definition: PipelineDefinition, command: string, waitSeconds: number, fn: () => Promise<T>): Promise<T> {
    const file = join(this.workspace.resolve(definition.snapshots.path, 'snapshots.path'), definition.name, 'lock');
    const lock = new FileLock(file, this.logger, { pipeline: definition.name, clock: this.clock });
    return FileLock.with(lock, { command }, fn, waitSeconds);
  }
}
