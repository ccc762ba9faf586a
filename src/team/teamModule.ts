import { ContainerModule } from 'inversify';
import { PipelineLocks } from '../locking/PipelineLocks.js';
import { TOKENS } from '../tokens.js';
import { Catalog } from './Catalog.js';
import { HeldLeases } from './HeldLeases.js';
import { TEAM_CONFIG, type TeamConfig } from './TeamConfig.js';
import { TeamLocks } from './TeamLocks.js';
import { TeamSnapshotStore } from './TeamSnapshotStore.js';

/**
 * Team mode (dropline.yaml has `catalog:`): the catalog, and the two stages
 * that keep state across machines rebound to it: the pipeline lock becomes a
 * lease, the snapshot store keeps manifests in the catalog and content in the
 * blob folder. Everything else (run, snapshots, show, diff, reset, clean,
 * prune, sync, serve) goes through these two and needs no change.
 */
export function teamModule(config: TeamConfig): ContainerModule {
  return new ContainerModule(({ bind, rebind }) => {
    bind(TEAM_CONFIG).toConstantValue(config);
    bind(Catalog)
      .toDynamicValue((ctx) => new Catalog(config.catalog, ctx.get(TOKENS.Logger)))
      .inSingletonScope();
    bind(HeldLeases).toSelf().inSingletonScope();
    rebind(PipelineLocks).to(TeamLocks).inSingletonScope();
    rebind(TOKENS.SnapshotStore).to(TeamSnapshotStore).inSingletonScope();
  });
}
