import { inject, injectable } from 'inversify';
import { PipelineContext } from '../scope/PipelineContext.js';
import { PipelineStore } from '../scope/PipelineStore.js';
import { RejectsJournal } from '../snapshots/RejectsJournal.js';
import { selectPrunable } from '../snapshots/selectPrunable.js';
import { parseSnapshotId } from '../snapshots/snapshotId.js';
import { TOKENS } from '../tokens.js';
import type { Clock } from '../util/Clock.js';

/** The retention policy (snapshots.keep, snapshots.maxAge) of the scope's pipeline: what it lets go, and letting it go. */
@injectable()
export class Retention {
  constructor(
    @inject(PipelineContext) private readonly context: PipelineContext,
    @inject(PipelineStore) private readonly store: PipelineStore,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  /** Prunes by the definition's retention (call under the lock); returns the ids removed. */
  async apply(): Promise<string[]> {
    const prunable = await this.prunable();
    if (prunable.length > 0) {
      // Their rejects files go with them (journaled first, so a crash cannot leave them behind).
      const doomed = new Set(prunable);
      await this.store.intendRejects(RejectsJournal.of((await this.store.list()).filter((m) => doomed.has(m.id))));
      await this.store.remove(prunable);
      await this.store.settleRejects();
      this.context.logger.info(`pruned ${prunable.length} snapshot(s)`, { pipeline: this.context.name, ids: prunable });
    }
    return prunable;
  }

  /** The snapshots the policy lets go, never the newest or a pinned one. */
  async prunable(): Promise<string[]> {
    const { keep, maxAgeMs } = this.context.definition.snapshots;
    if (keep === undefined && maxAgeMs === undefined) return [];
    // Ages come from the ids, which only ever grow, so a clock that stepped back cannot reorder them.
    const snapshots = (await this.store.list()).map((m) => ({ id: m.id, createdAt: parseSnapshotId(m.id).toISOString() }));
    return selectPrunable(snapshots, { keep, maxAgeMs }, await this.store.pins(), this.clock.now());
  }
}
