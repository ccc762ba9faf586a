import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { inject, injectable } from 'inversify';
import { ArchiveRetention } from '../retention/ArchiveRetention.js';
import type { CleanPlan } from '../snapshots/CleanPlan.js';
import { readCleanMarker } from '../snapshots/readCleanMarker.js';
import type { LedgerEntry } from '../snapshots/SnapshotManifest.js';
import type { Source } from '../sources/Source.js';
import { crashPoint } from '../util/crashPoint.js';
import { Progress } from '../util/Progress.js';
import { PipelineContext } from './PipelineContext.js';
import { PipelineStore } from './PipelineStore.js';

const CLEAN_MARKER = 'clean.pending';

/**
 * Brings a pipeline's stored state back to one piece after a crash (call under
 * the lock): a clean half done, a latest.csv that differs from the last
 * snapshot, rejects files no snapshot names, inputs a reset meant to move back.
 */
@injectable()
export class StoreRecovery {
  constructor(
    @inject(PipelineContext) private readonly context: PipelineContext,
    @inject(PipelineStore) private readonly store: PipelineStore,
    @inject(Progress) private readonly progress: Progress,
    @inject(ArchiveRetention) private readonly archive: ArchiveRetention,
  ) {}

  /**
   * With `archiveIngested`, inputs still in the drop that the last snapshot
   * already holds are acknowledged (a run does this itself while reading;
   * reset and clean must, or they would apply them again).
   */
  async recover(source: Source, archiveIngested = false): Promise<void> {
    const name = this.context.name;
    const pending = await readCleanMarker(this.markerPath(), this.context.workspace, name);
    if (pending) {
      this.context.logger.warn(`finishing an interrupted clean of pipeline ${name}`, { pipeline: name });
      await this.finishClean(source, pending);
    }
    await this.store.ensureLatest();
    await this.store.settleRejects();
    const head = await this.store.head();
    if (archiveIngested && head) {
      const ledger = new Set((await this.store.readLedger(head)).map((e) => e.sha256));
      for (const input of await source.list()) {
        const table = await source.open(input).catch(() => null);
        if (table && ledger.has(table.fingerprint)) await source.acknowledge([input]);
      }
      await source.finishAcknowledging?.();
    }
    if (head?.kind === 'reset' && head.requeued && source.requeue) {
      const wanted = new Set(head.requeued.map((e) => e.sha256));
      await this.archive.restore((h) => wanted.has(h));
      const moved = await source.requeue(head.requeued);
      if (moved.length > 0) this.context.logger.warn(`moved ${moved.length} file(s) back into the drop that an interrupted reset left in the archive`, { pipeline: name });
    }
  }

  /**
   * Removes every snapshot (but the base, when the plan has one: latest.csv is
   * reset to it) and rejects file the plan names and moves archived inputs
   * back (but those the base holds); returns the names moved back.
   */
  async finishClean(source: Source, plan: CleanPlan): Promise<string[]> {
    const removing = this.progress.phase(this.context.name, 'remove', plan.snapshots, 'snapshots');
    let keep: Set<string> | undefined;
    if (plan.base !== undefined) {
      keep = await this.archive.kept(new Set((await this.store.readLedger(await this.store.get(plan.base))).map((e) => e.sha256)));
      const others = (await this.store.list()).map((m) => m.id).filter((id) => id !== plan.base);
      if (others.length > 0) await this.store.remove(others);
      await this.store.ensureLatest(true);
    } else {
      // retention.json goes with the store: the gzip files it made are turned back into inputs first.
      if (source.requeue) await this.archive.restore(() => true);
      await this.store.destroy();
    }
    for (const r of plan.rejects) await rm(this.context.resolve(r, 'rejects'), { force: true });
    removing(plan.snapshots);
    crashPoint('clean-after-destroy');
    // Starting over: every archived input goes back, also those only a pruned snapshot had named (but what the base holds).
    const moved = source.requeue ? await this.requeue(source, plan.requeue, { everything: true, ...(keep ? { keep } : {}) }) : [];
    await rm(this.markerPath(), { force: true });
    return moved;
  }

  /** Moves archived inputs back into the drop, in one call to the source (it matches them across the whole archive); gzip files retention made are restored first. */
  async requeue(source: Source, entries: LedgerEntry[], options?: { everything: boolean; keep?: ReadonlySet<string> }): Promise<string[]> {
    const moving = this.progress.phase(this.context.name, 'requeue', entries.length, 'files');
    const wanted = new Set(entries.map((e) => e.sha256));
    await this.archive.restore(options?.everything ? (h) => !options.keep?.has(h) : (h) => wanted.has(h));
    const moved = await source.requeue!(entries, options);
    moving(entries.length);
    return moved;
  }

  /** Where a clean records its plan before it removes anything. */
  markerPath(): string {
    const { definition } = this.context;
    return join(this.context.resolve(definition.snapshots.path, 'snapshots.path'), definition.name, CLEAN_MARKER);
  }
}
