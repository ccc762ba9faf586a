import { readFile } from 'node:fs/promises';
import { inject, injectable } from 'inversify';
import { DroplineError } from '../errors/DroplineError.js';
import { ArchiveRetention } from '../retention/ArchiveRetention.js';
import type { ArchivePlan } from '../retention/planArchive.js';
import { PipelineSession } from '../scope/PipelineSession.js';
import { PipelineStore } from '../scope/PipelineStore.js';
import { StoreRecovery } from '../scope/StoreRecovery.js';
import { SinkPublisher } from '../sinks/SinkPublisher.js';
import type { CleanPlan } from '../snapshots/CleanPlan.js';
import type { LedgerEntry, SnapshotManifest } from '../snapshots/SnapshotManifest.js';
import { recordedPaths } from '../snapshots/recordedPaths.js';
import { atomicWrite } from '../util/atomicWrite.js';
import { crashPoint } from '../util/crashPoint.js';
import { Progress } from '../util/Progress.js';
import { checkArchiveUnmoved } from './checkArchiveUnmoved.js';
import { checkPathsUnchanged } from './checkPathsUnchanged.js';
import { committedFailure } from './committedFailure.js';
import { Retention } from './Retention.js';

/** What prune removed (or, with --dry-run, would): snapshots, and what source.retain does to the archive. */
export interface PruneResult {
  snapshots: string[];
  archive: ArchivePlan;
}

export interface ResetResult {
  snapshot: SnapshotManifest;
  requeued: string[];
}

export type { CleanPlan };

/** The scope's pipeline's life beyond a run: reset to a snapshot, clean to start over, prune and pin snapshots. */
@injectable()
export class PipelineHistory {
  constructor(
    @inject(PipelineSession) private readonly session: PipelineSession,
    @inject(PipelineStore) private readonly store: PipelineStore,
    @inject(StoreRecovery) private readonly recovery: StoreRecovery,
    @inject(Retention) private readonly retention: Retention,
    @inject(ArchiveRetention) private readonly archive: ArchiveRetention,
    @inject(SinkPublisher) private readonly sinks: SinkPublisher,
    @inject(Progress) private readonly progress: Progress,
  ) {}

  async reset(to: string, options: { reprocess: boolean; wait: number; acceptPaths?: boolean }): Promise<ResetResult> {
    const { context } = this.session;
    const definition = await context.check();
    const name = definition.name;
    // Before recovery, which already moves files: only a reset that moves files back needs the archive where it was.
    const before = options.reprocess ? () => this.checkArchive('reset --reprocess', Boolean(options.acceptPaths)) : undefined;
    return this.session.open('dropline reset', options.wait, { before, archiveIngested: true }, async ({ source, sinks }) => {
      const target = await this.snapshot(to);
      const head = await this.store.head();
      let requeue: LedgerEntry[] = [];
      if (options.reprocess) {
        if (!source.requeue) throw new DroplineError('USAGE', `source type "${definition.source.type}" cannot move inputs back; reset without --reprocess`, { pipeline: name });
        await this.archive.checkReprocess(target);
        const kept = new Set((await this.store.readLedger(target)).map((e) => e.sha256));
        requeue = (await this.store.readLedger(head)).filter((e) => !kept.has(e.sha256));
      }
      const history = await this.store.list();
      const files = new Map(history.flatMap((m) => m.files.map((f) => [f.sha256, f] as const)));
      const id = await this.store.nextId();
      const writing = this.progress.phase(name, 'write', target.latest.rows, 'rows');
      const snapshot = await this.store
        .commitReset({ id, parent: head?.id ?? null, target, requeued: requeue.map((e) => files.get(e.sha256) ?? { ...e, rows: 0 }) })
        .catch(async (err: unknown) => {
          // Once its manifest is written the reset is recorded (the next run restores latest.csv from it): exit 5, not "nothing changed".
          const recorded = (await this.store.head().catch(() => null))?.id === id;
          throw recorded ? committedFailure(err, name, id) : err;
        });
      writing(target.latest.rows);
      if (head && checkPathsUnchanged(name, head, snapshot.paths ?? recordedPaths(definition, context.workspace), true)) {
        context.logger.warn(
          `pipeline ${name}: the definition resolves to other folders than snapshot ${head.id} was made with; the reset wrote latest.csv to ${definition.output.path} and records the new paths`,
          { pipeline: name },
        );
      }
      try {
        const requeued = requeue.length > 0 ? await this.recovery.requeue(source, requeue) : [];
        context.logger.info(`reset to ${target.id} as snapshot ${snapshot.id}`, { pipeline: name, requeued: requeued.length });
        await this.sinks.publish(definition, sinks);
        return { snapshot, requeued };
      } catch (err) {
        throw committedFailure(err, name, snapshot.id);
      }
    });
  }

