import { inject, injectable } from 'inversify';
import type { PipelineDefinition } from '../definition/PipelineDefinition.js';
import { PipelineLocks } from '../locking/PipelineLocks.js';
import type { Logger } from '../logging/Logger.js';
import { TOKENS } from '../tokens.js';
import type { Clock } from '../util/Clock.js';
import type { Workspace } from '../workspace/Workspace.js';
import { Catalog } from './Catalog.js';
import { HeldLeases } from './HeldLeases.js';
import { holderId, Leases } from './Leases.js';

/**
 * Team mode's pipeline lock: a lease in the catalog instead of a lock file,
 * renewed every third of `catalog.leaseSeconds` while `fn` runs, and given up
 * after. The lease's epoch is what the commit is fenced with (HeldLeases).
 */
@injectable()
export class TeamLocks extends PipelineLocks {
  constructor(
    @inject(TOKENS.Workspace) workspace: Workspace,
    @inject(TOKENS.Logger) private readonly log: Logger,
    @inject(TOKENS.Clock) clock: Clock,
    @inject(Catalog) private readonly catalog: Catalog,
    @inject(HeldLeases) private readonly held: HeldLeases,
  ) {
    super(workspace, log, clock);
  }

  override async with<T>(definition: PipelineDefinition, command: string, waitSeconds: number, fn: () => Promise<T>): Promise<T> {
    const pipeline = definition.name;
    if (this.held.get(pipeline)) throw new Error(`internal: pipeline ${pipeline} is already leased by this process`);
    const leases = new Leases(this.catalog);
    const lease = await leases.acquire(pipeline, holderId(), `dropline ${command}`, waitSeconds);
    this.held.set(lease);
    this.log.debug(`took the lease on pipeline ${pipeline} (epoch ${lease.epoch})`, { pipeline });
    const renewing = setInterval(
      () => {
        leases.renew(lease).then(
          (kept) => {
            if (kept) return;
            this.log.warn(`pipeline ${pipeline}: another process took this run's lease (epoch ${lease.epoch}); this run will not commit`, { pipeline });
          },
          (err: unknown) => this.log.debug(`renewing the lease on pipeline ${pipeline} failed: ${(err as Error).message}`, { pipeline }),
        );
      },
      (this.catalog.config.leaseSeconds * 1000) / 3,
    );
    renewing.unref();
    try {
      return await fn();
    } finally {
      clearInterval(renewing);
      this.held.delete(pipeline);
      await leases
        .release(lease)
        .catch((err: unknown) => this.log.warn(`pipeline ${pipeline}: could not give up its lease (${(err as Error).message}); it expires by itself`, { pipeline }));
    }
  }
}
