import { join } from 'node:path';
import { inject, injectable } from 'inversify';
import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import type { Logger } from '../logging/Logger.js';
import { FileSnapshots } from '../snapshots/FileSnapshots.js';
import type { SnapshotStore } from '../snapshots/SnapshotStore.js';
import { TOKENS } from '../tokens.js';
import type { Clock } from '../util/Clock.js';
import type { Workspace } from '../workspace/Workspace.js';
import { Catalog } from './Catalog.js';
import { CatalogManifests } from './CatalogManifests.js';
import { HeldLeases } from './HeldLeases.js';
import { TEAM_CONFIG, type TeamConfig } from './TeamConfig.js';

/**
 * Team mode's store: the same commit protocol as the embedded one
 * (FileSnapshots), with manifests, pins, ledgers and the head pointer in the
 * catalog (CatalogManifests, fenced by the run's lease), and the content
 * objects, immutable and content-addressed, in `<blobs.path>/<pipeline>/`.
 */
@injectable()
export class TeamSnapshotStore implements SnapshotStore {
  constructor(
    @inject(TOKENS.Workspace) private readonly workspace: Workspace,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Logger) private readonly logger: Logger,
    @inject(Catalog) private readonly catalog: Catalog,
    @inject(HeldLeases) private readonly held: HeldLeases,
    @inject(TEAM_CONFIG) private readonly config: TeamConfig,
  ) {}

  open(definition: PipelineDefinition): FileSnapshots {
    const manifests = new CatalogManifests(this.catalog, this.held, definition.name);
    return new FileSnapshots(definition, this.workspace, this.clock, this.logger, { manifests, contentDir: join(this.config.blobs.path, definition.name) });
  }
}