  /** What `clean` would remove and move back. */
  async planClean(): Promise<CleanPlan> {
    await this.session.context.check();
    return this.plan();
  }

  async clean(wait: number, acceptPaths = false): Promise<CleanPlan> {
    const definition = await this.session.context.check();
    return this.session.open('dropline clean', wait, { before: () => this.checkArchive('clean', acceptPaths), archiveIngested: true }, async ({ source, sinks }) => {
      const plan = await this.plan();
      await atomicWrite(this.recovery.markerPath(), JSON.stringify(plan) + '\n');
      crashPoint('clean-after-marker');
      const moved = await this.recovery.finishClean(source, plan);
      await this.sinks.publish(definition, sinks);
      return { ...plan, moved };
    });
  }

  /**
   * Removes the snapshots the retention policy lets go, then applies
   * source.retain to the archive (with `dryRun` only says what it would do).
   */
  async prune(dryRun: boolean, wait = 0): Promise<PruneResult> {
    if (dryRun) {
      const snapshots = await this.retention.prunable();
      return { snapshots, archive: await this.archive.plan(new Set(snapshots)) };
    }
    return this.session.locked('dropline prune', wait, async () => {
      await this.store.settleRejects();
      const snapshots = await this.retention.apply();
      return { snapshots, archive: await this.archive.apply() };
    });
  }

  async setPinned(id: string, pinned: boolean, wait = 0): Promise<string> {
    return this.session.locked(pinned ? 'dropline pin' : 'dropline unpin', wait, async () => {
      const snapshot = await this.snapshot(id);
      if (!pinned) await this.archive.checkUnpin(snapshot.id);
      await this.store.setPinned(snapshot.id, pinned);
      return snapshot.id;
    });
  }

  /** A snapshot by id; `latest` names the newest. */
  async snapshot(id: string): Promise<SnapshotManifest> {
    if (id !== 'latest') return this.store.get(id);
    const head = await this.store.head();
    if (head) return head;
    const name = this.session.context.name;
    throw new DroplineError('SNAPSHOT_NOT_FOUND', `pipeline ${name} has no snapshots yet, so "latest" names none; make the first with: dropline run ${name}`, { pipeline: name });
  }

  private async plan(): Promise<CleanPlan> {
    const { context } = this.session;
    const manifests = await this.store.list();
    // With a base (source.retain deleted inputs it holds), clean rebuilds from it: it stays, and what it holds stays archived.
    const base = (await this.archive.base()) ?? undefined;
    const held = new Set(base === undefined ? [] : (await this.store.readLedger(await this.store.get(base))).map((e) => e.sha256));
    const requeue = new Map<string, LedgerEntry>();
    for (const m of manifests) for (const e of await this.store.readLedger(m)) if (!held.has(e.sha256)) requeue.set(e.sha256, e);
    const removed = manifests.filter((m) => m.id !== base);
    const latestPath = context.resolve(context.definition.output.path, 'output.path');
    const latest = await readFile(latestPath).then(
      () => context.workspace.display(latestPath),
      () => null,
    );
    return {
      latest,
      snapshots: removed.length,
      rejects: removed.flatMap((m) => (m.rejects ? [m.rejects] : [])),
      ...(base !== undefined ? { base } : {}),
      requeue: [...requeue.values()],
    };
  }

  /** Refuses (PATHS_CHANGED) to move archived files back when the history archived them elsewhere. */
  private async checkArchive(what: string, accept: boolean): Promise<void> {
    const { definition, workspace } = this.session.context;
    checkArchiveUnmoved(definition.name, what, await this.store.list(), recordedPaths(definition, workspace), accept);
  }
}
