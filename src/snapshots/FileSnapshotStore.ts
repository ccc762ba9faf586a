import { inject, injectable } from 'inversify';
import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import type { Logger } from '../logging/Logger.js';
import { TOKENS } from '../tokens.js';
import type { Clock } from '../util/Clock.js';
import type { Workspace } from '../workspace/Workspace.js';
import { FileSnapshots } from './FileSnapshots.js';
import type { SnapshotStore } from './SnapshotStore.js';

/** The built-in store: each pipeline's snapshots in files under its `snapshots.path` (FileSnapshots). */
@injectable()
export class FileSnapshotStore implements SnapshotStore {
  constructor(
    @inject(TOKENS.Workspace) private readonly workspace: Workspace,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Logger) private readonly logger: Logger,
  ) {}

  open(definition: PipelineDefinition): FileSnapshots {
    return new FileSnapshots(definition, this.workspace, this.clock, this.logger);
  }
}
